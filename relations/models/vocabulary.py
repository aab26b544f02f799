"""Shared vocabularies: topics of claims and the metrics figures measure."""

from django.db import models

from .base import SlugManager, VersionedModel


class Topic(VersionedModel):
    slug = models.SlugField(unique=True, max_length=100)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class MetricQuerySet(models.QuerySet):
    def published(self):
        """Metrics that a published figure measures."""
        from .claims import Figure

        return self.filter(models.Exists(Figure.objects.published().filter(metric=models.OuterRef("pk"))))


class MetricManager(SlugManager.from_queryset(MetricQuerySet)):
    pass


class Metric(VersionedModel):
    """What a figure measures, named once so that figures from different sources line up."""

    class Period(models.TextChoices):
        ANNUAL = "annual", "annual"
        POINT = "point", "point in time"
        CUMULATIVE = "cumulative", "cumulative to date"

    slug = models.SlugField(unique=True, max_length=100)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    period = models.CharField(max_length=10, choices=Period.choices, help_text="The period figures of it cover.")
    broader = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="narrower",
        help_text="The wider measure this one is part of (Israeli imports from Kazakhstan → bilateral trade).",
    )

    objects = MetricManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

"""Shared vocabularies: topics of claims and the metrics figures measure."""

from django.db import models

from .base import SlugManager, VersionedModel


class TopicQuerySet(models.QuerySet):
    def published(self):
        """Topics an approved claim is tagged with."""
        from .claims import Claim

        return self.filter(models.Exists(Claim.objects.published().filter(topics=models.OuterRef("pk"))))


class MetricQuerySet(models.QuerySet):
    def published(self):
        """Metrics a figure of an approved claim measures, and every `broader` metric above one (the API links it).

        The broader chain is walked here, one query per level: a vocabulary holds tens of metrics, not millions.
        """
        from .claims import Figure

        used = Metric.objects.filter(models.Exists(Figure.objects.published().filter(metric=models.OuterRef("pk"))))
        public, level = set(), set(used.values_list("pk", flat=True))
        while level:
            public |= level
            broader = Metric.objects.filter(pk__in=level, broader__isnull=False).values_list("broader", flat=True)
            level = set(broader) - public
        return self.filter(pk__in=public)


class Topic(VersionedModel):
    slug = models.SlugField(unique=True, max_length=100)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    objects = SlugManager.from_queryset(TopicQuerySet)()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


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

    objects = SlugManager.from_queryset(MetricQuerySet)()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

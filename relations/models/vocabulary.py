"""Shared vocabularies: topics of claims and the metrics figures measure."""

from django.core.exceptions import ValidationError
from django.db import models

from .base import SlugManager, VersionedModel


class TopicQuerySet(models.QuerySet):
    def published(self):
        """Topics an approved claim is tagged with."""
        from .claims import Claim

        # A correlated LIMIT 1 per topic, unordered, walks the claim-topic index and stops at the first approved
        # claim (ordered as claims are, SQLite sorted every claim of the topic first: 340 ms at 100k). As an
        # EXISTS, PostgreSQL hashed every claim-topic row instead: 500 ms at 1M claims for a list of 11 topics.
        first = Claim.objects.published().filter(topics=models.OuterRef("pk")).order_by().values("pk")[:1]
        tagged = Topic.objects.annotate(first_claim=models.Subquery(first)).filter(first_claim__isnull=False)
        return self.filter(pk__in=tagged.values("pk"))


# How many `broader` steps a metric may sit above the one a figure measures. Metric.clean() refuses deeper
# (or circular) chains, so that published() stays one query that does not depend on the vocabulary.
MAX_BROADER_DEPTH = 3


class MetricQuerySet(models.QuerySet):
    def published(self):
        """Metrics a figure of an approved claim measures, and every `broader` metric above one (the API links it)."""
        from .claims import Figure

        figures = Figure.objects.published()
        paths = ["metric", *("metric" + "__broader" * depth for depth in range(1, MAX_BROADER_DEPTH + 1))]
        measured = models.Q()
        for path in paths:
            measured |= models.Exists(figures.filter(**{path: models.OuterRef("pk")}))
        return self.filter(measured)


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

    def clean(self):
        seen, broader = {self.pk}, self.broader
        for _ in range(MAX_BROADER_DEPTH):
            if broader is None:
                return
            if broader.pk in seen:
                raise ValidationError({"broader": "A metric cannot be broader than itself."})
            seen.add(broader.pk)
            broader = broader.broader
        if broader is not None:
            raise ValidationError(
                {"broader": f"A metric may sit at most {MAX_BROADER_DEPTH} steps below the broadest."}
            )

"""Sources: the documents every claim is anchored in, stored verbatim."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from relations.provenance import normalize_line_endings

from .base import SlugManager, VersionedModel
from .dates import partial_date_constraint, partial_date_fields


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SourceQuerySet(models.QuerySet):
    def published(self):
        """Sources with at least one approved claim."""
        from .claims import Claim

        return self.filter(models.Exists(Claim.objects.published().filter(source=models.OuterRef("pk"))))


class SourceManager(SlugManager.from_queryset(SourceQuerySet)):
    pass


class Source(VersionedModel):
    class Kind(models.TextChoices):
        NEWS_ARTICLE = "news_article", "news article"
        ANALYSIS = "analysis", "analysis"
        OFFICIAL_STATEMENT = "official_statement", "official statement"
        INTERVIEW = "interview", "interview"
        STUDY = "study", "study"
        OPINION = "opinion", "opinion piece"
        OTHER = "other", "other"

    class DateBasis(models.TextChoices):
        FOUND = "found", "found: stated in or on the page"
        INFERRED = "inferred", "inferred from evidence (see the note)"

    slug = models.SlugField(unique=True, max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=500)
    publisher = models.ForeignKey(
        "relations.Actor", on_delete=models.PROTECT, null=True, blank=True, related_name="published_sources"
    )
    authors = models.ManyToManyField("relations.Actor", blank=True, related_name="authored_sources")
    url = models.URLField("URL", max_length=500, blank=True)
    published, published_precision = partial_date_fields("published", name="published")
    published_basis = models.CharField(
        "how the date was established", max_length=8, choices=DateBasis.choices, blank=True
    )
    published_note = models.TextField("date note", blank=True, help_text="The evidence for an inferred date.")
    language = models.CharField(max_length=10, default="en", help_text="BCP 47 language tag, e.g. en, ru, kk, he.")
    body = models.TextField(help_text="The full text exactly as published, typos included. Never served by the API.")
    body_sha256 = models.CharField("SHA-256 of the body", max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceManager()
    # The body is kept in history: an edit that keeps every anchor is allowed, and the text it replaced
    # must stay readable (it is what older claims and their reviews were checked against).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published", "title"]
        constraints = [
            partial_date_constraint("published", "source"),
            models.CheckConstraint(
                condition=models.Q(published__isnull=True) | ~models.Q(published_basis=""),
                name="source_published_basis_set",
                violation_error_message="Say how the publication date was established: found or inferred.",
            ),
        ]
        indexes = [
            # Used by the API's source list, newest first.
            models.Index(fields=["-published", "title"], name="source_newest_first"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = normalize_line_endings(self.body)
        self.body_sha256 = sha256(self.body)
        if not self._state.adding:
            self.refuse_breaking_body_change()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        self.body = normalize_line_endings(self.body)
        if not self._state.adding:
            self.refuse_breaking_body_change()

    def refuse_breaking_body_change(self):
        """Refuse a new body that some claim or figure anchored in this source no longer matches."""
        stored = Source._base_manager.filter(pk=self.pk).values_list("body", flat=True).first()
        if stored is None or stored == self.body:
            return
        broken = [
            f"{span._meta.verbose_name} {span.pk}: {problem}"
            for span in self.anchored_spans()
            for problem in span.anchor_problems(self.body)
        ]
        if broken:
            raise ValidationError({"body": ["The new text breaks anchors that rest on this source:", *broken[:20]]})

    def anchored_spans(self):
        from .claims import Figure

        yield from self.claims.all()
        yield from Figure.objects.filter(claim__source=self)

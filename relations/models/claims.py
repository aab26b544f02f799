"""Claims anchored in sources, the figures they state, and the review workflow that publishes them."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from relations import provenance

from .base import AnchoredSpan, UidManager, VersionedModel
from .dates import partial_date_constraint, partial_date_fields
from .vocabulary import Metric

# What full-text search reads of a claim. On PostgreSQL each claim stores it in the search_document column
# (migration 0006_claim_search_document), GIN-indexed; read it with SearchDocument().
CLAIM_SEARCH_VECTOR = SearchVector("statement", "quote", config="english")


class SearchDocument(models.Expression):
    """The claim's stored search vector on PostgreSQL: a generated column that the model does not declare.

    Undeclared so that Django never writes it and SQLite, which has no text-search vectors, never needs it.
    In a query on claims, `SearchDocument()`; from a related model, the path to its claim: `SearchDocument("claim")`.
    """

    output_field = SearchVectorField()

    def __init__(self, path: str = ""):
        super().__init__()
        self.path = path
        self.alias = None

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = self.copy()
        if self.path:
            # Join the claim as the ORM would for any of its columns, and read the vector from that table.
            column = models.F(f"{self.path}__status").resolve_expression(query, allow_joins, reuse, summarize)
            resolved.alias = column.alias
        return resolved

    def as_sql(self, compiler, connection):
        # The claims table of the query at hand: "relations_claim" at the top, an alias such as U0 in a subquery.
        table = compiler.quote_name_unless_alias(self.alias or compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_document')}", []


class InvalidTransition(Exception):
    """A review step that the claim's state or the four-eyes rule does not allow."""


# The history reason of an approval or a rejection: a review step, not an edit of the claim.
REVIEW_STEP = "review"


def may_submit(user) -> bool:
    """Submitting is the editors' step: it needs their change permission on claims."""
    return user is not None and user.is_authenticated and user.has_perm("relations.change_claim")


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """Approved claims: the only claims the public may see."""
        return self.filter(status=Claim.Status.APPROVED)

    def involving(self, user):
        """Claims `user` had a hand in: created, edited any version of, submitted, or created or edited a figure of.

        The four-eyes rule in one place: the review queue, the buttons, the bulk actions and approve()/reject()
        all ask reviewable_by(), which excludes these. Review steps themselves are not edits.
        """
        claim = models.OuterRef("pk")
        edits = Claim.history.model.objects.filter(id=claim, history_user=user).exclude(
            history_change_reason=REVIEW_STEP
        )
        figure_edits = Figure.history.model.objects.filter(claim_id=claim, history_user=user)
        return self.filter(
            models.Q(created_by=user)
            | models.Q(updated_by=user)
            | models.Q(submitted_by=user)
            | models.Exists(edits)
            | models.Exists(figure_edits)
        )

    def reviewable_by(self, user):
        """Claims in review that `user` may approve or reject, oldest submission first."""
        if user is None or not user.is_authenticated or not user.has_perm("relations.review_claim"):
            return self.none()
        mine = self.involving(user).filter(pk=models.OuterRef("pk"))
        return self.filter(status=Claim.Status.IN_REVIEW).exclude(models.Exists(mine)).order_by("submitted_at")


class ClaimManager(UidManager.from_queryset(ClaimQuerySet)):
    pass


class Claim(AnchoredSpan, VersionedModel):
    class Kind(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "direct quote of the speaker"
        PARAPHRASE = "paraphrase", "paraphrase of a named speaker"
        AUTHOR_ASSERTION = "author_assertion", "the author's own assertion"

    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        IN_REVIEW = "in_review", "in review"
        APPROVED = "approved", "approved"
        REJECTED = "rejected", "rejected"

    # A claim's substance, with its figures' (Figure.SUBSTANCE) and their adding and deleting: what a
    # reviewer approved. Changing any of it on an approved claim sends the claim back to review. Topics
    # are not: they file the claim, they do not say what it states.
    SUBSTANCE = ("source_id", "quote", "start", "end", "statement", "kind", "speaker_id", "event_id")
    SUBSTANCE_M2M = ("subjects",)

    uid = models.UUIDField("id", unique=True, default=uuid.uuid4, editable=False)
    source = models.ForeignKey("relations.Source", on_delete=models.PROTECT, related_name="claims")
    statement = models.TextField(help_text="The claim restated in plain words.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    speaker = models.ForeignKey(
        "relations.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_spoken",
        help_text="Who says it; empty for the author's own assertion when the author is not known.",
    )
    subjects = models.ManyToManyField("relations.Actor", blank=True, related_name="claims_about")
    event = models.ForeignKey("relations.Event", on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    topics = models.ManyToManyField("relations.Topic", blank=True, related_name="claims")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_created"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_updated"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_submitted"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_reviewed"
    )
    review_note = models.TextField(blank=True, help_text="The reviewer's reason; required to reject.")

    objects = ClaimManager()
    history = HistoricalRecords(m2m_fields=[subjects, topics])

    class Meta:
        ordering = ["source", "start", "end"]
        permissions = [("review_claim", "Can approve or reject claims")]
        constraints = [
            *AnchoredSpan.span_constraints("claim"),
            models.CheckConstraint(
                condition=models.Q(kind="author_assertion") | models.Q(speaker__isnull=False),
                name="claim_speaker_unless_author",
                violation_error_message="A quote or paraphrase needs a speaker.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(review_note=""),
                name="claim_rejection_has_reason",
                violation_error_message="A rejected claim needs the reviewer's reason.",
            ),
        ]
        indexes = [
            # Used by the review queue: claims in review, oldest submission first.
            models.Index(fields=["status", "submitted_at"], name="claim_review_queue"),
            # Used by the API's published claim lists and a source's claims in reading order.
            models.Index(fields=["status", "source", "start"], name="claim_status_source"),
            # Used by a speaker's published claims, newest first: the API's ?speaker= and an actor's page. Without
            # the id, PostgreSQL walked every claim backwards looking for a speaker with few (74 ms at 100k).
            models.Index(fields=["status", "speaker", "-id"], name="claim_status_speaker"),
            # Used by the reading site's home page: the latest approved claims.
            models.Index(fields=["status", "-reviewed_at"], name="claim_status_reviewed"),
            # Used by the admin's date hierarchy: the first and last claim of a list.
            models.Index(fields=["created_at"], name="claim_created_at"),
        ]

    def __str__(self):
        statement = self.statement if len(self.statement) <= 80 else self.statement[:79] + "…"
        return statement

    def save(self, *args, **kwargs):
        if self.status == self.Status.APPROVED and self.changed_since_loaded(self.SUBSTANCE):
            self._return_to_review()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (str(self.uid),)

    def anchor_source_body(self) -> str:
        return self.source.body

    def clean(self):
        if self.source_id is not None and self.quote:
            self.validate_anchor()
        if self.kind != self.Kind.AUTHOR_ASSERTION and self.speaker_id is None:
            raise ValidationError({"speaker": "A quote or paraphrase needs a speaker."})

    def anchor_quote(self, quote: str, occurrence: int | None = None) -> None:
        """Anchor the claim at `quote` in its source; raise provenance.AnchorError if it is not there."""
        self.set_anchor(provenance.locate(self.source.body, quote, occurrence))

    # Review workflow. Each step checks the state it starts from and records who and when.

    def available_steps(self, user) -> set[str]:
        """The review steps `user` may take on this claim now: what the buttons show and the views allow."""
        if self.status in (self.Status.DRAFT, self.Status.REJECTED):
            return {"submit"} if may_submit(user) else set()
        if self.status == self.Status.IN_REVIEW and Claim.objects.reviewable_by(user).filter(pk=self.pk).exists():
            return {"approve", "reject"}
        return set()

    @transaction.atomic
    def submit(self, user) -> None:
        self._require_status(self.Status.DRAFT, self.Status.REJECTED, step="submit")
        if not may_submit(user):
            raise InvalidTransition("Only editors can submit claims for review.")
        self._require_anchored("submit")
        self.status = self.Status.IN_REVIEW
        self.submitted_at, self.submitted_by = timezone.now(), user
        self.reviewed_at, self.reviewed_by, self.review_note = None, None, ""
        self._history_user = user
        self.save()

    @transaction.atomic
    def approve(self, user, note: str = "") -> None:
        self._require_status(self.Status.IN_REVIEW, step="approve")
        self._require_second_pair_of_eyes(user)
        self._require_anchored("approve")
        self.status = self.Status.APPROVED
        self.reviewed_at, self.reviewed_by, self.review_note = timezone.now(), user, note
        self._history_user, self._change_reason = user, REVIEW_STEP
        self.save()

    @transaction.atomic
    def reject(self, user, reason: str) -> None:
        self._require_status(self.Status.IN_REVIEW, step="reject")
        self._require_second_pair_of_eyes(user)
        if not reason or not reason.strip():
            raise InvalidTransition("Give a reason to reject the claim.")
        self.status = self.Status.REJECTED
        self.reviewed_at, self.reviewed_by, self.review_note = timezone.now(), user, reason.strip()
        self._history_user, self._change_reason = user, REVIEW_STEP
        self.save()

    def _return_to_review(self) -> None:
        self.status = self.Status.IN_REVIEW
        self.submitted_at = timezone.now()
        self.review_note = "Sent back to review: its substance changed after approval."

    def return_to_review(self) -> None:
        """Send an approved claim back to review, e.g. because one of its figures changed."""
        if self.status == self.Status.APPROVED:
            self._return_to_review()
            self.save(update_fields=["status", "submitted_at", "review_note", "updated_at"])

    def _require_status(self, *allowed: str, step: str) -> None:
        if self.status not in allowed:
            names = " or ".join(self.Status(s).label for s in allowed)
            raise InvalidTransition(f"Cannot {step} a claim that is {self.get_status_display()}: it must be {names}.")

    def _require_second_pair_of_eyes(self, user) -> None:
        """The four-eyes rule as reviewable_by() states it, with the reason when it refuses."""
        if user is None or not user.pk:
            raise InvalidTransition("A review needs a signed-in reviewer.")
        if Claim.objects.involving(user).filter(pk=self.pk).exists():
            raise InvalidTransition(
                "Four-eyes rule: you cannot review a claim you created, edited (any version), submitted, "
                "or whose figures you created or edited."
            )
        if not user.has_perm("relations.review_claim"):
            raise InvalidTransition("Only reviewers can approve or reject claims.")

    def _require_anchored(self, step: str) -> None:
        problems = [*self.anchor_problems(), *(p for f in self.figures.all() for p in f.anchor_problems())]
        if problems:
            raise InvalidTransition(f"Cannot {step}: the quote is not anchored in its source ({problems[0]}).")


class ClaimInReview(Claim):
    """The review queue in the admin: the same claims, listed for a reviewer."""

    class Meta:
        proxy = True
        verbose_name = "claim awaiting my review"
        verbose_name_plural = "review queue"


class FigureQuerySet(models.QuerySet):
    def published(self):
        """Figures of approved claims."""
        return self.filter(claim__status=Claim.Status.APPROVED)


class FigureManager(UidManager.from_queryset(FigureQuerySet)):
    pass


class Figure(AnchoredSpan, VersionedModel):
    """A number a claim states, with its own span inside the claim's quote."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exact"
        APPROXIMATE = "approximate", "approximate (“some”, “about”)"
        LOWER_BOUND = "lower_bound", "lower bound (“more than”, “over”, “upwards of”)"
        UPPER_BOUND = "upper_bound", "upper bound (“less than”, “up to”)"
        RANGE = "range", "range (“between … and …”)"

    class Unit(models.TextChoices):
        CURRENCY = "currency", "amount of money"
        PERCENT = "percent", "percent"
        COUNT = "count", "count"
        PEOPLE = "people", "people"
        RANK = "rank", "rank (1 = first)"
        YEARS = "years", "years"
        MONTHS = "months", "months"
        WEEKS = "weeks", "weeks"
        DAYS = "days", "days"
        HOURS = "hours", "hours"
        TONNES = "tonnes", "tonnes"
        BARRELS = "barrels", "barrels"
        HECTARES = "hectares", "hectares"
        RATIO = "ratio", "ratio"

    uid = models.UUIDField("id", unique=True, default=uuid.uuid4, editable=False)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="figures")
    metric = models.ForeignKey("relations.Metric", on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField(max_digits=24, decimal_places=6, help_text="For a range, the midpoint.")
    lower = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    upper = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    qualifier = models.CharField(max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Use an ISO 4217 code such as USD.")],
        help_text="ISO 4217 code, for amounts of money.",
    )
    period = models.CharField(max_length=10, choices=Metric.Period.choices)
    date, date_precision = partial_date_fields("holds for", name="date")
    subjects = models.ManyToManyField("relations.Actor", blank=True, related_name="figures_about")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FigureManager()
    history = HistoricalRecords(m2m_fields=[subjects])

    class Meta:
        ordering = ["claim", "start"]
        constraints = [
            *AnchoredSpan.span_constraints("figure"),
            partial_date_constraint("date", "figure"),
            models.CheckConstraint(
                condition=models.Q(lower__isnull=True) | models.Q(lower__lte=models.F("value")),
                name="figure_lower_le_value",
                violation_error_message="The lower bound is above the value.",
            ),
            models.CheckConstraint(
                condition=models.Q(upper__isnull=True) | models.Q(value__lte=models.F("upper")),
                name="figure_value_le_upper",
                violation_error_message="The value is above the upper bound.",
            ),
            models.CheckConstraint(
                condition=(models.Q(unit="currency") & ~models.Q(currency=""))
                | (~models.Q(unit="currency") & models.Q(currency="")),
                name="figure_currency_iff_money",
                violation_error_message="An amount of money needs a currency code (USD); other units none.",
            ),
        ]
        indexes = [
            # A metric's figures across sources, ordered by date and then id (`order_by("date", "pk")`): read in
            # index order, no sort.
            models.Index(fields=["metric", "date", "id"], name="figure_metric_date_id"),
        ]

    def __str__(self):
        return f"{self.metric}: {self.quote}"

    # Part of its claim's substance (see Claim.SUBSTANCE): every field the figure form edits.
    SUBSTANCE = (
        "quote",
        "start",
        "end",
        "metric_id",
        "value",
        "lower",
        "upper",
        "qualifier",
        "unit",
        "currency",
        "period",
        "date",
        "date_precision",
    )
    SUBSTANCE_M2M = ("subjects",)

    def save(self, *args, **kwargs):
        changed = self._state.adding or self.changed_since_loaded(self.SUBSTANCE)
        # One transaction: if the claim's save is refused (a concurrent edit), the figure is not changed either.
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if changed:
                self.claim.return_to_review()

    def natural_key(self):
        return (str(self.uid),)

    natural_key.dependencies = ["relations.claim"]

    def anchor_source_body(self) -> str:
        return self.claim.source.body

    def anchor_in_claim(self, quote: str, occurrence: int | None = None) -> None:
        """Anchor the figure at `quote` inside its claim's quote."""
        body = self.claim.source.body
        self.set_anchor(provenance.locate(body, quote, occurrence, within=(self.claim.start, self.claim.end)))

    def clean(self):
        errors = {}
        if self.claim_id is not None and self.quote:
            problems = self.anchor_problems()
            if problems:
                errors["quote"] = [f"Not anchored: {p}." for p in problems]
            elif not (self.claim.start <= self.start and self.end <= self.claim.end):
                errors["quote"] = ["The figure's span must lie inside its claim's quote."]
        errors.update(self.bound_errors())
        if errors:
            raise ValidationError(errors)

    def bound_errors(self) -> dict[str, str]:
        """The bounds each qualifier implies: a lower bound is the value, a range has both ends."""
        q = self.Qualifier
        if self.qualifier == q.LOWER_BOUND and self.lower != self.value:
            return {"lower": "For “more than …”, the lower bound is the value."}
        if self.qualifier == q.UPPER_BOUND and self.upper != self.value:
            return {"upper": "For “less than …”, the upper bound is the value."}
        if self.qualifier == q.RANGE and (self.lower is None or self.upper is None):
            return {"qualifier": "A range needs both a lower and an upper bound."}
        if self.qualifier in (q.EXACT, q.APPROXIMATE) and (self.lower is not None or self.upper is not None):
            return {"qualifier": "Bounds belong to a range or a bound, not an exact or approximate figure."}
        return {}


# Deleting a figure, and changing a claim's or a figure's subjects, change the claim's substance on every
# path (a figure's own delete, the changelist's delete_selected, an inline's delete box, a queryset delete,
# m2m add/remove/clear from either side): each sends an approved claim back to review. Signals, because
# queryset deletes and many-to-many managers never call the models' own methods.


@receiver(post_delete, sender=Figure, dispatch_uid="relations.figure_deleted")
def _figure_deleted(sender, instance, **kwargs):
    # The claim in memory when there is one (an inline's parent), so that its version stays current.
    claim = instance.claim if Figure.claim.is_cached(instance) else Claim.objects.filter(pk=instance.claim_id).first()
    if claim is not None:
        claim.return_to_review()


def _substance_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        if not hasattr(instance, "_loaded_values"):
            # Neither read from the database nor saved through save(): loaddata's raw save of a fixture
            # record, whose status is as the fixture states it, setting its many-to-many rows.
            return
        claims = [instance if isinstance(instance, Claim) else instance.claim]
    else:
        field = next(f for f in model._meta.many_to_many if f.remote_field.through is sender)
        changed = model.objects.filter(**{field.name: instance}) if action == "pre_clear" else pk_set
        if model is Figure:
            changed = Figure.objects.filter(pk__in=changed).values("claim_id")
        claims = Claim.objects.published().filter(pk__in=changed)
    for claim in claims:
        claim.return_to_review()


for _model in (Claim, Figure):
    for _name in _model.SUBSTANCE_M2M:
        m2m_changed.connect(
            _substance_m2m_changed,
            sender=getattr(_model, _name).through,
            dispatch_uid=f"relations.{_model.__name__}.{_name}.substance",
        )

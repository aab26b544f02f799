"""Suggestions: what the suggesters propose in a source, for an editor to accept or reject.

A suggestion is never public and never a claim. Accepting one creates a *draft* record — a claim, a
figure on a claim, an actor or alias, an event link — anchored through relations.provenance and validated
by the models' own full_clean(), so the review workflow and every rule apply unchanged. Rejecting one
records it, so that the suggesters do not propose the same span and type again.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from relations import provenance

from .actors import Actor, ActorAlias
from .base import available_slug
from .claims import Claim, Figure
from .events import Event
from .vocabulary import Metric


class AlreadyDecided(Exception):
    """The suggestion was accepted or rejected already: it cannot be decided again."""


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        """Suggestions nobody has decided on yet."""
        return self.filter(status=Suggestion.Status.OPEN)

    def decided(self):
        return self.exclude(status=Suggestion.Status.OPEN)


class Suggestion(models.Model):
    class Type(models.TextChoices):
        QUOTE = "quote", "quote"
        FIGURE = "figure", "figure"
        ACTOR = "actor", "actor"
        EVENT = "event", "event"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    source = models.ForeignKey("relations.Source", on_delete=models.CASCADE, related_name="suggestions")
    type = models.CharField(max_length=6, choices=Type.choices)
    start = models.PositiveIntegerField(help_text="Offset of the first character in the source body.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character.")
    text = models.TextField(help_text="Exactly the source text between start and end.")
    score = models.FloatField(help_text="How sure the suggester is, from 0 to 1.")
    data = models.JSONField(default=dict, blank=True, help_text="The proposed fields of this type of suggestion.")
    key = models.CharField(
        max_length=200,
        blank=True,
        help_text="Tells apart several proposals for one span (the event each one proposes).",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="suggestions_decided"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was rejected.")
    created_at = models.DateTimeField(auto_now_add=True)

    # What accepting it created or linked.
    claim = models.ForeignKey(
        "relations.Claim", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    figure = models.ForeignKey(
        "relations.Figure", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    actor = models.ForeignKey(
        "relations.Actor", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    alias = models.ForeignKey(
        "relations.ActorAlias", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    event = models.ForeignKey(
        "relations.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["source", "start", "end", "type", "-score"]
        constraints = [
            # One proposal per span, type and target: running the suggesters again adds nothing twice.
            models.UniqueConstraint(fields=["source", "type", "start", "end", "key"], name="suggestion_unique_span"),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")),
                name="suggestion_start_before_end",
                violation_error_message="A suggestion must start before it ends.",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="suggestion_score_0_1",
                violation_error_message="A score lies between 0 and 1.",
            ),
        ]
        indexes = [
            # Used by the source desk: a source's open suggestions in reading order.
            models.Index(fields=["source", "status", "start"], name="suggestion_source_status"),
        ]

    def __str__(self):
        return f"{self.get_type_display()} “{self.text[:60]}”"

    def clean(self):
        problems = provenance.verify(self.source.body, self.text, self.start, self.end)
        if problems:
            raise ValidationError({"text": [f"Not anchored: {p}." for p in problems]})

    def as_json(self) -> dict:
        """The suggestion in the documented format (README, issue 10 §5)."""
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 3),
            **self.data,
        }

    # Deciding. Each step checks that the suggestion is still open and records who and when.

    @transaction.atomic
    def accept(self, user, **overrides):
        """Create the draft record this suggestion proposes and return it; `overrides` replace proposed fields.

        quote → a draft claim; figure → a figure on the draft claim that covers it (made for the
        sentence if there is none); actor → a new actor, or a new alias of the known one; event → the
        draft claim covering the span, linked to the known event or to a new one.
        """
        self._require_open()
        if provenance.verify(self.source.body, self.text, self.start, self.end):
            raise ValidationError(
                {"text": "The source text has changed since this was suggested: run the suggesters again."}
            )
        accept = {
            self.Type.QUOTE: self._accept_quote,
            self.Type.FIGURE: self._accept_figure,
            self.Type.ACTOR: self._accept_actor,
            self.Type.EVENT: self._accept_event,
        }[self.type]
        created = accept(user, {**self.data, **overrides})
        self._decide(user, self.Status.ACCEPTED)
        return created

    @transaction.atomic
    def reject(self, user, reason: str = "") -> None:
        self._require_open()
        self.reason = reason.strip()
        self._decide(user, self.Status.REJECTED)

    def _require_open(self) -> None:
        current = Suggestion.objects.select_for_update().filter(pk=self.pk).values_list("status", flat=True).first()
        if current is None:
            raise AlreadyDecided("This suggestion no longer exists.")
        if current != self.Status.OPEN:
            raise AlreadyDecided(f"This suggestion was {self.Status(current).label} already.")

    def _decide(self, user, status) -> None:
        self.status, self.decided_by, self.decided_at = status, user, timezone.now()
        self.save()

    # What accepting creates, type by type.

    def _anchor(self, start: int | None = None, end: int | None = None) -> provenance.Anchor:
        body = self.source.body
        start = self.start if start is None else start
        end = self.end if end is None else end
        problems = provenance.verify(body, body[start:end], start, end)
        if problems or not body[start:end].strip():
            raise ValidationError({"text": [f"Not anchored: {p}." for p in problems] or ["The span is empty."]})
        prefix, suffix = provenance.context(body, start, end)
        return provenance.Anchor(body[start:end], start, end, prefix, suffix)

    def _draft_claim(self, user, anchor: provenance.Anchor, **fields) -> Claim:
        claim = Claim(source=self.source, created_by=user, updated_by=user, status=Claim.Status.DRAFT, **fields)
        claim.set_anchor(anchor)
        claim.full_clean()
        claim.save()
        return claim

    def _accept_quote(self, user, fields) -> Claim:
        start, end = fields.get("start", self.start), fields.get("end", self.end)
        kind = fields.get("kind") or Claim.Kind.DIRECT_QUOTE
        speaker = _actor(fields.get("speaker"))
        anchor = self._anchor(start, end)
        self.claim = self._draft_claim(
            user, anchor, kind=kind, speaker=speaker, statement=fields.get("statement") or anchor.quote
        )
        return self.claim

    def _covering_claim(self, user, start: int, end: int) -> Claim:
        """A draft claim of this source whose quote covers start–end, or a new one for the sentence."""
        covering = (
            self.source.claims.filter(status=Claim.Status.DRAFT, start__lte=start, end__gte=end)
            .order_by("end", "-start")
            .first()
        )
        if covering:
            return covering
        s, e = sentence_around(self.source.body, start, end)
        anchor = self._anchor(s, e)
        return self._draft_claim(user, anchor, kind=Claim.Kind.AUTHOR_ASSERTION, statement=anchor.quote)

    def _accept_figure(self, user, fields) -> Figure:
        metric = fields.get("metric")
        if not isinstance(metric, Metric):
            metric = Metric.objects.filter(slug=metric).first() if metric else None
        if metric is None:
            raise ValidationError({"metric": "Choose the metric this figure measures."})
        claim = self._covering_claim(user, self.start, self.end)
        figure = Figure(
            claim=claim,
            metric=metric,
            value=_decimal(fields.get("value")),
            lower=_decimal(fields.get("lower")),
            upper=_decimal(fields.get("upper")),
            qualifier=fields.get("qualifier") or Figure.Qualifier.EXACT,
            unit=fields.get("unit") or Figure.Unit.COUNT,
            currency=fields.get("currency") or "",
            period=fields.get("period") or metric.period,
        )
        figure.date_partial = fields.get("date") or None
        figure.set_anchor(self._anchor())
        figure.full_clean()
        figure.save()
        self.claim, self.figure = claim, figure
        return figure

    def _accept_actor(self, user, fields) -> Actor | ActorAlias:
        known = _actor(fields.get("actor"))
        if known is not None:
            alias, _ = ActorAlias.objects.get_or_create(actor=known, name=self.text)
            self.actor, self.alias = known, alias
            return alias
        name = (fields.get("name") or self.text).strip()
        kind = fields.get("kind")
        if kind not in Actor.Kind.values:
            raise ValidationError({"kind": "Say whether the new actor is a person, an organisation or a state."})
        actor = Actor(slug=unique_slug(Actor, name), name=name, kind=kind)
        actor.full_clean()
        actor.save()
        alias = ActorAlias(actor=actor, name=self.text)
        alias.full_clean()
        alias.save()
        self.actor, self.alias = actor, alias
        return actor

    def _accept_event(self, user, fields) -> Claim:
        event = fields.get("event")
        if not isinstance(event, Event):
            event = Event.objects.filter(slug=event).first() if event else None
        if event is None:
            title = (fields.get("title") or self.text).strip()
            event_type = fields.get("event_type") or Event.Type.OTHER
            event = Event(slug=unique_slug(Event, title), title=title, event_type=event_type)
            event.start_partial = fields.get("date") or None
            event.full_clean()
            event.save()
        claim = self._covering_claim(user, self.start, self.end)
        claim.event = event
        claim.updated_by = user
        claim.full_clean()
        claim.save()
        self.claim, self.event = claim, event
        return claim


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its paragraph) that contains body[start:end], without surrounding white space."""
    from relations.text import sentence_span

    return sentence_span(body, start, end)


def unique_slug(model, name: str) -> str:
    """A free slug for a new record named `name`."""
    return available_slug(model, slugify(name)[:90] or model._meta.model_name)


def _actor(value) -> Actor | None:
    if value is None or isinstance(value, Actor):
        return value
    return Actor.objects.filter(slug=value).first()


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))

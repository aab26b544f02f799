"""Events: visits, agreements, elections, forums… with dates, status, place and participants."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import SlugManager, VersionedModel
from .dates import partial_date_constraint, partial_date_fields, validate_partial_date_order


class EventQuerySet(models.QuerySet):
    def published(self):
        """Events that an approved claim reports."""
        from .claims import Claim

        return self.filter(models.Exists(Claim.objects.published().filter(event=models.OuterRef("pk"))))


class EventManager(SlugManager.from_queryset(EventQuerySet)):
    pass


class Event(VersionedModel):
    class Type(models.TextChoices):
        VISIT = "visit", "visit"
        MEETING = "meeting", "meeting"
        AGREEMENT = "agreement", "agreement signed"
        ELECTION = "election", "election"
        FORUM = "forum", "forum or conference"
        EXHIBITION = "exhibition", "exhibition or trade show"
        OPENING = "opening", "opening"
        APPOINTMENT = "appointment", "appointment"
        TERM = "term", "term of office or chairmanship"
        PUBLICATION = "publication", "publication or statement"
        INCIDENT = "incident", "incident"
        OTHER = "other", "other"

    class Status(models.TextChoices):
        OCCURRED = "occurred", "occurred"
        PLANNED = "planned", "planned"
        CANCELLED = "cancelled", "cancelled"

    slug = models.SlugField(unique=True, max_length=100)
    event_type = models.CharField(max_length=12, choices=Type.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    start, start_precision = partial_date_fields("start", name="start")
    end, end_precision = partial_date_fields("end", name="end")
    date_note = models.TextField(blank=True, help_text="How a relative date (“last August”) was resolved.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OCCURRED)
    place = models.CharField(max_length=200, blank=True, help_text="City or venue, as named today.")
    country = models.ForeignKey(
        "relations.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        limit_choices_to={"kind": "state"},
    )
    participants = models.ManyToManyField("relations.Actor", through="EventParticipant", related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["start", "title"]
        constraints = [
            partial_date_constraint("start", "event"),
            partial_date_constraint("end", "event"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="event_end_after_start",
                violation_error_message="The end date comes before the start date.",
            ),
        ]
        indexes = [
            # Used by the API's event filters: type and date range.
            models.Index(fields=["event_type", "start"], name="event_type_start"),
            models.Index(fields=["start"], name="event_start"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        validate_partial_date_order(self.start_partial, self.end_partial)


class ParticipantManager(models.Manager):
    def get_by_natural_key(self, event_slug, actor_slug, role):
        return self.get(event__slug=event_slug, actor__slug=actor_slug, role=role)


class EventParticipant(models.Model):
    class Role(models.TextChoices):
        HOST = "host", "host"
        VISITOR = "visitor", "visitor"
        SIGNATORY = "signatory", "signatory"
        PARTICIPANT = "participant", "participant"
        ORGANISER = "organiser", "organiser"
        CANDIDATE = "candidate", "candidate"
        WINNER = "winner", "winner"
        CHAIR = "chair", "chair or office holder"
        EXHIBITOR = "exhibitor", "exhibitor"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey("relations.Actor", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=12, choices=Role.choices)

    objects = ParticipantManager()

    class Meta:
        ordering = ["event", "role", "actor__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="participant_unique_role"),
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()}) at {self.event}"

    def natural_key(self):
        return (self.event.slug, self.actor.slug, self.role)

    natural_key.dependencies = ["relations.event", "relations.actor"]

"""People, organisations and states; every spelling of their names; their roles over time."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from .base import SlugManager, VersionedModel
from .dates import partial_date_constraint, partial_date_fields, validate_partial_date_order


class ActorQuerySet(models.QuerySet):
    def delete(self):
        refuse_deleting_subjects(self)
        return super().delete()

    def published(self):
        """Actors a published record refers to: as speaker, subject, participant, host country or publisher."""
        from .claims import Claim, Figure
        from .events import Event
        from .sources import Source

        # One EXISTS per role, tested actor by actor with index lookups (stopping at the first that holds),
        # rather than IN over every published claim: a page of 20 actors would otherwise read a million claims.
        actor = models.OuterRef("pk")
        claims = Claim.objects.published()
        referenced = (
            models.Exists(claims.filter(speaker=actor))
            | models.Exists(claims.filter(subjects=actor))
            | models.Exists(Source.objects.published().filter(publisher=actor))
            | models.Exists(Source.objects.published().filter(authors=actor))
            | models.Exists(Event.objects.published().filter(participants=actor))
            | models.Exists(Event.objects.published().filter(country=actor))
            | models.Exists(Figure.objects.published().filter(subjects=actor))
            | models.Exists(claims.filter(affiliations__person=actor))
            | models.Exists(claims.filter(affiliations__organisation=actor))
        )
        return self.filter(referenced)

    def matching(self, text: str):
        """Actors whose name or one of whose aliases contains `text`, ignoring case."""
        aliases = ActorAlias.objects.filter(name__icontains=text).values("actor_id")
        return self.filter(models.Q(name__icontains=text) | models.Q(pk__in=aliases))


class ActorManager(SlugManager.from_queryset(ActorQuerySet)):
    pass


class Actor(VersionedModel):
    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANISATION = "organisation", "organisation"
        STATE = "state", "state"

    slug = models.SlugField(unique=True, max_length=100)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200, help_text="The name in its usual English spelling.")
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata id looks like Q232.")],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Two actors may not claim the same Wikidata item; blank means "not known".
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~models.Q(wikidata_id=""), name="actor_unique_wikidata_id"
            ),
        ]
        indexes = [
            # Used by the API's actor kind filter.
            models.Index(fields=["kind", "name"], name="actor_kind_name"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def delete(self, *args, **kwargs):
        refuse_deleting_subjects(Actor.objects.filter(pk=self.pk))
        return super().delete(*args, **kwargs)

    def resting_records(self) -> list[models.Model]:
        """Claims and figures that name this actor as a subject: deleting it would silently change them.

        A speaker is protected by its foreign key; a subject is a many-to-many row, which a delete would
        remove without a word. Actor.delete(), the queryset's delete() and the admin's delete pages ask this.
        """
        from .claims import Claim, Figure

        return [*Claim.objects.filter(subjects=self)[:20], *Figure.objects.filter(subjects=self)[:20]]


def refuse_deleting_subjects(actors) -> None:
    """Raise ProtectedError, as a speaker's PROTECT foreign key does, before anything is deleted."""
    for actor in actors:
        resting = actor.resting_records()
        if resting:
            raise models.ProtectedError(
                f"Cannot delete {actor}: claims or figures name it as a subject. Remove it from them first.",
                set(resting),
            )


class AliasManager(models.Manager):
    def get_by_natural_key(self, name, actor_slug):
        return self.get(name=name, actor__slug=actor_slug)


class ActorAlias(models.Model):
    """A spelling of an actor's name as seen in a source ("Binyamin Netanyahu", "Nazabayev")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    objects = AliasManager()

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["name"]
        constraints = [
            # An alias names exactly one actor, compared ignoring case ("Foreign Ministry" and "foreign ministry"
            # cannot be two ministries): search by alias and the curation rules rely on it.
            models.UniqueConstraint(
                Lower("name"),
                name="alias_unique_ci",
                violation_error_message="This alias already names an actor (compared ignoring case): "
                "an alias names exactly one actor.",
            ),
        ]
        indexes = [
            # Used by search over names and aliases.
            models.Index(fields=["name"], name="alias_name"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name, *self.actor.natural_key())

    @staticmethod
    def compared(name: str) -> str:
        """The alias as alias_unique_ci compares it (SQL lower()), for checks made before the database's."""
        return name.lower()

    natural_key.dependencies = ["relations.actor"]


class AffiliationQuerySet(models.QuerySet):
    def published(self):
        """Roles that an approved claim states."""
        from .claims import Claim

        return self.filter(claim__in=Claim.objects.published())


class AffiliationManager(models.Manager.from_queryset(AffiliationQuerySet)):
    def get_by_natural_key(self, person_slug, organisation_slug, role, claim_uid=None):
        claim = {"claim__uid": claim_uid} if claim_uid else {"claim__isnull": True}
        return self.get(person__slug=person_slug, organisation__slug=organisation_slug, role=role, **claim)


class Affiliation(VersionedModel):
    """A person's role in an organisation over time (Popolo's membership), as one claim states it.

    Two sources stating the same role are two affiliations, each with its own claim (and dates, when the
    sources give different ones): merging them would keep one article's evidence and lose the other's.
    """

    person = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=200, help_text="The title as the source states it.")
    start, start_precision = partial_date_fields("start", name="start")
    end, end_precision = partial_date_fields("end", name="end")
    # When the source gives no start: the date at which its claim holds the role (the occasion it names,
    # else the article's date), so that a role is never undated.
    as_of, as_of_precision = partial_date_fields("as of", name="as_of")
    claim = models.ForeignKey(
        "relations.Claim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliations",
        help_text="The claim that states this role.",
    )

    objects = AffiliationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name", "start"]
        constraints = [
            # A role once per supporting claim, and once without one.
            models.UniqueConstraint(
                fields=["person", "organisation", "role", "claim"], name="affiliation_unique_role_per_claim"
            ),
            models.UniqueConstraint(
                fields=["person", "organisation", "role"],
                condition=models.Q(claim__isnull=True),
                name="affiliation_unique_role_unsupported",
            ),
            partial_date_constraint("start", "affiliation"),
            partial_date_constraint("end", "affiliation"),
            partial_date_constraint("as_of", "affiliation"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="affiliation_end_after_start",
                violation_error_message="The end date comes before the start date.",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.role}, {self.organisation}"

    def natural_key(self):
        return (self.person.slug, self.organisation.slug, self.role, str(self.claim.uid) if self.claim_id else None)

    natural_key.dependencies = ["relations.actor", "relations.claim"]

    def clean(self):
        validate_partial_date_order(self.start_partial, self.end_partial)

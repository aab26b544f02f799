"""What the suggesters know: actors and their aliases, events, metrics — read once from the database.

The suggesters are pure functions over a text and a `Known`; the evaluation builds a `Known` restricted
to the records of the other articles (leave-one-article-out), the product reads the whole database.
"""

import datetime
import threading
from dataclasses import dataclass, field

from django.db import models
from django.db.models.functions import Length

from relations.models import Actor, ActorAlias, Event, EventParticipant, Figure, Metric, PartialDate


@dataclass(frozen=True)
class KnownActor:
    slug: str
    name: str
    kind: str


@dataclass(frozen=True)
class KnownEvent:
    slug: str
    title: str
    event_type: str
    start: PartialDate | None
    end: PartialDate | None
    participants: frozenset[str]
    place: str = ""
    description: str = ""


@dataclass(frozen=True)
class KnownMetric:
    slug: str
    name: str
    description: str
    period: str
    units: frozenset[str] = frozenset()  # the units of the figures already measured by this metric


@dataclass
class Known:
    actors: dict[str, KnownActor] = field(default_factory=dict)
    # Every spelling of every actor's name (its name included): (spelling, actor slug).
    aliases: list[tuple[str, str]] = field(default_factory=list)
    events: list[KnownEvent] = field(default_factory=list)
    metrics: list[KnownMetric] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_db(cls, actor_slugs=None, event_slugs=None) -> "Known":
        """Everything in the database, or only the actors and events with the given slugs."""
        actors = Actor.objects.all()
        aliases = ActorAlias.objects.all()
        events = Event.objects.all()
        participants = EventParticipant.objects.all()
        if actor_slugs is not None:
            actors = actors.filter(slug__in=actor_slugs)
            aliases = aliases.filter(actor__slug__in=actor_slugs)
        if event_slugs is not None:
            events = events.filter(slug__in=event_slugs)
            participants = participants.filter(event__slug__in=event_slugs)
        rows = list(actors.values_list("pk", "slug", "name", "kind"))
        known_actors = {slug: KnownActor(slug, name, kind) for _, slug, name, kind in rows}
        slugs = {pk: slug for pk, slug, _, _ in rows}
        spellings = [(a.name, a.slug) for a in known_actors.values()]
        spellings += [(name, slugs[pk]) for name, pk in aliases.values_list("name", "actor_id") if pk in slugs]
        by_event: dict[str, set[str]] = {}
        for event_slug, actor_slug in participants.values_list("event__slug", "actor__slug"):
            by_event.setdefault(event_slug, set()).add(actor_slug)
        known_events = []
        for row in events.values(
            "slug", "title", "event_type", "start", "start_precision", "end", "end_precision", "place", "description"
        ):
            known_events.append(
                KnownEvent(
                    row["slug"],
                    row["title"],
                    row["event_type"],
                    _partial(row["start"], row["start_precision"]),
                    _partial(row["end"], row["end_precision"]),
                    frozenset(by_event.get(row["slug"], ())),
                    row["place"],
                    row["description"],
                )
            )
        units: dict[str, set[str]] = {}
        for slug, unit in Figure.objects.values_list("metric__slug", "unit").distinct():
            units.setdefault(slug, set()).add(unit)
        metrics = [
            KnownMetric(*row, frozenset(units.get(row[0], ())))
            for row in Metric.objects.values_list("slug", "name", "description", "period")
        ]
        return cls(known_actors, sorted(set(spellings)), known_events, metrics)

    def cached(self, key: str, build):
        """Build a derived structure (an automaton, an index) once per Known."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def _partial(date: datetime.date | None, precision: str) -> PartialDate | None:
    return PartialDate(date, precision) if date and precision else None


_current: dict = {}
_lock = threading.Lock()


def current() -> Known:
    """The whole database's Known, read again only when actors, aliases, events or metrics have changed.

    Built once per process and kept with its indexes (the alias automaton, the event index), so that a
    long-running process does not rebuild them for every article; `fingerprint()` tells when to rebuild.
    """
    key = fingerprint()
    with _lock:
        if _current.get("key") != key:
            _current["known"], _current["key"] = Known.from_db(), key
        return _current["known"]


def fingerprint() -> tuple:
    """Counts, highest ids, last changes and name lengths of what a Known holds: any edit changes one."""
    names = {"n": models.Count("pk"), "top": models.Max("pk"), "size": models.Sum(Length("name"))}
    return (
        tuple(Actor.objects.aggregate(**names, changed=models.Max("updated_at")).values()),
        tuple(ActorAlias.objects.aggregate(**names).values()),
        tuple(Event.objects.aggregate(n=models.Count("pk"), changed=models.Max("updated_at")).values()),
        tuple(EventParticipant.objects.aggregate(n=models.Count("pk"), top=models.Max("pk")).values()),
        tuple(Metric.objects.aggregate(**names, text=models.Sum(Length("description"))).values()),
        tuple(Figure.objects.aggregate(n=models.Count("pk"), top=models.Max("pk")).values()),
    )

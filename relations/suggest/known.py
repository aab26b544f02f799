"""What the suggesters know: actors and their aliases, events, metrics — read once from the database.

The suggesters are pure functions over a text and a `Known`; the evaluation builds a `Known` restricted
to the records of the other articles (leave-one-article-out), the product reads the whole database.
"""

import datetime
from dataclasses import dataclass, field

from relations.models import Actor, ActorAlias, Event, EventParticipant, Metric, PartialDate


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
        known_actors = {
            slug: KnownActor(slug, name, kind) for slug, name, kind in actors.values_list("slug", "name", "kind")
        }
        spellings = [(a.name, a.slug) for a in known_actors.values()]
        spellings += [(name, slug) for name, slug in aliases.values_list("name", "actor__slug") if slug in known_actors]
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
        metrics = [KnownMetric(*row) for row in Metric.objects.values_list("slug", "name", "description", "period")]
        return cls(known_actors, sorted(set(spellings)), known_events, metrics)

    def cached(self, key: str, build):
        """Build a derived structure (an automaton, an index) once per Known."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def _partial(date: datetime.date | None, precision: str) -> PartialDate | None:
    return PartialDate(date, precision) if date and precision else None

"""A synthetic corpus for benchmarks: sources with sentence-like bodies and claims anchored in them.

`manage.py generate_corpus` writes what this module produces. The text reads like the seed articles —
people, states and organisations under several spellings, trade figures with "some", "over" and
"between … and …", typographic quotes and dashes — so that search, filters and anchoring are exercised
the way real data exercises them. Every claim is a whole sentence of its source body and every figure a
span inside that sentence, with offsets and context computed by relations.provenance, so
verify_provenance accepts the corpus as it is.

Deterministic: the same seed and sizes give the same texts, names, uids and timestamps. Rows are plain
dicts keyed by field attname, yielded as (model, row) parents before children; primary keys are
allocated here (from `first_ids`) so that rows can refer to each other before anything is written.
"""

import datetime
import hashlib
import math
import random
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from relations import provenance
from relations.models import Actor, ActorAlias, Claim, Event, EventParticipant, Figure, Metric, Source

# Every generated slug starts with this, so a generated corpus is easy to recognise and never collides
# with curated records.
SLUG_PREFIX = "gen-"

# Review states of generated claims, with their weights: mostly published, as in a working archive.
STATUS_WEIGHTS = [
    (Claim.Status.APPROVED, 85),
    (Claim.Status.IN_REVIEW, 7),
    (Claim.Status.DRAFT, 5),
    (Claim.Status.REJECTED, 3),
]
REJECTION_REASONS = [
    "The quote does not support the statement as worded.",
    "Duplicate of an approved claim from the same source.",
    "The speaker is not the person quoted.",
]

TOPICS = [
    ("diplomacy", "Diplomacy"),
    ("trade", "Trade"),
    ("economy", "Economy and investment"),
    ("energy", "Energy"),
    ("security", "Security and defence"),
    ("agriculture", "Agriculture"),
    ("water", "Water"),
    ("health", "Health"),
    ("technology", "Technology and innovation"),
    ("history", "History"),
    ("religion", "Religion and interfaith"),
]

# What each kind of number in the text measures: metric slug, name, period; unit and currency.
METRICS = {
    "money": ("bilateral-trade-annual", "Annual bilateral trade, Kazakhstan–Israel", Metric.Period.ANNUAL),
    "investment": ("investment-committed", "Investment committed", Metric.Period.POINT),
    "percent": (
        "share-of-israel-fuel-from-kazakhstan",
        "Share of Israel's fuel supplied by Kazakhstan",
        Metric.Period.POINT,
    ),
    "tonnes": ("oil-shipments-annual", "Crude oil shipped, annual", Metric.Period.ANNUAL),
    "people": ("visitors-count", "Visitors", Metric.Period.POINT),
}

STATES = [
    ("Kazakhstan", ["Qazaqstan", "the Republic of Kazakhstan"]),
    ("Israel", ["the State of Israel", "the Jewish state"]),
    ("Russia", ["the Russian Federation"]),
    ("China", ["the People’s Republic of China"]),
    ("the United States", ["the US", "Washington"]),
    ("Iran", ["the Islamic Republic", "Tehran"]),
    ("Turkey", ["Türkiye", "Ankara"]),
    ("Uzbekistan", ["Tashkent"]),
    ("Kyrgyzstan", ["Kirghizia"]),
    ("Azerbaijan", ["Baku"]),
    ("Turkmenistan", ["Ashgabat"]),
    ("Tajikistan", ["Dushanbe"]),
    ("Germany", ["Berlin"]),
    ("India", ["New Delhi"]),
    ("Georgia", ["Tbilisi"]),
    ("Ukraine", ["Kyiv"]),
]
# fmt: off
FIRST_NAMES = [
    "Nursultan", "Kassym-Jomart", "Benjamin", "Yair", "Dariga", "Askar", "Erlan", "Yitzhak", "Shimon", "Reuven",
    "Gulnara", "Aigerim", "Moshe", "Avigdor", "Karim", "Timur", "Yerlan", "Saule", "Tamar", "Miriam", "Daniyar",
    "Nurlan", "Ehud", "Ayelet", "Marat", "Zhanna", "Ilan", "Yossi", "Bakhyt", "Asel", "Naftali", "Dinara", "Galym",
    "Michal", "Amir", "Aliya", "Gideon", "Kairat", "Noa", "Baurzhan"
]
LAST_NAMES = [
    "Nazarbayev", "Tokayev", "Netanyahu", "Lapid", "Masimov", "Mamin", "Idrissov", "Rivlin", "Peres", "Mukhtarov",
    "Ashkenazi", "Levi", "Cohen", "Sultanov", "Abdrakhmanov", "Tleuberdi", "Kassymov", "Shapiro", "Friedman",
    "Baimukhanov", "Zhakupov", "Katz", "Peretz", "Dosanov", "Yessimov", "Ben-David", "Mizrahi", "Omarov", "Akhmetov",
    "Goldberg", "Smailov", "Barak", "Kulibayev", "Herzog", "Shkolnik", "Zhumabekov", "Edelstein", "Bekturganov",
    "Regev", "Sarsenbayev"
]
ORG_PREFIXES = [
    "Kazakh", "Israeli", "Eurasian", "Central Asian", "Caspian", "Negev", "Astana", "Tel Aviv", "Almaty", "Haifa",
    "National", "Steppe"
]
ORG_SUFFIXES = [
    "Energy Company", "Water Authority", "Chamber of Commerce", "Institute for Strategic Studies", "Development Bank",
    "Defence Industries", "Agricultural Cooperative", "Medical Centre", "Technology Park", "Export Agency",
    "Railways", "Broadcasting Corporation", "Times", "Herald", "Foundation"
]
# fmt: on
# Spellings seen in the press for the same name ("Nazabayev", "Binyamin").
TRANSLITERATIONS = [("ay", "ai"), ("kh", "h"), ("Ye", "E"), ("y", "i"), ("ss", "s"), ("Zh", "J"), ("e", "a")]
# fmt: off
CITIES = [
    "Astana", "Nur-Sultan", "Almaty", "Jerusalem", "Tel Aviv", "Haifa", "Aktau", "Atyrau", "Shymkent", "Karaganda",
    "Beersheba", "Eilat"
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"
]
# fmt: on
AREAS = [
    ("water management", "water"),
    ("drip irrigation", "agriculture"),
    ("cyber security", "security"),
    ("medicine", "health"),
    ("oil and gas", "energy"),
    ("renewable energy", "energy"),
    ("high technology", "technology"),
    ("counterterrorism", "security"),
    ("tourism", "economy"),
    ("education", "diplomacy"),
    ("interfaith dialogue", "religion"),
]
SPEECH = [
    "We are friends and we will remain friends",
    "Our cooperation in {A} has no limits",
    "{S} is a reliable partner, and we value that",
    "We have much to learn from each other in {A}",
    "This visit opens a new chapter in our relations",
    "Nobody can tell us whom to trade with",
    "Tolerance is the foundation of our state",
]

# Sentence templates: (claim kind, text, topics). Slots: {P} a person and {P2} another, {S}/{S2} states,
# {O}/{O2} organisations, {C} a city, {Y}/{Y2} years, {M} a month, {A} an area of cooperation,
# {Q} a line of speech, {N:kind} a number the claim states (a figure of that kind).
DIRECT, PARAPHRASE, AUTHOR = Claim.Kind.DIRECT_QUOTE, Claim.Kind.PARAPHRASE, Claim.Kind.AUTHOR_ASSERTION
TEMPLATES = [
    (DIRECT, "“{Q},” {P} told reporters in {C}.", ["diplomacy"]),
    (DIRECT, "{P} said: “{Q}.”", ["diplomacy"]),
    (DIRECT, "“{Q},” said {P}, adding that talks with {S} would resume in {M}.", ["diplomacy"]),
    (DIRECT, "“Trade with {S} reached {N:money} in {Y}, and it will grow,” {P} told the {O}.", ["trade"]),
    (PARAPHRASE, "{P} said that bilateral trade between {S} and {S2} had reached {N:money} in {Y}.", ["trade"]),
    (PARAPHRASE, "According to {P}, {S} supplies {N:percent} of the fuel used in {S2}’s cars.", ["energy"]),
    (PARAPHRASE, "{P} told the {O} forum that cooperation in {A} would be a priority for {S}.", ["diplomacy"]),
    (PARAPHRASE, "{P} noted that {N:people} had visited {C} since direct flights began in {Y}.", ["economy"]),
    (PARAPHRASE, "{P} announced that the {O} would invest {N:investment} in {A} in {S2}.", ["economy"]),
    (PARAPHRASE, "{P} recalled that {S} sheltered {N:people} during the Second World War.", ["history"]),
    (AUTHOR, "{S} and {S2} established diplomatic relations in {Y}, after the Soviet Union collapsed.", ["history"]),
    (AUTHOR, "The visit of {P} to {C} in {M} {Y} was the first of its kind.", ["diplomacy"]),
    (AUTHOR, "Trade between the two countries grew from {N:money} in {Y} to {N:money} in {Y2}.", ["trade"]),
    (AUTHOR, "The {O} signed a memorandum with the {O2} on {A} in {C}.", ["economy"]),
    (AUTHOR, "Analysts in {C} say the relationship rests on oil: {S} ships {N:tonnes} of crude to {S2}.", ["energy"]),
    (AUTHOR, "Some officials in {S2} expect {N:percent} of the oil it buys to come from {S} by {Y2}.", ["energy"]),
    (AUTHOR, "The {O} opened an office in {C} in {M} {Y} – its first in Central Asia.", ["economy"]),
    (AUTHOR, "Critics argued that the agreement favoured the {O} over the farmers of {S}.", ["agriculture"]),
    (AUTHOR, "Organisers expected {N:people} at the {A} exhibition in {C} that {M}.", ["technology"]),
    (AUTHOR, "For {P}, the ties with {S} are less about {A} than about {S2}.", ["security"]),
]
HEADLINES = [
    "{S} and {S2}: ties in {A} deepen",
    "{P} visits {C}",
    "Why {S} matters to {S2}",
    "Trade between {S} and {S2} passes {N:money}",
    "As one door closes, {S} looks to {S2}",
    "{O} bets on {A} in {S2}",
    "The {Y} visit that changed everything",
]


@dataclass(frozen=True)
class Sizes:
    claims: int
    sources: int
    actors: int
    events: int
    figures_per_claim: float

    @classmethod
    def for_claims(cls, claims: int, **given) -> "Sizes":
        """Sizes in the proportions of a working archive (about 40 claims a source), overridden by `given`."""
        defaults = {
            "sources": max(1, claims // 40),
            "actors": max(len(STATES) + 4, claims // 500),
            "events": max(2, claims // 100),
            "figures_per_claim": 0.3,
        }
        defaults.update({k: v for k, v in given.items() if v is not None})
        return cls(claims=claims, **defaults)


@dataclass
class _Actor:
    id: int
    kind: str
    name: str
    spellings: list[str]


@dataclass
class _Sentence:
    text: str
    kind: str
    topics: list[str]
    statement: str = ""
    speaker: _Actor | None = None
    mentioned: list[_Actor] = field(default_factory=list)
    # (start, end, figure row fields) relative to the sentence.
    numbers: list[tuple[int, int, dict]] = field(default_factory=list)


_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _compile(text: str) -> list[tuple[str, str]]:
    """Split a template into ('text', literal) and (slot, argument) tokens once, not per sentence."""
    tokens, position = [], 0
    for match in _SLOT.finditer(text):
        if match.start() > position:
            tokens.append(("text", text[position : match.start()]))
        tokens.append((match.group(1), match.group(2) or ""))
        position = match.end()
    if position < len(text):
        tokens.append(("text", text[position:]))
    return tokens


def _numbers_in(tokens) -> int:
    return sum(1 for slot, _ in tokens if slot == "N")


_SPEECH = [_compile(s) for s in SPEECH]
_HEADLINES = [_compile(h) for h in HEADLINES]
_TEMPLATES = [(kind, _compile(text), topics) for kind, text, topics in TEMPLATES]
# Templates by how many numbers (figures) they state: a claim with n figures is one of _BY_NUMBERS[n].
_BY_NUMBERS = {n: [t for t in _TEMPLATES if _numbers_in(t[1]) == n] for n in (0, 1, 2)}


class Corpus:
    """Rows of a synthetic corpus, parents before children."""

    def __init__(
        self, sizes: Sizes, seed: int, first_ids: dict, *, topics, metrics, editor_id, reviewer_id, taken_aliases=()
    ):
        self.sizes = sizes
        # An alias names exactly one actor (constraint alias_unique_ci): two "Cohen"s share none.
        self.taken_aliases = set(taken_aliases)
        self.rng = random.Random(seed)
        self.next_ids = dict(first_ids)
        self.topic_ids = topics  # slug -> id
        self.metrics = metrics  # number kind -> (metric id, period)
        self.editor_id, self.reviewer_id = editor_id, reviewer_id
        self.clock = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        self.states: list[_Actor] = []
        self.people: list[_Actor] = []
        self.organisations: list[_Actor] = []
        self.event_ids: list[int] = []
        self.counts = {"sources": 0, "claims": 0, "figures": 0, "actors": 0, "events": 0, "approved": 0}

    def rows(self) -> Iterator[tuple[type, dict]]:
        yield from self._actors()
        yield from self._events()
        for number, claims in enumerate(self._claims_per_source()):
            yield from self._source(number, claims)

    # Identity, time and chance.

    def _id(self, model) -> int:
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        return value

    def _uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _tick(self) -> datetime.datetime:
        self.clock += datetime.timedelta(seconds=7)
        return self.clock

    def _partial_date(self, first_year=1992, last_year=2025) -> tuple[datetime.date, str]:
        rng = self.rng
        year = rng.randint(first_year, last_year)
        precision = rng.choices(["day", "month", "year"], [70, 20, 10])[0]
        if precision == "year":
            return datetime.date(year, 1, 1), precision
        month = rng.randint(1, 12)
        day = rng.randint(1, 28) if precision == "day" else 1
        return datetime.date(year, month, day), precision

    # Actors and events.

    def _actors(self):
        rng, total = self.rng, self.sizes.actors
        n_states = min(len(STATES), max(2, total // 10))
        n_orgs = max(1, (total - n_states) // 4)
        n_people = max(1, total - n_states - n_orgs)
        specs = [(Actor.Kind.STATE, name, aliases) for name, aliases in STATES[:n_states]]
        for _ in range(n_orgs):
            name = f"{rng.choice(ORG_PREFIXES)} {rng.choice(ORG_SUFFIXES)}"
            acronym = "".join(word[0] for word in re.split(r"[ -]", name) if word[0].isupper())
            specs.append((Actor.Kind.ORGANISATION, name, [acronym]))
        for _ in range(n_people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            specs.append((Actor.Kind.PERSON, f"{first} {last}", self._person_aliases(first, last)))
        for kind, name, aliases in specs:
            actor_id = self._id(Actor)
            spellings = list(dict.fromkeys([name, *aliases]))
            actor = _Actor(actor_id, kind, name, spellings)
            {"state": self.states, "organisation": self.organisations, "person": self.people}[kind].append(actor)
            created = self._tick()
            yield (
                Actor,
                {
                    "id": actor_id,
                    "slug": f"{SLUG_PREFIX}{actor_id}-{slugify(name)}"[:50],
                    "kind": kind,
                    "name": name,
                    "description": f"Synthetic {kind} for benchmarks.",
                    "wikidata_id": "",
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                },
            )
            for spelling in spellings:
                if ActorAlias.compared(spelling) not in self.taken_aliases:
                    self.taken_aliases.add(ActorAlias.compared(spelling))
                    yield ActorAlias, {"id": self._id(ActorAlias), "actor_id": actor_id, "name": spelling}
            self.counts["actors"] += 1

    def _person_aliases(self, first: str, last: str) -> list[str]:
        rng, full = self.rng, f"{first} {last}"
        aliases = {last, f"{first[0]}. {last}"}
        old, new = rng.choice(TRANSLITERATIONS)
        if old in full:
            aliases.add(full.replace(old, new, 1))
        if len(last) > 5 and rng.random() < 0.3:
            cut = rng.randint(2, len(last) - 2)  # a dropped letter, as in "Nazabayev"
            aliases.add(f"{first} {last[:cut]}{last[cut + 1 :]}")
        return sorted(aliases)[: rng.randint(1, 3)]

    def _events(self):
        rng = self.rng
        roles = [r for r, _ in EventParticipant.Role.choices]
        for _ in range(self.sizes.events):
            event_id = self._id(Event)
            event_type = rng.choice([t for t, _ in Event.Type.choices])
            person, state = rng.choice(self.people), rng.choice(self.states)
            title = {
                "visit": f"{person.name}’s visit to {state.name}",
                "agreement": f"Agreement on {rng.choice(AREAS)[0]} with {state.name}",
                "forum": f"{rng.choice(CITIES)} forum on {rng.choice(AREAS)[0]}",
            }.get(event_type, f"{Event.Type(event_type).label.capitalize()}: {person.name} in {state.name}")
            start, precision = self._partial_date()
            end = start + datetime.timedelta(days=rng.randint(1, 4)) if precision == "day" else None
            created = self._tick()
            yield (
                Event,
                {
                    "id": event_id,
                    "slug": f"{SLUG_PREFIX}{event_id}-{slugify(title)}"[:100],
                    "event_type": event_type,
                    "title": title,
                    "description": "",
                    "start": start,
                    "start_precision": precision,
                    "end": end,
                    "end_precision": "day" if end else "",
                    "date_note": "",
                    "status": rng.choices(["occurred", "planned", "cancelled"], [85, 10, 5])[0],
                    "place": rng.choice(CITIES),
                    "country_id": state.id,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                },
            )
            everyone = self.people + self.organisations + self.states
            for actor in {a.id: a for a in [person, state, *rng.sample(everyone, rng.randint(0, 2))]}.values():
                yield (
                    EventParticipant,
                    {
                        "id": self._id(EventParticipant),
                        "event_id": event_id,
                        "actor_id": actor.id,
                        "role": rng.choice(roles),
                    },
                )
            self.event_ids.append(event_id)
            self.counts["events"] += 1

    # Sources and their claims.

    def _claims_per_source(self) -> list[int]:
        """Split the claims over the sources unevenly (half to one and a half times the mean), exactly."""
        weights = [self.rng.uniform(0.5, 1.5) for _ in range(self.sizes.sources)]
        total, claims, running, previous, counts = sum(weights), self.sizes.claims, 0.0, 0, []
        for weight in weights:
            running += weight
            upto = round(claims * running / total)
            counts.append(upto - previous)
            previous = upto
        counts[-1] += claims - previous
        return counts

    def _figures_for_a_claim(self) -> int:
        ratio = self.sizes.figures_per_claim
        whole = int(ratio)
        return min(2, whole + (1 if self.rng.random() < ratio - whole else 0))

    def _source(self, number: int, n_claims: int):
        rng = self.rng
        source_id = self._id(Source)
        # Several thousand characters: the claims plus a third as much surrounding text, at least 25 sentences.
        n_sentences = max(25, n_claims + math.ceil(n_claims / 3))
        claim_positions = set(rng.sample(range(n_sentences), n_claims))
        parts, sentences, length = [], [], 0
        for position in range(n_sentences):
            if position:
                separator = "\n\n" if rng.random() < 0.25 else " "
                parts.append(separator)
                length += len(separator)
            if position in claim_positions:
                sentence = self._sentence(rng.choice(_BY_NUMBERS[self._figures_for_a_claim()]))
                sentences.append((length, sentence))
            else:
                sentence = self._sentence(rng.choice(_TEMPLATES))
            parts.append(sentence.text)
            length += len(sentence.text)
        body = "".join(parts)
        title = self._sentence((AUTHOR, rng.choice(_HEADLINES), [])).text
        published, precision = self._partial_date(1995, 2025)
        created = self._tick()
        yield (
            Source,
            {
                "id": source_id,
                "slug": f"{SLUG_PREFIX}{source_id}-{slugify(title)}"[:100].rstrip("-"),
                "kind": rng.choice([k for k, _ in Source.Kind.choices]),
                "title": title,
                "publisher_id": rng.choice(self.organisations).id,
                "url": f"https://news.example.org/{published.year}/{source_id}",
                "published": published,
                "published_precision": precision,
                "published_basis": "found" if precision == "day" else "inferred",
                "published_note": "" if precision == "day" else "Inferred from the events the article reports.",
                "language": "en",
                "body": body,
                "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "created_at": created,
                "updated_at": created,
                "version": 1,
            },
        )
        for author in rng.sample(self.people, min(len(self.people), rng.randint(0, 2))):
            yield (
                Source.authors.through,
                {"id": self._id(Source.authors.through), "source_id": source_id, "actor_id": author.id},
            )
        for offset, sentence in sentences:
            yield from self._claim(source_id, body, offset, sentence, published)
        self.counts["sources"] += 1

    def _sentence(self, template) -> _Sentence:
        """Render a template; the statement restates it with every actor under their usual name."""
        kind, tokens, topics = template
        rng = self.rng
        sentence = _Sentence("", kind, list(topics))
        picked: dict[str, object] = {}
        out: list[str] = []
        plain: list[str] = []
        length = 0

        def emit(text: str, usual: str | None = None):
            nonlocal length
            if not out or out[-1].endswith("“"):
                text, usual = text[:1].upper() + text[1:], usual and usual[:1].upper() + usual[1:]
            out.append(text)
            plain.append(usual or text)
            length += len(text)

        def render(tokens):
            for slot, argument in tokens:
                if slot == "text":
                    emit(argument)
                elif slot == "N":
                    text, span, figure = self._number(argument)
                    sentence.numbers.append((length + span[0], length + span[1], figure))
                    emit(text)
                elif slot == "Q":
                    render(rng.choice(_SPEECH))
                elif slot in ("P", "P2", "S", "S2", "O", "O2"):
                    pool = {"P": self.people, "S": self.states, "O": self.organisations}[slot[0]]
                    actor = picked.get(slot) or rng.choice(pool)
                    partner = slot[0] if slot.endswith("2") else slot + "2"
                    if actor is picked.get(partner) and len(pool) > 1:
                        # "trade between Kazakhstan and Kazakhstan" reads wrong: a second actor is another.
                        actor = rng.choice([a for a in pool if a is not actor])
                    picked[slot] = actor
                    sentence.mentioned.append(actor)
                    emit(rng.choice(actor.spellings), actor.name)
                elif slot == "A":
                    area, topic = picked.get("A") or rng.choice(AREAS)
                    picked["A"] = (area, topic)
                    sentence.topics.append(topic)
                    emit(area)
                elif slot == "C":
                    emit(rng.choice(CITIES))
                elif slot == "M":
                    emit(rng.choice(MONTHS))
                elif slot == "Y":
                    picked["Y"] = year = rng.randint(1992, 2020)
                    emit(str(year))
                elif slot == "Y2":
                    emit(str(picked.get("Y", 2015) + rng.randint(1, 5)))

        render(tokens)
        sentence.text = "".join(out)
        sentence.statement = "".join(plain)
        if kind != AUTHOR:
            sentence.speaker = picked.get("P")
        return sentence

    def _number(self, kind: str) -> tuple[str, tuple[int, int], dict]:
        """A number phrase as the press writes it, the span of the figure in it, and the figure's values."""
        rng = self.rng
        q = Figure.Qualifier
        qualifier = rng.choices([q.EXACT, q.APPROXIMATE, q.LOWER_BOUND, q.UPPER_BOUND, q.RANGE], [30, 30, 20, 10, 10])[
            0
        ]
        unit, currency = Figure.Unit.CURRENCY, "USD"
        if kind in ("money", "investment"):
            if rng.random() < 0.5:
                low, scale, word = Decimal(rng.randint(11, 60)) / 10, Decimal(10) ** 9, "billion"
            else:
                low, scale, word = Decimal(rng.randint(10, 95) * 10), Decimal(10) ** 6, "million"
            step = low / 5 if word == "billion" else Decimal(50)
            high = low + step

            def say(x):
                return f"${x.normalize():f} {word}"
        elif kind == "percent":
            unit, currency, scale = Figure.Unit.PERCENT, "", Decimal(1)
            low = Decimal(rng.randint(5, 60))
            high = low + 10

            def say(x):
                return f"{x} percent"
        elif kind == "tonnes":
            unit, currency, scale = Figure.Unit.TONNES, "", Decimal(10) ** 6
            low = Decimal(rng.randint(5, 90)) / 10
            high = low + 1

            def say(x):
                return f"{x.normalize():f} million tonnes"
        else:
            unit, currency, scale = Figure.Unit.PEOPLE, "", Decimal(1)
            low = Decimal(rng.randint(2, 400) * 50)
            high = low * 2

            def say(x):
                return f"{x:,} people"

        lower = upper = None
        if qualifier == q.RANGE:
            text = f"between {say(low)} and {say(high)}"
            span = (0, len(text))
            value, lower, upper = (low + high) / 2 * scale, low * scale, high * scale
        else:
            words = {q.EXACT: "", q.APPROXIMATE: "some ", q.LOWER_BOUND: "more than ", q.UPPER_BOUND: "up to "}
            lead = words[qualifier]
            text = lead + say(low)
            span = (len(lead), len(text))
            value = low * scale
            lower = value if qualifier == q.LOWER_BOUND else None
            upper = value if qualifier == q.UPPER_BOUND else None
        metric_id, period = self.metrics[kind]
        figure = {
            "metric_id": metric_id,
            "value": value,
            "lower": lower,
            "upper": upper,
            "qualifier": qualifier,
            "unit": unit,
            "currency": currency,
            "period": period,
        }
        return text, span, figure

    def _claim(self, source_id: int, body: str, offset: int, sentence: _Sentence, published: datetime.date):
        rng = self.rng
        claim_id = self._id(Claim)
        start, end = offset, offset + len(sentence.text)
        prefix, suffix = provenance.context(body, start, end)
        status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        created = self._tick()
        submitted = created + datetime.timedelta(hours=1) if status != Claim.Status.DRAFT else None
        reviewed = created + datetime.timedelta(days=1) if status in ("approved", "rejected") else None
        speaker = sentence.speaker
        yield (
            Claim,
            {
                "id": claim_id,
                "uid": self._uid(),
                "source_id": source_id,
                "quote": sentence.text,
                "start": start,
                "end": end,
                "prefix": prefix,
                "suffix": suffix,
                "statement": sentence.statement,
                "kind": sentence.kind,
                "speaker_id": speaker.id if speaker else None,
                "event_id": rng.choice(self.event_ids) if self.event_ids and rng.random() < 0.3 else None,
                "status": status,
                "created_at": created,
                "created_by_id": self.editor_id,
                "updated_at": reviewed or submitted or created,
                "updated_by_id": self.editor_id,
                "submitted_at": submitted,
                "submitted_by_id": self.editor_id if submitted else None,
                "reviewed_at": reviewed,
                "reviewed_by_id": self.reviewer_id if reviewed else None,
                "review_note": rng.choice(REJECTION_REASONS) if status == Claim.Status.REJECTED else "",
                "version": 1,
            },
        )
        subjects = list(dict.fromkeys(a.id for a in sentence.mentioned if a is not speaker))[:4]
        for actor_id in subjects:
            yield (
                Claim.subjects.through,
                {"id": self._id(Claim.subjects.through), "claim_id": claim_id, "actor_id": actor_id},
            )
        for slug in dict.fromkeys(sentence.topics):
            topic_id = self.topic_ids[slug]
            yield (
                Claim.topics.through,
                {"id": self._id(Claim.topics.through), "claim_id": claim_id, "topic_id": topic_id},
            )
        for number_start, number_end, values in sentence.numbers:
            figure_id = self._id(Figure)
            f_start, f_end = start + number_start, start + number_end
            f_prefix, f_suffix = provenance.context(body, f_start, f_end)
            yield (
                Figure,
                {
                    "id": figure_id,
                    "uid": self._uid(),
                    "claim_id": claim_id,
                    "quote": body[f_start:f_end],
                    "start": f_start,
                    "end": f_end,
                    "prefix": f_prefix,
                    "suffix": f_suffix,
                    **values,
                    "date": datetime.date(published.year - 1, 1, 1),
                    "date_precision": "year",
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                },
            )
            for actor_id in subjects[:2]:
                yield (
                    Figure.subjects.through,
                    {
                        "id": self._id(Figure.subjects.through),
                        "figure_id": figure_id,
                        "actor_id": actor_id,
                    },
                )
            self.counts["figures"] += 1
        self.counts["claims"] += 1
        self.counts["approved"] += status == Claim.Status.APPROVED

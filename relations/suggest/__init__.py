"""The suggesters: small deterministic modules that propose quotes, figures, actors and events in a source.

Each module is a pure function over the text, the publication date and what is already known
(`known.Known`): actors.py, dates.py, quotes.py, figures.py, events.py. `propose()` runs them in order —
names first (quotes are attributed to them), dates next (figures and events hold for them) — and
`suggest()` stores what they propose as Suggestion records, skipping any span and type that an editor
has already accepted or rejected.
"""

from dataclasses import dataclass, field

from django.db import transaction

from relations.models import PartialDate, Source, Suggestion

from . import known as knowledge
from .known import Known


@dataclass
class Proposal:
    type: str
    start: int
    end: int
    score: float
    data: dict = field(default_factory=dict)
    key: str = ""


@dataclass
class Analysis:
    """Everything the suggesters found in one text; later suggesters read what earlier ones found."""

    body: str
    published: PartialDate | None
    known: Known
    mentions: list = field(default_factory=list)  # actors.Mention
    dates: list = field(default_factory=list)  # dates.DateMention
    quotes: list[Proposal] = field(default_factory=list)
    figures: list[Proposal] = field(default_factory=list)
    events: list[Proposal] = field(default_factory=list)

    @property
    def proposals(self) -> list[Proposal]:
        from .actors import as_proposals

        return [*self.quotes, *self.figures, *as_proposals(self.mentions), *self.events]


def analyse(body: str, published: PartialDate | None, known: Known) -> Analysis:
    """Run every suggester over `body`."""
    from . import actors, dates, events, figures, quotes

    analysis = Analysis(body, published, known)
    analysis.mentions = actors.find(body, known)
    analysis.dates = dates.find(body, published)
    analysis.quotes = quotes.find(body, analysis.mentions)
    analysis.figures = figures.find(body, analysis.dates, published, known)
    analysis.events = events.find(body, analysis.mentions, analysis.dates, published, known, analysis.quotes)
    return analysis


def suggest(source: Source, known: Known | None = None) -> list[Suggestion]:
    """Store the new suggestions for `source` and return them (those already stored are not repeated)."""
    known = knowledge.current() if known is None else known
    proposals = analyse(source.body, source.published_partial, known).proposals
    with transaction.atomic():
        stored = set(source.suggestions.values_list("type", "start", "end", "key"))
        decided = set(source.suggestions.decided().values_list("type", "start", "end"))
        new = []
        for p in proposals:
            if (p.type, p.start, p.end, p.key) in stored or (p.type, p.start, p.end) in decided:
                continue
            stored.add((p.type, p.start, p.end, p.key))
            new.append(
                Suggestion(
                    source=source,
                    type=p.type,
                    start=p.start,
                    end=p.end,
                    text=source.body[p.start : p.end],
                    score=max(0.0, min(1.0, p.score)),
                    data=p.data,
                    key=p.key,
                )
            )
        for suggestion in new:
            suggestion.clean()
        Suggestion.objects.bulk_create(new)
    return new

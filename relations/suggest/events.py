"""Events: sentences that report a visit, talks, an agreement, an election… matched to known events.

A sentence with a type cue ("visited", "talks", "signed", "elections", "forum"…) is compared with every
known event: the same type (0.35), a date in the sentence — or else the publication date — that
overlaps the event's dates (0.25, or 0.1 within a year), participants named in the sentence's
paragraph (up to 0.3), words of the event's title or place in the sentence (up to 0.1). The three best
known events scoring at least 0.35 are proposed for the sentence (one suggestion each, best first);
when none does, a new event of the cue's type is proposed, dated by the sentence.
"""

import re

from relations.models import Event, PartialDate

from . import Proposal
from .actors import Mention
from .dates import DateMention, holding_date
from .known import Known, KnownEvent
from .text import paragraph_of, sentences

T = Event.Type
CUES = [
    (T.VISIT, r"visit(?:s|ed|ing)?|trip|tour(?:ed)?|travel(?:s|led|ed)?\s+to|arriv(?:e|ed|es)\s+in|came\s+to"),
    (T.AGREEMENT, r"agreements?|accords?|signed|signing|memorand(?:um|a)|treaty|treaties|deals?"),
    (T.ELECTION, r"elections?|elected|re-elected|polls?|vote[sd]?|voting|ballot"),
    (T.FORUM, r"forums?|conferences?|congress|summit|symposium|convention"),
    (T.EXHIBITION, r"exhibition|expo|bazaar|trade\s+show|fair"),
    (T.MEETING, r"talks|met|meets?|meeting|negotiations|consultations|discussed"),
    (T.OPENING, r"open(?:ed|s|ing)\s+(?:an?|the|its)|inaugurat\w+"),
    (T.APPOINTMENT, r"appointed|named\s+as|nominated|took\s+office|sworn\s+in"),
    (T.TERM, r"chairmanship|presidency|chairman\s+of|non-permanent\s+member|term\s+(?:of|as)"),
    (T.INCIDENT, r"attacks?|bombings?|explosions?|protests?|riots?|arrest(?:s|ed)|clashes|killed|raid"),
    (T.PUBLICATION, r"published|issued\s+a\s+statement|announced|wrote\s+in|article|op-ed|report(?:ed)?\s+that"),
]
_CUE = [(event_type, re.compile(rf"\b(?:{pattern})\b", re.I)) for event_type, pattern in CUES]
THRESHOLD = 0.35


def find(body: str, mentions: list[Mention], dates: list[DateMention], published: PartialDate | None, known: Known):
    proposals = []
    for s, e in sentences(body):
        sentence = body[s:e]
        cue = next(((t, m) for t, pattern in _CUE if (m := pattern.search(sentence))), None)
        if cue is None:
            continue
        event_type, match = cue
        p_start, p_end = paragraph_of(body, s)
        named = {m.actor for m in mentions if m.actor and p_start <= m.start < p_end}
        in_sentence_dates = [d.date for d in dates if s <= d.start < e and d.date]
        date = holding_date(dates, s, e, body, published)
        ranked = sorted(
            (
                (score(ev, event_type, in_sentence_dates or ([published] if published else []), named, sentence), ev)
                for ev in known.events
            ),
            key=lambda pair: (-pair[0], pair[1].slug),
        )
        best = [(sc, ev) for sc, ev in ranked[:3] if sc >= THRESHOLD]
        for sc, ev in best:
            proposals.append(
                Proposal(
                    "event",
                    s,
                    e,
                    min(1.0, sc),
                    {
                        "event": ev.slug,
                        "title": ev.title,
                        "event_type": ev.event_type,
                        "date": str(ev.start) if ev.start else None,
                    },
                    key=ev.slug,
                )
            )
        if not best:
            title = _title(sentence, match)
            proposals.append(
                Proposal(
                    "event",
                    s,
                    e,
                    0.3,
                    {"event": None, "title": title, "event_type": event_type, "date": str(date) if date else None},
                )
            )
    return proposals


def score(event: KnownEvent, event_type: str, dates: list[PartialDate], named: set[str], sentence: str) -> float:
    total = 0.35 if event.event_type == event_type else 0.0
    if event.start and dates:
        start, end = event.start.date, (event.end or event.start).last_day
        if any(d.date <= end and start <= d.last_day for d in dates):
            total += 0.25
        elif any(abs((d.date - start).days) < 366 for d in dates):
            total += 0.1
    if event.participants:
        total += 0.3 * len(event.participants & named) / len(event.participants)
    words = set(re.findall(r"[A-Za-z]{4,}", f"{event.title} {event.place}".lower()))
    if words:
        found = set(re.findall(r"[A-Za-z]{4,}", sentence.lower()))
        total += 0.1 * len(words & found) / len(words)
    return total


def _title(sentence: str, cue: re.Match) -> str:
    """A short working title: the sentence from its start, cut at a word boundary near 100 characters."""
    text = " ".join(sentence.split())
    if len(text) <= 100:
        return text.rstrip(".")
    return text[:100].rsplit(" ", 1)[0] + "…"

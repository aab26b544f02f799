"""Events: sentences that report a known event, or a new one.

Every sentence is compared with the known events through an inverted index (so that it stays fast with
many events): the words of each event's title, description and place and its participants, weighted by
how rare they are among events (idf), against the sentence's words and the actors named in it (fully)
and in its paragraph (half). The best candidates are then scored:

    0.45 × text similarity (cosine of the idf-weighted word sets, scaled so that 0.5 counts as full)
  + 0.20 if a type cue in the sentence ("visited", "talks", "signed", "elections"…) names the event's type
  + 0.15 if a date in the sentence (else the publication date, give or take two weeks) overlaps the
         event's dates (0.05 within a year)
  + 0.20 × the share of the event's participants named in the paragraph

and the three best scoring at least 0.35 (0.45 for a sentence without a type cue) are proposed, one
suggestion each. A sentence with a type cue and no known event above the bar gets a proposed new event of
that type, dated by the sentence.

The headline (the first paragraph, when it does not end with a full stop) reports the article's main
event: the known event with the highest total score over the rest of the article — of the type the
headline's cue names, if it has one ("Visiting Minister Says …" → a visit) — is ranked first for it.

A quote or paraphrase that names no event of its own was most often spoken at the article's occasion for
its speaker (an interview, remarks to the press, an op-ed, a study): the known events of such a type
(meeting, publication, forum) with the quote's speaker among the participants and dated over the
publication date (or in the month before it) are proposed for the quote's sentence, after the events it
reports, one suggestion each.
"""

import datetime
import math
import re
from collections import defaultdict

from relations.models import Event, PartialDate
from relations.text import paragraph_bounds, sentence_span, sentences, wordset

from . import Proposal
from .actors import Mention
from .dates import DateMention, holding_date
from .known import Known, KnownEvent

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
    (
        T.PUBLICATION,
        r"published|issued\s+a\s+statement|announced|wrote\s+in|article|op-ed|report(?:ed)?\s+that|stud(?:y|ies)|survey",
    ),
]
_CUE = [(event_type, re.compile(rf"\b(?:{pattern})\b", re.I)) for event_type, pattern in CUES]
THRESHOLD, THRESHOLD_WITHOUT_CUE = 0.35, 0.45
_STOP = wordset(
    "that this with from have been were their which about after before into over also more than they there "
    "when what will would could should them then these those while where other some such only very most much "
    "first last next year years month week said says according"
)
# Words found in more events than this are not looked up (they do not tell events apart).
MAX_POSTINGS = 2000


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in _STOP}


def _index(known: Known):
    postings: dict[str, list[int]] = defaultdict(list)
    tokens = []
    for i, event in enumerate(known.events):
        words = _tokens(f"{event.title} {event.description} {event.place}") | {f"@{a}" for a in event.participants}
        tokens.append(words)
        for word in words:
            postings[word].append(i)
    n = max(1, len(known.events))
    idf = {word: math.log(1 + n / len(events)) for word, events in postings.items()}
    norms = [math.sqrt(sum(idf[w] ** 2 for w in words)) or 1.0 for words in tokens]
    return postings, idf, norms


# The kinds of event at which words are spoken or written, and how long before publication they count.
OCCASIONS = {T.MEETING, T.PUBLICATION, T.FORUM}
OCCASION_DAYS = 31
OCCASION_SCORE = 0.4
NEAR_PUBLICATION_DAYS = 14
HEADLINE_SCORE = 0.5


def find(
    body: str,
    mentions: list[Mention],
    dates: list[DateMention],
    published: PartialDate | None,
    known: Known,
    quotes: list[Proposal] = (),
):
    index = None if not known.events else known.cached("events", lambda: _index(known))
    proposals = []
    for s, e in sentences(body):
        sentence = body[s:e]
        cue = next(((t, m) for t, pattern in _CUE if (m := pattern.search(sentence))), None)
        p_start, p_end = paragraph_bounds(body, s)
        in_sentence = {m.actor for m in mentions if m.actor and s <= m.start < e}
        in_paragraph = {m.actor for m in mentions if m.actor and p_start <= m.start < p_end}
        sentence_dates = [d.date for d in dates if s <= d.start < e and d.date]
        # A sentence without a date of its own holds for the publication date, give or take the weeks
        # that news looks ahead or back ("will travel", "last week").
        slack = 0 if sentence_dates or not published else NEAR_PUBLICATION_DAYS
        sentence_dates = sentence_dates or ([published] if published else [])
        best = []
        if index is not None:
            # The paragraph's words and names count half, the sentence's in full.
            query = dict.fromkeys(_tokens(body[p_start:p_end]) | {f"@{a}" for a in in_paragraph}, 0.5)
            query |= dict.fromkeys(_tokens(sentence) | {f"@{a}" for a in in_sentence}, 1.0)
            candidates = _candidates(query, index)
            scored = sorted(
                (
                    (
                        score(
                            known.events[i], similarity, cue[0] if cue else None, sentence_dates, in_paragraph, slack
                        ),
                        i,
                    )
                    for i, similarity in candidates
                ),
                key=lambda pair: (-pair[0], known.events[pair[1]].slug),
            )
            bar = THRESHOLD if cue else THRESHOLD_WITHOUT_CUE
            best = [(sc, known.events[i]) for sc, i in scored[:3] if sc >= bar]
        for sc, ev in best:
            proposals.append(
                Proposal(
                    "event",
                    s,
                    e,
                    min(1.0, sc),
                    _fields(ev),
                    key=ev.slug,
                )
            )
        if cue and not best:
            date = holding_date(dates, s, e, body, published)
            proposals.append(
                Proposal(
                    "event",
                    s,
                    e,
                    0.3,
                    {
                        "event": None,
                        "title": _title(sentence),
                        "event_type": cue[0],
                        "date": str(date) if date else None,
                    },
                )
            )
    proposals = _headline(body, proposals)
    return proposals + _occasions(body, quotes, published, known, proposals)


def _headline(body: str, proposals: list[Proposal]) -> list[Proposal]:
    """The headline reports the article's main event: ranked first there (see the docstring)."""
    start = len(body) - len(body.lstrip())
    h_start, h_end = paragraph_bounds(body, start)
    if body[h_start:h_end].rstrip().endswith(".") or h_end >= len(body):
        return proposals
    headline = body[h_start:h_end]
    cue = next((t for t, pattern in _CUE if pattern.search(headline)), None)
    totals: dict[str, float] = defaultdict(float)
    for p in proposals:
        if p.data["event"] and p.start >= h_end and cue in (None, p.data["event_type"]):
            totals[p.data["event"]] += p.score
    if not totals:
        return proposals
    main = max(totals, key=lambda slug: (totals[slug], slug))
    fields = next(p.data for p in proposals if p.data["event"] == main)
    # Over the headline, the main event replaces itself and the proposal of a new event.
    out = [p for p in proposals if not (p.start < h_end and p.data["event"] in (main, None))]
    for s, e in sentences(body, h_start, h_end):
        here = [p.score for p in out if p.start == s and p.end == e and p.data["event"]]
        sc = min(1.0, max(here) + 0.01) if here else HEADLINE_SCORE
        out.append(Proposal("event", s, e, sc, fields, key=main))
    return sorted(out, key=lambda p: p.start)


def _occasions(body: str, quotes: list[Proposal], published: PartialDate | None, known: Known, proposed):
    """The speaker's occasions for each attributed quote, over the quote's sentence (see the docstring)."""
    if not published or not known.events:
        return []
    by_speaker = known.cached("occasions", lambda: _by_participant(known))
    first, last = published.date - datetime.timedelta(days=OCCASION_DAYS), published.last_day
    seen = {(p.start, p.end, p.data["event"]) for p in proposed}
    out = []
    for quote in quotes:
        speaker = quote.data.get("speaker")
        if not speaker:
            continue
        s, e = sentence_span(body, quote.start, quote.end)
        for ev in by_speaker.get(speaker, ()):
            if not (ev.start.date <= last and first <= (ev.end or ev.start).last_day) or (s, e, ev.slug) in seen:
                continue
            seen.add((s, e, ev.slug))
            out.append(Proposal("event", s, e, OCCASION_SCORE, _fields(ev), key=ev.slug))
    return out


def _by_participant(known: Known) -> dict[str, list[KnownEvent]]:
    occasions: dict[str, list[KnownEvent]] = defaultdict(list)
    for ev in known.events:
        if ev.event_type in OCCASIONS and ev.start:
            for actor in ev.participants:
                occasions[actor].append(ev)
    return occasions


def _fields(ev: KnownEvent) -> dict:
    return {
        "event": ev.slug,
        "title": ev.title,
        "event_type": ev.event_type,
        "date": str(ev.start) if ev.start else None,
    }


def _candidates(query: dict[str, float], index) -> list[tuple[int, float]]:
    """Events sharing a word or a participant with the query, with their cosine similarity, best 20."""
    postings, idf, norms = index
    scores: dict[int, float] = defaultdict(float)
    q_norm = 0.0
    for word, weight in query.items():
        events = postings.get(word)
        if not events:
            continue
        w = weight * idf[word]
        q_norm += w * w
        if len(events) > MAX_POSTINGS:
            continue
        for i in events:
            scores[i] += w * idf[word]
    q_norm = math.sqrt(q_norm) or 1.0
    ranked = sorted(((i, acc / (norms[i] * q_norm)) for i, acc in scores.items()), key=lambda p: -p[1])
    return ranked[:20]


def score(
    event: KnownEvent,
    similarity: float,
    cue_type: str | None,
    dates: list[PartialDate],
    named: set[str],
    slack_days: int = 0,
) -> float:
    total = 0.45 * min(1.0, similarity / 0.5)
    if cue_type and event.event_type == cue_type:
        total += 0.2
    if event.start and dates:
        slack = datetime.timedelta(days=slack_days)
        start, end = event.start.date - slack, (event.end or event.start).last_day + slack
        if any(d.date <= end and start <= d.last_day for d in dates):
            total += 0.15
        elif any(abs((d.date - start).days) < 366 for d in dates):
            total += 0.05
    if event.participants:
        total += 0.2 * len(event.participants & named) / len(event.participants)
    return total


def _title(sentence: str) -> str:
    """A short working title: the sentence from its start, cut at a word boundary near 100 characters."""
    text = " ".join(sentence.split())
    if len(text) <= 100:
        return text.rstrip(".")
    return text[:100].rsplit(" ", 1)[0] + "…"

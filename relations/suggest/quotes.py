"""Quotes: text in quotation marks, attributed to a speaker; reported speech as paraphrase.

Quotation marks. “…” and "…" are double quotes, ‘…’ and '…' single ones (a headline's, or nested in a
double quote). A ’ or ' between letters (don't, Kazakhstan’s) or after a plural s (the countries’ oil)
is an apostrophe, not a quotation mark. News style continues a quote into the next paragraph without
closing it when that paragraph opens with a quotation mark: such a quote runs to its final closing mark;
a paragraph that ends inside a quote with no continuation ends the quote there (a text cut off mid-quote).
The span of a quote is the text inside its marks.

Attribution, in the quote's sentence: "…,” X said / said X / X wrote / X told … / X added …, the speech
verb before the quote (X said: “…”, X wrote that “…”), "quoted X as saying", "according to X". X is a
name found by the actors suggester; a pronoun or a title ("he", "the Kazakh president", "the envoy") is
resolved to the nearest person named before it. A quote with no attribution in its sentence is given to
the speaker of the quote before it in the same or the previous paragraph (news convention), less surely.

Reported speech: a sentence outside quotation marks with a speech verb and a named or resolved speaker
("X said that …", "…, X said.", "In X's words, …", "according to X") is proposed as a paraphrase.
"""

import re
from dataclasses import dataclass

from . import Proposal
from .actors import PERSON, Mention
from .known import Known
from .text import paragraphs, sentences

OPEN_DOUBLE, CLOSE_DOUBLE = "“„‟", "”"
VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|stated|states|noted|notes|explained|explains|declared|"
    r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|asked|asks|continued|recalled|recalls|remarked|"
    r"insisted|insists|warned|warns|argued|argues|believes|believed|pointed out|points out|observed|suggested|"
    r"announced|announces|acknowledged|admitted|admits|concluded|replied|commented|mentioned|claimed|claims|"
    r"maintained|predicted|promised|vowed|urged|confirmed|thinks|thought|according to|quoted|cited"
)
_VERB = re.compile(rf"\b(?:{VERBS})\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_TITLE_REFERENCE = re.compile(
    r"\b[Tt]he\s+(?:[A-Z]\w+\s+)?(?:(?:deputy|vice|prime|foreign|defen[cs]e|chief|senior|former)\s+)*"
    r"(?:president|minister|ambassador|envoy|diplomat|premier|official|spokesman|spokeswoman|leader|chairman|"
    r"director|head|senator|counsellor|governor|mayor|king|prince|general|secretary)\b"
)
_QUOTED_AS = re.compile(r"\bquoted\s+$")
_SAYING = re.compile(r"^\s+as\s+(?:saying|telling|writing)")


@dataclass
class Quoted:
    start: int  # first character inside the marks
    end: int  # just past the last character inside the marks
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when cut off


def find(body: str, mentions: list[Mention], known: Known | None = None) -> list[Proposal]:
    quoted = quotations(body)
    people = [m for m in mentions if m.kind == PERSON or m.kind is None]
    proposals: list[Proposal] = []
    last: tuple[int, Mention | None] | None = None  # (paragraph start, speaker) of the previous quote
    for q in quoted:
        if not body[q.start : q.end].strip():
            continue
        speaker, score = attribute(body, q.open_mark, (q.close_mark or q.end) + 1, mentions, people)
        if speaker is None and last is not None:
            p_start = body.rfind("\n", 0, q.open_mark)
            previous_paragraph = body.rfind("\n", 0, max(0, p_start))
            if last[0] >= previous_paragraph:
                speaker, score = last[1], 0.6
        words = len(body[q.start : q.end].split())
        confidence = 0.9 if words >= 4 else 0.5 if words >= 2 else 0.25
        if speaker is not None:
            last = (q.open_mark, speaker)
        proposals.append(
            Proposal(
                "quote",
                q.start,
                q.end,
                confidence * (score if speaker else 0.6),
                _fields("direct_quote", speaker),
            )
        )
    proposals += paraphrases(body, quoted, mentions, people)
    return proposals


def _fields(kind: str, speaker: Mention | None) -> dict:
    return {
        "kind": kind,
        "speaker": speaker.actor if speaker else None,
        "speaker_text": speaker.text if speaker else None,
    }


def quotations(body: str) -> list[Quoted]:
    """Every top-level quotation in `body`, by the rules in the module docstring."""
    found: list[Quoted] = []
    paras = list(paragraphs(body))
    i = 0
    continued: Quoted | None = None
    while i < len(paras):
        p_start, p_end = paras[i]
        marks = _marks(body, p_start, p_end)
        stack: list[tuple[str, int]] = []
        if continued is not None:
            # The continuation paragraph opens with a mark that repeats the open quote.
            if marks and marks[0][0] == "open" and marks[0][2] == "double":
                marks = marks[1:]
            stack = [("double", continued.open_mark)]
        for role, offset, kind in marks:
            if role == "open" and (not stack or stack[-1][0] != kind):
                stack.append((kind, offset))
            elif role == "close" and stack and stack[-1][0] == kind:
                _, opened = stack.pop()
                if not stack:
                    inside_start = (
                        continued.start if continued is not None and opened == continued.open_mark else opened + 1
                    )
                    found.append(Quoted(inside_start, offset, opened, offset))
                    continued = None
            elif role == "toggle":
                if stack and stack[-1][0] == kind:
                    _, opened = stack.pop()
                    if not stack:
                        found.append(Quoted(opened + 1, offset, opened, offset))
                        continued = None
                else:
                    stack.append((kind, offset))
        if stack and stack[0][0] == "double":
            opened = stack[0][1]
            start = continued.start if continued is not None else opened + 1
            following = paras[i + 1] if i + 1 < len(paras) else None
            if following and _opens_with_mark(body, following[0]):
                continued = Quoted(start, p_end, opened, None)
            else:
                found.append(Quoted(start, p_end, opened, None))
                continued = None
        else:
            continued = None
        i += 1
    if continued is not None:
        found.append(continued)
    return [q for q in found if q.start < q.end]


def _opens_with_mark(body: str, offset: int) -> bool:
    return body[offset : offset + 1] in OPEN_DOUBLE + '"'


def _marks(body: str, start: int, end: int) -> list[tuple[str, int, str]]:
    """(role, offset, kind) of each quotation mark in body[start:end]; role is open, close or toggle."""
    marks = []
    open_single = 0
    for i in range(start, end):
        c = body[i]
        before = body[i - 1] if i > start else " "
        after = body[i + 1] if i + 1 < end else " "
        if c in OPEN_DOUBLE:
            marks.append(("open", i, "double"))
        elif c == CLOSE_DOUBLE:
            marks.append(("close", i, "double"))
        elif c == '"':
            if before.isspace() or before in "([{—–-/" or i == start:
                marks.append(("open", i, "double"))
            elif after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == end:
                marks.append(("close", i, "double"))
            else:
                marks.append(("toggle", i, "double"))
        elif c in "‘'’":
            if before.isalnum() and after.isalnum():
                continue  # don't, Kazakhstan’s
            opening = (c in "‘'") and (before.isspace() or before in '([{“"—–-' or i == start) and not after.isspace()
            if c == "‘" and not opening and not before.isalnum():
                opening = True
            if opening:
                marks.append(("open", i, "single"))
                open_single += 1
            elif open_single and not before.isspace():
                marks.append(("close", i, "single"))
                open_single -= 1
            # Otherwise an apostrophe after a plural (the countries’ oil) or an elision (’90s).
    return marks


def attribute(body: str, start: int, end: int, mentions: list[Mention], people: list[Mention]):
    """The speaker of a quote or statement at body[start:end] and how sure: (Mention or None, score)."""
    s_start = max((s for s, _ in sentences(body) if s <= start), default=0)
    p_end = body.find("\n", end)
    p_end = len(body) if p_end == -1 else p_end
    after_end = min(p_end, _sentence_end(body, end, p_end))
    after = body[end:after_end]
    before = body[s_start:start]
    # After the quote: “…,” X said. / “…,” said X. / “…,” he said. / “…,” the president said.
    verb = _VERB.search(after)
    if verb and verb.start() < 80:
        speaker = _subject_near(body, end + verb.start(), end + verb.end(), after_end, mentions, people, end)
        if speaker:
            return speaker, 1.0
    # Before it: X said: “…” / X wrote … that “…” / quoted X as saying “…” / according to X, “…”.
    verbs = list(_VERB.finditer(before))
    for verb in reversed(verbs):
        speaker = _subject_near(body, s_start + verb.start(), s_start + verb.end(), start, mentions, people, s_start)
        if speaker:
            return speaker, 0.95
    return None, 0.0


def _sentence_end(body: str, offset: int, limit: int) -> int:
    match = re.compile(r"[.!?](?=\s|$)").search(body, offset, limit)
    return match.end() if match else limit


def _subject_near(body, v_start, v_end, limit, mentions, people, floor):
    """The name next to a speech verb: just before it (X said), just after (said X), or quoted X as saying."""
    verb = body[v_start:v_end]
    if verb in ("quoted", "cited"):
        # "quoted X as saying": the speaker follows; "X quoted …" is the medium, not the speaker.
        for m in mentions:
            if v_end <= m.start <= v_end + 3 and _SAYING.match(body[m.end : m.end + 20]):
                return m
        return None
    if verb == "according to":
        return next((m for m in mentions if v_end <= m.start <= v_end + 40 and m.start < limit + 200), None)
    # Just before the verb: "Rav-Ner said", "Brodsky, Israel’s envoy, said", "he said", "the president said".
    window = body[max(floor, v_start - 120) : v_start]
    close = [m for m in mentions if floor <= m.start and m.end <= v_start and v_start - m.end <= 120]
    pronoun = list(_PRONOUN.finditer(window))
    title = list(_TITLE_REFERENCE.finditer(window))
    candidates = []
    if close:
        m = max(close, key=lambda m: m.end)
        if m.kind in (PERSON, None) or v_start - m.end <= 3:
            candidates.append((m.end, m))
    if pronoun and pronoun[-1].end() >= len(window) - 2:
        resolved = _nearest_person(people, v_start - len(window) + pronoun[-1].start())
        if resolved:
            candidates.append((v_start - len(window) + pronoun[-1].end(), resolved))
    if title and title[-1].end() >= len(window) - 2:
        resolved = _nearest_person(people, v_start - len(window) + title[-1].start(), title[-1].group())
        if resolved:
            candidates.append((v_start - len(window) + title[-1].end(), resolved))
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    # Just after the verb: "said Rav-Ner", "said the president", "said he".
    rest = body[v_end : min(limit, v_end + 80) if limit > v_end else v_end + 80]
    after_mentions = [m for m in mentions if v_end < m.start <= v_end + 40 and m.kind in (PERSON, None)]
    if after_mentions:
        return min(after_mentions, key=lambda m: m.start)
    match = re.match(r"\s+(?:he|she)\b", rest)
    if match:
        return _nearest_person(people, v_start)
    match = _TITLE_REFERENCE.match(rest.lstrip())
    if match:
        return _nearest_person(people, v_start, match.group())
    return None


def _nearest_person(people: list[Mention], before: int, title: str = "") -> Mention | None:
    """The person named last before `before`; for a title, preferably one that title was used of."""
    earlier = [m for m in people if m.end <= before and m.kind == PERSON]
    if not earlier:
        return None
    return max(earlier, key=lambda m: m.end)


def paraphrases(body: str, quoted: list[Quoted], mentions: list[Mention], people: list[Mention]) -> list[Proposal]:
    proposals = []
    inside = [(q.open_mark, (q.close_mark or q.end) + 1) for q in quoted]
    for s, e in sentences(body):
        if any(qs < e and s < qe for qs, qe in inside):
            continue
        sentence = body[s:e]
        if not _VERB.search(sentence) and not re.search(r"\bIn\s+\S+(?:\s+\S+)?(?:’s|'s)\s+words\b", sentence):
            continue
        speaker, score = _speaker_inside(body, s, e, mentions, people)
        if speaker is None:
            continue
        proposals.append(Proposal("quote", s, e, 0.6 * score, _fields("paraphrase", speaker)))
    return proposals


def _speaker_inside(body, s, e, mentions, people):
    words = re.search(r"\bIn\s+(.+?)(?:’s|'s)\s+words\b", body[s:e])
    if words:
        for m in mentions:
            if s + words.start(1) <= m.start < s + words.end(1):
                return m, 0.9
    for verb in _VERB.finditer(body, s, e):
        speaker = _subject_near(body, verb.start(), verb.end(), e, mentions, people, s)
        if speaker:
            return speaker, 0.9
    return None, 0.0

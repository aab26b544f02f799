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

from relations.text import paragraphs, sentences

from . import Proposal
from .actors import PERSON, TITLE_WORDS, Mention

OPEN_DOUBLE, CLOSE_DOUBLE = "“„‟", "”"
VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|stated|states|noted|notes|explained|explains|declared|"
    r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|asked|asks|continued|recalled|recalls|remarked|"
    r"insisted|insists|warned|warns|argued|argues|believes|believed|pointed out|points out|observed|suggested|"
    r"announced|announces|acknowledged|admitted|admits|concluded|replied|commented|mentioned|claimed|claims|"
    r"maintained|predicted|promised|vowed|urged|confirmed|thinks|thought|praised|encouraged|welcomed|critici[sz]ed|"
    r"noting|adding|[Aa]ccording to|quoted|cited"
)
_VERB = re.compile(rf"\b(?:{VERBS})\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_TITLE_REFERENCE = re.compile(
    r"\b[Tt]he\s+(?:[A-Z]\w+\s+)?(?:(?:deputy|vice|prime|foreign|defen[cs]e|chief|senior|former)\s+)*"
    r"(?:president|minister|ambassador|envoy|diplomat|premier|chancellor|official|spokesman|spokeswoman|leader|chairman|"
    r"director|head|senator|counsellor|governor|mayor|king|prince|general|secretary)\b"
)
_TITLE_LOWER = {w.lower() for w in TITLE_WORDS} | {"the", "a", "an", "former", "deputy", "foreign", "chief"}
_SAYING = re.compile(r"^\s+as\s+(?:saying|telling|writing)")


@dataclass
class Quoted:
    start: int  # first character inside the marks
    end: int  # just past the last character inside the marks
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when cut off


def find(body: str, mentions: list[Mention]) -> list[Proposal]:
    quoted = quotations(body)
    people = [m for m in mentions if m.kind == PERSON and (m.actor or m.score >= 0.6)]
    inside = [(q.open_mark, (q.close_mark or q.end) + 1) for q in quoted]
    # Everyone who says something, in reading order: quotes attributed in their sentence, reported speech.
    said: list[tuple[int, Mention]] = []
    attributed = {}
    for q in quoted:
        speaker, score = attribute(body, q.open_mark, (q.close_mark or q.end) + 1, mentions, people)
        attributed[q.start] = (speaker, score)
        if speaker:
            said.append((q.open_mark, speaker))
    reported = paraphrases(body, inside, mentions, people)
    said += [(p.start, p.speaker) for p in reported]
    said.sort(key=lambda pair: pair[0])
    proposals = []
    for q in quoted:
        if not body[q.start : q.end].strip():
            continue
        speaker, score = attributed[q.start]
        if speaker is None:
            # News convention: an unattributed quote continues the last speaker, within a few paragraphs.
            earlier = [m for offset, m in said if offset < q.open_mark and q.open_mark - offset < 1500]
            if earlier:
                speaker, score = earlier[-1], 0.6
        words = len(body[q.start : q.end].split())
        confidence = 0.9 if words >= 4 else 0.5 if words >= 2 else 0.25
        proposals.append(
            Proposal(
                "quote", q.start, q.end, confidence * (score if speaker else 0.6), _fields("direct_quote", speaker)
            )
        )
    proposals += [Proposal("quote", p.start, p.end, 0.6 * p.score, _fields("paraphrase", p.speaker)) for p in reported]
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
    paras = paragraphs(body)
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
    """The speaker of a quote at body[start:end] (marks included) and how sure: (Mention or None, score)."""
    p_start = body.rfind("\n", 0, start) + 1
    p_end = body.find("\n", end)
    p_end = len(body) if p_end == -1 else p_end
    # After the quote, in its sentence: “…,” X said / said X / he said / the deputy director, who …, said.
    after_end = _sentence_end(body, end, p_end)
    verb = _VERB.search(body, end, min(after_end, end + 160))
    if verb and re.search(r"[.!?]\W?$", body[max(0, end - 3) : end - 1]):
        # The quote closed its own sentence: only "X said." right after it still attributes it;
        # "… values.” The paper quoted Merkel as saying …" introduces the next quote.
        closing = re.match(rf"\W*(?:\S+\s+){{0,3}}?(?:{VERBS})\b", body[end:])
        if not closing or closing.end() != verb.end() - end or verb.group() in ("quoted", "cited", "according to"):
            verb = None
    if verb:
        speaker = _subject_after(body, end, verb, mentions, people)
        if speaker:
            return speaker, 1.0
    # Before it, in its sentence: X said: “…” / X wrote that “…” / said X, “…” / according to X, “…”.
    s_start = max(p_start, _sentence_start(body, start, p_start))
    for verb in reversed(list(_VERB.finditer(body, s_start, start))):
        speaker = _subject_before(body, s_start, verb, start, mentions, people)
        if speaker:
            return speaker, 0.95
    return None, 0.0


def _sentence_end(body: str, offset: int, limit: int) -> int:
    match = re.compile(r"[.!?](?=\s|$)").search(body, offset, limit)
    return match.end() if match else limit


def _sentence_start(body: str, offset: int, floor: int) -> int:
    """The start of the sentence around `offset`, not counting ends inside quotation marks."""
    text = body[floor:offset]
    ends = [m.end() for m in re.finditer(r"[.!?][”\"’]?\s+(?=[“\"A-Z])", text)]
    return floor + (ends[-1] if ends else 0)


def _subject_after(body, end, verb, mentions, people) -> Mention | None:
    """The subject of a speech verb that follows a quote: the first name, pronoun or title after the quote."""
    segment_end = verb.start()
    word = verb.group()
    if word.lower() in ("quoted", "cited", "according to"):
        return _speaker_after_verb(body, verb, mentions, people)
    first = [m for m in mentions if end <= m.start < segment_end and m.kind in (PERSON, "organisation", None)]
    pronoun = _PRONOUN.search(body, end, segment_end)
    title = _TITLE_REFERENCE.search(body, end, segment_end)
    options = []
    if first:
        options.append((first[0].start, first[0]))
    if pronoun:
        options.append((pronoun.start(), _nearest_person(people, pronoun.start())))
    if title:
        options.append((title.start(), _nearest_person(people, title.start(), title.group())))
    options = [o for o in options if o[1] is not None]
    if options:
        return min(options, key=lambda o: o[0])[1]
    # "…,” said Rav-Ner / said the minister / said he.
    return _speaker_after_verb(body, verb, mentions, people)


def _speaker_after_verb(body, verb, mentions, people) -> Mention | None:
    v_end = verb.end()
    if verb.group() in ("quoted", "cited"):
        # "quoted X as saying": the speaker follows; "X quoted …" is the medium, not the speaker.
        for m in mentions:
            if v_end <= m.start <= v_end + 3 and _SAYING.match(body[m.end : m.end + 20]):
                return m
        return None
    # "said Rav-Ner", "said Finance Minister Jonas Weber": only title words between the verb and the name.
    after = [m for m in mentions if v_end < m.start <= v_end + 50 and _only_titles(body[v_end : m.start])]
    if verb.group().lower() == "according to":
        after = [m for m in mentions if v_end < m.start <= v_end + 40]
    if after:
        return min(after, key=lambda m: m.start)
    rest = body[v_end : v_end + 60]
    if re.match(r"\s+(?:he|she)\b", rest):
        return _nearest_person(people, verb.start())
    title = _TITLE_REFERENCE.match(rest.lstrip())
    if title:
        return _nearest_person(people, verb.start(), title.group())
    return None


def _subject_before(body, s_start, verb, limit, mentions, people) -> Mention | None:
    """The subject of a speech verb before a quote: "said X" / "X said" / "he said" / "the envoy wrote"."""
    if verb.group().lower() in ("quoted", "cited", "according to"):
        return _speaker_after_verb(body, verb, mentions, people)
    after = [
        m
        for m in mentions
        if verb.end() < m.start <= verb.end() + 50
        and m.kind in (PERSON, None)
        and _only_titles(body[verb.end() : m.start])
    ]
    if after:
        return after[0]
    window_start = max(s_start, verb.start() - 150)
    before = [m for m in mentions if window_start <= m.start and m.end <= verb.start()]
    pronoun = list(_PRONOUN.finditer(body, window_start, verb.start()))
    title = list(_TITLE_REFERENCE.finditer(body, window_start, verb.start()))
    options = []
    # The subject is the first noun phrase of the clause: the first person named, else the closest name.
    persons = [m for m in before if m.kind == PERSON]
    if persons:
        options.append((persons[0].start, persons[0]))
    elif before and verb.start() - before[-1].end <= 3:
        options.append((before[-1].start, before[-1]))
    if pronoun:
        options.append((pronoun[0].start(), _nearest_person(people, pronoun[0].start())))
    if title:
        options.append((title[0].start(), _nearest_person(people, title[0].start(), title[0].group())))
    options = [o for o in options if o[1] is not None]
    if options:
        return min(options, key=lambda o: o[0])[1]
    if verb.group() in ("noting", "adding"):
        # "…, noting that …": the speaker of the sentence before goes on.
        return _nearest_person(people, verb.start())
    return _speaker_after_verb(body, verb, mentions, people)


def _only_titles(gap: str) -> bool:
    """Whether the words between a speech verb and a name are only a title ("Finance Minister", "the envoy")."""
    words = gap.split()
    return (
        len(words) <= 5
        and not re.search(r"[,.;:“”\"()]", gap)
        and all(w.rstrip(".") in TITLE_WORDS or w.lower() in _TITLE_LOWER for w in words)
    )


def _nearest_person(people: list[Mention], before: int, title: str = "") -> Mention | None:
    """The person named last before `before`."""
    earlier = [m for m in people if m.end <= before]
    if not earlier:
        return None
    return max(earlier, key=lambda m: m.end)


@dataclass
class Reported:
    start: int
    end: int
    speaker: Mention
    score: float


def paraphrases(body: str, inside: list[tuple[int, int]], mentions: list[Mention], people: list[Mention]):
    """Sentences outside quotation marks that report what a named speaker said."""
    found = []
    for s, e in sentences(body):
        if any(qs < e and s < qe for qs, qe in inside):
            # Only the part before the quote: "X said that …, adding “…”" is handled as the quote's attribution.
            continue
        speaker, score = _speaker_inside(body, s, e, mentions, people)
        if speaker is not None:
            found.append(Reported(s, e, speaker, score))
    return found


def _speaker_inside(body, s, e, mentions, people):
    words = re.search(r"\bIn\s+(.+?)(?:’s|'s)\s+words\b", body[s:e])
    if words:
        for m in mentions:
            if s + words.start(1) <= m.start < s + words.end(1):
                return m, 0.9
    for verb in _VERB.finditer(body, s, e):
        if verb.group() in ("quoted", "cited"):
            continue
        speaker = _subject_before(body, s, verb, e, mentions, people)
        if speaker:
            return speaker, 0.9
    return None, 0.0

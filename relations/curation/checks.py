"""Mechanical curation rules, checked on every build (`manage.py build_fixtures --check` lists them all).

Each check has a stable name, used in problem reports and by the tests:

- ``direct-quote-marks``: a direct quote lies inside one quoted passage of the body (“…”, "…", ‘…’ or
  '…'); it may be part of a longer quoted passage, and a passage may run over several paragraphs when a
  paragraph ends without a closing mark and the next one opens with a mark (the newspaper convention).
  Words inside marks with the speaker's attribution between them ("“A,” he said, “B.”") are two
  passages: such a claim mixes quoted and reported words, so it is a paraphrase.
- ``paraphrase-attribution``: a paraphrase has an attribution near its quote: a reporting phrase
  ("said", "told", "has praised", "according to"…) in the sentences of its quote or within `WINDOW`
  characters of it; or some of its words inside quotation marks (a quoted headline, a mixed claim: the
  marks say whose words they are); or it is an item of a list whose lead-in has one ("Key findings
  highlighted in this study include:").
- ``alias-unique``: no alias names two actors, compared ignoring case (the database holds the same
  rule: constraint alias_unique_ci).
- ``note-references``: every reference in a note resolves. A reference is a slug in backticks,
  `` `gaza-flotilla-raid-2010` ``, naming a source, actor, event, metric or topic. The words "event",
  "actor", "source" or "metric" followed by a bare slug are read as a reference too, and reported
  until they are written in backticks. Notes are descriptions, date notes and publication notes.
"""

import re
from collections import defaultdict

from relations.models import ActorAlias, Claim
from relations.text import paragraphs

# Characters either side of a quote within which its attribution must appear.
WINDOW = 120

_OPEN_DOUBLE, _CLOSE_DOUBLE = "“„‟", "”"
_WORD = re.compile(r"\w")
# Reporting verbs in the forms news copy uses ("said", "says", "saying", "has praised"), and reporting phrases.
ATTRIBUTION = re.compile(
    r"\b(?:"
    r"say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|state|stated|note|notes|noted|noting|"
    r"explain|explains|explained|argue|argues|argued|claim|claimed|announce|announces|announced|warn|warns|warned|"
    r"insist|insists|insisted|stress|stresses|stressed|emphasi[sz]e|emphasi[sz]es|emphasi[sz]ed|underline|"
    r"underlines|underlined|acknowledge|acknowledges|acknowledged|admit|admits|admitted|suggest|suggests|suggested|"
    r"believe|believes|believed|write|writes|wrote|recall|recalls|recalled|describe|describes|described|urge|urges|"
    r"urged|ask|asks|asked|reply|replies|replied|declare|declares|declared|confirm|confirms|confirmed|predict|"
    r"predicts|predicted|praise|praises|praised|encourage|encourages|encouraged|welcome|welcomes|welcomed|promise|"
    r"promises|promised|propose|proposes|proposed|deny|denies|denied|reiterate|reiterates|reiterated|highlight|"
    r"highlights|highlighted|quoted|according to|in an interview|in the words of|points? out|pointed out"
    r")\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][”’\"']?(?=\s)|\n")
_LIST_ITEM = re.compile(r"\s*(?:[•*·▪–-]|\d+[.)])\s")
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)+"
_BACKTICKED = re.compile(r"`([^`\s]+)`")
_TYPED = re.compile(rf"(?<![`\w])(?:event|actor|source|metric)\s+({_SLUG})\b(?!`)")


def quoted_passages(body: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted passage, its marks included; double and single marks alike."""
    return _double_passages(body) + _single_passages(body)


def _opens(body: str, i: int) -> bool:
    """A straight mark opens when it starts a word: at the start, or after a space or an opening bracket."""
    return (
        (i == 0 or body[i - 1].isspace() or body[i - 1] in "([{“‘—–-")
        and i + 1 < len(body)
        and not body[i + 1].isspace()
    )


def _double_passages(body: str) -> list[tuple[int, int]]:
    passages = []
    lines = paragraphs(body)
    opened = carried = None  # where the open passage started; the mark that carries it into a paragraph
    for index, (start, end) in enumerate(lines):
        for i in range(start, end):
            char = body[i]
            if i == carried:
                continue
            if opened is None and (char in _OPEN_DOUBLE or (char == '"' and _opens(body, i))):
                opened = i
            elif opened is not None and i > opened and (char in _CLOSE_DOUBLE or char == '"'):
                passages.append((opened, i + 1))
                opened = None
        if opened is not None:
            following = lines[index + 1][0] if index + 1 < len(lines) else None
            if following is not None and body[following] in _OPEN_DOUBLE + '"':
                carried = following
            else:
                # A paragraph that ends inside a quotation, and no opening mark to carry it on: it ends here.
                passages.append((opened, end))
                opened = None
    return passages


def _single_passages(body: str) -> list[tuple[int, int]]:
    passages = []
    for start, end in paragraphs(body):
        opened = None
        for i in range(start, end):
            char = body[i]
            after = body[i + 1] if i + 1 < end else ""
            if opened is None and (char == "‘" or (char == "'" and _opens(body, i))):
                opened = i
            elif opened is not None and i > opened + 1 and char in "’'" and not _WORD.match(after):
                # A closing mark ends a word and is not followed by a letter (“Kazakhstan’s” is an apostrophe).
                passages.append((opened, i + 1))
                opened = None
        # An unclosed single mark is most likely an apostrophe misread as an opening mark: no passage.
    return passages


def direct_quote_problem(body: str, start: int, end: int) -> str | None:
    """Why body[start:end] is not a direct quote inside quotation marks (None when it is)."""
    if any(p_start <= start and end <= p_end for p_start, p_end in quoted_passages(body)):
        return None
    return (
        "a direct quote must lie inside one quoted passage of the source; this one is not within quotation marks"
        " (or mixes quoted and reported words: then it is a paraphrase)"
    )


def sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The start of the sentence body[start] is in, and the end of the sentence body[end - 1] is in."""
    first = 0
    for match in _SENTENCE_END.finditer(body, 0, start):
        first = match.end()
    following = _SENTENCE_END.search(body, max(start, end - 1))
    return first, following.end() if following else len(body)


def attribution_near(body: str, start: int, end: int, window: int = WINDOW) -> bool:
    """Whether a reporting phrase lies in the sentences of body[start:end] or within `window` of it."""
    first, last = sentence_bounds(body, start, end)
    return bool(ATTRIBUTION.search(body, max(0, min(start - window, first)), min(len(body), max(end + window, last))))


def _list_lead_in(body: str, start: int) -> tuple[int, int] | None:
    """The paragraph that introduces the list whose item contains `start` ("… findings include:")."""
    lines = paragraphs(body)
    index = next((i for i, (s, e) in enumerate(lines) if s <= start <= e), None)
    if index is None or not _LIST_ITEM.match(body, lines[index][0]):
        return None
    while index > 0 and _LIST_ITEM.match(body, lines[index][0]):
        index -= 1
    s, e = lines[index]
    return (s, e) if body[s:e].rstrip().endswith(":") else None


def paraphrase_problem(body: str, start: int, end: int, window: int = WINDOW) -> str | None:
    """Why the paraphrase at body[start:end] has no attribution near it (None when it has).

    Attributed means: a reporting phrase in its sentences or within `window` characters; or some of its
    words are inside quotation marks (a quoted headline, a quotation it summarises); or it is an item of a
    list whose lead-in ("Some key findings highlighted in this study include:") has an attribution.
    """
    if attribution_near(body, start, end, window):
        return None
    if any(p_start < end and start < p_end for p_start, p_end in quoted_passages(body)):
        return None
    lead_in = _list_lead_in(body, start)
    if lead_in and ATTRIBUTION.search(body, *lead_in):
        return None
    return (
        "a paraphrase needs an attribution: a reporting phrase (said, told, according to…) in its sentence or"
        f" within {window} characters, quoted words, or a list lead-in that has one; none found"
    )


def alias_problems(actors: dict[str, list]) -> list[tuple[str, str]]:
    """(where, message) for every alias that names more than one actor, ignoring case."""
    by_name = defaultdict(dict)  # alias as compared → {actor slug: (spelling, files)}
    for slug, declarations in actors.items():
        for declaration in declarations:
            for alias in declaration.fields.get("aliases", []):
                spelling, files = by_name[ActorAlias.compared(alias)].setdefault(slug, (alias, []))
                files.append(declaration.file)
    problems = []
    for named in by_name.values():
        if len(named) > 1:
            where = ", ".join(dict.fromkeys(file for _, files in named.values() for file in files))
            said = "; ".join(f"{spelling!r} for actor {slug}" for slug, (spelling, _) in sorted(named.items()))
            problems.append((f"{where}: alias {next(iter(named.values()))[0]!r}", f"names two actors: {said}"))
    return problems


def note_reference_problems(text: str, known: set[str]) -> list[str]:
    """What is wrong with the references in a note: unknown slugs, and references not in backticks."""
    problems = [f"`{slug}` refers to nothing: no source, actor, event, metric or topic has that slug"
                for slug in _BACKTICKED.findall(text) if slug not in known]  # fmt: skip
    for match in _TYPED.finditer(text):
        slug = match[1]
        if slug in known:
            problems.append(f"{match[0]!r}: write the reference in backticks, `{slug}`")
        else:
            problems.append(f"{match[0]!r} refers to nothing: no record has the slug {slug!r}")
    return problems


NOTES = {
    "relations.source": ("published_note",),
    "relations.actor": ("description",),
    "relations.event": ("description", "date_note"),
    "relations.metric": ("description",),
    "relations.topic": ("description",),
}


def claim_problems(kind: str, body: str, start: int, end: int) -> list[tuple[str, str]]:
    """(check, message) for every mechanical rule the claim of `kind` at body[start:end] breaks."""
    if kind == Claim.Kind.DIRECT_QUOTE:
        problem = direct_quote_problem(body, start, end)
        return [("direct-quote-marks", problem)] if problem else []
    if kind == Claim.Kind.PARAPHRASE:
        problem = paraphrase_problem(body, start, end)
        return [("paraphrase-attribution", problem)] if problem else []
    return []


def run_all(builder) -> None:
    """Run every mechanical check over a built Builder, adding to its problems."""
    for fields in builder.claims:
        body = builder.bodies[fields["source"][0]]
        for check, message in claim_problems(fields["kind"], body, fields["start"], fields["end"]):
            builder.problems.add(check, builder.where[id(fields)], message)
    for where, message in alias_problems(builder.actors):
        builder.problems.add("alias-unique", where, message)
    records = [record for records in builder.fixtures().values() for record in records]
    known = {record["fields"]["slug"] for record in records if "slug" in record["fields"]}
    for record in records:
        for field in NOTES.get(record["model"], ()):
            for message in note_reference_problems(record["fields"][field], known):
                builder.problems.add("note-references", f"{builder.where_of(record)}: {field}", message)

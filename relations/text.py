"""How a source body is laid out: paragraphs, sentences, words, as offsets into the body. Pure Python.

Shared by the suggesters, the editor's desk, the curation checks and the admin's quote highlighting.
"""

import re
from collections.abc import Iterator

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before white space and a capital,
# a digit or an opening quote — but not after a title or an initial ("Mr. Smith", "J. Smith", "U.S. trade").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_NOT_AN_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Rev|St|Jr|Sr|No|Nos|vs|etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-blank line: news bodies put one paragraph on a line."""
    return [(match.start(), match.end()) for match in _PARAGRAPH.finditer(body) if match.group().strip()]


def sentences(body: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """The (start, end) of every sentence in body[start:end], paragraph by paragraph, trimmed of white space."""
    end = len(body) if end is None else end
    for p_start, p_end in paragraphs(body):
        if p_end <= start or p_start >= end:
            continue
        cursor = p_start
        for match in _SENTENCE_END.finditer(body, p_start, p_end):
            if _NOT_AN_END.search(body, max(p_start, match.start() - 6), match.start() + 1):
                continue
            yield _trim(body, cursor, match.end())
            cursor = match.end()
        if cursor < p_end and body[cursor:p_end].strip():
            yield _trim(body, cursor, p_end)


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence containing body[start:end]; several sentences if the span crosses their borders."""
    s, e = start, end
    for s_start, s_end in sentences(body):
        if s_end <= start:
            continue
        if s_start >= end:
            break
        s, e = min(s, s_start), max(e, s_end)
    return s, e


def paragraph_bounds(body: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The paragraph (the line) that holds body[start:end], or the offset `start` when no end is given."""
    before = body.rfind("\n", 0, start)
    after = body.find("\n", start if end is None else end)
    return before + 1, len(body) if after == -1 else after


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def wordset(text: str) -> set[str]:
    """The white-space separated words of `text`, for writing word lists compactly."""
    return set(text.split())

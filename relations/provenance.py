"""What "anchored" means: a quote is exactly `body[start:end]` of its source.

The one place that finds a quote's offsets and verifies anchors. The models, the admin forms, the
verify_provenance command and the fixture builder all call it. Pure Python: no Django imports, so
scripts can use it without a configured project.
"""

import difflib
import re
from dataclasses import dataclass

# Characters of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix).
CONTEXT_WIDTH = 32

# Typographic characters a pasted quote may carry in a plainer form, and the reverse.
_TYPOGRAPHY = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u2032": "'",  # ′
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u201f": '"',  # ‟
    "\u2033": '"',  # ″
    "\u2010": "-",  # ‐
    "\u2011": "-",  # ‑
    "\u2012": "-",  # ‒
    "\u2013": "-",  # –
    "\u2014": "-",  # —
    "\u2212": "-",  # −
    "\u2026": "...",  # …
}


class AnchorError(ValueError):
    """A quote cannot be anchored in a source; the message says why in an editor's words."""

    def __init__(self, message: str, closest: str | None = None):
        super().__init__(message)
        self.message = message
        self.closest = closest


class QuoteNotFound(AnchorError):
    pass


class AmbiguousQuote(AnchorError):
    def __init__(self, message: str, starts: list[int]):
        super().__init__(message)
        self.starts = starts


@dataclass(frozen=True)
class Anchor:
    quote: str
    start: int
    end: int
    prefix: str
    suffix: str


def normalize_line_endings(text: str) -> str:
    """Return `text` with CRLF and lone CR line endings as LF, and nothing else changed.

    Every entry of a source body (admin form, model, fixture builder, ingest) calls this, so a body
    pasted from a browser textarea (which posts CRLF) stores the article's own characters.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def occurrences(text: str, quote: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every offset where `quote` starts in text[start:end], overlapping matches included."""
    end = len(text) if end is None else end
    found = []
    position = text.find(quote, start, end)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1, end)
    return found


def context(body: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """The prefix and suffix around body[start:end]."""
    return body[max(0, start - width) : start], body[end : end + width]


def locate(body: str, quote: str, occurrence: int | None = None, *, within: tuple[int, int] | None = None) -> Anchor:
    """Find `quote` in `body` and return its anchor.

    `occurrence` (1-based) picks one of several matches; without it, a quote found more than once is
    an AmbiguousQuote. `within` limits the search to body[start:end] (a figure inside its claim).
    An exact match wins; failing that, a match that differs only in typography (’ vs ', “ vs ",
    – vs -, … vs ...) or in runs of white space is accepted and anchored to the source's own
    characters, so the stored quote is always verbatim.
    """
    if not quote or not quote.strip():
        raise AnchorError("The quote is empty.")
    lo, hi = within if within is not None else (0, len(body))
    spans = [(s, s + len(quote)) for s in occurrences(body, quote, lo, hi)]
    if not spans:
        spans = _loose_matches(body, quote, lo, hi)
    if not spans:
        closest = closest_passage(body[lo:hi], quote)
        where = "inside the claim's quote" if within is not None else "in the source"
        message = f"The quote is not {where}."
        if closest:
            message += f" The closest passage is: “{closest}”."
        raise QuoteNotFound(message, closest=closest)
    if occurrence is None:
        if len(spans) > 1:
            starts = [s for s, _ in spans]
            raise AmbiguousQuote(
                f"The quote occurs {len(spans)} times (at characters {', '.join(map(str, starts))}); "
                f"say which occurrence, 1 to {len(spans)}.",
                starts=starts,
            )
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        raise AnchorError(f"Occurrence {occurrence} does not exist: the quote occurs {len(spans)} time(s).")
    start, end = spans[occurrence - 1]
    prefix, suffix = context(body, start, end)
    return Anchor(body[start:end], start, end, prefix, suffix)


def verify(body: str, quote: str, start: int, end: int, prefix: str = "", suffix: str = "") -> list[str]:
    """Return what is wrong with an anchor (empty when it verifies)."""
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        return [f"offsets {start}–{end} are not a span (need 0 ≤ start < end)"]
    if end > len(body):
        return [f"end {end} is past the end of the source text ({len(body)} characters)"]
    problems = []
    found = body[start:end]
    if found != quote:
        problems.append(
            f"quote {_excerpt(quote)} is not the source text at {start}–{end}, which reads {_excerpt(found)}"
        )
    if prefix and body[max(0, start - len(prefix)) : start] != prefix:
        problems.append(f"prefix {_excerpt(prefix)} does not precede the quote in the source")
    if suffix and body[end : end + len(suffix)] != suffix:
        problems.append(f"suffix {_excerpt(suffix)} does not follow the quote in the source")
    return problems


def closest_passage(text: str, quote: str, cutoff: float = 0.6) -> str | None:
    """The passage of `text` most like `quote`, if any is at least `cutoff` similar."""
    quote = " ".join(quote.split())
    if not quote or not text:
        return None
    size = len(quote)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    best, best_ratio = None, cutoff
    for word in re.finditer(r"\S+", text):
        window = text[word.start() : word.start() + size]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = (word.start(), word.start() + size), ratio
    if best is None:
        return None
    start, end = best
    # Widen to whole words so that the suggestion reads naturally.
    while end < len(text) and not text[end].isspace():
        end += 1
    return " ".join(text[start:end].split())


def _normalise(text: str) -> tuple[str, list[int]]:
    """Fold typography and runs of white space; map each output character to its source offset."""
    out: list[str] = []
    offsets: list[int] = []
    previous_space = False
    for i, char in enumerate(text):
        if char.isspace():
            if previous_space:
                continue
            previous_space = True
            out.append(" ")
            offsets.append(i)
            continue
        previous_space = False
        plain = _TYPOGRAPHY.get(char, char)
        out.extend(plain)
        offsets.extend([i] * len(plain))
    return "".join(out), offsets


def _loose_matches(body: str, quote: str, lo: int, hi: int) -> list[tuple[int, int]]:
    needle, _ = _normalise(quote.strip())
    haystack, offsets = _normalise(body[lo:hi])
    spans = []
    for n_start in occurrences(haystack, needle):
        n_end = n_start + len(needle)
        start, end = lo + offsets[n_start], lo + offsets[n_end - 1] + 1
        # A match must begin and end on whole source characters ("..." is not half of "…").
        if (n_start == 0 or offsets[n_start - 1] != offsets[n_start]) and (
            n_end == len(offsets) or offsets[n_end] != offsets[n_end - 1]
        ):
            spans.append((start, end))
    return spans


def _excerpt(text: str, width: int = 60) -> str:
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"“{text}”"


@dataclass(frozen=True)
class Problem:
    """A broken anchor, as reported by verify_provenance."""

    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.message}"

"""Show anchored spans inside their source text. The text is untrusted: every piece is escaped."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines or line breaks) that holds body[start:end]."""
    before = body.rfind("\n", 0, start)
    after = body.find("\n", end)
    return before + 1, len(body) if after == -1 else after


def quote_in_context(body: str, start: int, end: int) -> SafeString:
    """The quote marked inside its paragraph."""
    lo, hi = paragraph_bounds(body, start, end)
    return format_html(
        '<div class="kzil-context">{}<mark>{}</mark>{}</div>', body[lo:start], body[start:end], body[end:hi]
    )


def body_with_spans(body: str, spans: list[tuple[int, int, str, str]]) -> SafeString:
    """The whole body with every (start, end, url, title) span marked and linked; overlaps are merged."""
    cuts = sorted({0, len(body), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pieces = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [(url, title) for s, e, url, title in spans if s <= lo and hi <= e]
        text = escape(body[lo:hi])
        if covering:
            url, _ = covering[0]
            title = " | ".join(t for _, t in covering)
            pieces.append(format_html('<a href="{}" title="{}"><mark>{}</mark></a>', url, title, body[lo:hi]))
        else:
            pieces.append(text)
    return mark_safe(f'<div class="kzil-body">{"".join(pieces)}</div>')  # noqa: S308 - every piece is escaped

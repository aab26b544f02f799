"""Show anchored spans inside their source text. The text is untrusted: every piece is escaped."""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from relations.text import paragraph_bounds


def quote_in_context(body: str, start: int, end: int) -> SafeString:
    """The quote marked inside its paragraph."""
    lo, hi = paragraph_bounds(body, start, end)
    return format_html(
        '<div class="kzil-context">{}<mark>{}</mark>{}</div>', body[lo:start], body[start:end], body[end:hi]
    )

"""An editor pastes a quote; kzil finds its exact offsets in the source, or says why it cannot."""

import subprocess
import sys
from pathlib import Path

import pytest

from relations.provenance import AmbiguousQuote, AnchorError, QuoteNotFound, locate, verify

BODY = (
    "ASTANA – Kazakhstan and Israel are united by some common roots, Rav-Ner said. "
    "“[T]hey really, as diplomats, have to think and care about the good of their country,” he said. "
    "“Because leaders change, parliaments change, but the country doesn’t and the people don’t. … "
    "And the country is the people.” Oil matters. Oil, oil and more oil."
)


def test_exact_quote_gives_offsets_and_context():
    anchor = locate(BODY, "united by some common roots")
    assert BODY[anchor.start : anchor.end] == "united by some common roots"
    assert anchor.quote == "united by some common roots"
    assert anchor.prefix == BODY[max(0, anchor.start - 32) : anchor.start]
    assert anchor.prefix.endswith("Kazakhstan and Israel are ")
    assert anchor.suffix.startswith(", Rav-Ner said.")


@pytest.mark.parametrize(
    "quote",
    [
        "ASTANA – Kazakhstan",
        "“[T]hey really, as diplomats",
        "the country doesn’t and the people don’t. … And",
        "good of their country,”",
    ],
)
def test_typographic_characters_match_exactly(quote):
    anchor = locate(BODY, quote)
    assert anchor.quote == quote
    assert BODY[anchor.start : anchor.end] == quote


def test_plain_punctuation_and_line_breaks_find_the_verbatim_text():
    anchor = locate(BODY, "the country doesn't and the people don't. ... And\n the country")
    assert anchor.quote == "the country doesn’t and the people don’t. … And the country"
    assert BODY[anchor.start : anchor.end] == anchor.quote
    dash = locate(BODY, "ASTANA - Kazakhstan")
    assert dash.quote == "ASTANA – Kazakhstan"


def test_absent_quote_names_the_closest_passage():
    with pytest.raises(QuoteNotFound) as error:
        locate(BODY, "united by some common rooots")
    assert error.value.closest == "united by some common roots,"
    assert "not in the source" in error.value.message
    assert "united by some common roots" in error.value.message


def test_absent_quote_with_nothing_close():
    with pytest.raises(QuoteNotFound) as error:
        locate(BODY, "Binyamin Netanyahu visited Baku")
    assert error.value.closest is None
    assert error.value.message == "The quote is not in the source."


def test_ambiguous_quote_needs_an_occurrence():
    with pytest.raises(AmbiguousQuote) as error:
        locate(BODY, "Oil")
    assert "occurs 2 times" in error.value.message
    assert "say which occurrence, 1 to 2" in error.value.message
    second = locate(BODY, "Oil", occurrence=2)
    assert second.start == BODY.rindex("Oil")
    with pytest.raises(AnchorError, match="Occurrence 3 does not exist"):
        locate(BODY, "Oil", occurrence=3)


def test_empty_quote_is_refused():
    with pytest.raises(AnchorError, match="empty"):
        locate(BODY, "  ")


def test_within_limits_the_search_to_a_span():
    claim = locate(BODY, "Oil, oil and more oil.")
    anchor = locate(BODY, "oil", occurrence=2, within=(claim.start, claim.end))
    assert anchor.start == BODY.rindex("oil")
    with pytest.raises(QuoteNotFound, match="inside the claim's quote"):
        locate(BODY, "Rav-Ner", within=(claim.start, claim.end))


def test_half_of_an_ellipsis_is_not_a_match():
    # "..." stands for "…"; a pasted ".." must not anchor inside the single character.
    with pytest.raises(QuoteNotFound):
        locate("wait… now", "t.. now")


def test_verify_reports_each_broken_part():
    anchor = locate(BODY, "some common roots")
    assert verify(BODY, anchor.quote, anchor.start, anchor.end, anchor.prefix, anchor.suffix) == []
    [problem] = verify(BODY, "some common root", anchor.start, anchor.end)
    assert "is not the source text at" in problem
    assert verify(BODY, anchor.quote, anchor.start, anchor.end, "nope", "") == [
        "prefix “nope” does not precede the quote in the source"
    ]
    assert "not a span" in verify(BODY, "x", 5, 5)[0]
    assert "past the end" in verify(BODY, "x", 5, len(BODY) + 1)[0]


def test_provenance_does_not_need_django():
    # Scripts and importers call it without a configured project.
    code = "import sys, relations.provenance; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent).returncode == 0

"""In headless Chromium: an editor types and pastes a multi-line article into the Source textarea.

The browser posts the textarea with CRLF; the stored body is the article with LF, its SHA-256 is the
article's, and a claim anchored in it has the article's offsets.
"""

import hashlib

from relations.models import Claim, Source
from tests.test_browser_curation import fill_claim, new_page, pytestmark, seed, shot  # noqa: F401

LINES = ["Astana, 1 May.", "", "Presently there is some $2.5 billion annual trade.", "Oil, oil and more oil."]
ARTICLE = "\n".join(LINES)


def test_a_pasted_article_is_stored_verbatim_with_lf(new_page, seed):  # noqa: F811 - fixtures imported above
    alice = new_page("alice")
    alice.goto("/admin/relations/source/add/")
    alice.fill("#id_title", "Typed and pasted")
    alice.press("#id_title", "Tab")
    assert alice.input_value("#id_slug") == "typed-and-pasted"  # prepopulated from the title
    alice.select_option("#id_kind", "news_article")
    body = alice.locator("#id_body")
    body.click()
    alice.keyboard.type(LINES[0])
    alice.keyboard.press("Enter")
    alice.keyboard.press("Enter")
    alice.keyboard.insert_text("\n".join(LINES[2:]))  # what a paste inserts
    assert body.input_value() == ARTICLE
    alice.click("input[name=_continue]")
    alice.wait_for_selector(".messagelist .success")
    shot(alice, "9-source-pasted")

    source = Source.objects.get(slug="typed-and-pasted")
    assert "\r" not in source.body
    assert source.body == ARTICLE
    assert source.body_sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()

    fill_claim(alice, source, "annual trade.\nOil, oil")
    alice.click("input[name=_continue]")
    alice.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get(source=source)
    start = ARTICLE.index("annual trade.")
    assert (claim.start, claim.end) == (start, start + len("annual trade.\nOil, oil"))
    assert claim.quote == ARTICLE[claim.start : claim.end]

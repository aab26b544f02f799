"""An editor selects words in a source to quote them in a new claim, with the source's text beside the form."""

import pytest
from django.urls import reverse

from relations.admin.desk import selection_initial
from relations.models import Claim
from tests import factories

BODY = "Oil, oil and more oil.\nThe oil flows west: oil and gas."


@pytest.fixture
def oily(db):
    return factories.source("oily", body=BODY)


def add_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse('admin:relations_claim_add')}?{query}"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 3, {"pasted_quote": "Oil"}),
        # A selection's white space is trimmed; a quote that appears more than once gets its occurrence.
        (BODY.index("oil and more") - 1, BODY.index("oil and more") + 4, {"pasted_quote": "oil", "occurrence": 1}),
        (BODY.index("oil and gas"), BODY.index("oil and gas") + 3, {"pasted_quote": "oil", "occurrence": 4}),
        (0, len(BODY), {"pasted_quote": BODY}),
        (5, 5, {}),
        (-1, 4, {}),
        (0, len(BODY) + 1, {}),
        ("x", "3", {}),
        (None, None, {}),
    ],
)
def test_a_selection_becomes_the_quote_and_its_occurrence(oily, start, end, expected):
    assert selection_initial(oily, start, end) == expected


def test_the_add_form_opens_with_the_source_and_the_selected_quote(client, alice, oily):
    client.force_login(alice)
    start = BODY.index("The oil flows west")
    page = client.get(add_url(source=oily.pk, start=start, end=start + len("The oil flows west"))).content.decode()
    form = page[page.index('id="claim_form"') :]
    assert f'<option value="{oily.pk}" selected>' in form
    assert ">\nThe oil flows west</textarea>" in form
    # The source's text is beside the form, every piece with its offset, for selecting the next quote.
    assert 'id="kzil-source-panel"' in page and f'<span data-o="{start}">' in page
    assert "relations/desk.js" in page


@pytest.mark.parametrize("params", [{"source": "abc"}, {"source": "999999", "start": "0", "end": "3"}, {}])
def test_a_bad_selection_opens_an_empty_form(client, alice, params):
    client.force_login(alice)
    response = client.get(add_url(**params))
    assert response.status_code == 200
    assert 'id="kzil-source-panel"' not in response.content.decode()


def test_save_and_add_another_keeps_the_source(client, alice, oily):
    client.force_login(alice)
    data = {
        "source": oily.pk, "pasted_quote": "The oil flows west", "occurrence": "", "statement": "Oil flows west.",
        "kind": "author_assertion", "speaker": "", "event": "", "_addanother": "Save and add another",
        "figures-TOTAL_FORMS": "0", "figures-INITIAL_FORMS": "0", "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post(reverse("admin:relations_claim_add"), data)
    assert response.status_code == 302
    assert response.url == f"{reverse('admin:relations_claim_add')}?source={oily.pk}"
    assert Claim.objects.get().quote == "The oil flows west"
    page = client.get(response.url).content.decode()
    assert f'<option value="{oily.pk}" selected>' in page and 'id="kzil-source-panel"' in page


def test_the_claim_page_shows_its_source_with_the_quote_marked(client, alice, oily):
    claim = factories.claim(oily, "The oil flows west")
    client.force_login(alice)
    page = client.get(reverse("admin:relations_claim_change", args=[claim.pk])).content.decode()
    assert f'<mark data-o="{claim.start}" class="kzil-claim kzil-claim-draft">The oil flows west</mark>' in page


def test_no_inline_script_or_style_in_the_new_pages(client, alice, bob, oily):
    """The pages work under a strict Content-Security-Policy: script and style come from static files."""
    claim = factories.claim(oily, "The oil flows west", created_by=alice)
    claim.submit(alice)
    pages = [
        (alice, reverse("admin:relations_source_change", args=[oily.pk])),
        (alice, reverse("admin:relations_claim_change", args=[claim.pk])),
        (alice, reverse("admin:relations_source_new_from_text")),
        (bob, reverse("admin:relations_source_review", args=[oily.pk])),
        (bob, reverse("admin:relations_claiminreview_changelist")),
    ]
    for user, url in pages:
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "<script>" not in page.replace('<script src="', ""), url
        assert "<style" not in page and " onclick=" not in page, url


def test_a_claim_started_on_the_desk_returns_to_its_paragraph(client, alice, oily):
    client.force_login(alice)
    start = BODY.index("The oil flows west")
    url = add_url(source=oily.pk, start=start, end=start + 18, desk=1)
    form = client.get(url).context["adminform"].form
    assert (form.initial["statement"], form.initial["kind"]) == ("The oil flows west", "author_assertion")
    data = {
        "source": oily.pk, "pasted_quote": "The oil flows west", "occurrence": "", "statement": "Oil flows west.",
        "kind": "author_assertion", "speaker": "", "event": "", "_save": "Save",
        "figures-TOTAL_FORMS": "0", "figures-INITIAL_FORMS": "0", "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("admin:relations_source_change", args=[oily.pk]) + f"#p-{start}"

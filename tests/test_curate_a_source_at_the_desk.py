"""An editor curates a source on its admin page, the desk: suggestions are accepted, edited or rejected in place."""

import pytest
from django.urls import reverse

from relations.models import Actor, ActorAlias, Claim, Figure
from relations.models.suggestions import Suggestion
from tests import factories

BODY = (
    "Evil <script>alert(1)</script> in the headline.\n\n"
    "Presently there is some $2.5 billion annual trade between the two countries.\n"
    "“We are friends,” Nazarbayev said. Ambassador Erik Yakubayev agreed."
)


def suggestion(source, text, type_="quote", score=0.9, occurrence=0, **data):
    start = source.body.index(text)
    for _ in range(occurrence):
        start = source.body.index(text, start + 1)
    return Suggestion.objects.create(
        source=source, type=type_, start=start, end=start + len(text), text=text, score=score, data=data
    )


@pytest.fixture
def desk(db):
    source = factories.source("desk", body=BODY)
    nazarbayev = factories.actor("nursultan-nazarbayev", "Nursultan Nazarbayev", Actor.Kind.PERSON)
    factories.metric()
    return {
        "source": source,
        "quote": suggestion(
            source, "We are friends,", kind="direct_quote", speaker=nazarbayev.slug, speaker_text="Nazarbayev"
        ),
        "figure": suggestion(
            source,
            "$2.5 billion",
            "figure",
            value="2500000000",
            qualifier="approximate",
            unit="currency",
            currency="USD",
            period="annual",
            metric=None,
            date=None,
        ),  # fmt: skip
        "actor": suggestion(source, "Erik Yakubayev", "actor", actor=None, name="Erik Yakubayev", kind="person"),
        "url": reverse("admin:relations_source_change", args=[source.pk]),
    }


def accept_url(s):
    return reverse("admin:relations_source_accept_suggestion", args=[s.source_id, s.pk])


def reject_url(s):
    return reverse("admin:relations_source_reject_suggestion", args=[s.source_id, s.pk])


def test_the_desk_shows_paragraphs_claims_and_suggestions_escaped(client, alice, desk, django_assert_max_num_queries):
    claim = factories.claim(desk["source"], "some $2.5 billion annual trade")
    client.force_login(alice)
    with django_assert_max_num_queries(16):
        page = client.get(desk["url"]).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Three paragraphs, each addressable, each piece of text carrying its offset into the body.
    for start in (0, BODY.index("Presently"), BODY.index("“We")):
        assert f'id="p-{start}"' in page
    assert f'<mark data-o="{claim.start}" class="kzil-claim kzil-claim-draft">some </mark>' in page
    figure = desk["figure"]
    assert 'class="kzil-claim kzil-claim-draft kzil-sug kzil-sug-figure">$2.5 billion</mark>' in page
    assert f'<mark data-o="{desk["quote"].start}" class="kzil-sug kzil-sug-quote">We are friends,</mark>' in page
    for s in (desk["quote"], figure, desk["actor"]):
        assert f'id="s-{s.pk}"' in page and accept_url(s) in page and reject_url(s) in page
    assert reverse("admin:relations_claim_change", args=[claim.pk]) in page
    for n in range(30):  # More suggestions cost no more queries.
        kind = ["quote", "figure", "actor", "event"][n % 4]
        Suggestion.objects.create(source=desk["source"], type=kind, start=0, end=4, text="Evil", score=0.5, key=str(n))
    with django_assert_max_num_queries(16):
        assert client.get(desk["url"]).content.decode().count('kzil-accept"') == 33


def test_accepting_a_quote_creates_a_draft_claim_and_returns_to_its_paragraph(client, alice, desk):
    client.force_login(alice)
    quote = desk["quote"]
    response = client.post(accept_url(quote))
    assert response.status_code == 302
    assert response.url == desk["url"] + f"#p-{BODY.index('“We')}"
    claim = Claim.objects.get()
    assert (claim.status, claim.kind, claim.speaker.slug, claim.created_by) == (
        "draft", "direct_quote", "nursultan-nazarbayev", alice,
    )  # fmt: skip
    assert BODY[claim.start : claim.end] == "We are friends,"
    quote.refresh_from_db()
    assert (quote.status, quote.decided_by, quote.claim) == ("accepted", alice, claim)
    page = client.get(desk["url"]).content.decode()
    assert f'id="s-{quote.pk}"' not in page  # Decided: no longer on the desk.
    assert "Accepted: draft claim" in page


def test_editing_a_suggestion_accepts_it_with_the_changes(client, alice, desk):
    client.force_login(alice)
    figure = desk["figure"]
    prefix = f"s{figure.pk}"
    data = {
        "edit": "1", f"{prefix}-metric": "bilateral-trade-annual", f"{prefix}-value": "2500000000",
        f"{prefix}-qualifier": "approximate", f"{prefix}-unit": "currency", f"{prefix}-currency": "USD",
        f"{prefix}-date": "2010",
    }  # fmt: skip
    response = client.post(accept_url(figure), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Figure.objects.get()
    assert (saved.metric.slug, str(saved.date_partial), saved.claim.status) == (
        "bilateral-trade-annual",
        "2010",
        "draft",
    )
    assert BODY[saved.start : saved.end] == "$2.5 billion"


def test_a_suggestion_that_cannot_be_accepted_as_it_is_opens_its_form_with_the_error(client, alice, desk):
    client.force_login(alice)
    figure = desk["figure"]
    response = client.post(accept_url(figure))  # No metric was proposed.
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was accepted" in page and "Choose the metric this figure measures." in page
    assert f'name="s{figure.pk}-value" value="2500000000"' in page  # The proposal is kept in the form.
    assert not Figure.objects.exists() and not Claim.objects.exists()
    figure.refresh_from_db()
    assert figure.status == "open"


def test_bad_input_in_the_edit_form_is_an_error_and_nothing_is_lost(client, alice, desk):
    client.force_login(alice)
    quote = desk["quote"]
    prefix = f"s{quote.pk}"
    data = {
        "edit": "1",
        f"{prefix}-statement": "My words",
        f"{prefix}-kind": "direct_quote",
        f"{prefix}-speaker": "nobody",
    }
    response = client.post(accept_url(quote), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "No actor has the slug “nobody”." in page and "My words" in page
    assert not Claim.objects.exists()


def test_accepting_a_new_name_creates_the_actor_and_its_alias(client, alice, desk):
    client.force_login(alice)
    assert client.post(accept_url(desk["actor"])).status_code == 302
    assert ActorAlias.objects.get(name="Erik Yakubayev").actor.kind == "person"


def test_rejecting_records_who_and_why_and_deciding_twice_is_refused(client, alice, desk):
    client.force_login(alice)
    actor = desk["actor"]
    response = client.post(reject_url(actor), {"reason": "Not an actor here"})
    assert response.status_code == 302 and response.url.endswith(f"#p-{BODY.index('“We')}")
    actor.refresh_from_db()
    assert (actor.status, actor.decided_by, actor.reason) == ("rejected", alice, "Not an actor here")
    response = client.post(accept_url(actor), follow=True)
    assert "This suggestion was rejected already." in response.content.decode()
    assert not Actor.objects.filter(name="Erik Yakubayev").exists()


def test_deciding_needs_a_post_and_the_editors_rights(client, alice, bob, charlie, desk):
    quote = desk["quote"]
    client.force_login(alice)
    assert client.get(accept_url(quote)).status_code == 403
    assert client.get(reject_url(quote)).status_code == 403
    client.force_login(bob)  # A reviewer sees the desk but cannot decide.
    page = client.get(desk["url"]).content.decode()
    assert f'id="s-{quote.pk}"' in page and accept_url(quote) not in page
    assert client.post(accept_url(quote)).status_code == 403
    assert client.post(reject_url(quote)).status_code == 403
    client.force_login(charlie)  # Not staff: sent to the login page.
    assert client.post(accept_url(quote)).status_code == 302
    other = factories.source("other")
    client.force_login(alice)  # A suggestion is decided on its own source's address only.
    url = reverse("admin:relations_source_accept_suggestion", args=[other.pk, quote.pk])
    assert client.post(url).status_code == 404
    quote.refresh_from_db()
    assert quote.status == "open" and not Claim.objects.exists()


def test_suggestions_never_reach_the_public(client, desk, published):
    """Suggestion text is only on the desk: not in any API answer."""
    secret = desk["actor"]
    for url in ["/api/v1/sources/", "/api/v1/claims/", "/api/v1/actors/", "/api/v1/events/", "/api/v1/figures/",
                f"/api/v1/sources/{desk['source'].slug}/", "/api/v1/claims/?search=Yakubayev"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert secret.text not in response.content.decode(), url


def test_a_statement_typed_on_a_quote_card_is_the_claims(client, alice, desk):
    client.force_login(alice)
    response = client.post(accept_url(desk["quote"]), {"statement": "  Nazarbayev calls Israel a friend. "})
    assert response.status_code == 302
    assert Claim.objects.get().statement == "Nazarbayev calls Israel a friend."


def quick_url(source):
    return reverse("admin:relations_source_quick_claim", args=[source.pk])


def test_selected_words_and_a_statement_make_a_draft_claim_on_the_desk(client, alice, desk):
    client.force_login(alice)
    source, quote = desk["source"], "some $2.5 billion annual trade"
    start = BODY.index(quote)
    data = {"start": start - 1, "end": start + len(quote), "statement": "Trade is $2.5 billion a year."}
    response = client.post(quick_url(source), data)
    assert response.status_code == 302 and response.url == desk["url"] + f"#p-{BODY.index('Presently')}"
    claim = Claim.objects.get()
    assert (claim.quote, claim.start, claim.kind, claim.status, claim.created_by) == (
        quote, start, "author_assertion", "draft", alice,
    )  # fmt: skip


@pytest.mark.parametrize(
    "data",
    [
        {"start": "0", "end": "4", "statement": "  "},
        {"start": "5", "end": "5", "statement": "Nothing selected"},
        {"start": "x", "end": "9999", "statement": "Bad offsets"},
        {"statement": "No offsets at all"},
    ],
)
def test_an_incomplete_quick_claim_opens_the_full_form_with_what_was_typed(client, alice, desk, data):
    client.force_login(alice)
    response = client.post(quick_url(desk["source"]), data)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:relations_claim_add"))
    form = client.get(response.url).context["adminform"].form
    assert form.initial["source"] == str(desk["source"].pk)
    if data["statement"].strip():
        assert form.initial["statement"] == data["statement"]
    assert not Claim.objects.exists()


def test_quick_claims_need_a_post_and_the_editors_rights(client, alice, bob, desk):
    data = {"start": "0", "end": "4", "statement": "Evil"}
    client.force_login(alice)
    assert client.get(quick_url(desk["source"]), data).status_code == 403
    client.force_login(bob)
    assert client.post(quick_url(desk["source"]), data).status_code == 403
    assert not Claim.objects.exists()

"""An editor accepts or rejects suggestions: accepting makes drafts that go through review; nothing is public."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import get_resolver

from relations.models import Actor, AlreadyDecided, Claim, Event, Figure, Suggestion
from relations.suggest import suggest
from tests import factories

BODY = (
    "Chancellor Angela Merkel arrived in Oslo for talks with Prime Minister Jonas Weber on Tuesday.\n"
    "“We will double our gas imports,” Merkel said. Trade between the two countries reached "
    "more than $3 billion last year, officials said."
)


@pytest.fixture
def world(db):
    merkel = factories.actor("angela-merkel", "Angela Merkel", Actor.Kind.PERSON, ["Angela Merkel", "Merkel"])
    factories.metric("bilateral-trade-annual", "Annual bilateral trade between two countries")
    source = factories.source(
        "oslo-talks", BODY, published=datetime.date(2016, 12, 7), published_precision="day", title="Oslo talks"
    )
    suggest(source)
    return source, merkel


def one(source, type, text):
    return source.suggestions.open().get(type=type, text=text)


def test_accepting_a_quote_makes_a_draft_claim_that_goes_through_review(world, alice, bob):
    source, merkel = world
    suggestion = one(source, "quote", "We will double our gas imports,")
    claim = suggestion.accept(alice)
    assert (claim.status, claim.kind, claim.speaker, claim.created_by) == ("draft", "direct_quote", merkel, alice)
    assert source.body[claim.start : claim.end] == claim.quote == suggestion.text
    assert claim.anchor_problems() == []
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.claim) == ("accepted", alice, claim)
    assert suggestion.decided_at is not None
    assert not Claim.objects.published().exists()
    claim.submit(alice)
    claim.approve(bob)
    assert list(Claim.objects.published()) == [claim]


def test_overrides_replace_the_proposed_fields(world, alice):
    source, merkel = world
    claim = one(source, "quote", "We will double our gas imports,").accept(
        alice, statement="Germany will double its gas imports.", kind="paraphrase"
    )
    assert (claim.statement, claim.kind) == ("Germany will double its gas imports.", "paraphrase")


def test_a_quote_without_a_known_speaker_needs_one(world, alice):
    source, _ = world
    suggestion = one(source, "quote", "We will double our gas imports,")
    with pytest.raises(ValidationError, match="needs a speaker"):
        suggestion.accept(alice, speaker=None)
    suggestion.refresh_from_db()
    assert suggestion.status == "open" and not Claim.objects.exists()


def test_accepting_a_figure_puts_it_on_the_draft_claim_that_covers_it(world, alice):
    source, _ = world
    suggestion = one(source, "figure", "more than $3 billion")
    figure = suggestion.accept(alice, metric="bilateral-trade-annual")
    assert isinstance(figure, Figure)
    assert (figure.value, figure.lower, figure.qualifier, figure.currency) == (
        3000000000,
        3000000000,
        "lower_bound",
        "USD",
    )
    assert str(figure.date_partial) == "2015"
    claim = figure.claim
    assert claim.status == "draft" and claim.quote.startswith("Trade between the two countries")
    assert claim.start <= figure.start and figure.end <= claim.end


def test_a_figure_goes_on_the_draft_claim_already_covering_it(world, alice):
    source, _ = world
    covering = factories.claim(source, "Trade between the two countries reached more than $3 billion")
    figure = one(source, "figure", "more than $3 billion").accept(alice, metric="bilateral-trade-annual")
    assert figure.claim == covering and Claim.objects.count() == 1


def test_a_figure_needs_a_metric(world, alice):
    source, _ = world
    suggestion = source.suggestions.get(type="figure", text="more than $3 billion")
    suggestion.data = {**suggestion.data, "metric": None}
    suggestion.save()
    with pytest.raises(ValidationError, match="metric"):
        suggestion.accept(alice)
    assert not Figure.objects.exists() and not Claim.objects.exists()


def test_accepting_a_new_name_makes_an_actor_and_a_known_one_an_alias(world, alice):
    source, merkel = world
    weber = one(source, "actor", "Jonas Weber").accept(alice)
    assert (weber.name, weber.kind, weber.slug) == ("Jonas Weber", "person", "jonas-weber")
    assert list(weber.aliases.values_list("name", flat=True)) == ["Jonas Weber"]
    alias = source.suggestions.filter(type="actor", text="Merkel").first().accept(alice)
    assert alias.actor == merkel and alias.name == "Merkel"


def test_accepting_an_event_links_it_to_a_draft_claim(world, alice):
    source, _ = world
    suggestion = source.suggestions.filter(type="event", text__startswith="Chancellor Angela Merkel").first()
    assert suggestion.data["event"] is None and suggestion.data["event_type"] == "visit"
    claim = suggestion.accept(alice, title="Merkel’s visit to Oslo")
    event = claim.event
    assert (event.title, event.event_type, str(event.start_partial)) == (
        "Merkel’s visit to Oslo",
        "visit",
        "2016-12-06",
    )
    assert not Event.objects.published().exists()
    assert claim.status == "draft"


def test_a_decided_suggestion_cannot_be_decided_again(world, alice):
    source, _ = world
    suggestion = one(source, "quote", "We will double our gas imports,")
    suggestion.accept(alice)
    with pytest.raises(AlreadyDecided, match="accepted already"):
        suggestion.accept(alice)
    with pytest.raises(AlreadyDecided, match="accepted already"):
        suggestion.reject(alice)
    rejected = one(source, "actor", "Jonas Weber")
    rejected.reject(alice, "  Not a person in this story. ")
    rejected.refresh_from_db()
    assert (rejected.status, rejected.reason, rejected.decided_by) == ("rejected", "Not a person in this story.", alice)
    with pytest.raises(AlreadyDecided, match="rejected already"):
        rejected.accept(alice)
    assert Claim.objects.count() == 1 and not Actor.objects.filter(name="Jonas Weber").exists()


def test_decided_suggestions_are_not_proposed_again(world, alice):
    source, _ = world
    assert suggest(source) == []
    accepted = one(source, "quote", "We will double our gas imports,")
    accepted.accept(alice)
    rejected = one(source, "actor", "Jonas Weber")
    rejected.reject(alice)
    source.suggestions.open().delete()
    again = suggest(source)
    assert again
    spans = {(s.type, s.start, s.end) for s in again}
    assert ("quote", accepted.start, accepted.end) not in spans
    assert ("actor", rejected.start, rejected.end) not in spans


def test_a_suggestion_must_be_anchored(world):
    source, _ = world
    suggestion = Suggestion(source=source, type="quote", start=0, end=10, text="Not there.", score=0.5)
    with pytest.raises(ValidationError, match="Not anchored"):
        suggestion.clean()


def test_suggestions_are_never_public(world, client):
    assert not [p for p in get_resolver().reverse_dict if isinstance(p, str) and "suggest" in p.lower()]
    for url in ("/api/v1/", "/api/v1/sources/oslo-talks/"):
        assert "suggest" not in client.get(url).content.decode().lower()


def test_as_json_is_the_documented_format(world):
    source, _ = world
    quote = one(source, "quote", "We will double our gas imports,")
    assert quote.as_json() == {
        "type": "quote",
        "start": quote.start,
        "end": quote.end,
        "text": "We will double our gas imports,",
        "score": round(quote.score, 3),
        "kind": "direct_quote",
        "speaker": "angela-merkel",
        "speaker_text": "Merkel",
    }


def test_a_new_alias_is_found_at_once(world, alice):
    source, merkel = world
    assert not source.suggestions.filter(type="actor", text="Oslo").exists()
    norway = factories.actor("norway", "Norway", Actor.Kind.STATE, ["Oslo"])
    new = suggest(source)
    assert [(s.text, s.data["actor"]) for s in new if s.type == "actor"] == [("Oslo", norway.slug)]


def test_a_suggestion_on_changed_text_is_not_accepted(world, alice):
    source, _ = world
    suggestion = one(source, "quote", "We will double our gas imports,")
    source.body = source.body.replace("Chancellor", "Federal Chancellor")
    source.save()
    suggestion.refresh_from_db()
    with pytest.raises(ValidationError, match="has changed since"):
        suggestion.accept(alice)
    assert not Claim.objects.exists()

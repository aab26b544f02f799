"""Consumers filter, search, order and page; malformed parameters get a 400 that names them."""

import pytest

from relations.models import Claim
from tests import factories


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "nursultan-nazarbayev"}, ["quote"]),
        ({"subject": "kazakhstan"}, ["claim"]),
        ({"actor": "nursultan-nazarbayev"}, ["quote"]),
        ({"actor": "kazakhstan"}, ["claim"]),
        ({"source": "jpost-2010"}, ["claim", "quote"]),
        ({"event": "kadex-2010"}, ["claim"]),
        ({"topic": "trade"}, ["claim"]),
        ({"kind": "direct_quote"}, ["quote"]),
        ({"date_from": "2010", "date_to": "2010-05"}, ["claim", "quote"]),
        ({"date_from": "2010-06"}, []),
        ({"q": "billion"}, ["claim"]),
        ({"q": "Nazarbayev"}, ["quote"]),
    ],
)
def test_claim_filters(client, published, params, expected):
    got = ids(client.get("/api/v1/claims/", params))
    assert sorted(got) == sorted(str(published[name].uid) for name in expected)


def test_figure_event_and_actor_filters(client, published):
    figure = str(published["figure"].uid)
    assert ids(client.get("/api/v1/figures/", {"metric": "bilateral-trade-annual"})) == [figure]
    assert ids(client.get("/api/v1/figures/", {"unit": "currency", "subject": "kazakhstan"})) == [figure]
    assert ids(client.get("/api/v1/figures/", {"date_from": "2011"})) == []
    assert ids(client.get("/api/v1/figures/", {"date_to": "2010-12-31"})) == [figure]
    assert ids(client.get("/api/v1/events/", {"type": "exhibition", "status": "occurred"})) == ["kadex-2010"]
    assert ids(client.get("/api/v1/events/", {"participant": "nursultan-nazarbayev", "country": "kazakhstan"})) == [
        "kadex-2010"
    ]
    assert ids(client.get("/api/v1/events/", {"date_from": "2011"})) == []
    assert ids(client.get("/api/v1/actors/", {"kind": "person"})) == ["nursultan-nazarbayev"]
    assert ids(client.get("/api/v1/actors/", {"q": "Nazarb"})) == ["nursultan-nazarbayev"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2016-13"}, "date_from", "not a real date"),
        ({"date_to": "last week"}, "date_to", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"date_from": "20%s16"}, "date_from", "'20%s16' is not a partial date"),
        ({"speaker": "%s%d"}, "speaker", "Enter a valid “slug”"),
        ({"speaker": "x" * 101}, "speaker", "at most 100 characters"),
        ({"kind": "rumour"}, "kind", "Select a valid choice"),
        ({"kind": ""}, "kind", "Give a value, or leave the parameter out."),
        ({"date_from": ""}, "date_from", "Give a value, or leave the parameter out."),
        ({"page_size": "abc"}, "page_size", "A whole number from 1"),
        ({"page_size": "0"}, "page_size", "A whole number from 1"),
        ({"q": "x" * 201}, "q", "at most 200 characters"),
    ],
)
def test_bad_parameters_are_a_clear_400(client, published, params, field, message):
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 400
    assert message in str(response.json()[field])


def test_an_unknown_slug_matches_nothing(client, published):
    # Exactly what an unpublished slug answers (tests/test_api_unpublished_reads_like_missing.py).
    assert ids(client.get("/api/v1/claims/", {"speaker": "nobody"})) == []


def test_bad_paging_and_ordering_are_ignored_or_refused_cleanly(client, published):
    assert client.get("/api/v1/claims/", {"ordering": "no_such_field"}).status_code == 200
    assert client.get("/api/v1/claims/", {"cursor": "garbage"}).status_code == 404
    assert client.get("/api/v1/claims/nonsense-id/").status_code == 404


def test_page_size_is_bounded(client, published, source, alice, bob):
    for quote in ("Presently", "originates in Kazakhstan", "that is the story"):
        claim = factories.claim(source, quote, created_by=alice)
        claim.submit(alice)
        claim.approve(bob)
    response = client.get("/api/v1/claims/", {"page_size": 2})
    assert len(response.json()["results"]) == 2
    following = client.get(response.json()["next"])
    assert len(following.json()["results"]) == 2
    everything = client.get("/api/v1/claims/", {"page_size": 100000})
    assert len(everything.json()["results"]) == Claim.objects.published().count() == 5


def test_ordering(client, published):
    newest = ids(client.get("/api/v1/claims/"))
    oldest = ids(client.get("/api/v1/claims/", {"ordering": "created_at"}))
    assert newest == list(reversed(oldest))

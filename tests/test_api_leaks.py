"""Public means approved: drafts, rejected claims and what only they support never reach the API."""

import pytest

from relations.models import Actor, Claim
from tests import factories

LISTS = ["claims", "figures", "sources", "events", "actors"]


@pytest.fixture
def hidden(db, alice, bob):
    """A source whose only claims are a draft and a rejected one, with a figure, an event and a speaker."""
    source = factories.source("secret-source", title="Secret source")
    speaker = factories.actor("secret-speaker", "Secret Speaker", Actor.Kind.PERSON, ["Secret Speaker"])
    event = factories.event("secret-event", title="Secret event")
    draft = factories.claim(source, "some $2.5 billion annual trade", speaker=speaker, event=event, created_by=alice)
    draft.subjects.set([speaker])
    figure = factories.figure(draft, "$2.5 billion", "2500000000")
    rejected = factories.claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=speaker)
    rejected.submit(alice)
    rejected.reject(bob, "Not what he said.")
    return {"draft": draft, "rejected": rejected, "figure": figure, "source": source, "event": event}


def all_results(client, resource, **params):
    response = client.get(f"/api/v1/{resource}/", {"page_size": 100, **params})
    assert response.status_code == 200
    return response.json()["results"]


def test_unpublished_records_are_in_no_list_filter_or_search(client, hidden, published):
    text = "".join(str(all_results(client, resource)) for resource in LISTS)
    for resource in LISTS:
        text += str(all_results(client, resource, q="friends")) + str(all_results(client, resource, q="Secret"))
    assert str(hidden["draft"].uid) not in text
    assert str(hidden["rejected"].uid) not in text
    assert str(hidden["figure"].uid) not in text
    for slug in ("secret-source", "secret-event", "secret-speaker"):
        assert slug not in text
    # The published world is there, so the lists were not simply empty.
    assert str(published["claim"].uid) in text


# Filters and detail pages: tests/test_api_unpublished_reads_like_missing.py, for every filter and route.


def test_a_claim_returns_to_hiding_when_sent_back_to_review(client, published):
    claim = published["claim"]
    assert client.get(f"/api/v1/claims/{claim.uid}/").status_code == 200
    claim.refresh_from_db()
    claim.statement = "Changed after approval."
    claim.save()
    assert client.get(f"/api/v1/claims/{claim.uid}/").status_code == 404
    assert client.get(f"/api/v1/figures/{published['figure'].uid}/").status_code == 404

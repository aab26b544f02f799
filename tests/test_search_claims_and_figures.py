"""`?q=` finds claims by their words and their speaker's names, and figures by their claim's words or metric."""

from relations import publication
from relations.models import Claim


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_a_claim_is_found_by_its_words_as_soon_as_they_change(client, published):
    claim = published["claim"]
    assert ids(client.get("/api/v1/claims/", {"q": "billion"})) == [str(claim.uid)]
    assert ids(client.get("/api/v1/claims/", {"q": "uranium"})) == []
    # On PostgreSQL the search reads a stored vector: it must follow every change of the statement.
    Claim.objects.filter(pk=claim.pk).update(statement="Kazakhstan sells uranium to Israel.")
    publication.changed()  # update() sends no signal: a write that bypasses save() says so itself
    assert ids(client.get("/api/v1/claims/", {"q": "uranium"})) == [str(claim.uid)]


def test_a_claim_is_found_by_an_alias_of_its_speaker(client, published):
    assert ids(client.get("/api/v1/claims/", {"q": "Nazarbayev"})) == [str(published["quote"].uid)]


def test_a_figure_is_found_by_its_claims_words_or_its_metric(client, published):
    figure = str(published["figure"].uid)
    assert ids(client.get("/api/v1/figures/", {"q": "annual trade"})) == [figure]
    assert ids(client.get("/api/v1/figures/", {"q": "bilateral"})) == [figure]  # "Annual bilateral trade"
    assert ids(client.get("/api/v1/figures/", {"q": "friends"})) == []


def test_a_search_that_matches_nothing_is_an_empty_page(client, published):
    assert client.get("/api/v1/claims/", {"q": "zeppelin"}).json()["results"] == []
    assert client.get("/api/v1/figures/", {"q": "zeppelin"}).json()["results"] == []

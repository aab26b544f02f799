"""A client revalidates an API page with its ETag, and repeated reads come from the response cache.

Both key on the publication version (relations/publication.py): one query answers a 304, and any change to
what is published — an approval, a rejection, an edit — gives every page a new ETag and a cold cache entry.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import publication
from tests import factories

PAGES = ["/api/v1/claims/", "/api/v1/figures/?page_size=5", "/api/v1/sources/", "/api/v1/actors/"]
PAGES += ["/api/v1/events/", "/api/v1/metrics/", "/api/v1/topics/", "/api/v1/claims/?kind=paraphrase"]


def cached(url):
    return cache.get(f"api:{publication.key(publication.current(), f'http://testserver{url}', 'application/json')}")


@pytest.mark.parametrize("url", [*PAGES, "detail"])
def test_a_matching_if_none_match_is_a_304_after_one_query(client, published, url, django_assert_max_num_queries):
    if url == "detail":
        url = f"/api/v1/claims/{published['claim'].uid}/"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_max_num_queries(1):
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and "max-age" in again["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_each_url_has_its_own_etag(client, published):
    etags = {client.get(url)["ETag"] for url in PAGES}
    assert len(etags) == len(PAGES)


def test_an_approval_changes_the_etag_and_shows_at_once(client, published, alice, bob):
    first = client.get("/api/v1/claims/")
    assert len(first.json()["results"]) == 2
    claim = factories.claim(published["claim"].source, "annual trade", created_by=alice)
    claim.submit(alice)
    claim.approve(bob)
    after = client.get("/api/v1/claims/", headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert len(after.json()["results"]) == 3


@pytest.mark.parametrize("change", ["send back", "edit", "delete", "unlink a subject", "new topic"])
def test_every_change_to_what_is_published_shows_at_once(client, published, bob, change):
    claim = published["claim"]
    url = f"/api/v1/claims/{claim.uid}/"
    before = client.get(url)
    assert before.status_code == 200 and cached(url) is not None
    if change == "send back":
        claim.refresh_from_db()
        claim.statement = "Changed substance"
        claim.save()
    elif change == "edit":
        source = claim.source
        source.title = "A new title"
        source.save()
    elif change == "delete":
        published["figure"].delete()
    elif change == "unlink a subject":
        claim.subjects.clear()
    else:
        claim.topics.add(factories.topic("energy", "Energy"))
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after["ETag"] != before["ETag"]
    assert after.status_code != 200 or after.json() != before.json()


def test_repeated_reads_come_from_the_cache_without_the_view(client, published, django_assert_max_num_queries):
    first = client.get("/api/v1/claims/")
    assert cached("/api/v1/claims/") is not None
    with django_assert_max_num_queries(1):
        again = client.get("/api/v1/claims/")
    assert again.status_code == 200 and again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/not-a-uid/", "/api/v1/claims/?kind=nonsense", "/api/v1/claims/?page_size=0"]
)
def test_errors_are_never_cached(client, published, url):
    assert client.get(url).status_code in (400, 404)
    assert cached(url) is None


def test_generating_a_corpus_changes_the_version(db):
    before = publication.current()
    call_command("generate_corpus", claims=5, sources=1, actors=4, events=1, seed=3)
    assert publication.current() != before


def test_loading_fixtures_changes_the_version_once(db):
    from pathlib import Path

    fixtures = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))
    before = publication.current()
    with CaptureQueriesContext(connection) as queries:
        call_command("loaddata", *fixtures, verbosity=0)
    assert publication.current() != before
    bumps = [q for q in queries.captured_queries if "relations_publicationversion" in q["sql"]]
    assert len(bumps) == 1, bumps


def test_with_a_shared_cache_the_token_costs_no_query(
    client, published, alice, bob, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(publication, "shared_cache", lambda: True)
    first = client.get("/api/v1/claims/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/claims/", headers={"If-None-Match": first["ETag"]})
        cached_page = client.get("/api/v1/claims/")
    assert again.status_code == 304 and cached_page.content == first.content and len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        claim = factories.claim(published["claim"].source, "annual trade", created_by=alice)
        claim.submit(alice)
        claim.approve(bob)
    after = client.get("/api/v1/claims/", headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200 and len(after.json()["results"]) == 3

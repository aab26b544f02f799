"""A reader browses the public site: published knowledge only, never a source's body, cheap at any size."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from relations.models import Actor, Claim, Figure, Metric
from relations.site import urls as site_urls
from tests import factories

MISSING_UID = "00000000-0000-0000-0000-000000000000"

# A sentence of the long source's body that no quote or context reaches: it must never be served.
HIDDEN_PASSAGE = "This sentence sits in the middle of the article and is quoted by no claim at all, ever."
LONG_BODY = (
    "Trade between Kazakhstan and Israel grew to some $2.5 billion a year. "
    + "Filler text about the steppe and the sea. " * 20
    + HIDDEN_PASSAGE
    + " More filler about wheat, water and oil. " * 20
    + "“We are friends,” the minister said."
)


@pytest.fixture
def hidden(db, alice, bob):
    """Records only a draft or a rejected claim supports: a source, a speaker, an event and a metric."""
    source = factories.source("secret-source", title="Secret source")
    speaker = factories.actor("secret-speaker", "Secret Speaker", Actor.Kind.PERSON, ["Secret Speaker"])
    event = factories.event("secret-event", title="Secret event")
    metric = factories.metric("secret-metric", "Secret metric")
    draft = factories.claim(source, "some $2.5 billion annual trade", speaker=speaker, event=event, created_by=alice)
    draft.subjects.set([speaker])
    figure = factories.figure(draft, "$2.5 billion", "2500000000", metric=metric)
    rejected = factories.claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=speaker)
    rejected.submit(alice)
    rejected.reject(bob, "Not what he said.")
    return {"draft": draft, "rejected": rejected, "figure": figure}


def approve(claim, editor, reviewer):
    claim.submit(editor)
    claim.approve(reviewer)
    return claim


def pages(world) -> dict[str, str]:
    """Every page of the site, at a published record."""
    claim, figure, actor = world["claim"], world["figure"], world["actor"]
    return {
        "home": "/",
        "claim": f"/claims/{claim.uid}/",
        "metric": f"/metrics/{figure.metric.slug}/",
        "events": "/events/",
        "events filtered": f"/events/?year=2010&type=exhibition&actor={actor.slug}",
        "actor": f"/actors/{actor.slug}/",
        "subject actor": "/actors/kazakhstan/",
        "source": f"/sources/{claim.source.slug}/",
        "search": "/search/?q=trade",
        "search by name": "/search/?q=Nazarbayev",
        "search events": "/search/?q=event",
    }


def test_every_page_renders_published_knowledge(client, published):
    for name, url in pages(published).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/html"), name
    claim = client.get(f"/claims/{published['claim'].uid}/").content.decode()
    assert '<mark id="quote">some $2.5 billion annual trade</mark>' in claim
    assert "Kazakhstan" in claim and "KADEX-2010 arms show" in claim and "Diplomacy: As one door closes" in claim
    assert "≈ 2,500,000,000 USD" in claim
    home = client.get("/").content.decode()
    assert "some $2.5 billion annual trade" in home
    assert client.get("/search/?q=friends").content.decode().count('class="claim-item"') == 1


def unpublished_and_missing(hidden) -> list[tuple[str, str]]:
    """Each page of one record, at an unpublished record and at a missing one."""
    return [
        (f"/claims/{hidden['draft'].uid}/", f"/claims/{MISSING_UID}/"),
        (f"/claims/{hidden['rejected'].uid}/", "/claims/not-a-uuid/"),
        ("/metrics/secret-metric/", "/metrics/no-such-metric/"),
        ("/actors/secret-speaker/", "/actors/no-such-actor/"),
        ("/sources/secret-source/", "/sources/no-such-source/"),
    ]


def test_these_tests_walk_every_route_of_the_site(hidden, published):
    """A new page fails here until pages() and, for a page of one record, unpublished_and_missing() list it."""
    routes = {pattern.name for pattern in site_urls.urlpatterns}
    assert {resolve(url.split("?")[0]).url_name for url in pages(published).values()} == routes
    record_routes = {pattern.name for pattern in site_urls.urlpatterns if pattern.pattern.converters}
    paired = {resolve(url).url_name for pair in unpublished_and_missing(hidden) for url in pair}
    assert paired == record_routes


def test_an_unpublished_record_reads_exactly_like_a_missing_one(client, hidden, published):
    for unpublished, missing in unpublished_and_missing(hidden):
        hidden_response, missing_response = client.get(unpublished), client.get(missing)
        assert hidden_response.status_code == missing_response.status_code == 404, unpublished
        assert hidden_response.content == missing_response.content, unpublished
        for method in ("head", "post"):
            hidden_response = getattr(client, method)(unpublished)
            missing_response = getattr(client, method)(missing)
            assert hidden_response.status_code == missing_response.status_code, (method, unpublished)
            assert hidden_response.content == missing_response.content, (method, unpublished)
    # Filtering the timeline by an unpublished actor reads like filtering by an unknown one.
    by_hidden = client.get("/events/?actor=secret-speaker").content.decode().replace("secret-speaker", "X")
    by_missing = client.get("/events/?actor=no-such-actor").content.decode().replace("no-such-actor", "X")
    assert by_hidden == by_missing


def test_no_page_shows_what_only_unpublished_claims_support(client, hidden, published):
    text = "".join(client.get(url).content.decode() for url in pages(published).values())
    text += client.get("/search/?q=Secret").content.decode() + client.get("/search/?q=friends").content.decode()
    for secret in (
        "secret-source",
        "Secret source",
        "secret-speaker",
        "Secret Speaker",
        "secret-event",
        "Secret event",
    ):
        assert secret not in text
    for record in hidden.values():
        assert str(record.uid) not in text
    assert "Secret metric" not in text and "secret-metric" not in text


def test_a_claim_leaves_the_site_when_sent_back_to_review(client, published):
    claim = published["claim"]
    url = f"/claims/{claim.uid}/"
    assert client.get(url).status_code == 200
    claim.refresh_from_db()
    claim.statement = "Changed after approval."
    claim.save()
    assert client.get(url).status_code == 404
    assert str(claim.uid) not in client.get(f"/metrics/{published['figure'].metric.slug}/").content.decode()


def test_no_page_carries_a_sources_body(client, alice, bob):
    source = factories.source("long-article", body=LONG_BODY, title="A long article")
    speaker = factories.actor("a-minister", "A Minister", Actor.Kind.PERSON)
    trade = approve(factories.claim(source, "some $2.5 billion a year", created_by=alice), alice, bob)
    factories.figure(trade, "$2.5 billion", "2500000000", date=datetime.date(2020, 1, 1), date_precision="year")
    trade.subjects.set([speaker])
    quote = factories.claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=speaker, created_by=alice)
    approve(quote, alice, bob)
    urls = [
        "/",
        f"/claims/{trade.uid}/",
        f"/claims/{quote.uid}/",
        "/metrics/bilateral-trade-annual/",
        "/actors/a-minister/",
        "/sources/long-article/",
        "/search/?q=friends",
        "/search/?q=filler",
        "/events/",
    ]
    for url in urls:
        text = client.get(url).content.decode()
        assert HIDDEN_PASSAGE not in text and "Filler text about the steppe and the sea. " * 2 not in text, url


@pytest.mark.parametrize(
    "url",
    [
        "/events/?year=20x6",
        "/events/?year=99999",
        "/events/?type=party",
        "/events/?page=0",
        "/events/?page=999",
        "/events/?page=abc",
        "/search/?q=" + "x" * 201,
    ],
)
def test_a_malformed_filter_is_a_clear_400(client, published, url):
    response = client.get(url)
    assert response.status_code == 400
    assert re.search(r'class="problem">[^<]{10,}', response.content.decode())


def test_pages_are_cacheable_and_read_only(client, published):
    for name, url in pages(published).items():
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"], name
        etag = response["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304, name
        assert client.head(url).status_code == 200, name
        assert client.post(url).status_code == 405, name
    assert "Cookie" not in client.get("/").get("Vary", "")


def test_the_admins_view_site_link_opens_the_home_page(client, alice):
    client.force_login(alice)
    assert '<a href="/">View site</a>' in client.get("/admin/").content.decode()


def grow(world, editor, reviewer, n):
    """Add `n` approved claims with speakers, subjects, figures, events, participants and roles."""
    kazakhstan, metric = Actor.objects.get(slug="kazakhstan"), world["figure"].metric
    for i in range(n):
        source = factories.source(f"more-{i}", title=f"More {i}", publisher=factories.actor(f"publisher-{i}", f"P{i}"))
        speaker = factories.actor(f"speaker-{i}", f"Speaker {i}", Actor.Kind.PERSON, [f"Spk {i}"])
        event = factories.event(
            f"event-{i}", title=f"Event {i}", start=datetime.date(2010, 1 + i % 12, 1), country=kazakhstan
        )
        event.participations.create(actor=speaker, role="visitor")
        event.participations.create(actor=world["actor"], role="host")
        claim = factories.claim(
            source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=speaker, event=event, created_by=editor
        )
        claim.subjects.set([kazakhstan, world["actor"]])
        claim.topics.set([factories.topic()])
        trade = factories.claim(source, "some $2.5 billion annual trade", created_by=editor)
        figure = factories.figure(
            trade,
            "$2.5 billion",
            str(1000 + i),
            metric=metric,
            qualifier=Figure.Qualifier.RANGE,
            lower=str(900 + i),
            upper=str(1100 + i),
            date=datetime.date(2000 + i, 1, 1),
            date_precision="year",
        )
        figure.subjects.set([kazakhstan])
        world["actor"].affiliations.create(organisation=kazakhstan, role=f"Role {i}", claim=claim)
        for obj in (claim, trade):
            approve(obj, editor, reviewer)


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        cache.clear()  # the home page's counts are cached: count the queries that fill the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_each_page_runs_at_most_six_queries_however_much_data(
    client, published, alice, bob, django_assert_max_num_queries
):
    urls = pages(published)
    small = query_counts(client, urls)
    grow(published, alice, bob, 12)
    assert Metric.objects.published().get().figures.count() == 13
    large = query_counts(client, urls)
    assert large == small
    for url in urls.values():
        with django_assert_max_num_queries(6):
            client.get(url)

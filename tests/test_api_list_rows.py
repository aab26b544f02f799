"""Claim and figure lists are built from rows (relations/api/rows.py): each item reads exactly like its detail."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from relations.models import Actor, Claim, Figure


@pytest.fixture
def corpus(db):
    # A varied published world: bounds and ranges, three date precisions, claims with and without speaker,
    # event, publisher, several subjects, topics and figures.
    call_command("generate_corpus", claims=80, sources=3, actors=24, events=4, figures_per_claim=1.2, seed=11)


def walk(client, url):
    """Every item of a list, following its cursor pages."""
    items = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        items += response.json()["results"]
        url = response.json()["next"]
    return items


@pytest.mark.parametrize(("resource", "model"), [("claims", Claim), ("figures", Figure)])
def test_every_list_item_equals_its_detail(client, corpus, resource, model):
    items = walk(client, f"/api/v1/{resource}/?page_size=100")
    assert len(items) == model.objects.published().count() > 20
    for item in items:
        assert item == client.get(item["url"]).json()


@pytest.mark.parametrize(
    "query",
    ["page_size=7", "page_size=7&ordering=created_at", "page_size=7&ordering=-pk", "page_size=7&kind=paraphrase"],
)
def test_claim_pages_follow_their_cursor_in_order(client, corpus, query):
    items = walk(client, f"/api/v1/claims/?{query}")
    published = Claim.objects.published()
    if "kind=" in query:
        published = published.filter(kind="paraphrase")
    assert len(items) == len({item["id"] for item in items}) == published.count()
    if "created_at" in query:
        assert [item["id"] for item in items] == [
            str(u) for u in published.order_by("created_at").values_list("uid", flat=True)
        ]


def test_figure_pages_follow_their_cursor_ordered_by_value(client, corpus):
    items = walk(client, "/api/v1/figures/?page_size=5&ordering=value")
    values = [float(item["value"]) for item in items]
    assert values == sorted(values)
    assert len(items) == Figure.objects.published().count()


def walk_back(client, url):
    """Every item of a list, from its last page back to its first along the `previous` links."""
    while (following := client.get(url).json()["next"]) is not None:
        url = following
    pages = []
    while url:
        body = client.get(url).json()
        pages.insert(0, body["results"])
        url = body["previous"]
    return [item for page in pages for item in page]


@pytest.mark.parametrize("ordering", ["", "created_at", "-created_at", "pk", "-pk"])
def test_claims_by_actor_page_through_both_roles(client, corpus, ordering):
    # `?actor=` is paged as two disjoint scans (pagination.Union): every page must still be the next slice of
    # one list, in order, each claim once, whichever way the cursor runs.
    published = Claim.objects.published()
    subjects = Actor.objects.annotate(n=Count("claims_about", filter=Q(claims_about__in=published))).order_by("-n")
    both = subjects[0]  # the most frequent subject also speaks three claims, one of them about itself
    spoken = list(published.exclude(subjects=both).values_list("pk", flat=True)[:2])
    Claim.objects.filter(pk__in=spoken).update(speaker=both)
    Claim.objects.filter(pk=published.filter(subjects=both).first().pk).update(speaker=both)
    for actor in subjects[:3]:
        expected = Claim.objects.published().filter(Q(speaker=actor) | Q(subjects=actor)).distinct()
        expected = expected.order_by(ordering or "-pk", "-pk" if ordering.startswith("-") or not ordering else "pk")
        url = f"/api/v1/claims/?actor={actor.slug}&page_size=2" + (f"&ordering={ordering}" if ordering else "")
        forward, backward = walk(client, url), walk_back(client, url)
        wanted = [str(uid) for uid in expected.values_list("uid", flat=True)]
        assert len(wanted) > 2
        if "created_at" in ordering:  # ties in time may come in either order: compare the times and the sets
            times = {str(c.uid): c.created_at for c in expected}
            assert [times[item["id"]] for item in forward] == [times[uid] for uid in wanted]
            assert sorted(item["id"] for item in forward) == sorted(wanted)
        else:
            assert [item["id"] for item in forward] == wanted
        assert backward == forward


def test_a_metrics_comparison_is_what_its_serializer_gives(rf, client, corpus):
    # The comparison is built from rows (rows.comparison); MetricComparisonSerializer stays its contract.
    from rest_framework.request import Request

    from relations.api.serializers import MetricComparisonSerializer
    from relations.models import Metric

    request = Request(rf.get("/", HTTP_HOST="testserver"))
    metrics = Metric.objects.published()
    assert metrics.count() > 1
    for metric in metrics:
        figures = Figure.objects.published().filter(metric=metric).order_by("date", "pk")[:100]
        expected = MetricComparisonSerializer(figures, many=True, context={"request": request}).data
        got = client.get(f"/api/v1/metrics/{metric.slug}/").json()["comparison"]
        assert len(got) == len(figures) > 0
        assert got == expected

"""Claim and figure lists are built from rows (relations/api/rows.py): each item reads exactly like its detail."""

import pytest
from django.core.management import call_command

from relations.models import Claim, Figure


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

"""The API renders JSON with orjson (relations/api/renderers.py): exactly what DRF's JSONRenderer gives."""

import json

import pytest
from django.core.management import call_command
from rest_framework.renderers import JSONRenderer

from relations.api.renderers import ORJSONRenderer

DATA = {
    "text": 'Qazaqstan – Израиль \u2028 line\u2029 "quoted" \\ </script>',
    "numbers": [0, -1, 2**53, 1.5, 1e-07, 2500000000.0],
    "nothing": None,
    "nested": [{"a": True, "b": False}],
}


@pytest.fixture
def corpus(db):
    call_command("generate_corpus", claims=30, sources=2, actors=8, events=2, figures_per_claim=1.2, seed=5)


def test_same_json_as_drf_for_tricky_values():
    assert json.loads(ORJSONRenderer().render(DATA)) == json.loads(JSONRenderer().render(DATA)) == DATA
    # Byte for byte but for the spelling of exponents (1e-7 against 1e-07).
    text = {key: DATA[key] for key in ("text", "nothing", "nested")}
    assert ORJSONRenderer().render(text) == JSONRenderer().render(text)


@pytest.mark.parametrize("resource", ["claims", "figures", "sources", "actors", "events", "metrics", "topics"])
def test_every_page_parses_to_what_drf_would_render(client, corpus, resource):
    response = client.get(f"/api/v1/{resource}/?page_size=100")
    assert response.status_code == 200
    page = response.json()
    assert page["results"]
    for data in [page, *(client.get(item["url"]).json() for item in page["results"][:5])]:
        assert json.loads(ORJSONRenderer().render(data)) == json.loads(JSONRenderer().render(data))
    assert response.content == JSONRenderer().render(page)


def test_indentation_on_request_still_works(client, corpus):
    response = client.get("/api/v1/topics/", headers={"Accept": "application/json; indent=2"})
    assert response.status_code == 200 and b'\n  "' in response.content

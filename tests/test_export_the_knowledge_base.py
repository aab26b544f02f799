"""An operator exports the whole knowledge base with natural keys and loads it into an empty database."""

import io
import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.models import Actor, Affiliation, Claim, Event, Figure, Source
from relations.publication import CURATED


def export(tmp_path, name="kb.json"):
    path = tmp_path / name
    call_command("export_kb", output=str(path), stderr=io.StringIO())
    return path


USERS = ("created_by", "updated_by", "submitted_by", "reviewed_by")


def snapshot():
    """Every curated record as Django's own serializer gives it with natural keys (users left out)."""
    state = {}
    for model in CURATED:
        fields = [f.name for f in model._meta.get_fields() if not f.auto_created and f.name not in USERS]
        text = serializers.serialize(
            "json",
            model._base_manager.all(),
            fields=fields,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        state[model.__name__] = sorted(json.dumps(item["fields"], sort_keys=True) for item in json.loads(text))
    return state


@pytest.fixture
def corpus(db):
    call_command("generate_corpus", claims=60, sources=3, actors=12, events=4, figures_per_claim=1.0, seed=7)
    Affiliation.objects.create(
        person=Actor.objects.filter(kind="person").first(),
        organisation=Actor.objects.filter(kind="organisation").first(),
        role="adviser",
        claim=Claim.objects.first(),
    )


def test_export_loads_back_into_an_empty_database_unchanged(corpus, tmp_path):
    before = snapshot()
    path = export(tmp_path)
    items = json.loads(path.read_text())
    assert {item["model"] for item in items} >= {"relations.claim", "relations.figure", "relations.source"}
    assert all("pk" not in item for item in items)  # natural keys only
    Figure.objects.all().delete()
    Affiliation.objects.all().delete()
    Claim.objects.all().delete()
    for model in (Event, Source, Actor):
        model._base_manager.all().delete()
    call_command("loaddata", str(path), verbosity=0)
    assert snapshot() == before


def test_export_reads_in_chunks_not_one_query_per_reference(corpus, tmp_path):
    with CaptureQueriesContext(connection) as queries:
        export(tmp_path)
    objects = sum(model._base_manager.count() for model in CURATED)
    # A query per model and per reference it holds, and per chunk of 2000: dumpdata needs one per reference.
    assert objects > 150 and len(queries) < 30

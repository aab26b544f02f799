"""The five seed articles ship as fixtures: they load, verify, and nothing is dropped on the way."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from relations.curation import build
from relations.models import ActorAlias, Claim, Figure, Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))
SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not FIXTURES, reason="no seed fixtures built yet")


@pytest.fixture
def seeded(db):
    call_command("loaddata", *map(str, FIXTURES), verbosity=0)


def fixture_records():
    return [record for path in FIXTURES for record in json.loads(path.read_text(encoding="utf-8"))]


def test_fixtures_load_and_every_anchor_verifies(seeded, capsys):
    call_command("verify_provenance")
    assert " 0 problems." in capsys.readouterr().out


def test_nothing_is_dropped(seeded):
    expected = Counter(record["model"] for record in fixture_records())
    for label, count in expected.items():
        assert apps.get_model(label).objects.count() == count, label


def test_every_record_passes_model_validation(seeded):
    for model in apps.get_app_config("relations").get_models():
        if model.__name__.startswith("Historical"):
            continue
        for obj in model.objects.all():
            obj.full_clean()


def test_every_alias_occurs_in_a_source(seeded):
    bodies = list(Source.objects.values_list("body", flat=True))
    missing = [alias.name for alias in ActorAlias.objects.all() if not any(alias.name in body for body in bodies)]
    assert missing == []


def test_every_figure_lies_inside_its_claim(seeded):
    for figure in Figure.objects.select_related("claim"):
        assert figure.claim.start <= figure.start < figure.end <= figure.claim.end, figure


def test_every_seed_claim_is_approved_and_attributed(seeded):
    assert Claim.objects.exclude(status=Claim.Status.APPROVED).count() == 0
    unattributed = Claim.objects.filter(speaker__isnull=True).exclude(kind=Claim.Kind.AUTHOR_ASSERTION)
    assert list(unattributed) == []


def test_bodies_are_the_seed_texts_byte_for_byte():
    bodies = {r["fields"]["slug"]: r["fields"]["body"] for r in fixture_records() if r["model"] == "relations.source"}
    curated = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "fixtures" / "curation" / "bodies").glob("*.txt")}
    assert sorted(bodies.values()) == sorted(curated.values())
    if SEEDS.is_dir():
        for name, text in curated.items():
            assert (SEEDS / name).read_bytes() == text.encode("utf-8"), name


def test_fixtures_are_what_the_curation_files_build():
    """The JSON is generated, never hand-edited: rebuilding gives the same files."""
    builder = build.build()
    assert builder.problems == []
    for name, records in builder.fixtures().items():
        assert json.loads((ROOT / "fixtures" / name).read_text(encoding="utf-8")) == records, name


def test_searching_oil_finds_the_seed_claims_about_oil(seeded, client):
    response = client.get("/api/v1/claims/", {"q": "oil", "page_size": 100})
    assert response.status_code == 200
    found = response.json()["results"]
    about_oil = {str(c.uid) for c in Claim.objects.all() if re.search(r"\boil\b", f"{c.quote} {c.statement}", re.I)}
    assert len(about_oil) >= 3
    assert {row["id"] for row in found} >= about_oil
    for row in found:
        assert "oil" in (row["quote"]["exact"] + row["statement"]).lower() or row["speaker"]


def test_a_metric_lines_up_figures_from_different_sources(seeded, client):
    trade = client.get("/api/v1/metrics/share-of-israel-fuel-from-kazakhstan/").json()
    sources = {row["source"]["id"] for row in trade["comparison"]}
    assert len(sources) >= 2, "the fuel-share figures of several articles should line up"

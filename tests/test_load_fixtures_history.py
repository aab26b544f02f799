"""Loading fixtures writes exactly one "created" history row per record, and nothing spurious."""

from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from relations.history import has_history
from relations.models import Claim, Figure

FIXTURES = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))
HISTORY_MODELS = [m for m in apps.get_app_config("relations").get_models() if has_history(m)]

pytestmark = pytest.mark.skipif(not FIXTURES, reason="no seed fixtures built yet")


def history_types(model) -> Counter:
    return Counter(getattr(model, model._meta.simple_history_manager_attribute).values_list("history_type", flat=True))


def test_loading_the_seed_writes_one_created_row_per_record(db):
    call_command("loaddata", *FIXTURES, verbosity=0)
    for model in HISTORY_MODELS:
        count = model.objects.count()
        assert count, model
        assert history_types(model) == Counter({"+": count}), model.__name__
        history = getattr(model, model._meta.simple_history_manager_attribute)
        assert history.values("id").distinct().count() == count, f"one row for each {model.__name__}"
    # Each created row records the record's relations as loaded.
    for model, name in [(Claim, "subjects"), (Claim, "topics"), (Figure, "subjects")]:
        target = f"{model._meta.get_field(name).m2m_reverse_field_name()}_id"
        for obj in model.objects.prefetch_related(name):
            created = obj.history.get(history_type="+")
            recorded = set(getattr(created, name).values_list(target, flat=True))
            assert recorded == {related.pk for related in getattr(obj, name).all()}, (obj, name)


def test_loading_the_same_fixtures_again_writes_no_history(db):
    call_command("loaddata", *FIXTURES, verbosity=0)
    before = {model: history_types(model) for model in HISTORY_MODELS}
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert {model: history_types(model) for model in HISTORY_MODELS} == before


def test_after_a_load_edits_are_recorded_as_before(db):
    call_command("loaddata", *FIXTURES, verbosity=0)
    claim = Claim.objects.first()
    claim.subjects.clear()
    # The seed's claims are approved: their subjects are substance, so the change also sends it back to review.
    assert history_types(Claim)["+"] == Claim.objects.count()
    assert history_types(Claim)["~"] >= 1
    latest = claim.history.first()
    assert latest.status == Claim.Status.IN_REVIEW
    assert list(latest.subjects.all()) == []


def test_loading_the_seed_writes_history_in_bulk(db, django_assert_max_num_queries):
    # 3,265 queries with the history written in bulk and natural keys remembered; Django's loaddata made 7,095.
    with django_assert_max_num_queries(3400):
        call_command("loaddata", *FIXTURES, verbosity=0)

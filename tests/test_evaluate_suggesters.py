"""The suggesters are scored on the seed data, leave-one-article-out, without changing the database."""

import io
import json

from django.core.management import call_command

from relations.models import Source, Suggestion
from relations.suggest import evaluate


def test_the_evaluation_scores_every_suggester_and_leaves_the_database_as_it_was(db):
    out = io.StringIO()
    call_command("evaluate_suggesters", "--json", stdout=out)
    results = json.loads(out.getvalue())
    assert not Source.objects.exists() and not Suggestion.objects.exists()
    totals = results["totals"]
    for key in (
        "figures",
        "direct_quotes",
        "paraphrases",
        "known_actors",
        "new_names",
        "events_loo",
        "events_all_known",
    ):
        assert totals[key]["gold"] > 0, key
        assert 0 <= totals[key]["found"] <= totals[key]["gold"]
    assert len(results["articles"]) == 5
    report = evaluate.report(results, "python manage.py evaluate_suggesters --write")
    assert "| figures | recall |" in report and "leave-one-article-out" in report


def test_a_span_overlaps_another_when_they_share_a_character():
    assert evaluate.overlaps((0, 5), (4, 9))
    assert not evaluate.overlaps((0, 5), (5, 9))

"""`manage.py verify_provenance` finds every broken anchor, however it got into the database."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from relations.models import Claim, Figure, Source
from tests import factories


def run(*args):
    out = StringIO()
    call_command("verify_provenance", *args, stdout=out)
    return out.getvalue()


def test_clean_data_passes(claim):
    factories.figure(claim, "$2.5 billion", "2500000000")
    output = run()
    assert "Checked 1 sources, 1 claims and 1 figures" in output
    assert "0 problems" in output


def test_a_hand_edited_fixture_is_caught(claim, tmp_path):
    factories.figure(claim, "$2.5 billion", "2500000000")
    dump = tmp_path / "dump.json"
    call_command(
        "dumpdata", "relations.actor", "relations.metric", "relations.source", "relations.claim", "relations.figure",
        natural_foreign=True, natural_primary=True, output=str(dump),
    )  # fmt: skip
    records = json.loads(dump.read_text())
    for record in records:
        if record["model"] == "relations.claim":
            # Same length, so the database constraint on offsets holds: only the text is wrong.
            record["fields"]["quote"] = record["fields"]["quote"].replace("2.5", "3.5")
    dump.write_text(json.dumps(records))
    Claim.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)
    with pytest.raises(CommandError, match="1 problem"):
        run()
    output = _output_of_failed_run()
    assert f"claim {claim.uid} in source jpost-2010" in output
    assert "“some $3.5 billion annual trade” is not the source text at" in output


def test_a_changed_body_is_caught(claim):
    factories.figure(claim, "$2.5 billion", "2500000000")
    # A queryset update skips Source.save(), as raw SQL or a careless import would.
    Source.objects.update(body="Presently there is some $9.9 billion annual trade." + " " * 300)
    output = _output_of_failed_run()
    assert "source jpost-2010: the body's SHA-256 does not match" in output
    assert f"claim {claim.uid}" in output
    assert f"figure {claim.figures.get().uid}" in output
    assert "5 problems" in output  # the digest; quote and suffix of the claim and of the figure


def test_a_figure_outside_its_claim_is_caught(claim):
    figure = factories.figure(claim, "$2.5 billion", "2500000000")
    other = factories.claim(claim.source, "one of every four liters")
    Figure.objects.filter(pk=figure.pk).update(claim=other)
    output = _output_of_failed_run()
    assert f"figure {figure.uid}" in output
    assert "lies outside its claim's" in output


def test_one_source_can_be_checked_and_an_unknown_slug_is_an_error(claim):
    assert "Checked 1 sources" in run("--source", "jpost-2010")
    with pytest.raises(CommandError, match="No source with slug 'nope'"):
        run("--source", "nope")


def _output_of_failed_run():
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("verify_provenance", stdout=out)
    return out.getvalue() + str(error.value)

"""A claim's substance (its fields, its figures' fields, figures added or deleted, subjects) is defined once;
every path that changes it on an approved claim sends the claim back to review."""

import datetime

import pytest
from django.urls import reverse

from relations.admin.forms import ClaimForm, FigureForm
from relations.models import Actor, Claim, ConcurrentEdit, Figure
from tests import factories
from tests.test_admin_curation import claim_form


@pytest.fixture
def approved(source, alice, bob):
    claim = factories.claim(source, "some $2.5 billion annual trade", created_by=alice)
    factories.figure(claim, "$2.5 billion", "2500000000", date=datetime.date(2010, 1, 1), date_precision="year")
    claim.submit(alice)
    claim.approve(bob)
    return claim


def status(claim):
    return Claim.objects.get(pk=claim.pk).status


def attname(model, name):
    return model._meta.get_field(name).attname


def test_substance_is_every_field_the_forms_edit():
    quote_fields = {"pasted_quote", "occurrence"}  # become quote, start and end
    spans = {"quote", "start", "end"}
    figure = {attname(Figure, f) for f in FigureForm._meta.fields if f not in quote_fields}
    assert figure == set(Figure.SUBSTANCE) - spans | set(Figure.SUBSTANCE_M2M)
    claim = {attname(Claim, f) for f in ClaimForm._meta.fields if f not in quote_fields}
    # Topics file a claim; they do not change what it states (test_editing_topics_only_keeps_it_approved).
    assert claim - {"topics"} == set(Claim.SUBSTANCE) - spans | set(Claim.SUBSTANCE_M2M)


@pytest.mark.parametrize(
    "field, value", [("date_precision", "month"), ("period", "point"), ("value", 2600000000), ("unit", "count")]
)
def test_changing_a_figure_field_sends_it_back(approved, field, value):
    figure = Figure.objects.get(claim=approved)
    setattr(figure, field, value)
    if field == "unit":
        figure.currency = ""
    figure.save()
    assert status(approved) == Claim.Status.IN_REVIEW


def test_deleting_a_figure_sends_it_back(approved):
    Figure.objects.get(claim=approved).delete()
    assert status(approved) == Claim.Status.IN_REVIEW


def test_a_queryset_delete_of_figures_sends_it_back(approved):
    Figure.objects.filter(claim=approved).delete()
    assert status(approved) == Claim.Status.IN_REVIEW


def test_delete_selected_on_the_figure_changelist_sends_it_back(client, alice, approved):
    client.force_login(alice)
    figure = Figure.objects.get(claim=approved)
    response = client.post(
        reverse("admin:relations_figure_changelist"),
        {"action": "delete_selected", "_selected_action": [figure.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Figure.objects.filter(pk=figure.pk).exists()
    assert status(approved) == Claim.Status.IN_REVIEW


def test_an_inline_delete_on_the_claim_page_sends_it_back(client, alice, approved):
    client.force_login(alice)
    claim = Claim.objects.get(pk=approved.pk)
    figure = Figure.objects.get(claim=claim)
    data = claim_form(claim.source, statement=claim.statement, loaded_version=claim.version)
    data.update({"figures-TOTAL_FORMS": "1", "figures-INITIAL_FORMS": "1"})
    fields = {
        "id": figure.pk, "claim": claim.pk, "pasted_quote": figure.quote, "metric": figure.metric_id,
        "value": "2500000000", "qualifier": "approximate", "unit": "currency", "currency": "USD",
        "period": "annual", "date": "2010-01-01", "date_precision": "year", "loaded_version": figure.version,
        "DELETE": "on",
    }  # fmt: skip
    data.update({f"figures-0-{key}": value for key, value in fields.items()})
    response = client.post(reverse("admin:relations_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Figure.objects.filter(pk=figure.pk).exists()
    assert status(approved) == Claim.Status.IN_REVIEW


def test_adding_a_figure_sends_it_back(approved):
    factories.figure(Claim.objects.get(pk=approved.pk), "$2.5 billion", "2500000000")
    assert status(approved) == Claim.Status.IN_REVIEW


def test_changing_subjects_from_either_side_sends_it_back(approved):
    israel = factories.actor("israel", "Israel")
    israel.claims_about.add(approved)
    assert status(approved) == Claim.Status.IN_REVIEW


def test_changing_subjects_on_the_claim_sends_it_back(approved):
    Claim.objects.get(pk=approved.pk).subjects.add(factories.actor("israel", "Israel"))
    assert status(approved) == Claim.Status.IN_REVIEW


def test_changing_a_figures_subjects_sends_it_back(approved):
    Figure.objects.get(claim=approved).subjects.add(factories.actor("israel", "Israel", Actor.Kind.STATE))
    assert status(approved) == Claim.Status.IN_REVIEW


def test_a_refused_claim_save_leaves_the_figure_unchanged(approved):
    figure = Figure.objects.select_related("claim").get(claim=approved)
    Claim.objects.get(pk=approved.pk).save()  # someone else saves the claim: the figure's copy is stale
    figure.value = 2600000000
    with pytest.raises(ConcurrentEdit):
        figure.save()
    assert Figure.objects.get(pk=figure.pk).value == 2500000000
    assert status(approved) == Claim.Status.APPROVED

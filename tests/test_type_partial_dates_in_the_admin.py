"""An editor types a partial date — 2016, 2016-12 or 2016-12-14 — wherever a date has a precision in the admin."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from relations.admin.dates import PartialDateFormField, PartialDatesForm
from relations.models import Affiliation, Event, Figure, PartialDate, Source
from tests import factories


class EventDates(PartialDatesForm):
    class Meta:
        model = Event
        fields = ["slug", "title", "event_type", "start", "start_precision", "end", "end_precision"]


def event_form(**fields):
    data = {"slug": "visit", "title": "A visit", "event_type": "visit", "start": "", "start_precision": ""}
    data.update({"end": "", "end_precision": "", **fields})
    return EventDates(data)


@pytest.mark.parametrize(
    ("typed", "chosen", "stored"),
    [
        ("2016", "", (datetime.date(2016, 1, 1), "year")),
        ("2016-12", "", (datetime.date(2016, 12, 1), "month")),
        (" 2016-12-14 ", "", (datetime.date(2016, 12, 14), "day")),
        # A precision chosen coarser than the date typed truncates it: the old way of entering dates still works.
        ("2016-12-14", "month", (datetime.date(2016, 12, 1), "month")),
        ("2010-01-01", "year", (datetime.date(2010, 1, 1), "year")),
        ("2016-12", "month", (datetime.date(2016, 12, 1), "month")),
    ],
)
def test_the_typed_date_gives_the_precision(db, typed, chosen, stored):
    form = event_form(start=typed, start_precision=chosen)
    assert form.is_valid(), form.errors
    event = form.save()
    assert (event.start, event.start_precision) == stored


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start": "2016-13"}, "start", "not a real date"),
        ({"start": "Dec 2016"}, "start", "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"start": "2016", "start_precision": "day"}, "start_precision", "“2016” names a year"),
        ({"start": "", "start_precision": "month"}, "start_precision", "Give a date for this precision"),
        ({"start": "2016-12", "end": "2016-11"}, "end", "comes before the start"),
    ],
)
def test_bad_dates_are_clear_errors(db, fields, field, message):
    form = event_form(**fields)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_the_form_shows_a_stored_date_as_it_would_be_typed(db):
    event = factories.event(start=datetime.date(2016, 12, 1), start_precision="month")
    form = EventDates(instance=event)
    assert 'value="2016-12"' in str(form["start"])
    assert isinstance(form.fields["start"], PartialDateFormField)


def test_the_field_cleans_to_a_partial_date():
    field = PartialDateFormField(required=False)
    assert field.clean("2016-12") == PartialDate.parse("2016-12")
    assert field.clean("") is None
    with pytest.raises(forms.ValidationError):
        field.clean("2016-12-32")


def test_every_admin_form_with_a_partial_date_uses_the_one_field(db):
    """Source published, event start and end, a figure's date and affiliations' dates: one field class."""
    from django.contrib import admin

    for model, names in [(Source, ["published"]), (Event, ["start", "end"])]:
        form = admin.site._registry[model].form()
        for name in names:
            assert isinstance(form.fields[name], PartialDateFormField), (model, name)
    claim_admin = admin.site._registry[factories.Claim]
    (figures,) = [inline for inline in claim_admin.inlines if inline.model is Figure]
    assert issubclass(figures.form, PartialDatesForm)
    from relations.admin.actors import AffiliationInline

    assert AffiliationInline.model is Affiliation and issubclass(AffiliationInline.form, PartialDatesForm)


def test_an_editor_saves_a_source_published_2016_12(client, alice, source):
    client.force_login(alice)
    url = reverse("admin:relations_source_change", args=[source.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in ("authors",)}
    data.update(
        {
            "published": "2016-12",
            "published_precision": "",
            "published_basis": "found",
            "loaded_version": source.version,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    source.refresh_from_db()
    assert str(source.published_partial) == "2016-12"


def test_an_editor_adds_an_affiliation_from_2016(client, alice, db):
    person = factories.actor("erik", "Erik Yakubayev", "person")
    ministry = factories.actor("mfa", "Ministry of Foreign Affairs", "organisation")
    client.force_login(alice)
    url = reverse("admin:relations_actor_change", args=[person.pk])
    data = {
        "name": person.name, "slug": person.slug, "kind": "person", "description": "", "wikidata_id": "",
        "loaded_version": person.version,
        "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
        "affiliations-TOTAL_FORMS": "1", "affiliations-INITIAL_FORMS": "0",
        "affiliations-0-organisation": ministry.pk, "affiliations-0-role": "Deputy Ambassador",
        "affiliations-0-start": "2016", "affiliations-0-start_precision": "",
        "affiliations-0-end": "", "affiliations-0-end_precision": "",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert str(Affiliation.objects.get().start_partial) == "2016"

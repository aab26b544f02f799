"""Partial dates ("2016", "2016-12", "2016-12-14") parse, render, sort and validate one way everywhere."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from relations.models import Event, PartialDate
from tests import factories


@pytest.mark.parametrize(
    ("text", "date", "precision", "human"),
    [
        ("2016", datetime.date(2016, 1, 1), "year", "2016"),
        ("2016-12", datetime.date(2016, 12, 1), "month", "December 2016"),
        ("2016-12-14", datetime.date(2016, 12, 14), "day", "14 December 2016"),
    ],
)
def test_parse_and_render(text, date, precision, human):
    value = PartialDate.parse(text)
    assert (value.date, value.precision) == (date, precision)
    assert str(value) == text
    assert value.human() == human


@pytest.mark.parametrize("text", ["2016-13", "2016-02-30", "16-12", "December 2016", "2016-1", "", "2016-12-14T00"])
def test_invalid_input_is_a_clear_error(text):
    with pytest.raises(ValueError, match="YYYY|not a real date"):
        PartialDate.parse(text)


def test_a_date_is_truncated_to_its_precision():
    assert PartialDate(datetime.date(2016, 12, 14), "month").date == datetime.date(2016, 12, 1)
    assert str(PartialDate(datetime.date(2016, 12, 14), "year")) == "2016"
    with pytest.raises(ValueError):
        PartialDate(datetime.date(2016, 12, 14), "week")


def test_sorting_puts_coarser_dates_first_on_the_same_day():
    dates = [PartialDate.parse(t) for t in ["2016-12-14", "2015", "2016-12", "2016", "2016-01-01"]]
    assert [str(d) for d in sorted(dates)] == ["2015", "2016", "2016-01-01", "2016-12", "2016-12-14"]


def test_last_day_of_a_period():
    assert PartialDate.parse("2016-02").last_day == datetime.date(2016, 2, 29)
    assert PartialDate.parse("2016").last_day == datetime.date(2016, 12, 31)


@pytest.mark.django_db
def test_models_store_the_first_day_and_sort_by_it():
    late = factories.event("late", start=datetime.date(2010, 5, 27), start_precision="month")
    early = factories.event("early", start=datetime.date(2010, 5, 25), start_precision="day")
    late.refresh_from_db()
    assert late.start == datetime.date(2010, 5, 1)
    assert str(late.start_partial) == "2010-05"
    assert list(Event.objects.order_by("start").values_list("slug", flat=True)) == ["late", "early"]
    early.start_partial = "2009"
    assert (early.start, early.start_precision) == (datetime.date(2009, 1, 1), "year")


@pytest.mark.django_db
def test_a_date_without_precision_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.event("no-precision", start=datetime.date(2010, 5, 1), start_precision="")


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused():
    event = Event(
        slug="backwards",
        title="Backwards",
        event_type=Event.Type.VISIT,
        start=datetime.date(2016, 12, 15),
        start_precision="day",
        end=datetime.date(2016, 12, 13),
        end_precision="day",
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "comes before the start" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()

"""A reader compares a metric's figures on its chart: marks where and as the figures say, disagreements flagged."""

import datetime

import pytest

from relations.models import Actor, Figure
from relations.site import charts
from tests import factories

BODY = (
    "Trade was some $2.5 billion in 2010, or $2.6 billion, or more than $3 billion, or between $1 billion and "
    "$2 billion, and in Turkey $9 billion."
)


@pytest.fixture
def figures(db):
    source = factories.source("figures", body=BODY, publisher=factories.actor("the-paper", "The Paper"))
    claim = factories.claim(source, BODY)
    kazakhstan, turkey = factories.actor(), factories.actor("turkey", "Turkey")
    q, year = Figure.Qualifier, {"date": datetime.date(2010, 1, 1), "date_precision": "year"}

    def figure(quote, value, subject=kazakhstan, **fields):
        obj = factories.figure(claim, quote, value, **{**year, **fields})
        obj.subjects.set([subject])
        return obj

    return {
        "approx": figure("$2.5 billion", "2500000000"),
        "close": figure("$2.6 billion", "2600000000", qualifier=q.EXACT),
        "more": figure("more than $3 billion", "3000000000", qualifier=q.LOWER_BOUND, lower="3000000000"),
        "range": figure("between $1 billion and $2 billion", "1500000000", qualifier=q.RANGE, lower="1e9", upper="2e9"),
        "other actor": figure("$9 billion", "9000000000", subject=turkey, qualifier=q.EXACT),
        "other time": figure(
            "$2 billion", "9000000000", qualifier=q.EXACT, date=datetime.date(2012, 5, 1), date_precision="month"
        ),
    }


def disagreeing(figures) -> dict[str, set[str]]:
    names = {f.pk: name for name, f in figures.items()}
    (chart,) = charts.metric_charts(list(figures.values()))
    return {names[m.figure.pk]: {names[o.pk] for o in m.disagrees_with} for m in chart.marks}


def test_figures_disagree_only_beyond_their_bounds_for_the_same_actors_and_time(figures):
    assert disagreeing(figures) == {
        "approx": {"more", "range"},  # ±10 % of 2.5 reaches neither 3 nor 2
        "close": {"more", "range"},
        "more": {"approx", "close", "range"},
        "range": {"approx", "close", "more"},
        "other actor": set(),
        "other time": set(),
    }


def test_marks_sit_at_their_dates_and_values_drawn_by_qualifier(figures):
    (chart,) = charts.metric_charts(list(figures.values()))
    marks = {m.figure.pk: m for m in chart.marks}
    approx, more, rng, later = (marks[figures[n].pk] for n in ("approx", "more", "range", "other time"))
    assert approx.hollow and approx.is_span and approx.x1 < approx.x2  # a year is a span
    assert not later.is_span or later.x2 - later.x1 < approx.x2 - approx.x1  # a month is a short one
    assert later.x1 > approx.x2
    assert more.open_up and more.y_high == chart.top and more.y_low == more.y
    assert rng.y_low > rng.y > rng.y_high and not rng.open_up and not rng.open_down
    assert marks[figures["other actor"].pk].y < approx.y  # a higher value is drawn higher
    assert chart.legend == [("The Paper", charts.PALETTE[0])]


def test_the_metric_page_flags_and_tabulates_every_figure(client, figures, alice, bob):
    claim = figures["approx"].claim
    claim.submit(alice)
    claim.approve(bob)
    html = client.get("/metrics/bilateral-trade-annual/").content.decode()
    assert html.count('class="mark ') == 6 and html.count("<tr data-figure=") == 6
    assert html.count('<tr data-figure="') == html.count(f'href="/claims/{claim.uid}/"')
    assert html.count('<circle class="flag"') == 4
    assert "≥ 3,000,000,000 USD" in html and "1,000,000,000–2,000,000,000 USD" in html
    assert html.count("Kazakhstan") >= 5 and "Turkey" in html
    assert Actor.objects.published().filter(slug="turkey").exists()

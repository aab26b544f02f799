"""A reader opens every public page in headless Chromium, on a desktop and on a phone, over the seed data.

Screenshots are saved under test-artifacts/site-*.png for people to look at.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from relations.models import Claim, Event, Figure, Source
from tests.browser import ARTIFACTS, MARKS

ROOT = Path(__file__).resolve().parent.parent
FUEL = "share-of-israel-fuel-from-kazakhstan"

pytestmark = MARKS


@pytest.fixture
def seeds(db):
    call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)


def seed_pages() -> dict[str, str]:
    quote = Claim.objects.published().filter(kind=Claim.Kind.DIRECT_QUOTE).order_by("pk").first()
    return {
        "home": "/",
        "claim": f"/claims/{quote.uid}/",
        "metric": f"/metrics/{FUEL}/",
        "metric-range": "/metrics/jewish-community-size/",
        "events": "/events/",
        "events-2019": "/events/?year=2019",
        "actor": f"/actors/{quote.speaker.slug}/",
        "state": "/actors/kazakhstan/",
        "source": f"/sources/{Source.objects.published().order_by('slug').first().slug}/",
        "search": "/search/?q=water",
        "not-found": "/claims/not-published/",
    }


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_opens_every_page(browser, live_server, seeds, width):
    urls = seed_pages()
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for name, url in urls.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), name
        assert page.locator("link[rel=stylesheet]").count() == 1
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", "the stylesheet did not load"
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{name} scrolls sideways at {width} px"
        page.screenshot(path=str(ARTIFACTS / f"site-{name}-{width}.png"), full_page=True)
        if name != "not-found":  # Chromium reports the 404 of the page itself as a console error.
            assert errors == [], name
    context.close()


def test_the_chart_draws_every_figure_of_the_metric(browser, live_server, seeds):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    for slug in (FUEL, "jewish-community-size", "population", "country-count"):
        page.goto(f"{live_server.url}/metrics/{slug}/")
        figures = Figure.objects.published().filter(metric__slug=slug)
        marks = page.locator("svg g.mark")
        drawn = sorted(
            (marks.nth(i).get_attribute("data-figure"), Decimal(marks.nth(i).get_attribute("data-value")))
            for i in range(marks.count())
        )
        assert drawn == sorted((str(f.uid), f.value) for f in figures), slug
        rows = page.locator("table.figures-table tbody tr")
        assert sorted(rows.nth(i).get_attribute("data-figure") for i in range(rows.count())) == [d for d, _ in drawn]
        # Each row links to its claim.
        assert rows.first.locator("a[href^='/claims/']").count() == 1
        # A text alternative: the chart names itself and says what it holds.
        assert "by the date each figure holds for" in page.locator(".chart > svg > title").first.text_content()
        assert f"{len(drawn)} figure" in page.locator(".chart > svg > desc").first.text_content()
    # Qualifiers are drawn: the lower bound has an open-ended bar, the range a capped one.
    page.goto(f"{live_server.url}/metrics/{FUEL}/")
    assert page.locator("g.mark.q-lower_bound path.open").count() == 1
    assert page.locator("g.mark.q-exact circle.point:not(.hollow)").count() == 1
    page.goto(f"{live_server.url}/metrics/jewish-community-size/")
    assert page.locator("g.mark.q-range line.cap").count() == 2
    page.close()


def test_the_timeline_is_in_date_order(browser, live_server, seeds):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/events/")
    starts = page.locator("ol.timeline li.event-item").evaluate_all("items => items.map(i => i.dataset.start)")
    dated = [s for s in starts if s]
    assert len(starts) == Event.objects.published().count() and dated == sorted(dated)
    page.select_option("select[name=type]", "visit")
    page.click("form.filters button")
    types = page.locator("ol.timeline li.event-item a.badge.type").all_inner_texts()
    assert types and set(types) == {"visit"}
    page.close()


def test_the_claim_page_highlights_the_claims_own_quote(browser, live_server, seeds):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    for claim in Claim.objects.published().order_by("pk")[::40]:
        page.goto(f"{live_server.url}/claims/{claim.uid}/")
        assert page.locator("mark#quote").text_content() == claim.quote
        assert page.locator("h1").inner_text() == claim.statement
    page.close()

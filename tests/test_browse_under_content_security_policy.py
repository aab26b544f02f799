"""Every page sends a strict Content-Security-Policy, and the admin, its quote-picking pages and the API
docs still work under it: headless Chromium reports any violation on the console, and the test fails on it."""

import pytest

from relations.models import Claim
from tests import factories
from tests.browser import ARTIFACTS, MARKS

pytestmark = MARKS


@pytest.fixture
def page(browser, live_server):
    """A page that records every console message and script error, and every policy it was sent."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.messages = []
    page.policies = {}
    page.on(
        "console", lambda message: page.messages.append(f"{message.type}: {page.url} {message.location} {message.text}")
    )
    page.on("pageerror", lambda error: page.messages.append(f"pageerror: {error}"))
    page.on(
        "response",
        lambda response: (
            response.request.resource_type == "document"
            and page.policies.setdefault(response.url, response.headers.get("content-security-policy"))
        ),
    )
    yield page
    context.close()


def violations(page):
    return [message for message in page.messages if "Content Security Policy" in message or "pageerror" in message]


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-password-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def test_the_curation_pages_work_under_the_policy(page, alice, bob):
    source = factories.source()
    factories.metric()
    log_in(page, "alice")
    page.goto(f"/admin/relations/claim/add/?source={source.pk}")
    page.fill("#id_pasted_quote", "some $2.5 billion annual trade")
    page.fill("#id_statement", "Annual trade between Israel and Kazakhstan is about $2.5 billion.")
    page.select_option("#id_kind", "author_assertion")
    page.click("#figures-group .add-row a")  # the inline formset's script adds a row
    page.wait_for_selector("#id_figures-0-pasted_quote")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert page.locator(".kzil-context mark").inner_text() == "some $2.5 billion annual trade"
    page.click("text=Submit for review")
    page.wait_for_selector("text=The claim was submitted for review.")
    page.goto(f"/admin/relations/source/{source.pk}/change/")
    page.goto("/admin/relations/claim/?status__exact=in_review")
    page.screenshot(path=str(ARTIFACTS / "csp-1-claim-list.png"), full_page=True)

    page.context.clear_cookies()
    log_in(page, "bob")
    page.click("text=Review queue (1)")
    page.click(f"text={Claim.objects.get()}")
    page.click("#review-steps button:has-text('Approve')")
    page.wait_for_selector("text=The claim was approved.")
    page.screenshot(path=str(ARTIFACTS / "csp-2-approved.png"), full_page=True)

    assert Claim.objects.get().status == Claim.Status.APPROVED
    assert len(page.policies) >= 8 and all("default-src 'self'" in (p or "") for p in page.policies.values())
    assert not violations(page), "\n".join(violations(page))


def test_the_api_docs_page_works_under_the_policy(page, published):
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")  # the schema was fetched and rendered
    page.locator(".opblock-summary").first.click()  # an operation opens (the bundle runs)
    page.wait_for_selector(".opblock-body")
    page.screenshot(path=str(ARTIFACTS / "csp-3-api-docs.png"), full_page=True)
    assert "kzil API" in page.locator(".swagger-ui .info .title").inner_text()
    assert all("script-src" not in (p or "") and "default-src 'self'" in p for p in page.policies.values())
    assert not violations(page), "\n".join(violations(page))

"""A reviewer reads each claim's quote in the queue, and decides on a source's claims beside its text."""

import pytest
from django.urls import reverse

from relations.models import Claim
from tests import factories


@pytest.fixture
def submitted(source, alice):
    claims = [
        factories.claim(source, "some $2.5 billion annual trade", created_by=alice, updated_by=alice),
        factories.claim(source, "Oil, oil and more oil", created_by=alice, updated_by=alice),
    ]
    for claim in claims:
        claim.submit(alice)
    return claims


def review_url(source):
    return reverse("admin:relations_source_review", args=[source.pk])


def step_url(claim, step):
    return reverse("admin:relations_source_review_step", args=[claim.source_id, claim.pk, step])


def test_the_queue_shows_each_quote_and_a_link_to_its_source_in_context(client, bob, source, submitted):
    client.force_login(bob)
    page = client.get(reverse("admin:relations_claiminreview_changelist")).content.decode()
    for claim in submitted:
        assert f'<td class="field-queue_quote">{claim.quote}</td>' in page
    assert f"{review_url(source)}#c-{submitted[0].pk}" in page


def test_the_review_page_shows_every_submitted_claim_in_context(
    client, bob, source, submitted, django_assert_max_num_queries
):
    draft = factories.claim(source, "one of every four liters")
    client.force_login(bob)
    with django_assert_max_num_queries(10):
        page = client.get(review_url(source)).content.decode()
    for claim in submitted:
        assert f'id="c-{claim.pk}"' in page and step_url(claim, "approve") in page
        assert f'<mark data-o="{claim.start}" class="kzil-claim kzil-claim-in_review">' in page
    assert f'id="c-{draft.pk}"' not in page  # Drafts are not for review.


def test_a_reviewer_approves_and_rejects_from_the_page(client, bob, source, submitted):
    first, second = submitted
    client.force_login(bob)
    response = client.post(step_url(first, "approve"))
    assert response.status_code == 302 and response.url.startswith(review_url(source) + "#p-")
    response = client.post(step_url(second, "reject"), {f"c{second.pk}-reason": "Not a claim of fact."})
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, first.reviewed_by) == ("approved", bob)
    assert (second.status, second.review_note) == ("rejected", "Not a claim of fact.")


def test_a_rejection_without_a_reason_is_refused_and_the_form_kept(client, bob, source, submitted):
    client.force_login(bob)
    response = client.post(step_url(submitted[0], "reject"), {f"c{submitted[0].pk}-reason": "  "})
    assert response.status_code == 400
    assert "Give a reason to reject the claim." in response.content.decode()
    submitted[0].refresh_from_db()
    assert submitted[0].status == "in_review"


def test_the_four_eyes_rule_holds_on_the_page(client, django_user_model, source, alice):
    from tests.conftest import member

    carol = member(django_user_model, "carol", "Reviewers")
    carol.groups.add(*alice.groups.all())
    claim = factories.claim(source, "Oil, oil and more oil", created_by=carol, updated_by=carol)
    claim.submit(carol)
    client.force_login(carol)
    page = client.get(review_url(source)).content.decode()
    assert "another reviewer decides on it" in page and step_url(claim, "approve") not in page
    response = client.post(step_url(claim, "approve"), follow=True)
    assert "Four-eyes rule" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_only_reviewers_may_see_or_use_the_page(client, alice, bob, charlie, source, submitted):
    client.force_login(alice)
    assert client.get(review_url(source)).status_code == 403
    assert client.post(step_url(submitted[0], "approve")).status_code == 403
    client.force_login(bob)
    assert client.get(step_url(submitted[0], "approve")).status_code == 403
    assert client.post(step_url(submitted[0], "publish")).status_code == 403
    other = factories.source("other")
    url = reverse("admin:relations_source_review_step", args=[other.pk, submitted[0].pk, "approve"])
    assert client.post(url).status_code == 404
    client.force_login(charlie)
    assert client.get(review_url(source)).status_code == 302  # Not staff: to the login page.
    assert not Claim.objects.filter(status="approved").exists()


def test_a_rejected_claim_shows_its_reason_and_reviewer(client, alice, bob, submitted):
    claim = submitted[0]
    claim.reject(bob, "The figure is for 2009.")
    client.force_login(alice)
    page = client.get(reverse("admin:relations_claim_change", args=[claim.pk])).content.decode()
    review = page[page.index("field-review") :][:800]
    assert "Rejected by bob on " in review and "Reason: The figure is for 2009." in review

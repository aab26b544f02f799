"""draft → in review → approved / rejected, with the four-eyes rule; only approved claims are public."""

import pytest

from relations.models import Claim, Figure, InvalidTransition
from tests import factories


@pytest.fixture
def draft(source, alice):
    return factories.claim(source, "some $2.5 billion annual trade", created_by=alice, updated_by=alice)


def test_submit_then_approve_publishes(draft, alice, bob):
    draft.submit(alice)
    assert (draft.status, draft.submitted_by) == (Claim.Status.IN_REVIEW, alice)
    assert not Claim.objects.published().exists()
    draft.approve(bob, note="Checked against the article.")
    draft.refresh_from_db()
    assert (draft.status, draft.reviewed_by, draft.review_note) == ("approved", bob, "Checked against the article.")
    assert draft.reviewed_at is not None
    assert list(Claim.objects.published()) == [draft]


def test_the_author_cannot_review_their_own_claim(draft, alice):
    draft.submit(alice)
    with pytest.raises(InvalidTransition, match="Four-eyes rule"):
        draft.approve(alice)
    with pytest.raises(InvalidTransition, match="Four-eyes rule"):
        draft.reject(alice, "I changed my mind")
    draft.refresh_from_db()
    assert draft.status == Claim.Status.IN_REVIEW


def test_the_last_editor_cannot_approve(draft, alice, bob, dave):
    draft.updated_by = bob
    draft.save()
    draft.submit(alice)
    with pytest.raises(InvalidTransition, match="Four-eyes"):
        draft.approve(bob)
    draft.approve(dave)
    assert draft.status == Claim.Status.APPROVED


def test_only_reviewers_review(draft, alice, charlie):
    draft.submit(alice)
    with pytest.raises(InvalidTransition, match="Only reviewers"):
        draft.approve(charlie)
    with pytest.raises(InvalidTransition, match="Only reviewers"):
        draft.reject(charlie, "No.")


def test_rejecting_needs_a_reason(draft, alice, bob):
    draft.submit(alice)
    with pytest.raises(InvalidTransition, match="Give a reason"):
        draft.reject(bob, "  ")
    draft.reject(bob, "The quote is the author's, not Brodsky's.")
    draft.refresh_from_db()
    assert (draft.status, draft.review_note) == ("rejected", "The quote is the author's, not Brodsky's.")
    assert not Claim.objects.published().exists()


def test_steps_check_the_current_state(draft, alice, bob):
    with pytest.raises(InvalidTransition, match="Cannot approve a claim that is draft: it must be in review"):
        draft.approve(bob)
    draft.submit(alice)
    with pytest.raises(InvalidTransition, match="Cannot submit a claim that is in review"):
        draft.submit(alice)


def test_an_unanchored_claim_cannot_be_approved(draft, alice, bob):
    draft.submit(alice)
    # Same length, so only the text is wrong: as if a fixture had been hand-edited.
    Claim.objects.filter(pk=draft.pk).update(quote=draft.quote.replace("2.5", "3.5"))
    draft.refresh_from_db()
    with pytest.raises(InvalidTransition, match="not anchored"):
        draft.approve(bob)
    draft.refresh_from_db()
    assert draft.status == Claim.Status.IN_REVIEW


def test_editing_the_substance_of_an_approved_claim_sends_it_back(draft, alice, bob):
    draft.submit(alice)
    draft.approve(bob)
    draft.statement = "Trade is worth about $2.5 billion a year."
    draft.save()
    draft.refresh_from_db()
    assert draft.status == Claim.Status.IN_REVIEW
    assert not Claim.objects.published().exists()


def test_editing_topics_only_keeps_it_approved(draft, alice, bob):
    draft.submit(alice)
    draft.approve(bob)
    draft.topics.add(factories.topic())
    draft.save()
    draft.refresh_from_db()
    assert draft.status == Claim.Status.APPROVED


def test_changing_a_figure_of_an_approved_claim_sends_it_back(draft, alice, bob):
    figure = factories.figure(draft, "$2.5 billion", "2500000000")
    draft.submit(alice)
    draft.approve(bob)
    figure = Figure.objects.get(pk=figure.pk)
    figure.value = 2600000000
    figure.save()
    draft.refresh_from_db()
    assert draft.status == Claim.Status.IN_REVIEW
    assert not Figure.objects.published().exists()


def test_published_figures_and_sources_follow_their_claims(draft, alice, bob, source):
    factories.figure(draft, "$2.5 billion", "2500000000")
    assert not Figure.objects.published().exists()
    assert not type(source).objects.published().exists()
    draft.submit(alice)
    draft.approve(bob)
    assert Figure.objects.published().count() == 1
    assert list(type(source).objects.published()) == [source]

"""Nobody who created, edited (any version), submitted, or touched a figure of a claim may review it.

One rule (Claim.objects.reviewable_by) answers the queue, the buttons, the bulk actions and approve()/reject().
"""

import pytest
from django.urls import reverse

from relations.models import Claim, ClaimInReview, Figure, InvalidTransition
from tests import factories
from tests.test_admin_curation import claim_form, with_figure


def edit_in_the_admin(client, user, claim, **fields):
    client.force_login(user)
    claim = Claim.objects.get(pk=claim.pk)
    data = claim_form(claim.source, pasted_quote=claim.quote, loaded_version=claim.version, **fields)
    response = client.post(reverse("admin:relations_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def review_choices(user, claim):
    """Every place that answers "may this user review this claim?"."""
    claim = Claim.objects.get(pk=claim.pk)
    return {
        "queue": ClaimInReview.objects.reviewable_by(user).filter(pk=claim.pk).exists(),
        "buttons": "approve" in claim.available_steps(user),
    }


def test_an_earlier_editor_cannot_approve_after_the_author_edits_again(client, alice, erin, bob, source):
    claim = factories.claim(source, "some $2.5 billion annual trade", created_by=alice, updated_by=alice)
    edit_in_the_admin(client, erin, claim, statement="Erin's wording")
    edit_in_the_admin(client, alice, claim, statement="Alice's wording again")
    claim = Claim.objects.get(pk=claim.pk)
    claim.submit(alice)
    assert claim.updated_by == alice  # the last editor is Alice: the old rule let Erin approve
    assert review_choices(erin, claim) == {"queue": False, "buttons": False}
    with pytest.raises(InvalidTransition, match="Four-eyes rule"):
        Claim.objects.get(pk=claim.pk).approve(erin)
    client.force_login(erin)
    response = client.post(
        reverse("admin:relations_claim_changelist"),
        {"action": "approve_selected", "_selected_action": [claim.pk]},
        follow=True,
    )
    assert "Four-eyes rule" in response.content.decode()
    queue = client.get(reverse("admin:relations_claiminreview_changelist")).content.decode()
    assert "Alice&#x27;s wording again" not in queue and "Alice's wording again" not in queue
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.IN_REVIEW
    assert review_choices(bob, claim) == {"queue": True, "buttons": True}
    Claim.objects.get(pk=claim.pk).approve(bob)


def test_whoever_added_a_figure_cannot_review_the_claim(client, alice, erin, bob, source):
    claim = factories.claim(source, "some $2.5 billion annual trade", created_by=alice, updated_by=alice)
    client.force_login(erin)
    data = with_figure(claim_form(source, loaded_version=claim.version), factories.metric())
    response = client.post(reverse("admin:relations_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302
    assert Figure.objects.filter(claim=claim).count() == 1
    # Alice edits last and submits; Erin only ever touched the figure.
    edit_in_the_admin(client, alice, claim, statement="Alice's last word")
    Claim.objects.get(pk=claim.pk).submit(alice)
    assert review_choices(erin, claim) == {"queue": False, "buttons": False}
    with pytest.raises(InvalidTransition, match="Four-eyes rule"):
        Claim.objects.get(pk=claim.pk).reject(erin, "no")
    assert review_choices(bob, claim)["queue"]


def test_the_submitter_cannot_review(alice, erin, source):
    claim = factories.claim(source, "some $2.5 billion annual trade", created_by=alice, updated_by=alice)
    claim.submit(erin)
    assert review_choices(erin, claim) == {"queue": False, "buttons": False}


def test_reviewing_is_not_editing_a_reviewer_may_review_again(alice, bob, source):
    claim = factories.claim(source, "some $2.5 billion annual trade", created_by=alice)
    claim.submit(alice)
    claim.approve(bob)
    claim = Claim.objects.get(pk=claim.pk)
    claim.statement = "Reworded after approval"
    claim._history_user = alice
    claim.save()
    assert claim.status == Claim.Status.IN_REVIEW
    assert review_choices(bob, claim) == {"queue": True, "buttons": True}


def test_the_queue_lists_only_what_the_user_may_review(alice, bob, charlie, source):
    mine = factories.claim(source, "Presently", created_by=bob)
    theirs = factories.claim(source, "We are friends", created_by=alice)
    draft = factories.claim(source, "that is the story", created_by=alice)
    for claim in (mine, theirs):
        claim.submit(alice)
    Claim.objects.filter(pk=mine.pk).update(submitted_by=bob)
    assert list(Claim.objects.reviewable_by(bob)) == [theirs]
    assert not Claim.objects.reviewable_by(alice).exists()  # an editor, not a reviewer
    assert not Claim.objects.reviewable_by(charlie).exists()
    assert draft not in Claim.objects.reviewable_by(bob)


def test_the_queue_costs_a_constant_number_of_queries(client, alice, bob, source, django_assert_max_num_queries):
    for quote in ("Presently", "We are friends", "that is the story"):
        factories.claim(source, quote, created_by=alice).submit(alice)
    client.force_login(bob)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:relations_claiminreview_changelist"))
    assert response.status_code == 200 and response.content.decode().count('class="action-select"') == 3

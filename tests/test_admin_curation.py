"""Editors curate and reviewers review in the admin; the rules hold there as in the model."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from relations.models import Claim, Figure
from tests import factories


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def claim_form(source, **overrides):
    data = {
        "source": source.pk,
        "pasted_quote": "some $2.5 billion annual trade",
        "occurrence": "",
        "statement": "Trade is about $2.5 billion a year.",
        "kind": "author_assertion",
        "speaker": "",
        "event": "",
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def with_figure(data, metric, **figure):
    data.update({"figures-TOTAL_FORMS": "1"})
    fields = {
        "pasted_quote": "$2.5 billion",
        "metric": metric.pk,
        "value": "2500000000",
        "qualifier": "approximate",
        "unit": "currency",
        "currency": "USD",
        "period": "annual",
        "date": "2010-01-01",
        "date_precision": "year",
    }
    fields.update(figure)
    data.update({f"figures-0-{key}": value for key, value in fields.items()})
    return data


def test_groups_have_exactly_the_permissions_they_need(db):
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    reviewers = set(Group.objects.get(name="Reviewers").permissions.values_list("codename", flat=True))
    assert {"add_claim", "change_claim", "add_source", "change_figure", "add_event", "change_actor"} <= editors
    assert "review_claim" not in editors and "delete_claim" not in editors and "delete_source" not in editors
    assert "review_claim" in reviewers and "view_claim" in reviewers
    assert not any(code.startswith(("add_", "change_", "delete_")) for code in reviewers)
    assert Permission.objects.filter(codename="review_claim").count() == 1


def test_an_editor_creates_a_claim_by_pasting_a_quote(as_alice, alice, source):
    data = with_figure(claim_form(source), factories.metric())
    response = as_alice.post(reverse("admin:relations_claim_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    claim = Claim.objects.get()
    assert source.body[claim.start : claim.end] == "some $2.5 billion annual trade"
    assert (claim.created_by, claim.updated_by, claim.status) == (alice, alice, "draft")
    figure = Figure.objects.get()
    assert source.body[figure.start : figure.end] == "$2.5 billion"
    assert claim.start <= figure.start < figure.end <= claim.end


def test_a_quote_not_in_the_source_is_a_form_error_naming_the_closest_passage(as_alice, source):
    response = as_alice.post(
        reverse("admin:relations_claim_add"), claim_form(source, pasted_quote="some $2.5 bilion anual trade")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["pasted_quote"]
    assert "The quote is not in the source." in errors[0]
    assert "some $2.5 billion annual trade" in errors[0]
    assert not Claim.objects.exists()


def test_an_ambiguous_quote_asks_for_the_occurrence(as_alice, source):
    response = as_alice.post(reverse("admin:relations_claim_add"), claim_form(source, pasted_quote="oil"))
    assert "say which occurrence" in response.context["adminform"].form.errors["pasted_quote"][0]
    response = as_alice.post(reverse("admin:relations_claim_add"), claim_form(source, pasted_quote="oil", occurrence=2))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.start == source.body.index("oil", source.body.index("oil") + 1)


def test_a_figure_span_outside_the_claim_is_an_error(as_alice, source):
    data = with_figure(claim_form(source), factories.metric(), pasted_quote="four liters")
    response = as_alice.post(reverse("admin:relations_claim_add"), data)
    assert response.status_code == 200
    assert not Claim.objects.exists()
    assert "inside the claim's quote" in str(response.context["inline_admin_formsets"][0].formset.errors)


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(as_alice, claim, alice):
    url = reverse("admin:relations_claim_change", args=[claim.pk])
    opened = as_alice.get(url).context["adminform"].form["loaded_version"].value()
    first = Claim.objects.get(pk=claim.pk)
    first.statement = "Saved first by Bob."
    first.save()
    data = claim_form(claim.source, statement="Alice's late edit", loaded_version=opened)
    response = as_alice.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved this record after you opened it" in str(response.context["adminform"].form.errors)
    claim.refresh_from_db()
    assert claim.statement == "Saved first by Bob."


def test_review_in_the_admin_with_four_eyes(client, erin, bob, claim):
    claim.created_by = claim.updated_by = erin
    claim.save()
    client.force_login(erin)
    client.post(reverse("admin:relations_claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == "in_review"
    response = client.post(reverse("admin:relations_claim_approve", args=[claim.pk]), follow=True)
    assert "Four-eyes rule" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "in_review"

    client.force_login(bob)
    queue = client.get(reverse("admin:relations_claiminreview_changelist"))
    assert claim.statement in queue.content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert "Review queue (1)" in index
    client.post(reverse("admin:relations_claim_approve", args=[claim.pk]))
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == ("approved", bob)
    assert list(Claim.objects.published()) == [claim]


def test_rejecting_needs_a_reason(client, alice, bob, claim):
    claim.submit(alice)
    client.force_login(bob)
    url = reverse("admin:relations_claim_reject", args=[claim.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(url, {"reason": "Misattributed."})
    claim.refresh_from_db()
    assert (claim.status, claim.review_note) == ("rejected", "Misattributed.")


def test_bulk_approve_reports_each_refusal(client, alice, erin, source):
    own = factories.claim(source, "Presently", created_by=erin)
    theirs = factories.claim(source, "We are friends", created_by=alice)
    draft = factories.claim(source, "that is the story", created_by=alice)
    for claim in (own, theirs):
        claim.submit(claim.created_by)
    client.force_login(erin)
    response = client.post(
        reverse("admin:relations_claim_changelist"),
        {"action": "approve_selected", "_selected_action": [own.pk, theirs.pk, draft.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 claim(s) approved." in page
    assert "Four-eyes rule" in page
    assert "Cannot approve a claim that is draft" in page
    assert Claim.objects.get(pk=theirs.pk).status == "approved"
    assert Claim.objects.get(pk=own.pk).status == "in_review"
    assert Claim.objects.get(pk=theirs.pk).history.count() >= 3  # created, submitted, approved


def test_editing_an_approved_claim_in_the_admin_sends_it_back(client, alice, bob, claim):
    claim.submit(alice)
    claim.approve(bob)
    client.force_login(alice)
    url = reverse("admin:relations_claim_change", args=[claim.pk])
    data = claim_form(claim.source, statement="Reworded", loaded_version=Claim.objects.get(pk=claim.pk).version)
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_source_text_is_escaped_and_claims_are_highlighted(as_alice, alice, bob):
    source = factories.source("xss", body="Evil <script>alert(1)</script> and some $2.5 billion annual trade.")
    claim = factories.claim(source, "some $2.5 billion annual trade")
    page = as_alice.get(reverse("admin:relations_source_change", args=[source.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert f'href="{reverse("admin:relations_claim_change", args=[claim.pk])}"' in page
    assert "<mark>some $2.5 billion annual trade</mark>" in page
    claim_page = as_alice.get(reverse("admin:relations_claim_change", args=[claim.pk])).content.decode()
    assert "<mark>some $2.5 billion annual trade</mark>" in claim_page


def test_changelists_use_a_constant_number_of_queries(client, bob, source, django_assert_max_num_queries):
    client.force_login(bob)
    for quote in ("Presently", "We are friends", "that is the story", "originates in Kazakhstan"):
        factories.claim(source, quote, speaker=factories.actor())
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:relations_claim_changelist"))
    assert response.status_code == 200
    counts = []
    for _ in range(2):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("admin:relations_claim_changelist"), {"q": "the"})
        counts.append(len(queries))
        factories.claim(source, "Oil, oil", speaker=factories.actor("israel", "Israel"))
    assert counts[0] == counts[1]


def test_history_records_who_changed_what(as_alice, alice, claim):
    url = reverse("admin:relations_claim_change", args=[claim.pk])
    data = claim_form(claim.source, statement="Reworded by Alice", loaded_version=claim.version)
    as_alice.post(url, data)
    latest = Claim.objects.get(pk=claim.pk).history.first()
    assert (latest.history_user, latest.statement) == (alice, "Reworded by Alice")
    assert as_alice.get(reverse("admin:relations_claim_history", args=[claim.pk])).status_code == 200

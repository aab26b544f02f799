"""Editors narrow the claim changelist by source, speaker and date, however many sources and claims there are."""

import datetime

import pytest
from django.urls import reverse

from kzil import admin_site
from relations.models import Claim
from relations.templatetags.claim_dates import cheap_date_hierarchy
from tests import factories

CHANGELIST = "admin:relations_claim_changelist"


@pytest.fixture
def as_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="root-password-1"))
    return client


@pytest.fixture
def two_sources(source):
    other = factories.source("other-2016", title="Another article")
    nazarbayev = factories.actor("nursultan-nazarbayev", "Nursultan Nazarbayev", "person")
    factories.claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=nazarbayev)
    factories.claim(source, "Oil, oil and more oil")
    factories.claim(other, "some $2.5 billion annual trade")
    return source, other


def statements(response):
    assert response.status_code == 200
    return sorted(claim.quote for claim in response.context["cl"].result_list)


def test_claims_are_filtered_by_a_typed_source_slug(as_admin, two_sources):
    response = as_admin.get(reverse(CHANGELIST), {"source__slug": "other-2016", "kind__exact": "author_assertion"})
    assert statements(response) == ["some $2.5 billion annual trade"]
    page = response.content.decode()
    # The box keeps the slug, and the other filters in force travel with the next one typed.
    assert 'name="source__slug" value="other-2016"' in page
    assert '<input type="hidden" name="kind__exact" value="author_assertion">' in page


def test_claims_are_filtered_by_a_typed_speaker_slug(as_admin, two_sources):
    response = as_admin.get(reverse(CHANGELIST), {"speaker__slug": "nursultan-nazarbayev"})
    assert statements(response) == ["We are friends"]
    assert statements(as_admin.get(reverse(CHANGELIST), {"speaker__slug": "nobody"})) == []


def test_the_source_filter_does_not_list_every_source(as_admin, two_sources):
    page = as_admin.get(reverse(CHANGELIST)).content.decode()
    assert "Another article" not in page.split('id="changelist-filter"')[1]


def test_the_date_hierarchy_runs_from_the_first_claim_to_the_last(as_admin, two_sources):
    first, *_, last = Claim.objects.order_by("pk")
    Claim.objects.filter(pk=first.pk).update(created_at=datetime.datetime(2024, 11, 3, tzinfo=datetime.UTC))
    Claim.objects.filter(pk=last.pk).update(created_at=datetime.datetime(2026, 2, 9, tzinfo=datetime.UTC))
    Claim.objects.exclude(pk__in=[first.pk, last.pk]).update(
        created_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    )
    assert periods(as_admin.get(reverse(CHANGELIST))) == ["2024", "2025", "2026"]
    assert periods(as_admin.get(reverse(CHANGELIST), {"created_at__year": "2026"})) == ["January 2026", "February 2026"]
    days = as_admin.get(reverse(CHANGELIST), {"created_at__year": "2026", "created_at__month": "1"})
    assert statements(days) == ["Oil, oil and more oil"]


def periods(response):
    assert response.status_code == 200
    choices = cheap_date_hierarchy(response.context["cl"])["choices"]
    assert all(choice["title"] in response.content.decode() for choice in choices)
    return [choice["title"] for choice in choices]


def test_the_review_queue_count_stops_at_a_cap(client, bob, alice, source, monkeypatch):
    for quote in ("We are friends", "Oil, oil and more oil", "some $2.5 billion annual trade"):
        factories.claim(source, quote, created_by=alice).submit(alice)
    bob.is_superuser = bob.is_staff = True
    bob.save()
    client.force_login(bob)
    assert "Review queue (3)" in client.get(reverse("admin:index")).content.decode()
    monkeypatch.setattr(admin_site, "QUEUE_CAP", 3)
    assert "Review queue (2+)" in client.get(reverse("admin:index")).content.decode()


def test_the_changelist_search_finds_claims_by_their_words_and_their_speaker(as_admin, two_sources):
    assert statements(as_admin.get(reverse(CHANGELIST), {"q": "oil"})) == ["Oil, oil and more oil"]
    assert statements(as_admin.get(reverse(CHANGELIST), {"q": "Nursultan"})) == ["We are friends"]
    assert statements(as_admin.get(reverse(CHANGELIST), {"q": "zeppelin"})) == []

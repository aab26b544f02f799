"""Deleting a record that claims rest on is refused with a message, never cascaded."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from relations.models import Actor, Claim, Event, Source
from tests import factories


def test_a_source_with_claims_cannot_be_deleted(claim):
    with pytest.raises(ProtectedError) as error:
        Source.objects.get(pk=claim.source_id).delete()
    assert "protected foreign keys" in str(error.value)
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_a_speaker_or_an_event_with_claims_cannot_be_deleted(source):
    speaker = factories.actor("nursultan-nazarbayev", "Nursultan Nazarbayev", Actor.Kind.PERSON)
    event = factories.event()
    factories.claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=speaker, event=event)
    with pytest.raises(ProtectedError):
        speaker.delete()
    with pytest.raises(ProtectedError):
        event.delete()
    assert Actor.objects.filter(pk=speaker.pk).exists() and Event.objects.filter(pk=event.pk).exists()


def test_a_source_without_claims_can_be_deleted(source):
    source.delete()
    assert not Source.objects.exists()


@pytest.fixture
def subject_only(source, alice, bob):
    """Israel: a subject of an approved claim, and nothing else."""
    israel = factories.actor("israel", "Israel")
    claim = factories.claim(source, "some $2.5 billion annual trade", created_by=alice)
    claim.subjects.add(israel)
    claim.submit(alice)
    claim.approve(bob)
    return israel


def test_an_actor_that_is_only_a_subject_cannot_be_deleted(subject_only):
    with pytest.raises(ProtectedError, match="name it as a subject"):
        subject_only.delete()
    with pytest.raises(ProtectedError):
        Actor.objects.filter(pk=subject_only.pk).delete()
    assert Claim.objects.published().filter(subjects=subject_only).exists()


def test_the_admin_refuses_to_delete_a_subject_on_both_delete_paths(client, django_user_model, subject_only):
    client.force_login(django_user_model.objects.create_superuser("root", password="root-password-1"))
    url = reverse("admin:relations_actor_delete", args=[subject_only.pk])
    page = client.get(url).content.decode()
    assert "Cannot delete actor" in page and "Claim: The source says" in page
    assert client.post(url, {"post": "yes"}).status_code == 200
    changelist = reverse("admin:relations_actor_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [subject_only.pk], "post": "yes"}
    )
    assert response.status_code == 200 and "Cannot delete actor" in response.content.decode()
    assert Actor.objects.filter(pk=subject_only.pk).exists()


def test_an_actor_nothing_rests_on_can_be_deleted(db):
    factories.actor("israel", "Israel").delete()
    assert not Actor.objects.filter(slug="israel").exists()

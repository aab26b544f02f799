"""Deleting a record that claims rest on is refused with a message, never cascaded."""

import pytest
from django.db.models import ProtectedError

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

"""A source's body is verbatim evidence: a change that breaks an anchor is refused."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from relations.models import Source
from tests import factories


def test_the_digest_follows_the_body(source):
    assert source.body_sha256 == hashlib.sha256(source.body.encode()).hexdigest()


def test_a_change_that_breaks_an_anchor_is_refused(claim):
    source = Source.objects.get(pk=claim.source_id)
    original = source.body
    source.body = original.replace("$2.5 billion", "$2.6 billion")
    with pytest.raises(ValidationError) as error:
        source.save()
    messages = error.value.message_dict["body"]
    assert messages[0] == "The new text breaks anchors that rest on this source:"
    assert f"claim {claim.pk}" in messages[1]
    source.refresh_from_db()
    assert source.body == original
    source.body = original.replace("$2.5 billion", "$2.6 billion")
    with pytest.raises(ValidationError, match="breaks anchors"):
        source.full_clean()


def test_a_change_that_keeps_every_anchor_is_allowed(claim):
    factories.figure(claim, "$2.5 billion", "2500000000")
    source = Source.objects.get(pk=claim.source_id)
    source.body += " (Updated.)"
    source.full_clean()
    source.save()
    source.refresh_from_db()
    assert source.body.endswith("(Updated.)")
    assert source.body_sha256 == hashlib.sha256(source.body.encode()).hexdigest()


def test_typos_are_kept_verbatim(db):
    body = "Oli- and gas-rich Kazakhstan, Nursultan Nazabayev said  twice."
    source = factories.source("typos", body=body)
    source.refresh_from_db()
    assert source.body == body

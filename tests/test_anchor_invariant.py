"""A claim or figure whose quote is not exactly its source text at its offsets cannot be saved."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from relations.models import Claim, Figure
from tests import factories


def test_a_located_claim_is_saved_with_exact_offsets(source):
    claim = factories.claim(source, "some $2.5 billion annual trade")
    claim.refresh_from_db()
    assert source.body[claim.start : claim.end] == "some $2.5 billion annual trade"
    assert claim.anchor_problems() == []


def test_a_wrong_quote_fails_validation(source):
    claim = Claim(source=source, statement="Trade", kind=Claim.Kind.AUTHOR_ASSERTION)
    claim.anchor_quote("some $2.5 billion annual trade")
    claim.quote = "some $3.5 billion annual trade"
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "is not the source text at" in str(error.value.message_dict["quote"])


def test_offsets_that_do_not_span_the_quote_are_refused_by_the_database(source):
    claim = Claim(source=source, statement="Trade", kind=Claim.Kind.AUTHOR_ASSERTION)
    claim.anchor_quote("some $2.5 billion")
    claim.end += 1
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()
    claim.start, claim.end = 10, 10
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()


def test_a_quote_or_paraphrase_needs_a_speaker(source):
    claim = Claim(source=source, statement="Friends", kind=Claim.Kind.DIRECT_QUOTE)
    claim.anchor_quote("We are friends")
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "needs a speaker" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()
    claim.speaker = factories.actor("nursultan-nazarbayev", "Nursultan Nazarbayev", "person")
    claim.full_clean()
    claim.save()


def test_a_figure_lies_inside_its_claim(claim):
    figure = factories.figure(claim, "$2.5 billion", "2500000000")
    assert claim.start <= figure.start < figure.end <= claim.end
    assert claim.source.body[figure.start : figure.end] == "$2.5 billion"
    outside = Figure(claim=claim, metric=figure.metric, value=4, unit="count", period="point")
    outside.set_anchor(factories.provenance.locate(claim.source.body, "four"))
    with pytest.raises(ValidationError, match="inside its claim"):
        outside.full_clean()


def test_figure_bounds_follow_the_qualifier(claim):
    figure = Figure(claim=claim, metric=factories.metric(), value=10, lower=12, unit="count", period="point")
    figure.anchor_in_claim("2.5")
    figure.qualifier = Figure.Qualifier.LOWER_BOUND
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "lower bound" in str(error.value).lower()
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()  # the database refuses lower > value too


def test_money_needs_a_currency(claim):
    figure = Figure(claim=claim, metric=factories.metric(), value=2.5, unit="currency", period="annual")
    figure.anchor_in_claim("$2.5 billion")
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()

"""A metric's broader chain: what makes a broader metric public, and the chains the vocabulary refuses."""

import pytest
from django.core.exceptions import ValidationError

from relations.models import Metric
from relations.models.vocabulary import MAX_BROADER_DEPTH
from tests import factories


def chain(length):
    metrics = [factories.metric(f"level-{n}", f"Level {n}") for n in range(length)]
    for narrower, broader in zip(metrics, metrics[1:], strict=False):
        narrower.broader = broader
        narrower.save()
    return metrics


def test_a_metric_may_sit_as_deep_as_published_follows(db):
    metrics = chain(MAX_BROADER_DEPTH + 1)
    metrics[0].full_clean()


def test_a_deeper_chain_is_refused(db):
    metrics = chain(MAX_BROADER_DEPTH + 2)
    with pytest.raises(ValidationError, match="at most"):
        metrics[0].full_clean()


def test_a_metric_cannot_be_broader_than_itself(db):
    first, second = chain(2)
    second.broader = first
    with pytest.raises(ValidationError, match="broader than itself"):
        second.full_clean()


def test_the_broadest_metric_of_a_published_figure_is_published(published):
    top = chain(MAX_BROADER_DEPTH)[-1]
    measured = published["figure"].metric
    measured.broader = Metric.objects.get(slug="level-0")
    measured.save()
    assert set(Metric.objects.published().values_list("slug", flat=True)) >= {measured.slug, top.slug}

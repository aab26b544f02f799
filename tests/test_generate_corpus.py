"""`manage.py generate_corpus` fills a database with a synthetic corpus that verify_provenance accepts."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from relations.models import Actor, ActorAlias, Claim, Event, EventParticipant, Figure, Source

TINY = {"claims": 300, "sources": 6, "actors": 24, "events": 5, "seed": 7}


def generate(**options):
    out = StringIO()
    call_command("generate_corpus", stdout=out, **options)
    return out.getvalue()


def test_a_tiny_corpus_verifies_with_zero_problems(db):
    generate(**TINY)
    out = StringIO()
    call_command("verify_provenance", stdout=out)
    figures = Figure.objects.count()
    assert f"Checked 6 sources, 300 claims and {figures} figures" in out.getvalue()
    assert " 0 problems." in out.getvalue()


def test_the_corpus_has_the_sizes_asked_for_and_says_so(db):
    output = generate(**TINY)
    assert Source.objects.count() == 6
    assert Claim.objects.count() == 300
    assert Actor.objects.count() == 24
    assert Event.objects.count() == 5
    # 0.3 figures a claim by default.
    assert 45 <= Figure.objects.count() <= 135
    assert f"Generated 6 sources, 300 claims ({Claim.objects.published().count()} approved)" in output


def test_bodies_are_article_length_and_name_actors_by_their_aliases(db):
    generate(**TINY)
    bodies = list(Source.objects.values_list("body", flat=True))
    assert min(len(body) for body in bodies) >= 2000
    text = "\n".join(bodies)
    aliases = ActorAlias.objects.exclude(name__in=Actor.objects.values("name")).values_list("name", flat=True)
    assert aliases
    assert sum(alias in text for alias in aliases) >= len(aliases) // 2


def test_claims_come_in_every_review_state_mostly_approved(db):
    generate(**TINY)
    by_status = {status: Claim.objects.filter(status=status).count() for status in Claim.Status.values}
    assert all(by_status.values()), by_status
    assert by_status["approved"] > 300 * 0.7
    assert not Claim.objects.filter(status="rejected", review_note="").exists()
    assert not Claim.objects.filter(status="approved", reviewed_by=None).exists()


def test_every_record_passes_model_validation(db):
    generate(claims=60, sources=2, actors=12, events=3, figures_per_claim=1.5, seed=2)
    assert Figure.objects.count() > 60
    for model in (Actor, Event, Source, Claim, Figure):
        for obj in model.objects.all():
            obj.full_clean()
    for figure in Figure.objects.select_related("claim"):
        assert figure.claim.start <= figure.start < figure.end <= figure.claim.end
    quoted = Claim.objects.exclude(kind=Claim.Kind.AUTHOR_ASSERTION)
    assert quoted.exists()
    assert not quoted.filter(speaker=None).exists()
    assert not Event.objects.filter(participations=None).exists()


def test_the_same_seed_gives_the_same_corpus(db):
    generate(claims=80, sources=3, seed=5)
    first = snapshot()
    delete_everything()
    generate(claims=80, sources=3, seed=5)
    assert snapshot() == first
    delete_everything()
    generate(claims=80, sources=3, seed=6)
    assert snapshot() != first


def test_a_second_corpus_in_the_same_database_is_refused(db):
    generate(claims=10, sources=1)
    with pytest.raises(CommandError, match="already holds a generated corpus"):
        generate(claims=10, sources=1)
    assert Claim.objects.count() == 10


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"claims": -1}, "cannot be negative"),
        ({"sources": 0}, "--sources must be at least 1"),
        ({"actors": 3}, "--actors must be at least 4"),
        ({"figures_per_claim": 2.5}, "--figures-per-claim must be between 0 and 2"),
        ({"batch_size": 0}, "--batch-size must be at least 1"),
    ],
)
def test_impossible_sizes_are_refused(db, options, message):
    with pytest.raises(CommandError, match=message):
        generate(**options)
    assert not Source.objects.exists()


def snapshot():
    return {
        "actors": list(Actor.objects.order_by("slug").values_list("slug", "name")),
        "sources": list(Source.objects.order_by("slug").values_list("slug", "title", "body_sha256")),
        "claims": list(Claim.objects.order_by("uid").values_list("uid", "quote", "start", "status", "speaker__slug")),
        "figures": list(Figure.objects.order_by("uid").values_list("uid", "quote", "value", "metric__slug")),
    }


def delete_everything():
    for model in (Figure, Claim, EventParticipant, Event, Source, ActorAlias, Actor):
        model.objects.all().delete()

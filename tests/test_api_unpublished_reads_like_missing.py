"""The README's promise as a property: an unpublished record reads exactly like a missing one.

Every list endpoint × every filter of its filterset × a published, an unpublished and a missing value, and every
detail route × every record: the unpublished and the missing value get the same status and the same bytes, and
the published value really returns its record. Endpoints come from the router and filters from the filtersets
(tests/api_routes.py), so a new one is covered without being listed; its values are found in the world below
(and the test says which filter the world cannot serve yet).
"""

import datetime
import uuid

import django_filters
import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction

from relations.api.filters import PartialDateFilter, SlugFilter
from relations.models import Actor, Claim, Event, Figure, Metric, Source, Topic
from tests import factories
from tests.api_routes import viewset_routes

pytestmark = pytest.mark.django_db  # each test in a savepoint inside the module's world

LISTS = viewset_routes("list")
FILTERS = [(route, name) for route in LISTS if route.filterset for name in route.filterset.base_filters]
DETAILS = viewset_routes("detail")
SLUGGED = [Actor, Source, Event, Topic, Metric]
YEARS = ["1800", "1999", "2010", "2020", "2999"]
NOTHING = "no-such-record"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A published world beside records that only drafts, a claim in review and rejected claims refer to.

    Built once for the module inside a transaction that is rolled back at its end; each test runs in a
    savepoint within it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_world():
    alice = User.objects.create_user("alice-world", is_staff=True)
    alice.groups.add(Group.objects.get(name="Editors"))
    bob = User.objects.create_user("bob-world", is_staff=True)
    bob.groups.add(Group.objects.get(name="Reviewers"))
    published = factories.published_world(factories.source(), alice, bob)
    Source.objects.filter(slug="jpost-2010").update(
        publisher=factories.actor("a-blogger", "A Blogger", Actor.Kind.PERSON)
    )
    # A broader metric no figure uses is public through the narrower one the API links it from.
    Metric.objects.filter(slug="bilateral-trade-annual").update(broader=factories.metric("wider-trade", "Trade"))

    state = factories.actor("hidden-state", "Hidden State", Actor.Kind.STATE)
    publisher = factories.actor("hidden-publisher", "Hidden Publisher", Actor.Kind.ORGANISATION)
    speaker = factories.actor("hidden-speaker", "Hidden Speaker", Actor.Kind.PERSON)
    subject = factories.actor("hidden-subject", "Hidden Subject", Actor.Kind.ORGANISATION)
    participant = factories.actor("hidden-participant", "Hidden Participant", Actor.Kind.PERSON)
    topic = factories.topic("hidden-topic", "Hidden topic")
    narrower = factories.metric("hidden-metric", "Hidden metric")
    Metric.objects.filter(pk=narrower.pk).update(broader=factories.metric("hidden-broader", "Hidden broader"))
    # Dates before and after the published world's 2010, so that date_from and date_to both find only these.
    for n, year, status in [(1, 1999, Claim.Status.DRAFT), (2, 2020, Claim.Status.REJECTED)]:
        source = factories.source(
            f"hidden-source-{n}",
            title=f"Hidden source {n}",
            kind=Source.Kind.INTERVIEW,
            published=datetime.date(year, 1, 1),
            publisher=publisher,
        )
        source.authors.set([publisher])
        event = factories.event(
            f"hidden-event-{n}",
            title=f"Hidden event {n}",
            event_type=Event.Type.VISIT,
            status=Event.Status.PLANNED,
            start=datetime.date(year, 1, 1),
            country=state,
        )
        event.participations.create(actor=participant, role="guest")
        claim = factories.claim(source, "some $2.5 billion annual trade", kind=Claim.Kind.PARAPHRASE, speaker=speaker)
        claim.event = event
        claim.save()
        claim.subjects.set([subject])
        claim.topics.set([topic])
        figure = factories.figure(
            claim,
            "$2.5 billion",
            "2500000000",
            metric=narrower,
            unit=Figure.Unit.PERCENT,
            currency="",
            date=datetime.date(year, 1, 1),
            date_precision="year",
        )
        figure.subjects.set([subject])
        if status == Claim.Status.REJECTED:
            claim.submit(alice)
            claim.reject(bob, "Not in the source.")
    in_review = factories.claim(
        factories.source("hidden-source-3", title="Hidden source 3"), "We are friends", speaker=speaker
    )
    in_review.submit(alice)
    return published


def published_queryset(route):
    return route.view().get_queryset()


def candidates(filter_):
    """Values a filter may be given, to be sorted into published, unpublished and missing by the database."""
    if isinstance(filter_, SlugFilter):
        return [NOTHING, *(slug for model in SLUGGED for slug in model.objects.values_list("slug", flat=True))]
    if isinstance(filter_, django_filters.ChoiceFilter):
        return [value for value, _ in filter_.extra["choices"]]
    if isinstance(filter_, PartialDateFilter):
        return YEARS
    raise AssertionError(f"No candidate values for {type(filter_).__name__}: add them here")


def matches(route, name, value, queryset):
    filterset = route.filterset({name: value}, queryset=queryset)
    assert filterset.is_valid(), (name, value, filterset.errors)
    return filterset.qs.exists()


def sort_values(route, name):
    """A published value (something public matches), an unpublished one (only unpublished records match) and a
    missing one (nothing at all matches; None when every valid value is in use)."""
    filter_ = route.filterset.base_filters[name]
    model = published_queryset(route).model
    found = {"published": None, "unpublished": None, "missing": None}
    for value in candidates(filter_):
        if matches(route, name, value, published_queryset(route)):
            found["published"] = found["published"] or value
        elif matches(route, name, value, model._base_manager.all()):
            found["unpublished"] = found["unpublished"] or value
        else:
            found["missing"] = found["missing"] or value
    assert found["published"] and found["unpublished"], (route.name, name, found, "extend build_world()")
    return found


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize(
    ("route", "name"),
    FILTERS,
    ids=lambda case: getattr(case, "name", case),
)
def test_filtering_by_an_unpublished_value_reads_like_a_missing_one(client, world, route, name):
    values = sort_values(route, name)
    assert results(client.get(route.url(), {name: values["published"]}))
    unpublished = client.get(route.url(), {name: values["unpublished"]})
    # With every valid value in use, "missing" is what any filter matching nothing answers.
    missing = client.get(route.url(), {name: values["missing"]} if values["missing"] else {"q": NOTHING})
    assert (unpublished.status_code, unpublished.content) == (missing.status_code, missing.content)
    assert results(unpublished) == []


@pytest.mark.parametrize("route", DETAILS, ids=lambda route: route.name)
def test_an_unpublished_record_reads_like_a_missing_one(client, world, route):
    public = published_queryset(route)
    model, lookup = public.model, route.view.lookup_field
    published = list(public.values_list(lookup, flat=True))
    unpublished = list(model._base_manager.exclude(pk__in=public.values("pk")).values_list(lookup, flat=True))
    assert published and unpublished, (route.name, "extend build_world()")
    for value in published:
        response = client.get(route.url(value))
        assert response.status_code == 200 and response.json()["id"] == str(value)
    missing = [client.get(route.url(value)) for value in (NOTHING, str(uuid.UUID(int=0)))]
    answers = {(response.status_code, response.content) for response in missing}
    assert len(answers) == 1 and missing[0].status_code == 404
    for value in unpublished:
        response = client.get(route.url(value))
        assert (response.status_code, response.content) in answers, (route.name, value)


def test_no_list_or_detail_names_an_unpublished_record(client, world):
    """Every list page and every published detail: not one slug or id of an unpublished record in any of them."""
    text = ""
    for route in LISTS:
        for item in results(client.get(route.url(), {"page_size": 100})):
            text += str(item) + client.get(item["url"]).content.decode()
    hidden = [str(uid) for uid in Claim.objects.exclude(status=Claim.Status.APPROVED).values_list("uid", flat=True)]
    hidden += [
        str(uid) for uid in Figure.objects.exclude(claim__status=Claim.Status.APPROVED).values_list("uid", flat=True)
    ]
    for model in SLUGGED:
        hidden += model.objects.exclude(pk__in=model.objects.published().values("pk")).values_list("slug", flat=True)
    assert len(hidden) > 15
    assert [value for value in hidden if value in text] == []
    assert "wider-trade" in text and str(world["claim"].uid) in text

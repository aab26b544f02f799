"""Query parameters of the public API. A malformed value is a 400 naming the parameter, never a 500."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Q, Subquery
from django.forms import ValidationError
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.filters import BaseFilterBackend

from relations.models import Actor, Claim, Event, Figure, Metric, PartialDate, Source
from relations.models.claims import SearchDocument


class PartialDateFormField(forms.CharField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, strip=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            if value != value.strip():  # The schema's pattern allows no spaces around the date.
                raise ValueError(f"{value!r} is not a partial date: use YYYY, YYYY-MM or YYYY-MM-DD")
            return PartialDate.parse(value)
        except ValueError as exc:
            # Passed as a parameter: django-filter %-formats messages, and the value may hold a "%".
            raise ValidationError("%(problem)s", params={"problem": str(exc)}, code="invalid") from None


_YEAR = r"(?:000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
# Exactly what PartialDate.parse accepts: a year, a month of it, or a real day (29 February in leap years only).
PARTIAL_DATE_SCHEMA = {
    "type": "string",
    "pattern": rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$",
}


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateFilter(django_filters.Filter):
    """`2016`, `2016-12` or `2016-12-14`: from the first day of that period, or up to its last day."""

    field_class = PartialDateFormField

    def __init__(self, *args, bound: str, **kwargs):
        self.bound = bound
        kwargs.setdefault("help_text", "YYYY, YYYY-MM or YYYY-MM-DD")
        super().__init__(*args, lookup_expr="gte" if bound == "from" else "lte", **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return super().filter(qs, value.date if self.bound == "from" else value.last_day)


SLUG_SCHEMA = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 100}


@extend_schema_field(SLUG_SCHEMA)
class SlugFilter(django_filters.CharFilter):
    """Records that refer to the published record with this slug.

    A slug that no published record has (unknown, or only in drafts) matches nothing, so both answer the same
    `200` with no results: nothing tells them apart. A value that cannot be a slug is a 400.
    """

    field_class = forms.SlugField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SLUG_SCHEMA["maxLength"])
        kwargs.setdefault("strip", False)  # " trade" is not a slug, as the schema's pattern says
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        relation, _, column = self.field_name.rpartition("__")
        if value in EMPTY_VALUES or column != "slug" or not relation:
            return super().filter(qs, value)
        # The slug's id in a subquery the database runs once: a join that compares the related table's slug made
        # PostgreSQL collect every claim about an actor before paging (200 ms at 1M claims; 0.8 ms this way).
        model = qs.model
        for part in relation.split("__"):
            model = model._meta.get_field(part).related_model
        return qs.filter(**{relation: Subquery(model._base_manager.filter(slug=value).values("pk")[:1])})


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, minus its form when the request names none of the filters (1.9–2.4 ms a page)."""

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not filterset_class.base_filters.keys() & request.query_params.keys():
            return None
        return super().get_filterset(request, queryset, view)


class PublicFilterSet(django_filters.FilterSet):
    """Refuses a parameter given with an empty value (`?kind=`): the schema allows no empty values."""

    def get_form_class(self):
        data = self.data

        class Form(super().get_form_class()):
            def clean(self):
                for name in list(self.fields):
                    if data.get(name, None) == "":
                        self.add_error(name, "Give a value, or leave the parameter out.")
                return super().clean()

        return Form


class ClaimFilter(PublicFilterSet):
    speaker = SlugFilter(field_name="speaker__slug", help_text="Actor slug of the speaker")
    subject = SlugFilter(field_name="subjects__slug", help_text="Actor slug of a subject")
    actor = SlugFilter(method="filter_actor", help_text="Actor slug of the speaker or a subject")
    source = SlugFilter(field_name="source__slug", help_text="Source slug")
    event = SlugFilter(field_name="event__slug", help_text="Event slug")
    topic = SlugFilter(field_name="topics__slug", help_text="Topic slug")
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices)
    date_from = PartialDateFilter(field_name="source__published", bound="from", label="Source published from")
    date_to = PartialDateFilter(field_name="source__published", bound="to", label="Source published until")

    class Meta:
        model = Claim
        fields = []

    def filter_actor(self, qs, name, value: str):
        speaks, subject_only = self.roles(value)
        return qs.filter(speaks | subject_only)

    @staticmethod
    def roles(slug: str) -> tuple[Q, Q]:
        """The claims where the actor with this slug speaks, and those where it is a subject and does not speak:
        disjoint, and together its claims in either role. An unknown slug matches none."""
        actor = Subquery(Actor.objects.filter(slug=slug).order_by().values("pk")[:1])  # run once, as SlugFilter's
        subject = Exists(Claim.subjects.through.objects.filter(claim=OuterRef("pk"), actor=actor))
        return Q(speaker=actor), subject & ~Q(speaker=actor)


class FigureFilter(PublicFilterSet):
    metric = SlugFilter(field_name="metric__slug", help_text="Metric slug")
    unit = django_filters.ChoiceFilter(choices=Figure.Unit.choices)
    subject = SlugFilter(field_name="subjects__slug", help_text="Actor slug of a subject")
    source = SlugFilter(field_name="claim__source__slug", help_text="Source slug")
    date_from = PartialDateFilter(field_name="date", bound="from")
    date_to = PartialDateFilter(field_name="date", bound="to")

    class Meta:
        model = Figure
        fields = []


class EventFilter(PublicFilterSet):
    type = django_filters.ChoiceFilter(field_name="event_type", choices=Event.Type.choices)
    participant = SlugFilter(field_name="participants__slug", help_text="Actor slug of a participant")
    country = SlugFilter(field_name="country__slug", help_text="Actor slug of the host state")
    status = django_filters.ChoiceFilter(choices=Event.Status.choices)
    date_from = PartialDateFilter(field_name="start", bound="from")
    date_to = PartialDateFilter(field_name="start", bound="to")

    class Meta:
        model = Event
        fields = []


class ActorFilter(PublicFilterSet):
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)

    class Meta:
        model = Actor
        fields = []


class SourceFilter(PublicFilterSet):
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    publisher = SlugFilter(field_name="publisher__slug", help_text="Actor slug of the publisher")
    date_from = PartialDateFilter(field_name="published", bound="from")
    date_to = PartialDateFilter(field_name="published", bound="to")

    class Meta:
        model = Source
        fields = []


class SearchFilter(BaseFilterBackend):
    """`?q=`: PostgreSQL full-text search where it runs; a portable case-insensitive match elsewhere.

    Each view names how to search it in `search`: "claims" (statement and quote, plus the names and
    aliases of the speaker), "actors" (name and aliases) or a list of text fields.
    """

    param = "q"

    def filter_queryset(self, request, queryset, view):
        # Checked as sent, before stripping: what the schema's maxLength and pattern say.
        text = request.query_params.get(self.param, "")
        if len(text) > settings.API_SEARCH_MAX_LENGTH:
            raise DRFValidationError({self.param: [f"Search for at most {settings.API_SEARCH_MAX_LENGTH} characters."]})
        if "\x00" in text:
            raise DRFValidationError({self.param: ["Null characters are not allowed."]})
        text = text.strip()
        if not text:
            return queryset
        return getattr(self, f"search_{view.search}")(queryset, text)

    def search_claims(self, queryset, text):
        # The speakers' ids as a list, not a subquery: PostgreSQL then knows how many there are (often none) and
        # answers from the text index; `speaker IN (subquery)` inside the OR made it read every claim.
        speakers = list(matching_actors(text).order_by().values_list("pk", flat=True))
        return matching_claims(queryset, text, also=Q(speaker__in=speakers))

    def search_figures(self, queryset, text):
        metrics = Q(metric__in=list(Metric.objects.filter(name__icontains=text).values_list("pk", flat=True)))
        if connection.vendor == "postgresql":
            # The vector of the claim the list already joins: `claim IN (matching claims)` made PostgreSQL
            # collect every matching claim (100,000 for "oil" at 1M claims) before the first figure.
            query = SearchQuery(text, config="english", search_type="websearch")
            return queryset.annotate(search_document=SearchDocument("claim")).filter(Q(search_document=query) | metrics)
        return queryset.filter(Q(claim__in=matching_claims(Claim.objects.all(), text).values("pk")) | metrics)

    def search_actors(self, queryset, text):
        return queryset.filter(pk__in=matching_actors(text))

    def search_events(self, queryset, text):
        return queryset.filter(Q(title__icontains=text) | Q(description__icontains=text) | Q(place__icontains=text))

    def search_sources(self, queryset, text):
        return queryset.filter(title__icontains=text)

    def search_vocabulary(self, queryset, text):
        return queryset.filter(Q(name__icontains=text) | Q(description__icontains=text))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Text search (full-text on PostgreSQL)",
                "schema": {"type": "string", "maxLength": settings.API_SEARCH_MAX_LENGTH, "pattern": r"^[^\u0000]*$"},
            }
        ]


def matching_claims(queryset, text: str, also: Q | None = None):
    """Claims whose statement or quote match `text` (or `also`)."""
    also = also or Q(pk__in=[])
    if connection.vendor == "postgresql":
        # The stored, GIN-indexed vector (migration 0006_claim_search_document).
        query = SearchQuery(text, config="english", search_type="websearch")
        return queryset.annotate(search_document=SearchDocument()).filter(Q(search_document=query) | also)
    return queryset.filter(Q(statement__icontains=text) | Q(quote__icontains=text) | also)


def matching_actors(text: str):
    return Actor.objects.matching(text).values("pk")

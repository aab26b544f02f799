"""Read-only views of published knowledge. Every queryset starts from a model's published()."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from relations import publication
from relations.models import Actor, Affiliation, Claim, Event, EventParticipant, Figure, Metric, Source, Topic

from . import filters, rows, serializers
from .pagination import KeysFirst, Pagination, Union


class Answered(Exception):
    """Raised by `initial()` when the answer is known before the view runs (a 304, a cached page)."""

    def __init__(self, response):
        self.response = response


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only published records. A GET is keyed by the publication version (relations/publication.py) and its
    URL: a matching If-None-Match is a 304 after one query, a page served before comes from the cache (Redis
    when REDIS_URL is set), and only what the view builds afresh reaches the database."""

    filter_backends = [filters.FilterBackend, filters.SearchFilter, OrderingFilter]
    pagination_class = Pagination
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        """The published record, or a 404 that reads the same whether it is missing or unpublished."""
        value = self.kwargs[self.lookup_field]
        try:
            if "\x00" in value:  # PostgreSQL refuses NUL in text: no record can have it.
                raise ValueError(value)
            obj = self.get_queryset().get(**{self.lookup_field: value})
        except (ObjectDoesNotExist, ValueError, DjangoValidationError):
            raise NotFound() from None
        self.check_object_permissions(self.request, obj)
        return obj

    cache_key = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, throttling, content negotiation
        if request.method not in ("GET", "HEAD"):
            return
        # Only the JSON renderer's answers: the browsable API (DEBUG) shows who is signed in.
        media = request.accepted_media_type
        self.cache_key = publication.key(publication.current(), request.build_absolute_uri(), media)
        self.etag = f'"{self.cache_key}"'
        if self.etag in parse_etags(request.headers.get("If-None-Match", "")):
            raise Answered(HttpResponseNotModified())
        if request.accepted_renderer.format == "json" and settings.API_RESPONSE_CACHE_SECONDS:
            cached = cache.get(f"api:{self.cache_key}")
            if cached is not None:
                content, content_type = cached
                raise Answered(HttpResponse(content, content_type=content_type))

    def handle_exception(self, exc):
        if isinstance(exc, Answered):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.cache_key and response.status_code in (200, 304):
            response["ETag"] = self.etag  # so ConditionalGetMiddleware does not hash the body
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            fresh = isinstance(response, Response) and response.status_code == 200
            if fresh and request.accepted_renderer.format == "json" and settings.API_RESPONSE_CACHE_SECONDS:
                response.render()
                cache.set(
                    f"api:{self.cache_key}",
                    (response.content, response["Content-Type"]),
                    settings.API_RESPONSE_CACHE_SECONDS,
                )
        patch_vary_headers(response, ["Accept"])
        return response


class ClaimViewSet(PublicViewSet):
    """Approved claims, each with its quote, source, speaker and review time."""

    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    search = "claims"
    lookup_field = "uid"
    ordering = ["-pk"]
    ordering_fields = ["created_at", "pk"]

    def list(self, request, *args, **kwargs):
        # A hot page: built from rows, not model instances (see rows.py); same JSON as the serializer.
        queryset = self.filter_queryset(Claim.objects.published())
        if actor := request.query_params.get("actor"):
            # Paged as its two roles (pagination.Union): under one OR the database read every claim with the
            # actor as a subject before it could keep a page.
            roles = filters.ClaimFilter.roles(actor)
            page = self.paginate_queryset(Union(*(KeysFirst(queryset.filter(role), rows.CLAIM) for role in roles)))
        else:
            page = self.paginate_queryset(KeysFirst(queryset, rows.CLAIM))
        return self.get_paginated_response(rows.claims(page, request))

    def get_queryset(self):
        return (
            Claim.objects.published()
            .select_related("source__publisher", "speaker", "event")
            .defer("source__body")
            .prefetch_related("subjects", "topics", Prefetch("figures", Figure.objects.select_related("metric")))
        )


class FigureViewSet(PublicViewSet):
    """Figures of approved claims, with their metric, span and the claim's provenance."""

    serializer_class = serializers.FigureSerializer
    filterset_class = filters.FigureFilter
    search = "figures"
    lookup_field = "uid"
    ordering = ["-pk"]
    ordering_fields = ["value", "created_at", "pk"]

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(Figure.objects.published())
        page = self.paginate_queryset(KeysFirst(queryset, rows.FIGURE))
        return self.get_paginated_response(rows.figures(page, request))

    def get_queryset(self):
        return (
            Figure.objects.published()
            .select_related("metric", "claim__source__publisher", "claim__speaker")
            .defer("claim__source__body")
            .prefetch_related("subjects")
        )


class SourceViewSet(PublicViewSet):
    """Sources with at least one approved claim. Their full text is never served."""

    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    search = "sources"
    ordering = ["slug"]
    ordering_fields = ["slug", "title"]

    def get_queryset(self):
        return Source.objects.published().defer("body").select_related("publisher").prefetch_related("authors")


class EventViewSet(PublicViewSet):
    """Events that approved claims report."""

    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    search = "events"
    ordering = ["slug"]
    ordering_fields = ["slug", "title"]

    def get_queryset(self):
        participants = EventParticipant.objects.select_related("actor")
        return (
            Event.objects.published()
            .select_related("country")
            .prefetch_related(Prefetch("participations", participants))
        )


class ActorViewSet(PublicViewSet):
    """People, organisations and states that published records refer to."""

    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    search = "actors"
    ordering = ["slug"]
    ordering_fields = ["slug", "name"]

    def get_queryset(self):
        affiliations = Affiliation.objects.published().select_related("organisation", "claim")
        return Actor.objects.published().prefetch_related(
            "aliases", Prefetch("affiliations", affiliations, to_attr="published_affiliations")
        )


class MetricViewSet(PublicViewSet):
    """What figures of approved claims measure, and the broader metrics above them. A metric's page compares its
    figures across sources, by date."""

    serializer_class = serializers.MetricSerializer
    search = "vocabulary"
    ordering = ["slug"]
    ordering_fields = ["slug", "name"]

    def get_queryset(self):
        return Metric.objects.published().select_related("broader")

    def get_object(self):
        metric = super().get_object()
        if self.action == "retrieve":
            # One metric's first 100 figures by date, read along the figure_metric_date_id index (a sliced
            # Prefetch numbered every figure of the metric with a window function first: 860 ms at 1M claims),
            # and built from rows: as nested serializers they cost ~40 ms of Python.
            figures = Figure.objects.published().filter(metric=metric).order_by("date", "pk").values(*rows.FIGURE)
            metric.comparison = rows.comparison(list(figures[:100]), self.request)
        return metric

    def get_serializer_class(self):
        return serializers.MetricDetailSerializer if self.action == "retrieve" else serializers.MetricSerializer


class TopicViewSet(PublicViewSet):
    """Topics that approved claims are tagged with."""

    serializer_class = serializers.TopicSerializer
    search = "vocabulary"
    ordering = ["slug"]
    ordering_fields = ["slug", "name"]

    def get_queryset(self):
        return Topic.objects.published()

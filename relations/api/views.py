"""Read-only views of published knowledge. Every queryset starts from a model's published()."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination

from relations.models import Actor, Affiliation, Claim, Event, EventParticipant, Figure, Metric, Source, Topic

from . import filters, rows, serializers


class Pagination(CursorPagination):
    """Cursor pages: no COUNT(*), and a deep page costs what the first one does."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, OrderingFilter]
    pagination_class = Pagination
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        """The published record, or a 404 that reads the same whether it is missing or unpublished."""
        value = self.kwargs[self.lookup_field]
        try:
            obj = self.get_queryset().get(**{self.lookup_field: value})
        except (ObjectDoesNotExist, ValueError, DjangoValidationError):
            raise NotFound() from None
        self.check_object_permissions(self.request, obj)
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
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
        page = self.paginate_queryset(queryset.values(*rows.CLAIM))
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
        page = self.paginate_queryset(queryset.values(*rows.FIGURE))
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
    """What figures measure. A metric's page compares its figures across sources, by date."""

    serializer_class = serializers.MetricSerializer
    search = "vocabulary"
    ordering = ["slug"]
    ordering_fields = ["slug", "name"]

    def get_queryset(self):
        return Metric.objects.select_related("broader")

    def get_object(self):
        metric = super().get_object()
        if self.action == "retrieve":
            # One metric's first 100 figures by date, read along the figure_metric_date index. A sliced
            # Prefetch numbered every figure of the metric with a window function first: 860 ms at 1M claims.
            metric.comparison = list(
                Figure.objects.published()
                .filter(metric=metric)
                .select_related("claim__source__publisher", "claim__speaker")
                .defer("claim__source__body")
                .order_by("date", "pk")[:100]
            )
        return metric

    def get_serializer_class(self):
        return serializers.MetricDetailSerializer if self.action == "retrieve" else serializers.MetricSerializer


class TopicViewSet(PublicViewSet):
    """Topics that claims are tagged with."""

    serializer_class = serializers.TopicSerializer
    search = "vocabulary"
    ordering = ["slug"]
    ordering_fields = ["slug", "name"]

    def get_queryset(self):
        return Topic.objects.all()

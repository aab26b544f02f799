"""The public reading site: server-rendered pages of published knowledge.

Every page starts from a model's published() queryset, the one the API uses; an unpublished record
raises the same bare Http404 as a missing one. No page reads a source's body.
"""

import functools
import re
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from rest_framework.exceptions import ValidationError as SearchError

from relations.api.filters import SearchFilter
from relations.models import Actor, Affiliation, Claim, Event, EventParticipant, Figure, Metric, Source

from . import charts

CHART_LIMIT = 100  # figures drawn on one metric's chart, the first by date as in the API; more are announced
LIST_LIMIT = 20  # claims or events listed on an actor's page
SEARCH_LIMIT = 20
EVENTS_PER_PAGE = 50
# The home page's counts and busiest metrics read every published record (seconds at a million claims):
# they are cached this long, and may lag behind a review by as much. Nothing else on any page is cached.
HOME_AGGREGATES_SECONDS = 300


def page(view):
    """A public page: GET or HEAD only, cacheable by anyone (ConditionalGetMiddleware adds the ETag)."""

    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response

    return wrapper


def get_published(queryset, **lookup):
    """The published record, or the same Http404 whether it is missing, unpublished or malformed."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def bad_request(request, message):
    return render(request, "site/bad_request.html", {"message": message}, status=400)


def count_all(**querysets) -> dict[str, int]:
    """Count several querysets in one round trip: SELECT (SELECT COUNT(*) FROM …), (…)."""
    parts, params = [], []
    for queryset in querysets.values():
        sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))


def claims_with_provenance():
    return Claim.objects.published().select_related("source__publisher", "speaker").defer("source__body")


def home_aggregates() -> dict:
    """What the home page counts: every published record, so it is cached, not recounted per request."""

    def compute():
        top = (
            Figure.objects.published()
            .values("metric__slug", "metric__name")
            .annotate(figure_count=Count("pk"))
            .order_by("-figure_count", "metric__name")[:8]
        )
        counts = count_all(
            claims=Claim.objects.published(),
            figures=Figure.objects.published(),
            sources=Source.objects.published(),
            actors=Actor.objects.published(),
            events=Event.objects.published(),
            metrics=Metric.objects.published(),
        )
        return {"counts": counts, "metrics": list(top)}

    return cache.get_or_set("site:home-aggregates", compute, HOME_AGGREGATES_SECONDS)


@page
def home(request):
    today = timezone.localdate()
    events = Event.objects.published().select_related("country")
    # The 8 newest keys first, then their rows: with the joins in the same statement, SQLite scanned every source
    # and sorted every claim (480 ms at 100k claims).
    order = ("-reviewed_at", "-pk")
    newest = Claim.objects.published().filter(reviewed_at__isnull=False).order_by(*order).values("pk")[:8]
    context = {
        **home_aggregates(),
        "latest_claims": claims_with_provenance().filter(pk__in=newest).order_by(*order),
        "next_events": events.filter(start__gte=today).order_by("start", "pk")[:5],
        "latest_events": events.filter(start__lt=today).order_by("-start", "-pk")[:5],
    }
    return render(request, "site/home.html", context)


@page
def claim_detail(request, uid):
    queryset = (
        claims_with_provenance()
        .select_related("event")
        .prefetch_related("subjects", "topics", Prefetch("figures", Figure.objects.select_related("metric")))
    )
    return render(request, "site/claim.html", {"claim": get_published(queryset, uid=uid)})


@page
def metric_detail(request, slug):
    metric = get_published(Metric.objects.published(), slug=slug)
    figures = list(
        Figure.objects.published()
        .filter(metric=metric)
        .select_related("claim__source__publisher")
        .defer("claim__source__body")
        .prefetch_related("subjects")
        .order_by("date", "pk")[: CHART_LIMIT + 1]
    )
    context = {
        "metric": metric,
        "charts": charts.metric_charts(figures[:CHART_LIMIT]),
        "undated": [f for f in figures[:CHART_LIMIT] if f.date_partial is None],
        "more": len(figures) > CHART_LIMIT,
        "limit": CHART_LIMIT,
        "tolerance": int(charts.APPROXIMATE_TOLERANCE * 100),
    }
    return render(request, "site/metric.html", context)


@page
def events(request):
    """The timeline. A malformed filter is a 400 naming it; an unknown actor simply matches nothing."""
    year, kind, actor_slug = (request.GET.get(name, "").strip() for name in ("year", "type", "actor"))
    queryset = Event.objects.published()
    if year:
        if not re.fullmatch(r"\d{4}", year):
            return bad_request(request, f"The year must be four digits, such as 2016, not “{year[:50]}”.")
        queryset = queryset.filter(start__year=int(year))
    if kind:
        if kind not in Event.Type.values:
            return bad_request(
                request, f"“{kind[:50]}” is not an event type: use one of {', '.join(Event.Type.values)}."
            )
        queryset = queryset.filter(event_type=kind)
    actor = None
    if actor_slug:
        actor = Actor.objects.published().filter(slug=actor_slug).first()
        queryset = queryset.filter(
            Exists(EventParticipant.objects.filter(event=OuterRef("pk"), actor__slug=actor_slug))
        )
    participations = EventParticipant.objects.select_related("actor").order_by("role", "actor__name")
    queryset = (
        queryset.select_related("country")
        .prefetch_related(Prefetch("participations", participations))
        .order_by(F("start").asc(nulls_last=True), "pk")
    )
    # Pages by offset without a COUNT(*): one row more than a page says whether there is a next one.
    number = request.GET.get("page") or "1"
    if not number.isdigit() or not 1 <= int(number) <= 10_000:
        return bad_request(request, "The page must be a whole number from 1.")
    number = int(number)
    offset = (number - 1) * EVENTS_PER_PAGE
    timeline = list(queryset[offset : offset + EVENTS_PER_PAGE + 1])
    if not timeline and number > 1:
        return bad_request(request, "There is no such page of events.")
    context = {
        "timeline": timeline[:EVENTS_PER_PAGE],
        "page": number,
        "has_next": len(timeline) > EVENTS_PER_PAGE,
        "years": [d.year for d in Event.objects.published().dates("start", "year")],
        "types": Event.Type.choices,
        "year": year,
        "type": kind,
        "actor_slug": actor_slug,
        "actor": actor,
    }
    return render(request, "site/events.html", context)


@page
def actor_detail(request, slug):
    actor = get_published(Actor.objects.published().prefetch_related("aliases"), slug=slug)
    affiliations = (
        Affiliation.objects.published()
        .filter(Q(person=actor) | Q(organisation=actor))
        .select_related("person", "organisation", "claim__source")
        .defer("claim__source__body")
        .order_by(F("start").asc(nulls_first=True), "pk")
    )
    labelled = [
        (f"{a.role}, {a.organisation.name}" if a.person_id == actor.pk else f"{a.person.name}, {a.role}", a)
        for a in affiliations
    ]
    context = {
        "actor": actor,
        "affiliations": labelled,
        "timeline": charts.affiliation_timeline(labelled, timezone.localdate()),
        "claims_by": claims_with_provenance().filter(speaker=actor).order_by("-pk")[:LIST_LIMIT],
        "claims_about": claims_with_provenance().filter(subjects=actor).order_by("-pk")[:LIST_LIMIT],
        "participations": EventParticipant.objects.filter(actor=actor, event__in=Event.objects.published())
        .select_related("event")
        .order_by(F("event__start").asc(nulls_last=True), "event__pk")[:LIST_LIMIT],
        "limit": LIST_LIMIT,
    }
    return render(request, "site/actor.html", context)


@page
def source_detail(request, slug):
    source = get_published(
        Source.objects.published().defer("body").select_related("publisher").prefetch_related("authors"), slug=slug
    )
    claims = Claim.objects.published().filter(source=source).select_related("speaker").order_by("start", "end")
    return render(request, "site/source.html", {"source": source, "claims": claims})


def search_with_api(queryset, kind: str, text: str):
    """The API's own `?q=` search (full text on PostgreSQL), so the site finds exactly what the API finds."""
    return SearchFilter().filter_queryset(
        SimpleNamespace(query_params={"q": text}), queryset, SimpleNamespace(search=kind)
    )


@page
def search(request):
    text = request.GET.get("q", "").strip()
    context = {"q": text}
    if text:
        try:
            context["claims"] = list(
                search_with_api(claims_with_provenance(), "claims", text).order_by("-pk")[:SEARCH_LIMIT]
            )
            context["actors"] = list(search_with_api(Actor.objects.published(), "actors", text)[:SEARCH_LIMIT])
            context["events"] = list(
                search_with_api(Event.objects.published().select_related("country"), "events", text).order_by(
                    F("start").desc(nulls_last=True)
                )[:SEARCH_LIMIT]
            )
        except SearchError as exc:
            return bad_request(request, " ".join(str(m) for messages in exc.detail.values() for m in messages))
        context["limit"] = SEARCH_LIMIT
    return render(request, "site/search.html", context)

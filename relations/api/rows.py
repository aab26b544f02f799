"""Claim and figure list pages built from database rows instead of model instances.

The benchmark (benchmarks/RESULTS.md) showed the nested ModelSerializers spending about 25 times what one
hand-written query costs on a page of 50 claims: a model instance per row and per relation, a related
manager per instance, a `reverse()` per link. These builders read the page with `.values()` and its
subjects, topics and figures with one query each, and build exactly what serializers.py would produce.
The serializers stay the contract: they document the shape (OpenAPI) and serve the detail pages, and
tests/test_api_list_rows.py checks that every list item equals the detail of the same record.
"""

from collections import defaultdict
from functools import partial

from rest_framework import serializers as drf

from relations.models import Claim, Figure, PartialDate

from .serializers import OptionalURLField, link, number

# Columns of a claim's provenance: the claim, its source and publisher, its speaker.
PROVENANCE = [
    "pk",
    "uid",
    "statement",
    "kind",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "reviewed_at",
    "created_at",
    "source__slug",
    "source__title",
    "source__kind",
    "source__url",
    "source__published",
    "source__published_precision",
    "source__published_basis",
    "source__publisher__slug",
    "source__publisher__name",
    "source__publisher__kind",
    "speaker__slug",
    "speaker__name",
    "speaker__kind",
]
CLAIM = [
    *PROVENANCE,
    "event__slug",
    "event__title",
    "event__event_type",
    "event__start",
    "event__start_precision",
    "event__status",
]
FIGURE = [
    "pk",
    "uid",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "currency",
    "period",
    "date",
    "date_precision",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "created_at",
    "metric__slug",
    "metric__name",
    "metric__period",
    *(f"claim__{name}" for name in PROVENANCE if name not in ("pk", "created_at")),
]

# What a claim's figures show inline (FigureRefSerializer).
FIGURE_REF = [
    "claim_id", "uid", "metric__slug", "value", "lower", "upper", "qualifier", "unit", "currency",
    "date", "date_precision",
]  # fmt: skip

_datetime = drf.DateTimeField()
_number = number()
_url = OptionalURLField()


def claims(rows: list[dict], request) -> list[dict]:
    """What ClaimSerializer(many=True) renders for these rows of Claim.objects.values(*CLAIM)."""
    link = Links(request)
    ids = [row["pk"] for row in rows]
    subjects = _subjects(Claim.subjects.through, "claim_id", ids, link)
    topics = defaultdict(list)
    for claim_id, slug in (
        Claim.topics.through.objects.filter(claim_id__in=ids)
        .order_by("topic__name", "topic__slug")
        .values_list("claim_id", "topic__slug")
    ):
        topics[claim_id].append(slug)
    figures = defaultdict(list)
    for figure in Figure.objects.filter(claim_id__in=ids).order_by("claim_id", "start", "pk").values(*FIGURE_REF):
        uid = str(figure["uid"])
        figures[figure["claim_id"]].append(
            {
                "id": uid,
                "url": link.figure(uid),
                "metric": figure["metric__slug"],
                **_amount(figure),
                "date": _partial(figure["date"], figure["date_precision"]),
            }
        )
    page = []
    for row in rows:
        item = _provenance(row, "", link)
        item["subjects"] = subjects[row["pk"]]
        item["event"] = (
            None
            if row["event__slug"] is None
            else {
                "id": row["event__slug"],
                "url": link.event(row["event__slug"]),
                "title": row["event__title"],
                "type": row["event__event_type"],
                "start": _partial(row["event__start"], row["event__start_precision"]),
                "status": row["event__status"],
            }
        )
        item["topics"] = topics[row["pk"]]
        item["figures"] = figures[row["pk"]]
        page.append(item)
    return page


def figures(rows: list[dict], request) -> list[dict]:
    """What FigureSerializer(many=True) renders for these rows of Figure.objects.values(*FIGURE)."""
    link = Links(request)
    subjects = _subjects(Figure.subjects.through, "figure_id", [row["pk"] for row in rows], link)
    page = []
    for row in rows:
        uid = str(row["uid"])
        page.append(
            {
                "id": uid,
                "url": link.figure(uid),
                "metric": {
                    "id": row["metric__slug"],
                    "url": link.metric(row["metric__slug"]),
                    "name": row["metric__name"],
                    "period": row["metric__period"],
                },
                **_amount(row),
                "period": row["period"],
                "date": _partial(row["date"], row["date_precision"]),
                "subjects": subjects[row["pk"]],
                "span": _quote(row, ""),
                "claim": _provenance(row, "claim__", link),
            }
        )
    return page


def comparison(rows: list[dict], request) -> list[dict]:
    """What MetricComparisonSerializer(many=True) renders for these rows of Figure.objects.values(*FIGURE)."""
    link = Links(request)
    page = []
    for row in rows:
        uid = str(row["uid"])
        claim = _provenance(row, "claim__", link)
        page.append(
            {
                "id": uid,
                "url": link.figure(uid),
                **_amount(row),
                "date": _partial(row["date"], row["date_precision"]),
                "exact": row["quote"],
                "statement": claim["statement"],
                "speaker": claim["speaker"],
                "source": claim["source"],
            }
        )
    return page


class Links:
    """Absolute URLs of detail pages, reversed once per request instead of once per link (serializers.link)."""

    def __init__(self, request):
        self.claim = partial(link, request, "claim-detail", "uid")
        self.figure = partial(link, request, "figure-detail", "uid")
        self.source = partial(link, request, "source-detail", "slug")
        self.actor = partial(link, request, "actor-detail", "slug")
        self.event = partial(link, request, "event-detail", "slug")
        self.metric = partial(link, request, "metric-detail", "slug")


def _subjects(through, owner: str, ids: list[int], link: Links) -> dict[int, list[dict]]:
    found = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{owner}__in": ids})
        .order_by("actor__name", "actor__slug")
        .values_list(owner, "actor__slug", "actor__name", "actor__kind")
    )
    for owner_id, slug, name, kind in rows:
        found[owner_id].append({"id": slug, "url": link.actor(slug), "name": name, "kind": kind})
    return found


def _provenance(row: dict, prefix: str, link: Links) -> dict:
    """ClaimProvenanceSerializer of the claim whose columns in `row` start with `prefix`."""
    p = prefix
    uid = str(row[f"{p}uid"])
    publisher = row[f"{p}source__publisher__slug"]
    speaker = row[f"{p}speaker__slug"]
    source = row[f"{p}source__slug"]
    reviewed_at = row[f"{p}reviewed_at"]
    return {
        "id": uid,
        "url": link.claim(uid),
        "statement": row[f"{p}statement"],
        "kind": row[f"{p}kind"],
        "speaker": None
        if speaker is None
        else {
            "id": speaker,
            "url": link.actor(speaker),
            "name": row[f"{p}speaker__name"],
            "kind": row[f"{p}speaker__kind"],
        },
        "quote": _quote(row, p),
        "source": {
            "id": source,
            "url": link.source(source),
            "title": row[f"{p}source__title"],
            "kind": row[f"{p}source__kind"],
            "publisher": None
            if publisher is None
            else {
                "id": publisher,
                "url": link.actor(publisher),
                "name": row[f"{p}source__publisher__name"],
                "kind": row[f"{p}source__publisher__kind"],
            },
            "original_url": _url.to_representation(row[f"{p}source__url"]),
            "published": _partial(row[f"{p}source__published"], row[f"{p}source__published_precision"]),
            "published_basis": row[f"{p}source__published_basis"],
        },
        "reviewed_at": None if reviewed_at is None else _datetime.to_representation(reviewed_at),
    }


def _amount(row: dict) -> dict:
    """A figure's value, bounds, qualifier and unit, as FigureRefSerializer, FigureSerializer and
    MetricComparisonSerializer show them."""
    return {
        "value": _decimal(row["value"]),
        "lower": _decimal(row["lower"]),
        "upper": _decimal(row["upper"]),
        "qualifier": row["qualifier"],
        "unit": row["unit"],
        "currency": row["currency"],
    }


def _quote(row: dict, p: str) -> dict:
    return {
        "exact": row[f"{p}quote"],
        "prefix": row[f"{p}prefix"],
        "suffix": row[f"{p}suffix"],
        "start": row[f"{p}start"],
        "end": row[f"{p}end"],
    }


def _partial(date, precision: str) -> dict | None:
    # The same rule as the models' `<name>_partial`: no date or no precision means unknown.
    if not date or not precision:
        return None
    value = PartialDate(date, precision)
    return {"date": str(value), "precision": value.precision}


def _decimal(value):
    return None if value is None else _number.to_representation(value)

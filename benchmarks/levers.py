#!/usr/bin/env python
"""Measure issue 14's levers one by one on a generated corpus, in-process (medians of --repeat runs, in ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kzil_perf_100k .venv/bin/python benchmarks/levers.py

- a claims page built by the view, its conditional GET (304), and a read from the response cache;
- DRF's JSONRenderer against the orjson renderer on the same page of 50 claims;
- the filter backend with and without django-filter's form when no filter is given;
- the plan of a metric's page (`order_by("date", "pk")`): sorted or read in index order.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn, repeat):
    for _ in range(3):
        fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_filters.rest_framework import DjangoFilterBackend
    from rest_framework.renderers import JSONRenderer
    from rest_framework.test import APIRequestFactory
    from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

    from relations.api import filters, views
    from relations.api.renderers import ORJSONRenderer
    from relations.models import Claim, Figure, Metric

    BaseThrottle.allow_request = SimpleRateThrottle.allow_request = lambda self, request, view: True
    client = Client()
    url = "/api/v1/claims/?page_size=50"
    rows = []

    def page():
        cache.clear()
        return client.get(url)

    rows.append(("claims page, built by the view", median_ms(page, args.repeat)))
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    with CaptureQueriesContext(connection) as queries:
        client.get(url, headers={"If-None-Match": etag})
    rows.append(
        (
            f"claims page, If-None-Match → 304 ({len(queries)} query)",
            median_ms(lambda: client.get(url, headers={"If-None-Match": etag}), args.repeat),
        )
    )
    client.get(url)
    rows.append(("claims page, from the response cache", median_ms(lambda: client.get(url), args.repeat)))

    data = client.get(url).json()
    rows.append(
        ("render a page of 50 claims: DRF JSONRenderer", median_ms(lambda: JSONRenderer().render(data), args.repeat))
    )
    rows.append(
        ("render a page of 50 claims: ORJSONRenderer", median_ms(lambda: ORJSONRenderer().render(data), args.repeat))
    )

    from rest_framework.request import Request

    request = Request(APIRequestFactory().get(url))
    view = views.ClaimViewSet(request=request, format_kwarg=None, action="list")
    queryset = Claim.objects.published()
    for name, backend in (
        ("DjangoFilterBackend (form built)", DjangoFilterBackend()),
        ("FilterBackend (no form)", filters.FilterBackend()),
    ):
        rows.append(
            (
                f"filter an unfiltered claims list: {name}",
                median_ms(lambda b=backend: str(b.filter_queryset(request, queryset, view).query), args.repeat),
            )
        )

    metric = Metric.objects.filter(figures__isnull=False).first()
    figures = Figure.objects.published().filter(metric=metric).order_by("date", "pk")[:100]
    plan = figures.explain()
    sort = "Sort" in plan and "Incremental Sort" not in plan
    rows.append(
        (
            f"metric page's figures query ({'sorts' if sort else 'index order'})",
            median_ms(lambda: list(figures.values_list("pk")), args.repeat),
        )
    )

    load = os.getloadavg()[0]
    print("| lever measurement | median ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.2f} |")
    print(
        f"\nLoad average (1 min) at the end: {load:.1f}. Plan of the metric page's figures query:\n\n```\n{plan}\n```"
    )


if __name__ == "__main__":
    main()

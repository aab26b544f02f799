#!/usr/bin/env python
"""Capture the SQL that kzil runs for each API page, for the floor server (benchmarks/load/floor_server.py).

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/load/capture.py OUTPUT.json PATH [PATH …]

Each path is requested in-process through django.test.Client: once to warm up (the connection, and with
REDIS_URL the publication version, which is then read from the cache rather than by SQL, as in the gunicorn
run), then once inside CaptureQueriesContext. OUTPUT.json is {path: [sql, …]}: the interpolated statements
Django logged, in order. Run it with the environment of the gunicorn run it is compared with; the settings
are the test run's (plain HTTP), DEBUG is off, and the response cache is off so that the view really builds
the page. Throttling is switched off in-process, as in benchmarks/run.py. A page that does not answer 200,
or answers without running SQL, is an error.
"""

import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(output: str, paths: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(DJANGO_SETTINGS_MODULE="tests.settings", DEBUG="False", API_RESPONSE_CACHE_SECONDS="0")
    import django

    django.setup()
    logging.disable(logging.INFO)  # no request log lines among the script's output
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

    # Benchmark-only: the page's SQL, not the anonymous rate limit's.
    BaseThrottle.allow_request = SimpleRateThrottle.allow_request = lambda self, request, view: True
    # A host of its own: the response cache is keyed by URL, and may hold pages another in-process run stored.
    client = Client(HTTP_HOST="localhost:1", HTTP_ACCEPT="application/json")
    captured = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}, not 200")
        if not queries.captured_queries:
            raise SystemExit(f"{path} ran no SQL: was it served from the response cache?")
        captured[path] = [query["sql"] for query in queries.captured_queries]
    Path(output).write_text(json.dumps(captured, indent=2) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:])

"""The OpenAPI schema is valid, warning-free, served with local docs, and the API conforms to it."""

import re

import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode

from kzil.wsgi import application
from relations.api.filters import PARTIAL_DATE_SCHEMA
from relations.models import PartialDate
from tests import factories


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning (an unresolvable type, a missing hint) into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    text = (tmp_path / "schema.yaml").read_text()
    assert "/api/v1/claims/{uid}/" in text
    assert "/api/v1/metrics/{slug}/" in text


def test_schema_and_docs_page_are_served_without_a_cdn(client, db):
    schema = client.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert schema.status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_every_response_conforms_to_the_schema(published, source, monkeypatch):
    """schemathesis with every check, on schema-valid and schema-invalid requests to every operation: no 5xx, valid
    input accepted, invalid input refused, and every status, header and body as the schema declares."""
    # Hundreds of requests: a 429 would pass every check while testing nothing.
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda *args: True)
    # Requests go through the WSGI app in this test's transaction: keep its connection open, as Django's test
    # client does (request_started would otherwise close it on PostgreSQL).
    signals = [request_started, request_finished]
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        failures, count, requests = run_every_check(published)
    finally:
        for signal in signals:
            signal.connect(close_old_connections)
    assert not failures, "\n\n".join(failures)
    assert count >= 28 and requests >= 25 * count, (count, requests)


def run_every_check(published):
    """Each operation × {valid, invalid} requests: the failures, the runs and the requests made."""
    hidden = factories.source("hidden-source", title="Hidden")
    factories.claim(hidden, "We are friends", speaker=published["actor"], kind="direct_quote")
    load_all_checks()
    checks = CHECKS.get_all()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    failures, count, requests = [], 0, 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in GenerationMode:

            @settings(
                max_examples=25,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                nonlocal requests
                response = case.call()
                case.validate_response(response, checks=checks)
                assert response.status_code != 429
                requests += 1

            try:
                check()
            except (Exception, BaseExceptionGroup) as exc:  # every operation is tried, then all failures are shown
                failures.append(f"{operation.label} [{mode.value}]: {exc}")
            count += 1
    return failures, count, requests


def test_the_schema_pattern_for_dates_accepts_exactly_what_the_api_does():
    pattern = re.compile(PARTIAL_DATE_SCHEMA["pattern"])
    texts = ["0000", "0001", "999", "10000", "2016-", "2016-1", "2016-00", " 2016", "2016 "]
    for year in ("0004", "0100", "1900", "2000", "2016", "2017", "9999"):
        texts += [year] + [f"{year}-{month:02d}" for month in range(14)]
        texts += [f"{year}-{month:02d}-{day:02d}" for month in range(14) for day in range(33)]
    for text in texts:
        try:
            accepted = PartialDate.parse(text) is not None and text == text.strip()
        except ValueError:
            accepted = False
        assert bool(pattern.match(text)) == accepted, text

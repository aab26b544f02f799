"""The OpenAPI schema is valid, warning-free, served with local docs, and the API conforms to it."""

from django.core.management import call_command

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


def test_every_response_conforms_to_the_schema(published, source):
    """schemathesis with every check, on schema-valid and schema-invalid requests to every operation: no 5xx, valid
    input accepted, invalid input refused, and every status, header and body as the schema declares."""
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import CHECKS, load_all_checks
    from schemathesis.generation import GenerationMode

    from kzil.wsgi import application

    hidden = factories.source("hidden-source", title="Hidden")
    factories.claim(hidden, "We are friends", speaker=published["actor"], kind="direct_quote")
    load_all_checks()
    checks = CHECKS.get_all()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    failures, count = [], 0
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
                case.call_and_validate(checks=checks)

            try:
                check()
            except (Exception, BaseExceptionGroup) as exc:  # every operation is tried, then all failures are shown
                failures.append(f"{operation.label} [{mode.value}]: {exc}")
            count += 1
    assert count >= 28
    assert not failures, "\n\n".join(failures)


def test_the_schema_pattern_for_dates_accepts_exactly_what_the_api_does():
    import re

    from relations.api.filters import PARTIAL_DATE_SCHEMA
    from relations.models import PartialDate

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

"""The API speaks plain HTTP well: read-only methods, ETags, caching headers, JSON errors."""

import pytest
from django.test import override_settings

URLS = ["/api/v1/claims/", "/api/v1/figures/", "/api/v1/sources/", "/api/v1/events/", "/api/v1/actors/"]
URLS += ["/api/v1/metrics/", "/api/v1/topics/"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_methods_answer_405(client, published, method):
    for url in [*URLS, f"/api/v1/claims/{published['claim'].uid}/", "/api/v1/sources/jpost-2010/"]:
        response = getattr(client, method)(url, data={}, content_type="application/json")
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_and_head_work(client, published):
    assert client.options("/api/v1/claims/").status_code == 200
    head = client.head("/api/v1/claims/")
    assert head.status_code == 200 and head.content == b""


def test_etag_and_304(client, published):
    first = client.get("/api/v1/claims/")
    etag = first["ETag"]
    assert etag
    again = client.get("/api/v1/claims/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get("/api/v1/claims/", headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200


def test_public_data_is_cacheable(client, published):
    response = client.get(f"/api/v1/claims/{published['claim'].uid}/")
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Accept" in response["Vary"]


def test_json_by_default_and_no_browsable_api_when_debug_is_off(client, published):
    response = client.get("/api/v1/claims/", headers={"Accept": "text/html"})
    assert response.status_code == 406 or response["Content-Type"] == "application/json"
    assert b"<html" not in response.content


def test_unknown_api_address_is_a_json_404(client, db):
    with override_settings(DEBUG=False):
        response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_anonymous_clients_are_throttled(client, published, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]

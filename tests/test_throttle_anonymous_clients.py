"""Anonymous clients are throttled by their real address: X-Forwarded-For counts only when the operator
says how many proxies stand in front (API_NUM_PROXIES), and API_THROTTLE_EXEMPT addresses are never limited."""

import pytest

from relations.api.throttling import AnonRateThrottle


@pytest.fixture(autouse=True)
def three_per_minute(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


def statuses(client, forwarded_for):
    return [client.get("/api/v1/topics/", headers={"X-Forwarded-For": ip}).status_code for ip in forwarded_for]


def test_twenty_different_forwarded_addresses_do_not_pass_the_limit(client, db):
    results = statuses(client, [f"203.0.113.{n}" for n in range(20)])
    assert results == [200] * 3 + [429] * 17


def test_behind_one_trusted_proxy_each_forwarded_client_has_its_own_count(client, db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert statuses(client, ["203.0.113.1"] * 4) == [200, 200, 200, 429]
    assert statuses(client, ["203.0.113.2"]) == [200]
    # A client's own entry comes before the one the proxy appends: only the proxy's entry counts.
    assert statuses(client, [f"198.51.100.{n}, 203.0.113.1" for n in range(3)]) == [429] * 3


def test_an_exempt_address_is_never_throttled(client, db, settings):
    settings.API_THROTTLE_EXEMPT = ["127.0.0.1"]
    assert statuses(client, ["203.0.113.1"] * 10) == [200] * 10

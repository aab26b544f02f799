"""Crafted requests never get a 500: a bad value is a 400 JSON naming the parameter, an unknown record a 404 JSON.

Every route comes from the URLconf and every parameter from the views (tests/api_routes.py), so a new endpoint,
filter or route is crafted against without being listed here. Runs on SQLite and on PostgreSQL, which refuses
NUL in text and overflowing numbers.
"""

import base64
import json

import pytest

from tests.api_routes import api_routes, viewset_routes


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# Values a filter, search, ordering or page size may be given: NUL, over-long, empty, blank, formatting and
# SQL characters, overflowing or impossible numbers and dates.
VALUES = [
    "\x00",
    "a\x00b",
    "x" * 201,
    "x" * 5000,
    "",
    " ",
    "%",
    "%s%d",
    "'; DROP TABLE relations_claim; --",
    "é",
    "1e999999",
    "-1",
    "0",
    "99999999999999999999",
    "2016-02-30",
    "9999-99-99",
    "0000",
    "10000",
    "null",
    "../..",
    "a,b",
    "-",
]
CURSORS = [
    "cD1hYmM=",  # p=abc
    "cD0A",  # p=NUL
    b64("p=1e999999"),
    b64("p=99999999999999999999"),
    b64("p=2016-13-45"),
    b64("o=99999999999999999999&p=1"),
    b64("o=-1"),
    b64("r=1&p=abc"),
    "not base64!",
    "x" * 5000,
    "%00",
]
ORDERINGS = ["", "pk", "-value", "created_at", "nope", "-", "pk,-pk", "\x00"]
LOOKUPS = ["\x00", "a\x00b", "x" * 5000, "nonexistent", "0", "-1", "é", "%", "'; --"]
LOOKUPS += ["00000000-0000-0000-0000-000000000000"]
UNSAFE = ["post", "put", "patch", "delete"]


def assert_json(response):
    assert response["Content-Type"].startswith("application/json"), (response.status_code, response.content[:200])
    return json.loads(response.content)


def assert_refused_or_served(response, parameter):
    """A 200, or a 400 whose JSON names the parameter; a page cursor may also be the 404 "Invalid cursor"."""
    body = assert_json(response)
    allowed = (200, 400, 404) if parameter == "cursor" else (200, 400)
    assert response.status_code in allowed, (parameter, response.status_code, body)
    if response.status_code == 400:
        assert list(body) == [parameter], body
        assert all(isinstance(message, str) and message for message in body[parameter]), body
    if response.status_code == 404:
        assert body == {"detail": "Invalid cursor"}, body


@pytest.mark.parametrize("route", viewset_routes("list"), ids=lambda route: route.name)
def test_every_list_parameter_refuses_crafted_values_cleanly(client, published, route):
    count = 0
    for parameter in route.query_parameters():
        values = {"cursor": CURSORS, "ordering": ORDERINGS}.get(parameter, VALUES)
        for value in values:
            assert_refused_or_served(client.get(route.url(), {parameter: value}), parameter)
            count += 1
    # Cursors under every ordering, where a position must fit the ordered column (figures: -value, a decimal).
    for ordering in route.view.ordering_fields:
        for cursor in CURSORS:
            for sign in ("", "-"):
                response = client.get(route.url(), {"ordering": sign + ordering, "cursor": cursor})
                assert_refused_or_served(response, "cursor")
                count += 1
    assert count > 100


@pytest.mark.parametrize("route", [r for r in api_routes() if r.is_detail], ids=lambda route: route.path)
def test_a_crafted_lookup_is_a_json_404(client, published, route):
    for lookup in LOOKUPS:
        response = client.get(route.url(lookup))
        assert (response.status_code, assert_json(response)) == (404, {"detail": "Not found."}), lookup


@pytest.mark.parametrize("route", api_routes(), ids=lambda route: route.path)
def test_every_method_on_every_route_is_answered_cleanly(client, published, route):
    url = route.url(str(published["claim"].uid) if route.name == "claim-detail" else "nonexistent")
    for method in ["get", "head", "options", *UNSAFE]:
        response = getattr(client, method)(url)
        assert response.status_code < 500, (method, url, response.status_code)
        if method in UNSAFE:
            assert response.status_code == 405, (method, url)
            assert assert_json(response) == {"detail": f'Method "{method.upper()}" not allowed.'}
        elif method == "options":
            assert response.status_code in (200, 405), url


@pytest.mark.parametrize("format", ["json", "xml", "api"])
def test_an_unknown_format_suffix_is_a_json_404(client, published, format):
    response = client.get(f"/api/v1/claims.{format}")
    if format == "json":
        assert response.status_code == 200
    else:
        assert (response.status_code, assert_json(response)) == (404, {"detail": "Not found."})


@pytest.mark.parametrize(
    ("url", "status", "body"),
    [
        ("/api/v1/claims/?cursor=cD1hYmM%3D", 404, {"detail": "Invalid cursor"}),
        ("/api/v1/claims/?cursor=cD0A", 404, {"detail": "Invalid cursor"}),
        (f"/api/v1/figures/?ordering=-value&cursor={b64('p=1e999999')}", 404, {"detail": "Invalid cursor"}),
        ("/api/v1/claims/?q=%00", 400, {"q": ["Null characters are not allowed."]}),
        ("/api/v1/actors/%00/", 404, {"detail": "Not found."}),
        ("/api/v1/claims/?kind=", 400, {"kind": ["Give a value, or leave the parameter out."]}),
        ("/api/v1/claims/?date_from=", 400, {"date_from": ["Give a value, or leave the parameter out."]}),
        ("/api/v1/claims/?page_size=0", 400, {"page_size": ["A whole number from 1 (at most 100 are served)."]}),
    ],
)
def test_the_requests_that_were_500s(client, published, url, status, body):
    response = client.get(url)
    assert (response.status_code, assert_json(response)) == (status, body)


def test_nul_in_a_slug_filter_is_a_400_naming_it(client, published):
    response = client.get("/api/v1/claims/?source=%00")
    assert response.status_code == 400
    assert "Null characters are not allowed." in assert_json(response)["source"]

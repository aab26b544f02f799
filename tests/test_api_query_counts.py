"""A list costs the same number of SQL queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

LISTS = ["claims", "figures", "sources", "events", "actors", "metrics", "topics"]


@pytest.fixture
def many(published, source, alice, bob):
    for n in range(1, 4):
        other = factories.source(f"source-{n}", title=f"Source {n}")
        claim = factories.claim(other, "some $2.5 billion annual trade", created_by=alice, event=published["event"])
        claim.subjects.set([published["actor"]])
        factories.figure(claim, "$2.5 billion", "2500000000")
        claim.submit(alice)
        claim.approve(bob)


@pytest.mark.parametrize("resource", LISTS)
def test_list_queries_do_not_grow_with_page_size(client, many, resource, django_assert_max_num_queries):
    counts = []
    for page_size in (1, 100):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/{resource}/", {"page_size": page_size}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(5):
        client.get(f"/api/v1/{resource}/", {"page_size": 100})

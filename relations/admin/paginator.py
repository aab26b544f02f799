"""Changelists that do not pay for COUNT(*) over a million rows."""

import json

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this, an exact count is cheap and exactness matters more.
ESTIMATE_ABOVE = 100_000


class EstimatedCountPaginator(Paginator):
    """On PostgreSQL a large list is counted by the planner's estimate instead of COUNT(*).

    Unfiltered, the table's row count (pg_class.reltuples); filtered, the planner's estimate for the query
    (EXPLAIN). Either is used only when it is above ESTIMATE_ABOVE: a short list is counted exactly.
    """

    @cached_property
    def count(self):
        connection = connections[self.object_list.db]
        if connection.vendor == "postgresql":
            estimate = self.estimate(connection)
            if estimate > ESTIMATE_ABOVE:
                return estimate
        return super().count

    def estimate(self, connection) -> int:
        query = self.object_list.query
        with connection.cursor() as cursor:
            if not query.where:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [self.object_list.model._meta.db_table],
                )
                row = cursor.fetchone()
                return row[0] if row else 0
            try:
                sql, params = query.sql_with_params()
            except EmptyResultSet:  # A filter that matches nothing, e.g. an id past the column's range.
                return 0
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        return int((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]["Plan Rows"])

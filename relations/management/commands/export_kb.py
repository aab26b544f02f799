"""Export the whole knowledge base as loaddata-compatible JSON with natural keys, streamed in constant memory.

    python manage.py export_kb --output kb.json     # then, elsewhere: python manage.py loaddata kb.json

dumpdata --natural-foreign reads each related record for its natural key: one query per reference, 62 objects
a second (a 100k-claim dump took about half an hour). Django's serializer, even fed prefetched chunks, spends
about 0.35 ms an object. This reads each model in primary-key order, --chunk-size rows a query, as plain rows
with the natural key of every reference joined in (`source__slug`), the many-to-many links of the chunk in one
query each, and writes each chunk with orjson: the format of dumpdata --natural-foreign --natural-primary, which
tests/test_export_the_knowledge_base.py loads back and compares with Django's own serializer. Users are not
exported (as in the seed fixtures): who created or reviewed a record stays with the deployment, and so does
the history.
"""

import sys
import time
from collections import defaultdict
from decimal import Decimal

import orjson
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import connection

from relations.publication import CURATED

# What a reference's natural key reads: every model that is referred to has a one-column key.
NATURAL_KEY = {"Actor": "slug", "Source": "slug", "Event": "slug", "Metric": "slug", "Topic": "slug", "Claim": "uid"}


def fetch(queryset) -> list[tuple]:
    """The rows of a values_list queryset (of fields without from_db_value converters, as every curated one is).

    On PostgreSQL through Django's cursor with psycopg's own timestamptz loader, which psycopg runs in C: Django's
    subclass of it, which sets the connection's time zone, runs in Python at 10 µs a value, a third of an export.
    The connection's time zone is UTC, so the values are the same instants, in UTC.
    """
    if connection.vendor != "postgresql":
        return list(queryset)
    from psycopg.types.datetime import TimestamptzLoader

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
        cursor.execute(sql, params)
        return cursor.fetchall()


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def dumps(obj) -> bytes:
    return orjson.dumps(obj, default=_default)


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")
        parser.add_argument("--chunk-size", type=int, default=1000, help="rows read per query (default 1000)")

    def handle(self, *args, output, chunk_size, **options):
        started = time.perf_counter()
        stream = sys.stdout.buffer if output == "-" else open(output, "wb")  # noqa: SIM115
        count = 0
        try:
            stream.write(b"[")
            for model in serializers.sort_dependencies([(None, CURATED)]):
                for chunk in self.chunks(model, chunk_size):
                    # One write a chunk: its objects, one a line.
                    stream.write(b"\n" if count == 0 else b",\n")
                    stream.write(b",\n".join(map(dumps, chunk)))
                    count += len(chunk)
            stream.write(b"\n]\n")
        finally:
            if stream is not sys.stdout.buffer:
                stream.close()
        if output != "-":
            seconds = time.perf_counter() - started
            self.stderr.write(
                f"Wrote {count} objects to {output} in {seconds:.1f} s ({count / seconds:,.0f} objects/s)."
            )

    def chunks(self, model, chunk_size):
        """Lists of {"model", "fields"} for every row of `model`, chunk_size at a time, in primary-key order."""
        label = model._meta.label_lower
        user = get_user_model()
        columns, references, links = {}, set(), []
        for field in model._meta.concrete_fields:
            if field.primary_key or (field.is_relation and field.related_model is user):
                continue
            if field.is_relation:
                columns[field.name] = f"{field.name}__{NATURAL_KEY[field.related_model.__name__]}"
                references.add(field.name)
            else:
                columns[field.name] = field.attname
        for field in model._meta.many_to_many:
            if field.remote_field.through._meta.auto_created:
                links.append(field)
        last = None
        while True:
            rows = model._base_manager.order_by("pk")
            if last is not None:
                rows = rows.filter(pk__gt=last)
            rows = fetch(rows.values_list("pk", *columns.values())[:chunk_size])
            if not rows:
                return
            last = rows[-1][0]
            linked = {field.name: self.linked(field, rows[0][0], last) for field in links}
            chunk = []
            for pk, *values in rows:
                fields = {}
                for name, value in zip(columns, values, strict=True):
                    fields[name] = [value] if name in references and value is not None else value
                for name, by_pk in linked.items():
                    fields[name] = by_pk.get(pk, [])
                chunk.append({"model": label, "fields": fields})
            yield chunk

    def linked(self, field, first, last):
        """{pk: [[natural key], …]} of one many-to-many field for the rows from pk `first` to `last`."""
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = f"{field.m2m_reverse_field_name()}__{NATURAL_KEY[field.related_model.__name__]}"
        by_pk = defaultdict(list)
        links = through.objects.filter(**{f"{source}__gte": first, f"{source}__lte": last}).order_by("pk")
        for pk, key in fetch(links.values_list(source, target)):
            by_pk[pk].append([key])
        return by_pk

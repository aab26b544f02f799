"""On SQLite the planner's statistics are refreshed after migrate, loaddata and generate_corpus."""

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's ANALYZE (PostgreSQL has autovacuum)")


def statistics():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


def forget():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("DELETE FROM sqlite_stat1")


def corpus():
    call_command("generate_corpus", claims=20, sources=1, actors=4, events=1, seed=2)


@pytest.mark.parametrize(
    ("before", "command"),
    [
        (None, corpus),
        (corpus, lambda: call_command("loaddata", "fixtures/1-vocabulary.json", verbosity=0)),
        (corpus, lambda: call_command("migrate", verbosity=0)),
    ],
    ids=["generate_corpus", "loaddata", "migrate"],
)
def test_a_command_leaves_fresh_statistics(transactional_db, before, command):
    if before:
        before()
    forget()
    assert "relations_claim" not in statistics()
    command()
    assert "relations_claim" in statistics()

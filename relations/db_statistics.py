"""The query planner's statistics on SQLite, the embedded default.

SQLite never gathers statistics by itself: without `ANALYZE` it guessed a plan for the claims page that took
366 ms at 100k claims instead of 10.6 ms (issue 14). They are refreshed after migrate (post_migrate, apps.py)
and after generate_corpus. PostgreSQL's autovacuum keeps its own, and generate_corpus analyses its tables.
"""


def refresh_statistics(connection) -> None:
    """ANALYZE every table of a SQLite database (about a second at 100k claims); nothing elsewhere."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

"""Django's loaddata, then the planner's statistics refreshed on SQLite (relations/db_statistics.py)."""

from django.core.management.commands import loaddata
from django.db import connections

from relations.db_statistics import refresh_statistics


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        super().handle(*fixture_labels, **options)
        refresh_statistics(connections[options["database"]])

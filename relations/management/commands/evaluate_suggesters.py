"""`python manage.py evaluate_suggesters [--write]`: score the suggesters on the seed data, leave-one-article-out."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from relations.suggest import evaluate

COMMAND = "python manage.py evaluate_suggesters --write"


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Score every suggester against the seed fixtures, leave-one-article-out (nothing is kept in the database)."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Write benchmarks/SUGGESTERS.md and .json.")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")

    def handle(self, *args, **options):
        fixtures = sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
        # Load the seed data into a transaction that is rolled back: the database is left as it was.
        try:
            with transaction.atomic():
                call_command("loaddata", *fixtures, verbosity=0)
                results = evaluate.evaluate()
                raise Rollback
        except Rollback:
            pass
        if options["write"]:
            evaluate.write(results, Path(settings.BASE_DIR) / "benchmarks", COMMAND)
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, sort_keys=True))
        else:
            self.stdout.write(evaluate.report(results, COMMAND))

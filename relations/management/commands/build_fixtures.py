"""Build the seed fixtures from fixtures/curation/: `python manage.py build_fixtures [--check]`.

A thin shell over relations.curation.build: read the curation files, validate every record through the
models' `full_clean` (in a transaction that is rolled back), run the mechanical curation checks, and
write fixtures/*.json only when nothing is wrong.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from relations.curation import build


class Command(BaseCommand):
    help = "Check the curated seed files and build fixtures/*.json from them (--check: write nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="check the curation files; write nothing")
        parser.add_argument(
            "files", nargs="*", help="with --check: only these source files (e.g. 002-jewish-news-2019-elections.toml)"
        )

    def handle(self, *args, check=False, files=(), **options):
        if files and not check:
            raise CommandError("Building needs every source file: name files only with --check.")
        try:
            builder = build.run(names=list(files))
        except DatabaseError as exc:
            raise CommandError(f"Validating the records needs a migrated database ({exc}): run migrate first.") from exc
        if builder.problems:
            for problem in builder.problems:
                self.stderr.write(f"- {problem}")
            by_check = Counter(problem.check for problem in builder.problems)
            counts = ", ".join(f"{n} {name}" for name, n in sorted(by_check.items()))
            raise CommandError(f"{len(builder.problems)} problem(s) in the curation files ({counts}); nothing written.")
        summary = ", ".join(f"{n} {name}" for name, n in builder.counts().items())
        if check:
            self.stdout.write(self.style.SUCCESS(f"OK: {summary}"))
            return
        names = builder.write()
        self.stdout.write(self.style.SUCCESS(f"Wrote {', '.join(names)} to {build.OUTPUT}: {summary}"))

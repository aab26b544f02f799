"""`python manage.py ingest PATH|- [options]`: make a source from a text or HTML file and suggest what to curate."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relations.ingest import IngestError, ingest
from relations.models import Source

from .suggest import summary


class Command(BaseCommand):
    help = "Create a source from a .txt or .html file (or - for standard input) and run the suggesters over it."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .txt or .html file, or - to read standard input.")
        parser.add_argument("--url", help="The article's public address.")
        parser.add_argument("--title", help="The title (HTML: taken from the page when not given).")
        parser.add_argument("--publisher", help="An existing actor's slug, or a name (a new organisation if unknown).")
        parser.add_argument("--published", help="Publication date: 2016, 2016-12 or 2016-12-14.")
        parser.add_argument("--kind", help=f"The kind: {', '.join(Source.Kind.values)} (default news_article).")
        parser.add_argument("--language", default="en", help="BCP 47 language tag (default en).")
        parser.add_argument("--json", action="store_true", help="Print the source slug and suggestions as JSON.")
        parser.add_argument("--force", action="store_true", help="Ingest even a near-duplicate of a stored source.")

    def handle(self, *args, **options):
        path = options["path"]
        filename = None if path == "-" else path
        try:
            content = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
        try:
            source, suggestions = ingest(
                content,
                filename=filename,
                url=options["url"],
                title=options["title"],
                publisher=options["publisher"],
                published=options["published"],
                kind=options["kind"],
                language=options["language"],
                force=options["force"],
            )
        except IngestError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps({"source": source.slug, "suggestions": [s.as_json() for s in suggestions]}))
        else:
            self.stdout.write(f"Created source {source.slug} ({len(source.body)} characters).")
            self.stdout.write(summary(suggestions))

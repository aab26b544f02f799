"""`python manage.py suggest SOURCE_SLUG [--json]`: run the suggesters again over a stored source."""

import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from relations.models import Source, Suggestion
from relations.suggest import suggest


def summary(suggestions) -> str:
    """One line of counts per type: "12 suggestions: 4 quotes, 3 figures, 5 actors, 0 events"."""
    counts = Counter(s.type for s in suggestions)
    parts = [f"{counts[t.value]} {t.value}s" for t in Suggestion.Type]
    return f"{len(suggestions)} new suggestions: {', '.join(parts)}."


class Command(BaseCommand):
    help = "Run the suggesters over a stored source; what was accepted or rejected is not proposed again."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The source's slug.")
        parser.add_argument("--json", action="store_true", help="Print the new suggestions as JSON.")

    def handle(self, *args, **options):
        source = Source.objects.filter(slug=options["source"]).first()
        if source is None:
            raise CommandError(f"No source has the slug {options['source']!r}.")
        suggestions = suggest(source)
        if options["json"]:
            self.stdout.write(json.dumps({"source": source.slug, "suggestions": [s.as_json() for s in suggestions]}))
        else:
            self.stdout.write(summary(suggestions))

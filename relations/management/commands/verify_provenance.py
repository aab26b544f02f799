"""Re-check every anchor in the database: `python manage.py verify_provenance`.

loaddata, bulk imports and raw SQL skip model validation; this command is what guards them. It streams
sources, claims and figures in source order, so memory stays flat however large the corpus is: one
source body is held at a time.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from relations import provenance
from relations.models import Claim, Figure, Source
from relations.models.sources import sha256

CHUNK = 5000


class Command(BaseCommand):
    help = "Check that every claim and figure quote is exactly its source's text at its offsets."

    def add_arguments(self, parser):
        parser.add_argument("--source", help="check only the source with this slug")
        parser.add_argument("--limit", type=int, default=200, help="print at most this many problems (default 200)")

    def handle(self, *args, source=None, limit=200, **options):
        sources = Source.objects.order_by("pk")
        if source:
            sources = sources.filter(slug=source)
            if not sources.exists():
                raise CommandError(f"No source with slug {source!r}.")
        started = time.perf_counter()
        counts = {"sources": 0, "claims": 0, "figures": 0}
        problems = 0
        for problem in self.problems(sources, counts):
            problems += 1
            if problems <= limit:
                self.stdout.write(str(problem))
        elapsed = time.perf_counter() - started
        summary = (
            f"Checked {counts['sources']} sources, {counts['claims']} claims and {counts['figures']} figures "
            f"in {elapsed:.1f} s: {problems} problem{'s' if problems != 1 else ''}."
        )
        if problems:
            if problems > limit:
                summary += f" (First {limit} shown; use --limit to see more.)"
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def problems(self, sources, counts):
        claims, figures = Claim.objects.all(), Figure.objects.all()
        if sources.query.has_filters():
            # Over the whole corpus the filter would only cost a join: every claim has a source.
            claims = claims.filter(source__in=sources.values("pk"))
            figures = figures.filter(claim__source__in=sources.values("pk"))
        # Primary keys rather than uids in the stream: a uid is looked up only for a problem to report, which
        # spares building a million UUID objects that nobody reads.
        claims = claims.order_by("source_id", "pk").values_list(
            "source_id", "pk", "quote", "start", "end", "prefix", "suffix"
        )
        figures = figures.order_by("claim__source_id", "pk").values_list(
            "claim__source_id", "pk", "quote", "start", "end", "prefix", "suffix", "claim__start", "claim__end"
        )
        claim_rows = _Lookahead(claims.iterator(chunk_size=CHUNK))
        figure_rows = _Lookahead(figures.iterator(chunk_size=CHUNK))
        rows = sources.values_list("pk", "slug", "body", "body_sha256").iterator(chunk_size=100)
        for source_id, slug, body, digest in rows:
            counts["sources"] += 1
            if sha256(body) != digest:
                yield provenance.Problem(f"source {slug}", "the body's SHA-256 does not match the stored digest")
            for _, pk, quote, start, end, prefix, suffix in claim_rows.take_while(source_id):
                counts["claims"] += 1
                for message in provenance.verify(body, quote, start, end, prefix, suffix):
                    yield provenance.Problem(f"claim {_uid(Claim, pk)} in source {slug}", message)
            for _, pk, quote, start, end, prefix, suffix, claim_start, claim_end in figure_rows.take_while(source_id):
                counts["figures"] += 1
                problems = provenance.verify(body, quote, start, end, prefix, suffix)
                if not (claim_start <= start and end <= claim_end):
                    problems.append(f"span {start}–{end} lies outside its claim's {claim_start}–{claim_end}")
                for message in problems:
                    yield provenance.Problem(f"figure {_uid(Figure, pk)} in source {slug}", message)


def _uid(model, pk) -> str:
    return str(model.objects.filter(pk=pk).values_list("uid", flat=True).get())


class _Lookahead:
    """Consume rows of an iterator ordered by its first column, one group at a time."""

    def __init__(self, iterator):
        self.iterator = iterator
        self.row = next(iterator, None)

    def take_while(self, key):
        while self.row is not None and self.row[0] <= key:
            row, self.row = self.row, next(self.iterator, None)
            if row[0] == key:
                yield row

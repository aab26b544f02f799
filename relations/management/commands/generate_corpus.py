"""Fill a database with a synthetic corpus for benchmarks: `python manage.py generate_corpus --claims 100000`.

Sizes are options (sources, actors and events default to the proportions of a working archive); the same
--seed gives the same corpus. The text, names and anchors come from relations.synthetic; this command
writes them fast: one transaction, rows buffered per table and written in batches — PostgreSQL's COPY
through psycopg 3, bulk_create on other databases. No model save() runs, so no history rows are written
and nothing is validated on the way in: run verify_provenance afterwards if in doubt.
"""

import operator
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction

from relations import publication
from relations.db_statistics import refresh_statistics
from relations.models import Actor, ActorAlias, Claim, Event, EventParticipant, Figure, Metric, Source, Topic
from relations.synthetic import METRICS, SLUG_PREFIX, TOPICS, Corpus, Sizes

# Parents before children: the order rows are written in when a batch is flushed.
MODELS = [
    Actor,
    ActorAlias,
    Event,
    EventParticipant,
    Source,
    Source.authors.through,
    Claim,
    Claim.subjects.through,
    Claim.topics.through,
    Figure,
    Figure.subjects.through,
]


class Command(BaseCommand):
    help = "Generate a synthetic corpus of sources, anchored claims, figures, actors and events for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=10_000, help="number of claims (default 10000)")
        parser.add_argument("--sources", type=int, help="number of sources (default: claims / 40)")
        parser.add_argument("--actors", type=int, help="number of actors (default: claims / 500, at least 20)")
        parser.add_argument("--events", type=int, help="number of events (default: claims / 100)")
        parser.add_argument(
            "--figures-per-claim", type=float, help="mean figures per claim, 0 to 2 (default 0.3)", dest="figures"
        )
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same corpus (default 1)")
        parser.add_argument("--batch-size", type=int, default=20_000, help="rows buffered before a write")

    def handle(self, *args, claims, sources, actors, events, figures, seed, batch_size, **options):
        sizes = Sizes.for_claims(claims, sources=sources, actors=actors, events=events, figures_per_claim=figures)
        self.check_sizes(sizes, batch_size)
        if Source.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError(
                f"This database already holds a generated corpus (sources {SLUG_PREFIX}…): "
                "generate into an empty database, one corpus per database."
            )
        started = time.perf_counter()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Rows are written parents first, so foreign keys can be checked as they arrive instead of
                # queuing millions of deferred checks until the commit.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            corpus = Corpus(
                sizes,
                seed,
                {model: (model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1 for model in MODELS},
                topics=self.topics(),
                metrics=self.metrics(),
                editor_id=self.user("corpus-editor").pk,
                reviewer_id=self.user("corpus-reviewer").pk,
                taken_aliases={ActorAlias.compared(name) for name in ActorAlias.objects.values_list("name", flat=True)},
            )
            writer = Writer(batch_size)
            milestone = max(1, sizes.claims // 10)
            for model, row in corpus.rows():
                writer.add(model, row)
                if model is Claim and corpus.counts["claims"] % milestone == milestone - 1:
                    self.progress(corpus.counts["claims"] + 1, sizes.claims, started)
            writer.flush()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
                    cursor.execute(sql)
            publication.changed()  # COPY and bulk_create send no signals
        self.analyse()
        c = corpus.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {c['sources']} sources, {c['claims']} claims ({c['approved']} approved), "
                f"{c['figures']} figures, {c['actors']} actors and {c['events']} events "
                f"in {time.perf_counter() - started:.1f} s (seed {seed})."
            )
        )

    def check_sizes(self, sizes: Sizes, batch_size: int) -> None:
        if sizes.claims < 0 or sizes.events < 0:
            raise CommandError("--claims and --events cannot be negative.")
        if sizes.sources < 1:
            raise CommandError("--sources must be at least 1.")
        if sizes.actors < 4:
            raise CommandError("--actors must be at least 4: two states, an organisation and a person.")
        if not 0 <= sizes.figures_per_claim <= 2:
            raise CommandError("--figures-per-claim must be between 0 and 2.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")

    def progress(self, done: int, total: int, started: float) -> None:
        elapsed = time.perf_counter() - started
        self.stdout.write(f"  {done} of {total} claims, {elapsed:.0f} s, {done / elapsed:.0f} claims/s")

    def topics(self) -> dict[str, int]:
        return {slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0].pk for slug, name in TOPICS}

    def metrics(self) -> dict[str, tuple[int, str]]:
        found = {}
        for kind, (slug, name, period) in METRICS.items():
            metric, _ = Metric.objects.get_or_create(slug=slug, defaults={"name": name, "period": period})
            found[kind] = (metric.pk, metric.period)
        return found

    def user(self, username: str):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            # Generated records need an author for the four-eyes rule; nobody signs in as them.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def analyse(self) -> None:
        """Refresh the planner's statistics, so that the first queries on the corpus are planned well."""
        if connection.vendor != "postgresql":
            refresh_statistics(connection)
            return
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in MODELS)
        with connection.cursor() as cursor:
            # VACUUM also sets the visibility map that index-only scans need; it cannot run in a transaction.
            cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM (ANALYZE)'} {tables}")


class Writer:
    """Buffer rows per model and write them in batches, parents first."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.buffers: dict[type, list[dict]] = {model: [] for model in MODELS}
        self.pending = 0

    def add(self, model, row: dict) -> None:
        self.buffers[model].append(row)
        self.pending += 1
        if self.pending >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        for model, rows in self.buffers.items():
            if rows:
                self.write(model, rows)
                rows.clear()
        self.pending = 0

    def write(self, model, rows: list[dict]) -> None:
        fields = model._meta.concrete_fields
        missing = {f.attname for f in fields} - rows[0].keys()
        if missing:
            raise CommandError(f"Generated {model.__name__} rows lack {', '.join(sorted(missing))}.")
        if connection.vendor != "postgresql":
            model._base_manager.bulk_create([model(**row) for row in rows], batch_size=1000)
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        values = operator.itemgetter(*(f.attname for f in fields))
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(values(row))

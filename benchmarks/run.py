#!/usr/bin/env python
"""Benchmark kzil on PostgreSQL at several corpus sizes and write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py --generate            # 10k, 100k and 1M claims (generates missing corpora)
    .venv/bin/python benchmarks/run.py --sizes 10k --repeat 10   # a quick look at one size

Each size lives in its own PostgreSQL database (`kzil_perf_10k`, `kzil_perf_100k`, `kzil_perf_1m`), filled once
by `manage.py generate_corpus` and reused: --generate creates the missing ones. Every run migrates them first.

For each size a fresh worker process (this script with --worker) measures, in-process:
- the raw-SQL baseline: the first page of 50 published claims with nested source, publisher, speaker and
  subjects, fetched by one hand-written query through psycopg and serialised with orjson — the floor;
- every API and admin page in benchmarks/cases.py through django.test.Client (the whole Django stack:
  middleware, view, serializer, renderer; no HTTP server): median and p95 latency after warm-up requests,
  and the SQL queries of one request (CaptureQueriesContext);
- `loaddata` of the seed fixtures (fixtures/*.json), inside a transaction that is rolled back.
Then `verify_provenance` runs over the whole corpus in its own process, for its throughput and peak RSS.

The worker keeps its database connection open (DB_CONN_MAX_AGE) as a production process would, and switches
off the API's throttling: this measures the cost of serving a request, not the rate limit.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_SIZES = "10k,100k,1m"
CLAIMS = {"k": 1_000, "m": 1_000_000}
PAGE = 50


def claims_in(size: str) -> int:
    match = re.fullmatch(r"(\d+)([km]?)", size.lower())
    if not match:
        raise SystemExit(f"Unexpected size {size!r}: use a number of claims such as 5000, 10k or 1m.")
    return int(match.group(1)) * CLAIMS.get(match.group(2), 1)


# The orchestrator: databases, workers, the report.


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"comma-separated corpus sizes (default {DEFAULT_SIZES})"
    )
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--prefix", default="kzil_perf", help="database name prefix (default kzil_perf)")
    parser.add_argument(
        "--sqlite", metavar="DIR", help="measure SQLite instead: the corpora are files DIR/<prefix>_<size>.sqlite3"
    )
    parser.add_argument("--generate", action="store_true", help="create and generate missing corpora")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--groups", default="", help="measure only these comma-separated case groups (e.g. site)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "RESULTS.md"), help="where to write the report")
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("SQLITE_JSON", "POSTGRES_JSON"),
        help="print the pages of two runs' JSON side by side at each size both measured, and stop",
    )
    parser.add_argument("--render", metavar="JSON", help="print the report of a run's saved JSON, and stop")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verify-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.repeat, args.groups)
    if args.verify_worker:
        return verify_worker()
    if args.render:
        runs = json.loads(Path(args.render).read_text())
        return print(render(runs, sys.argv[1:]), end="")
    if args.compare:
        return print(compare(*(json.loads(Path(path).read_text()) for path in args.compare)))

    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    runs = []
    for size in sizes:
        if args.sqlite:
            url = f"sqlite:///{Path(args.sqlite).resolve() / f'{args.prefix}_{size}.sqlite3'}"
        else:
            url = f"{args.server.rstrip('/')}/{args.prefix}_{size}"
        prepare(url, size, args.generate)
        log(f"{size}: measuring pages ({args.repeat} requests each)")
        load_before = os.getloadavg()[0]
        # The worker's progress and errors go straight to this terminal; its results come back on stdout.
        worker_run = subprocess.run(
            worker_command(args.repeat, args.groups), env=env(url), stdout=subprocess.PIPE, text=True
        )
        if worker_run.returncode:
            raise SystemExit(f"The worker for {size} failed (its traceback is above).")
        run = json.loads(worker_run.stdout)
        log(f"{size}: verify_provenance")
        run["verify"] = measure_verify(url)
        run["size"] = size
        # The machine is shared: the load average says how much the neighbours were running meanwhile.
        run["load"] = (load_before, os.getloadavg()[0])
        runs.append(run)
    # The measurements first: a report that fails to render loses nothing (--render re-renders them).
    Path(args.output).with_suffix(".json").write_text(json.dumps(runs, indent=1, default=str), encoding="utf-8")
    Path(args.output).write_text(render(runs, sys.argv[1:]), encoding="utf-8")
    log(f"wrote {args.output}")


TEXT = {"capture_output": True, "text": True}


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def env(url: str) -> dict:
    # The test run's settings: production ones (DEBUG off) with plain HTTP and static files from the apps, so
    # that neither the HTTPS redirect nor a missing collectstatic manifest answers instead of the page.
    return {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        **os.environ,
        "DATABASE_URL": url,
        "DB_CONN_MAX_AGE": "600",
        "DEBUG": "False",
    }


def manage(url: str, *args: str) -> str:
    result = subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env(url), **TEXT)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def worker_command(repeat: int, groups: str) -> list[str]:
    return [PYTHON, __file__, "--worker", "--repeat", str(repeat), "--groups", groups]


def prepare(url: str, size: str, generate: bool) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    if url.startswith("sqlite:"):
        exists = Path(url.removeprefix("sqlite:///")).exists()
        if not exists and not generate:
            raise SystemExit(f"{name} does not exist: run with --generate to create its corpus.")
    else:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                if not generate:
                    raise SystemExit(f"Database {name} does not exist: run with --generate to create its corpus.")
                conn.execute(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "-v0")
    if not exists:
        log(f"{size}: generating {claims_in(size)} claims into {name} (minutes at 1M)")
        log(manage(url, "generate_corpus", "--claims", str(claims_in(size))).strip().splitlines()[-1])


def measure_verify(url: str) -> dict:
    """Run verify_provenance in a process of its own: its wall time and its peak resident memory."""
    process = subprocess.Popen([PYTHON, __file__, "--verify-worker"], env=env(url), stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    result = json.loads(output)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    result["claims_per_s"] = result["claims"] / result["seconds"] if result["seconds"] else None
    return result


# The worker: runs inside Django, against one database.


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kzil.settings")
    import django

    django.setup()


def verify_worker() -> None:
    setup_django()
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    started = time.perf_counter()
    call_command("verify_provenance", stdout=out)
    seconds = time.perf_counter() - started
    counts = re.search(r"Checked (\d+) sources, (\d+) claims and (\d+) figures", out.getvalue())
    print(
        json.dumps({"seconds": seconds, "claims": int(counts[2]), "figures": int(counts[3]), "output": out.getvalue()})
    )


def worker(repeat: int, groups: str = "") -> None:
    setup_django()
    import cases

    try:
        # Benchmark-only: measure serving, not the anonymous rate limit.
        from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

        BaseThrottle.allow_request = SimpleRateThrottle.allow_request = lambda self, request, view: True
    except ImportError:
        pass
    from django.test import override_settings

    sample = pick_sample()
    floor = baseline()
    result = {"counts": counts(), "database": database_facts(), "baseline": {}}
    if floor:
        result["baseline"] = {
            "first page": floor(FIRST_PAGE, repeat),
            "deep page (keyset)": floor(sample["claim_pk"], repeat),
        }
    client, admin_client = clients()
    from relations.models import Claim, Figure

    for key, path, queryset in [
        ("claims_deep_page", f"/api/v1/claims/?page_size={PAGE}", Claim.objects.published()),
        ("figures_deep_page", f"/api/v1/figures/?page_size={PAGE}", Figure.objects.published()),
    ]:
        sample[key] = deep_page(client, path, queryset) or sample[key]
    measured = []
    wanted = {g.strip() for g in groups.split(",") if g.strip()}
    replay = floor_of_captured_sql()
    for case in cases.api_cases(sample) + cases.site_cases(sample) + cases.admin_cases(sample):
        if wanted and case.group not in wanted:
            continue
        log(f"  {case.group}: {case.name}")
        # The floors just before the page: on a shared machine the load drifts during a run, and a page is
        # compared with floors measured under the same load.
        nearby = floor(FIRST_PAGE, 15)["median_ms"] if floor else None
        client_of_case = admin_client if case.admin else client
        with override_settings(API_RESPONSE_CACHE_SECONDS=0):  # every request builds its page
            page = measure(client_of_case, case.path, repeat, before=lambda sql: replay(sql, repeat))
        if case.group.startswith("api") and page["status"] == 200:
            # The same URL read again with the response cache on, as production serves it (a cache hit).
            page["cached"] = measure(client_of_case, case.path, repeat)
        measured.append({**case.__dict__, **page, "baseline_ms": nearby})
    result["conditional"] = measure_conditional(client, f"/api/v1/claims/?page_size={PAGE}", repeat)
    result["cases"] = measured
    result["loaddata"] = measure_loaddata()
    print(json.dumps(result, default=str))


def counts() -> dict:
    from relations.models import Actor, Claim, Event, Figure, Source

    return {
        "claims": Claim.objects.count(),
        "published claims": Claim.objects.published().count(),
        "figures": Figure.objects.count(),
        "sources": Source.objects.count(),
        "actors": Actor.objects.count(),
        "events": Event.objects.count(),
    }


def database_facts() -> dict:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        size = Path(connection.settings_dict["NAME"]).stat().st_size
        return {"version": f"SQLite {sqlite3.sqlite_version}", "size": f"{size / 2**20:.0f} MB"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), current_setting('shared_buffers'), current_setting('work_mem')")
        version, shared_buffers, work_mem = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    return {"version": version, "shared_buffers": shared_buffers, "work_mem": work_mem, "size": size}


def pick_sample() -> dict:
    """Real values to filter by and look up: a published claim in the middle of the corpus and its relations."""
    from django.db.models import Count, Max, Min

    from relations.models import Actor, Claim, Figure

    bounds = Claim.objects.aggregate(low=Min("pk"), high=Max("pk"))
    middle = ((bounds["low"] or 0) + (bounds["high"] or 0)) // 2
    claim = (
        Claim.objects.published()
        .filter(pk__gte=middle, speaker__isnull=False, event__isnull=False, subjects__isnull=False)
        .select_related("source__publisher", "speaker", "event__country")
        .order_by("pk")
        .first()
    )
    figure = Figure.objects.published().filter(claim__pk__gte=middle).select_related("metric").order_by("pk").first()
    published, figures = Claim.objects.published().count(), Figure.objects.published().count()
    return {
        "claim": str(claim.uid),
        "claim_pk": claim.pk,
        "speaker": claim.speaker.slug,
        "search_name": Actor.objects.filter(kind="person", claims_spoken__isnull=False)
        .order_by("pk")[0]
        .name.split()[-1],
        "subject": claim.subjects.order_by("pk").first().slug,
        # The actor that the fewest claims are about: its page cannot be found among the newest claims.
        "rare_subject": Actor.objects.annotate(about=Count("claims_about"))
        .filter(about__gt=0)
        .order_by("about", "pk")[0]
        .slug,
        "source": claim.source.slug,
        "event": claim.event.slug,
        "topic": claim.topics.order_by("pk").first().slug,
        "metric": figure.metric.slug,
        "figure": str(figure.uid),
        "country": claim.event.country.slug if claim.event.country else "",
        "publisher": claim.source.publisher.slug if claim.source.publisher else "",
        "claims_deep_page": f"/api/v1/claims/?page_size={PAGE}&page={max(1, published // PAGE // 2)}",
        "figures_deep_page": f"/api/v1/figures/?page_size={PAGE}&page={max(1, figures // PAGE // 2)}",
    }


def deep_page(client, path: str, queryset) -> str | None:
    """The page halfway through a list, however the API paginates it (page number, offset or cursor)."""
    from base64 import b64encode
    from urllib.parse import parse_qs, urlencode, urlsplit

    from django.urls import resolve

    response = client.get(path)
    if response.status_code != 200 or not isinstance(response.json(), dict):
        return None
    data = response.json()
    link = data.get("next") or (data.get("links") or {}).get("next")
    if not link:
        return None
    query = parse_qs(urlsplit(link).query)
    size = len(data.get("results", [])) or PAGE
    middle = queryset.count() // 2
    join = "&" if "?" in path else "?"
    if "page" in query:
        return f"{path}{join}page={max(1, middle // size)}"
    if "offset" in query:
        return f"{path}{join}limit={size}&offset={middle}"
    if "cursor" in query:
        # DRF's cursor is base64 of "p=<position>": the ordering field's value of the last row already seen.
        view = resolve(urlsplit(path).path).func.cls
        ordering = getattr(view, "ordering", None) or view.pagination_class.ordering
        field = (ordering if isinstance(ordering, str) else ordering[0]).lstrip("-")
        position = queryset.order_by(ordering if isinstance(ordering, str) else ordering[0])
        position = position.values_list(field, flat=True)[middle]
        cursor = b64encode(urlencode({"p": str(position)}).encode("ascii")).decode("ascii")
        return f"{path}{join}{urlencode({'cursor': cursor})}"
    return None


def clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, created = get_user_model().objects.get_or_create(
        username="benchmark-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    admin_client = Client(HTTP_HOST="localhost")
    admin_client.force_login(user)
    return Client(HTTP_HOST="localhost"), admin_client


def measure(client, path: str, repeat: int, budget: float = 30.0, before=None) -> dict:
    """Median and p95 of `repeat` requests after three warm-up ones, and the SQL queries of one request.

    `before(sql)`, given the statements of that request, runs before the timed requests (the page's floor)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(path)
    if response.status_code != 200:
        return {"status": response.status_code}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    # Read them now: every request start clears the connection's query log.
    sql = [q["sql"] for q in queries.captured_queries]
    floor = before(sql) if before else None
    times = []
    started = time.perf_counter()
    for _ in range(repeat):
        before = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - before)
        if time.perf_counter() - started > budget and len(times) >= 3:
            break
    return {
        "status": 200,
        "queries": len(sql),
        "sql": sql,
        "bytes": len(response.content),
        **summary(times),
        **({"floor": floor} if floor else {}),
    }


def measure_conditional(client, path: str, repeat: int) -> dict:
    """A revalidation: the page's ETag sent back in If-None-Match, answered 304 before the view builds anything."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    etag = client.get(path)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    timing = timed(lambda: client.get(path, HTTP_IF_NONE_MATCH=etag), repeat, warmup=0)  # the gets above warmed it
    return {"path": path, "status": response.status_code, "queries": len(queries), **timing}


def floor_of_captured_sql():
    """A page's own floor: the statements Django ran for it, replayed on a connection of their own (psycopg, or
    sqlite3 on SQLite) with every row fetched and the rows serialised with orjson — no ORM, no DRF.

    Returns replay(sql, repeat): the median and p95 of `repeat` replays after three unmeasured ones."""
    import sqlite3

    import orjson
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # A new raw sqlite3 connection, opened by Django's backend for the SQL functions it registers on each.
        conn = connection.get_new_connection(connection.get_connection_params())
        conn.row_factory = sqlite3.Row

        def run(sql):
            cursor = conn.execute(sql)
            return [dict(row) for row in cursor.fetchall()] if cursor.description else []
    else:
        import psycopg
        from psycopg.rows import dict_row

        conn = psycopg.connect(**psycopg_params(settings), autocommit=True, row_factory=dict_row)

        def run(sql):
            cursor = conn.execute(DECLARE_CURSOR.sub("", sql))  # a server-side cursor's query, read at once
            return cursor.fetchall() if cursor.description else []

    def replay(statements: list[str], repeat: int) -> dict | None:
        if not statements:
            return None

        return timed(lambda: orjson.dumps([run(sql) for sql in statements], default=str), repeat)

    return replay


DECLARE_CURSOR = re.compile(r"^DECLARE \S+ (?:NO SCROLL )?CURSOR (?:WITH(?:OUT)? HOLD )?FOR ")


def psycopg_params(settings: dict) -> dict:
    return {
        "host": settings["HOST"],
        "port": settings["PORT"] or 5432,
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }


def timed(once, repeat: int, warmup: int = 3) -> dict:
    """The median and p95 of `repeat` calls of `once()`, after `warmup` unmeasured ones."""
    for _ in range(warmup):
        once()
    times = []
    for _ in range(repeat):
        before = time.perf_counter()
        once()
        times.append(time.perf_counter() - before)
    return summary(times)


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(times) * 1000, "p95_ms": p95 * 1000, "n": len(times)}


BASELINE_SQL = """
SELECT c.uid, c.statement, c.kind, c.quote, c.prefix, c.suffix, c.start, c."end", c.reviewed_at,
       s.slug, s.title, s.url, s.published, s.published_precision, pub.slug, pub.name,
       sp.slug, sp.name, sp.kind,
       (SELECT coalesce(json_agg(json_build_object('slug', a.slug, 'name', a.name, 'kind', a.kind) ORDER BY a.name),
                        '[]')
          FROM relations_claim_subjects cs JOIN relations_actor a ON a.id = cs.actor_id
         WHERE cs.claim_id = c.id) AS subjects
  FROM relations_claim c
  JOIN relations_source s ON s.id = c.source_id
  LEFT JOIN relations_actor pub ON pub.id = s.publisher_id
  LEFT JOIN relations_actor sp ON sp.id = c.speaker_id
 WHERE c.status = 'approved' AND c.id < %s
 ORDER BY c.id DESC
 LIMIT %s
"""
PRECISION_WIDTH = {"day": 10, "month": 7, "year": 4}


def baseline():
    """The floor: one hand-written query for a page of claims with everything nested, serialised with orjson.

    Returns a function of (after, repeat): the median and p95 of `repeat` pages of claims with ids below `after`.
    """
    import orjson
    import psycopg
    from django.db import connection
    from psycopg.types.json import set_json_loads

    def page(conn, after: int) -> bytes:
        rows = conn.execute(BASELINE_SQL, [after, PAGE]).fetchall()
        return orjson.dumps(
            [
                {
                    "id": uid,
                    "statement": statement,
                    "kind": kind,
                    "quote": {"exact": quote, "prefix": prefix, "suffix": suffix, "start": start, "end": end},
                    "source": {
                        "slug": s_slug,
                        "title": title,
                        "url": url,
                        "published": published.isoformat()[: PRECISION_WIDTH[precision]] if published else None,
                        "published_precision": precision or None,
                        "publisher": {"slug": p_slug, "name": p_name} if p_slug else None,
                    },
                    "speaker": {"slug": sp_slug, "name": sp_name, "kind": sp_kind} if sp_slug else None,
                    "subjects": subjects,
                    "reviewed_at": reviewed_at,
                }
                for (
                    uid, statement, kind, quote, prefix, suffix, start, end, reviewed_at,
                    s_slug, title, url, published, precision, p_slug, p_name, sp_slug, sp_name, sp_kind, subjects,
                ) in rows
            ]
        )  # fmt: skip

    if connection.vendor != "postgresql":
        return None
    conn = psycopg.connect(**psycopg_params(connection.settings_dict), autocommit=True)
    set_json_loads(orjson.loads, conn)

    return lambda after, repeat: timed(lambda: page(conn, after), repeat)


FIRST_PAGE = 2**62  # The API lists claims newest first (-pk); so does the baseline: ids below this, descending.


def measure_loaddata() -> dict | None:
    """loaddata of the seed fixtures into this database, rolled back so that the corpus stays as it was."""
    import tempfile

    from django.core.management import call_command
    from django.db import transaction

    fixtures = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
    origin = "fixtures/*.json"
    scratch = tempfile.TemporaryDirectory()
    if not fixtures:
        # Until the curated fixtures are committed, build them from fixtures/curation the way CI would.
        fixtures, origin = build_seed_fixtures(Path(scratch.name)), "built from fixtures/curation"
    if not fixtures:
        return None

    class Rollback(Exception):
        pass

    times = []
    for _ in range(3):
        try:
            with transaction.atomic():
                before = time.perf_counter()
                call_command("loaddata", *fixtures, verbosity=0)
                times.append(time.perf_counter() - before)
                raise Rollback
        except Rollback:
            pass
        except Exception as error:  # A fixture that does not load is a finding to report, not a crash.
            return {"files": len(fixtures), "origin": origin, "error": str(error)}
    scratch.cleanup()
    return {"files": len(fixtures), "origin": origin, **summary(times)}


def build_seed_fixtures(directory: Path) -> list[str]:
    from relations.curation.build import build

    builder = build()
    if builder.problems:
        log(f"  seed fixtures do not build ({len(builder.problems)} problems): loaddata not measured")
        return []
    paths = []
    for name, records in sorted(builder.fixtures().items()):
        path = directory / name
        path.write_text(json.dumps(records), encoding="utf-8")
        paths.append(str(path))
    return paths


# The report.


def render(runs: list[dict], argv: list[str]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Run on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` with:",
        "",
        "```",
        shlex.join([".venv/bin/python", "benchmarks/run.py", *argv]),
        "```",
        "",
        "## Machine",
        "",
        *machine(runs),
        "",
        "## How it was measured",
        "",
        "In one process per corpus size, warm (three unmeasured requests first), with a persistent database "
        "connection: every page through `django.test.Client` — the whole Django stack (middleware, view, "
        "serializer, renderer) without an HTTP server — its median and p95 over the timed requests, and the "
        "SQL queries of one request counted with `CaptureQueriesContext`. API throttling is off in the "
        "benchmark process. Admin pages are requested as a signed-in superuser. `built` is with the response "
        "cache off (`API_RESPONSE_CACHE_SECONDS=0`: every request builds its page); `cached` is the same URL read "
        "again with it on, as production serves a repeated read. A page's **floor** is the SQL that page ran, "
        "captured and replayed on a connection of its own (psycopg, or sqlite3) with every row fetched and "
        "serialised with orjson — no ORM, no DRF — measured just before the page; `× floor` is the page's median "
        f"over it. The baseline rows are one hand-written query for a page of {PAGE} claims with everything nested "
        "(PostgreSQL only), kept as a fixed reference. `verify_provenance` runs in a process of its own: claims "
        "per second over its whole run, and that process's peak resident memory (Django included).",
        "",
    ]
    lines += targets(runs)
    lines += goals(runs)
    for run in runs:
        c = run["counts"]
        lines += [
            "",
            f"## {run['size']}: {c['claims']:,} claims ({c['published claims']:,} published), "
            f"{c['figures']:,} figures, {c['sources']:,} sources, {c['actors']:,} actors, {c['events']:,} events",
            "",
            f"{run['database']['version'].split(' on ')[0]}, database size {run['database']['size']}. Load average "
            f"(1 min) on the {os.cpu_count()} cores before and after: {run['load'][0]:.1f} / {run['load'][1]:.1f}.",
            "",
            "| group | page | built median ms | built p95 ms | queries | floor ms | × floor | cached median ms "
            "| cached × floor | path |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for name, b in run["baseline"].items():
            lines.append(
                f"| baseline | {name}: 1 SQL query + orjson | {b['median_ms']:.2f} | {b['p95_ms']:.2f} | 1 | | | | | |"
            )
        for case in run["cases"]:
            if case["status"] != 200:
                status = f"HTTP {case['status']}"
                lines.append(f"| {case['group']} | {case['name']} | {status} | | | | | | | `{case['path']}` |")
                continue
            floor, cached = case.get("floor"), case.get("cached")
            cells = [
                case["group"],
                case["name"],
                f"{case['median_ms']:.1f}",
                f"{case['p95_ms']:.1f}",
                str(case["queries"]),
                f"{floor['median_ms']:.2f}" if floor else "",
                f"{times_floor(case):.1f}" if floor else "",
                f"{cached['median_ms']:.2f}" if cached else "",
                f"{times_floor(case, cached=True):.1f}" if floor and cached else "",
                f"`{case['path']}`",
            ]
            lines.append(f"| {' | '.join(cells)} |")
        conditional = run.get("conditional")
        if conditional:
            lines.append(
                f"| api conditional | If-None-Match of the claims page: HTTP {conditional['status']} | "
                f"{conditional['median_ms']:.2f} | {conditional['p95_ms']:.2f} | {conditional['queries']} | | | | | "
                f"`{conditional['path']}` |"
            )
        load = run["loaddata"]
        if load and "error" in load:
            lines.append(
                f"| loaddata | seed fixtures ({load['files']} files {load['origin']}): "
                f"**failed**: {load['error']} | | | | | | | | |"
            )
        elif load:
            lines.append(
                f"| loaddata | seed fixtures ({load['files']} files {load['origin']}, rolled back) | "
                f"{load['median_ms']:.0f} | {load['p95_ms']:.0f} | | | | | | |"
            )
        v = run["verify"]
        lines += [
            "",
            f"verify_provenance: {v['claims']:,} claims and {v['figures']:,} figures in {v['seconds']:.1f} s "
            f"= **{v['claims_per_s']:,.0f} claims/s**, peak RSS **{v['peak_rss_mb']:.0f} MB**.",
        ]
    lines += growth(runs)
    return "\n".join(lines) + "\n"


def times_floor(case: dict, cached: bool = False) -> float:
    """A page's median (built, or cached) over the floor of its own SQL measured just before it."""
    return (case["cached"] if cached else case)["median_ms"] / case["floor"]["median_ms"]


def ratio(case: dict, base: float) -> float:
    """A page's median over the baseline query measured just before it (or over the run's baseline)."""
    return case["median_ms"] / (case.get("baseline_ms") or base or case["median_ms"])


def targets(runs: list[dict]) -> list[str]:
    """The targets of issue 6, checked against the largest size measured."""
    big = runs[-1]
    small = runs[0]
    base = big["baseline"].get("first page", {}).get("median_ms")
    api = [c for c in big["cases"] if c["group"].startswith("api") and c["status"] == 200]
    admin = {c["name"]: c for c in big["cases"] if c["group"] == "admin"}
    missing = [c["name"] for c in big["cases"] if c["status"] != 200]
    rows = []

    def row(target, measured, met):
        rows.append(f"| {target} | {measured} | {'met' if met else '**missed**'} |")

    if api:
        worst_q = max(api, key=lambda c: c["queries"])
        row(
            "API: ≤ 5 queries per request", f"at most {worst_q['queries']} ({worst_q['name']})", worst_q["queries"] <= 5
        )
        lists = [c for c in api if c["group"] in ("api list", "api detail")]
        worst = max(lists, key=lambda c: ratio(c, base))
        within = sum(ratio(c, base) <= 3 for c in lists)
        row(
            "API list and detail: median ≤ 3× baseline",
            f"{within} of {len(lists)} pages within 3×; worst {worst['median_ms']:.1f} ms = "
            f"{ratio(worst, base):.1f}× ({worst['name']})",
            within == len(lists),
        )
        first = {key(c): c for c in small["cases"] if c["status"] == 200}
        grown = [(c["p95_ms"] / first[key(c)]["p95_ms"], c["name"]) for c in api if key(c) in first]
        if grown and small is not big:
            g, name = max(grown)
            over = [n for growth, n in grown if growth > 2]
            row(
                f"API: p95 grows ≤ 2× from {small['size']} to {big['size']}",
                f"{len(grown) - len(over)} of {len(grown)} pages; worst {g:.1f}× ({name})",
                g <= 2,
            )
        searches = [c for c in api if c["group"] == "api search"]
        if searches:
            s = max(searches, key=lambda c: c["median_ms"])
            row("`?q=` search: median < 100 ms", f"worst {s['median_ms']:.1f} ms ({s['name']})", s["median_ms"] < 100)
    site = [c for c in big["cases"] if c["group"] == "site" and c["status"] == 200]
    if site:
        worst_q = max(site, key=lambda c: c["queries"])
        row("site: ≤ 6 queries per page", f"at most {worst_q['queries']} ({worst_q['name']})", worst_q["queries"] <= 6)
        slow = max(site, key=lambda c: c["median_ms"])
        row("site: median < 100 ms", f"worst {slow['median_ms']:.1f} ms ({slow['name']})", slow["median_ms"] < 100)
    for name in ("claim changelist", "claim changelist, filtered by status"):
        case = admin.get(name)
        if case and case["status"] == 200:
            row(f"admin {name}: median < 500 ms", f"{case['median_ms']:.0f} ms", case["median_ms"] < 500)
    v = big["verify"]
    row("verify_provenance ≥ 50,000 claims/s", f"{v['claims_per_s']:,.0f} claims/s", v["claims_per_s"] >= 50_000)
    rss = [r["verify"]["peak_rss_mb"] for r in runs]
    row(
        "verify_provenance in constant memory",
        " / ".join(f"{r['size']} {r['verify']['peak_rss_mb']:.0f} MB" for r in runs),
        max(rss) <= 1.25 * min(rss),
    )
    lines = ["## Targets (issues 6 and 12), at " + big["size"], "", "| target | measured | |", "|---|---|---|", *rows]
    if missing:
        lines += ["", "Not measured (the page answered an error, or does not exist yet): " + "; ".join(missing) + "."]
    return lines


def goals(runs: list[dict]) -> list[str]:
    """Issue 14's goals that this in-process run measures, at the largest size (the others: RESULTS.md's text)."""
    big, small = runs[-1], runs[0]
    api = [c for c in big["cases"] if c["group"].startswith("api") and c["status"] == 200 and c.get("floor")]
    if not api:
        return []
    rows = []

    def row(goal, measured, met):
        rows.append(f"| {goal} | {measured} | {'met' if met else '**missed**'} |")

    for cached, label in ((False, "built (response cache off)"), (True, "cached (a repeated read)")):
        pages = [c for c in api if not cached or c.get("cached")]
        worst = max(pages, key=lambda c: times_floor(c, cached))
        within = sum(times_floor(c, cached) <= 3 for c in pages)
        median = statistics.median(times_floor(c, cached) for c in pages)
        row(
            f"every API page's median ≤ 3× its floor, {label}",
            f"{within} of {len(pages)} pages; median {median:.1f}×; worst {worst['name']}: "
            f"{(worst['cached'] if cached else worst)['median_ms']:.1f} ms = {times_floor(worst, cached):.1f}×",
            within == len(pages),
        )
    if small is not big:
        first = {key(c): c for c in small["cases"] if c["status"] == 200}
        for cached, label in ((False, "built"), (True, "cached")):
            grown = sorted(
                (p95(c, cached) / p95(first[key(c)], cached), c["name"])
                for c in api
                if key(c) in first and (not cached or (c.get("cached") and first[key(c)].get("cached")))
            )
            over = [name for g, name in grown if g >= 1.5]
            row(
                f"p95 grows < 1.5× from {small['size']} to {big['size']}, {label}",
                f"{len(grown) - len(over)} of {len(grown)} pages; worst {grown[-1][1]}: {grown[-1][0]:.1f}×"
                + (f"; over: {', '.join(over)}" if over else ""),
                not over,
            )
    conditional, claims = big.get("conditional"), next((c for c in api if c["name"] == "claims"), None)
    if conditional and claims:
        row(
            "a conditional GET answered without building the body",
            f"HTTP {conditional['status']} in {conditional['median_ms']:.2f} ms with {conditional['queries']} "
            f"queries, against {claims['median_ms']:.1f} ms to build the page",
            conditional["status"] == 304 and conditional["median_ms"] < claims["median_ms"] / 5,
        )
    return ["", f"## Issue 14's goals, at {big['size']}", "", "| goal | measured | |", "|---|---|---|", *rows]


def key(case: dict) -> tuple[str, str]:
    """A page's identity across runs: its group and name (the site and the API both have a "claim")."""
    return case["group"], case["name"]


def p95(case: dict, cached: bool = False) -> float:
    return (case["cached"] if cached else case)["p95_ms"]


def growth(runs: list[dict]) -> list[str]:
    if len(runs) < 2:
        return []
    header = " | ".join(f"p95 {r['size']}" for r in runs)
    lines = [
        "",
        f"## p95 growth from {runs[0]['size']} to {runs[-1]['size']} (built)",
        "",
        f"| page | {header} | growth | its floor's p95 growth | cached p95 growth |",
        "|---|" + "---:|" * (len(runs) + 3),
    ]
    by_size = [{key(c): c for c in r["cases"]} for r in runs]
    for case in runs[-1]["cases"]:
        values = [b.get(key(case), {}) for b in by_size]
        if any(v.get("status") != 200 for v in values):
            continue
        cells = " | ".join(f"{v['p95_ms']:.1f}" for v in values)
        first, last = values[0], values[-1]
        floors = f"{last['floor']['p95_ms'] / first['floor']['p95_ms']:.1f}×" if last.get("floor") else ""
        cached = f"{p95(last, True) / p95(first, True):.1f}×" if last.get("cached") and first.get("cached") else ""
        growth = f"{last['p95_ms'] / first['p95_ms']:.1f}×"
        lines.append(f"| {case['group']}: {case['name']} | {cells} | {growth} | {floors} | {cached} |")
    return lines


def compare(sqlite_runs: list[dict], postgres_runs: list[dict]) -> str:
    """SQLite against PostgreSQL, page by page (built medians), at each size both runs measured."""
    lines = []
    for postgres in postgres_runs:
        sqlite = next((r for r in sqlite_runs if r["size"] == postgres["size"]), None)
        if sqlite is None:
            continue
        pages = {key(c): c for c in postgres["cases"] if c["status"] == 200}
        rows = [(c, pages[key(c)]) for c in sqlite["cases"] if c["status"] == 200 and key(c) in pages]
        over = [c["name"] for c, pg in rows if c["median_ms"] > 2 * pg["median_ms"]]
        lines += [
            f"### SQLite against PostgreSQL at {postgres['size']} (built, response cache off)",
            "",
            f"{len(rows) - len(over)} of {len(rows)} pages within 2× of PostgreSQL"
            + (f"; over: {', '.join(over)}." if over else "."),
            "",
            "| group | page | SQLite median ms | PostgreSQL median ms | SQLite ÷ PostgreSQL | queries |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for c, pg in rows:
            lines.append(
                f"| {c['group']} | {c['name']} | {c['median_ms']:.1f} | {pg['median_ms']:.1f} | "
                f"{c['median_ms'] / pg['median_ms']:.2f} | {c['queries']} / {pg['queries']} |"
            )
        lines.append("")
    return "\n".join(lines)


CPU_MODEL = "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs"


def machine(runs: list[dict]) -> list[str]:
    def sh(command: str) -> str:
        return subprocess.run(command, shell=True, **TEXT).stdout.strip()

    db = runs[0]["database"]
    return [
        f"- `nproc`: {sh('nproc')} (shared with other work on the machine)",
        f"- CPU: {sh(CPU_MODEL)}",
        "- `free -h`:",
        "",
        "```",
        sh("free -h"),
        "```",
        "",
        f"- {db['version']}"
        + (f"; shared_buffers {db['shared_buffers']}, work_mem {db['work_mem']}" if "work_mem" in db else ""),
        f"- Python {platform.python_version()}, Django {django_version()}",
    ]


def django_version() -> str:
    import django

    return django.get_version()


def git_commit() -> str:
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], **TEXT).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], **TEXT).stdout
    return commit + (" + uncommitted changes" if dirty.strip() else "")


if __name__ == "__main__":
    main()

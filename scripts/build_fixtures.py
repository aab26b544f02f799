#!/usr/bin/env python
"""Turn the curated seed files into anchored, loadable Django fixtures.

    python scripts/build_fixtures.py            # check every curation file, then write fixtures/*.json
    python scripts/build_fixtures.py --check    # check only; exit 1 and list every problem

Input, under fixtures/curation/: `vocabulary.toml` (topics and metrics) and one `NNN-*.toml` per source
(the source's metadata, the actors, events and affiliations it names, its claims and their figures),
with the source text verbatim in `bodies/`. Quotes are written as plain text: this script finds their
character offsets with relations.provenance (the same code the admin uses), refuses a quote that is
absent or ambiguous, and writes natural-key fixtures that `manage.py loaddata` reads:

    fixtures/1-vocabulary.json  fixtures/2-actors.json  fixtures/3-sources.json
    fixtures/4-events.json      fixtures/5-claims.json

Actors and events may be declared in several files (an actor named by two articles): their aliases and
participants are merged; any other difference is reported as a conflict.
"""

import argparse
import json
import os
import sys
import tomllib
import uuid
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kzil.settings")

import django  # noqa: E402

django.setup()

from relations import provenance  # noqa: E402
from relations.models import Actor, Claim, Event, EventParticipant, Figure, Metric, PartialDate, Source  # noqa: E402
from relations.models.sources import sha256  # noqa: E402

CURATION = ROOT / "fixtures" / "curation"
OUTPUT = ROOT / "fixtures"
# Seed records are stamped with one fixed time so that rebuilding the fixtures changes nothing.
IMPORTED_AT = "2026-11-22T00:00:00Z"
UID_NAMESPACE = uuid.UUID("5b0d8a52-3f1e-4c1a-9a57-6b7a0f6d3c11")


class Problems(list):
    def add(self, where: str, message: str) -> None:
        self.append(f"{where}: {message}")


def partial(value: str | None, where: str, problems: Problems) -> tuple[str | None, str]:
    if not value:
        return None, ""
    try:
        date = PartialDate.parse(str(value))
    except ValueError as exc:
        problems.add(where, str(exc))
        return None, ""
    return date.date.isoformat(), str(date.precision)


def choice(value: str, choices, where: str, problems: Problems) -> str:
    if value not in choices.values:
        problems.add(where, f"{value!r} is not one of {', '.join(choices.values)}")
    return value


def decimal(value, where: str, problems: Problems) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(Decimal(str(value)))
    except InvalidOperation:
        problems.add(where, f"{value!r} is not a number")
        return None


class Builder:
    def __init__(self):
        self.problems = Problems()
        self.topics: dict[str, dict] = {}
        self.metrics: dict[str, dict] = {}
        self.actors: dict[str, dict] = {}
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.events: dict[str, dict] = {}
        self.participants: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.sources: list[dict] = []
        self.claims: list[dict] = []
        self.figures: list[dict] = []
        self.affiliations: dict[tuple[str, str, str], dict] = {}
        self.bodies: list[str] = []

    # Reading

    def read_vocabulary(self, path: Path) -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for topic in data.get("topics", []):
            self.topics[topic["slug"]] = {"name": topic["name"], "description": topic.get("description", "")}
        for metric in data.get("metrics", []):
            where = f"{path.name}: metric {metric.get('slug')}"
            self.metrics[metric["slug"]] = {
                "name": metric["name"],
                "description": metric.get("description", ""),
                "period": choice(metric.get("period", ""), Metric.Period, where, self.problems),
                "broader": [metric["broader"]] if metric.get("broader") else None,
            }

    def read_source_file(self, path: Path) -> None:
        where = path.name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            self.problems.add(where, f"not valid TOML: {exc}")
            return
        for actor in data.get("actors", []):
            self.read_actor(actor, where)
        for event in data.get("events", []):
            self.read_event(event, where)
        source = data.get("source")
        if not source:
            self.problems.add(where, "no [source] table")
            return
        body = (CURATION / source["body_file"]).read_text(encoding="utf-8")
        self.bodies.append(body)
        self.read_source(source, body, where)
        claim_uids = {}
        for claim in data.get("claims", []):
            uid = self.read_claim(claim, source["slug"], body, f"{where}: claim {claim.get('key')}")
            if uid:
                if claim["key"] in claim_uids:
                    self.problems.add(where, f"claim key {claim['key']!r} is used twice")
                claim_uids[claim["key"]] = uid
        for affiliation in data.get("affiliations", []):
            self.read_affiliation(affiliation, claim_uids, where)

    def read_actor(self, actor: dict, where: str) -> None:
        slug = actor["slug"]
        fields = {
            "kind": choice(actor.get("kind", ""), Actor.Kind, f"{where}: actor {slug}", self.problems),
            "name": actor["name"],
            "description": actor.get("description", ""),
            "wikidata_id": actor.get("wikidata", ""),
        }
        known = self.actors.get(slug)
        if known:
            for key in ("kind", "name"):
                if known[key] != fields[key]:
                    self.problems.add(where, f"actor {slug}: {key} {fields[key]!r} conflicts with {known[key]!r}")
            for key in ("description", "wikidata_id"):
                known[key] = known[key] or fields[key]
        else:
            self.actors[slug] = fields
        self.aliases[slug].update(actor.get("aliases", []))

    def read_event(self, event: dict, where: str) -> None:
        slug = event["slug"]
        here = f"{where}: event {slug}"
        start, start_precision = partial(event.get("start"), here, self.problems)
        end, end_precision = partial(event.get("end"), here, self.problems)
        fields = {
            "event_type": choice(event.get("type", ""), Event.Type, here, self.problems),
            "title": event["title"],
            "description": event.get("description", ""),
            "start": start,
            "start_precision": start_precision,
            "end": end,
            "end_precision": end_precision,
            "date_note": event.get("date_note", ""),
            "status": choice(event.get("status", "occurred"), Event.Status, here, self.problems),
            "place": event.get("place", ""),
            "country": [event["country"]] if event.get("country") else None,
        }
        known = self.events.get(slug)
        if known:
            for key in ("event_type", "start", "start_precision", "end", "end_precision", "status", "country"):
                if known[key] != fields[key]:
                    self.problems.add(here, f"{key} {fields[key]!r} conflicts with {known[key]!r} from another file")
            for key in ("description", "date_note", "place"):
                known[key] = known[key] or fields[key]
        else:
            self.events[slug] = fields
        for participant in event.get("participants", []):
            role = choice(participant["role"], EventParticipant.Role, here, self.problems)
            self.participants[slug].add((participant["actor"], role))

    def read_source(self, source: dict, body: str, where: str) -> None:
        published, precision = partial(source.get("published"), where, self.problems)
        self.sources.append(
            {
                "model": "relations.source",
                "fields": {
                    "slug": source["slug"],
                    "kind": choice(source.get("kind", ""), Source.Kind, where, self.problems),
                    "title": source["title"],
                    "publisher": [source["publisher"]] if source.get("publisher") else None,
                    "authors": [[slug] for slug in source.get("authors", [])],
                    "url": source.get("url", ""),
                    "published": published,
                    "published_precision": precision,
                    "published_basis": choice(
                        source.get("published_basis", ""), Source.DateBasis, where, self.problems
                    ),
                    "published_note": source.get("published_note", ""),
                    "language": source.get("language", "en"),
                    "body": body,
                    "body_sha256": sha256(body),
                    "created_at": IMPORTED_AT,
                    "updated_at": IMPORTED_AT,
                    "version": 1,
                },
            }
        )

    def read_claim(self, claim: dict, source_slug: str, body: str, where: str) -> str | None:
        try:
            anchor = provenance.locate(body, claim["quote"], claim.get("occurrence"))
        except provenance.AnchorError as exc:
            self.problems.add(where, exc.message)
            return None
        kind = choice(claim.get("kind", ""), Claim.Kind, where, self.problems)
        if kind != Claim.Kind.AUTHOR_ASSERTION and not claim.get("speaker"):
            self.problems.add(where, "a quote or paraphrase needs a speaker")
        uid = str(uuid.uuid5(UID_NAMESPACE, f"{source_slug}/{claim['key']}"))
        self.claims.append(
            {
                "model": "relations.claim",
                "fields": {
                    "uid": uid,
                    "source": [source_slug],
                    "quote": anchor.quote,
                    "start": anchor.start,
                    "end": anchor.end,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                    "statement": claim["statement"],
                    "kind": kind,
                    "speaker": [claim["speaker"]] if claim.get("speaker") else None,
                    "subjects": [[slug] for slug in claim.get("subjects", [])],
                    "event": [claim["event"]] if claim.get("event") else None,
                    "topics": [[slug] for slug in claim.get("topics", [])],
                    "status": Claim.Status.APPROVED,
                    "created_at": IMPORTED_AT,
                    "updated_at": IMPORTED_AT,
                    "reviewed_at": IMPORTED_AT,
                    "review_note": "Imported seed data, curated from the published article.",
                    "version": 1,
                },
            }
        )
        for figure in claim.get("figures", []):
            self.read_figure(figure, uid, anchor, body, f"{where}: figure {figure.get('quote')!r}")
        return uid

    def read_figure(self, figure: dict, claim_uid: str, claim: provenance.Anchor, body: str, where: str) -> None:
        try:
            anchor = provenance.locate(body, figure["quote"], figure.get("occurrence"), within=(claim.start, claim.end))
        except provenance.AnchorError as exc:
            self.problems.add(where, exc.message)
            return
        date, precision = partial(figure.get("date"), where, self.problems)
        fields = {
            "uid": str(uuid.uuid5(UID_NAMESPACE, f"{claim_uid}/{anchor.start}-{anchor.end}/{figure.get('metric')}")),
            "claim": [claim_uid],
            "quote": anchor.quote,
            "start": anchor.start,
            "end": anchor.end,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "metric": [figure["metric"]],
            "value": decimal(figure.get("value"), where, self.problems),
            "lower": decimal(figure.get("lower"), where, self.problems),
            "upper": decimal(figure.get("upper"), where, self.problems),
            "qualifier": choice(figure.get("qualifier", ""), Figure.Qualifier, where, self.problems),
            "unit": choice(figure.get("unit", ""), Figure.Unit, where, self.problems),
            "currency": figure.get("currency", ""),
            "period": choice(figure.get("period", ""), Metric.Period, where, self.problems),
            "date": date,
            "date_precision": precision,
            "subjects": [[slug] for slug in figure.get("subjects", [])],
            "created_at": IMPORTED_AT,
            "updated_at": IMPORTED_AT,
            "version": 1,
        }
        if fields["value"] is None:
            self.problems.add(where, "a figure needs a value")
        else:
            check = Figure(
                value=Decimal(fields["value"]),
                lower=None if fields["lower"] is None else Decimal(fields["lower"]),
                upper=None if fields["upper"] is None else Decimal(fields["upper"]),
                qualifier=fields["qualifier"],
            )
            for message in check.bound_errors().values():
                self.problems.add(where, message)
        self.figures.append({"model": "relations.figure", "fields": fields})

    def read_affiliation(self, affiliation: dict, claim_uids: dict[str, str], where: str) -> None:
        here = f"{where}: affiliation {affiliation.get('person')} / {affiliation.get('role')}"
        start, start_precision = partial(affiliation.get("start"), here, self.problems)
        end, end_precision = partial(affiliation.get("end"), here, self.problems)
        claim_key = affiliation.get("claim")
        if claim_key and claim_key not in claim_uids:
            self.problems.add(here, f"no claim with key {claim_key!r} in this file")
        fields = {
            "person": [affiliation["person"]],
            "organisation": [affiliation["organisation"]],
            "role": affiliation["role"],
            "start": start,
            "start_precision": start_precision,
            "end": end,
            "end_precision": end_precision,
            "claim": [claim_uids[claim_key]] if claim_key in claim_uids else None,
            "version": 1,
        }
        # Two articles may state the same role: keep one record, backed by the first claim.
        key = (affiliation["person"], affiliation["organisation"], affiliation["role"])
        known = self.affiliations.get(key)
        if known is None:
            self.affiliations[key] = fields
            return
        for name in ("start", "start_precision", "end", "end_precision"):
            if known[name] and fields[name] and known[name] != fields[name]:
                self.problems.add(here, f"{name} {fields[name]!r} conflicts with {known[name]!r} from another file")
            known[name] = known[name] or fields[name]
        known["claim"] = known["claim"] or fields["claim"]

    # Cross-checks once everything is read

    def check_references(self) -> None:
        def need(kind: str, slugs, known, where: str) -> None:
            for slug in slugs:
                if slug and slug not in known:
                    self.problems.add(where, f"unknown {kind} {slug!r}")

        for record in self.sources:
            f = record["fields"]
            need("actor", [f["publisher"] and f["publisher"][0], *(a[0] for a in f["authors"])], self.actors, f["slug"])
        for record in self.claims:
            f = record["fields"]
            where = f"claim {f['quote'][:40]!r}"
            need("actor", [f["speaker"] and f["speaker"][0], *(s[0] for s in f["subjects"])], self.actors, where)
            need("event", [f["event"] and f["event"][0]], self.events, where)
            need("topic", [t[0] for t in f["topics"]], self.topics, where)
        for record in self.figures:
            f = record["fields"]
            where = f"figure {f['quote']!r}"
            need("metric", [f["metric"][0]], self.metrics, where)
            need("actor", [s[0] for s in f["subjects"]], self.actors, where)
        for slug, event in self.events.items():
            need("actor", [event["country"] and event["country"][0]], self.actors, f"event {slug}")
            need("actor", [actor for actor, _ in self.participants[slug]], self.actors, f"event {slug}")
        for f in self.affiliations.values():
            need("actor", [f["person"][0], f["organisation"][0]], self.actors, f"affiliation {f['role']!r}")
        for slug, metric in self.metrics.items():
            need("metric", [metric["broader"] and metric["broader"][0]], self.metrics, f"metric {slug}")
        for slug, aliases in self.aliases.items():
            for alias in sorted(aliases):
                if not any(alias in body for body in self.bodies):
                    self.problems.add(f"actor {slug}", f"alias {alias!r} occurs in no source text")

    # Writing

    def fixtures(self) -> dict[str, list[dict]]:
        vocabulary = [
            {"model": "relations.topic", "fields": {"slug": slug, **fields}}
            for slug, fields in sorted(self.topics.items())
        ] + [
            {"model": "relations.metric", "fields": {"slug": slug, **fields}}
            for slug, fields in sorted(self.metrics.items())
        ]
        actors = []
        for slug, fields in sorted(self.actors.items()):
            stamps = {"created_at": IMPORTED_AT, "updated_at": IMPORTED_AT, "version": 1}
            actors.append({"model": "relations.actor", "fields": {"slug": slug, **fields, **stamps}})
            actors += [
                {"model": "relations.actoralias", "fields": {"actor": [slug], "name": alias}}
                for alias in sorted(self.aliases[slug])
            ]
        events = []
        for slug, fields in sorted(self.events.items()):
            stamps = {"created_at": IMPORTED_AT, "updated_at": IMPORTED_AT, "version": 1}
            events.append({"model": "relations.event", "fields": {"slug": slug, **fields, **stamps}})
            events += [
                {"model": "relations.eventparticipant", "fields": {"event": [slug], "actor": [actor], "role": role}}
                for actor, role in sorted(self.participants[slug])
            ]
        # Numbered so that `loaddata fixtures/*.json` reads them in dependency order: a NOT NULL
        # foreign key cannot point forward to a record that a later file creates.
        return {
            "1-vocabulary.json": vocabulary,
            "2-actors.json": actors,
            "3-sources.json": self.sources,
            "4-events.json": events,
            "5-claims.json": self.claims
            + self.figures
            + [{"model": "relations.affiliation", "fields": f} for _, f in sorted(self.affiliations.items())],
        }


def build(curation: Path = CURATION, names: list[str] | None = None) -> Builder:
    builder = Builder()
    builder.read_vocabulary(curation / "vocabulary.toml")
    paths = sorted(curation.glob("[0-9]*.toml"))
    for name in set(names or ()) - {path.name for path in paths}:
        builder.problems.add(name, f"no such curation file in {curation}")
    for path in paths:
        if not names or path.name in names:
            builder.read_source_file(path)
    builder.check_references()
    return builder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the curation files; write nothing")
    parser.add_argument("files", nargs="*", help="with --check: only these source files (e.g. 002-jewish-news.toml)")
    args = parser.parse_args()
    if args.files and not args.check:
        parser.error("building needs every source file: name files only with --check")
    builder = build(names=args.files)
    if builder.problems:
        print(f"{len(builder.problems)} problem(s) in {CURATION.relative_to(ROOT)}:", file=sys.stderr)
        for problem in builder.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    counts = {"claims": len(builder.claims), "figures": len(builder.figures), "actors": len(builder.actors)}
    counts |= {"events": len(builder.events), "sources": len(builder.sources)}
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    if args.check:
        print(f"OK: {summary}")
        return 0
    for name, records in builder.fixtures().items():
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        (OUTPUT / name).write_text(text, encoding="utf-8")
    print(f"Wrote {', '.join(builder.fixtures())} to {OUTPUT.relative_to(ROOT)}/: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Read the curation files and build the seed fixtures: `manage.py build_fixtures [--check]`.

Input, under fixtures/curation/: `vocabulary.toml` (topics and metrics) and one `NNN-*.toml` per source
(the source's metadata, the actors, events and affiliations it names, its claims and their figures),
with the source text verbatim in `bodies/`. Quotes are written as plain text: the builder finds their
character offsets with relations.provenance (the same code the admin uses), refuses a quote that is
absent or ambiguous, and writes natural-key fixtures that `manage.py loaddata` reads:

    fixtures/1-vocabulary.json  fixtures/2-actors.json  fixtures/3-sources.json
    fixtures/4-events.json      fixtures/5-claims.json

Actors and events may be declared in several files (an actor named by two articles). Their aliases and
participants are unioned; their descriptions and date notes keep every article's words (see
`merge_texts`); names, types, dates and other single values must agree or are reported as a conflict.
Affiliations are kept one per supporting claim, so every article that states a role keeps its evidence.

Every record then goes through the models' own `full_clean` (relations.curation.validate), and the
mechanical curation rules run over the result (relations.curation.checks).
"""

import json
import tomllib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from relations import provenance
from relations.models import Claim, PartialDate
from relations.models.sources import sha256

from . import checks
from .validate import validate_records

CURATION = Path(settings.BASE_DIR) / "fixtures" / "curation"
OUTPUT = Path(settings.BASE_DIR) / "fixtures"
# Seed records are stamped with one fixed time so that rebuilding the fixtures changes nothing.
IMPORTED_AT = "2026-11-22T00:00:00Z"
UID_NAMESPACE = uuid.UUID("5b0d8a52-3f1e-4c1a-9a57-6b7a0f6d3c11")
STAMPS = {"created_at": IMPORTED_AT, "updated_at": IMPORTED_AT, "version": 1}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curation: which check found it, in which file and record, and why."""

    check: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.check}]"


class Problems(list):
    def add(self, check: str, where: str, message: str) -> None:
        self.append(Problem(check, where, message))


@dataclass(frozen=True)
class Declaration:
    """What one curation file says about a record that several files may declare."""

    file: str
    source: str  # the slug of the file's source: how a merged text names where it came from
    fields: dict


def merge_texts(declarations: list[Declaration], key: str) -> str:
    """One text from every declaration's `key`, naming each article whose words differ.

    When every file that declares the record gives the same text, it is kept as written. Otherwise each
    distinct text is kept, in file order, as a paragraph led by the sources that gave it in backticks
    (the note reference syntax, so the check that references resolve covers them too):

        `astana-times-2015-…`, `jpost-2016-…`: Republic of Kazakhstan, Central Asian state.

        `jewish-news-2019-…`: Republic of Kazakhstan, Central Asian state. (This article also names it…)
    """
    texts = [(d.source, d.fields.get(key, "").strip()) for d in declarations]
    distinct = list(dict.fromkeys(text for _, text in texts))
    if len(distinct) == 1:
        return distinct[0]
    paragraphs = []
    for text in distinct:
        if text:
            sources = ", ".join(f"`{source}`" for source, said in texts if said == text)
            paragraphs.append(f"{sources}: {text}")
    return "\n\n".join(paragraphs)


def partial(value, where: str, problems: Problems) -> tuple[str | None, str]:
    if not value:
        return None, ""
    try:
        date = PartialDate.parse(str(value))
    except ValueError as exc:
        problems.add("format", where, str(exc))
        return None, ""
    return date.date.isoformat(), str(date.precision)


def field(key: str, default=""):
    """A getter of one field of a declaration, for Builder.agree."""
    return lambda declaration: declaration.fields.get(key, default)


def ref(slug) -> list | None:
    return [slug] if slug else None


def refs(slugs) -> list[list]:
    return [[slug] for slug in slugs or ()]


class Builder:
    def __init__(self, curation: Path):
        self.curation = curation
        self.problems = Problems()
        self.topics: dict[str, dict] = {}
        self.metrics: dict[str, dict] = {}
        self.actors: dict[str, list[Declaration]] = defaultdict(list)
        self.events: dict[str, list[Declaration]] = defaultdict(list)
        self.sources: list[dict] = []
        self.bodies: dict[str, str] = {}  # source slug → body
        self.claims: list[dict] = []
        self.figures: list[dict] = []
        self.affiliations: list[dict] = []
        # Where each record comes from, for problem reports: id(fields) → "file: record".
        self.where: dict[int, str] = {}

    # Reading

    def read_vocabulary(self, path: Path) -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for topic in data.get("topics", []):
            fields = {"slug": topic["slug"], "name": topic["name"], "description": topic.get("description", "")}
            self.topics[topic["slug"]] = fields
            self.where[id(fields)] = f"{path.name}: topic {topic['slug']}"
        for metric in data.get("metrics", []):
            fields = {
                "slug": metric["slug"],
                "name": metric["name"],
                "description": metric.get("description", ""),
                "period": metric.get("period", ""),
                "broader": ref(metric.get("broader")),
            }
            self.metrics[metric["slug"]] = fields
            self.where[id(fields)] = f"{path.name}: metric {metric['slug']}"

    def read_source_file(self, path: Path) -> None:
        where = path.name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            self.problems.add("format", where, f"not valid TOML: {exc}")
            return
        source = data.get("source")
        if not source:
            self.problems.add("format", where, "no [source] table")
            return
        for actor in data.get("actors", []):
            self.actors[actor["slug"]].append(Declaration(path.name, source["slug"], actor))
        for event in data.get("events", []):
            self.events[event["slug"]].append(Declaration(path.name, source["slug"], event))
        raw = (self.curation / source["body_file"]).read_bytes().decode("utf-8")
        body = provenance.normalize_line_endings(raw)
        self.bodies[source["slug"]] = body
        self.read_source(source, body, where)
        claim_uids = {}
        for claim in data.get("claims", []):
            uid = self.read_claim(claim, source["slug"], body, f"{where}: claim {claim.get('key')}")
            if uid:
                if claim["key"] in claim_uids:
                    self.problems.add("format", where, f"claim key {claim['key']!r} is used twice")
                claim_uids[claim["key"]] = uid
        for affiliation in data.get("affiliations", []):
            self.read_affiliation(affiliation, claim_uids, where)

    def read_source(self, source: dict, body: str, where: str) -> None:
        published, precision = partial(source.get("published"), where, self.problems)
        fields = {
            "slug": source["slug"],
            "kind": source.get("kind", ""),
            "title": source["title"],
            "publisher": ref(source.get("publisher")),
            "authors": refs(source.get("authors")),
            "url": source.get("url", ""),
            "published": published,
            "published_precision": precision,
            "published_basis": source.get("published_basis", ""),
            "published_note": source.get("published_note", ""),
            "language": source.get("language", "en"),
            "body": body,
            "body_sha256": sha256(body),
            **STAMPS,
        }
        self.where[id(fields)] = f"{where}: source {source['slug']}"
        self.sources.append(fields)

    def read_claim(self, claim: dict, source_slug: str, body: str, where: str) -> str | None:
        try:
            anchor = provenance.locate(body, claim["quote"], claim.get("occurrence"))
        except provenance.AnchorError as exc:
            self.problems.add("anchor", where, exc.message)
            return None
        uid = str(uuid.uuid5(UID_NAMESPACE, f"{source_slug}/{claim['key']}"))
        fields = {
            "uid": uid,
            "source": [source_slug],
            "quote": anchor.quote,
            "start": anchor.start,
            "end": anchor.end,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "statement": claim["statement"],
            "kind": claim.get("kind", ""),
            "speaker": ref(claim.get("speaker")),
            "subjects": refs(claim.get("subjects")),
            "event": ref(claim.get("event")),
            "topics": refs(claim.get("topics")),
            "status": Claim.Status.APPROVED,
            "created_at": IMPORTED_AT,
            "updated_at": IMPORTED_AT,
            "reviewed_at": IMPORTED_AT,
            "review_note": "Imported seed data, curated from the published article.",
            "version": 1,
        }
        self.where[id(fields)] = where
        self.claims.append(fields)
        for figure in claim.get("figures", []):
            self.read_figure(figure, uid, anchor, body, f"{where}: figure {figure.get('quote')!r}")
        return uid

    def read_figure(self, figure: dict, claim_uid: str, claim: provenance.Anchor, body: str, where: str) -> None:
        try:
            anchor = provenance.locate(body, figure["quote"], figure.get("occurrence"), within=(claim.start, claim.end))
        except provenance.AnchorError as exc:
            self.problems.add("anchor", where, exc.message)
            return
        date, precision = partial(figure.get("date"), where, self.problems)

        def number(key):
            value = figure.get(key)
            return None if value is None or value == "" else str(value)

        fields = {
            "uid": str(uuid.uuid5(UID_NAMESPACE, f"{claim_uid}/{anchor.start}-{anchor.end}/{figure.get('metric')}")),
            "claim": [claim_uid],
            "quote": anchor.quote,
            "start": anchor.start,
            "end": anchor.end,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "metric": [figure.get("metric")],
            "value": number("value"),
            "lower": number("lower"),
            "upper": number("upper"),
            "qualifier": figure.get("qualifier", ""),
            "unit": figure.get("unit", ""),
            "currency": figure.get("currency", ""),
            "period": figure.get("period", ""),
            "date": date,
            "date_precision": precision,
            "subjects": refs(figure.get("subjects")),
            **STAMPS,
        }
        self.where[id(fields)] = where
        self.figures.append(fields)

    def read_affiliation(self, affiliation: dict, claim_uids: dict[str, str], where: str) -> None:
        claim_key = affiliation.get("claim")
        here = f"{where}: affiliation {affiliation.get('person')} / {affiliation.get('role')}"
        if claim_key:
            here += f" (claim {claim_key})"
        start, start_precision = partial(affiliation.get("start"), here, self.problems)
        end, end_precision = partial(affiliation.get("end"), here, self.problems)
        as_of, as_of_precision = partial(affiliation.get("as_of"), here, self.problems)
        if claim_key and claim_key not in claim_uids:
            self.problems.add("reference", here, f"no claim with key {claim_key!r} in this file")
        # One record per supporting claim: two articles stating the same role are two pieces of evidence.
        fields = {
            "person": [affiliation["person"]],
            "organisation": [affiliation["organisation"]],
            "role": affiliation["role"],
            "start": start,
            "start_precision": start_precision,
            "end": end,
            "end_precision": end_precision,
            "as_of": as_of,
            "as_of_precision": as_of_precision,
            "claim": [claim_uids[claim_key]] if claim_key in claim_uids else None,
            "version": 1,
        }
        self.where[id(fields)] = here
        self.affiliations.append(fields)

    # Merging what several files declare

    def agree(self, kind: str, slug: str, declarations: list[Declaration], values: dict) -> None:
        """Report every single-valued field on which two files disagree; `values` maps it to a getter."""
        for key, value in values.items():
            said = {d.file: value(d) for d in declarations}
            if len(set(said.values())) > 1:
                both = "; ".join(f"{file} says {v!r}" for file, v in said.items())
                self.problems.add("conflict", self.files(declarations) + f": {kind} {slug}", f"{key}: {both}")

    @staticmethod
    def files(declarations: list[Declaration]) -> str:
        return ", ".join(dict.fromkeys(d.file for d in declarations))

    def actor_records(self) -> list[tuple[str, dict]]:
        """(model, fields) for every actor and its aliases, merged across files."""
        records = []
        for slug, declarations in sorted(self.actors.items()):
            first = declarations[0].fields
            here = f"{self.files(declarations)}: actor {slug}"
            self.agree("actor", slug, declarations, {key: field(key) for key in ("kind", "name")})
            wikidata = [d.fields["wikidata"] for d in declarations if d.fields.get("wikidata")]
            if len(set(wikidata)) > 1:
                self.problems.add("conflict", here, f"wikidata: {' vs '.join(dict.fromkeys(wikidata))}")
            fields = {
                "slug": slug,
                "kind": first.get("kind", ""),
                "name": first.get("name", ""),
                "description": merge_texts(declarations, "description"),
                "wikidata_id": wikidata[0] if wikidata else "",
                **STAMPS,
            }
            self.where[id(fields)] = here
            records.append(("relations.actor", fields))
            aliases = sorted({alias for d in declarations for alias in d.fields.get("aliases", [])})
            for alias in aliases:
                alias_fields = {"actor": [slug], "name": alias}
                self.where[id(alias_fields)] = f"{here}: alias {alias!r}"
                records.append(("relations.actoralias", alias_fields))
        return records

    def event_records(self) -> list[tuple[str, dict]]:
        records = []
        for slug, declarations in sorted(self.events.items()):
            here = f"{self.files(declarations)}: event {slug}"
            dates = {
                (d.file, key): partial(d.fields.get(key), here, self.problems)
                for d in declarations
                for key in ("start", "end")
            }
            single = {key: field(key) for key in ("type", "title", "place", "country")}
            single["status"] = field("status", "occurred")
            single |= {key: lambda d, key=key, dates=dates: dates[d.file, key] for key in ("start", "end")}
            self.agree("event", slug, declarations, single)
            first = declarations[0]
            (start, start_precision), (end, end_precision) = dates[first.file, "start"], dates[first.file, "end"]
            fields = {
                "slug": slug,
                "event_type": first.fields.get("type", ""),
                "title": first.fields.get("title", ""),
                "description": merge_texts(declarations, "description"),
                "start": start,
                "start_precision": start_precision,
                "end": end,
                "end_precision": end_precision,
                "date_note": merge_texts(declarations, "date_note"),
                "status": first.fields.get("status", "occurred"),
                "place": first.fields.get("place", ""),
                "country": ref(first.fields.get("country")),
                **STAMPS,
            }
            self.where[id(fields)] = here
            records.append(("relations.event", fields))
            participants = {(p["actor"], p["role"]) for d in declarations for p in d.fields.get("participants", [])}
            for actor, role in sorted(participants):
                participant = {"event": [slug], "actor": [actor], "role": role}
                self.where[id(participant)] = f"{here}: participant {actor} ({role})"
                records.append(("relations.eventparticipant", participant))
        return records

    # Cross-checks once everything is read

    def check_references(self, actors: list[tuple[str, dict]], events: list[tuple[str, dict]]) -> None:
        known = {"actor": set(self.actors), "event": set(self.events), "topic": set(self.topics)}
        known["metric"] = set(self.metrics)

        def need(kind: str, slugs, fields: dict) -> None:
            for slug in slugs:
                if slug and slug not in known[kind]:
                    self.problems.add("reference", self.where[id(fields)], f"unknown {kind} {slug!r}")

        for f in self.sources:
            need("actor", [f["publisher"] and f["publisher"][0], *(a[0] for a in f["authors"])], f)
        for f in self.claims:
            need("actor", [f["speaker"] and f["speaker"][0], *(s[0] for s in f["subjects"])], f)
            need("event", [f["event"] and f["event"][0]], f)
            need("topic", [t[0] for t in f["topics"]], f)
        for f in self.figures:
            need("metric", [f["metric"][0]], f)
            need("actor", [s[0] for s in f["subjects"]], f)
        for model, f in events:
            if model == "relations.event":
                need("actor", [f["country"] and f["country"][0]], f)
            else:
                need("actor", [f["actor"][0]], f)
        for f in self.affiliations:
            need("actor", [f["person"][0], f["organisation"][0]], f)
        for f in self.metrics.values():
            need("metric", [f["broader"] and f["broader"][0]], f)
        bodies = list(self.bodies.values())
        for model, f in actors:
            if model == "relations.actoralias" and not any(f["name"] in body for body in bodies):
                self.problems.add("alias-in-source", self.where[id(f)], "the alias occurs in no source text")

    # Writing

    def fixtures(self) -> dict[str, list[dict]]:
        """The fixture files by name, each a list of records; merging reports conflicts to self.problems."""
        if not hasattr(self, "_fixtures"):
            self._fixtures = self._build_fixtures()
        return self._fixtures

    def _build_fixtures(self) -> dict[str, list[dict]]:
        actors, events = self.actor_records(), self.event_records()
        self.check_references(actors, events)

        def records(model: str, rows) -> list[dict]:
            return [{"model": model, "fields": fields} for fields in rows]

        vocabulary = records("relations.topic", (self.topics[s] for s in sorted(self.topics)))
        vocabulary += records("relations.metric", (self.metrics[s] for s in sorted(self.metrics)))
        affiliations = sorted(
            self.affiliations, key=lambda f: (f["person"], f["organisation"], f["role"], f["claim"] or [""])
        )
        # Numbered so that `loaddata fixtures/*.json` reads them in dependency order: a NOT NULL
        # foreign key cannot point forward to a record that a later file creates.
        return {
            "1-vocabulary.json": vocabulary,
            "2-actors.json": [{"model": model, "fields": fields} for model, fields in actors],
            "3-sources.json": records("relations.source", self.sources),
            "4-events.json": [{"model": model, "fields": fields} for model, fields in events],
            "5-claims.json": records("relations.claim", self.claims)
            + records("relations.figure", self.figures)
            + records("relations.affiliation", affiliations),
        }

    def where_of(self, record: dict) -> str:
        return self.where.get(id(record["fields"]), record["model"])

    def counts(self) -> dict[str, int]:
        return {
            "claims": len(self.claims),
            "figures": len(self.figures),
            "actors": len(self.actors),
            "events": len(self.events),
            "sources": len(self.sources),
        }

    def write(self, output: Path | None = None) -> list[str]:
        output = output or OUTPUT
        names = []
        for name, records in self.fixtures().items():
            text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
            (output / name).write_text(text, encoding="utf-8")
            names.append(name)
        return names


def build(curation: Path | None = None, names: list[str] | None = None) -> Builder:
    """Read the curation files (all, or only `names`) and build the fixture records."""
    curation = curation or CURATION
    builder = Builder(curation)
    builder.read_vocabulary(curation / "vocabulary.toml")
    paths = sorted(curation.glob("[0-9]*.toml"))
    for name in sorted(set(names or ()) - {path.name for path in paths}):
        builder.problems.add("format", name, f"no such curation file in {curation}")
    for path in paths:
        if not names or path.name in names:
            builder.read_source_file(path)
    builder.fixtures()
    return builder


def run(curation: Path | None = None, names: list[str] | None = None) -> Builder:
    """Build, validate every record through the models, and run the mechanical checks."""
    builder = build(curation, names)
    validate_records(builder)
    checks.run_all(builder)
    return builder

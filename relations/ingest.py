"""Ingest an article: make a Source from a text or an HTML page, then run the suggesters over it.

The one path every entry takes (the `ingest` command, the admin's "New source from text"). A `.txt`
is taken as it is and an `.html` page goes through trafilatura's main-text extraction, which also gives
the title, author and date when they are not passed. Line endings become \\n
(provenance.normalize_line_endings); nothing else in the text changes. An exact duplicate of a stored
body is refused; so is a near-duplicate (MinHash over word 5-shingles, datasketch) unless `force`.
Everything happens in one transaction: on an IngestError nothing is written.
"""

import hashlib
import operator
import re
from functools import reduce

from datasketch import MinHash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.text import slugify

from relations import provenance
from relations.models import Actor, ActorAlias, PartialDate, Source, Suggestion
from relations.models.base import available_slug
from relations.models.sources import sha256
from relations.suggest import suggest

# Two bodies whose estimated Jaccard similarity of word 5-shingles reaches this are near-duplicates.
NEAR_DUPLICATE = 0.8
SHINGLE = 5
PERMUTATIONS = 128
PROBES = 8
_SLUG_LIKE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


class IngestError(Exception):
    """Input that cannot become a source; the message is one line in an editor's words."""


def ingest(
    content: str,
    *,
    filename: str | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    kind: str | None = None,
    language: str = "en",
    force: bool = False,
) -> tuple[Source, list[Suggestion]]:
    """Create the source for `content` and store the suggestions for it; raise IngestError on bad input."""
    if not isinstance(content, str):
        raise IngestError("The content must be text.")
    meta: dict = {}
    if _is_html(content, filename):
        content, meta = extract_html(content, url)
    body = provenance.normalize_line_endings(content).strip("\n")
    if not body.strip():
        raise IngestError("The text is empty: there is nothing to ingest.")
    date = _published(published or meta.get("date"), given=published is not None)
    kind = kind or Source.Kind.NEWS_ARTICLE
    if kind not in Source.Kind.values:
        raise IngestError(f"Unknown kind {kind!r}: use one of {', '.join(Source.Kind.values)}.")
    title = (title or meta.get("title") or _first_line(body)).strip()[:500]
    with transaction.atomic():
        refuse_duplicates(body, force)
        source = Source(
            slug=_unique_slug(title, date),
            kind=kind,
            title=title,
            url=url or meta.get("url") or "",
            language=language or "en",
            body=body,
            publisher=_publisher(publisher or meta.get("sitename")),
        )
        if date is not None:
            source.published_partial = date
            source.published_basis = Source.DateBasis.FOUND
            if published is None:
                source.published_note = "Date found in the page's metadata by trafilatura."
        try:
            source.full_clean()
        except ValidationError as exc:
            raise IngestError(_one_line(exc)) from None
        source.save()
        author = meta.get("author")
        if author:
            source.authors.add(_actor_named(author, Actor.Kind.PERSON))
        return source, suggest(source)


def _is_html(content: str, filename: str | None) -> bool:
    if filename:
        return filename.lower().endswith((".html", ".htm"))
    return bool(re.match(r"\s*(?:<!doctype html|<html)", content, re.I))


def extract_html(html: str, url: str | None = None) -> tuple[str, dict]:
    """The main text of an HTML page and what trafilatura finds about it (title, author, date, sitename)."""
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise IngestError("No article text found in the HTML page.")
    document = trafilatura.extract_metadata(html, default_url=url)
    meta = {}
    if document is not None:
        meta = {k: getattr(document, k, None) for k in ("title", "author", "date", "sitename", "url")}
        if meta.get("date") and not re.match(r"^\d{4}(?:-\d{2}){0,2}$", meta["date"]):
            meta["date"] = None
    return text, {k: v for k, v in meta.items() if v}


def _published(value: str | None, given: bool) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        if given:
            raise IngestError(f"--published: {exc}") from None
        return None


def refuse_duplicates(body: str, force: bool) -> None:
    exact = Source.objects.filter(body_sha256=sha256(body)).values_list("slug", flat=True).first()
    if exact:
        raise IngestError(f"This text is already stored as source {exact!r} (same SHA-256).")
    if force:
        return
    similar = nearest(body)
    if similar and similar[1] >= NEAR_DUPLICATE:
        raise IngestError(
            f"This text is a near-duplicate of source {similar[0]!r} ({similar[1]:.0%} similar); "
            "pass --force to ingest it anyway."
        )


def _words(text: str) -> list[re.Match]:
    return list(re.finditer(r"\w+", text))


def shingles(text: str) -> set[bytes]:
    """The body's word 5-grams, lower-cased: what near-duplicates share."""
    words = [w.group().lower() for w in _words(text)]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def minhash(text: str):
    signature = MinHash(num_perm=PERMUTATIONS, seed=1)
    signature.update_batch(list(shingles(text)))
    return signature


def probes(body: str, count: int = PROBES) -> list[str]:
    """A few passages of five words of `body`, chosen by hash (the same ones every time).

    A body whose shingles are at least NEAR_DUPLICATE similar to ours contains each of our shingles with
    probability ≥ 0.8, so it contains at least one of `count` probes but with probability 0.2**count: only
    the sources that contain one need their MinHash computed.
    """
    words = _words(body)
    spans = []
    for i in range(len(words) - SHINGLE + 1):
        start, end = words[i].start(), words[i + SHINGLE - 1].end()
        if "\n" not in body[start:end]:
            key = hashlib.md5(body[start:end].lower().encode(), usedforsecurity=False).digest()
            spans.append((key, body[start:end]))
    return [text for _, text in sorted(spans)[:count]] or [body.strip()[:200]]


def nearest(body: str) -> tuple[str, float] | None:
    """The stored source most like `body` and the estimated similarity, if one may be a near-duplicate."""
    length = len(body)
    # Only the sources that hold one of the probes can be near-duplicates (STRPOS: PostgreSQL's LIKE is slower).
    holds = reduce(operator.or_, (GreaterThan(StrIndex("body", Value(p)), 0) for p in probes(body)))
    candidates = Source.objects.filter(holds).values_list("slug", "body")
    mine = None
    best = None
    for slug, other in candidates.iterator():
        if not length // 2 <= len(other) <= length * 2:
            continue  # bodies of very different lengths cannot be near-duplicates
        mine = mine or minhash(body)
        similarity = mine.jaccard(minhash(other))
        if best is None or similarity > best[1]:
            best = (slug, similarity)
    return best


def _publisher(value: str | None) -> Actor | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    actor = Actor.objects.filter(slug=value).first()
    if actor:
        return actor
    named = _find_named(value)
    if named:
        return named
    if _SLUG_LIKE.match(value):
        raise IngestError(f"No actor has the slug {value!r}: give an existing actor's slug or a publisher's name.")
    return _actor_named(value, Actor.Kind.ORGANISATION)


def _find_named(name: str) -> Actor | None:
    actor = Actor.objects.filter(name__iexact=name).order_by("pk").first()
    if actor is None:
        alias = ActorAlias.objects.filter(name__iexact=name).select_related("actor").order_by("pk").first()
        actor = alias.actor if alias else None
    return actor


def _actor_named(name: str, kind: str) -> Actor:
    from relations.models.suggestions import unique_slug

    found = _find_named(name)
    if found:
        return found
    actor = Actor(slug=unique_slug(Actor, name), name=name[:200], kind=kind)
    actor.full_clean()
    actor.save()
    ActorAlias.objects.create(actor=actor, name=name[:200])
    return actor


def _unique_slug(title: str, date: PartialDate | None) -> str:
    base = slugify(title)[:80].strip("-") or "source"
    if date is not None:
        base = f"{slugify(str(date))}-{base}"[:90]
    return available_slug(Source, base)


def _first_line(body: str) -> str:
    line = body.strip().split("\n", 1)[0]
    return line if len(line) <= 200 else line[:199] + "…"


def _one_line(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)

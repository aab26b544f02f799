"""Score the suggesters against the curated seed data, leave-one-article-out.

For each seed source A, the suggesters run over A's body knowing only what the *other* sources bring:
the actors those sources' records refer to (speakers, subjects, figure subjects, affiliations, event
participants and host countries, publishers, authors), of their spellings only the actor's name and the
aliases that occur in another source's body (so no actor is found by a spelling seen only in A), and the
events the other sources' claims report. The vocabulary of metrics is known in full. Nothing is written:
the suggesters are run as pure functions (relations.suggest.analyse).

Matching rules (spans are [start, end) offsets into the body; two spans *overlap* when they share a
character):

- figures: a curated figure of A is found when a figure proposal overlaps its span; a proposal is correct
  when it overlaps a curated figure. Precision is given twice: over all proposals, and over proposals
  inside the quote of some curated claim of A (the text the curators read for figures: a number outside
  every claim was not judged). "value right" counts found figures whose best-overlapping proposal has
  the curated value.
- direct quotes: a curated direct_quote claim is found when a quote proposal of kind direct_quote
  overlaps its span. Its speaker is right when that proposal's speaker is the claim's speaker — or, for
  a speaker not known from the other sources, when the proposal's speaker_text is one of the speaker's
  spellings or shares its last word with one. Precision: direct-quote proposals overlapping a curated
  direct_quote or paraphrase claim (a quoted scare word in an author's sentence is a wrong proposal).
  Paraphrases are scored the same way against paraphrase claims.
- known-actor mentions: the actors A's records refer to that are also known from the other sources and
  whose name or an alias occurs in A's body (whole word, case-sensitive). One is found when some actor
  proposal names it. Precision: proposals of a known actor that A's records refer to.
- new names: the actors A's records refer to that the other sources do not know, whose name or an alias
  occurs in A's body. One is found when a new-name proposal (actor null) overlaps an occurrence of one of
  its spellings; its kind is right when the proposal's kind is the actor's kind.
- events: a claim of A that reports an event is found when an event proposal overlaps its span and the
  event is among the three best-scored events proposed for that span. Measured twice: leave-one-out
  (only claims whose event another source also reports: the others cannot be known) and with every event
  known (as when the events were entered before the article: matching by type, date and participants,
  participants and aliases from the whole database). Precision: proposals of a known event that overlap a
  claim of A linked to that event. A claim linked to the occasion its words were spoken at (the curation
  rules' R11: an interview, remarks, an op-ed) is scored like any other: the suggesters must propose that
  occasion over the claim.
"""

import json
import re
from collections import defaultdict
from pathlib import Path

from relations.models import Claim, Figure, Source

from . import analyse
from .known import Known

TARGETS = {
    "figures": {"recall": 0.90, "precision_in_claims": 0.75},
    "direct_quotes": {"recall": 0.95, "speaker_right": 0.85},
    "known_actors": {"recall": 0.95},
    "new_names": {"recall": 0.70},
    "events_all_known": {"top3": 0.80},
}


def references(source: Source) -> tuple[set[str], set[str]]:
    """The slugs of the actors and events that the records of `source` refer to."""
    claims = Claim.objects.filter(source=source)
    actors: set[str] = set()
    actors.update(claims.exclude(speaker=None).values_list("speaker__slug", flat=True))
    actors.update(claims.exclude(subjects=None).values_list("subjects__slug", flat=True))
    actors.update(
        Figure.objects.filter(claim__source=source, subjects__isnull=False).values_list("subjects__slug", flat=True)
    )
    for field in ("person", "organisation"):
        actors.update(claims.filter(affiliations__isnull=False).values_list(f"affiliations__{field}__slug", flat=True))
    events = set(claims.exclude(event=None).values_list("event__slug", flat=True))
    from relations.models import Event, EventParticipant

    actors.update(EventParticipant.objects.filter(event__slug__in=events).values_list("actor__slug", flat=True))
    actors.update(Event.objects.filter(slug__in=events).exclude(country=None).values_list("country__slug", flat=True))
    if source.publisher_id:
        actors.add(source.publisher.slug)
    actors.update(source.authors.values_list("slug", flat=True))
    return actors, events


def occurrences(body: str, spelling: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)")
    return [m.span() for m in pattern.finditer(body)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate() -> dict:
    sources = list(Source.objects.order_by("slug"))
    refs = {s.slug: references(s) for s in sources}
    full = Known.from_db()
    spellings: dict[str, set[str]] = defaultdict(set)
    for spelling, slug in full.aliases:
        spellings[slug].add(spelling)
    articles = {}
    for source in sources:
        others = [s for s in sources if s.pk != source.pk]
        other_actors = set().union(*(refs[s.slug][0] for s in others))
        other_events = set().union(*(refs[s.slug][1] for s in others))
        known = Known.from_db(actor_slugs=other_actors, event_slugs=other_events)
        known.aliases = [
            (sp, slug)
            for sp, slug in known.aliases
            if sp == known.actors[slug].name or any(occurrences(o.body, sp) for o in others)
        ]
        analysis = analyse(source.body, source.published_partial, known)
        all_known = analyse(source.body, source.published_partial, full)
        articles[source.slug] = score_article(
            source, analysis, all_known, refs[source.slug], other_actors, other_events, spellings, full
        )
    return {"articles": articles, "totals": totals(articles)}


def score_article(source, analysis, all_known, refs, other_actors, other_events, spellings, full) -> dict:
    body = source.body
    claims = list(Claim.objects.filter(source=source).select_related("speaker", "event"))
    result = {}

    # Figures.
    gold = list(Figure.objects.filter(claim__source=source))
    proposals = analysis.figures
    found = value_right = 0
    for figure in gold:
        hits = [p for p in proposals if overlaps((p.start, p.end), (figure.start, figure.end))]
        if hits:
            found += 1
            best = max(hits, key=lambda p: min(p.end, figure.end) - max(p.start, figure.start))
            value_right += _same_number(best.data["value"], figure.value)
    correct = sum(any(overlaps((p.start, p.end), (f.start, f.end)) for f in gold) for p in proposals)
    in_claims = [p for p in proposals if any(c.start <= p.start and p.end <= c.end for c in claims)]
    correct_in = sum(any(overlaps((p.start, p.end), (f.start, f.end)) for f in gold) for p in in_claims)
    result["figures"] = {
        "gold": len(gold),
        "found": found,
        "value_right": value_right,
        "proposed": len(proposals),
        "correct": correct,
        "proposed_in_claims": len(in_claims),
        "correct_in_claims": correct_in,
    }

    # Quotes and paraphrases.
    for kind, key in (("direct_quote", "direct_quotes"), ("paraphrase", "paraphrases")):
        gold = [c for c in claims if c.kind == kind]
        props = [p for p in analysis.quotes if p.data["kind"] == kind]
        found = speaker_right = 0
        for claim in gold:
            hits = [p for p in props if overlaps((p.start, p.end), (claim.start, claim.end))]
            if not hits:
                continue
            found += 1
            best = max(hits, key=lambda p: (min(p.end, claim.end) - max(p.start, claim.start), p.score))
            speaker_right += _right_speaker(best.data, claim.speaker, other_actors, spellings)
        quoted = [c for c in claims if c.kind in ("direct_quote", "paraphrase")]
        correct = sum(any(overlaps((p.start, p.end), (c.start, c.end)) for c in quoted) for p in props)
        result[key] = {
            "gold": len(gold),
            "found": found,
            "speaker_right": speaker_right,
            "proposed": len(props),
            "correct": correct,
        }

    # Actors.
    actors, events = refs
    mentioned = {slug for slug in actors if any(occurrences(body, sp) for sp in spellings.get(slug, ()))}
    known_gold = mentioned & other_actors
    named = {m.actor for m in analysis.mentions if m.actor}
    linked = [m for m in analysis.mentions if m.actor]
    result["known_actors"] = {
        "gold": len(known_gold),
        "found": len(known_gold & named),
        "missed": sorted(known_gold - named),
        "proposed": len(linked),
        "correct": sum(m.actor in actors for m in linked),
    }
    new_gold = mentioned - other_actors
    new_props = [m for m in analysis.mentions if m.actor is None]
    found = kind_right = 0
    missed = []
    for slug in sorted(new_gold):
        spans = [span for sp in spellings.get(slug, ()) for span in occurrences(body, sp)]
        hits = [m for m in new_props if any(overlaps((m.start, m.end), span) for span in spans)]
        if hits:
            found += 1
            kind_right += any(m.kind == full.actors[slug].kind for m in hits)
        else:
            missed.append(slug)
    result["new_names"] = {
        "gold": len(new_gold),
        "found": found,
        "kind_right": kind_right,
        "missed": missed,
        "proposed": len(new_props),
    }

    # Events.
    for key, props, eligible in (
        ("events_loo", analysis.events, lambda c: c.event.slug in other_events),
        ("events_all_known", all_known.events, lambda c: True),
    ):
        gold = [c for c in claims if c.event_id and eligible(c)]
        found = 0
        for claim in gold:
            spans: dict[tuple[int, int], list] = defaultdict(list)
            for p in props:
                if p.data.get("event") and overlaps((p.start, p.end), (claim.start, claim.end)):
                    spans[(p.start, p.end)].append(p)
            found += any(
                claim.event.slug in [p.data["event"] for p in sorted(ps, key=lambda p: -p.score)[:3]]
                for ps in spans.values()
            )
        linked = [p for p in props if p.data.get("event")]
        correct = sum(
            any(c.event.slug == p.data["event"] and overlaps((p.start, p.end), (c.start, c.end)) for c in gold)
            for p in linked
        )
        result[key] = {"gold": len(gold), "found": found, "proposed": len(linked), "correct": correct}
    return result


def _same_number(proposed, curated) -> bool:
    try:
        return abs(float(proposed) - float(curated)) < 1e-6 * max(1.0, abs(float(curated)))
    except (TypeError, ValueError):
        return False


def _right_speaker(data: dict, speaker, other_actors: set[str], spellings) -> bool:
    if speaker is None:
        return data.get("speaker") is None
    if data.get("speaker"):
        return data["speaker"] == speaker.slug
    if speaker.slug in other_actors or not data.get("speaker_text"):
        return False
    text = data["speaker_text"].strip()
    names = spellings.get(speaker.slug, set()) | {speaker.name}
    last_words = {n.split()[-1] for n in names if n.split()}
    return text in names or (text.split() and text.split()[-1] in last_words)


def totals(articles: dict) -> dict:
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(int))
    for result in articles.values():
        for key, counts in result.items():
            for name, value in counts.items():
                if isinstance(value, int):
                    sums[key][name] += value
    out = {}
    for key, s in sums.items():
        entry = dict(s)
        if s.get("gold"):
            entry["recall"] = s["found"] / s["gold"]
        if s.get("proposed"):
            entry["precision"] = s.get("correct", 0) / s["proposed"] if "correct" in s else None
        if s.get("proposed_in_claims"):
            entry["precision_in_claims"] = s["correct_in_claims"] / s["proposed_in_claims"]
        if s.get("found") and "speaker_right" in s:
            entry["speaker_right"] = s["speaker_right"] / s["found"]
        if s.get("found") and "kind_right" in s:
            entry["kind_right"] = s["kind_right"] / s["found"]
        if s.get("found") and "value_right" in s:
            entry["value_right"] = s["value_right"] / s["found"]
        if key.startswith("events") and s.get("gold"):
            entry["top3"] = s["found"] / s["gold"]
        out[key] = {k: v for k, v in entry.items() if v is not None}
    return out


def report(results: dict, command: str) -> str:
    """The results as Markdown: totals against the targets, then each article."""
    lines = [
        "# Suggester evaluation (leave-one-article-out)",
        "",
        f"Produced by `{command}` from the seed data in fixtures/*.json. Matching rules: the docstring of",
        "relations/suggest/evaluate.py. Rates are over all five articles together.",
        "",
        "| suggester | measure | result | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    t = results["totals"]
    rows = [
        ("figures", "recall"),
        ("figures", "precision_in_claims"),
        ("figures", "precision"),
        ("figures", "value_right"),
        ("direct_quotes", "recall"),
        ("direct_quotes", "speaker_right"),
        ("direct_quotes", "precision"),
        ("paraphrases", "recall"),
        ("paraphrases", "speaker_right"),
        ("paraphrases", "precision"),
        ("known_actors", "recall"),
        ("known_actors", "precision"),
        ("new_names", "recall"),
        ("new_names", "kind_right"),
        ("events_loo", "top3"),
        ("events_all_known", "top3"),
        ("events_all_known", "precision"),
    ]
    for key, measure in rows:
        value = t.get(key, {}).get(measure)
        target = TARGETS.get(key, {}).get(measure)
        counts = t.get(key, {})
        n = f"{counts.get('found', 0)}/{counts.get('gold', 0)}" if measure in ("recall", "top3") else ""
        mark = "" if target is None or value is None else ("met" if value >= target else "**not met**")
        shown = "–" if value is None else f"{value:.0%}"
        lines.append(
            f"| {key.replace('_', ' ')} | {measure.replace('_', ' ')} | {shown} {n} | "
            f"{'' if target is None else f'≥ {target:.0%}'} | {mark} |"
        )
    lines += ["", "## Per article", ""]
    for slug, result in results["articles"].items():
        parts = [f"{k}: {v['found']}/{v['gold']}" for k, v in result.items() if "gold" in v]
        lines.append(f"- `{slug}` — " + ", ".join(parts))
        for key in ("known_actors", "new_names"):
            if result[key].get("missed"):
                lines.append(f"  - {key.replace('_', ' ')} missed: {', '.join(result[key]['missed'])}")
    return "\n".join(lines) + "\n"


def write(results: dict, directory: Path, command: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "SUGGESTERS.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    (directory / "SUGGESTERS.md").write_text(report(results, command))

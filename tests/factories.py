"""Tests build their own data in code; these helpers keep it short and valid."""

import datetime
from decimal import Decimal

from relations import provenance
from relations.models import Actor, Claim, Event, Figure, Metric, Source, Topic

BODY = (
    "Presently there is some $2.5 billion annual trade between the two countries, not including defense "
    "trade; one of every four liters of gas used to fuel this country’s cars originates in Kazakhstan. "
    "“We are friends,” Nazarbayev said. Oil, oil and more oil – that is the story…"
)


def actor(slug="kazakhstan", name="Kazakhstan", kind=Actor.Kind.STATE, aliases=()):
    obj, _ = Actor.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
    for alias in aliases:
        obj.aliases.get_or_create(name=alias)
    return obj


def source(slug="jpost-2010", body=BODY, **fields):
    fields.setdefault("title", "Diplomacy: As one door closes...")
    fields.setdefault("kind", Source.Kind.ANALYSIS)
    fields.setdefault("published", datetime.date(2010, 5, 1))
    fields.setdefault("published_precision", "month")
    fields.setdefault("published_basis", Source.DateBasis.INFERRED)
    return Source.objects.create(slug=slug, body=body, **fields)


def claim(source, quote, occurrence=None, status=Claim.Status.DRAFT, **fields):
    fields.setdefault("statement", f"The source says: {quote}")
    fields.setdefault("kind", Claim.Kind.AUTHOR_ASSERTION)
    obj = Claim(source=source, status=status, **fields)
    obj.set_anchor(provenance.locate(source.body, quote, occurrence))
    obj.full_clean()
    obj.save()
    return obj


def metric(slug="bilateral-trade-annual", name="Annual bilateral trade"):
    obj, _ = Metric.objects.get_or_create(slug=slug, defaults={"name": name, "period": Metric.Period.ANNUAL})
    return obj


def figure(claim, quote, value, **fields):
    fields.setdefault("metric", metric())
    fields.setdefault("unit", Figure.Unit.CURRENCY)
    fields.setdefault("currency", "USD" if fields["unit"] == Figure.Unit.CURRENCY else "")
    fields.setdefault("qualifier", Figure.Qualifier.APPROXIMATE)
    fields.setdefault("period", Metric.Period.ANNUAL)
    obj = Figure(claim=claim, value=Decimal(value), **fields)
    obj.anchor_in_claim(quote)
    obj.full_clean()
    obj.save()
    return obj


def topic(slug="trade", name="Trade"):
    obj, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    return obj


def event(slug="kadex-2010", **fields):
    fields.setdefault("title", "KADEX-2010 arms show")
    fields.setdefault("event_type", Event.Type.EXHIBITION)
    fields.setdefault("start", datetime.date(2010, 5, 1))
    fields.setdefault("start_precision", "month")
    return Event.objects.create(slug=slug, **fields)


def published_world(source, editor, reviewer):
    """An approved claim with a figure, a speaker, a subject, an event and a topic; and a draft beside it."""
    kazakhstan = actor(aliases=["Kazakhstan"])
    nazarbayev = actor("nursultan-nazarbayev", "Nursultan Nazarbayev", Actor.Kind.PERSON, ["Nazarbayev"])
    kadex = event(country=kazakhstan)
    kadex.participations.create(actor=nazarbayev, role="host")
    approved = claim(source, "some $2.5 billion annual trade", created_by=editor, event=kadex)
    approved.subjects.set([kazakhstan])
    approved.topics.set([topic()])
    trade = figure(approved, "$2.5 billion", "2500000000", date=datetime.date(2010, 1, 1), date_precision="year")
    trade.subjects.set([kazakhstan])
    quote = claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=nazarbayev, created_by=editor)
    for obj in (approved, quote):
        obj.submit(editor)
        obj.approve(reviewer)
    return {"claim": approved, "quote": quote, "figure": trade, "event": kadex, "actor": nazarbayev}

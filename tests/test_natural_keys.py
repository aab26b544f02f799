"""Fixtures use natural keys: dump, load into an empty database, get identical data back."""

import datetime
import json

from django.apps import apps
from django.core.management import call_command

from relations.models import Actor, Affiliation, Claim, EventParticipant
from tests import factories

MODELS = [
    "relations.topic",
    "relations.metric",
    "relations.actor",
    "relations.actoralias",
    "relations.source",
    "relations.event",
    "relations.eventparticipant",
    "relations.claim",
    "relations.figure",
    "relations.affiliation",
]


def dump(path):
    call_command("dumpdata", *MODELS, natural_foreign=True, natural_primary=True, indent=1, output=str(path))
    return json.loads(path.read_text())


def test_dump_and_load_round_trip(source, tmp_path):
    kazakhstan = factories.actor(aliases=["Kazakhstan"])
    nazarbayev = factories.actor("nursultan-nazarbayev", "Nursultan Nazarbayev", Actor.Kind.PERSON, ["Nazarbayev"])
    event = factories.event(country=kazakhstan)
    EventParticipant.objects.create(event=event, actor=nazarbayev, role="host")
    claim = factories.claim(source, "We are friends", kind=Claim.Kind.DIRECT_QUOTE, speaker=nazarbayev, event=event)
    claim.subjects.set([kazakhstan])
    claim.topics.set([factories.topic()])
    trade = factories.claim(source, "some $2.5 billion annual trade")
    factories.figure(trade, "$2.5 billion", "2500000000").subjects.set([kazakhstan])
    Affiliation.objects.create(
        person=nazarbayev, organisation=kazakhstan, role="President", start=datetime.date(1990, 4, 24),
        start_precision="day", claim=claim,
    )  # fmt: skip
    before = dump(tmp_path / "before.json")
    assert not any("pk" in record for record in before), "natural primary keys replace integer ids"

    # Empty the tables, children first (a flush cannot run inside the test's transaction on PostgreSQL).
    for label in reversed(MODELS):
        apps.get_model(label).objects.all().delete()
    assert not Claim.objects.exists() and not Actor.objects.exists()
    call_command("loaddata", str(tmp_path / "before.json"), verbosity=0)

    assert dump(tmp_path / "after.json") == before

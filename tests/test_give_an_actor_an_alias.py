"""An alias names exactly one actor, compared ignoring case: the model, the database and the admin agree."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from relations.models import Actor, ActorAlias
from tests import factories


@pytest.fixture
def ministries(db):
    israel = factories.actor("israel-mfa", "Ministry of Foreign Affairs of Israel", Actor.Kind.ORGANISATION)
    kazakhstan = factories.actor("kazakhstan-mfa", "Ministry of Foreign Affairs of Kazakhstan", Actor.Kind.ORGANISATION)
    israel.aliases.create(name="Foreign Ministry")
    return israel, kazakhstan


def test_a_second_actor_cannot_take_an_alias_in_another_case(ministries):
    _, kazakhstan = ministries
    alias = ActorAlias(actor=kazakhstan, name="foreign ministry")
    with pytest.raises(ValidationError, match="already names an actor"):
        alias.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        alias.save()


def test_one_actor_does_not_hold_the_same_alias_twice(ministries):
    israel, _ = ministries
    with pytest.raises(IntegrityError), transaction.atomic():
        israel.aliases.create(name="FOREIGN MINISTRY")


def test_different_aliases_are_fine(ministries):
    israel, kazakhstan = ministries
    kazakhstan.aliases.create(name="Kazakh Foreign Ministry")
    israel.aliases.create(name="Israel’s MFA")
    assert ActorAlias.objects.count() == 3


def test_the_admin_refuses_it_with_a_message(ministries, client, alice):
    _, kazakhstan = ministries
    client.force_login(alice)
    url = f"/admin/relations/actor/{kazakhstan.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in ("name", "slug", "kind", "description", "wikidata_id")}
    data |= {"loaded_version": form["loaded_version"].value()}
    data |= {"aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-0-name": "foreign ministry"}
    data |= {"affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "already names an actor" in response.content.decode()
    assert not kazakhstan.aliases.exists()


def test_two_new_aliases_in_one_form_that_differ_only_in_case_are_refused(ministries, client, alice):
    _, kazakhstan = ministries
    client.force_login(alice)
    url = f"/admin/relations/actor/{kazakhstan.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in ("name", "slug", "kind", "description", "wikidata_id")}
    data |= {"loaded_version": form["loaded_version"].value()}
    data |= {"aliases-TOTAL_FORMS": "2", "aliases-INITIAL_FORMS": "0"}
    data |= {"aliases-0-name": "MFA of Kazakhstan", "aliases-1-name": "mfa of kazakhstan"}
    data |= {"affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "already names an actor" in response.content.decode()
    assert not kazakhstan.aliases.exists()

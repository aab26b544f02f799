"""Two editors save the same record: the second save is refused and the first one's work survives."""

import pytest
from django.contrib import admin
from django.urls import reverse

from relations.models import Claim, ConcurrentEdit, Metric, Source
from relations.models.base import VersionedModel
from tests import factories


def test_a_stale_save_is_refused(claim):
    first = Claim.objects.get(pk=claim.pk)
    second = Claim.objects.get(pk=claim.pk)
    first.statement = "Alice's wording"
    first.save()
    second.statement = "Bob's wording"
    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        second.save()
    claim.refresh_from_db()
    assert claim.statement == "Alice's wording"
    assert claim.version == 2


def test_saving_again_from_a_fresh_copy_works(source):
    copy = Source.objects.get(pk=source.pk)
    copy.title = "New title"
    copy.save()
    copy.title = "Newer title"
    copy.save()
    assert Source.objects.get(pk=source.pk).version == 3


@pytest.mark.parametrize("make", [factories.metric, factories.topic])
def test_two_admins_cannot_overwrite_each_others_metric_or_topic(db, make):
    record = make()
    first, second = (type(record).objects.get(pk=record.pk) for _ in range(2))
    first.name = "First admin's name"
    first.save()
    second.name = "Second admin's name"
    with pytest.raises(ConcurrentEdit):
        second.save()
    assert type(record).objects.get(pk=record.pk).name == "First admin's name"


def admin_form(record):
    """What a change page posts for `record`: its fields and the version it was opened at."""
    data = {"name": record.name, "slug": record.slug, "description": "", "loaded_version": record.version}
    if isinstance(record, Metric):
        data.update({"period": record.period, "broader": ""})
    return data


@pytest.mark.parametrize("make", [factories.metric, factories.topic])
def test_the_admin_refuses_a_stale_metric_or_topic_form(client, alice, make):
    record = make()
    client.force_login(alice)
    url = reverse(f"admin:relations_{record._meta.model_name}_change", args=[record.pk])
    opened = admin_form(record)
    assert client.post(url, {**opened, "name": "Alice first"}).status_code == 302
    response = client.post(url, {**opened, "name": "Alice again, from the old page"})
    assert response.status_code == 200 and "Someone else saved this record" in response.content.decode()
    assert type(record).objects.get(pk=record.pk).name == "Alice first"


VERSIONED_ADMINS = [m for m in admin.site._registry if issubclass(m, VersionedModel) and not m._meta.proxy]


def test_every_versioned_model_has_an_admin():
    assert {m.__name__ for m in VERSIONED_ADMINS} == {"Source", "Actor", "Event", "Metric", "Topic", "Claim", "Figure"}


@pytest.mark.parametrize("model", VERSIONED_ADMINS, ids=lambda m: m.__name__)
def test_an_admin_form_posted_without_its_version_is_refused(rf, django_user_model, published, model):
    """The hidden field dropped (a crafted POST, a stripped form): refused, never "skip the check"."""
    request = rf.get("/")
    request.user = django_user_model.objects.create_superuser("root", password="root-password-1")
    record = model.objects.first()
    form_class = admin.site._registry[model].get_form(request, record)
    opened = form_class(instance=record)
    data = {field.html_name: field.value() for field in opened if field.value() is not None}
    assert form_class(data, instance=record).is_valid(), form_class(data, instance=record).errors
    del data["loaded_version"]
    form = form_class(data, instance=record)
    assert not form.is_valid()
    assert "arrived without the version you opened" in str(form.non_field_errors())


def affiliation_row(affiliation, **changes):
    """What the affiliation inline posts for one row, as the actor's change page opened it."""
    fields = {
        "organisation": affiliation.organisation_id,
        "role": affiliation.role,
        "claim": affiliation.claim_id or "",
        "loaded_version": affiliation.version,
    }
    return {**fields, **changes}


def test_the_affiliation_inline_refuses_a_stale_row_or_one_without_its_version(rf, published, django_user_model):
    from relations.models import Actor, Affiliation

    person = published["actor"]
    organisation = factories.actor("akorda", "Akorda", Actor.Kind.ORGANISATION)
    affiliation = Affiliation.objects.create(person=person, organisation=organisation, role="President")
    request = rf.get("/")
    request.user = django_user_model.objects.create_superuser("root", password="root-password-1")
    inline = next(
        i for i in admin.site._registry[Actor].get_inline_instances(request, person) if i.model is Affiliation
    )
    form_class = inline.get_formset(request, person).form
    opened = affiliation_row(affiliation)
    Affiliation.objects.get(pk=affiliation.pk).save()  # someone else saves the row after it was opened
    stale = form_class({**opened, "role": "Head of State"}, instance=Affiliation.objects.get(pk=affiliation.pk))
    assert not stale.is_valid() and "Someone else saved this record" in str(stale.errors)
    missing = dict(opened, role="Head of State")
    del missing["loaded_version"]
    bare = form_class(missing, instance=Affiliation.objects.get(pk=affiliation.pk))
    assert not bare.is_valid() and "arrived without the version" in str(bare.errors)
    assert Affiliation.objects.get(pk=affiliation.pk).role == "President"

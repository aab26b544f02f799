"""An article pasted into the admin is stored as the article: LF line endings, its own SHA-256, its own offsets.

Browsers post textareas with CRLF; every entry of a body goes through provenance.normalize_line_endings.
The real textarea is tested in test_browser_paste_source_text.py.
"""

import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from relations.admin.sources import SourceForm
from relations.models import Source
from tests import factories

ARTICLE = "Astana, 1 May.\n\nPresently there is some $2.5 billion annual trade.\nOil, oil and more oil.\n"
FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))


def as_posted(text):
    return text.replace("\n", "\r\n")


def source_form_data(**overrides):
    data = {
        "slug": "pasted", "kind": "news_article", "title": "Pasted", "publisher": "", "url": "",
        "language": "en", "published": "", "published_precision": "", "published_basis": "",
        "published_note": "", "body": as_posted(ARTICLE),
    }  # fmt: skip
    return {**data, **overrides}


def test_the_source_form_stores_lf(db):
    form = SourceForm(source_form_data())
    assert form.is_valid(), form.errors
    source = form.save()
    source.refresh_from_db()
    assert source.body == ARTICLE
    assert source.body_sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()


def test_leading_and_trailing_white_space_is_kept(db):
    body = "\n  Indented first line.\r\nLast line with trailing spaces.  \r\n\r\n"
    form = SourceForm(source_form_data(body=body))
    assert form.is_valid(), form.errors
    assert form.save().body == "\n  Indented first line.\nLast line with trailing spaces.  \n\n"


def test_the_model_stores_lf_from_any_caller(db):
    source = factories.source("model", body="One.\r\nTwo.\rThree.")
    source.refresh_from_db()
    assert source.body == "One.\nTwo.\nThree."
    assert source.body_sha256 == hashlib.sha256(b"One.\nTwo.\nThree.").hexdigest()


def test_offsets_count_the_article_not_the_browser(db):
    source = SourceForm(source_form_data()).save()
    claim = factories.claim(source, "Oil, oil and more oil.")
    assert (claim.start, claim.end) == (ARTICLE.index("Oil"), ARTICLE.index("Oil") + len("Oil, oil and more oil."))
    assert claim.prefix.endswith("annual trade.\n")


@pytest.fixture
def seeded(db):
    call_command("loaddata", *map(str, FIXTURES), verbosity=0)


def test_changing_only_the_date_note_of_a_seed_source_saves(client, alice, seeded):
    source = Source.objects.filter(claims__isnull=False, body__contains="\n").first()
    assert source is not None
    client.force_login(alice)
    url = reverse("admin:relations_source_change", args=[source.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {field.html_name: field.value() for field in form if field.value() is not None}
    data.update(body=as_posted(source.body), published_note="Checked again against the archive.")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = Source.objects.get(pk=source.pk)
    assert saved.published_note == "Checked again against the archive."
    assert (saved.body, saved.body_sha256) == (source.body, source.body_sha256)


def test_the_old_text_is_kept_in_history(claim):
    source = Source.objects.get(pk=claim.source_id)
    original = source.body
    source.body = original + " (Updated.)"
    source.save()
    bodies = list(source.history.order_by("history_date").values_list("body", flat=True))
    assert bodies == [original, original + " (Updated.)"]

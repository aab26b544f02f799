"""An editor adds a source by pasting its text or uploading a .txt/.html ("New source from text" in the admin)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relations.models import Source
from relations.models.suggestions import Suggestion
from tests import factories

URL = reverse("admin:relations_source_new_from_text")
TEXT = (
    "Kazakhstan and Israel signed two agreements on Tuesday.\r\n\r\n"
    "“We are friends,” President Nursultan Nazarbayev said, adding that trade reached some $2.5 billion."
)


def form(**fields):
    data = {"content": "", "title": "", "url": "", "publisher": "", "published": "", "kind": "", "language": "en"}
    data.update(fields)
    return data


def test_the_changelist_links_to_it(client, alice, bob):
    client.force_login(alice)
    assert URL in client.get(reverse("admin:relations_source_changelist")).content.decode()
    client.force_login(bob)  # Reviewers add no sources.
    assert URL not in client.get(reverse("admin:relations_source_changelist")).content.decode()


def test_pasted_text_becomes_a_source_and_opens_its_desk(client, alice, db):
    factories.actor("nursultan-nazarbayev", "Nursultan Nazarbayev", "person", ["Nazarbayev"])
    client.force_login(alice)
    response = client.post(URL, form(content=TEXT, title="Two agreements", published="2016-12", kind="news_article"))
    source = Source.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:relations_source_change", args=[source.pk])
    assert source.body == TEXT.replace("\r\n", "\n")  # The textarea's CRLF, normalised; nothing else changed.
    assert (source.title, str(source.published_partial), source.kind) == ("Two agreements", "2016-12", "news_article")
    desk = client.get(response.url).content.decode()
    assert "with" in desk and "suggestion(s) to accept or reject" in desk
    assert Suggestion.objects.filter(source=source).exists()
    for suggestion in Suggestion.objects.filter(source=source):
        assert f'id="s-{suggestion.pk}"' in desk
        assert source.body[suggestion.start : suggestion.end] == suggestion.text


def test_an_uploaded_text_file_is_taken_as_it_is(client, alice, db):
    client.force_login(alice)
    upload = SimpleUploadedFile("article.txt", TEXT.encode(), content_type="text/plain")
    response = client.post(URL, {**form(title="Uploaded"), "upload": upload})
    assert response.status_code == 302
    assert Source.objects.get().body == TEXT.replace("\r\n", "\n")


def test_an_uploaded_html_page_is_extracted(client, alice, db):
    client.force_login(alice)
    paragraph = "Kazakhstan and Israel signed two agreements on water and agriculture in Astana on Tuesday. " * 4
    html = f"<html><head><title>Agreements signed</title></head><body><nav>Home | News</nav><article><h1>Agreements signed</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"  # noqa: E501
    upload = SimpleUploadedFile("page.html", html.encode(), content_type="text/html")
    response = client.post(URL, {**form(), "upload": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]
    source = Source.objects.get()
    assert "two agreements on water" in source.body and "<p>" not in source.body and "Home | News" not in source.body


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (form(), "Paste the article&#x27;s text or upload a .txt or .html file."),
        (form(content="   \n "), "Paste the article&#x27;s text or upload a .txt or .html file."),
        (form(content=TEXT, published="2016-13"), "is not a real date"),
        (form(content=TEXT, published="December 2016"), "use YYYY, YYYY-MM or YYYY-MM-DD"),
        (form(content=TEXT, url="not a url"), "Enter a valid URL."),
        (form(content=TEXT, kind="poem"), "Select a valid choice."),
    ],
)
def test_bad_input_is_a_form_error_and_everything_typed_is_kept(client, alice, db, fields, error):
    client.force_login(alice)
    fields = {**fields, "title": "My title typed"}
    response = client.post(URL, fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and "Nothing was added" in page
    assert "My title typed" in page
    if fields["content"].strip():
        assert "signed two agreements on Tuesday." in page
    assert not Source.objects.exists()


def test_a_refusal_by_ingest_is_shown_on_the_form(client, alice, source):
    client.force_login(alice)
    response = client.post(URL, form(content=source.body, title="Again"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "already stored as source" in page and source.slug in page
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("article.pdf", b"%PDF-1.4", "Upload a .txt or .html file."),
        ("article.txt", "Kazakhstan".encode("utf-16"), "The file is not UTF-8 text."),
    ],
)
def test_a_bad_upload_is_refused(client, alice, db, name, content, error):
    client.force_login(alice)
    response = client.post(URL, {**form(), "upload": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and "choose it again" in page
    assert not Source.objects.exists()


def test_text_and_file_together_are_refused(client, alice, db):
    client.force_login(alice)
    upload = SimpleUploadedFile("article.txt", TEXT.encode())
    response = client.post(URL, {**form(content=TEXT), "upload": upload})
    assert response.status_code == 400 and "not both" in response.content.decode()


def test_only_editors_may_add_sources(client, bob, charlie, db):
    client.force_login(bob)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(content=TEXT)).status_code == 403
    client.force_login(charlie)
    assert client.get(URL).status_code == 302  # Not staff: to the login page.
    assert not Source.objects.exists()

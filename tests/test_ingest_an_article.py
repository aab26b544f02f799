"""An editor ingests an article from the command line: a source is made and suggestions are stored."""

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from relations.ingest import IngestError, ingest
from relations.models import Actor, ActorAlias, Source, Suggestion
from tests import factories

ARTICLE = (
    "Ministers agree on a gas deal\r\n"
    "The two governments signed an agreement on gas supplies on Tuesday, officials said, ending months of talks.\r\n"
    "“This is a good day for both our peoples,” Energy Minister Jonas Weber said after the ceremony, adding that "
    "deliveries would start in spring.\r\n"
    "Some 4,000 jobs depend on the pipeline, which carries more than $2 billion worth of gas a year.\r\n"
)
HTML = """<!DOCTYPE html>
<html><head><title>Ministers agree on a gas deal | Daily Planet</title>
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2016-12-14T09:00:00Z">
<meta property="og:site_name" content="Daily Planet">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers agree on a gas deal</h1>
<p>The two governments signed an agreement on gas supplies on Tuesday, officials said, ending months of talks
about prices and volumes.</p>
<p>“This is a good day for both our peoples,” Energy Minister Jonas Weber said after the ceremony in the capital,
adding that deliveries would start in spring.</p>
<p>Some 4,000 jobs depend on the pipeline, which carries more than $2 billion worth of gas a year.</p>
</article><footer>© Daily Planet. All rights reserved.</footer></body></html>
"""


def run(*args, stdin=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        old, sys.stdin = sys.stdin, io.StringIO(stdin)
        try:
            call_command(*args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command(*args, stdout=out)
    return out.getvalue()


def counts():
    return (Source.objects.count(), Actor.objects.count(), ActorAlias.objects.count(), Suggestion.objects.count())


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "gas-deal.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_ingest_a_text_file_prints_counts_per_type(db, article):
    out = run("ingest", str(article), "--published", "2016-12-14", "--publisher", "Daily Planet")
    source = Source.objects.get()
    assert out.splitlines()[0] == f"Created source {source.slug} ({len(source.body)} characters)."
    assert "quotes" in out and "figures" in out and "actors" in out and "events" in out
    # Line endings become \n; nothing else changes.
    assert source.body == ARTICLE.replace("\r\n", "\n").strip("\n")
    assert (str(source.published_partial), source.published_basis) == ("2016-12-14", "found")
    assert source.publisher.name == "Daily Planet" and source.publisher.kind == "organisation"
    assert source.suggestions.filter(type="quote").exists()


def test_json_output_anchors_every_suggestion_in_the_body(db, article):
    out = json.loads(run("ingest", str(article), "--published", "2016-12", "--json"))
    source = Source.objects.get(slug=out["source"])
    assert out["suggestions"]
    for s in out["suggestions"]:
        assert source.body[s["start"] : s["end"]] == s["text"]
        assert s["type"] in ("quote", "figure", "actor", "event") and 0 <= s["score"] <= 1
    by_type = {s["type"]: s for s in out["suggestions"]}
    assert set(by_type["quote"]) == {"type", "start", "end", "text", "score", "kind", "speaker", "speaker_text"}
    assert set(by_type["figure"]) == {
        "type", "start", "end", "text", "score", "value", "lower", "upper", "qualifier", "unit", "currency",
        "period", "metric", "date",
    }  # fmt: skip
    assert set(by_type["actor"]) == {"type", "start", "end", "text", "score", "actor", "name", "kind"}
    assert set(by_type["event"]) == {"type", "start", "end", "text", "score", "event", "title", "event_type", "date"}
    quote = by_type["quote"]
    assert (quote["text"], quote["speaker_text"]) == ("This is a good day for both our peoples,", "Jonas Weber")


def test_ingest_from_standard_input(db):
    out = json.loads(run("ingest", "-", "--title", "Gas deal", "--json", stdin=ARTICLE))
    assert Source.objects.get(slug=out["source"]).title == "Gas deal"


def test_ingest_html_takes_the_main_text_and_its_metadata(db, tmp_path):
    path = tmp_path / "gas-deal.html"
    path.write_text(HTML, encoding="utf-8")
    run("ingest", str(path), "--url", "https://example.org/gas-deal")
    source = Source.objects.get()
    assert source.title == "Ministers agree on a gas deal"
    assert str(source.published_partial) == "2016-12-14"
    assert "Home" not in source.body and "All rights reserved" not in source.body
    assert "“This is a good day for both our peoples,” Energy Minister Jonas Weber said" in source.body
    assert [a.name for a in source.authors.all()] == ["Lois Lane"]
    assert source.publisher.name == "Daily Planet"
    assert source.url == "https://example.org/gas-deal"


def test_the_publisher_is_an_actor_found_by_slug_name_or_alias(db):
    planet = factories.actor("daily-planet", "Daily Planet", Actor.Kind.ORGANISATION, ["The Planet"])
    for i, publisher in enumerate(["daily-planet", "daily planet", "The Planet"]):
        source, _ = ingest(f"Article number {i} about gas.", publisher=publisher)
        assert source.publisher == planet
    assert Actor.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt"], "Cannot read /no/such/file.txt"),
        (["{article}", "--published", "14.12.2016"], "--published: '14.12.2016' is not a partial date"),
        (["{article}", "--published", "2016-02-30"], "is not a real date"),
        (["{article}", "--publisher", "no-such-actor"], "No actor has the slug 'no-such-actor'"),
        (["{article}", "--kind", "novel"], "Unknown kind 'novel'"),
        (["{empty}"], "The text is empty"),
        (["{binary}"], "Cannot read"),
    ],
)
def test_bad_input_is_one_clear_line_and_nothing_is_written(db, article, tmp_path, args, message):
    empty = tmp_path / "empty.txt"
    empty.write_text(" \r\n\n ", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    before = counts()
    args = [a.format(article=article, empty=empty, binary=binary) for a in args]
    with pytest.raises(CommandError, match=message) as error:
        run("ingest", *args)
    assert error.value.returncode == 1
    assert "\n" not in str(error.value)
    assert counts() == before


def test_an_exact_duplicate_is_refused_naming_the_source(db, article):
    first = json.loads(run("ingest", str(article), "--json"))["source"]
    before = counts()
    with pytest.raises(CommandError, match=f"already stored as source '{first}'"):
        run("ingest", str(article), "--force")
    assert counts() == before


def test_a_near_duplicate_is_refused_unless_forced(db, article, tmp_path):
    first = json.loads(run("ingest", str(article), "--json"))["source"]
    edited = tmp_path / "edited.txt"
    edited.write_text(ARTICLE.replace("in spring", "in early spring"), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match=rf"near-duplicate of source '{first}' \(\d+% similar\).*--force"):
        run("ingest", str(edited))
    assert counts() == before
    second = json.loads(run("ingest", str(edited), "--force", "--json"))["source"]
    assert second != first and Source.objects.count() == 2


def test_an_unrelated_article_is_not_a_near_duplicate(db, article):
    run("ingest", str(article))
    source, _ = ingest("A completely different story about football, rain and a long night in the city.")
    assert Source.objects.count() == 2 and source.title.startswith("A completely different story")


def test_nothing_is_written_when_the_suggesters_fail(db, monkeypatch):
    def broken(source, known=None):
        raise IngestError("The suggesters failed.")

    monkeypatch.setattr("relations.ingest.suggest", broken)
    before = counts()
    with pytest.raises(IngestError):
        ingest("Some text about gas.", publisher="A New Publisher")
    assert counts() == before


def test_suggest_again_for_a_stored_source(db, article, alice):
    first = json.loads(run("ingest", str(article), "--json"))
    assert run("suggest", first["source"]).startswith("0 new suggestions: 0 quotes, 0 figures, 0 actors, 0 events")
    with pytest.raises(CommandError, match="No source has the slug 'nope'") as error:
        run("suggest", "nope")
    assert error.value.returncode == 1
    # Deleting the open ones and running again proposes them again; decided ones stay decided.
    source = Source.objects.get(slug=first["source"])
    decided = source.suggestions.filter(type="quote").first()
    decided.reject(alice, "Not a quote.")
    source.suggestions.open().delete()
    again = json.loads(run("suggest", source.slug, "--json"))
    assert again["source"] == source.slug
    assert len(again["suggestions"]) == len(first["suggestions"]) - 1
    assert (decided.start, decided.end) not in {
        (s["start"], s["end"]) for s in again["suggestions"] if s["type"] == "quote"
    }

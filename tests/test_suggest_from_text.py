"""Each suggester on small news texts written for the test (not the seed articles): pure functions, no database."""

import datetime
import time

import pytest

from relations.models import PartialDate
from relations.suggest import actors, analyse, dates, events, figures, quotes
from relations.suggest.known import Known, KnownActor, KnownEvent, KnownMetric

WED_7_DEC_2016 = PartialDate(datetime.date(2016, 12, 7), "day")


def known(**extra) -> Known:
    people = {
        "angela-merkel": ("Angela Merkel", "person", ["Angela Merkel", "Merkel"]),
        "emmanuel-macron": ("Emmanuel Macron", "person", ["Emmanuel Macron", "Macron"]),
        "france": ("France", "state", ["France", "Paris"]),
        "germany": ("Germany", "state", ["Germany", "Berlin"]),
        "world-bank": ("World Bank", "organisation", ["World Bank"]),
    }
    return Known(
        actors={slug: KnownActor(slug, name, kind) for slug, (name, kind, _) in people.items()},
        aliases=sorted((alias, slug) for slug, (_, _, aliases) in people.items() for alias in aliases),
        **extra,
    )


def run(text, published=WED_7_DEC_2016, **extra):
    return analyse(text, published, known(**extra))


def spans(body, proposals):
    return [body[p.start : p.end] for p in proposals]


# Quotes.


def test_a_typographic_quote_attributed_after_it():
    body = "“We will not give up on the climate targets,” Merkel said on Tuesday."
    (quote,) = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert body[quote.start : quote.end] == "We will not give up on the climate targets,"
    assert quote.data["speaker"] == "angela-merkel"
    assert quote.data["speaker_text"] == "Merkel"


def test_straight_quotes_and_said_x():
    body = 'The talks were "difficult but honest and open," said Emmanuel Macron after the meeting.'
    (quote,) = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert body[quote.start : quote.end] == "difficult but honest and open,"
    assert quote.data["speaker"] == "emmanuel-macron"


def test_apostrophes_are_not_quotation_marks():
    body = "France’s minister didn’t come. The countries’ ministers met in Berlin's old town."
    assert [p for p in run(body).quotes if p.data["kind"] == "direct_quote"] == []


def test_a_nested_quote_stays_inside_the_outer_one():
    body = "“They called it ‘a turning point’ for the whole region,” Macron said."
    found = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert spans(body, found) == ["They called it ‘a turning point’ for the whole region,"]


def test_a_quote_continued_into_the_next_paragraph():
    body = (
        "Merkel spoke at length. “The first part of the plan is about coal.\n"
        "“The second part is about cars and it will take years,” she said.\n"
        "Nobody asked questions."
    )
    (quote,) = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    text = body[quote.start : quote.end]
    assert text.startswith("The first part") and text.endswith("take years,")
    assert quote.data["speaker"] == "angela-merkel"


def test_a_text_cut_off_mid_quote_ends_at_the_paragraph():
    body = "Macron told reporters: “We are ready to sign the agreement as soon as"
    (quote,) = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert body[quote.start : quote.end] == "We are ready to sign the agreement as soon as"
    assert quote.data["speaker"] == "emmanuel-macron"


def test_x_wrote_and_quoted_x_as_saying():
    body = (
        "Macron wrote in Le Monde that “Europe must defend itself and its values.” "
        "The paper quoted Merkel as saying “we will see what happens next year.”"
    )
    found = {body[p.start : p.end]: p.data["speaker"] for p in run(body).quotes if p.data["kind"] == "direct_quote"}
    assert found == {
        "Europe must defend itself and its values.": "emmanuel-macron",
        "we will see what happens next year.": "angela-merkel",
    }


def test_a_pronoun_or_a_title_is_the_nearest_named_person():
    body = (
        "Chancellor Angela Merkel arrived in Paris on Monday. "
        "“It is a good day for both countries,” the German chancellor said. "
        "“We have waited too long for this,” she added."
    )
    found = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert [p.data["speaker"] for p in found] == ["angela-merkel", "angela-merkel"]


def test_an_unattributed_quote_continues_the_last_speaker():
    body = "“We expect growth next year,” Macron said.\n“But the risks are real and rising.”"
    found = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert [p.data["speaker"] for p in found] == ["emmanuel-macron", "emmanuel-macron"]
    assert found[1].score < found[0].score


def test_a_new_speaker_is_named_by_text_when_unknown():
    body = "“Prices will fall,” said Finance Minister Jonas Weber."
    (quote,) = [p for p in run(body).quotes if p.data["kind"] == "direct_quote"]
    assert quote.data["speaker"] is None
    assert quote.data["speaker_text"] == "Jonas Weber"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Merkel said that the talks had failed.", "angela-merkel"),
        ("The economy will grow by two percent, Macron said.", "emmanuel-macron"),
        ("According to Macron, the deal is close.", "emmanuel-macron"),
        ("In Merkel's words, the plan is dead.", "angela-merkel"),
        ("Germany believes that the deal will hold.", "germany"),
    ],
)
def test_reported_speech_is_a_paraphrase(body, speaker):
    (paraphrase,) = [p for p in run(body).quotes if p.data["kind"] == "paraphrase"]
    assert (paraphrase.start, paraphrase.end) == (0, len(body))
    assert paraphrase.data["speaker"] == speaker


def test_noting_that_continues_the_speaker_before():
    body = "Macron said the talks were useful. He left early, noting that the deal was close."
    found = [p for p in run(body).quotes if p.data["kind"] == "paraphrase"]
    assert [p.data["speaker"] for p in found] == ["emmanuel-macron", "emmanuel-macron"]


# Figures.


def figure(body, **extra):
    found = run(body, **extra).figures
    assert len(found) == 1, [body[p.start : p.end] for p in found]
    p = found[0]
    return body[p.start : p.end], p.data


@pytest.mark.parametrize(
    ("body", "text", "expected"),
    [
        (
            "Trade reached more than $1.2 billion last year.",
            "more than $1.2 billion",
            {
                "value": 1200000000,
                "lower": 1200000000,
                "qualifier": "lower_bound",
                "unit": "currency",
                "currency": "USD",
            },
        ),
        (
            "The fund holds US$300 million in bonds.",
            "US$300 million",
            {"value": 300000000, "qualifier": "exact", "unit": "currency", "currency": "USD"},
        ),
        ("Turnout was 64.5 percent.", "64.5 percent", {"value": 64.5, "unit": "percent"}),
        (
            "Some 4,000 people marched in the rain.",
            "Some 4,000 people",
            {"value": 4000, "unit": "people", "qualifier": "approximate"},
        ),
        ("It happened 30 years ago in a small town.", "30 years ago", {"value": 30, "unit": "years"}),
        (
            "About two decades later the mill closed.",
            "About two decades",
            {"value": 20, "unit": "years", "qualifier": "approximate"},
        ),
        ("One of every five cars sold is electric.", "One of every five cars", {"value": 20, "unit": "percent"}),
        (
            "Between 5,000 and 8,000 workers were laid off.",
            "Between 5,000 and 8,000 workers",
            {"value": 6500, "lower": 5000, "upper": 8000, "qualifier": "range", "unit": "people"},
        ),
        ("Up to 40 percent of the harvest was lost.", "Up to 40 percent", {"upper": 40, "qualifier": "upper_bound"}),
        ("It is the country's third largest bank by assets.", "third largest", {"value": 3, "unit": "rank"}),
        ("They left after three weeks of talks.", "three weeks", {"value": 3, "unit": "weeks"}),
        ("At least 12 candidates registered.", "At least 12 candidates", {"value": 12, "qualifier": "lower_bound"}),
    ],
)
def test_figures_with_their_qualifiers_and_units(body, text, expected):
    found_text, data = figure(body)
    assert found_text == text
    assert {key: data[key] for key in expected} == expected


def test_dates_are_not_figures():
    body = "On 14 December 2016 the bank opened; by 2018 it had moved, and in March 2019 it closed."
    assert run(body).figures == []


def test_a_figure_holds_for_the_date_of_its_sentence_or_the_publication():
    body = "In 2015 exports were $3 billion. Imports are now $2 billion."
    found = run(body).figures
    assert [p.data["date"] for p in found] == ["2015", "2016-12-07"]


def test_a_metric_is_proposed_when_the_context_fits():
    metrics = [
        KnownMetric("exports-annual", "Annual exports", "Goods exported in a year, in money.", "annual"),
        KnownMetric("population", "Population", "People living in a country.", "point"),
    ]
    _, data = figure("Annual exports of the country reached $3 billion.", metrics=metrics)
    assert (data["metric"], data["period"]) == ("exports-annual", "annual")
    _, data = figure("The weather was fine for 3 days.", metrics=metrics)
    assert data["metric"] is None


# Actors.


def test_every_known_alias_is_found_on_word_boundaries_and_by_case():
    body = "Merkel met Macron in Paris. A turkey is not Turkey; Germanyx is no word. The World Bank agreed."
    found = [(body[m.start : m.end], m.actor) for m in run(body).mentions if m.actor]
    assert found == [
        ("Merkel", "angela-merkel"),
        ("Macron", "emmanuel-macron"),
        ("Paris", "france"),
        ("World Bank", "world-bank"),
    ]


def test_a_misspelt_name_is_the_known_actor():
    body = "Chancellor Angela Merkell spoke first."
    (mention,) = [m for m in run(body).mentions if m.actor]
    assert (mention.actor, mention.how) == ("angela-merkel", "fuzzy")


@pytest.mark.parametrize(
    ("body", "name", "kind"),
    [
        ("Deputy Ambassador Erik Lindqvist arrived.", "Erik Lindqvist", "person"),
        ("Defense Minister Ola Nordmann Hansen spoke.", "Ola Nordmann Hansen", "person"),
        ("Students at the Institute of Diplomacy listened.", "Institute of Diplomacy", "organisation"),
        ("Shares fell on the Oslo Stock Exchange.", "Oslo Stock Exchange", "organisation"),
        ("Talks with Norway went well.", "Norway", "state"),
        ("Jonas Weber, the finance minister, resigned.", "Jonas Weber", "person"),
    ],
)
def test_new_names_are_proposed_with_a_kind(body, name, kind):
    new = [(m.text, m.kind) for m in run(body).mentions if m.actor is None]
    assert (name, kind) in new


def test_a_surname_alone_is_the_person_named_before():
    body = "Deputy Ambassador Erik Lindqvist arrived. Lindqvist said little."
    new = [m for m in run(body).mentions if m.actor is None]
    assert [(m.text, m.name) for m in new] == [("Erik Lindqvist", "Erik Lindqvist"), ("Lindqvist", "Erik Lindqvist")]


def organisations(*names: tuple[str, str, str]) -> Known:
    """A Known of the test's people and states plus organisations given as (slug, name, kind)."""
    k = known()
    for slug, name, kind in names:
        k.actors[slug] = KnownActor(slug, name, kind)
        k.aliases.append((name, slug))
    return k


def linked(body, k):
    return [(body[m.start : m.end], m.actor) for m in actors.find(body, k) if m.actor]


def test_an_acronym_of_a_known_name_is_that_organisation():
    k = organisations(("osce", "Organization for Security and Co-operation in Europe", "organisation"))
    body = "The OSCE sent observers to the vote."
    assert linked(body, k) == [("OSCE", "osce")]


def test_an_owners_acronym_is_the_owners_organisation():
    k = organisations(
        ("mfa-france", "Ministry of Foreign Affairs of France", "organisation"),
        ("mfa-germany", "Ministry of Foreign Affairs of Germany", "organisation"),
    )
    body = "A note from France’s MFA reached Berlin. Nobody at the MFA commented."
    # "the MFA" alone could be either ministry: not linked.
    assert linked(body, k) == [("France", "france"), ("MFA", "mfa-france"), ("Berlin", "germany")]


def test_a_renamed_organisation_with_the_same_initials_is_the_known_one():
    k = organisations(("iaea", "International Atomic Energy Agency", "organisation"))
    body = "Inspectors from the International Atomic Energy Authority arrived."
    assert linked(body, k) == [("International Atomic Energy Authority", "iaea")]
    # A name that differs by its country is another organisation.
    k = organisations(("nbg", "National Bank of Ghana", "organisation"))
    assert linked("A loan from the National Bank of Kenya arrived.", k) == []


def test_a_bare_organisation_word_is_the_one_of_a_state_named_in_the_text():
    k = organisations(
        ("norway", "Norway", "state"),
        ("parliament-of-norway", "Parliament of Norway", "organisation"),
        ("parliament-of-sweden", "Parliament of Sweden", "organisation"),
    )
    body = "Norway will vote on the budget. The speaker of the Parliament said so."
    assert linked(body, k) == [("Norway", "norway"), ("Parliament", "parliament-of-norway")]
    # No state of a known parliament named: the word stays unlinked.
    assert linked("The speaker of the Parliament said so.", k) == []


def test_an_organisation_word_is_no_spelling_of_one_organisation():
    k = organisations(("un-io-division", "UN International Organizations Division", "organisation"))
    body = "Delegates of the Organization of Space Researchers met."
    assert linked(body, k) == []


def test_the_alias_pass_stays_fast_with_100k_aliases():
    big = known()
    big.actors.update({f"a{i}": KnownActor(f"a{i}", f"Person{i} Name{i}", "person") for i in range(100_000)})
    big.aliases += [(f"Person{i} Name{i}", f"a{i}") for i in range(100_000)]
    body = "Person77 Name77 met Merkel. " * 300
    started = time.perf_counter()
    found = actors.find(body, big)
    assert {m.actor for m in found} == {"a77", "angela-merkel"}
    # Not a benchmark (benchmarks/suggest_speed.py is): only a guard against a quadratic slip.
    assert time.perf_counter() - started < 30


# Dates.


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("next Tuesday", "2016-12-13"),
        ("last Monday", "2016-12-05"),
        ("on Wednesday", "2016-12-07"),
        ("yesterday", "2016-12-06"),
        ("last August", "2016-08"),
        ("next March", "2017-03"),
        ("on March 11", "2016-03-11"),
        ("this week", "2016-12"),
        ("last year", "2015"),
        ("14 December 2016", "2016-12-14"),
        ("December 2016", "2016-12"),
        ("in 1991", "1991"),
    ],
)
def test_dates_relative_to_the_publication_day(phrase, expected):
    (found,) = dates.find(f"It happens {phrase}, they said.", WED_7_DEC_2016)
    assert str(found.date) == expected


def test_dates_are_never_more_precise_than_the_publication_date():
    month_only = PartialDate(datetime.date(2016, 12, 1), "month")
    (found,) = dates.find("He leaves next Tuesday.", month_only)
    assert str(found.date) == "2016-12"
    year_only = PartialDate(datetime.date(2016, 1, 1), "year")
    assert [str(d.date) for d in dates.find("He came last August.", year_only) if d.date] == []
    assert [d.date for d in dates.find("He comes next Tuesday.", None)] == [None]


# Events.


def test_a_known_event_is_matched_by_type_date_and_participants():
    summit = KnownEvent(
        "berlin-summit-2016",
        "Merkel and Macron summit in Berlin",
        "meeting",
        PartialDate(datetime.date(2016, 12, 13), "day"),
        None,
        frozenset({"angela-merkel", "emmanuel-macron"}),
        "Berlin",
    )
    election = KnownEvent(
        "french-election-2017",
        "French presidential election",
        "election",
        PartialDate(datetime.date(2017, 4, 23), "day"),
        None,
        frozenset({"emmanuel-macron"}),
    )
    body = "Merkel will hold talks with Macron in Berlin next Tuesday."
    found = run(body, events=[summit, election]).events
    assert [p.data["event"] for p in found][0] == "berlin-summit-2016"
    assert found[0].score > 0.7


def test_a_quote_inherits_its_speakers_occasion_near_the_publication_date():
    interview = KnownEvent(
        "merkel-interview-2016",
        "Interview with Angela Merkel",
        "meeting",
        PartialDate(datetime.date(2016, 12, 5), "day"),
        None,
        frozenset({"angela-merkel"}),
    )
    old_op_ed = KnownEvent(
        "merkel-op-ed-2014",
        "Op-ed by Angela Merkel",
        "publication",
        PartialDate(datetime.date(2014, 3, 1), "day"),
        None,
        frozenset({"angela-merkel"}),
    )
    # The quote names no event: only its speaker ties it to one.
    body = "Merkel spoke on Monday.\n“We have very little water left in the region,” she said."
    k = known(events=[interview, old_op_ed])
    mentions = actors.find(body, k)
    said = quotes.find(body, mentions)

    def occasions(published=WED_7_DEC_2016):
        """The event proposals that the quotes add."""
        without = events.find(body, mentions, [], published, k)
        found = events.find(body, mentions, [], published, k, said)
        return [(body[p.start : p.end], p.data["event"]) for p in found if p not in without]

    assert occasions() == [("“We have very little water left in the region,” she said.", "merkel-interview-2016")]
    # Not an occasion more than a month before the article.
    assert occasions(PartialDate(datetime.date(2017, 6, 1), "day")) == []
    # Another speaker's words do not inherit her occasion.
    said[0].data["speaker"] = "emmanuel-macron"
    assert occasions() == []


def test_an_event_days_after_the_publication_date_holds_for_an_undated_sentence():
    def visit(slug, day):
        participants = frozenset({"emmanuel-macron", "germany"})
        return KnownEvent(slug, "Macron visit to Berlin", "visit", PartialDate(day, "day"), None, participants)

    december = visit("macron-visit-berlin-december-2016", datetime.date(2016, 12, 13))
    march = visit("a-macron-visit-berlin-march-2016", datetime.date(2016, 3, 1))
    # "will travel" on 7 December, for the visit of the 13th rather than March's (both within a year).
    body = "Macron will travel to Berlin to boost ties."
    found = run(body, events=[march, december]).events
    assert [p.data["event"] for p in found][0] == "macron-visit-berlin-december-2016"


def test_a_study_is_a_publication_cue():
    study = KnownEvent(
        "trade-study-2016",
        "Study on European trade, farming, energy and transport",
        "publication",
        PartialDate(datetime.date(2016, 6, 1), "month"),
        None,
        frozenset({"world-bank"}),
    )
    body = "As the study’s authors argue, much remains to be done."
    (event,) = run(body, events=[study]).events
    assert (event.data["event"], event.data["event_type"]) == ("trade-study-2016", "publication")


def test_the_headline_reports_the_articles_main_event_of_its_type():
    def event(slug, title, event_type):
        day = PartialDate(datetime.date(2016, 12, 6), "day")
        return KnownEvent(slug, title, event_type, day, None, frozenset({"emmanuel-macron", "germany"}))

    visit = event("macron-visit-berlin-2016", "Macron visit to Berlin", "visit")
    talks = event("macron-merkel-talks-2016", "Macron and Merkel talks on budgets", "meeting")
    body = (
        "Visiting President Says Ties Are Strong\n"
        "Macron visited Berlin on Tuesday.\n"
        "He held talks with Merkel on budgets. The talks with Merkel on budgets went on. The talks ended late."
    )
    found = run(body, events=[talks, visit]).events
    # The talks fill more of the article, but the headline names a visit.
    assert [(p.data["event"], p.score) for p in found if p.end <= 39] == [("macron-visit-berlin-2016", 0.5)]
    # A first paragraph that ends with a full stop is no headline: only a new event is proposed for it.
    found = run(body.replace("Strong\n", "strong.\n"), events=[talks, visit]).events
    assert [p.data["event"] for p in found if p.end <= 40] == [None]


def test_a_new_event_is_proposed_when_none_is_known():
    body = "The two countries signed an agreement on gas supplies on 3 May 2016."
    (event,) = run(body).events
    assert event.data == {
        "event": None,
        "title": "The two countries signed an agreement on gas supplies on 3 May 2016",
        "event_type": "agreement",
        "date": "2016-05-03",
    }


def test_quotes_and_figures_modules_work_alone():
    body = "“Exports rose 5 percent,” Merkel said."
    mentions = actors.find(body, known())
    assert quotes.find(body, mentions)[0].data["speaker"] == "angela-merkel"
    assert figures.find(body, [], None, known())[0].data["unit"] == "percent"

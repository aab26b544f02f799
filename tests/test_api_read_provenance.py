"""A consumer reads a claim or figure and finds, inline, where it comes from."""

from relations.models import Source


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_a_claim_carries_its_provenance(client, published, source):
    claim = published["claim"]
    data = get(client, f"/api/v1/claims/{claim.uid}/")
    assert data["id"] == str(claim.uid)
    assert data["quote"] == {
        "exact": "some $2.5 billion annual trade",
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "start": claim.start,
        "end": claim.end,
    }
    assert source.body[data["quote"]["start"] : data["quote"]["end"]] == data["quote"]["exact"]
    assert data["source"]["id"] == "jpost-2010"
    assert data["source"]["title"] == source.title
    assert data["source"]["published"] == {"date": "2010-05", "precision": "month"}
    assert data["source"]["published_basis"] == "inferred"
    assert data["kind"] == "author_assertion" and data["speaker"] is None
    assert [s["id"] for s in data["subjects"]] == ["kazakhstan"]
    assert data["event"]["id"] == "kadex-2010"
    assert data["topics"] == ["trade"]
    assert data["reviewed_at"]
    assert data["figures"][0]["value"] == "2500000000"


def test_a_quote_names_its_speaker(client, published):
    data = get(client, f"/api/v1/claims/{published['quote'].uid}/")
    assert data["kind"] == "direct_quote"
    assert data["speaker"]["id"] == "nursultan-nazarbayev"
    assert data["speaker"]["name"] == "Nursultan Nazarbayev"


def test_a_figure_carries_its_span_and_its_claims_provenance(client, published, source):
    figure = published["figure"]
    data = get(client, f"/api/v1/figures/{figure.uid}/")
    assert data["metric"]["id"] == "bilateral-trade-annual"
    assert (data["value"], data["lower"], data["upper"]) == ("2500000000", None, None)
    assert (data["qualifier"], data["unit"], data["currency"], data["period"]) == (
        "approximate",
        "currency",
        "USD",
        "annual",
    )
    assert data["date"] == {"date": "2010", "precision": "year"}
    assert data["span"]["exact"] == "$2.5 billion"
    assert source.body[data["span"]["start"] : data["span"]["end"]] == "$2.5 billion"
    assert data["claim"]["quote"]["exact"] == "some $2.5 billion annual trade"
    assert data["claim"]["source"]["title"] == source.title


def test_links_walk_from_figure_to_claim_to_source_to_its_claims(client, published):
    figure = get(client, f"/api/v1/figures/{published['figure'].uid}/")
    claim = get(client, figure["claim"]["url"])
    source = get(client, claim["source"]["url"])
    claims = get(client, source["claims"])
    assert {c["id"] for c in claims["results"]} == {str(published["claim"].uid), str(published["quote"].uid)}


def test_the_full_text_of_a_source_is_never_served(client, published, source):
    body = Source.objects.get(pk=source.pk).body
    for url in ["/api/v1/sources/", "/api/v1/sources/jpost-2010/", "/api/v1/claims/", "/api/v1/figures/"]:
        text = client.get(url).content.decode()
        assert body not in text
        assert '"body"' not in text
    data = get(client, "/api/v1/sources/jpost-2010/")
    assert data["body_sha256"] == source.body_sha256


def test_a_metric_compares_its_figures_across_sources(client, published):
    data = get(client, "/api/v1/metrics/bilateral-trade-annual/")
    assert [row["exact"] for row in data["comparison"]] == ["$2.5 billion"]
    assert data["comparison"][0]["source"]["id"] == "jpost-2010"
    assert data["comparison"][0]["statement"] == published["claim"].statement


def test_an_actor_lists_aliases_and_an_event_its_participants(client, published):
    actor = get(client, "/api/v1/actors/nursultan-nazarbayev/")
    assert actor["aliases"] == ["Nazarbayev"]
    event = get(client, "/api/v1/events/kadex-2010/")
    [participant] = event["participants"]
    assert (participant["actor"]["id"], participant["role"]) == ("nursultan-nazarbayev", "host")
    assert event["start"] == {"date": "2010-05", "precision": "month"}
    assert event["country"]["id"] == "kazakhstan"

"""What the benchmark requests: one Case per measured page. Add an endpoint here and it is measured.

`sample` holds real values picked from the database under test (a published claim's uid, a speaker's slug…),
so that every filter and detail page hits data that exists at every size.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    group: str  # "api list", "api detail", "api search", "site", "admin"
    name: str
    path: str
    admin: bool = False  # request as a signed-in superuser


def api_cases(sample: dict) -> list[Case]:
    s = sample
    # Claims and figures ask for pages of 50, the size of the baseline's page, so that × base compares like
    # with like; the API's default page is 20.
    claims, figures = "/api/v1/claims/?page_size=50", "/api/v1/figures/?page_size=50"
    lists = [
        ("claims", claims),
        ("claims, deep page", s["claims_deep_page"]),
        ("claims, default page (20)", "/api/v1/claims/"),
        ("claims, page of 100", "/api/v1/claims/?page_size=100"),
        ("claims by speaker", f"{claims}&speaker={s['speaker']}"),
        ("claims by subject actor", f"{claims}&subject={s['subject']}"),
        ("claims by actor (either role)", f"{claims}&actor={s['subject']}"),
        ("claims by a rare subject", f"{claims}&subject={s['rare_subject']}"),
        ("claims by a rare actor (either role)", f"{claims}&actor={s['rare_subject']}"),
        ("claims by source", f"{claims}&source={s['source']}"),
        ("claims by event", f"{claims}&event={s['event']}"),
        ("claims by topic", f"{claims}&topic={s['topic']}"),
        ("claims by kind", f"{claims}&kind=paraphrase"),
        ("claims by date range", f"{claims}&date_from=2010&date_to=2012"),
        ("figures", figures),
        ("figures, deep page", s["figures_deep_page"]),
        ("figures by metric", f"{figures}&metric={s['metric']}"),
        ("figures by unit", f"{figures}&unit=percent"),
        ("figures by subject actor", f"{figures}&subject={s['subject']}"),
        ("figures by date range", f"{figures}&date_from=2010&date_to=2012"),
        ("sources", "/api/v1/sources/"),
        ("sources by publisher", f"/api/v1/sources/?publisher={s['publisher']}"),
        ("sources by date range", "/api/v1/sources/?date_from=2010&date_to=2012"),
        ("actors", "/api/v1/actors/"),
        ("actors by kind", "/api/v1/actors/?kind=person"),
        ("events", "/api/v1/events/"),
        ("events by type", "/api/v1/events/?type=visit"),
        ("events by participant", f"/api/v1/events/?participant={s['subject']}"),
        ("events by country", f"/api/v1/events/?country={s['country']}"),
        ("metrics", "/api/v1/metrics/"),
        ("topics", "/api/v1/topics/"),
    ]
    name = s["search_name"]  # a speaker's surname: found in about 1 % of claims at 1M, more in smaller corpora
    searches = [
        ("claims ?q= a surname", f"{claims}&q={name}"),
        ("claims ?q= a common word (10 % of claims)", f"{claims}&q=oil"),
        ("claims ?q= two words", f"{claims}&q={name}+irrigation"),
        ("claims ?q= a word in no claim", f"{claims}&q=zeppelin"),
        ("figures ?q=", f"{figures}&q=oil"),
        ("actors ?q=", f"/api/v1/actors/?q={name}"),
    ]
    details = [
        ("claim", f"/api/v1/claims/{s['claim']}/"),
        ("figure", f"/api/v1/figures/{s['figure']}/"),
        ("source", f"/api/v1/sources/{s['source']}/"),
        ("actor", f"/api/v1/actors/{s['speaker']}/"),
        ("event", f"/api/v1/events/{s['event']}/"),
        ("metric (its figures across sources)", f"/api/v1/metrics/{s['metric']}/"),
        ("topic", f"/api/v1/topics/{s['topic']}/"),
    ]
    return (
        [Case("api list", name, path) for name, path in lists]
        + [Case("api search", name, path) for name, path in searches]
        + [Case("api detail", name, path) for name, path in details]
    )


def site_cases(sample: dict) -> list[Case]:
    """The public reading site's pages (relations/site/), rendered from templates."""
    s = sample
    pages = [
        ("home", "/"),
        ("claim", f"/claims/{s['claim']}/"),
        ("metric chart", f"/metrics/{s['metric']}/"),
        ("events timeline", "/events/"),
        ("events timeline, filtered", f"/events/?year=2012&type=visit&actor={s['subject']}"),
        ("actor (a speaker)", f"/actors/{s['speaker']}/"),
        ("actor (a subject)", f"/actors/{s['subject']}/"),
        ("source", f"/sources/{s['source']}/"),
        ("search", f"/search/?q={s['search_name']}"),
        ("search, a common word", "/search/?q=oil"),
    ]
    return [Case("site", name, path) for name, path in pages]


def admin_cases(sample: dict) -> list[Case]:
    changelist = "/admin/relations/claim/"
    return [
        Case("admin", "claim changelist", changelist, admin=True),
        Case("admin", "claim changelist, filtered by status", f"{changelist}?status__exact=approved", admin=True),
        Case("admin", "claim changelist, searched", f"{changelist}?q={sample['search_name']}", admin=True),
        Case("admin", "claim change page", f"{changelist}{sample['claim_pk']}/change/", admin=True),
    ]

"""What the benchmark requests: one Case per measured page. Add an endpoint here and it is measured.

`sample` holds real values picked from the database under test (a published claim's uid, a speaker's slug…),
so that every filter and detail page hits data that exists at every size.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    group: str  # "api list", "api detail", "api search", "admin"
    name: str
    path: str
    admin: bool = False  # request as a signed-in superuser


def api_cases(sample: dict) -> list[Case]:
    s = sample
    lists = [
        ("claims", "/api/v1/claims/"),
        ("claims, deep page", s["claims_deep_page"]),
        ("claims by speaker", f"/api/v1/claims/?speaker={s['speaker']}"),
        ("claims by subject actor", f"/api/v1/claims/?subject={s['subject']}"),
        ("claims by actor (either role)", f"/api/v1/claims/?actor={s['subject']}"),
        ("claims by source", f"/api/v1/claims/?source={s['source']}"),
        ("claims by event", f"/api/v1/claims/?event={s['event']}"),
        ("claims by topic", f"/api/v1/claims/?topic={s['topic']}"),
        ("claims by kind", "/api/v1/claims/?kind=paraphrase"),
        ("claims by date range", "/api/v1/claims/?published_after=2010-01-01&published_before=2012-12-31"),
        ("claims, page of 100", "/api/v1/claims/?page_size=100"),
        ("figures", "/api/v1/figures/"),
        ("figures, deep page", s["figures_deep_page"]),
        ("figures by metric", f"/api/v1/figures/?metric={s['metric']}"),
        ("figures by unit", "/api/v1/figures/?unit=percent"),
        ("figures by subject actor", f"/api/v1/figures/?subject={s['subject']}"),
        ("sources", "/api/v1/sources/"),
        ("actors", "/api/v1/actors/"),
        ("actors by kind", "/api/v1/actors/?kind=person"),
        ("events", "/api/v1/events/"),
        ("events by type", "/api/v1/events/?event_type=visit"),
        ("events by participant", f"/api/v1/events/?participant={s['subject']}"),
        ("metrics", "/api/v1/metrics/"),
        ("topics", "/api/v1/topics/"),
    ]
    searches = [
        ("claims ?q= a name", "/api/v1/claims/?q=Nazarbayev"),
        ("claims ?q= a common word", "/api/v1/claims/?q=oil"),
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


def admin_cases(sample: dict) -> list[Case]:
    changelist = "/admin/relations/claim/"
    return [
        Case("admin", "claim changelist", changelist, admin=True),
        Case("admin", "claim changelist, filtered by status", f"{changelist}?status__exact=approved", admin=True),
        Case("admin", "claim changelist, searched", f"{changelist}?q=Nazarbayev", admin=True),
        Case("admin", "claim change page", f"{changelist}{sample['claim_pk']}/change/", admin=True),
    ]

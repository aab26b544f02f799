"""Who may open what in the relations admin: every role × every URL (both methods) × every action.

The URLs and actions come from the admin's own patterns (each ModelAdmin's get_urls() and get_actions()),
so a new view or action fails here until its expectation is declared in ROUTES or ACTIONS below.
Anonymous visitors and staff without a group never see a draft's statement or quote in any response.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import RequestFactory

from relations.models import Claim, ClaimInReview, Figure, Suggestion
from tests import factories

ROLES = ["anonymous", "staff_without_group", "editor", "reviewer", "editor_and_reviewer", "superuser"]
# What only the editorial desk may read.
DRAFT_STATEMENT = "Draft statement that only the desk may read"
DRAFT_QUOTE = "We are friends"


def relations_admins():
    return [(m, a) for m, a in admin.site._registry.items() if m._meta.app_label == "relations"]


# Path parameters of the relations admin's URLs, and the placeholder each becomes in a route.
PARAMETERS = {
    "object_id": "id",
    "source_id": "id",  # the desk's views on one source
    "suggestion_id": "suggestion",
    "claim_id": "claim",
    "step": "step",
}


def route_of(pattern) -> str:
    """A URL pattern of a ModelAdmin, written with {id}, {history}… for its parameters."""
    text = str(pattern.pattern)
    if text == "^([^/]+)/history/([^/]+)/$":  # simple-history's one regex
        return "{id}/history/{history}/"
    unknown = set(re.findall(r"<(?:\w+:)?(\w+)>", text)) - set(PARAMETERS)
    assert not unknown and not text.startswith("^"), f"Declare how to fill {text!r}"
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{" + PARAMETERS[m.group(1)] + "}", text)


class Can:
    """A role's rights on one model, as the groups in relations/roles.py grant them."""

    def __init__(self, user, model):
        self.user, self.model = user, model

    def __call__(self, action):
        if self.user is None:
            return False
        if action == "submit":
            return self.user.has_perm("relations.change_claim")
        if action == "curate":  # the desk: accept or reject suggestions, add a claim from a selection
            return self.user.has_perm("relations.change_source") and self.user.has_perm("relations.add_claim")
        if action == "ingest":  # a new source from text, with its suggestions
            return self.user.has_perm("relations.add_source") and self.user.has_perm("relations.add_claim")
        if action == "review":
            return self.user.has_perm("relations.review_claim")
        opts = self.model._meta
        if opts.proxy:  # the review queue: reviewers read it; nobody adds, changes or deletes through it
            return action == "view" and self.user.has_perm("relations.review_claim")
        if self.model is Figure and action == "add":  # a figure is added on its claim's page
            return False
        if action == "view":
            return self(f"view_{opts.model_name}") or self(f"change_{opts.model_name}")
        if action in ("add", "change", "delete"):
            return self.user.has_perm(f"relations.{action}_{opts.model_name}")
        return self.user.has_perm(f"relations.{action}")


def allowed(ok, yes, no=403):
    return yes if ok else no


# route → (expected GET status, expected POST status), from the role's rights `can` and the record's state.
ROUTES = {
    "": lambda can, rec: (allowed(can("view"), 200), allowed(can("view"), 200)),
    "add/": lambda can, rec: (allowed(can("add"), 200), allowed(can("add"), 200)),
    "{id}/change/": lambda can, rec: (
        (allowed(can("view"), 302), allowed(can("view"), 302))
        if rec._meta.proxy  # the queue sends a reviewer to the claim's own page
        else (allowed(can("view"), 200), allowed(can("change"), 200))
    ),
    "{id}/": lambda can, rec: (302, 302),  # Django's redirect to the change page, which checks
    "{id}/history/": lambda can, rec: (allowed(can("view"), 200), allowed(can("view"), 200)),
    # Reading an old version: yes; reverting to it (a POST): never, it would bypass the review workflow.
    "{id}/history/{history}/": lambda can, rec: (allowed(can("view"), 200), 403),
    # The delete page; a POST deletes (302) unless claims rest on the record (the "cannot delete" page).
    "{id}/delete/": lambda can, rec: (allowed(can("delete"), 200), allowed(can("delete"), rec.delete_post_status)),
    # Review steps change the claim: on a GET they send back to the claim; the model refuses what it must.
    "{id}/submit/": lambda can, rec: (allowed(can("submit"), 302), allowed(can("submit"), 302)),
    "{id}/approve/": lambda can, rec: (allowed(can("review"), 302), allowed(can("review"), 302)),
    "{id}/reject/": lambda can, rec: (allowed(can("review"), 302), allowed(can("review"), 302)),
    # The editor's desk on a source (relations/admin/desk.py): its steps are POSTs, a GET is refused.
    "new-from-text/": lambda can, rec: (allowed(can("ingest"), 200), allowed(can("ingest"), 400)),  # empty form
    "{id}/suggestions/{suggestion}/accept/": lambda can, rec: (403, allowed(can("curate"), 302)),
    "{id}/suggestions/{suggestion}/reject/": lambda can, rec: (403, allowed(can("curate"), 302)),
    "{id}/claims/new/": lambda can, rec: (403, allowed(can("curate"), 302)),  # no selection: to the full form
    "{id}/review/": lambda can, rec: (allowed(can("review"), 200), allowed(can("review"), 200)),
    "{id}/review/{claim}/{step}/": lambda can, rec: (403, allowed(can("review"), 302)),
}

# (model name, action) → the right it needs, and how to tell from the response that it ran.
ACTIONS = {
    ("claim", "submit_selected"): ("submit", lambda r, w: Claim.objects.get(pk=w["draft"].pk).status == "in_review"),
    ("claim", "approve_selected"): ("review", lambda r, w: Claim.objects.get(pk=w["review"].pk).status == "approved"),
    ("claim", "reject_selected"): ("review", lambda r, w: "Reject these claims?" in r.content.decode()),
    ("claiminreview", "approve_selected"): (
        "review",
        lambda r, w: Claim.objects.get(pk=w["review"].pk).status == "approved",
    ),
    ("claiminreview", "reject_selected"): ("review", lambda r, w: "Reject these claims?" in r.content.decode()),
}
for _model, _ in relations_admins():
    if _model._meta.model_name != "claiminreview":
        ACTIONS[(_model._meta.model_name, "delete_selected")] = (
            "delete",
            # The confirmation page, or the page saying what rests on the record and cannot be deleted.
            lambda r, w: (
                r.status_code == 200
                and ("Are you sure you want to delete" in r.content.decode() or "Cannot delete" in r.content.decode())
            ),
        )


@pytest.fixture
def world(db, django_user_model):
    def staff(name, *groups, **extra):
        user = django_user_model.objects.create_user(name, password=f"{name}-password-1", is_staff=True, **extra)
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    users = {
        "anonymous": None,
        "staff_without_group": staff("nogroup"),
        "editor": staff("editor", "Editors"),
        "reviewer": staff("reviewer", "Reviewers"),
        "editor_and_reviewer": staff("both", "Editors", "Reviewers"),
        "superuser": staff("root", is_superuser=True),
    }
    author, reviewer = staff("author", "Editors"), staff("other-reviewer", "Reviewers")
    source = factories.source()
    published = factories.published_world(source, author, reviewer)
    draft = factories.claim(
        source, DRAFT_QUOTE, kind=Claim.Kind.DIRECT_QUOTE, speaker=published["actor"], statement=DRAFT_STATEMENT
    )
    review = factories.claim(source, "that is the story", created_by=author)
    review.submit(author)
    records = {
        "claim": draft,
        "claiminreview": ClaimInReview.objects.get(pk=review.pk),
        "figure": factories.figure(published["claim"], "$2.5 billion", "2500000000"),
        "source": source,
        "actor": published["actor"],
        "event": published["event"],
        "metric": factories.metric(),
        "topic": factories.topic(),
    }
    # An open suggestion on the source, for the desk's accept and reject steps: a known actor's mention.
    start = source.body.index("Kazakhstan")
    suggestion = Suggestion.objects.create(
        source=source,
        type=Suggestion.Type.ACTOR,
        start=start,
        end=start + len("Kazakhstan"),
        text="Kazakhstan",
        score=0.9,
        data={"actor": "kazakhstan", "name": "Kazakhstan", "kind": "state"},
    )
    # Approving the draft world put figure edits on the approved claim back in review: approve it again.
    Claim.objects.get(pk=published["claim"].pk).approve(reviewer)
    return {"users": users, "records": records, "draft": draft, "review": review, "suggestion": suggestion}


def request_as(client, method, url, data):
    """One request whose changes are rolled back, so every cell of the matrix starts from the same world."""
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    return response


def record_for(model, records):
    record = records[model._meta.model_name]
    # Claims rest on these sources, actors, events and metrics: their delete POST shows "cannot delete".
    record.delete_post_status = 302 if model._meta.model_name in ("claim", "figure", "topic") else 200
    return record


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_answers_each_role_as_declared(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    wrong, seen = [], 0
    for model, model_admin in relations_admins():
        record = record_for(model, world["records"])
        history = model.history.filter(id=record.pk).first() if hasattr(model, "history") else None
        can = Can(user, model)
        for pattern in model_admin.get_urls():
            route = route_of(pattern)
            assert route in ROUTES, f"{model.__name__}: declare who may open {route!r} in ROUTES"
            url = f"/admin/relations/{model._meta.model_name}/" + route.format(
                id=record.pk,
                history=history.history_id if history else 0,
                suggestion=world["suggestion"].pk,
                claim=world["review"].pk,
                step="approve",
            )
            expected = (302, 302) if user is None else ROUTES[route](can, record)
            for method, status in zip(("get", "post"), expected, strict=True):
                response = request_as(client, method, url, {"post": "yes"} if method == "post" else {})
                seen += 1
                if response.status_code != status:
                    wrong.append(f"{method.upper()} {url}: {response.status_code}, expected {status}")
                if user is None and response.status_code == 302:
                    assert response["Location"].startswith("/admin/login/"), url
                if role in ("anonymous", "staff_without_group"):
                    body = response.content.decode()
                    assert DRAFT_STATEMENT not in body and DRAFT_QUOTE not in body, f"{method} {url} leaks"
    assert not wrong, "\n".join(wrong)
    assert seen == 2 * sum(len(a.get_urls()) for _, a in relations_admins())


@pytest.mark.parametrize("role", ROLES)
def test_every_changelist_action_runs_only_for_the_roles_allowed(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    superuser = RequestFactory().get("/")
    superuser.user = world["users"]["superuser"]
    selected = [world["draft"].pk, world["review"].pk]
    for model, model_admin in relations_admins():
        name = model._meta.model_name
        changelist = f"/admin/relations/{name}/"
        pks = selected if model is Claim or model._meta.proxy else [world["records"][name].pk]
        for action in model_admin.get_actions(superuser):
            assert (name, action) in ACTIONS, f"declare who may run {name}.{action} in ACTIONS"
            right, ran = ACTIONS[(name, action)]
            with transaction.atomic():
                response = client.post(changelist, {"action": action, "_selected_action": pks})
                did_run = ran(response, world)
                transaction.set_rollback(True)
            may = user is not None and Can(user, model)(right) and Can(user, model)("view")
            assert did_run == may, f"{role}: {name}.{action} ran={did_run}, expected {may}"
            if not may:
                assert response.status_code in (302, 403, 200)
            if role in ("anonymous", "staff_without_group"):
                assert DRAFT_STATEMENT not in response.content.decode()


def test_the_matrix_covers_every_route_and_action():
    routes = {route_of(p) for _, a in relations_admins() for p in a.get_urls()}
    assert routes == set(ROUTES)

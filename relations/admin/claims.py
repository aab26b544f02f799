"""Claims with their figures inline, the review workflow, and the review queue."""

from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from relations.models import Actor, Claim, ClaimInReview, ConcurrentEdit, Figure, InvalidTransition
from relations.models.claims import SearchDocument, may_submit

from .base import GuardedAdmin
from .filters import SlugFilter
from .forms import ClaimForm, FigureForm, FigureFormSet, RejectForm
from .highlight import quote_in_context
from .paginator import EstimatedCountPaginator


class FigureInline(admin.StackedInline):
    model = Figure
    form = FigureForm
    formset = FigureFormSet
    extra = 0
    # Metrics are a short vocabulary: a plain select lists them all at once.
    autocomplete_fields = ["subjects"]
    fieldsets = [
        (None, {"fields": ["pasted_quote", "occurrence", "loaded_version"]}),
        (None, {"fields": [("metric", "period"), ("value", "qualifier"), ("lower", "upper"), ("unit", "currency")]}),
        (None, {"fields": [("date", "date_precision"), "subjects"]}),
    ]


class ReviewedFilter(admin.SimpleListFilter):
    title = "reviewed"
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("yes", "Reviewed"), ("no", "Not reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reviewed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(reviewed_at__isnull=True)
        return queryset


@admin.register(Claim)
class ClaimAdmin(GuardedAdmin, SimpleHistoryAdmin):
    form = ClaimForm
    inlines = [FigureInline]
    list_display = ["short_statement", "kind", "speaker", "source", "status", "created_by", "reviewed_at"]
    list_filter = [
        "status",
        "kind",
        ReviewedFilter,
        # Typed slugs for sources and speakers: tens of thousands of them make no list (see filters.py).
        ("source", SlugFilter),
        ("speaker", SlugFilter),
        "topics",
        # Every user, not only those who created a claim: finding those read every claim on each page.
        "created_by",
    ]
    list_select_related = ["source", "speaker", "created_by"]
    search_fields = ["statement", "quote", "speaker__name", "speaker__aliases__name", "subjects__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["source", "speaker", "subjects", "event", "topics"]
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    readonly_fields = ["status", "quote_in_context", "offsets", "review", "version"]
    fieldsets = [
        (None, {"fields": ["source", "pasted_quote", "occurrence", "quote_in_context", "offsets", "loaded_version"]}),
        ("What it says", {"fields": ["statement", "kind", "speaker", "subjects", "event", "topics"]}),
        ("Review", {"fields": ["status", "review", "version"]}),
    ]
    actions = ["submit_selected", "approve_selected", "reject_selected"]
    change_form_template = "admin/relations/claim/change_form.html"

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, claim):
        return str(claim)

    @admin.display(description="quote in its paragraph")
    def quote_in_context(self, claim):
        if not claim.pk:
            return "Shown once the claim is saved."
        return quote_in_context(claim.source.body, claim.start, claim.end)

    @admin.display(description="offsets")
    def offsets(self, claim):
        return f"{claim.start}–{claim.end}" if claim.pk else "—"

    @admin.display(description="review")
    def review(self, claim):
        if claim.reviewed_at:
            return format_html(
                "{} by {} on {:%Y-%m-%d %H:%M}. {}", claim.get_status_display(), claim.reviewed_by or "import",
                claim.reviewed_at, claim.review_note,
            )  # fmt: skip
        if claim.submitted_at:
            return format_html("Submitted by {} on {:%Y-%m-%d %H:%M}.", claim.submitted_by, claim.submitted_at)
        return "Not submitted yet."

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "speaker", "created_by", "reviewed_by")

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL: full text over statement and quote, or a speaker or subject of that name or alias.

        Django's own search (icontains over five columns across joins, then DISTINCT) read every claim:
        21 s for a surname at 1M claims. SQLite keeps it.
        """
        if connection.vendor != "postgresql" or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        found = Q(search_document=SearchQuery(search_term, config="english", search_type="websearch"))
        actors = list(Actor.objects.matching(search_term.strip()).values_list("pk", flat=True))
        if actors:
            subjects = Claim.subjects.through.objects.filter(claim=OuterRef("pk"), actor__in=actors)
            found |= Q(speaker__in=actors) | Q(Exists(subjects))
        return queryset.annotate(search_document=SearchDocument()).filter(found), False

    def lookup_allowed(self, lookup, value, request=None):
        slug_filters = {
            f"{item[0]}__slug" for item in self.list_filter if isinstance(item, tuple) and item[1] is SlugFilter
        }
        return lookup in slug_filters or super().lookup_allowed(lookup, value, request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        views = {"submit": self.submit_view, "approve": self.approve_view, "reject": self.reject_view}
        review = [
            path(f"<path:object_id>/{step}/", self.admin_site.admin_view(view), name=f"relations_claim_{step}")
            for step, view in views.items()
        ]
        return review + super().get_urls()

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["steps"] = obj.available_steps(request.user) if obj is not None else set()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    # Single-claim steps. Each checks its permission on every method; the model decides the rest
    # (state, anchoring, the four-eyes rule) and says why it refuses.

    def submit_view(self, request, object_id):
        self._authorize(request, "submit")
        return self._step(request, object_id, lambda claim: claim.submit(request.user), "submitted for review")

    def approve_view(self, request, object_id):
        self._authorize(request, "review")
        return self._step(request, object_id, lambda claim: claim.approve(request.user), "approved")

    def reject_view(self, request, object_id):
        self._authorize(request, "review")
        claim = get_object_or_404(Claim, pk=object_id)
        if "reject" not in claim.available_steps(request.user):
            self.message_user(
                request,
                f"You cannot reject this claim: it is {claim.get_status_display()}, or the four-eyes rule "
                "forbids you to review it.",
                messages.ERROR,
            )
            return redirect(reverse("admin:relations_claim_change", args=[claim.pk]))
        form = RejectForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return self._step(
                request, object_id, lambda c: c.reject(request.user, form.cleaned_data["reason"]), "rejected"
            )
        context = {**self.admin_site.each_context(request), "claim": claim, "form": form, "opts": self.opts}
        context["title"] = "Reject claim"
        return TemplateResponse(request, "admin/relations/claim/reject.html", context)

    def _authorize(self, request, permission: str) -> None:
        allowed = {"submit": self.has_submit_permission, "review": self.has_review_permission}[permission]
        if not allowed(request):
            raise PermissionDenied

    def _step(self, request, object_id, step, done: str):
        claim = get_object_or_404(Claim, pk=object_id)
        if request.method != "POST":
            # A step changes the claim: never on a GET (a link, a prefetch), back to the claim instead.
            return redirect(reverse("admin:relations_claim_change", args=[claim.pk]))
        try:
            with transaction.atomic():
                step(claim)
        except (InvalidTransition, ConcurrentEdit) as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"The claim was {done}.", messages.SUCCESS)
        return redirect(reverse("admin:relations_claim_change", args=[claim.pk]))

    # Bulk steps: the same rules for each claim, and a report of what was refused and why.

    @admin.action(description="Submit selected claims for review", permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, lambda claim: claim.submit(request.user), "submitted")

    @admin.action(description="Approve selected claims", permissions=["review"])
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, lambda claim: claim.approve(request.user), "approved")

    @admin.action(description="Reject selected claims…", permissions=["review"])
    def reject_selected(self, request, queryset):
        form = RejectForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._bulk(request, queryset, lambda claim: claim.reject(request.user, reason), "rejected")
            return None
        context = {
            **self.admin_site.each_context(request),
            "claims": queryset,
            "form": form,
            "opts": self.opts,
            "title": "Reject claims",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/relations/claim/reject.html", context)

    def has_submit_permission(self, request):
        return may_submit(request.user)

    def has_review_permission(self, request):
        return request.user.has_perm("relations.review_claim")

    def _bulk(self, request, queryset, step, done: str):
        succeeded, refused = 0, []
        for claim in queryset.select_related("source"):
            try:
                with transaction.atomic():
                    step(claim)
            except (InvalidTransition, ConcurrentEdit) as error:
                refused.append(f"“{claim}”: {error}")
            else:
                succeeded += 1
        if succeeded:
            self.message_user(request, f"{succeeded} claim(s) {done}.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Refused {reason}", messages.WARNING)


@admin.register(ClaimInReview)
class ReviewQueueAdmin(ClaimAdmin):
    """Claims in review that the signed-in user did not write: what a reviewer works through."""

    list_display = ["short_statement", "kind", "speaker", "source", "submitted_by", "submitted_at"]
    list_filter = ["kind", ("source", SlugFilter)]
    date_hierarchy = None
    actions = ["approve_selected", "reject_selected"]

    def get_queryset(self, request):
        return ClaimInReview.objects.reviewable_by(request.user).select_related("source", "speaker", "submitted_by")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("relations.review_claim")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # A list and nothing else: each claim opens at its own address, with its history and review steps
        # (simple-history's pages do not work for a proxy model: they answered 500).
        names = {f"relations_claiminreview_{view}" for view in ("changelist", "change")}
        return [pattern for pattern in admin.ModelAdmin.get_urls(self) if pattern.name in names]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect(reverse("admin:relations_claim_change", args=[object_id]))


@admin.register(Figure)
class FigureAdmin(GuardedAdmin, SimpleHistoryAdmin):
    form = FigureForm
    list_display = ["quote", "metric", "value", "qualifier", "unit", "date", "claim"]
    list_filter = ["metric", "unit", "qualifier", "claim__status"]
    list_select_related = ["metric", "claim"]
    search_fields = ["quote", "metric__name", "claim__statement"]
    autocomplete_fields = ["metric", "subjects"]

    def has_add_permission(self, request):
        # A figure belongs to a claim: add it on the claim's page, where its span is picked.
        return False

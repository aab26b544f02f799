"""The editor's desk: a source's text with its claims and open suggestions, each decided in place.

Also the reviewer's page for one source (every submitted claim in its context) and selecting text to
quote it in a new claim. The body is untrusted text: every piece of it is escaped here.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from relations import provenance
from relations.models import Actor, ActorAlias, Claim, ConcurrentEdit, Event, Figure, InvalidTransition, Metric, Source
from relations.models.suggestions import AlreadyDecided, Suggestion
from relations.text import paragraphs

from .dates import PartialDateFormField
from .forms import RejectForm


@dataclass
class Paragraph:
    """One line of the body (text between line breaks), with what is marked in it."""

    start: int
    end: int
    html: SafeString = ""
    claims: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    mentions: list = field(default_factory=list)  # Known actors named here: shown small, they add only an alias.


def marked_text(body: str, lo: int, hi: int, claims, suggestions) -> SafeString:
    """body[lo:hi] in pieces, each carrying its offset (data-o) and classes for what covers it."""
    spans = [(c.start, c.end) for c in claims] + [(s.start, s.end) for s in suggestions]
    cuts = sorted({lo, hi, *(x for s, e in spans for x in (s, e) if lo < x < hi)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        classes = [f"kzil-claim kzil-claim-{c.status}" for c in claims if c.start <= a and b <= c.end]
        classes += [f"kzil-sug kzil-sug-{s.type}" for s in suggestions if s.start <= a and b <= s.end]
        if classes:
            pieces.append(format_html('<mark data-o="{}" class="{}">{}</mark>', a, " ".join(classes), body[a:b]))
        else:
            pieces.append(format_html('<span data-o="{}">{}</span>', a, body[a:b]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped by format_html


def desk_paragraphs(body: str, claims, suggestions) -> list[Paragraph]:
    """The body's paragraphs, each with its marked text and the claims and suggestions that start in it."""
    rows = [Paragraph(lo, hi) for lo, hi in paragraphs(body)]
    for row in rows:
        inside_claims = [c for c in claims if c.start < row.end and row.start < c.end]
        inside = [s for s in suggestions if s.start < row.end and row.start < s.end]
        row.html = marked_text(body, row.start, row.end, inside_claims, inside)
    for item in [*claims, *suggestions]:
        row = paragraph_of(rows, item.start)
        if row is None:
            continue
        if isinstance(item, Claim):
            row.claims.append(item)
        elif item.type == Suggestion.Type.ACTOR and item.data.get("actor"):
            row.mentions.append(item)
        else:
            row.suggestions.append(item)
    return rows


def paragraph_of(rows: list[Paragraph], offset: int) -> Paragraph | None:
    for row in rows:
        if offset < row.end:
            return row
    return rows[-1] if rows else None


def selection_initial(source: Source, start: str | None, end: str | None) -> dict:
    """The quote and occurrence of a selection start–end in the source, trimmed of white space."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return {}
    body = source.body
    if not 0 <= start < end <= len(body):
        return {}
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    quote = body[start:end]
    if not quote:
        return {}
    starts = provenance.occurrences(body, quote)
    initial = {"pasted_quote": quote}
    if len(starts) > 1 and start in starts:
        initial["occurrence"] = starts.index(start) + 1
    return initial


# Editing a suggestion before accepting it: one small form per type, its fields the overrides accept() takes.


class SlugOf(forms.CharField):
    """A slug of an existing record, typed; cleans to the record (or None when empty)."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        slug = super().clean(value)
        if not slug:
            return None
        found = self.model.objects.filter(slug=slug).first()
        if found is None:
            raise ValidationError(f"No {self.model._meta.verbose_name} has the slug “{slug}”.")
        return found


class QuoteEdit(forms.Form):
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="Plain words.")
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    speaker = SlugOf(Actor, help_text="The speaker's slug; empty for the author's own assertion.")


class FigureEdit(forms.Form):
    metric = forms.ChoiceField()
    value = forms.DecimalField(max_digits=24, decimal_places=6)
    lower = forms.DecimalField(max_digits=24, decimal_places=6, required=False)
    upper = forms.DecimalField(max_digits=24, decimal_places=6, required=False)
    qualifier = forms.ChoiceField(choices=Figure.Qualifier.choices)
    unit = forms.ChoiceField(choices=Figure.Unit.choices)
    currency = forms.CharField(max_length=3, required=False)
    date = PartialDateFormField(required=False, label="Holds for")

    def __init__(self, *args, metrics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "---------"), *metrics]


class ActorEdit(forms.Form):
    actor = SlugOf(Actor, label="Known actor", help_text="Its slug, to add this name as an alias.")
    name = forms.CharField(required=False, help_text="For a new actor.")
    kind = forms.ChoiceField(choices=[("", "---------"), *Actor.Kind.choices], required=False)


class EventEdit(forms.Form):
    event = SlugOf(Event, label="Known event", help_text="Its slug; empty to propose a new event.")
    title = forms.CharField(required=False)
    event_type = forms.ChoiceField(choices=[("", "---------"), *Event.Type.choices], required=False)
    date = PartialDateFormField(required=False)


EDIT_FORMS = {
    Suggestion.Type.QUOTE: QuoteEdit,
    Suggestion.Type.FIGURE: FigureEdit,
    Suggestion.Type.ACTOR: ActorEdit,
    Suggestion.Type.EVENT: EventEdit,
}


def edit_form(suggestion: Suggestion, data=None, metrics=()) -> forms.Form:
    form_class = EDIT_FORMS[suggestion.type]
    kwargs = {"metrics": metrics} if form_class is FigureEdit else {}
    initial = {name: suggestion.data.get(name) for name in form_class.base_fields}
    if suggestion.type == Suggestion.Type.QUOTE and not initial.get("statement"):
        initial["statement"] = suggestion.text
    return form_class(data, initial=initial, prefix=f"s{suggestion.pk}", **kwargs)


def overrides(form: forms.Form) -> dict:
    """The edited fields as accept() takes them: dates as text, records as records."""
    values = dict(form.cleaned_data)
    for name, value in values.items():
        if hasattr(value, "precision"):
            values[name] = str(value)
    if "metric" in values:
        values["metric"] = values["metric"] or None
    return values


def summary(suggestion: Suggestion) -> str:
    """What accepting the suggestion would record, in one line."""
    data, type_ = suggestion.data, Suggestion.Type
    if suggestion.type == type_.QUOTE:
        speaker = data.get("speaker") or (f"“{data['speaker_text']}” (unknown)" if data.get("speaker_text") else "none")
        return f"{(data.get('kind') or 'direct_quote').replace('_', ' ')} · speaker: {speaker}"
    if suggestion.type == type_.FIGURE:
        parts = [data.get("qualifier"), data.get("value"), data.get("currency") or data.get("unit"), data.get("date")]
        metric = data.get("metric") or "no metric: edit to choose one"
        return " · ".join(str(p) for p in [*parts, metric] if p not in (None, ""))
    if suggestion.type == type_.ACTOR:
        if data.get("actor"):
            return f"known: {data['actor']}"
        return f"new {data.get('kind') or 'actor'}: {data.get('name')}"
    if data.get("event"):
        return f"known event: {data['event']}"
    return f"new {data.get('event_type') or 'event'}: {data.get('title')} ({data.get('date') or 'no date'})"


class SourceDeskMixin:
    """Mixed into SourceAdmin: the change page is the desk; decisions on suggestions post back to it."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:source_id>/suggestions/<int:suggestion_id>/accept/",
                view(self.accept_suggestion_view),
                name="relations_source_accept_suggestion",
            ),
            path(
                "<int:source_id>/suggestions/<int:suggestion_id>/reject/",
                view(self.reject_suggestion_view),
                name="relations_source_reject_suggestion",
            ),
            path("<int:source_id>/claims/new/", view(self.quick_claim_view), name="relations_source_quick_claim"),
            path("<int:source_id>/review/", view(self.review_view), name="relations_source_review"),
            path(
                "<int:source_id>/review/<int:claim_id>/<str:step>/",
                view(self.review_step_view),
                name="relations_source_review_step",
            ),
            *super().get_urls(),
        ]

    # The desk

    def desk_context(self, request, source: Source, bound: tuple[int, forms.Form] | None = None) -> dict:
        claims = list(source.claims.all())
        suggestions = list(Suggestion.objects.open().filter(source=source).order_by("start", "end", "-score"))
        metrics = list(Metric.objects.values_list("slug", "name"))
        for suggestion in suggestions:
            if bound and bound[0] == suggestion.pk:
                suggestion.edit_form, suggestion.editing = bound[1], True
            else:
                suggestion.edit_form, suggestion.editing = edit_form(suggestion, metrics=metrics), False
            suggestion.summary = summary(suggestion)
        return {
            "desk_paragraphs": desk_paragraphs(source.body, claims, suggestions),
            "desk_open_count": len(suggestions),
            "desk_claim_count": len(claims),
            "desk_can_curate": self.can_curate(request, source),
            "desk_can_review": request.user.has_perm("relations.review_claim"),
        }

    def can_curate(self, request, source) -> bool:
        return self.has_change_permission(request, source) and request.user.has_perm("relations.add_claim")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, object_id)
        if source is not None and self.has_view_or_change_permission(request, source):
            extra_context = {**self.desk_context(request, source, getattr(request, "desk_bound", None)),
                             **(extra_context or {})}  # fmt: skip
        return super().change_view(request, object_id, form_url, extra_context)

    def _curated_suggestion(self, request, source_id, suggestion_id) -> tuple[Source, Suggestion]:
        source = get_object_or_404(Source, pk=source_id)
        if request.method != "POST" or not self.can_curate(request, source):
            raise PermissionDenied
        return source, get_object_or_404(Suggestion, pk=suggestion_id, source=source)

    def _back_to(self, source: Source, offset: int):
        rows = paragraphs(source.body)
        start = next((lo for lo, hi in rows if offset < hi), rows[-1][0] if rows else 0)
        return redirect(reverse("admin:relations_source_change", args=[source.pk]) + f"#p-{start}")

    def accept_suggestion_view(self, request, source_id, suggestion_id):
        source, suggestion = self._curated_suggestion(request, source_id, suggestion_id)
        metrics = list(Metric.objects.values_list("slug", "name"))
        edited = "edit" in request.POST
        form = edit_form(suggestion, request.POST if edited else None, metrics=metrics)
        if edited and not form.is_valid():
            return self._desk_with_errors(request, source, suggestion, form)
        changes = overrides(form) if edited else {}
        if not edited and request.POST.get("statement", "").strip():
            changes["statement"] = request.POST["statement"].strip()  # Typed on the card of a quote.
        try:
            with transaction.atomic():
                created = suggestion.accept(request.user, **changes)
        except AlreadyDecided as error:
            self.message_user(request, str(error), messages.WARNING)
        except (ValidationError, ConcurrentEdit) as error:
            if not edited:  # Show the proposal in its form, with the errors, to fix and accept again.
                form = edit_form(suggestion, _as_data(form), metrics=metrics)
                form.is_valid()
            _add_model_errors(form, error)
            return self._desk_with_errors(request, source, suggestion, form)
        else:
            self.message_user(request, _accepted_message(created), messages.SUCCESS)
        return self._back_to(source, suggestion.start)

    def reject_suggestion_view(self, request, source_id, suggestion_id):
        source, suggestion = self._curated_suggestion(request, source_id, suggestion_id)
        try:
            suggestion.reject(request.user, request.POST.get("reason", ""))
        except AlreadyDecided as error:
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.message_user(request, f"Rejected the {suggestion.get_type_display()} “{suggestion.text[:60]}”.")
        return self._back_to(source, suggestion.start)

    def _desk_with_errors(self, request, source, suggestion, form):
        self.message_user(request, "Nothing was accepted: correct the suggestion below.", messages.ERROR)
        request.desk_bound = (suggestion.pk, form)
        request.method = "GET"  # Show the desk as it stands; the source form was not posted.
        response = self.change_view(request, str(source.pk))
        response.status_code = 400
        return response

    def quick_claim_view(self, request, source_id):
        """A draft claim from words selected on the desk and a statement typed beside them."""
        source = get_object_or_404(Source, pk=source_id)
        if request.method != "POST" or not self.can_curate(request, source):
            raise PermissionDenied
        start, end = request.POST.get("start"), request.POST.get("end")
        statement = request.POST.get("statement", "").strip()
        selected = selection_initial(source, start, end)
        if selected and statement:
            claim = Claim(source=source, statement=statement, kind=Claim.Kind.AUTHOR_ASSERTION)
            claim.created_by = claim.updated_by = request.user
            try:
                claim.anchor_quote(selected["pasted_quote"], selected.get("occurrence"))
                claim.full_clean()
                claim.save()
            except (provenance.AnchorError, ValidationError) as error:
                self.message_user(request, f"Not added: {_one_line(error)}", messages.ERROR)
            else:
                url = reverse("admin:relations_claim_change", args=[claim.pk])
                self.message_user(request, format_html('Added the draft claim <a href="{}">“{}”</a>.', url, claim))
                return self._back_to(source, claim.start)
        # Something is missing: the full form, with everything that was typed.
        query = urlencode(
            {"source": source.pk, "start": start or "", "end": end or "", "desk": 1, "statement": statement}
        )
        return redirect(f"{reverse('admin:relations_claim_add')}?{query}")

    # The reviewer's page for one source

    def review_view(self, request, source_id):
        if not request.user.has_perm("relations.review_claim"):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=source_id)
        submitted = list(
            source.claims.filter(status=Claim.Status.IN_REVIEW)
            .select_related("speaker", "submitted_by")
            .prefetch_related(Prefetch("figures", queryset=Figure.objects.select_related("metric")))
        )
        awaiting = set(Claim.objects.reviewable_by(request.user).filter(source=source).values_list("pk", flat=True))
        rows = desk_paragraphs(source.body, submitted, [])
        for claim in submitted:
            claim.reviewable = claim.pk in awaiting
        reject_forms = {claim.pk: RejectForm(prefix=f"c{claim.pk}") for claim in submitted}
        bound = getattr(request, "review_bound", None)
        if bound:
            reject_forms[bound[0]] = bound[1]
        for claim in submitted:
            claim.reject_form = reject_forms[claim.pk]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": f"Review the claims of “{source}”",
            "rows": rows,
            "submitted_count": len(submitted),
        }
        return TemplateResponse(request, "admin/relations/source/review.html", context)

    def review_step_view(self, request, source_id, claim_id, step):
        if request.method != "POST" or not request.user.has_perm("relations.review_claim"):
            raise PermissionDenied
        claim = get_object_or_404(Claim.objects.select_related("source"), pk=claim_id, source_id=source_id)
        if step == "approve":
            decide, done = (lambda: claim.approve(request.user)), "approved"
        elif step == "reject":
            form = RejectForm(request.POST, prefix=f"c{claim.pk}")
            if not form.is_valid():
                self.message_user(request, "Give a reason to reject the claim.", messages.ERROR)
                request.review_bound = (claim.pk, form)
                request.method = "GET"
                response = self.review_view(request, source_id)
                response.status_code = 400
                return response
            decide, done = (lambda: claim.reject(request.user, form.cleaned_data["reason"])), "rejected"
        else:
            raise PermissionDenied
        try:
            with transaction.atomic():
                decide()
        except (InvalidTransition, ConcurrentEdit) as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"The claim “{claim}” was {done}.", messages.SUCCESS)
        rows = paragraphs(claim.source.body)
        start = next((lo for lo, hi in rows if claim.start < hi), 0)
        return redirect(reverse("admin:relations_source_review", args=[source_id]) + f"#p-{start}")


def _as_data(form: forms.Form) -> dict:
    """An unbound form's initial values as posted data, so that errors can be shown on it."""
    return {form.add_prefix(name): str(value) for name, value in form.initial.items() if value is not None}


def _add_model_errors(form: forms.Form, error: Exception) -> None:
    """Put the model's refusal on the form: on the field it names, else above the form."""
    if not isinstance(error, ValidationError):
        form.add_error(None, str(error))
        return
    for name, messages_ in (error.message_dict if hasattr(error, "error_dict") else {None: error.messages}).items():
        field_name = name if name in form.fields else None
        for message in messages_:
            form.add_error(field_name, message if field_name or name in (None, "__all__") else f"{name}: {message}")


def _accepted_message(created) -> SafeString:
    meta = created._meta
    draft = "draft " if isinstance(created, Claim | Figure) else ""
    if isinstance(created, ActorAlias):
        return format_html("Accepted: “{}” is now an alias of {}.", created.name, created.actor)
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[created.pk])
    return format_html('Accepted: {}{} <a href="{}">“{}”</a>.', draft, meta.verbose_name, url, str(created)[:80])


# The claim form's side: the source text beside it, select-to-quote, and the review queue's columns.


def claim_form_source(request, claim: Claim | None) -> Source | None:
    """The source to show beside a claim form: the claim's, or the one a new claim starts from."""
    if claim is not None and claim.source_id:
        return claim.source
    source_id = str(request.POST.get("source") or request.GET.get("source") or "")
    return Source.objects.filter(pk=source_id).first() if source_id.isdigit() else None


def claim_form_context(request, claim: Claim | None) -> dict:
    source = claim_form_source(request, claim)
    if source is None:
        return {}
    own = [claim] if claim is not None and claim.pk else []
    return {"panel_source": source, "panel_paragraphs": desk_paragraphs(source.body, own, [])}


def selection_initial_data(request) -> dict:
    """A new claim's initial quote from a selection on the desk (?source=…&start=…&end=…).

    A source that is not a number is dropped: the admin would fail on it drawing the source's widget.
    """
    source_id = request.GET.get("source", "")
    if not source_id.isdigit():
        return {"source": None} if source_id else {}
    source = Source.objects.filter(pk=source_id).first()
    initial = selection_initial(source, request.GET.get("start"), request.GET.get("end")) if source else {}
    if initial:
        # Words the editor picked themselves: quotes with speakers come as suggestions. Reword before review.
        initial.setdefault("kind", Claim.Kind.AUTHOR_ASSERTION)
        initial["statement"] = request.GET.get("statement") or initial["pasted_quote"]
    return initial


def desk_return_url(request, claim: Claim) -> str | None:
    """Back to the desk, at the new claim's paragraph, when the claim was started there (?desk=1) and saved."""
    if request.GET.get("desk") != "1" or "_continue" in request.POST or "_addanother" in request.POST:
        return None
    rows = paragraphs(claim.source.body)
    start = next((lo for lo, hi in rows if claim.start < hi), 0)
    return reverse("admin:relations_source_change", args=[claim.source_id]) + f"#p-{start}"


@admin.display(description="quote")
def queue_quote(claim: Claim) -> str:
    return claim.quote


@admin.display(description="in context")
def source_review_link(claim: Claim) -> SafeString:
    url = reverse("admin:relations_source_review", args=[claim.source_id]) + f"#c-{claim.pk}"
    return format_html('<a href="{}">review the source</a>', url)


def _one_line(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [getattr(error, "message", str(error))])

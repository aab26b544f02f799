from django import forms
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from relations.models import Source
from relations.provenance import normalize_line_endings

from .base import GuardedAdmin
from .forms import VersionedForm
from .highlight import body_with_spans


class SourceForm(VersionedForm):
    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")
    # Verbatim: no stripping of leading or trailing whitespace.
    body = forms.CharField(widget=forms.Textarea, strip=False, help_text=Source._meta.get_field("body").help_text)

    class Meta:
        model = Source
        fields = [
            "slug", "kind", "title", "publisher", "authors", "url", "language",
            "published", "published_precision", "published_basis", "published_note", "body",
        ]  # fmt: skip

    def clean_body(self):
        # A browser posts a textarea with CRLF line endings; the article's own text has LF.
        return normalize_line_endings(self.cleaned_data["body"])


@admin.register(Source)
class SourceAdmin(GuardedAdmin, SimpleHistoryAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "kind", "published", "published_precision", "published_basis"]
    list_filter = ["kind", "published_basis", "language", ("publisher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["publisher"]
    search_fields = ["title", "slug", "publisher__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publisher", "authors"]
    date_hierarchy = "published"
    readonly_fields = ["body_sha256", "body_with_claims", "version"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "publisher", "authors", "url", "language", "loaded_version"]}),
        ("Publication date", {"fields": [("published", "published_precision"), "published_basis", "published_note"]}),
        ("Text", {"fields": ["body", "body_sha256", "body_with_claims", "version"]}),
    ]

    def get_queryset(self, request):
        # The list never needs the full text.
        queryset = super().get_queryset(request)
        return queryset if request.resolver_match.url_name.endswith("_change") else queryset.defer("body")

    @admin.display(description="text with its claims")
    def body_with_claims(self, source):
        if not source.pk:
            return "Shown once the source is saved."
        spans = [
            (c.start, c.end, reverse("admin:relations_claim_change", args=[c.pk]), f"{c.get_status_display()}: {c}")
            for c in source.claims.all()
        ]
        return body_with_spans(source.body, spans)

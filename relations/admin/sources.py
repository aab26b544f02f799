from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from relations.models import Source
from relations.provenance import normalize_line_endings

from .base import GuardedAdmin
from .desk import SourceDeskMixin
from .forms import VersionedForm
from .new_source import NewSourceMixin


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
class SourceAdmin(GuardedAdmin, NewSourceMixin, SourceDeskMixin, SimpleHistoryAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "kind", "published", "published_precision", "published_basis"]
    list_filter = ["kind", "published_basis", "language", ("publisher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["publisher"]
    search_fields = ["title", "slug", "publisher__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publisher", "authors"]
    date_hierarchy = "published"
    change_form_template = "admin/relations/source/change_form.html"
    change_list_template = "admin/relations/source/change_list.html"
    readonly_fields = ["body_sha256", "version"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "publisher", "authors", "url", "language", "loaded_version"]}),
        ("Publication date", {"fields": [("published", "published_precision"), "published_basis", "published_note"]}),
        # The text with its claims and suggestions is the desk above the form.
        ("Text", {"fields": ["body", "body_sha256", "version"], "classes": ["collapse"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # Adding: the text is typed here, so show it.
            return [(name, {**options, "classes": []}) for name, options in self.fieldsets]
        return self.fieldsets

    def get_queryset(self, request):
        # The list never needs the full text.
        queryset = super().get_queryset(request)
        return queryset if request.resolver_match.url_name.endswith("_change") else queryset.defer("body")

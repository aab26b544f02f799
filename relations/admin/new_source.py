""" "New source from text": paste an article or upload a .txt/.html, as `manage.py ingest` does."""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from relations.ingest import IngestError, ingest
from relations.models import Source

from .dates import PartialDateFormField

UPLOADS = (".txt", ".html", ".htm")
MAX_UPLOAD = 5 * 1024 * 1024
WIDE = forms.TextInput(attrs={"class": "vTextField"})


class NewSourceForm(forms.Form):
    content = forms.CharField(
        label="Text",
        required=False,
        strip=False,  # Verbatim: ingest keeps every character but the line endings.
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text="Paste the article as published, or upload a file below.",
    )
    upload = forms.FileField(label="or a file", required=False, help_text=".txt is taken as it is; .html is extracted.")
    title = forms.CharField(
        required=False, max_length=500, widget=WIDE, help_text="Found in an HTML page when left empty."
    )
    url = forms.URLField(label="URL", required=False, max_length=500, assume_scheme="https", widget=WIDE)
    publisher = forms.CharField(
        required=False, widget=WIDE, help_text="An actor's slug, or a name (a new organisation if unknown)."
    )
    published = PartialDateFormField(required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), *Source.Kind.choices], required=False)
    language = forms.CharField(initial="en", max_length=10)
    force = forms.BooleanField(
        label="Add even if nearly the same text exists", required=False, help_text="Like ingest's --force."
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        if PurePath(upload.name).suffix.lower() not in UPLOADS:
            raise forms.ValidationError("Upload a .txt or .html file.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 5 MB.")
        try:
            upload.text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None
        return upload

    def clean(self):
        cleaned = super().clean()
        has_text, upload = bool(cleaned.get("content", "").strip()), cleaned.get("upload")
        if "upload" in self.errors:
            return cleaned
        if has_text and upload:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        if not has_text and not upload:
            raise forms.ValidationError("Paste the article's text or upload a .txt or .html file.")
        return cleaned


class NewSourceMixin:
    """Mixed into SourceAdmin: the view behind the changelist's "New source from text" link."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.new_source_view)
        return [path("new-from-text/", view, name="relations_source_new_from_text"), *super().get_urls()]

    def new_source_view(self, request):
        if not (self.has_add_permission(request) and request.user.has_perm("relations.add_claim")):
            raise PermissionDenied
        form = NewSourceForm(request.POST or None, request.FILES or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    source, suggestions = ingest(**self._ingest_arguments(form.cleaned_data))
                except IngestError as error:
                    form.add_error(None, str(error))
                else:
                    self.message_user(
                        request,
                        f"Added “{source}” with {len(suggestions)} suggestion(s) to accept or reject.",
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:relations_source_change", args=[source.pk]))
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "New source from text",
            "form": form,
            "file_dropped": status == 400 and bool(request.FILES),
        }
        return TemplateResponse(request, "admin/relations/source/new_from_text.html", context, status=status)

    @staticmethod
    def _ingest_arguments(cleaned: dict) -> dict:
        upload = cleaned.get("upload")
        published = cleaned.get("published")
        return {
            "content": upload.text if upload else cleaned["content"],
            "filename": upload.name if upload else None,
            "url": cleaned.get("url") or None,
            "title": cleaned.get("title") or None,
            "publisher": cleaned.get("publisher") or None,
            "published": str(published) if published else None,
            "kind": cleaned.get("kind") or None,
            "language": cleaned.get("language") or "en",
            "force": cleaned.get("force", False),
        }

"""Admin forms: quotes are pasted as text and anchored; every edit starts from the version it read."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from relations import provenance
from relations.models import Claim, Figure, Source


class VersionedForm(forms.ModelForm):
    """Carry the version the editor opened; refuse the save if someone saved since."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is None:
            # A form posted without its hidden field must not skip the check: refuse, don't guess.
            raise ValidationError(
                "This form arrived without the version you opened. Nothing was saved: reload the page and "
                "make your changes again.",
                code="no_version",
            )
        if self.instance.pk:
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
            if current.first() != loaded:
                raise ValidationError(
                    "Someone else saved this record after you opened it. Nothing was saved: your changes are "
                    "still in the form below. Open the record in a new tab to see theirs, then save again.",
                    code="stale",
                )
            # The model's save() checks this version again, inside the transaction.
            self.instance.version = loaded
        return cleaned


class QuoteFields(forms.Form):
    """A quote pasted from the source, and which occurrence when it appears more than once."""

    pasted_quote = forms.CharField(
        label="Quote",
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text="Paste the exact words from the source. Offsets and context are computed for you.",
    )
    occurrence = forms.IntegerField(
        min_value=1, required=False, help_text="Only when the quote appears more than once: 1 for the first."
    )


class ClaimForm(VersionedForm):
    pasted_quote = QuoteFields.base_fields["pasted_quote"]
    occurrence = QuoteFields.base_fields["occurrence"]

    class Meta:
        model = Claim
        fields = ["source", "pasted_quote", "occurrence", "statement", "kind", "speaker", "subjects", "event", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["pasted_quote"].initial = self.instance.quote

    def clean(self):
        cleaned = super().clean()
        source: Source | None = cleaned.get("source")
        quote = cleaned.get("pasted_quote")
        if source and quote:
            try:
                anchor = provenance.locate(source.body, quote, cleaned.get("occurrence"))
            except provenance.AnchorError as error:
                self.add_error("pasted_quote", error.message)
            else:
                self.instance.set_anchor(anchor)
        return cleaned


class FigureForm(VersionedForm):
    pasted_quote = forms.CharField(
        label="Span", help_text="The words of the number inside the claim's quote, e.g. “$2.5 billion”."
    )
    occurrence = QuoteFields.base_fields["occurrence"]

    class Meta:
        model = Figure
        fields = [
            "pasted_quote",
            "occurrence",
            "metric",
            "value",
            "lower",
            "upper",
            "qualifier",
            "unit",
            "currency",
            "period",
            "date",
            "date_precision",
            "subjects",
        ]

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # On a new claim's page the inline formset knows the (unsaved) claim; the figure does not yet.
        self.claim = claim if claim is not None else (self.instance.claim if self.instance.claim_id else None)
        if self.instance.pk:
            self.fields["pasted_quote"].initial = self.instance.quote

    def clean(self):
        cleaned = super().clean()
        quote = cleaned.get("pasted_quote")
        claim = self.claim
        if quote and claim is not None and claim.quote and claim.source_id:
            try:
                anchor = provenance.locate(
                    claim.source.body, quote, cleaned.get("occurrence"), within=(claim.start, claim.end)
                )
            except provenance.AnchorError as error:
                self.add_error("pasted_quote", error.message)
            else:
                self.instance.set_anchor(anchor)
        return cleaned


class FigureFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "claim": self.instance}


class RejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Required: the editor reads it next to the claim.",
    )

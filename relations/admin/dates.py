"""Partial dates in admin forms: type "2016", "2016-12" or "2016-12-14" wherever a date has a precision.

`PartialDateFormField` is the one field class for every such date; `PartialDatesForm` puts it on each
partial-date pair of a model form and fills the precision from what was typed when none is chosen.
"""

from django import forms

from relations.models import PartialDate, Precision
from relations.models.dates import PartialDateField

# Finer precisions rank higher: a chosen precision may be coarser than the typed date, never finer.
_FINENESS = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


class PartialDateFormField(forms.CharField):
    """A date typed as YYYY, YYYY-MM or YYYY-MM-DD; cleans to a PartialDate (or None when empty)."""

    widget = forms.TextInput(attrs={"size": 10, "placeholder": "2016, 2016-12 or 2016-12-14"})

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Type 2016, 2016-12 or 2016-12-14: the precision follows what you type.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return str(value) if isinstance(value, PartialDate) else value

    def to_python(self, value):
        if isinstance(value, PartialDate):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class PartialDatesForm(forms.ModelForm):
    """Give every partial date of the model a PartialDateFormField, and derive its precision."""

    def __init__(self, *args, **kwargs):
        typed_initial = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        for date_field, precision_name in self._partial_date_pairs():
            name = date_field.name
            old = self.fields[name]
            self.fields[name] = PartialDateFormField(required=old.required, label=old.label)
            if precision_name in self.fields:
                self.fields[precision_name].required = False
                self.fields[precision_name].help_text = "Leave empty to use the precision you typed."
            current = getattr(self.instance, f"{name}_partial", None)
            if current is not None and name not in typed_initial:
                self.initial[name] = current  # "2016-12", not the first day of the month

    def _partial_date_pairs(self):
        for field in self._meta.model._meta.fields:
            if isinstance(field, PartialDateField) and field.name in self.fields:
                yield field, field.precision_field

    def clean(self):
        cleaned = super().clean()
        for date_field, precision_name in self._partial_date_pairs():
            name = date_field.name
            typed = cleaned.get(name)
            if name not in cleaned:
                continue  # The field's own error is already shown.
            chosen = cleaned.get(precision_name, "") if precision_name in self.fields else ""
            if typed is None:
                cleaned[name] = None
                if chosen:
                    self.add_error(precision_name, "Give a date for this precision, or leave both empty.")
                cleaned[precision_name] = ""
                continue
            if chosen and _FINENESS[Precision(chosen)] > _FINENESS[typed.precision]:
                self.add_error(
                    precision_name,
                    f"“{typed}” names a {typed.precision.label}: type a full {Precision(chosen).label} "
                    f"or choose a coarser precision.",
                )
                cleaned[name] = typed.date
                continue
            value = PartialDate(typed.date, chosen) if chosen else typed
            cleaned[name], cleaned[precision_name] = value.date, value.precision
            if precision_name not in self.fields:
                # Not on the form: construct_instance would skip it, so set it on the instance here.
                setattr(self.instance, precision_name, value.precision)
        return cleaned

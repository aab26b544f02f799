"""Partial dates: "14 December 2016", "December 2016", "2016".

A partial date is stored as two columns: the first day of the period it names (a plain date, so it
sorts and filters like any date) and its precision (day / month / year). Every model uses the same
pair, built by `partial_date_fields()`, and renders it one way: "2016-12-14", "2016-12" or "2016".
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


# Coarser precisions sort first among partial dates that start on the same day.
_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def truncate(date: datetime.date, precision: str) -> datetime.date:
    """Return the first day of the period of `precision` that contains `date`."""
    if precision == Precision.YEAR:
        return date.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return date.replace(day=1)
    if precision == Precision.DAY:
        return date
    raise ValueError(f"Unknown date precision {precision!r}: use day, month or year")


@dataclass(frozen=True)
class PartialDate:
    date: datetime.date
    precision: Precision

    def __post_init__(self):
        precision = Precision(self.precision)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "date", truncate(self.date, precision))

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; raise ValueError with a readable message."""
        match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"{text!r} is not a partial date: use YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match["year"], match["month"], match["day"]
        try:
            date = datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date: {exc}") from None
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        return cls(date, precision)

    def __str__(self) -> str:
        if self.precision == Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def human(self) -> str:
        """Render for people: "14 December 2016", "December 2016", "2016"."""
        if self.precision == Precision.YEAR:
            return str(self.date.year)
        if self.precision == Precision.MONTH:
            return f"{self.date:%B} {self.date.year}"
        return f"{self.date.day} {self.date:%B} {self.date.year}"

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.date, _RANK[self.precision])

    def __lt__(self, other: "PartialDate") -> bool:
        return self.sort_key() < other.sort_key()

    @property
    def last_day(self) -> datetime.date:
        """The last day of the period: the end of the month for "2016-12"."""
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            following = (self.date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            return following - datetime.timedelta(days=1)
        return self.date


class PartialDateField(models.DateField):
    """The first day of a partial date; its precision lives in the sibling field `precision_field`."""

    def __init__(self, *args, precision_field: str = "", **kwargs):
        self.precision_field = precision_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["precision_field"] = self.precision_field
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        # Store the first day of the period, so that equal partial dates compare equal in SQL.
        value = getattr(model_instance, self.attname)
        precision = getattr(model_instance, self.precision_field)
        if value and precision in Precision.values:
            value = truncate(value, precision)
            setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, f"{name}_partial", _PartialDateAccessor(self.attname, self.precision_field))


class _PartialDateAccessor:
    """`obj.start_partial`: the PartialDate of `start` and `start_precision`, or None."""

    def __init__(self, date_attname: str, precision_attname: str):
        self.date_attname = date_attname
        self.precision_attname = precision_attname

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        date = getattr(instance, self.date_attname)
        precision = getattr(instance, self.precision_attname)
        if not date or not precision:
            return None
        return PartialDate(date, precision)

    def __set__(self, instance, value: "PartialDate | str | None"):
        if isinstance(value, str):
            value = PartialDate.parse(value)
        setattr(instance, self.date_attname, value.date if value else None)
        setattr(instance, self.precision_attname, value.precision if value else "")


def partial_date_fields(verbose_name: str, *, name: str, required: bool = False):
    """Return the (date, precision) field pair of a partial date; assign both in the model body."""
    date = PartialDateField(
        verbose_name,
        null=not required,
        blank=not required,
        precision_field=f"{name}_precision",
        help_text="The first day of the period: 2016-12-01 with precision month means December 2016.",
    )
    precision = models.CharField(
        f"{verbose_name} precision", max_length=5, choices=Precision.choices, blank=not required
    )
    return date, precision


def partial_date_constraint(name: str, model: str) -> models.CheckConstraint:
    """A date and its precision are both set or both empty."""
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{name}__isnull": True, f"{name}_precision": ""})
            | (models.Q(**{f"{name}__isnull": False}) & ~models.Q(**{f"{name}_precision": ""}))
        ),
        name=f"{model}_{name}_precision_set",
        violation_error_message=f"Give both the {name} date and its precision, or neither.",
    )


def validate_partial_date_order(start: PartialDate | None, end: PartialDate | None, label: str = "end"):
    # The same rule as the database constraint: compare the first days of the two periods.
    if start and end and end.date < start.date:
        raise ValidationError({label: f"The {label} ({end}) comes before the start ({start})."})

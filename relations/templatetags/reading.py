"""Template filters of the reading site: dates at their precision and figures with their qualifiers."""

import functools
from decimal import Decimal

from django import template

from relations.models import Figure, PartialDate
from relations.provenance import CONTEXT_WIDTH

register = template.Library()


@functools.cache
def _choice_labels(model, field: str) -> dict:
    return dict(model._meta.get_field(field).flatchoices)


@register.filter
def label(obj, field: str) -> str:
    """`obj.get_<field>_display()`, which rebuilds a hashable copy of the choices on every call: a third of a
    metric page's time with a hundred figures. `{{ event|label:"status" }}`."""
    value = getattr(obj, field)
    return _choice_labels(type(obj), field).get(value, value)


@register.filter
def human(date: PartialDate | None) -> str:
    """ "14 December 2016", "December 2016" or "2016"; an en dash when unknown."""
    return date.human() if date else "–"


def number(value: Decimal) -> str:
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def amount(figure: Figure) -> str:
    """A figure as a reader says it: "≈ 2,500,000,000 USD", "≥ 25 %", "1,000–2,000 people"."""
    q = Figure.Qualifier
    if figure.qualifier == q.RANGE and figure.lower is not None and figure.upper is not None:
        value = f"{number(figure.lower)}–{number(figure.upper)}"
    else:
        sign = {q.APPROXIMATE: "≈ ", q.LOWER_BOUND: "≥ ", q.UPPER_BOUND: "≤ "}.get(figure.qualifier, "")
        value = sign + number(figure.value)
    if figure.unit == Figure.Unit.PERCENT:
        return f"{value} %"
    if figure.unit == Figure.Unit.CURRENCY:
        return f"{value} {figure.currency}"
    return f"{value} {label(figure, 'unit')}"


@register.simple_tag
def chart_mark(mark, chart):
    """One mark of a metric chart (relations/site/charts.py), with a title a screen reader or a hover reads."""
    figure = mark.figure
    publisher = figure.claim.source.publisher
    title = (
        f"{amount(figure)} for {human(figure.date_partial)} — {publisher.name if publisher else 'unknown publisher'}"
    )
    if mark.disagrees_with:
        others = len(mark.disagrees_with)
        title += f" (disagrees with {others} other figure{'s' if others > 1 else ''})"
    return mark.svg(chart.top, chart.bottom, title)


@register.filter
def lead_in(prefix: str) -> str:
    """The stored context before a quote, from its first whole word ("…ople, and work" reads badly).
    A prefix shorter than the context width starts at the beginning of the text: it is whole already."""
    if len(prefix) < CONTEXT_WIDTH or " " not in prefix.strip():
        return prefix
    return prefix.split(" ", 1)[1]


@register.filter
def trail_off(suffix: str) -> str:
    """The stored context after a quote, up to its last whole word."""
    if len(suffix) < CONTEXT_WIDTH or " " not in suffix.strip():
        return suffix
    return suffix.rsplit(" ", 1)[0]

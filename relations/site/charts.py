"""Server-rendered SVG charts: the geometry, computed here, and each mark's SVG (the templates draw the axes).

A metric's chart puts each figure at the date it holds for (a span for a month or a year), at its value,
drawn by its qualifier: exact filled, approximate hollow, a bound an open-ended bar, a range a bar.
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from relations.models import Figure
from relations.templatetags.reading import label

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

# An approximate figure ("some $2.5 billion") is read as within this share of its value when deciding
# whether two figures disagree.
APPROXIMATE_TOLERANCE = Decimal("0.1")

WIDTH, HEIGHT = 460, 280
LEFT, RIGHT, TOP, BOTTOM = 52, 22, 30, 34


@dataclass
class Mark:
    figure: Figure
    colour: str
    x1: float = 0  # the first day of the period the figure holds for
    x2: float = 0  # its last day: x1 == x2 for a day
    y: float = 0
    y_low: float | None = None  # a bar's ends; None for a point
    y_high: float | None = None
    open_up: bool = False  # a lower bound: the bar runs off the top
    open_down: bool = False
    disagrees_with: list[Figure] = field(default_factory=list)

    @property
    def cx(self) -> float:
        return round((self.x1 + self.x2) / 2, 1)

    @property
    def hollow(self) -> bool:
        return self.figure.qualifier == Figure.Qualifier.APPROXIMATE

    @property
    def is_span(self) -> bool:
        return self.x2 - self.x1 >= 2

    def svg(self, top: float, bottom: float, title: str) -> SafeString:
        """The mark as an SVG group; its data- attributes carry the figure for tests and scripts.

        Built here rather than in the template, and with f-strings (every number is a float or a Decimal; the
        text is escaped): a chart of a hundred marks took a quarter of a second through template tags."""
        f, cx, y = self.figure, self.cx, self.y
        parts = []
        if self.is_span:
            parts.append(f'<line class="span" x1="{self.x1}" x2="{self.x2}" y1="{y}" y2="{y}"/>')
            parts += [
                f'<line class="span-end" x1="{x}" x2="{x}" y1="{y - 5}" y2="{y + 5}"/>' for x in (self.x1, self.x2)
            ]
        if self.y_low is not None:
            parts.append(f'<line class="bar" x1="{cx}" x2="{cx}" y1="{self.y_low}" y2="{self.y_high}"/>')
            if self.open_up:
                parts.append(f'<path class="open" d="M{cx} {top} l-5 9 h10 z"/>')
            elif self.open_down:
                parts.append(f'<path class="open" d="M{cx} {bottom} l-5 -9 h10 z"/>')
            else:
                parts += [
                    f'<line class="cap" x1="{cx - 5}" x2="{cx + 5}" y1="{end}" y2="{end}"/>'
                    for end in (self.y_low, self.y_high)
                ]
        if self.disagrees_with:
            parts.append(f'<circle class="flag" cx="{cx}" cy="{y}" r="11"/>')
        parts.append(f'<circle class="point{" hollow" if self.hollow else ""}" cx="{cx}" cy="{y}" r="6"/>')
        classes = f"mark q-{escape(f.qualifier)}{' disagrees' if self.disagrees_with else ''}"
        return mark_safe(  # noqa: S308 - numbers and escaped text only
            f'<g class="{classes}" data-figure="{f.uid}" data-value="{f.value.normalize()}" '
            f'data-date="{f.date_partial}" data-qualifier="{escape(f.qualifier)}" stroke="{self.colour}" '
            f'fill="{self.colour}"><title>{escape(title)}</title>{"".join(parts)}</g>'
        )


@dataclass
class Chart:
    unit_label: str
    marks: list[Mark]
    legend: list[tuple[str, str]]  # (publisher, colour)
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def interval(figure: Figure) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure allows; None is unbounded."""
    q, value = Figure.Qualifier, figure.value
    if figure.qualifier == q.APPROXIMATE:
        return value - abs(value) * APPROXIMATE_TOLERANCE, value + abs(value) * APPROXIMATE_TOLERANCE
    if figure.qualifier == q.LOWER_BOUND:
        return figure.lower if figure.lower is not None else value, None
    if figure.qualifier == q.UPPER_BOUND:
        return None, figure.upper if figure.upper is not None else value
    if figure.qualifier == q.RANGE:
        return figure.lower, figure.upper
    return value, value


def period(figure: Figure) -> tuple[datetime.date, datetime.date] | None:
    date = figure.date_partial
    return (date.date, date.last_day) if date else None


def comparable(figure: Figure):
    """What deciding a disagreement reads of a figure: its subjects, period and interval (subjects prefetched)."""
    return frozenset(s.pk for s in figure.subjects.all()), period(figure), interval(figure)


def disagree(a, b) -> bool:
    """Two figures (as `comparable()`) disagree when they are about the same actors, hold for overlapping
    periods, and no value satisfies both."""
    (a_subjects, pa, (a_low, a_high)), (b_subjects, pb, (b_low, b_high)) = a, b
    if a_subjects != b_subjects or pa is None or pb is None or pa[1] < pb[0] or pb[1] < pa[0]:
        return False
    return (a_high is not None and b_low is not None and a_high < b_low) or (
        b_high is not None and a_low is not None and b_high < a_low
    )


def flag_disagreements(marks: list[Mark]) -> None:
    """Fill each mark's disagrees_with. Only figures about the same actors whose periods overlap can
    disagree: a sweep over each group of subjects sorted by period start compares just those."""
    groups: dict[frozenset, list[tuple[tuple, Mark]]] = {}
    for mark in marks:
        key = comparable(mark.figure)
        if key[1] is not None:
            groups.setdefault(key[0], []).append((key, mark))
    for group in groups.values():
        group.sort(key=lambda item: item[0][1][0])
        for i, (key, mark) in enumerate(group):
            for other_key, other in group[i + 1 :]:
                if other_key[1][0] > key[1][1]:
                    break  # this one, and every later one, starts after `mark` ends
                if disagree(key, other_key):
                    mark.disagrees_with.append(other.figure)
                    other.disagrees_with.append(mark.figure)


def unit_label(figure: Figure) -> str:
    if figure.unit == Figure.Unit.CURRENCY:
        return figure.currency
    return label(figure, "unit")


def short_number(value: Decimal | float) -> str:
    value = float(value)
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.4g}"


def nice_step(span: float, count: int = 5) -> float:
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if magnitude * factor >= raw:
            return magnitude * factor
    return magnitude * 10


def metric_charts(figures: list[Figure]) -> list[Chart]:
    """One chart per unit (and currency): figures in different units do not share an axis."""
    groups: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.date_partial is not None:
            groups.setdefault(unit_label(figure), []).append(figure)
    return [chart(label, group) for label, group in groups.items()]


def chart(label: str, figures: list[Figure]) -> Chart:
    publishers = sorted({publisher_name(f) for f in figures})
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(publishers)}
    marks = [Mark(f, colours[publisher_name(f)]) for f in figures]
    flag_disagreements(marks)

    # Time axis: whole years around every period, so a year-long span fits inside it.
    first = min(f.date_partial.date for f in figures).year
    last = max(f.date_partial.last_day for f in figures).year + 1
    start, end = datetime.date(first, 1, 1), datetime.date(last, 1, 1)
    days = (end - start).days
    left, right = LEFT, WIDTH - RIGHT

    def x(date: datetime.date) -> float:
        return round(left + (date - start).days / days * (right - left), 1)

    # Value axis: from zero (or the lowest value) to a little above the highest bound.
    values = [float(v) for f in figures for v in (f.value, f.lower, f.upper) if v is not None]
    low, high = min(0.0, min(values)), max(values)
    high = high * 1.15 if high > 0 else high + 1
    step = nice_step(high - low)
    low = step * (low // step)
    high = step * -(-high // step)
    top, bottom = TOP, HEIGHT - BOTTOM

    def y(value) -> float:
        return round(bottom - (float(value) - low) / (high - low) * (bottom - top), 1)

    for mark in marks:
        f = mark.figure
        mark.x1, mark.x2 = x(f.date_partial.date), x(f.date_partial.last_day)
        mark.y = y(f.value)
        lower, upper = f.lower, f.upper
        if f.qualifier == Figure.Qualifier.LOWER_BOUND:
            mark.y_low, mark.y_high, mark.open_up = y(lower if lower is not None else f.value), top, True
        elif f.qualifier == Figure.Qualifier.UPPER_BOUND:
            mark.y_low, mark.y_high, mark.open_down = bottom, y(upper if upper is not None else f.value), True
        elif f.qualifier == Figure.Qualifier.RANGE and lower is not None and upper is not None:
            mark.y_low, mark.y_high = y(lower), y(upper)

    year_step = max(1, -(-(last - first) // 5))
    x_ticks = [(x(datetime.date(year, 1, 1)), str(year)) for year in range(first, last + 1, year_step)]
    y_ticks = []
    value = low
    while value <= high + step / 2:
        y_ticks.append((y(value), short_number(value)))
        value += step
    return Chart(label, marks, [(name, colours[name]) for name in publishers], x_ticks, y_ticks)


def publisher_name(figure: Figure) -> str:
    publisher = figure.claim.source.publisher
    return publisher.name if publisher else "Unknown publisher"


@dataclass
class Bar:
    label: str
    x1: float
    x2: float
    y: float
    open_end: bool  # started, with no end known: drawn to today
    stated_only: bool  # no dates known: a point at the publication date of the source that states it

    @property
    def width(self) -> float:
        return round(self.x2 - self.x1, 1)


@dataclass
class Timeline:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = 0
    left: int = 24
    right: int = WIDTH - 24


def stated_on(affiliation) -> datetime.date | None:
    source = affiliation.claim.source if affiliation.claim_id else None
    return source.published if source else None


def affiliation_timeline(labelled, today: datetime.date) -> Timeline | None:
    """A small timeline of (label, affiliation): a bar from start to end (open, to today, with no end);
    a role with no dates is a point at the date of the source that states it. Needs claim__source."""
    rows = []
    for text, a in labelled:
        start, end = a.start_partial, a.end_partial
        if start or end:
            rows.append((text, (start or end).date, end.last_day if end else today, end is None, False))
        elif stated_on(a):
            rows.append((text, stated_on(a), stated_on(a), False, True))
    if not rows:
        return None
    first, last = min(r[1] for r in rows).year, max(r[2] for r in rows).year + 1
    origin = datetime.date(first, 1, 1)
    days = (datetime.date(last, 1, 1) - origin).days
    left, right = Timeline.left, Timeline.right

    def x(date):
        return round(left + (date - origin).days / days * (right - left), 1)

    bars = [
        Bar(text, x(begin), max(x(finish), x(begin) + 6), 40 + row * 34, open_end, stated_only)
        for row, (text, begin, finish, open_end, stated_only) in enumerate(rows)
    ]
    year_step = max(1, -(-(last - first) // 5))
    ticks = [(x(datetime.date(year, 1, 1)), str(year)) for year in range(first, last + 1, year_step)]
    return Timeline(bars, ticks, height=40 + len(bars) * 34)

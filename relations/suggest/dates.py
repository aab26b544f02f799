"""Dates in running text, absolute or relative to the publication date, never more precise than the evidence.

"14 December 2016", "December 14, 2016", "Dec. 2016", "2016", "on March 11" (the year of publication),
"next Tuesday" (the first Tuesday after publication: in an article of Wednesday 7 December 2016, 13
December), "last Monday", "on Wednesday" (the last Wednesday up to publication), "this week", "last
August", "next year", "yesterday". A date found relative to a publication date known only to the month
is given to the month at most; relative to one known only to the year, to the year.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from relations.models import PartialDate, Precision

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
)
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_RANGE_END = r"(?:\s*[–—-]\s*[0-3]?\d(?:st|nd|rd|th)?)?"

PATTERNS = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}{_RANGE_END}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}{_RANGE_END},?\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}{_RANGE_END}\b(?!\s*,?\s*\d)")),
    ("dm", re.compile(rf"\b{_DAY}{_RANGE_END}\s+(?:of\s+)?{_MONTH}(?!\w)(?!,?\s+\d)")),
    (
        "rel_month",
        re.compile(rf"\b(?P<rel>last|next|this|in|since|until|by|early|late|mid-?)\s+{_MONTH}(?!\w)(?!,?\s+\d)"),
    ),
    ("rel_weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|on|coming)\s+)?{_WEEKDAY}\b")),
    (
        "rel_period",
        re.compile(r"\b(?P<rel>last|next|this|earlier this|later this|past)\s+(?P<period>week|month|year)\b", re.I),
    ),
    ("rel_day", re.compile(r"\b(?P<period>yesterday|today|tomorrow)\b", re.I)),
    ("year", re.compile(rf"(?<![\d$€£,.])\b{_YEAR}\b(?![\d,.]\d)(?!\s*(?:percent|per cent|%|people|million|billion))")),
]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date: PartialDate | None
    relative: bool
    note: str = ""


def find(text: str, published: PartialDate | None) -> list[DateMention]:
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(m.start < end and start < m.end for m in found):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None and kind in ("rel_weekday", "year") and not match.groupdict().get("rel"):
                continue
            date, relative, note = resolved or (None, True, "not resolved: the publication date is not known")
            found.append(DateMention(start, end, text[start:end], date, relative, note))
    return sorted(found, key=lambda m: m.start)


def _resolve(kind, match, published):
    g = match.groupdict()
    if kind == "iso":
        return _day(int(g["year"]), int(g["m"]), int(g["d"])), False, ""
    if kind in ("dmy", "mdy"):
        return _day(int(g["year"]), MONTHS[g["month"].rstrip(".").lower()], int(g["day"])), False, ""
    if kind == "my":
        return PartialDate(datetime.date(int(g["year"]), MONTHS[g["month"].rstrip(".").lower()], 1), "month"), False, ""
    if kind == "year":
        return PartialDate(datetime.date(int(g["year"]), 1, 1), "year"), False, ""
    if published is None:
        return None
    pub = published.date
    if kind in ("md", "dm"):
        month, day = MONTHS[g["month"].rstrip(".").lower()], int(g["day"])
        date = _day(pub.year, month, day)
        if date is None:
            return None
        return _no_finer(date, published), True, f"the year of publication ({pub.year})"
    if kind == "rel_month":
        month = MONTHS[g["month"].rstrip(".").lower()]
        rel = g["rel"].lower()
        year = pub.year
        if published.precision == Precision.YEAR:
            # "last August" in an article known only to the year: the year is not certain either.
            year = year if rel in ("this", "in", "early", "late", "mid", "mid-") else None
        elif rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == "next":
            year = pub.year if month > pub.month else pub.year + 1
        if year is None:
            return None
        return PartialDate(datetime.date(year, month, 1), "month"), True, f"“{match.group()}” from {published}"
    if kind == "rel_weekday":
        rel = (g["rel"] or "").lower()
        weekday = WEEKDAYS[g["weekday"].lower()]
        if rel == "next" or rel == "coming":
            days = (weekday - pub.weekday()) % 7 or 7
        elif rel == "last":
            days = -((pub.weekday() - weekday) % 7 or 7)
        elif rel == "this":
            days = weekday - pub.weekday()
        else:
            days = -((pub.weekday() - weekday) % 7)
        date = pub + datetime.timedelta(days=days)
        return _no_finer(date, published), True, f"“{match.group()}” from {published}"
    if kind == "rel_period":
        rel, period = g["rel"].lower(), g["period"].lower()
        step = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
        if period == "year":
            return (
                PartialDate(datetime.date(pub.year + step, 1, 1), "year"),
                True,
                f"“{match.group()}” from {published}",
            )
        if period == "month":
            if published.precision == Precision.YEAR:
                return None if step else (PartialDate(pub, "year"), True, f"“{match.group()}” from {published}")
            month = pub.month + step
            year = pub.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            return PartialDate(datetime.date(year, month, 1), "month"), True, f"“{match.group()}” from {published}"
        # A week: to the day of its Monday when the publication day is known, else its month at most.
        monday = pub - datetime.timedelta(days=pub.weekday()) + datetime.timedelta(weeks=step)
        if published.precision == Precision.DAY:
            # A week is not a day: give the month it starts in (weeks have no precision of their own).
            return PartialDate(monday, "month"), True, f"the week of {monday.isoformat()}"
        return _no_finer(monday, published), True, f"“{match.group()}” from {published}"
    if kind == "rel_day":
        step = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["period"].lower()]
        return _no_finer(pub + datetime.timedelta(days=step), published), True, f"“{match.group()}” from {published}"
    return None


def _day(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(datetime.date(year, month, day), "day")
    except ValueError:
        return None


def _no_finer(date: datetime.date | PartialDate, published: PartialDate) -> PartialDate:
    """`date` to the day, or to the precision of the publication date if that is coarser."""
    if isinstance(date, PartialDate):
        date = date.date
    precision = Precision.DAY
    if published.precision == Precision.MONTH:
        precision = Precision.MONTH
    elif published.precision == Precision.YEAR:
        precision = Precision.YEAR
    return PartialDate(date, precision)


def holding_date(dates: list[DateMention], start: int, end: int, body: str, published: PartialDate | None):
    """The date a statement at start–end holds for: a date in its sentence, else the publication date."""
    from relations.text import sentence_span

    s, e = sentence_span(body, start, end)
    inside = [d for d in dates if s <= d.start and d.end <= e and d.date is not None]
    if inside:
        nearest = min(inside, key=lambda d: min(abs(d.start - end), abs(start - d.end)))
        return nearest.date
    return published

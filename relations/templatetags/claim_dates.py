"""The claim changelist's date hierarchy, without reading every claim to draw it."""

import calendar
import datetime

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db.models import Max, Min
from django.utils import formats, timezone
from django.utils.text import capfirst

register = template.Library()


@register.inclusion_tag("admin/date_hierarchy.html")
def cheap_date_hierarchy(cl):
    """Django's date hierarchy, with the periods between the first and the last date of the list.

    Django lists the years, months or days that have records with SELECT DISTINCT over every row in the list
    (0.6 s at a million claims, on every page); here two index lookups find the first and last dates and the
    periods between them are listed, including any without claims.
    """
    field = cl.date_hierarchy
    lookups = {part: cl.params.get(f"{field}__{part}") for part in ("year", "month", "day")}
    if lookups["day"] or not cl.queryset.exists():
        return date_hierarchy(cl)  # One day, or nothing at all: Django's own answer is cheap.
    first, last = (
        timezone.localtime(value) if timezone.is_aware(value) else value
        for value in cl.queryset.aggregate(first=Min(field), last=Max(field)).values()
    )

    def link(filters):
        return cl.get_query_string(filters, [f"{field}__"])

    year, month = lookups["year"], lookups["month"]
    if not year and first.year == last.year:
        year = first.year
        if first.month == last.month:
            month = first.month
    if year and month:
        year, month = int(year), int(month)
        days = range(1, calendar.monthrange(year, month)[1] + 1)
        days = [
            datetime.date(year, month, d) for d in days if first.date() <= datetime.date(year, month, d) <= last.date()
        ]
        back = {"link": link({f"{field}__year": year}), "title": str(year)}
        choices = [
            {
                "link": link({f"{field}__year": year, f"{field}__month": month, f"{field}__day": day.day}),
                "title": capfirst(formats.date_format(day, "MONTH_DAY_FORMAT")),
            }
            for day in days
        ]
    elif year:
        year = int(year)
        months = [
            datetime.date(year, m, 1)
            for m in range(1, 13)
            if (first.year, first.month) <= (year, m) <= (last.year, last.month)
        ]
        back = {"link": link({}), "title": "All dates"}
        choices = [
            {
                "link": link({f"{field}__year": year, f"{field}__month": m.month}),
                "title": capfirst(formats.date_format(m, "YEAR_MONTH_FORMAT")),
            }
            for m in months
        ]
    else:
        back = None
        choices = [{"link": link({f"{field}__year": y}), "title": str(y)} for y in range(first.year, last.year + 1)]
    return {"show": True, "back": back, "choices": choices}

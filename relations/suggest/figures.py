"""Figures: amounts of money, percents, counts, ranks, spans of time, numbers in words, ranges.

Each figure is proposed with its value, bounds and qualifier (some/about/around → approximate; more
than/over/upwards of/at least → lower bound; up to/less than/under → upper bound; between … and …,
5,000–10,000 → range, valued at the midpoint), its unit and currency, a metric from the vocabulary when
the words around it share enough with the metric's name and description, the period and the date it
holds for (a date in its sentence, else the publication date). Dates are not figures: a number inside
a date the dates suggester found, or a bare year, is skipped.
"""

import re
from decimal import Decimal

from relations.models import Figure, PartialDate
from relations.text import sentence_span, wordset

from . import Proposal
from .dates import DateMention, holding_date
from .known import Known

UNITS = Figure.Unit
SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
SCALES = {
    "thousand": Decimal(10**3),
    "k": Decimal(10**3),
    "million": Decimal(10**6),
    "m": Decimal(10**6),
    "mln": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "b": Decimal(10**9),
    "trillion": Decimal(10**12),
    "tn": Decimal(10**12),
}
CURRENCY_SIGNS = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "₸": "KZT",
    "kzt": "KZT",
    "₪": "ILS",
    "nis": "ILS",
    "ils": "ILS",
    "₽": "RUB",
    "rub": "RUB",
}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "tenge": "KZT",
    "shekels": "ILS",
    "shekel": "ILS",
    "roubles": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
    "yen": "JPY",
}
TIME_UNITS = {
    "year": UNITS.YEARS,
    "years": UNITS.YEARS,
    "decade": UNITS.YEARS,
    "decades": UNITS.YEARS,
    "month": UNITS.MONTHS,
    "months": UNITS.MONTHS,
    "week": UNITS.WEEKS,
    "weeks": UNITS.WEEKS,
    "day": UNITS.DAYS,
    "days": UNITS.DAYS,
    "hour": UNITS.HOURS,
    "hours": UNITS.HOURS,
    "century": UNITS.YEARS,
    "centuries": UNITS.YEARS,
}
TIME_FACTORS = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}
PEOPLE = wordset(
    "people persons residents citizens inhabitants Jews Muslims Christians nationals refugees soldiers troops "
    "workers students voters members delegates tourists visitors families children women men fighters victims "
    "immigrants emigrants employees participants pilgrims diplomats officials militants extremists arrests "
    "protesters demonstrators casualties deaths dead killed injured wounded survivors prisoners patients "
    "experts specialists graduates jobs"
)
OTHER_UNITS = {
    "tonnes": UNITS.TONNES,
    "tons": UNITS.TONNES,
    "tonne": UNITS.TONNES,
    "barrels": UNITS.BARRELS,
    "hectares": UNITS.HECTARES,
}
QUALIFIERS = [
    (
        r"a\s+bit\s+more\s+than|more\s+than|over|upwards\s+of|at\s+least|in\s+excess\s+of|exceeding|above|"
        r"no\s+fewer\s+than|no\s+less\s+than|well\s+over",
        Figure.Qualifier.LOWER_BOUND,
    ),
    (
        r"up\s+to|less\s+than|fewer\s+than|under|below|no\s+more\s+than|at\s+most|as\s+many\s+as|as\s+much\s+as",
        Figure.Qualifier.UPPER_BOUND,
    ),
    (
        r"some|about|around|approximately|roughly|nearly|almost|close\s+to|an\s+estimated|estimated|circa|"
        r"approx\.|about\s+some|just\s+under|just\s+over",
        Figure.Qualifier.APPROXIMATE,
    ),
]
_QUALIFIER = re.compile(r"(?:^|(?<=\s))(" + "|".join(p for p, _ in QUALIFIERS) + r")\s+$", re.I)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUM = "|".join(sorted((re.escape(w) for w in SMALL), key=len, reverse=True))
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|mln|bn|tn)\b|(?<=\d)(?:k|m|bn|b)\b)"
_SIGN = r"(?:US\$|\$|€|£|¥|₸|₪|₽|USD\s?|EUR\s?|GBP\s?|KZT\s?|NIS\s?)"
NUMBER = re.compile(
    rf"(?P<sign>{_SIGN})?(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"(?:\s*(?:[–—-]|to)\s*(?P<sign2>{_SIGN})?(?P<num2>{_NUM})(?P<scale2>{_SCALE})?)?",
)
BETWEEN = re.compile(
    rf"\bbetween\s+(?P<sign>{_SIGN})?(?P<num>{_NUM})(?P<scale>{_SCALE})?\s+and\s+(?P<sign2>{_SIGN})?"
    rf"(?P<num2>{_NUM})(?P<scale2>{_SCALE})?",
    re.I,
)
WORD_NUMBER = re.compile(
    rf"\b(?P<num>{_WORD_NUM})(?:[\s-]+(?P<unit_num>one|two|three|four|five|six|seven|eight|nine))?\b", re.I
)
FRACTION = re.compile(
    r"\b(?P<a>one|two|three)\s+(?:of|in|out\s+of)\s+(?:every\s+)?(?P<b>two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.I,
)
RANK = re.compile(
    rf"\b(?:(?:the\s+)?(?:world|country|region|continent|nation)(?:’s|'s)\s+|(?P<ord>{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))[\s-]+)"
    r"(?:most\s+\w+|largest|biggest|greatest|highest|richest|oldest|longest|leading|top|most\s+important|major)\b",
    re.I,
)
NUMBER_RANK = re.compile(r"\bNo\.\s?(?P<num>\d+)\b")
SEVERAL = re.compile(
    r"\b(?P<word>several|many|a\s+few|dozens|hundreds|thousands|tens\s+of\s+thousands|millions)"
    r"(?:\s+(?P<of>hundreds|thousands|millions))?\b",
    re.I,
)


def find(body: str, dates: list[DateMention], published: PartialDate | None, known: Known) -> list[Proposal]:
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in dates if not d.relative or d.date is not None]
    proposals: list[Proposal] = []

    def add(start, end, value, unit, *, qualifier=None, lower=None, upper=None, currency="", score=0.8):
        if any(s < end and start < e for s, e in taken):
            return
        q_start, q = _qualifier(body, start)
        qualifier = qualifier or q or Figure.Qualifier.EXACT
        if qualifier == Figure.Qualifier.LOWER_BOUND:
            lower, upper = value, None
        elif qualifier == Figure.Qualifier.UPPER_BOUND:
            lower, upper = None, value
        elif qualifier != Figure.Qualifier.RANGE:
            lower = upper = None
        taken.append((q_start, end))
        metric, period = _metric(body, q_start, end, unit, known)
        date = holding_date(dates, q_start, end, body, published)
        proposals.append(
            Proposal(
                "figure",
                q_start,
                end,
                score,
                {
                    "value": _number(value),
                    "lower": _number(lower),
                    "upper": _number(upper),
                    "qualifier": str(qualifier),
                    "unit": str(unit),
                    "currency": currency or "",
                    "period": period,
                    "metric": metric,
                    "date": str(date) if date else None,
                },
            )
        )

    for m in BETWEEN.finditer(body):
        low, high = _value(m["num"], m["scale"] or m["scale2"]), _value(m["num2"], m["scale2"])
        end, unit, currency, factor = _unit_after(body, m.end(), m["sign"] or m["sign2"])
        low, high = low * factor, high * factor
        add(
            m.start(),
            end,
            (low + high) / 2,
            unit,
            qualifier=Figure.Qualifier.RANGE,
            lower=low,
            upper=high,
            currency=currency,
            score=0.9,
        )
    for m in FRACTION.finditer(body):
        a = SMALL.get(m["a"].lower())
        b = SMALL.get(m["b"].lower()) if not m["b"].isdigit() else int(m["b"])
        if a and b:
            end = _noun_end(body, m.end(), 1)
            add(m.start(), end, Decimal(a * 100) / Decimal(b), UNITS.PERCENT, score=0.85)
    for m in RANK.finditer(body):
        rank = ORDINALS.get((m["ord"] or "").lower()) or (int(re.sub(r"\D", "", m["ord"])) if m["ord"] else 1)
        add(m.start(), m.end(), Decimal(rank), UNITS.RANK, score=0.7)
    for m in NUMBER_RANK.finditer(body):
        add(m.start(), _noun_end(body, m.end(), 1), Decimal(m["num"]), UNITS.RANK, score=0.6)
    for m in NUMBER.finditer(body):
        if _inside_word(body, m.start(), m.end()):
            continue
        raw = m["num"]
        sign = m["sign"]
        if m["num2"] and not m["scale"] and not sign and _is_year(raw) and _is_year(m["num2"]):
            continue  # 2015–2016
        if not sign and not m["scale"] and _is_year(raw) and not _unit_word_after(body, m.end()):
            continue  # a year is a date, not a figure
        value = _value(raw, m["scale"] or (m["scale2"] if m["num2"] else None))
        end, unit, currency, factor = _unit_after(body, m.end(), sign or m["sign2"])
        if unit is None:
            if not sign and not m["scale"] and _ordinal_or_list(body, m.start(), m.end()):
                continue
            unit = UNITS.COUNT
        value *= factor
        if m["num2"]:
            high = _value(m["num2"], m["scale2"] or m["scale"]) * factor
            add(
                m.start(),
                end,
                (value + high) / 2,
                unit,
                qualifier=Figure.Qualifier.RANGE,
                lower=value,
                upper=high,
                currency=currency,
                score=0.85,
            )
        else:
            add(m.start(), end, value, unit, currency=currency, score=0.85 if unit != UNITS.COUNT else 0.6)
    for m in SEVERAL.finditer(body):
        word, of = m["word"].lower(), (m["of"] or "").lower()
        base = {
            "hundreds": 200,
            "thousands": 2000,
            "millions": 2_000_000,
            "dozens": 24,
            "tens of thousands": 20000,
        }.get(of or word)
        if base is None:
            continue
        end, unit, currency, _ = _unit_after(body, m.end(), None)
        add(
            m.start(),
            end if unit else m.end(),
            Decimal(base),
            unit or UNITS.COUNT,
            qualifier=Figure.Qualifier.LOWER_BOUND,
            score=0.5,
        )
    for m in WORD_NUMBER.finditer(body):
        word = m["num"].lower()
        value = SMALL[word] + (SMALL[m["unit_num"].lower()] if m["unit_num"] else 0)
        end, unit, currency, factor = _unit_after(body, m.end(), None)
        if unit is None:
            end = _noun_end(body, m.end())
            if end == m.end() or word == "one":
                continue
            unit = UNITS.COUNT
        if word == "one" and unit == UNITS.COUNT and not re.search(r"\bjust\s+$|\bonly\s+$", body[: m.start()][-6:]):
            continue
        add(m.start(), end, Decimal(value) * factor, unit, score=0.55)
    return sorted(proposals, key=lambda p: p.start)


def _value(raw: str, scale: str | None) -> Decimal:
    value = Decimal(raw.replace(",", ""))
    if scale:
        value *= SCALES[scale.strip().lower()]
    return value


def _number(value: Decimal | None):
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _is_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100


def _inside_word(body: str, start: int, end: int) -> bool:
    before = body[start - 1] if start else " "
    return before.isalpha() or (before in ".," and start > 1 and body[start - 2].isdigit())


_UNIT_AFTER = re.compile(
    r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b))|"
    r"(?P<sep>[\s-]+)(?:(?P<adj>[a-z]+\s+){0,2}?)(?P<word>[A-Za-z]+)\b"
)


def _unit_after(body: str, end: int, sign: str | None):
    """(end, unit, currency, factor) of what follows a number: %, a currency word, people, years…"""
    currency = CURRENCY_SIGNS.get((sign or "").strip().lower(), "")
    m = _UNIT_AFTER.match(body, end)
    if m and m["pct"]:
        return m.end(), UNITS.PERCENT, "", 1
    if m:
        word = m["word"]
        if word.lower() in CURRENCY_WORDS and not m["adj"]:
            return m.end(), UNITS.CURRENCY, currency or CURRENCY_WORDS[word.lower()], 1
        if word.lower() in TIME_UNITS and (not m["adj"] or m["adj"].strip() in ("more", "full", "long")):
            tail = re.match(r"\s+ago\b", body[m.end() :])
            return (
                m.end() + (tail.end() if tail else 0),
                TIME_UNITS[word.lower()],
                "",
                TIME_FACTORS.get(word.lower(), 1),
            )
        if word in PEOPLE or word.lower() in PEOPLE:
            return m.end(), UNITS.PEOPLE, "", 1
        if word.lower() in OTHER_UNITS:
            return m.end(), OTHER_UNITS[word.lower()], "", 1
    if currency:
        return end, UNITS.CURRENCY, currency, 1
    if m and m["sep"] == "-" and m["word"].islower():
        # A hyphenated count: "56-nation", "a 10-point plan".
        return m.end(), UNITS.COUNT, "", 1
    if m and m["word"].islower() and not m["adj"] and m["word"] not in _NOT_NOUNS:
        return m.end(), UNITS.COUNT, "", 1
    return end, None, "", 1


_NOT_NOUNS = wordset(
    "of and or to the a an in on at by for from with as is are was were be been that which who than per "
    "times percent more less million billion thousand other such out"
)


def _unit_word_after(body: str, end: int) -> bool:
    m = _UNIT_AFTER.match(body, end)
    return bool(m and (m["pct"] or (m["word"] and (m["word"].lower() in PEOPLE or m["word"].lower() in TIME_UNITS))))


def _noun_end(body: str, end: int, words: int = 3) -> int:
    """The end of the noun phrase after a number word: "two fundamental pieces", "five “stans”"."""
    m = re.match(rf"(?:\s+(?:[a-z][\w’'-]*|[“\"‘][^”\"’]{{1,20}}[”\"’])){{1,{words}}}", body[end:])
    if not m:
        return end
    phrase = m.group()
    parts = phrase.split()
    while parts and parts[-1].lower() in _NOT_NOUNS:
        parts.pop()
    if not parts or parts[0].lower() in _NOT_NOUNS:
        return end
    return end + phrase.index(parts[-1]) + len(parts[-1]) if parts else end


def _ordinal_or_list(body: str, start: int, end: int) -> bool:
    """A bare number that counts nothing: a list item "1.", a section "(2)", page numbers."""
    after = body[end : end + 2]
    return after.startswith(".") and not after[1:].isdigit() or body[start - 1 : start] == "("


def _qualifier(body: str, start: int) -> tuple[int, str | None]:
    window = body[max(0, start - 30) : start]
    m = _QUALIFIER.search(window)
    if not m:
        return start, None
    text = m.group(1).lower()
    for pattern, qualifier in QUALIFIERS:
        if re.fullmatch(pattern, text, re.I):
            return start - len(window) + m.start(1), qualifier
    return start, None


_STOP = wordset("the of and a an in on for to with from by at is are was were its their this that")


def _metric(body: str, start: int, end: int, unit: str, known: Known) -> tuple[str | None, str]:
    """The vocabulary metric whose name and description share most words with the figure's sentence."""
    s, e = sentence_span(body, start, end)
    context = {w for w in re.findall(r"[a-z]+", body[s:e].lower()) if w not in _STOP and len(w) > 2}
    period = "annual" if re.search(r"\bannual|a year\b|per year|each year|every year", body[s:e], re.I) else "point"
    best, best_score = None, 0.0
    for metric in known.metrics:
        if metric.units and unit not in metric.units:
            continue  # the metric's figures are in other units: a share is no amount of money
        words = {w for w in re.findall(r"[a-z]+", f"{metric.name} {metric.slug}".lower()) if w not in _STOP}
        described = {w for w in re.findall(r"[a-z]+", metric.description.lower()) if w not in _STOP and len(w) > 3}
        score = len(context & words) * 2 + len(context & described) * 0.5
        if unit == UNITS.CURRENCY and not words & {"trade", "imports", "exports", "investment", "budget", "gdp", "oil"}:
            score -= 1
        if score > best_score:
            best, best_score = metric, score
    if best is None or best_score < 3:
        return None, period
    return best.slug, best.period

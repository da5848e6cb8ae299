"""Figures in what the collector says: money, percentages, instalment plans, dates.

Pure Python, no I/O. `extract_figures` never raises: any text (empty, huge, emoji, control
characters, right-to-left marks) gives a `Figures`, possibly empty. Only the first
`MAX_CHARS` characters are read.

How it works, in order, on a lower-cased copy where number words became digits
("twelve hundred" -> "1200", "the fifteenth" -> "the 15th"):
phone numbers, times and long digit runs are blanked out; then dates, percentages and
plans are read and blanked; what money is left is read last. Blanking keeps positions,
so results come out in text order.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .numbers import (  # MAX_CHARS and normalise_text are re-exported for callers
    MAX_CHARS,
    MONTH_RE,
    MONTHS,
    ORDINALS,
    SCALES,
    TENS,
    TOKEN,
    UNITS,
    normalise_text,
    words_to_digits,
)

__all__ = ["MAX_CHARS", "Figures", "Plan", "extract_figures", "extract_normalised", "normalise_text"]

# ---------------------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class Plan:
    """A instalment plan: so much each month, maybe for so many months."""

    monthly: float  # amount per month (weekly and fortnightly amounts are converted)
    months: int | None  # number of instalments, when said

    @property
    def total(self) -> float | None:
        return None if self.months is None else round(self.monthly * self.months, 2)


@dataclass(frozen=True, slots=True)
class Figures:
    amounts: tuple[float, ...] = ()  # money not part of a plan, in text order
    percents: tuple[float, ...] = ()
    plans: tuple[Plan, ...] = ()
    dates: tuple[str, ...] = ()  # "friday", "day:15", "today", "dec-1", "2026-12-01", ...

    def to_dict(self) -> dict[str, Any]:
        if not (self.amounts or self.percents or self.plans or self.dates):
            return {"amounts": [], "percents": [], "plans": [], "dates": []}  # most lines: new lists, nothing shared
        return {  # map(float, ...) rather than comprehensions: each of those is a function call
            "amounts": list(map(float, self.amounts)),
            "percents": list(map(float, self.percents)),
            "plans": [{"monthly": float(p.monthly), "months": p.months} for p in self.plans] if self.plans else [],
            "dates": list(self.dates),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figures:
        plans = tuple(
            Plan(float(p["monthly"]), None if p.get("months") is None else int(p["months"])) for p in d.get("plans", ())
        )
        return cls(
            amounts=tuple(float(a) for a in d.get("amounts", ())),
            percents=tuple(float(p) for p in d.get("percents", ())),
            plans=plans,
            dates=tuple(str(x) for x in d.get("dates", ())),
        )

    def is_empty(self) -> bool:
        return not (self.amounts or self.percents or self.plans or self.dates)

    def has(self, kind: str) -> bool:
        """Whether figures of a kind were found: "amount", "percent", "plan" or "date"."""
        # tested in turn rather than looked up in a dict built for each question
        if kind == "amount":
            return bool(self.amounts)
        if kind == "percent":
            return bool(self.percents)
        if kind == "plan":
            return bool(self.plans)
        return kind == "date" and bool(self.dates)


# ---------------------------------------------------------------------------- patterns

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = {"k": 1000.0, "grand": 1000.0, "thousand": 1000.0, "hundred": 100.0}


def _amount(p: str) -> str:
    """An amount of money; group names get the prefix `p` so a regex may hold two."""
    return (
        rf"(?:(?P<{p}cur>\$|us\$|usd|£|€)\s?(?P<{p}n1>{_NUM})(?:\s?(?P<{p}m1>k|grand|thousand|hundred)\b)?"
        rf"|(?<![\w.,$£€/:])(?<![a-z]-)(?P<{p}n2>{_NUM})(?:\s?(?P<{p}m2>k|grand|thousand|hundred)\b)?"
        rf"(?:\s?(?P<{p}c2>dollars?|bucks|usd|quid)\b)?)(?!\w|/\d|\.\d|,\d)"
    )


_AMOUNT_RE = re.compile(_amount("a"))

_PHONE = re.compile(r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[.-]\d{4}\b|\b\d{3}[.-]\d{4}\b")
_LONG_DIGITS = re.compile(r"(?<![$\d,.])\d{7,}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?:\s?(?:am|pm|a\.m\.|p\.m\.))?|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)\b")

# A plan's rhythm, right after the amount. Weekly and fortnightly amounts are turned into
# a monthly figure (x 52/12 and x 26/12, rounded to cents) so every plan compares in one
# unit; "every friday" is weekly.
_FREQ = (
    r"(?:\s?(?:/|per\b|a\b|an\b|each\b|every\b(?:\s+single\b)?)\s?"
    r"(?P<unit>month|mo|mth|week|wk|fortnight|two\s+weeks|2\s+weeks|other\s+week)\b"
    r"|\s(?P<adv>monthly|weekly|bi-?weekly|fortnightly|semi-?monthly|twice\s+(?:a|per)\s+month|twice\s+monthly"
    r"|every\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on\s+fridays)\b)"
)
_DURATION = (
    r"(?:[^.?!;]{0,25}?\b(?:for|over|during|across)\s+(?:the\s+next\s+|a\s+period\s+of\s+|another\s+)?"
    r"(?P<dur>\d+|a|one)\s+(?P<dunit>months?|mos|mths|years?|yrs|weeks?|payments?|installments?|instalments?)\b)?"
)
_PLAN_COUNT = re.compile(  # "6 monthly payments of $150", "three payments of four hundred"
    r"\b(?P<count>\d{1,2})\s+(?:(?P<cadj>monthly|weekly|bi-?weekly|equal|even|more|consecutive|additional)\s+)?"
    r"(?:payments?|installments?|instalments?)\s+(?:of\s+)?" + _amount("a") + r"(?:\s+(?:each|apiece|a\s+piece))?"
)
_PLAN_MONTHS_AT = re.compile(  # "6 months at $200"
    r"\b(?P<count>\d{1,2})\s+months?\s+(?:at|of)\s+" + _amount("a")
)
_PLAN_SPREAD = re.compile(  # "$1,200 over 6 months", "$900 split into 3 payments"
    _amount("a") + r"\s+(?:(?:spread|split|paid|broken\s+up)\s+)?(?:over|across|into)\s+(?:the\s+next\s+)?"
    r"(?P<count>\d{1,2})\s+(?:equal\s+|monthly\s+)?(?:months?|payments|installments|instalments)\b"
)
_PLAN_OF = re.compile(  # "monthly payments of $150"
    r"\b(?P<adv>monthly|weekly|bi-?weekly)\s+(?:payments?|installments?|instalments?)\s+of\s+"
    + _amount("a")
    + _DURATION
)
_PLAN_DAY = re.compile(  # "$200 on the 1st of each month" (the day was blanked already)
    _amount("a") + r"\s+(?:on|by|around)\s+the\s+[^.?!;,]{0,20}?\b(?:of\s+)?(?:each|every)\s+month\b" + _DURATION
)
_PLAN_FREQ = re.compile(_amount("a") + _FREQ + _DURATION)  # "$200 a month for 6 months"

_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b|pct\b)")
_HALF = re.compile(
    r"\bhalf\b(?!\s+(?:the\s+)?(?:time|day|hour|month|year|week|an?\b))"
    r"(?=\s+(?:of\s+)?(?:the|your|what|that|it|this|now|today|up\s?front|down)\b)"
)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|weds|thurs)s?\b")
_RELATIVE = re.compile(
    r"\b(?P<eom>(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?month|month[\s-]end|eom)\b"
    r"|\b(?P<eow>end\s+of\s+(?:the\s+|this\s+)?week)\b"
    r"|\b(?P<today>today|tonight|this\s+(?:afternoon|evening|morning))\b"
    r"|\b(?P<tomorrow>tomorrow|tomorow|tommorow|tommorrow)\b"
    r"|\b(?P<nextweek>next\s+week)\b|\b(?P<thisweek>this\s+week)\b|\b(?P<nextmonth>next\s+month)\b"
)
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
_DATE_CUE = re.compile(r"\b(?:on|by|before|until|till|til|due|from|starting|after|of|around|the)\s*$")
_MONTH_DAY = re.compile(rf"\b{MONTH_RE}\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+of\s+{MONTH_RE}\b(?:,?\s+(\d{{4}})\b)?")
_DAY_ORD = re.compile(
    r"\b(?:on|by|before|until|till|til|due|after|from|starting|around|the)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+(?:payment|installment|instalment|time|call|party|attempt|notice|letter|month|week|year|day|"
    r"place|quarter|person|one|option|offer|thing|step|of\s+(?:the\s+)?(?:payments?|installments?))\b)"
)

_UNIT_AFTER = re.compile(
    r"\s*-?\s*(?:months?|mos?|mths?|weeks?|wks?|days?|years?|yrs?|hours?|hrs?|minutes?|mins?|seconds?|secs?|"
    r"times|x|payments?|installments?|instalments?|people|persons|kids|children|employees|customers|items|units|"
    r"miles|lbs?|pounds|kg|feet|ft|sq|square|calls|letters|notices|attempts|points|th|st|nd|rd|percent|%|"
    r"tax|season|model|election|fiscal|school)\b"
)
_STREET_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl"
    r"|terrace|circle|parkway|pkwy|highway|hwy)\b"
)
_NOT_MONEY_BEFORE = re.compile(  # whole words only: "paid 400" and "manage 300" are money, "id 400" is not
    r"(?<![a-z'])(?:last\s+(?:four|4|two|2)(?:\s+digits)?(?:\s+of\s+(?:your|the|his|her)\s+\w+)?(?:\s+(?:is|are))?"
    r"|ending\s+(?:in|with)|number|no\.|#|ext\.?|extension|zip(?:\s+code)?|apt\.?|apartment|suite|unit|room"
    r"|page|line|ssn|social|age|aged|i'm|i\s+am|he's|she's|he\s+is|she\s+is|turned|turning|route|highway"
    r"|interstate|channel|account|acct|reference|ref|case|claim|policy|invoice|order|ticket|id|pin|code|version"
    r"|model|flight|gate|year|class\s+of|circa|ext|area\s+code|extension|box)\s*$"
)
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:in|since|until|till|til|by|from|year|spring|summer|fall|autumn|winter|early|late|mid|back\s+in"
    rf"|(?:end|start|beginning|middle|spring|summer|fall|autumn|winter)\s+of)"
    rf"|{MONTH_RE}\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?)\s*$"
)
_MONEY_CUE = re.compile(
    r"\b(?:pay|paid|paying|payment|payments|owe|owed|owes|owing|balance|settle|settled|settlement|offer|amount"
    r"|accept|total|lump|sum|down|afford|cover|cost|costs|price|fee|fees|charge|charges|debt|bill|invoice|cash|lowest|highest|minimum"
    r"|deposit|money|do|take|give|send|put|reduce|drop|discount|waive|close|plan|month|monthly|week|weekly"
    r"|remaining|left|due|installment|instalment|dollars?|bucks|budget|income|make|spend|need|get|at\s+least|manage|go\s+up|come\s+up|bump|stretch"
    r"|how\s+about|what\s+about|go\s+to|the\s+rest|difference|lower|higher|below|less\s+than|more\s+than)\b|[$£€]"
)


def _value(m: re.Match[str], p: str) -> tuple[float, bool]:
    """(value, explicit): explicit when a currency sign/word or k/grand says it is money."""
    if m.group(p + "n1") is not None:
        num, mult, explicit = m.group(p + "n1"), m.group(p + "m1"), True
    else:
        num, mult = m.group(p + "n2"), m.group(p + "m2")
        explicit = m.group(p + "c2") is not None or mult in ("k", "grand")
    value = float(num.replace(",", ""))
    if mult:
        value *= _MULT[mult]
    return round(value, 2), explicit


def _blank(s: str, start: int, end: int) -> str:
    return s[:start] + " " * (end - start) + s[end:]


_SPACE_OR_DASH = re.compile(r"[\s-]")


def _per_month(amount: float, rhythm: str) -> tuple[float, bool]:
    """(amount per month, paid by the week?). Weekly: x 52/12; fortnightly: x 26/12; twice a month: x 2."""
    r = _SPACE_OR_DASH.sub("", rhythm)
    if r.startswith(("week", "wk", "every")) or r == "onfridays":
        return round(amount * 52 / 12, 2), True
    if r in ("fortnight", "fortnightly", "twoweeks", "2weeks", "otherweek") or r.startswith("bi"):
        return round(amount * 26 / 12, 2), True
    if r.startswith(("semi", "twice")):
        return round(amount * 2, 2), False
    return amount, False


def _months(m: re.Match[str], weekly: bool) -> int | None:
    """The plan's length in months from a "for N months" tail, when it says months or years."""
    groups = m.groupdict()
    dur, unit = groups.get("dur"), groups.get("dunit")
    if not dur or not unit:
        return None
    n = 1 if dur in ("a", "one") else int(dur)
    if unit.startswith(("year", "yr")):
        return n * 12 if 0 < n <= 10 else None
    if unit.startswith("m"):
        return n if 0 < n <= 120 else None
    if unit.startswith(("payment", "install", "instal")) and not weekly:
        return n if 0 < n <= 120 else None
    return None  # weeks, or a count of weekly payments: no whole number of months to give


# ---------------------------------------------------------------------------- extraction


def extract_figures(text: str) -> Figures:
    """Every figure said in `text` (first MAX_CHARS characters). Never raises."""
    try:
        return _extract(normalise_text(text))
    except Exception:  # pragma: no cover - a bug must not stop a call
        return Figures()


def extract_normalised(norm: str) -> Figures:
    """As `extract_figures`, for text that went through `normalise_text` already."""
    try:
        return _extract(norm)
    except Exception:  # pragma: no cover
        return Figures()


def _extract(norm: str) -> Figures:
    # Cheap looks first: most lines have no figures, and most stages need a digit or a word.
    tokens = set(TOKEN.findall(norm))
    number_words = not tokens.isdisjoint(_NUMBER_WORDS)
    w = words_to_digits(norm) if number_words else norm
    digits = _DIGIT.search(w) is not None
    if not digits and tokens.isdisjoint(_DATE_WORDS) and "half" not in tokens:
        return Figures()
    if digits:
        for rx, tell in ((_PHONE, _PHONE_TELL), (_LONG_DIGITS, _LONG_DIGITS_TELL), (_TIME, _TIME_TELL)):
            for m in list(rx.finditer(w)) if tell.search(w) else ():
                w = _blank(w, m.start(), m.end())
    dates, w = _dates(w, tokens, digits)
    percents: list[tuple[int, float]] = []
    if digits and ("%" in w or "per" in w or "pct" in w):  # every percentage says one of these
        for m in list(_PERCENT.finditer(w)):
            percents.append((m.start(), float(m.group(1))))
            w = _blank(w, m.start(), m.end())
    if "half" in tokens:
        percents += [(m.start(), 50.0) for m in _HALF.finditer(w)]
    plans, amounts = ([], []) if not digits else _money(w)
    # in text order; map(itemgetter) rather than generator expressions, each a function call
    return Figures(
        amounts=tuple(map(_SECOND, sorted(amounts))) if amounts else (),
        percents=tuple(map(_SECOND, sorted(percents))) if percents else (),
        plans=tuple(map(_SECOND, sorted(plans, key=_FIRST))) if plans else (),
        dates=tuple(map(_SECOND, sorted(dates))) if dates else (),
    )


_DIGIT = re.compile(r"\d")
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)
_AMOUNT_START = re.compile(r"[\d$£€]|us[d$]")  # how any amount (so any plan) begins
# Tells: text that every match of a pattern contains, found by a much simpler pattern (or an `in`
# test) than the pattern itself. Most lines have no phone number, time, date, percentage or plan:
# a pattern whose tell is missing cannot match, and is not run (each costs microseconds a line).
_PHONE_TELL = re.compile(r"\d{3}[.-]\d{4}")
_LONG_DIGITS_TELL = re.compile(r"\d{7}")
_TIME_TELL = re.compile(r":\d|am|pm|m\.|o'clock")
_ORDINAL_TELL = re.compile(r"\d(?:st|nd|rd|th)")
_MONTHS_AT_TELL = re.compile(r"months?\s+(?:at|of)\s")  # what "6 months at $200" says after its count
_NUMBER_WORDS = frozenset([*UNITS, *TENS, *ORDINALS, *SCALES])
_WEEKDAY_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "weds", "thurs"]
)
_WEEKDAY_TOKENS = _WEEKDAY_WORDS | {w + "s" for w in _WEEKDAY_WORDS}  # a weekday said as a word on its own
# the words of which `_RELATIVE` needs one ("end of the month", "this afternoon", "next week", ...)
_RELATIVE_WORDS = frozenset(
    ["end", "eom", "today", "tonight", "this", "tomorrow", "tomorow", "tommorow", "tommorrow", "next"]
)
_DATE_WORDS = _WEEKDAY_TOKENS | frozenset(
    ["today", "tonight", "tomorrow", "tomorow", "tommorow", "tommorrow", "week", "month", "eom", "afternoon",
     "evening", "morning", *MONTHS]
)  # fmt: skip


def _money(w: str) -> tuple[list[tuple[int, Plan]], list[tuple[int, float]]]:
    # Every plan and amount starts with a digit or a currency sign, so none starts before the
    # first of them: the patterns search from there (their look-behinds still see the text before).
    first = _AMOUNT_START.search(w)
    if first is None:
        return [], []
    plans, w = _plans(w, first.start())
    return plans, _amounts(w, first.start())


def _dates(w: str, tokens: set[str], digits: bool) -> tuple[list[tuple[int, str]], str]:
    found: list[tuple[int, str]] = []

    def month_day(pos: int, month: str, day: str, year: str | None) -> None:
        mi = MONTHS[month]
        d = int(day)
        try:
            if year:
                found.append((pos, date(int(year), mi, d).isoformat()))
            else:
                date(2000, mi, d)  # a leap year, so "feb 29" is fine
                found.append((pos, f"{_MONTH_ABBR[mi - 1]}-{d}"))
        except ValueError:
            pass

    months = not tokens.isdisjoint(MONTHS)
    for m in list(_ISO.finditer(w)) if digits and "-" in w else ():
        try:
            found.append((m.start(), date(int(m[1]), int(m[2]), int(m[3])).isoformat()))
            w = _blank(w, m.start(), m.end())
        except ValueError:
            pass
    for m in list(_SLASH.finditer(w)) if digits and "/" in w else ():
        mo, d, y = int(m[1]), int(m[2]), m[3]
        if not (1 <= mo <= 12 and 1 <= d <= 31) or (not y and not _DATE_CUE.search(w, 0, m.start())):
            continue
        month_day(m.start(), _MONTH_ABBR[mo - 1], str(d), None if not y else ("20" + y if len(y) == 2 else y))
        w = _blank(w, m.start(), m.end())
    for rx, mi, di, yi in ((_MONTH_DAY, 1, 2, 3), (_DAY_MONTH, 2, 1, 3)) if months and digits else ():
        for m in list(rx.finditer(w)):
            if m[mi] == "may" and rx is _MONTH_DAY and not _DATE_CUE.search(w, 0, m.start()):
                continue  # "you may 20..." is not a date; "on may 20" is
            n = len(found)
            month_day(m.start(), m[mi], m[di], m[yi])
            if len(found) > n:
                w = _blank(w, m.start(), m.end())
    for m in list(_DAY_ORD.finditer(w)) if digits and _ORDINAL_TELL.search(w) else ():
        d = int(m[1])
        if 1 <= d <= 31:
            found.append((m.start(1), f"day:{d}"))
            w = _blank(w, m.start(1), m.end())
    # a word the pattern needs stands on its own in the text, so it is one of its tokens
    for m in _WEEKDAY.finditer(w) if not tokens.isdisjoint(_WEEKDAY_TOKENS) else ():
        name = m[1]
        found.append((m.start(), next(d for d in _WEEKDAYS if d.startswith(name[:3]))))
    for m in _RELATIVE.finditer(w) if not tokens.isdisjoint(_RELATIVE_WORDS) else ():
        kind = m.lastgroup or ""
        token = _RELATIVE_TOKENS[kind]
        found.append((m.start(), token))
    return found, w


_RELATIVE_TOKENS = {
    "eom": "end_of_month",
    "eow": "end_of_week",
    "today": "today",
    "tomorrow": "tomorrow",
    "nextweek": "next_week",
    "thisweek": "this_week",
    "nextmonth": "next_month",
}
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _plans(w: str, start: int = 0) -> tuple[list[tuple[int, Plan]], str]:
    plans: list[tuple[int, Plan]] = []

    def ok(m: re.Match[str]) -> float | None:
        value, explicit = _value(m, "a")
        return value if value > 0 and (explicit or value >= 10) and not _is_year(w, m, value, explicit) else None

    payments = "payment" in w or "instal" in w  # installment, instalment
    for m in list(_PLAN_COUNT.finditer(w, start)) if payments else ():
        value, count, adj = ok(m), int(m["count"]), m["cadj"] or ""
        if value is None or not 2 <= count <= 120:
            continue
        monthly, weekly = _per_month(value, adj if adj in ("weekly", "biweekly", "bi-weekly") else "month")
        plans.append((m.start(), Plan(monthly, None if weekly else count)))
        w = _blank(w, m.start(), m.end())
    months_at = _MONTHS_AT_TELL.search(w) is not None
    for rx, told in ((_PLAN_MONTHS_AT, months_at), (_PLAN_SPREAD, "over" in w or "across" in w or "into" in w)):
        for m in list(rx.finditer(w, start)) if told else ():
            value, count = ok(m), int(m["count"])
            if value is None or not 1 <= count <= 120:
                continue
            monthly = value if rx is _PLAN_MONTHS_AT else round(value / count, 2)
            plans.append((m.start(), Plan(monthly, count)))
            w = _blank(w, m.start(), m.end())
    # _FREQ's words: month, mo, mth, week, wk, fortnight, or a weekday ("every friday", "on fridays")
    per_period = "mo" in w or "mth" in w or "week" in w or "wk" in w or "fortnight" in w
    per_period = per_period or "every" in w or "fridays" in w
    each_month = "month" in w and ("each" in w or "every" in w)
    for rx, told in ((_PLAN_OF, payments), (_PLAN_DAY, each_month), (_PLAN_FREQ, per_period)):
        # "monthly payments of $150" starts with its rhythm, before the amount
        for m in list(rx.finditer(w, 0 if rx is _PLAN_OF else start)) if told else ():
            value = ok(m)
            if value is None:
                continue
            gd = m.groupdict()
            rhythm = gd.get("unit") or gd.get("adv") or "month"
            monthly, weekly = _per_month(value, rhythm)
            plans.append((m.start(), Plan(monthly, _months(m, weekly))))
            w = _blank(w, m.start(), m.end())
    return plans, w


def _is_year(w: str, m: re.Match[str], value: float, explicit: bool) -> bool:
    if explicit or not (1900 <= value <= 2099) or "," in m[0] or "." in m[0]:
        return False
    return _YEAR_BEFORE.search(w, max(0, m.start() - 30), m.start()) is not None


def _amounts(w: str, start: int = 0) -> list[tuple[int, float]]:
    out: list[tuple[int, float]] = []
    money_talk: bool | None = None
    for m in _AMOUNT_RE.finditer(w, start):
        value, explicit = _value(m, "a")
        if explicit:
            if value > 0:
                out.append((m.start(), value))
            continue
        if value < 20 or _UNIT_AFTER.match(w, m.end()) or _STREET_AFTER.match(w, m.end()):
            continue
        if _NOT_MONEY_BEFORE.search(w, max(0, m.start() - 40), m.start()) or _is_year(w, m, value, explicit):
            continue
        if money_talk is None:
            money_talk = _MONEY_CUE.search(w) is not None
        if money_talk:
            out.append((m.start(), value))
    return out

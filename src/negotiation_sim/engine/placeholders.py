"""What a debtor's lines may say in braces: account facts, identity and dates, spoken."""

from __future__ import annotations

import functools

from ..content.persona import Persona
from ..content.scenario import Scenario
from .identity import Identity
from .offers import money


def placeholder_values(scenario: Scenario, persona: Persona, identity: Identity) -> dict[str, str]:
    """The values a persona's lines may name in braces; offer figures are filled per line."""
    a = scenario.account
    i = identity
    f = persona.finances
    att = persona.attorney
    third = scenario.context.third_party
    day = f.income_day
    return {
        "balance": money(a.balance),
        "original_balance": money(a.original_balance),
        "creditor": a.creditor,
        "delivered": a.delivered,
        "due_date": spoken_date(a.due_date),
        "days_past_due": str(a.days_past_due),
        "reference": a.reference,
        "collector": scenario.collector_name,
        "agency": scenario.agency,
        "name": i.name,
        "first_name": i.first_name,
        "employer": i.employer,
        "company": i.company,
        "city": i.city,
        "offer": "",
        "amount": "",
        "monthly": "",
        "months": "",
        "good_faith": "",
        "income_day": _ordinal(day) if day else "end of the month",
        "reason": f.claimed_reason or f.true_reason,
        "attorney_name": att.name if att else "",
        "attorney_firm": att.firm if att else "",
        "attorney_phone": att.phone if att else "",
        "last_payment": money(a.last_payment.amount) if a.last_payment else "nothing",
        "legal_action_date": spoken_date(scenario.authority.legal_action_date),
        "relation": third.relation if third else "",
    }


@functools.lru_cache(maxsize=1024)  # pure: every call of a scenario says the same dates
def spoken_date(iso: str | None) -> str:
    """'2026-10-01' → 'October 1st', the way a debtor says it."""
    if not iso:
        return ""
    _year, month, day = (int(part) for part in iso.split("-"))
    return f"{_MONTHS[month - 1]} {_ordinal(day).removeprefix('the ')}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"the {day}{suffix}"

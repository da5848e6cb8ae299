"""What the collector said about the account, checked against the account file.

Used by the trait 'big picture and details', tip 3 (accurate information) and the hint
'do your homework'. Amounts come from the recogniser's figures; names and dates are
matched against the scenario's account.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .facts import CallFacts, Line

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words of `account.delivered` too common to show the collector knows the file.
# fmt: off
_COMMON = frozenset({
    "that", "with", "from", "this", "were", "which", "delivered", "delivery", "services", "service",
    "invoice", "invoices", "order", "orders", "goods", "items", "month", "months", "year", "years", "their",
    "your", "they", "have", "been", "last", "first", "second", "plan", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
})
# fmt: on


AMOUNT_TOLERANCE = 1.0


LEGAL_WORDS = re.compile(
    r"\b(?:su(?:e|ed|ing)|lawsuit|law ?suit|court|legal (?:action|review|proceedings?|department|team)|"
    r"litigation|judg(?:e)?ment|attorneys? (?:will|would)|lawyers? (?:will|would))\b",
    re.I,
)


CREDIT_WORDS = re.compile(
    r"\bcredit (?:report|reports|reporting|bureaus?|file|score|rating|history|agenc(?:y|ies))\b", re.I
)


def untruthful_consequences(facts: CallFacts, line: Line) -> list[str]:
    """What an explanation of consequences claims that the account does not support."""
    authority = facts.scenario.authority
    problems: list[str] = []
    if LEGAL_WORDS.search(line.text) and authority.legal_action_date is None:
        problems.append("legal action, but this account is not scheduled for legal action")
    if CREDIT_WORDS.search(line.text) and not authority.credit_reporting:
        problems.append("credit reporting, but this creditor does not report to credit bureaus")
    return problems


def known_amounts(facts: CallFacts) -> list[tuple[float, str]]:
    a = facts.scenario.account
    known = [(facts.balance, "the balance"), (a.original_balance, "the original balance")]
    if a.last_payment is not None:
        known.append((a.last_payment.amount, "the last payment"))
    known += [(p.amount, "a broken promise") for p in a.broken_promises]
    return known


_DIGITS = re.compile(r"\d+")


def file_numbers(facts: CallFacts) -> frozenset[int]:
    """Numbers that name things in the account file (invoice numbers, references): not amounts owed."""
    a = facts.scenario.account
    texts = [a.delivered, a.reference, *a.notes, *a.dispute_history]
    return frozenset(int(d) for t in texts for d in _DIGITS.findall(t.replace(",", "")) if len(d) >= 3)


def misstated(facts: CallFacts, line: Line) -> list[float]:
    """Amounts a statement about the debt gets wrong (an offer's figures are not statements)."""
    if not line.has("remind", "disclose_debt", "state_expectation", "explain_consequences"):
        return []
    proposing = line.has("offer", "ask_good_faith", "accept", "reject", "request_counter_offer")
    names = file_numbers(facts)
    wrong: list[float] = []
    for amount in line.amounts:
        if any(abs(amount - value) <= AMOUNT_TOLERANCE for value, _ in known_amounts(facts)):
            continue
        if amount == int(amount) and int(amount) in names:
            continue  # an invoice or reference number from the file, read as a figure
        if amount > facts.balance + AMOUNT_TOLERANCE or not proposing:
            wrong.append(amount)
    return wrong


def states_balance(facts: CallFacts, line: Line) -> bool:
    return any(abs(a - facts.balance) <= AMOUNT_TOLERANCE for a in line.amounts) or any(
        abs(float(p.get("monthly", 0)) * int(p.get("months") or 0) - facts.balance) <= AMOUNT_TOLERANCE
        for p in line.figures.get("plans", ())
        if line.has("remind", "state_expectation")
    )


def balance_lines(facts: CallFacts) -> list[Line]:
    """The lines that stated the balance correctly (and could be taken in: not monologues)."""
    return [line for line in facts.counted_lines() if states_balance(facts, line)]


def misstatements(facts: CallFacts) -> list[tuple[Line, list[float]]]:
    def compute() -> list[tuple[Line, list[float]]]:
        found = [(line, misstated(facts, line)) for line in facts.lines]
        return [(line, wrong) for line, wrong in found if wrong]

    return facts.memo("misstatements", compute)


def _due_date_tokens(iso: str) -> set[str]:
    d = date.fromisoformat(iso)
    return {iso, f"{MONTHS[d.month - 1]}-{d.day}"}


def _delivered_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON}


@dataclass(frozen=True, slots=True)
class FileFact:
    id: str
    label: str
    line: Line


def file_facts(facts: CallFacts) -> list[FileFact]:
    """Facts from the account file the collector stated (besides the balance), first mention of each."""
    return facts.memo("file_facts", lambda: _file_facts(facts))


def _file_facts(facts: CallFacts) -> list[FileFact]:
    a = facts.scenario.account
    due = _due_date_tokens(a.due_date)
    delivered = _delivered_words(a.delivered)
    creditor = a.creditor.lower()
    # the full name, or its first word when that is a name of its own ("Brightline" of "Brightline ...")
    words = _WORD.findall(creditor)
    short = words[0] if words and len(words[0]) >= 5 and words[0] not in _COMMON else creditor
    checks: list[tuple[str, str, Callable[[Line], bool]]] = [
        (
            "creditor",
            f"the creditor ({a.creditor})",
            lambda ln: (
                creditor in ln.text.lower() or re.search(rf"\b{re.escape(short)}\b", ln.text.lower()) is not None
            ),
        ),
        ("due_date", f"the due date ({a.due_date})", lambda ln: bool(due & set(ln.dates))),
        (
            "delivered",
            f"what was delivered ({a.delivered})",
            lambda ln: bool(delivered & set(_WORD.findall(ln.text.lower()))),
        ),
        (
            "days_past_due",
            f"how late it is ({a.days_past_due} days)",
            lambda ln: re.search(rf"\b{a.days_past_due}\s+days\b", ln.text.lower()) is not None,
        ),
        (
            "reference",
            f"the account reference ({a.reference})",
            lambda ln: a.reference.lower() in ln.text.lower(),
        ),
    ]
    if a.last_payment is not None:
        paid = a.last_payment.amount
        checks.append(
            (
                "last_payment",
                f"the last payment ({a.last_payment.amount:g})",
                lambda ln: any(abs(x - paid) <= AMOUNT_TOLERANCE for x in ln.amounts),
            )
        )
    if a.broken_promises:
        promised = {p.amount for p in a.broken_promises}
        checks.append(
            (
                "broken_promise",
                "a broken promise to pay",
                lambda ln: (
                    any(abs(x - p) <= AMOUNT_TOLERANCE for x in ln.amounts for p in promised)
                    or "promise" in ln.text.lower()
                ),
            )
        )
    out: list[FileFact] = []
    pool = facts.counted_lines()
    for fact_id, label, test in checks:
        hit = next((ln for ln in pool if test(ln)), None)
        if hit is not None:
            out.append(FileFact(fact_id, label, hit))
    return out

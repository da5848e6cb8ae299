"""What the collector said about the account, checked against the account file.

Used by the trait 'big picture and details', tip 3 (accurate information) and the hint
'do your homework'. Amounts come from the recogniser's figures; names and dates are
matched against the scenario's account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .account_file import AMOUNT_TOLERANCE, account_file
from .facts import CallFacts
from .lines import Line

LEGAL_WORDS = re.compile(
    r"\b(?:su(?:e|ed|ing)|lawsuit|law ?suit|court|legal (?:action|review|proceedings?|department|team)|"
    r"litigation|judg(?:e)?ment|attorneys? (?:will|would)|lawyers? (?:will|would))\b",
    re.I,
)


# The moves that state what is owed (what misstated judges).
STATEMENTS = ("remind", "disclose_debt", "state_expectation", "explain_consequences")
CREDIT_WORDS = re.compile(
    r"\bcredit (?:report|reports|reporting|bureaus?|file|score|rating|history|agenc(?:y|ies))\b", re.I
)


def untruthful_consequences(facts: CallFacts, line: Line) -> list[str]:
    """What an explanation of consequences claims that the account does not support."""
    authority = facts.scenario.authority
    problems: list[str] = []
    if authority.legal_action_date is None and names_legal_action(line.text):
        problems.append("legal action, but this account is not scheduled for legal action")
    if not authority.credit_reporting and CREDIT_WORDS.search(line.text):
        problems.append("credit reporting, but this creditor does not report to credit bureaus")
    return problems


@lru_cache(maxsize=4096)  # pure in the text; collectors repeat their lines, and the pattern scans slowly
def names_legal_action(text: str) -> bool:
    return LEGAL_WORDS.search(text) is not None


def known_amounts(facts: CallFacts) -> list[tuple[float, str]]:
    """The amounts the account file shows, each a right figure to state."""
    return facts.memo(_known_amounts)


def _known_amounts(facts: CallFacts) -> list[tuple[float, str]]:
    return [(facts.balance, "the balance"), *account_file(facts.scenario.account).amounts]


def file_numbers(facts: CallFacts) -> frozenset[int]:
    """Numbers that name things in the account file (invoice numbers, references): not amounts owed."""
    return account_file(facts.scenario.account).numbers


def misstated(facts: CallFacts, line: Line) -> list[float]:
    """Amounts a statement about the debt gets wrong (an offer's figures are not statements)."""
    if not line.amounts or line.move_set.isdisjoint(STATEMENTS):
        return []
    proposing = line.has("offer", "ask_good_faith", "accept", "reject", "request_counter_offer")
    names = file_numbers(facts)
    known = known_amounts(facts)
    wrong: list[float] = []
    for amount in line.amounts:
        if any(abs(amount - value) <= AMOUNT_TOLERANCE for value, _ in known):
            continue
        if amount == int(amount) and int(amount) in names:
            continue  # an invoice or reference number from the file, read as a figure
        if amount > facts.balance + AMOUNT_TOLERANCE or not proposing:
            wrong.append(amount)
    return wrong


def states_balance(facts: CallFacts, line: Line) -> bool:
    """The line names the balance: as an amount, or (reminding or stating the expectation) as a plan adding up to it."""
    for amount in line.amounts:
        if abs(amount - facts.balance) <= AMOUNT_TOLERANCE:
            return True
    plans = line.figures.get("plans") or ()
    return (
        bool(plans)
        and line.has("remind", "state_expectation")
        and any(
            abs(float(p.get("monthly", 0)) * int(p.get("months") or 0) - facts.balance) <= AMOUNT_TOLERANCE
            for p in plans
        )
    )


def balance_lines(facts: CallFacts) -> list[Line]:
    """The lines that stated the balance correctly (and could be taken in: not monologues)."""
    return facts.memo(_balance_lines)


def _balance_lines(facts: CallFacts) -> list[Line]:
    # only a line with an amount or a plan in it can state the balance: most lines have neither
    with_figures = [ln for ln in facts.counted_lines() if ln.amounts or ln.figures.get("plans")]
    return [ln for ln in with_figures if states_balance(facts, ln)]


def misstatements(facts: CallFacts) -> list[tuple[Line, list[float]]]:
    """Every line that got an amount wrong, with the wrong amounts, in call order."""
    return facts.memo(_misstatements)


def _misstatements(facts: CallFacts) -> list[tuple[Line, list[float]]]:
    found = [(line, misstated(facts, line)) for line in facts.lines if line.amounts]
    return [(line, wrong) for line, wrong in found if wrong]


@dataclass(slots=True)
class FileFact:
    id: str
    label: str
    line: Line


def file_facts(facts: CallFacts) -> list[FileFact]:
    """Facts from the account file the collector stated (besides the balance), first mention of each."""
    return facts.memo(_file_facts)


def _file_facts(facts: CallFacts) -> list[FileFact]:
    file = account_file(facts.scenario.account)
    first = file.first_stated(facts.counted_lines())
    return [FileFact(check.id, check.label, first[check.id]) for check in file.checks if check.id in first]

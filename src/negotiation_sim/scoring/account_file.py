"""A scenario's account file in the forms the collector's words are checked against.

Reading it (its numbers, its words, the patterns that find them) depends on the account
alone, so it is done once per account rather than once per call: explore scores thousands
of calls of one scenario. The result is remembered by the account's identity for as long
as the account lives; accounts are frozen content models, so what a call scores never
depends on the calls scored before it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..content.scenario import Account
from .lines import Line

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
AMOUNT_TOLERANCE = 1.0
WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words of `account.delivered` too common to show the collector knows the file.
# fmt: off
_COMMON = frozenset({
    "that", "with", "from", "this", "were", "which", "delivered", "delivery", "services", "service",
    "invoice", "invoices", "order", "orders", "goods", "items", "month", "months", "year", "years", "their",
    "your", "they", "have", "been", "last", "first", "second", "plan", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
})
# fmt: on
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One fact of the file a collector can state, and how to tell a line states it."""

    id: str
    label: str
    test: Callable[[Line, str], bool]  # (the line, its text in lower case) -> states the fact


# Lines remembered per account by `AccountFile.stated_in`; past this it starts again (a bound, not a tuning).
SEEN_LINES = 4096


@dataclass(frozen=True, slots=True)
class AccountFile:
    amounts: tuple[tuple[float, str], ...]  # the amounts on file besides the balance, each with its name
    numbers: frozenset[int]  # numbers that name things (invoice numbers, references): not amounts owed
    checks: tuple[FileCheck, ...]  # the facts besides the balance, in the order a debrief lists them
    # what stated_in found, by everything a check reads of a line: its text, amounts and dates
    _seen: dict[tuple[str, tuple[float, ...], tuple[str, ...]], tuple[str, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def stated_in(self, line: Line) -> tuple[str, ...]:
        """The ids of the facts of the file a line states, in the order of `checks`.

        Remembered for the account: collectors (and explore's strategies) say the same lines
        call after call, and testing one against the file means several pattern searches."""
        found = self._seen.get((line.text, line.amounts, line.dates))
        return self._test(line) if found is None else found

    def first_stated(self, lines: list[Line]) -> dict[str, Line]:
        """The first of these lines to state each fact of the file, by fact id (`stated_in`, line by line)."""
        first: dict[str, Line] = {}
        seen = self._seen
        for line in lines:
            found = seen.get((line.text, line.amounts, line.dates))
            for fact in self._test(line) if found is None else found:
                first.setdefault(fact, line)
        return first

    def _test(self, line: Line) -> tuple[str, ...]:
        said = line.text.lower()
        found = tuple(check.id for check in self.checks if check.test(line, said))
        if len(self._seen) >= SEEN_LINES:
            self._seen.clear()
        self._seen[(line.text, line.amounts, line.dates)] = found
        return found


_READ: dict[int, AccountFile] = {}


def account_file(account: Account) -> AccountFile:
    key = id(account)
    found = _READ.get(key)
    if found is None:
        found = _READ[key] = _read(account)
        weakref.finalize(account, _READ.pop, key, None)  # forgotten with the account, before its id is reused
    return found


def _read(a: Account) -> AccountFile:
    amounts = [(a.original_balance, "the original balance")]
    if a.last_payment is not None:
        amounts.append((a.last_payment.amount, "the last payment"))
    amounts += [(p.amount, "a broken promise") for p in a.broken_promises]
    texts = [a.delivered, a.reference, *a.notes, *a.dispute_history]
    numbers = frozenset(int(d) for t in texts for d in _DIGITS.findall(t.replace(",", "")) if len(d) >= 3)
    return AccountFile(tuple(amounts), numbers, tuple(_checks(a)))


def _checks(a: Account) -> list[FileCheck]:
    due = _due_date_tokens(a.due_date)
    delivered = _delivered_words(a.delivered)
    creditor = a.creditor.lower()
    # the full name, or its first word when that is a name of its own ("Brightline" of "Brightline ...")
    words = WORD.findall(creditor)
    short = words[0] if words and len(words[0]) >= 5 and words[0] not in _COMMON else creditor
    short_name = re.compile(rf"\b{re.escape(short)}\b")
    days = str(a.days_past_due)
    how_late = re.compile(rf"\b{days}\s+days\b")
    reference = a.reference.lower()
    # A pattern is searched for only in a line that has its words at all: a regular expression
    # that starts with \b scans slowly.
    checks = [
        FileCheck(
            "creditor",
            f"the creditor ({a.creditor})",
            lambda ln, said: creditor in said or (short in said and short_name.search(said) is not None),
        ),
        FileCheck("due_date", f"the due date ({a.due_date})", lambda ln, said: not due.isdisjoint(ln.dates)),
        FileCheck(
            "delivered",
            f"what was delivered ({a.delivered})",
            lambda ln, said: not delivered.isdisjoint(WORD.findall(said)),
        ),
        FileCheck(
            "days_past_due",
            f"how late it is ({a.days_past_due} days)",
            lambda ln, said: days in said and how_late.search(said) is not None,
        ),
        FileCheck("reference", f"the account reference ({a.reference})", lambda ln, said: reference in said),
    ]
    if a.last_payment is not None:
        paid = a.last_payment.amount
        checks.append(
            FileCheck(
                "last_payment",
                f"the last payment ({a.last_payment.amount:g})",
                lambda ln, said: any(abs(x - paid) <= AMOUNT_TOLERANCE for x in ln.amounts),
            )
        )
    if a.broken_promises:
        promised = {p.amount for p in a.broken_promises}
        checks.append(
            FileCheck(
                "broken_promise",
                "a broken promise to pay",
                lambda ln, said: (
                    any(abs(x - p) <= AMOUNT_TOLERANCE for x in ln.amounts for p in promised) or "promise" in said
                ),
            )
        )
    return checks


def _due_date_tokens(iso: str) -> set[str]:
    d = date.fromisoformat(iso)
    return {iso, f"{MONTHS[d.month - 1]}-{d.day}"}


def _delivered_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in _COMMON}

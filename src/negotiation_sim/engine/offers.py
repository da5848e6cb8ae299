"""Offers and agreed terms: a lump sum or a monthly plan."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, Literal

from .figures import Figures


@dataclass(frozen=True, slots=True)
class Offer:
    kind: Literal["lump_sum", "plan", "full_balance"]
    amount: float = 0.0  # lump sum, or the monthly amount of a plan
    months: int = 1

    @property
    def total(self) -> float:
        return round(self.amount * (self.months if self.kind == "plan" else 1), 2)

    @property
    def monthly(self) -> float:
        return self.amount if self.kind == "plan" else 0.0

    def describe(self) -> str:
        if self.kind == "plan":
            return f"{money(self.amount)} a month for {self.months} months"
        if self.kind == "full_balance":
            return f"the full balance of {money(self.amount)}"
        return f"{money(self.amount)} as a lump sum"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "amount": self.amount, "months": self.months, "total": self.total}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Offer:
        return cls(kind=data["kind"], amount=float(data["amount"]), months=int(data["months"]))


@functools.lru_cache(maxsize=4096, typed=True)  # pure, and said over and over (balances, offers)
def money(value: float) -> str:
    if abs(value - round(value)) < 0.005:
        return f"${round(value):,}"
    return f"${value:,.2f}"


def nice(value: float) -> float:
    """Round the way people speak: to $5 under $200, $10 under $2,000, $50 above."""
    step = 5 if value < 200 else 10 if value < 2000 else 50
    return float(max(step, round(value / step) * step))


def offer_from_figures(figures: Figures, balance: float, max_months: int) -> Offer | None:
    """The collector's proposal in a line, read from the figures said in it."""
    if figures.plans:
        plan = figures.plans[0]
        months = plan.months or max(1, min(max_months * 2, math.ceil(balance / max(plan.monthly, 1.0))))
        return Offer("plan", round(plan.monthly, 2), int(months))
    if figures.amounts:
        # "settle the $1,250 balance for $900": the balance is named as the reference, $900 is the offer
        proposals = [a for a in figures.amounts if abs(a - balance) > 0.005] or list(figures.amounts)
        amount = max(proposals)
        if amount >= balance - 0.005:
            return Offer("full_balance", round(balance, 2))
        return Offer("lump_sum", round(amount, 2))
    if figures.percents:
        pct = figures.percents[0]
        if 0 < pct <= 100:
            return Offer("lump_sum", round(balance * pct / 100, 2))
    return None

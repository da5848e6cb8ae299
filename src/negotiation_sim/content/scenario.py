"""A scenario binds a persona to an account and to the collector's authority (DESIGN §5)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..vocabulary import Difficulty
from .base import ContentId, IsoDate, Money, StrictModel, Text
from .persona import Line

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Payment(StrictModel):
    date: IsoDate
    amount: Money


class BrokenPromise(StrictModel):
    date: IsoDate
    amount: Money
    note: Text | None = None


class Account(StrictModel):
    creditor: Text
    reference: Text
    delivered: Text = Field(description="what the debt is for: goods or services already delivered")
    original_balance: Money
    balance: Money = Field(gt=0)
    due_date: IsoDate
    days_past_due: int = Field(ge=0, le=3650)
    last_payment: Payment | None = None
    broken_promises: list[BrokenPromise] = Field(default_factory=list)
    dispute_history: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class ThirdParty(StrictModel):
    """Someone other than the debtor answers the phone."""

    relation: Text = Field(description="e.g. roommate, spouse's colleague")
    # Line: placeholders are checked as in a persona's lines (a stray brace crashed the call)
    lines: dict[Literal["answer", "asked_for_debtor", "told_about_debt", "message", "unclear", "goodbye"], list[Line]]


class CallContext(StrictModel):
    direction: Literal["outbound", "inbound"] = "outbound"
    local_time: str = Field(default="10:30", description="the debtor's local time, HH:MM, 24-hour")
    weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] = "tuesday"
    timezone: Text = "America/Chicago"
    answered_by: Literal["debtor", "third_party"] = "debtor"
    third_party: ThirdParty | None = None

    @field_validator("local_time")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not _TIME.match(value):
            raise ValueError(f"'{value}' is not a time like 14:30 (quote it: \"14:30\")")
        return value

    @model_validator(mode="after")
    def _third_party_needs_lines(self) -> CallContext:
        if self.answered_by == "third_party" and self.third_party is None:
            raise ValueError("answered_by is third_party, so a third_party block is needed")
        return self

    @property
    def minutes(self) -> int:
        hours, minutes = self.local_time.split(":")
        return int(hours) * 60 + int(minutes)

    @property
    def within_calling_hours(self) -> bool:
        """8 a.m. to 9 p.m. at the debtor's location (12 CFR 1006.6(b)(1)); inbound calls are exempt."""
        return self.direction == "inbound" or 8 * 60 <= self.minutes < 21 * 60


class Authority(StrictModel):
    """What the collector may agree to (tip 10: have a concrete minimum)."""

    settlement_floor_pct: float = Field(ge=1, le=100, description="lowest lump sum, as % of the balance")
    max_plan_months: int = Field(ge=1, le=60)
    min_good_faith: Money = Field(description="smallest good-faith payment worth asking for")
    legal_action_date: IsoDate | None = Field(default=None, description="the date the account goes to legal review")
    credit_reporting: bool = Field(default=True, description="the creditor really reports to credit bureaus")


class Scenario(StrictModel):
    id: ContentId
    title: Text
    difficulty: Difficulty
    persona: ContentId
    summary: Text
    goal: Text
    objectives: list[Text] = Field(min_length=1)
    account: Account
    context: CallContext = CallContext()
    authority: Authority
    persona_overrides: dict[str, Any] = Field(default_factory=dict)
    seed: int = Field(default=1, ge=0, le=2**63 - 1)
    collector_name: Text = "Sam Rivera"
    agency: Text = "Northbridge Recovery"

    @property
    def floor_amount(self) -> float:
        return round(self.account.balance * self.authority.settlement_floor_pct / 100, 2)

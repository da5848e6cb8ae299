"""The debtor persona: a behaviour model, not a script of fixed lines (DESIGN §4)."""

from __future__ import annotations

import difflib
import string
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from ..vocabulary import Mood
from .base import ContentId, Delta, Money, MoveId, Ratio, Score, StrictModel, Text
from .conditions import Condition

# What a line may name in braces; filled from the account, the identity and the offer on the table.
PLACEHOLDERS = frozenset(
    {
        "balance",
        "original_balance",
        "creditor",
        "delivered",
        "due_date",
        "days_past_due",
        "reference",
        "collector",
        "agency",
        "name",
        "first_name",
        "employer",
        "company",
        "city",
        "offer",
        "amount",
        "monthly",
        "months",
        "good_faith",
        "income_day",
        "reason",
        "attorney_name",
        "attorney_firm",
        "attorney_phone",
        "last_payment",
        "legal_action_date",
        "relation",
    }
)


def check_placeholders(text: str) -> str:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"bad braces in line {text[:40]!r}: {exc}") from None
    fields = [(name, spec, conv) for _, name, spec, conv in parsed if name is not None]
    for name, spec, conv in fields:  # '{balance:>{x}}' or '{name!z}' would fail only when the line is said
        if spec or conv:
            raise ValueError(f"placeholder '{{{name}}}' takes no format or conversion: write '{{{name}}}'")
    for name in {name for name, _, _ in fields}:
        if name not in PLACEHOLDERS:
            close = difflib.get_close_matches(name, PLACEHOLDERS, n=1)
            hint = f" (did you mean '{{{close[0]}}}'?)" if close else ""
            raise ValueError(f"unknown placeholder '{{{name}}}'{hint}")
    return text


Line = Annotated[Text, AfterValidator(check_placeholders)]


class Temperament(StrictModel):
    trust: Score = 40
    patience: Score = 60
    pride: Score = 40
    honesty: Score = 70
    stress: Score = 40


class Finances(StrictModel):
    """What is really true. `claimed_*` is what the debtor says until a request for proof exposes it."""

    lump_sum_capacity: Money = Field(description="cash the debtor could really pay now")
    monthly_capacity: Money = Field(description="what the budget really allows each month")
    income_day: int | None = Field(default=None, ge=1, le=31)
    true_reason: Text
    claimed_reason: Text | None = None
    claimed_lump_sum_capacity: Money | None = None
    claimed_monthly_capacity: Money | None = None

    @property
    def claims_are_false(self) -> bool:
        return self.claimed_lump_sum_capacity is not None or self.claimed_monthly_capacity is not None


class Effect(StrictModel):
    trust: Delta = 0
    stress: Delta = 0
    patience: Delta = 0


class GoodFaith(StrictModel):
    offers: bool = True
    max_amount: Money | None = Field(default=None, description="default: the smaller of lump-sum and monthly capacity")
    needs_trust: Score = 35


class Negotiation(StrictModel):
    prefers: Literal["lump_sum", "plan"] = "plan"
    opening_ratio: Ratio = Field(default=0.4, description="first counter-offer as a share of what they would pay")
    concession: Ratio = Field(default=0.4, description="share of the remaining gap given up each round")
    min_rounds: int = Field(default=1, ge=0, le=10, description="counter-offers made before accepting terms")
    overcommit: float = Field(default=1.0, ge=1.0, le=3.0, description=">1: agrees to plans above real capacity")
    walk_away_stress: Score = 90
    threats_tolerated: int = Field(default=0, ge=0, le=5, description="threats or abuse taken before hanging up")
    good_faith: GoodFaith = GoodFaith()


class Reveal(StrictModel):
    id: ContentId
    when: Condition
    text: Line
    effect: Effect = Effect()


class Dispute(StrictModel):
    claim: Text
    valid: bool = False
    raise_when: Condition = Condition(move=["remind", "state_expectation", "disclose_debt"])


class Attorney(StrictModel):
    name: Text
    firm: Text
    phone: Text
    mention_when: Condition = Condition(move=["remind", "disclose_debt", "state_expectation"])


# Situations a debtor can meet, and which one stands in when a persona has no lines for it.
LINE_FALLBACKS: dict[str, str | None] = {
    "answer": None,
    "calling_in": "answer",
    "late_call": "answer",
    "unclear": None,
    "counter_offer": None,
    "accept_offer": None,
    "reject_offer": None,
    "hang_up": None,
    "goodbye": None,
    "greet": "unclear",
    "identify_self": "greet",
    "identity_confirmed": "unclear",
    "mini_miranda": "unclear",
    "state_agenda": "unclear",
    "remind": "unclear",
    "ask_reason": "unclear",
    "acknowledge": "unclear",
    "ask_proof": "unclear",
    "proof_exposed": "ask_proof",
    "state_expectation": "remind",
    "ask_comments": "ask_reason",
    "consider": "unclear",
    "debtor_offer_rejected": "counter_offer",
    "agreement": "accept_offer",
    "good_faith_yes": "agreement",
    "good_faith_no": "unclear",
    "explain_consequences": "unclear",
    "confirm_in_writing": "agreement",
    "schedule_follow_up": "unclear",
    "redirect": "unclear",
    "small_talk": "unclear",
    "off_topic": "small_talk",
    "threatened": "hang_up",
    "abused": "threatened",
    # a threat or insult the debtor lets pass (threats_tolerated above 0): required then, see Persona
    "warned": "unclear",
    "dispute": "unclear",
    "validation_offered": "acknowledge",
    "attorney": "unclear",
    "attorney_details": "attorney",
    "cease": "hang_up",
    "wrong_number": "unclear",
}
LineList = Annotated[list[Line], Field(min_length=1)]
LineSet = LineList | dict[Mood, LineList]
REQUIRED_LINES = tuple(k for k, v in LINE_FALLBACKS.items() if v is None)


class Persona(StrictModel):
    id: ContentId
    name: Text = Field(description="a short label for trainers, e.g. 'Cooperative but forgetful'")
    summary: Text = Field(description="who this person is and why they behave as they do")
    kind: Literal["consumer", "business"] = "consumer"
    gender: Literal["female", "male", "unspecified"] = Field(
        default="unspecified", description="so the generated first name fits how the lines speak of them"
    )
    temperament: Temperament = Temperament()
    finances: Finances
    negotiation: Negotiation = Negotiation()
    effects: dict[MoveId, Effect] = Field(default_factory=dict, description="how each move shifts the mood")
    reveals: list[Reveal] = Field(default_factory=list)
    dispute: Dispute | None = None
    attorney: Attorney | None = None
    asks_to_stop: Condition | None = Field(default=None, description="when the debtor asks for no more calls")
    lines: dict[str, LineSet]

    @field_validator("lines")
    @classmethod
    def _known_line_keys(cls, value: dict[str, LineSet], info: ValidationInfo) -> dict[str, LineSet]:
        for key in value:
            if key not in LINE_FALLBACKS:
                close = difflib.get_close_matches(key, LINE_FALLBACKS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise ValueError(f"unknown line situation '{key}'{hint}")
        missing = [k for k in REQUIRED_LINES if k not in value]
        if missing:
            raise ValueError(f"missing lines for: {', '.join(missing)}")
        negotiation = info.data.get("negotiation")
        if negotiation is not None and negotiation.threats_tolerated > 0 and "warned" not in value:
            # the 'threatened' and 'abused' lines end the call; a tolerated threat needs lines that do not
            raise ValueError(
                "missing lines for: warned (what the debtor says to a threat or insult they let pass: "
                f"negotiation.threats_tolerated is {negotiation.threats_tolerated})"
            )
        return value

    @model_validator(mode="after")
    def _reveal_ids_unique(self) -> Persona:
        seen: set[str] = set()
        for reveal in self.reveals:
            if reveal.id in seen:
                raise ValueError(f"duplicate reveal id '{reveal.id}'")
            seen.add(reveal.id)
        return self

    def moves_named(self) -> list[str]:
        named = list(self.effects)
        for reveal in self.reveals:
            named.extend(reveal.when.moves_named())
        for cond in (
            self.dispute.raise_when if self.dispute else None,
            self.attorney.mention_when if self.attorney else None,
            self.asks_to_stop,
        ):
            if cond is not None:
                named.extend(cond.moves_named())
        return named

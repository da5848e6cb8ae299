"""The move palette: an editable starting phrase for each move, filled from the account file.

These are typing aids, not advice: the same phrases are offered at every stage of the call,
in the order the lesson teaches, so the palette gives nothing away in graded mode.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .format import describe_offer, money


@dataclass(frozen=True)
class Phrase:
    move: str
    label: str
    template: str
    key: str | None = None  # the number key that inserts it (on an empty input line)
    short: str = ""  # its name on the palette bar

    def fill(self, values: Mapping[str, str]) -> str:
        return self.template.format_map(_Blank(values))


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


PHRASES: tuple[Phrase, ...] = (
    Phrase(
        "identify_self",
        "greet and introduce yourself",
        "Hello, good morning. My name is {collector} and I'm calling from {agency}.",
        "1",
        "hello",
    ),
    Phrase(
        "verify_identity",
        "verify the right party",
        "Am I speaking with {name}? Could you confirm your date of birth for me?",
        "2",
        "verify",
    ),
    Phrase(
        "mini_miranda",
        "debt-collector disclosure",
        "This is a communication from a debt collector. This is an attempt to collect a debt and any "
        "information obtained will be used for that purpose.",
        "3",
        "disclose",
    ),
    Phrase(
        "remind",
        "remind: balance, due date, what was delivered",
        "Our records show a balance of {balance} for the {delivered}, which was due on {due_date}.",
        "4",
        "remind",
    ),
    Phrase(
        "ask_reason",
        "ask why the payment was missed",
        "Can you tell me what happened that the payment was missed?",
        "5",
        "why?",
    ),
    Phrase(
        "acknowledge",
        "acknowledge what you heard",
        "I understand, that sounds really difficult. Thank you for explaining it to me.",
        "6",
        "empathise",
    ),
    Phrase(
        "request_counter_offer",
        "ask for a counter-offer",
        "What could you offer towards the balance?",
        "7",
        "their offer?",
    ),
    Phrase(
        "ask_good_faith",
        "ask for a good-faith payment",
        "Could you make a good-faith payment of {min_good_faith} today to get this started?",
        "8",
        "good faith",
    ),
    Phrase(
        "confirm_in_writing",
        "confirm the terms in writing",
        "To confirm, we agreed {terms}. I'll send you written confirmation of these terms today.",
        "9",
        "confirm",
    ),
    Phrase(
        "schedule_follow_up",
        "set a follow-up",
        "I'll follow up with a reminder before the first payment is due.",
        "0",
        "follow-up",
    ),
    Phrase(
        "state_agenda",
        "state the purpose and agenda",
        "I'm calling about your account with {creditor}. I'd like to go over the balance, understand what "
        "happened, and agree on a way forward today.",
    ),
    Phrase(
        "ask_proof",
        "ask for proof of a claim",
        "Could you send us something that shows that, like a letter or a bank statement?",
    ),
    Phrase(
        "state_expectation",
        "state that the full balance is expected",
        "We do expect the full balance of {balance} to be paid.",
    ),
    Phrase("ask_comments", "ask for their comments", "What are your thoughts on how we can resolve this?"),
    Phrase("consider", "take a moment before answering an offer", "Let me take a moment to look at that."),
    Phrase("offer", "offer a plan", "What I can do is {plan_monthly} a month for {max_plan_months} months."),
    Phrase("offer", "offer a lump-sum settlement", "We could settle the account for {floor} paid today."),
    Phrase("accept", "accept their offer", "Okay, I can accept that."),
    Phrase("reject", "decline their offer", "I'm afraid I can't accept that."),
    Phrase(
        "explain_consequences",
        "explain what happens if payments are missed",
        "Just so it's clear: if a payment is missed, the arrangement would be cancelled and the full balance "
        "would be due again.",
    ),
    Phrase("redirect", "bring the call back to the account", "Let's get back to the balance on the account."),
    Phrase(
        "offer_validation",
        "offer written validation of a disputed debt",
        "I understand that you dispute this. I'll send you written validation of the debt, and we'll hold "
        "collection on it until you've received it.",
    ),
    Phrase(
        "ask_attorney_details",
        "ask for their attorney's details",
        "Thank you for telling me. Could I have your attorney's name and phone number? We will contact them "
        "directly from now on.",
    ),
    Phrase("end_call", "end the call", "Thank you for your time today. Goodbye."),
)

BY_KEY: dict[str, Phrase] = {p.key: p for p in PHRASES if p.key is not None}


def phrase_values(scenario: Any, events: list[dict[str, Any]]) -> dict[str, str]:
    """What the phrases' {names} stand for, from the scenario's account file and the call so far."""
    a = scenario.account
    auth = scenario.authority
    values = {
        "collector": scenario.collector_name,
        "agency": scenario.agency,
        "creditor": a.creditor,
        "balance": money(a.balance),
        "delivered": a.delivered,
        "due_date": str(a.due_date),
        "min_good_faith": money(auth.min_good_faith),
        "max_plan_months": str(auth.max_plan_months),
        "plan_monthly": money(math.ceil(a.balance / max(1, auth.max_plan_months))),
        "floor": money(scenario.floor_amount),
    }
    if events and events[0].get("type") == "call_started":
        values["name"] = events[0]["identity"]["name"]
    terms = next((e["terms"] for e in reversed(events) if e.get("type") == "agreement"), None)
    if terms is not None:
        values["terms"] = describe_offer(terms)
    return values

"""Practice hints: the next step of the lesson, suggested from what the call has shown so far.

Pure: a function of the scenario (the collector's account file and authority) and the events, reading
only what a real collector could see — what was said, offers, flags, the stage — never the debtor's
hidden state. The order follows the CCA 12.1 lesson's stages and the compliance rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..engine.offers import Offer, money


@dataclass(frozen=True, slots=True)
class Hint:
    step: str  # a short id of the step suggested, e.g. "verify_identity"
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class _Seen:
    """What the collector's screen shows of the call so far."""

    moves: set[str]
    move_counts: dict[str, int]
    flags: set[str]
    third_party: bool
    closed: bool
    within_hours: bool
    outbound: bool
    turns: int
    agreement: Offer | None
    good_faith_answered: bool
    debtor_offer: Offer | None
    considered_since_offer: bool


def _seen(events: Sequence[Event]) -> _Seen:
    moves: set[str] = set()
    counts: dict[str, int] = {}
    flags: set[str] = set()
    third_party = closed = good_faith = False
    agreement: Offer | None = None
    debtor_offer: Offer | None = None
    considered = False
    turns = 0
    for e in events:
        kind = e["type"]
        if kind == ev.TRAINEE_SAID:
            turns += 1
            for move in e.get("moves", []):
                moves.add(move)
                counts[move] = counts.get(move, 0) + 1
            if "consider" in e.get("moves", []):
                considered = True
        elif kind == ev.FLAG:
            flags.add(e["flag"])
        elif kind == ev.DEBTOR_SAID and e.get("speaker") == "third_party":
            third_party = True
        elif kind == ev.CALL_CLOSED:
            closed = True
        elif kind == ev.AGREEMENT:
            agreement = Offer.from_dict(e["terms"])
        elif kind == ev.GOOD_FAITH:
            good_faith = True
        elif kind == ev.OFFER_MADE and e.get("by") == "debtor":
            debtor_offer = Offer.from_dict(e["offer"])
            considered = False
    ctx = events[0].get("context", {}) if events else {}
    return _Seen(
        moves=moves,
        move_counts=counts,
        flags=flags,
        third_party=third_party,
        closed=closed,
        within_hours=bool(ctx.get("within_calling_hours", True)),
        outbound=ctx.get("direction") != "inbound",
        turns=turns,
        agreement=agreement,
        good_faith_answered=good_faith,
        debtor_offer=debtor_offer,
        considered_since_offer=considered,
    )


def within_authority(scenario: Scenario, offer: Offer) -> bool:
    """Could the collector accept this offer? (the settlement floor and the longest plan allowed)"""
    if offer.kind == "plan" and offer.months > scenario.authority.max_plan_months:
        return False
    return offer.total >= scenario.floor_amount - 0.01


def next_hint(scenario: Scenario, events: Sequence[Event]) -> Hint:
    """The next step the trainee should take in this call."""
    s = _seen(events)
    a = scenario.account
    said = s.moves.__contains__
    if s.closed:
        return Hint("closed", "The call is over. Read the debrief to see what to try next time.")
    if s.third_party:
        if not said("verify_identity"):
            return Hint(
                "third_party",
                "Someone else answered. Ask for the debtor by name, and say nothing "
                "about the debt or why you are calling.",
            )
        return Hint(
            "third_party",
            "This is not the debtor: leave only your name and a number to call back, "
            "never mention the debt, then end the call.",
        )
    if s.outbound and not s.within_hours and s.turns == 0:
        return Hint(
            "calling_hours",
            "It is outside 8 a.m.–9 p.m. where the debtor is. Apologise, say who you "
            "are and offer to call back at a better time.",
        )
    if not said("identify_self"):
        opening = "Say who you are" if said("greet") else "Open politely: greet them and say who you are"
        return Hint(
            "identify_self",
            f"{opening}: {scenario.collector_name}, calling from {scenario.agency}.",
        )
    if not said("verify_identity"):
        return Hint(
            "verify_identity",
            "Make sure you are speaking to the right person (ask them to confirm "
            "their name or date of birth) before you mention any debt.",
        )
    if not said("mini_miranda"):
        return Hint(
            "mini_miranda",
            "Give the debt-collector disclosure: say this is an attempt to collect a "
            "debt and any information obtained will be used for that purpose.",
        )
    if "attorney_mentioned" in s.flags:
        if not said("ask_attorney_details"):
            return Hint(
                "attorney",
                "They have an attorney for this debt: ask for the attorney's name and phone "
                "number and stop discussing the debt with them.",
            )
        return Hint("attorney", "Thank them and end the call; from now on you talk to the attorney.")
    if "cease_requested" in s.flags:
        return Hint(
            "cease",
            "They asked you to stop calling: acknowledge it, stop collecting, and end the call politely.",
        )
    if "dispute_raised" in s.flags:
        if not said("offer_validation"):
            return Hint(
                "dispute",
                "They dispute the debt: acknowledge it and offer to send written validation; "
                "do not press for payment on the disputed amount.",
            )
        return Hint(
            "dispute",
            "You have offered validation: thank them and close the call without pushing for payment.",
        )
    if not said("state_agenda"):
        return Hint(
            "state_agenda",
            f"Set the agenda: say you are calling about the {a.creditor} account and "
            "what you would like to agree today.",
        )
    if not (said("remind") or said("disclose_debt")):
        return Hint(
            "remind",
            f"Start with a clear reminder: {money(a.balance)} for the {a.delivered}, due on {a.due_date}.",
        )
    if s.agreement is None:
        return _before_the_deal(scenario, s)
    return _after_the_deal(scenario, s)


def _before_the_deal(scenario: Scenario, s: _Seen) -> Hint:
    said = s.moves.__contains__
    if not said("ask_reason"):
        return Hint("ask_reason", "Find out why the payment was missed: ask an open question and let them explain.")
    if not said("acknowledge"):
        return Hint("acknowledge", "Show you listened: acknowledge what they told you before you talk money.")
    if not said("ask_proof"):
        return Hint(
            "ask_proof",
            "Validate what you were told: ask for something that shows it, such as a letter or a bank statement.",
        )
    if not said("state_expectation"):
        return Hint(
            "state_expectation",
            f"Start high: say you expect the full balance of {money(scenario.account.balance)}.",
        )
    if not said("ask_comments"):
        return Hint("ask_comments", "Ask for their comments on how this could be resolved.")
    if s.debtor_offer is None:
        if not said("request_counter_offer"):
            return Hint("request_counter_offer", "Ask them what they can offer before you propose anything yourself.")
        return Hint("request_counter_offer", "Ask again what they could pay, and by when.")
    if not s.considered_since_offer:
        return Hint(
            "consider",
            f"They offered {s.debtor_offer.describe()}. Do not answer at once: say you will "
            "take a moment to consider it.",
        )
    if within_authority(scenario, s.debtor_offer):
        return Hint(
            "accept",
            f"{s.debtor_offer.describe().capitalize()} is within your authority (floor "
            f"{money(scenario.floor_amount)}): you can accept it.",
        )
    months = scenario.authority.max_plan_months
    return Hint(
        "offer",
        f"{s.debtor_offer.describe().capitalize()} is below what you may accept. Counter within "
        f"your authority: at least {money(scenario.floor_amount)} in total, over at most "
        f"{months} months.",
    )


def _after_the_deal(scenario: Scenario, s: _Seen) -> Hint:
    said = s.moves.__contains__
    if not said("ask_good_faith") and not s.good_faith_answered:
        return Hint(
            "ask_good_faith",
            f"Ask for a good-faith payment today, of at least {money(scenario.authority.min_good_faith)}.",
        )
    if not said("explain_consequences"):
        return Hint("explain_consequences", "Explain, truthfully, what happens if a payment is missed.")
    if not said("confirm_in_writing"):
        terms = s.agreement.describe() if s.agreement else "the terms"
        return Hint(
            "confirm_in_writing",
            f"Summarise what was agreed ({terms}) and say you will send written confirmation.",
        )
    if not said("schedule_follow_up"):
        return Hint("schedule_follow_up", "Set a follow-up: say when you will check in before the first payment.")
    return Hint("close", "Everything is agreed: thank them and end the call.")

"""Which moves count as what, for the rules that judge a call (move ids from engine/moves.py)."""

from __future__ import annotations

from ..engine.intent import DEBT_TALK as ENGINE_DEBT_TALK

HOSTILE = frozenset({"threat", "abusive"})
# Naming the debt or talking about paying it: before right-party verification this discloses
# the debt. The engine flags the same moves when a third party is on the line, and the mini-Miranda
# too; scoring asks whether the mini-Miranda comes before the debt talk, so its set is the engine's without it.
DEBT_TALK = ENGINE_DEBT_TALK - {"mini_miranda"}
# Working the account: what must stop after an attorney, a cease request, or outside calling hours.
COLLECTION = frozenset(
    {
        "remind",
        "disclose_debt",
        "state_expectation",
        "offer",
        "request_counter_offer",
        "ask_good_faith",
        "explain_consequences",
        "ask_reason",
        "ask_comments",
        "ask_proof",
        "accept",
        "reject",
        "threat",
    }
)
# Working the account once the debtor is represented or asked to stop: naming the debt while
# asking for the attorney's details or acknowledging the request is not collecting.
COLLECTION_AFTER_STOP = COLLECTION - {"disclose_debt"}
# Pressing for payment: what must wait after a dispute until validation is offered.
PRESSING = frozenset(
    {
        "state_expectation",
        "offer",
        "request_counter_offer",
        "ask_good_faith",
        "explain_consequences",
        "accept",
        "reject",
        "threat",
    }
)
# Pressure that adds to a debtor's stress.
PRESSURE = frozenset({"state_expectation", "explain_consequences", "reject", "ask_good_faith", "threat", "abusive"})
# Moves that take the heat out of a moment.
EASING = frozenset(
    {
        "acknowledge",
        "ask_reason",
        "ask_comments",
        "consider",
        "offer_validation",
        "ask_attorney_details",
        "schedule_follow_up",
        "end_call",
        "state_agenda",
    }
)
# The first move of the money conversation.
SUBSTANTIVE = frozenset(
    {
        "remind",
        "disclose_debt",
        "state_expectation",
        "offer",
        "request_counter_offer",
        "ask_reason",
        "ask_comments",
        "ask_good_faith",
        "explain_consequences",
        "accept",
    }
)
# Questions: the debtor can answer only one at a time, so in a line only the last one is really asked.
QUESTIONS = ("ask_reason", "ask_comments", "request_counter_offer", "ask_proof", "ask_good_faith")
# The steps of the lesson. A line with more than MONOLOGUE of them is the script read in one breath:
# the debtor cannot take it in, so none of its steps earns credit (compliance still judges every word).
STEPS = frozenset(
    {
        "verify_identity",
        "mini_miranda",
        "state_agenda",
        "remind",
        "ask_reason",
        "acknowledge",
        "ask_proof",
        "state_expectation",
        "ask_comments",
        "request_counter_offer",
        "offer",
        "consider",
        "ask_good_faith",
        "explain_consequences",
        "confirm_in_writing",
        "schedule_follow_up",
    }
)
MONOLOGUE = 4
MOOD_RANK = {"calm": 0, "tense": 1, "upset": 2}

PROCEDURE_TITLES = {
    "third_party": "someone other than the debtor answered",
    "calling_hours": "the call is outside 8 a.m.-9 p.m. at the debtor's location",
    "attorney": "the debtor said an attorney represents them",
    "dispute": "the debtor disputed the debt",
    "cease": "the debtor asked you to stop calling",
}
SHARING_FLAGS = ("dispute_raised", "attorney_mentioned", "cease_requested")
FLAG_PROCEDURE = {"attorney_mentioned": "attorney", "dispute_raised": "dispute", "cease_requested": "cease"}

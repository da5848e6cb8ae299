"""What to try next time, per compliance rule, tip and trait criterion, with the scenario's own figures."""

from __future__ import annotations

from .facts import CallFacts
from .words import money

ADVICE: dict[str, str] = {
    # compliance
    "disclosure_missing": (
        'Give the debt-collector disclosure before any talk about the debt: "This is {agency}, a '
        "debt collector. This is an attempt to collect a debt, and any information obtained will "
        'be used for that purpose."'
    ),
    "third_party_disclosure": (
        'When someone else answers, ask only for the debtor and leave your name and number ("a '
        'personal business matter"); never mention the debt or who you collect for.'
    ),
    "right_party_unverified": (
        "Confirm you have the right person (full name plus date of birth or address) before you name the debt."
    ),
    "calling_hours": (
        "It was {local_time} for the debtor: apologise, don't mention the debt, and offer to call"
        " back between 8 a.m. and 9 p.m. their time."
    ),
    "attorney_represented": (
        "When the debtor names an attorney, stop: ask for the attorney's name and phone number, "
        "say you will deal with them, and end the call."
    ),
    "harassment_abuse": (
        "Keep every word professional, whatever the debtor says: insults end the negotiation and break the rules."
    ),
    "false_threat": (
        "State only consequences that are lawful and really planned for this account ({legal}). "
        "Never mention arrest, jail or seizing property."
    ),
    "misstated_amount": ("Read the balance from the file - {balance} - and never add to it or round it up."),
    "cease_ignored": (
        "When the debtor asks you to stop calling, acknowledge it (\"I've noted that you asked us "
        'to stop calling") and end the call.'
    ),
    "dispute_mishandled": (
        "When the debtor disputes the debt, acknowledge it and offer written validation (\"I'll "
        "send you validation of the debt and we'll hold collection until you have it\") before any"
        " talk of payment."
    ),
    # the 20 tips
    "tip02_start_with_reminder": (
        'Open the money talk with a reminder of the facts: "Our records show {balance} for the '
        '{delivered}, due on {due_date}."'
    ),
    "tip03_accurate_information": "State the balance exactly as the file shows it: {balance}.",
    "tip05_polite_professional": (
        "Stay polite and professional in every line: clear terms put on the pressure, insults and"
        " threats only end the call."
    ),
    "tip06_remain_calm": (
        "When the debtor pushes back or makes excuses, stay calm and look for a solution: "
        "acknowledge, then ask a question."
    ),
    "tip07_approach_as_equals": (
        'Ask for the debtor\'s view ("What do you think would be a fair way to resolve this?") '
        "instead of only telling them what to do."
    ),
    "tip08_be_realistic": (
        "Check the terms against what the debtor can really pay: a plan above their budget is "
        "likely to break. Ask about income and expenses before agreeing."
    ),
    "tip09_clear_message": ('Say clearly what you expect: "We expect the full balance of {balance} to be paid."'),
    "tip10_concrete_minimum": (
        "Hold your floor: nothing below {floor} ({floor_pct}% of the balance) and plans of at most {max_months} months."
    ),
    "tip11_find_reason": (
        'Before proposing anything, ask an open question: "Can you tell me what happened that the payment was missed?"'
    ),
    "tip12_ask_comments": (
        'After stating your position, ask for comments: "What are your thoughts on how we can resolve this?"'
    ),
    "tip13_require_counter_offer": (
        'Ask the debtor for an offer before you move off your number: "What could you offer towards the balance?"'
    ),
    "tip14_dont_counter_immediately": (
        'When the debtor makes an offer, take a moment before you answer ("Let me take a moment '
        "to look at that.\") - don't accept or counter on the spot."
    ),
    "tip15_good_faith_gesture": (
        'Ask for a good-faith payment, deal or no deal: "Could you make a payment of '
        '{min_good_faith} today to get this started?"'
    ),
    "tip16_dont_force_issue": (
        "When the debtor is upset, ease off: acknowledge how they feel instead of adding "
        "pressure, and leave the door open."
    ),
    "tip17_confirm_in_writing": ("Summarise the agreed terms and say you will send written confirmation today."),
    "tip18_explain_ramifications": (
        "Say clearly what happens if a payment is missed, e.g. the arrangement is cancelled and "
        "the full balance is due again."
    ),
    "tip19_follow_up": ('Set a follow-up: "I\'ll send a reminder before the first payment and call you after it."'),
    "tip20_hold_to_deal": ("State only consequences you will really carry out, on the real dates ({legal})."),
    # the hints
    "hint_listen": (
        'When the debtor explains their situation, show you heard it before moving on: "I '
        'understand, thank you for telling me."'
    ),
    "hint_do_your_homework": (
        "Use the account file: name the creditor ({creditor}), what was delivered ({delivered}) "
        "and the due date ({due_date})."
    ),
    "hint_validate_claims": (
        'When the debtor gives a reason or pleads hardship, ask for proof: "Could you send us '
        'something that shows that?"'
    ),
    "hint_start_high": (
        "Start at the full balance ({balance}) and concede from there; starting low leaves nothing to give."
    ),
    "hint_not_personal": (
        "When the debtor gets angry, don't take it personally: stay on the job and keep your tone even."
    ),
    # trait criteria
    "balance_stated": "State the balance exactly as the file shows it: {balance}.",
    "facts_accurate": "Read the balance from the file - {balance} - and never add to it or round it up.",
    "details_given": (
        "Use the account file: name the creditor ({creditor}), what was delivered ({delivered}) "
        "and the due date ({due_date})."
    ),
    "priorities_kept": ("Ask for the full balance ({balance}) first and never go below your floor ({floor})."),
    "asked_reason": (
        'Before proposing anything, ask an open question: "Can you tell me what happened that the payment was missed?"'
    ),
    "acknowledged": ('Acknowledge what the debtor tells you before moving on: "I understand, that sounds difficult."'),
    "responded_to_reveals": (
        "When the debtor reveals something new, follow it up - acknowledge it or ask about it - "
        "before going on with your script."
    ),
    "identified_self": (
        'Start every call with your name and agency: "My name is {collector} and I\'m calling from {agency}."'
    ),
    "agenda_stated": (
        "Set the agenda early: \"I'd like to go over the balance, understand what happened, and "
        'agree on a way forward today."'
    ),
    "stages_steered": ("Steer through the stages in order: the reminder, the reason, their comments, then offers."),
    "closed_the_call": ("Close the call yourself with a summary and a goodbye, before the debtor walks away."),
    "no_hostility": (
        "Stay polite and professional in every line: clear terms put on the pressure, insults and"
        " threats only end the call."
    ),
    "stress_managed": (
        "Watch the debtor's stress: when they get tense, ease off (acknowledge, ask, take a "
        "moment) before pressing again."
    ),
    "eased_tension": (
        "When the debtor gets tense, ease off before pressing again: acknowledge, ask a question, or take a moment."
    ),
    "on_topic": "Stay on the account: small talk beyond the greeting costs the debtor's patience.",
    "brought_back": 'After a detour, bring the talk back: "Let\'s get back to the balance."',
    "sensible_order": (
        "Keep the order: verify the person, give the disclosure, remind, ask the reason, then negotiate."
    ),
    "procedure_followed": (
        "When the rules say stop (attorney, dispute, request to stop, wrong person, late hour), stop collecting."
    ),
    "deal_keepable": ("Work towards terms the debtor can really keep; if none is possible today, set a follow-up."),
    "relationship_kept": (
        "Leave the debtor at least as willing to talk as you found them: acknowledge, explain, "
        "and avoid needless pressure."
    ),
}


def advice(key: str, f: CallFacts) -> str:
    text = ADVICE.get(key)
    if text is None:
        return ""
    return text.format(**f.memo(_figures))


def _figures(f: CallFacts) -> dict[str, object]:
    """The scenario's own figures, as the advice texts name them."""
    a = f.scenario.account
    legal_date = f.scenario.authority.legal_action_date
    legal = (
        f"this account goes to legal review on {legal_date}"
        if legal_date
        else "no legal action is planned for this account"
    )
    return {
        "agency": f.scenario.agency,
        "collector": f.scenario.collector_name,
        "balance": money(f.balance),
        "delivered": a.delivered,
        "due_date": a.due_date,
        "creditor": a.creditor,
        "floor": money(f.floor),
        "floor_pct": f"{f.scenario.authority.settlement_floor_pct:g}",
        "max_months": f.max_plan_months,
        "min_good_faith": money(f.min_good_faith),
        "local_time": f.local_time,
        "legal": legal,
    }

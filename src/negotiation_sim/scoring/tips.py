"""The 20 tips for debt-collection negotiations (seed 003), each a check: pass, miss or not applicable.

A check decides from the events what happened at the moment the tip applied, and says where.
Tips about the money talk do not apply to a call whose right result was to stop collecting
(third party, outside calling hours, attorney, dispute, cease): those are judged on handling.
"""

from __future__ import annotations

from .accuracy import balance_lines, misstatements
from .checks import TipSpec, Verdict, end_anchor, missed, not_applicable, passed, procedural_reason
from .deal_tips import first_reduced_offer, tip08, tip10, tip14, tip15, tip17, tip18, tip19, tip20
from .facts import CallFacts
from .groups import EASING, HOSTILE, PRESSURE
from .measures import deal
from .steps import agreed_in_full_before
from .words import money

# Debtor reply situations that test a collector's composure (an excuse, a refusal, a complaint).
FRICTION = frozenset(
    {
        "ask_reason",
        "reject_offer",
        "debtor_offer_rejected",
        "good_faith_no",
        "dispute",
        "cease",
        "attorney",
        "proof_exposed",
    }
)
OPENERS = frozenset(
    {
        "remind",
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


def tip01(f: CallFacts) -> Verdict:
    return not_applicable("a mindset for every contact with a debtor; one call cannot show it")


def tip02(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    first = f.first(*OPENERS)
    if first is None:
        return missed("the call ended before you reminded the debtor of the debt", end_anchor(f))
    if first.counts("remind"):
        return passed(
            "you opened the money talk with a reminder of the debt",
            first,
            [f.cite(first, "the reminder", "raised")],
        )
    moves = ", ".join([m for m in first.moves if m in OPENERS])
    return missed(
        f"you opened the money talk with {moves} before reminding the debtor what is owed",
        first,
        [f.cite(first, "money talk before any reminder", "lowered")],
    )


def tip03(f: CallFacts) -> Verdict:
    wrong = misstatements(f)
    if wrong:
        line, amounts = wrong[0]
        return missed(
            f"you stated {', '.join([money(a) for a in amounts])}; the account shows {money(f.balance)}",
            line,
            [f.cite(ln, "wrong amount", "lowered") for ln, _ in wrong],
        )
    stated = balance_lines(f)
    if stated:
        return passed(
            f"you stated the balance of {money(f.balance)} correctly",
            stated[0],
            [f.cite(stated[0], "correct balance", "raised")],
        )
    if f.procedural:
        return not_applicable(procedural_reason(f))
    at = f.first("remind", "state_expectation", "disclose_debt")
    return missed(
        f"you never stated the balance of {money(f.balance)}",
        at or end_anchor(f),
        [f.cite(at, "talks about the debt without its amount", "lowered")] if at else [],
    )


def tip04(f: CallFacts) -> Verdict:
    return not_applicable("research happens before the call; the hint 'do your homework' checks you used the file")


def tip05(f: CallFacts) -> Verdict:
    if not f.lines:
        return not_applicable("you said nothing")
    hostile = f.lines_with(*HOSTILE)
    if hostile:
        return missed(
            f"{len(hostile)} line(s) with threats or abuse",
            hostile[0],
            [f.cite(ln, ", ".join([m for m in ln.moves if m in HOSTILE]), "lowered") for ln in hostile],
        )
    return passed("no threats or abusive language anywhere in the call", f.lines[0])


def tip06(f: CallFacts) -> Verdict:
    friction = [
        r
        for r in f.debtor_replies
        if (r.get("mood") in ("tense", "upset") or r.get("situation") in FRICTION) and r["i"] < f.last_said
    ]
    if not friction:
        return not_applicable("the debtor never pushed back, made an excuse or got tense")
    first = friction[0]
    hostile = [ln for ln in f.lines_with(*HOSTILE) if ln.i > first["i"]]
    if hostile:
        return missed(
            "you answered pushback with threats or abuse",
            hostile[0],
            [
                f.cite_event(first, "the debtor pushed back here"),
                *[f.cite(ln, "lost composure", "lowered") for ln in hostile],
            ],
        )
    return passed(
        f"you stayed calm through {len(friction)} moment(s) of pushback or excuses",
        first["i"],
        [f.cite_event(first, "the first pushback", "raised")],
    )


def tip07(f: CallFacts) -> Verdict:
    abusive = f.lines_with("abusive")
    if abusive:
        return missed(
            "abusive words treat the debtor as inferior",
            abusive[0],
            [f.cite(ln, "abusive", "lowered") for ln in abusive],
        )
    if f.procedural:
        return not_applicable(procedural_reason(f))
    asked = f.first_counted("ask_comments", "request_counter_offer", "ask_reason")
    if asked is not None:
        return passed(
            "you asked for the debtor's view and worked it out together",
            asked,
            [f.cite(asked, "asks for their view", "raised")],
        )
    return missed("you only told the debtor what to do and never asked for their view", end_anchor(f))


def tip09(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    said = f.first_counted("state_expectation")
    if said is not None:
        return passed(
            "you stated clearly what is expected: the full balance",
            said,
            [f.cite(said, "clear expectation", "raised")],
        )
    return missed("you never said clearly that the full balance is expected", f.first("remind") or end_anchor(f))


def tip11(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    asked = f.first_counted("ask_reason")
    proposal = f.first("offer", "accept")
    d = deal(f)
    deadline = min(
        [x for x in (proposal.turn if proposal else None, f.event(d.i)["turn"] if d else None) if x is not None],
        default=None,
    )
    if asked is not None and (
        deadline is None or asked.turn < deadline or (proposal is None and asked.turn <= deadline)
    ):
        return passed(
            "you asked why the payment was missed before proposing terms",
            asked,
            [f.cite(asked, "asks the reason", "raised")],
        )
    at = proposal.i if proposal else d.i if d else end_anchor(f)
    if asked is not None:
        return missed(
            "you asked the reason only after terms were on the table",
            at,
            [f.cite(asked, "asked too late", "lowered")],
        )
    return missed("you never asked why the payment was missed", at)


def tip12(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    if agreed_in_full_before(f, "ask_comments"):
        return not_applicable("the debtor agreed to the full balance; there was nothing left to discuss")
    stated = f.first("state_expectation", "remind")
    comments = [ln for ln in f.lines_counted("ask_comments") if ln.turn >= stated.turn] if stated else []
    if comments:
        return passed(
            "after stating your position you asked for the debtor's comments",
            comments[0],
            [f.cite(comments[0], "asks for comments", "raised")],
        )
    if f.said("ask_comments"):
        early = f.first("ask_comments")
        return missed(
            "you asked for comments before stating what you expect",
            early,
            [f.cite(early, "too early", "lowered")] if early else [],
        )
    return missed("you never asked the debtor what they thought would resolve it", stated or end_anchor(f))


def tip13(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    if agreed_in_full_before(f, "request_counter_offer"):
        return not_applicable("the debtor agreed to the full balance; no counter-offer was needed")
    request = f.first_counted("request_counter_offer")
    reduced = first_reduced_offer(f)
    if request is not None:
        line = f.line_of_turn(reduced["turn"]) if reduced else None
        before = (
            reduced is None
            or request.turn < reduced["turn"]
            or (
                line is not None
                and request.turn == reduced["turn"]
                and line.position("request_counter_offer") < line.position("offer")
            )
        )
        if before:
            return passed(
                "you asked the debtor to make an offer before moving off your number",
                request,
                [f.cite(request, "asks for their offer", "raised")],
            )
    if reduced is not None:
        return missed(
            "you lowered your own number before asking the debtor for an offer",
            reduced["i"],
            [f.cite_event(reduced, "bidding against yourself", "lowered")],
        )
    return missed("you never asked the debtor to make an offer", f.first("state_expectation") or end_anchor(f))


def tip16(f: CallFacts) -> Verdict:
    if f.third_party or not f.lines:
        return not_applicable("the debtor was not on the line")
    pushed = []
    for reply in f.tense_replies:
        if reply.get("mood") == "upset":
            nxt = f.next_line(reply["i"])
            if nxt is not None and not nxt.move_set.isdisjoint(PRESSURE) and nxt.move_set.isdisjoint(EASING):
                pushed.append(nxt)
    if f.hung_up:
        last = f.lines[-1]
        return missed(
            "you pushed until the debtor hung up",
            last,
            [
                f.cite(last, "the last line before the debtor hung up", "lowered"),
                *[f.cite(ln, "more pressure on an upset debtor", "lowered") for ln in pushed],
            ],
        )
    if pushed:
        return missed(
            "you kept pressing while the debtor was upset",
            pushed[0],
            [f.cite(ln, "more pressure on an upset debtor", "lowered") for ln in pushed],
        )
    return passed("you never pressed an upset debtor and they stayed on the line", f.lines[-1])


TIPS: tuple[TipSpec, ...] = (
    TipSpec("tip01_view_as_negotiation", 1, "View every interaction as a negotiation", tip01),
    TipSpec("tip02_start_with_reminder", 2, "Start with a reminder", tip02),
    TipSpec("tip03_accurate_information", 3, "Have accurate information", tip03),
    TipSpec("tip04_do_your_research", 4, "Do your research", tip04),
    TipSpec("tip05_polite_professional", 5, "Stay polite and professional", tip05),
    TipSpec("tip06_remain_calm", 6, "Remain calm", tip06),
    TipSpec("tip07_approach_as_equals", 7, "Approach negotiations as equals", tip07),
    TipSpec("tip08_be_realistic", 8, "Be realistic", tip08),
    TipSpec("tip09_clear_message", 9, "Send a clear message", tip09),
    TipSpec("tip10_concrete_minimum", 10, "Have a concrete minimum", tip10),
    TipSpec("tip11_find_reason", 11, "Find out the reason", tip11),
    TipSpec("tip12_ask_comments", 12, "Ask for comments", tip12),
    TipSpec("tip13_require_counter_offer", 13, "Require a counter-offer", tip13),
    TipSpec("tip14_dont_counter_immediately", 14, "Don't counter immediately", tip14),
    TipSpec("tip15_good_faith_gesture", 15, "Ask for a good-faith gesture", tip15),
    TipSpec("tip16_dont_force_issue", 16, "Don't force the issue", tip16),
    TipSpec("tip17_confirm_in_writing", 17, "Confirm the deal in writing", tip17),
    TipSpec("tip18_explain_ramifications", 18, "Clearly explain the ramifications", tip18),
    TipSpec("tip19_follow_up", 19, "Remember follow-up", tip19),
    TipSpec("tip20_hold_to_deal", 20, "Hold them to your deal", tip20),
)

"""The tips about the deal itself (seed 003): be realistic, a concrete minimum, don't counter
immediately, a good-faith gesture, confirm in writing, explain the ramifications, follow-up,
hold them to the deal.
"""

from __future__ import annotations

from ..engine.events import Event
from .account_file import MONTHS
from .accuracy import names_legal_action, untruthful_consequences
from .checks import Verdict, end_anchor, missed, not_applicable, passed, procedural_reason
from .facts import CallFacts
from .lines import Line
from .measures import after_yes, deal
from .words import money


def tip08(f: CallFacts) -> Verdict:
    d = deal(f)
    if d is None:
        return not_applicable("no deal was agreed")
    if d.feasible:
        return passed(d.note, d.i, list(d.evidence))
    return missed(d.note, d.i, list(d.evidence))


def tip10(f: CallFacts) -> Verdict:
    offers = f.collector_offers()
    d = deal(f)
    if not offers and d is None:
        return not_applicable("no terms were put on the table")
    bad = [
        o
        for o in offers
        if float(o["offer"]["total"]) < f.floor - 0.01
        or (o["offer"]["kind"] == "plan" and int(o["offer"]["months"]) > f.max_plan_months)
    ]
    evidence = [
        f.cite_event(o, f"below your floor of {money(f.floor)} or beyond {f.max_plan_months} months", "lowered")
        for o in bad
    ]
    if d is not None and (d.below_floor or d.over_months):
        evidence.append(
            f.cite_event(
                f.event(d.i),
                f"agreed {d.to_dict()['describe']}: below the floor of "
                f"{money(f.floor)} or beyond {f.max_plan_months} months",
                "lowered",
            )
        )
    if evidence:
        return missed(
            f"you went below your minimum: the floor is {money(f.floor)} "
            f"({f.scenario.authority.settlement_floor_pct:g}%), plans up to {f.max_plan_months} months",
            evidence[0].i,
            evidence,
        )
    return passed(
        f"every figure stayed at or above your floor of {money(f.floor)}",
        offers[-1]["i"] if offers else (d.i if d else None),
    )


def first_reduced_offer(f: CallFacts) -> Event | None:
    return next((o for o in f.collector_offers() if float(o.get("ratio", 1.0)) < 0.9999), None)


def tip14(f: CallFacts) -> Verdict:
    theirs = f.debtor_offers()
    quick: list[Line] = []
    considered: list[Line] = []
    for n, offer in enumerate(theirs):
        nxt_offer = theirs[n + 1]["i"] if n + 1 < len(theirs) else None
        after = f.lines_between(offer["i"], nxt_offer)
        answer = next((ln for ln in after if ln.has(*ANSWERS)), None)
        if answer is None:
            continue
        paused = [ln for ln in after if ln.i < answer.i and ln.counts("consider")]
        (considered if paused else quick).append(answer if not paused else paused[0])
    if not quick and not considered:
        return not_applicable("you never answered an offer from the debtor")
    if quick:
        return missed(
            "you answered the debtor's offer at once instead of taking a moment to consider it",
            quick[0],
            [f.cite(ln, "instant answer to their offer", "lowered") for ln in quick],
        )
    return passed(
        f"you took a moment before answering each of the debtor's {len(considered)} offer(s)",
        considered[0],
        [f.cite(ln, "takes a moment", "raised") for ln in considered],
    )


def tip15(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    asked = f.first_counted("ask_good_faith")
    if asked is None:
        return missed("you never asked for a good-faith payment", f.agreement["i"] if f.agreement else end_anchor(f))
    ev = [f.cite(asked, "asks for a good-faith payment", "raised")]
    if f.good_faith is not None:
        ev.append(f.cite_event(f.good_faith, "the answer"))
    return passed("you asked for a good-faith gesture", asked, ev)


def _after_deal(f: CallFacts, move: str, ok: str, miss: str) -> Verdict:
    d = deal(f)
    if d is None:
        return not_applicable("no deal was agreed")
    done = after_yes(f, d, move)
    if done is not None:
        return passed(ok, done, [f.cite(done, ok, "raised")])
    return missed(miss, d.i, [f.cite_event(f.event(d.i), "the deal that needed it", "lowered")])


def tip17(f: CallFacts) -> Verdict:
    return _after_deal(
        f,
        "confirm_in_writing",
        "you confirmed the agreed terms in writing",
        "the deal was never confirmed in writing",
    )


def tip18(f: CallFacts) -> Verdict:
    d = deal(f)
    if d is None:
        return not_applicable("no deal was agreed")
    said = next((ln for ln in f.lines_counted("explain_consequences") if not ln.has("threat")), None)
    if said is not None:
        return passed(
            "you explained what happens if the agreement is not kept",
            said,
            [f.cite(said, "the ramifications", "raised")],
        )
    return missed("you never explained what happens if a payment is missed", d.i)


def tip19(f: CallFacts) -> Verdict:
    return _after_deal(
        f,
        "schedule_follow_up",
        "you set a follow-up to keep the agreement on track",
        "no follow-up was set for the agreement",
    )


def tip20(f: CallFacts) -> Verdict:
    lines = f.lines_with("explain_consequences", "threat")
    if not lines:
        return not_applicable("you stated no consequences")
    legal_date = f.scenario.authority.legal_action_date
    bad: list[tuple[Line, str]] = []
    for ln in lines:
        if ln.has("threat"):
            bad.append((ln, "a threat you cannot or will not carry out"))
            continue
        bad += [(ln, p) for p in untruthful_consequences(f, ln)]
        if legal_date and names_legal_action(ln.text):
            dated = [d for d in ln.dates if d[:1].isdigit() or "-" in d]
            if dated and not _same_date(dated, legal_date):
                bad.append((ln, f"a legal-action date other than the real one ({legal_date})"))
    if bad:
        return missed(
            "you stated a consequence you would not carry out: " + bad[0][1],
            bad[0][0],
            [f.cite(ln, why, "lowered") for ln, why in bad],
        )
    return passed(
        "every consequence you stated is one you will really carry out",
        lines[0],
        [f.cite(ln, "truthful consequence", "raised") for ln in lines],
    )


def _same_date(said: list[str], iso: str) -> bool:
    _, m, d = (int(x) for x in iso.split("-"))
    return iso in said or f"{MONTHS[m - 1]}-{d}" in said


ANSWERS = ("accept", "offer", "reject")

"""The lesson's steps and their order, as the collector's lines show them."""

from __future__ import annotations

from .facts import CallFacts
from .groups import DEBT_TALK
from .lines import Line
from .measures import deal


def agreed_in_full_before(f: CallFacts, move: str) -> bool:
    """The debtor agreed to the full balance before `move` was said: the step was not needed."""
    d = deal(f)
    if d is None or d.ratio < 0.9999:
        return False
    said = f.first(move)
    return said is None or said.turn > f.event(d.i)["turn"]


def stage_steps(f: CallFacts) -> list[tuple[str, Line | None]]:
    """The collector's move for each stage of the lesson (the steps a deal at full balance made unnecessary
    are left out), with the line that covered it or None."""
    steps: list[tuple[str, tuple[str, ...]]] = [("reminder", ("remind",)), ("reason", ("ask_reason",))]
    if not agreed_in_full_before(f, "ask_comments"):
        steps.append(("comments", ("ask_comments",)))
    if not agreed_in_full_before(f, "request_counter_offer"):
        steps.append(("counter-offer", ("request_counter_offer", "offer")))
    if f.agreement is not None:
        steps += [("good faith", ("ask_good_faith",)), ("written confirmation", ("confirm_in_writing",))]
    return [(label, f.first_counted(*moves)) for label, moves in steps]


def off_topic_lines(f: CallFacts) -> list[Line]:
    """Lines off the topic, and small talk past the greeting (the first two lines)."""
    talk = f.lines_with("off_topic", "small_talk")
    if not talk:
        return []
    greeting = f.lines[:2][-1].i  # the last line of the greeting
    return [ln for ln in talk if ln.i > greeting or ln.has("off_topic")]


def order_pairs(f: CallFacts) -> list[tuple[str, Line, Line | None]]:
    """(what should come first, the line that needed it, the line that gave it or None)."""
    pairs: list[tuple[str, Line, Line | None]] = []
    if not f.third_party:
        debt = f.first(*DEBT_TALK)
        if debt is not None:
            v = f.first("verify_identity")
            pairs.append(
                (
                    "verify the right party before naming the debt",
                    debt,
                    v if v is not None and v.turn < debt.turn else None,
                )
            )
            mm = f.first("mini_miranda")
            ok = mm is not None and (
                mm.turn < debt.turn
                or (mm.turn == debt.turn and mm.position("mini_miranda") < debt.first_position(DEBT_TALK))
            )
            pairs.append(("give the debt-collector disclosure before the debt talk", debt, mm if ok else None))
    bargain = f.first("offer", "request_counter_offer", "accept")
    if bargain is not None:
        r = f.first("remind")
        pairs.append(("remind before bargaining", bargain, r if r is not None and r.turn <= bargain.turn else None))
    offer = f.first("offer")
    if offer is not None:
        a = f.first_counted("ask_reason")
        pairs.append(
            (
                "ask the reason before proposing terms",
                offer,
                a if a is not None and a.turn < offer.turn else None,
            )
        )
    return pairs

"""The outcome of the call: the money and whether it will really come in, or, when the right
result was not to collect (third party, late hour, attorney, dispute, cease), how it was handled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .criteria import weighted_mean
from .facts import CallFacts, Stop
from .groups import PROCEDURE_TITLES
from .lines import Line
from .measures import Deal, after_yes, best_within_authority, deal, goodwill
from .scorecard import Effect, Evidence, OutcomeReport, Part
from .stops import offending_lines, validation_line
from .words import money

# Weights of the parts of a money call's outcome.
W_RECOVERY, W_FEASIBILITY, W_GOODWILL, W_FOLLOW_THROUGH = 0.45, 0.25, 0.15, 0.15
AT_FLOOR = 0.7  # recovery value of a deal exactly at the floor; the full balance is 1.0
BELOW_FLOOR_MAX = 0.3  # the most a deal below the floor can earn for recovery


def recovery_value(total: float, balance: float, floor: float) -> float:
    if total < floor - 0.01:
        return BELOW_FLOOR_MAX * max(0.0, total / floor) if floor > 0 else 0.0
    if balance - floor <= 0.01:
        return 1.0
    return min(1.0, AT_FLOOR + (1 - AT_FLOOR) * (total - floor) / (balance - floor))


def weighted(parts: list[Part]) -> int:
    score = weighted_mean(parts)
    return 100 if score is None else score


def written_after_deal(f: CallFacts, d: Deal | None) -> Line | None:
    """The line that confirmed the agreed terms in writing (at or after the agreement)."""
    return None if d is None else after_yes(f, d, "confirm_in_writing")


def _money_parts(f: CallFacts, d: Deal | None) -> list[Part]:
    parts: list[Part] = []
    if d is not None:
        value = recovery_value(d.total, f.balance, f.floor)
        where = "below" if d.below_floor else "at or above"
        parts.append(
            Part(
                "recovery",
                "Recovery against balance and floor",
                value,
                W_RECOVERY,
                f"{money(d.total)} = {round(d.ratio * 100)}% of the balance, {where} the floor of {money(f.floor)}",
                d.evidence[:1],
            )
        )
        parts.append(Part("feasibility", "Likely to be kept", d.likelihood, W_FEASIBILITY, d.note, d.evidence))
    elif best_within_authority(f) <= 0:
        parts.append(
            Part(
                "recovery",
                "Recovery against balance and floor",
                None,
                W_RECOVERY,
                "no deal within your authority fits what the debtor can really pay",
            )
        )
    else:
        ended: tuple[Evidence, ...] = (f.cite_event(f.closed, "ended without a deal", "lowered"),) if f.closed else ()
        parts.append(
            Part(
                "recovery",
                "Recovery against balance and floor",
                0.0,
                W_RECOVERY,
                f"no deal, though the debtor could pay {money(best_within_authority(f))} within your authority",
                ended,
            )
        )
    g = goodwill(f)
    parts.append(Part("goodwill", "Goodwill at the end", g.value, W_GOODWILL, g.note, g.evidence))
    written = written_after_deal(f, d)
    follow = f.first_counted("schedule_follow_up")
    if d is not None:
        value = 0.5 * (written is not None) + 0.5 * (follow is not None)
        note = f"written confirmation: {'yes' if written else 'no'}; follow-up: {'yes' if follow else 'no'}"
    else:
        value = 1.0 if follow is not None else 0.0
        note = "a follow-up was set" if follow else "no follow-up was set"
    ev = tuple(f.cite(ln, "follow-through", "raised") for ln in (written, follow) if ln is not None)
    parts.append(Part("follow_through", "Written confirmation and follow-up", value, W_FOLLOW_THROUGH, note, ev))
    return parts


def _step(
    sid: str,
    label: str,
    value: float | None,
    weight: float,
    note: str,
    f: CallFacts,
    lines: Sequence[Line | None] = (),
    effect: Effect = "context",
) -> Part:
    ev = tuple(f.cite(ln, note, effect) for ln in lines if ln is not None)
    return Part(sid, label, value, weight, note, ev)


def _handling(f: CallFacts, stop: Stop) -> list[Part]:
    after = f.lines_after_turn(stop.turn)
    ended = f.collector_ended is not None or f.said("end_call")
    bad = offending_lines(f, stop)
    k = stop.kind
    if k == "third_party":
        asked = f.first("verify_identity")
        message = f.first("schedule_follow_up", "end_call")
        steps = [
            _step(
                "third_party.no_disclosure",
                "Said nothing about the debt to the third party",
                0.0 if bad else 1.0,
                3,
                "the debt was disclosed" if bad else "nothing about the debt was said",
                f,
                bad[:1],
                "lowered",
            ),
            _step(
                "third_party.asked_for_debtor",
                "Asked for the debtor",
                1.0 if asked else 0.0,
                1,
                "asked for the debtor" if asked else "never asked for the debtor",
                f,
                [asked],
                "raised",
            ),
            _step(
                "third_party.message",
                "Left a neutral message or ended politely",
                1.0 if message or ended else 0.0,
                1,
                "left a message / ended the call" if message or ended else "did not close the call",
                f,
                [message],
                "raised",
            ),
        ]
        return steps
    if k == "calling_hours":
        me = f.first("identify_self")
        back = f.first("schedule_follow_up", "end_call")
        return [
            _step(
                "calling_hours.no_collection",
                "No debt talk outside calling hours",
                0.0 if bad else 1.0,
                3,
                "collected at an inconvenient hour" if bad else "did not discuss the debt",
                f,
                bad[:1],
                "lowered",
            ),
            _step(
                "calling_hours.identified",
                "Said who is calling",
                1.0 if me else 0.0,
                1,
                "identified yourself" if me else "did not say who you are",
                f,
                [me],
                "raised",
            ),
            _step(
                "calling_hours.call_back",
                "Ended and offered to call back at a convenient time",
                1.0 if back or ended else 0.0,
                1,
                "ended the call / arranged a call back" if back or ended else "kept the debtor on the line",
                f,
                [back],
                "raised",
            ),
        ]
    chance = bool(after)
    if k == "attorney":
        asked = next((ln for ln in after if ln.has("ask_attorney_details")), None)
        first = _step(
            "attorney.details",
            "Asked for the attorney's name and contact details",
            (1.0 if asked else 0.0) if chance else None,
            2,
            "asked for the attorney's details" if asked else "never asked for the attorney's details",
            f,
            [asked],
            "raised",
        )
    elif k == "dispute":
        offered = validation_line(f, stop)
        first = _step(
            "dispute.validation",
            "Offered the validation route",
            (1.0 if offered else 0.0) if chance else None,
            2,
            "offered validation" if offered else "never offered validation",
            f,
            [offered],
            "raised",
        )
    else:
        heard = next((ln for ln in after if ln.has("acknowledge", "end_call")), None)
        first = _step(
            "cease.acknowledged",
            "Acknowledged the request to stop",
            (1.0 if heard else 0.0) if chance else None,
            1,
            "acknowledged the request" if heard else "did not acknowledge the request",
            f,
            [heard],
            "raised",
        )
    what = "pressed for payment before offering validation" if k == "dispute" else "kept collecting"
    return [
        first,
        _step(
            f"{k}.stopped",
            "Stopped collecting",
            0.0 if bad else 1.0,
            3,
            what if bad else "stopped collecting",
            f,
            bad[:1],
            "lowered",
        ),
        Part(
            f"{k}.closed",
            "Closed the call yourself",
            None if not chance else 0.0 if f.hung_up else 1.0 if ended else 0.5,
            1,
            "the debtor hung up" if f.hung_up else "you ended the call" if ended else "the call was left open",
            (f.cite_event(f.closed, "how the call ended"),) if f.closed else (),
        ),
    ]


def score_outcome(f: CallFacts) -> OutcomeReport:
    d = deal(f)
    g = goodwill(f)
    gf = f.good_faith
    start, end = f.state_at_start(), f.state_at_end()
    facts: dict[str, Any] = {
        "balance": f.balance,
        "floor": f.floor,
        "floor_pct": f.scenario.authority.settlement_floor_pct,
        "max_plan_months": f.max_plan_months,
        "terms": d.to_dict() if d else None,
        "good_faith": {
            "asked": f.said("ask_good_faith"),
            "agreed": bool(gf and gf.get("agreed")),
            "amount": gf.get("amount") if gf else None,
        },
        "recovery_ratio": round(d.ratio, 4) if d else None,
        "floor_ratio": round(d.total / f.floor, 4) if d and f.floor else None,
        "below_floor": bool(d and d.below_floor),
        "over_plan_months": bool(d and d.over_months),
        "feasibility": None
        if d is None
        else {
            "feasible": d.feasible,
            "likelihood_kept": round(d.likelihood, 4),
            "load": round(d.load, 4),
            "real_lump_sum_capacity": d.lump_capacity,
            "real_monthly_capacity": d.monthly_capacity,
            "note": d.note,
        },
        "expected_recovery": round(d.total * d.likelihood, 2) if d else None,
        "best_within_authority": round(best_within_authority(f), 2),
        "goodwill": None
        if start is None or end is None or g.value is None
        else {
            "trust_start": start["trust"],
            "trust_end": end["trust"],
            "stress_start": start["stress"],
            "stress_end": end["stress"],
            "mood_start": start["mood"],
            "mood_end": end["mood"],
            "value": round(g.value, 4),
        },
        "written_confirmation": written_after_deal(f, d) is not None,
        "follow_up": f.said("schedule_follow_up"),
    }
    if f.procedural:
        parts = [p for stop in f.stops for p in _handling(f, stop)]
        score = weighted(parts)
        done = sum(1 for p in parts if p.value == 1.0)
        counted = sum(1 for p in parts if p.value is not None)
        kinds = ", ".join([PROCEDURE_TITLES[s.kind] for s in f.stops])
        summary = f"Judged on handling, not money ({kinds}): {done} of {counted} steps done."
        if d is not None:
            summary += f" A deal was still made: {facts['terms']['describe']}."
        return OutcomeReport(
            "procedural", tuple(s.kind for s in f.stops), f.outcome, score, summary, facts, tuple(parts)
        )
    parts = _money_parts(f, d)
    score = weighted(parts)
    if d is not None:
        summary = (
            f"Agreed {facts['terms']['describe']}: {round(d.ratio * 100)}% of the balance, "
            f"{'BELOW' if d.below_floor else 'at or above'} the floor of {money(f.floor)}; "
            f"{'feasible' if d.feasible else 'NOT feasible'} - likely kept {round(d.likelihood * 100)}%."
        )
    elif best_within_authority(f) <= 0:
        summary = "No deal: none within your authority fits what the debtor can really pay."
    else:
        summary = f"No deal ({(f.outcome or 'call not closed').replace('_', ' ')})."
    return OutcomeReport("collection", (), f.outcome, score, summary, facts, tuple(parts))

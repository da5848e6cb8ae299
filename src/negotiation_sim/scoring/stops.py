"""What must not be said once a call has to stop collecting (third party, late hour, attorney,
dispute, cease), shared by the compliance findings, the trait 'discipline' and the outcome.
"""

from __future__ import annotations

from .facts import CallFacts, Stop
from .groups import COLLECTION, COLLECTION_AFTER_STOP, PRESSING
from .lines import Line


def validation_line(facts: CallFacts, stop: Stop) -> Line | None:
    return next((ln for ln in facts.lines_with("offer_validation") if ln.turn > stop.turn), None)


def offending_lines(facts: CallFacts, stop: Stop) -> list[Line]:
    """The lines that broke the rule of a stop: what the collector should not have said after it.

    Worked out once a call for every stop: compliance, discipline and the outcome all ask."""
    return facts.memo(_offending_by_kind)[stop.kind]


def _offending_by_kind(facts: CallFacts) -> dict[str, list[Line]]:
    return {stop.kind: _offending(facts, stop) for stop in facts.stops}


def _offending(facts: CallFacts, stop: Stop) -> list[Line]:
    if stop.kind == "third_party":
        turns = {f["turn"] for f in facts.flags if f["flag"] == "debt_disclosed_to_third_party"}
        return [ln for ln in facts.lines if ln.turn in turns]
    if stop.kind == "calling_hours":
        return facts.lines_with(*COLLECTION)
    if stop.kind == "dispute":
        validation = validation_line(facts, stop)
        return [
            ln
            for ln in facts.lines_with(*PRESSING)
            if ln.turn > stop.turn and (validation is None or ln.turn <= validation.turn)
        ]
    return [ln for ln in facts.lines_with(*COLLECTION_AFTER_STOP) if ln.turn > stop.turn]


def stop_of(facts: CallFacts, kind: str) -> Stop | None:
    for stop in facts.stops:
        if stop.kind == kind:
            return stop
    return None

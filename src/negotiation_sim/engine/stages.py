"""The call-stage state machine, built with `transitions`.

Transitions are defined here in Python and never read from content: `transitions` resolves a
callback given as a string by importing a dotted path, so a string from YAML could run code.

Building a `Machine` costs ~250 µs and `add_model` ~150 µs, which would dominate a headless
call, so one shared machine acts as a pure transition function: each call keeps its own
stage in a `StageTracker`, and `advance` asks the machine where a trigger leads from there.
"""

from __future__ import annotations

import threading

from transitions import Machine

from ..vocabulary import Outcome, Stage

S = Stage
_OPEN = [S.OPENING, S.REMINDER, S.REASON_FINDING, S.COMMENTS, S.COUNTER_OFFER, S.GOOD_FAITH, S.WRITTEN_CONFIRMATION]
_BEFORE_DEAL = [S.OPENING, S.REMINDER, S.REASON_FINDING, S.COMMENTS, S.COUNTER_OFFER]

# (trigger, sources, destination, guard) — the guard is a method name on _Probe.
TRANSITIONS: list[tuple[str, list[Stage], Stage, str | None]] = [
    ("remind", [S.OPENING], S.REMINDER, None),
    ("find_reason", [S.OPENING, S.REMINDER], S.REASON_FINDING, None),
    ("invite_comments", [S.OPENING, S.REMINDER, S.REASON_FINDING], S.COMMENTS, None),
    ("negotiate", [S.OPENING, S.REMINDER, S.REASON_FINDING, S.COMMENTS], S.COUNTER_OFFER, None),
    ("agree", _BEFORE_DEAL, S.GOOD_FAITH, "has_terms"),
    ("settle_good_faith", [S.GOOD_FAITH], S.WRITTEN_CONFIRMATION, "has_terms"),
    ("confirm", [S.GOOD_FAITH], S.WRITTEN_CONFIRMATION, "has_terms"),
    ("end", _OPEN, S.CLOSED, None),
]
TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys(t for t, *_ in TRANSITIONS))


class _Probe:
    """The single model of the shared machine; it carries the guard's inputs for one step."""

    state: Stage
    terms_agreed = False

    def has_terms(self) -> bool:
        return self.terms_agreed


_probe = _Probe()
_machine = Machine(
    model=_probe,
    states=Stage,
    transitions=[
        {"trigger": trigger, "source": sources, "dest": dest, "conditions": guard or []}
        for trigger, sources, dest, guard in TRANSITIONS
    ],
    initial=Stage.OPENING,
    auto_transitions=False,
    ignore_invalid_triggers=True,
)
_lock = threading.Lock()


def advance(stage: Stage, trigger: str, *, terms_agreed: bool) -> Stage | None:
    """Where `trigger` leads from `stage`, or None when it does not fit (not an error).

    Memoised: the machine has no callbacks, so the answer depends on these inputs alone.
    """
    key = (stage, trigger, terms_agreed)
    if key in _steps:
        return _steps[key]
    with _lock:
        _machine.set_state(stage, model=_probe)
        _probe.terms_agreed = terms_agreed
        moved = _probe.trigger(trigger)  # type: ignore[attr-defined]
        dest = _probe.state if moved else None
    if len(_steps) < _STEPS_KEPT:
        _steps[key] = dest
    return dest


# (stage, trigger, terms agreed) -> where it leads: a plain dict, as every turn fires a trigger or two
_steps: dict[tuple[Stage, str, bool], Stage | None] = {}
_STEPS_KEPT = 512


class StageTracker:
    """One call's stage and, once closed, its outcome."""

    def __init__(self, stage: Stage = Stage.OPENING) -> None:
        self.stage = stage
        self.terms_agreed = False
        self.outcome: Outcome | None = None

    def fire(self, trigger: str) -> Stage | None:
        """Take the transition if it fits; return the new stage or None."""
        if trigger == "end":
            raise ValueError("use finish(outcome) to close a call")
        key = (self.stage, trigger, self.terms_agreed)  # advance's memo, read here: a call fires every turn or two
        dest = _steps[key] if key in _steps else advance(self.stage, trigger, terms_agreed=self.terms_agreed)
        if dest is not None:
            self.stage = dest
        return dest

    def finish(self, outcome: Outcome) -> bool:
        if advance(self.stage, "end", terms_agreed=self.terms_agreed) is None:
            return False
        self.stage = Stage.CLOSED
        self.outcome = outcome
        return True


def edges() -> list[tuple[Stage, Stage, str]]:
    """Every (source, destination, trigger) the machine allows: for graphs and invariants."""
    return [(src, dest, trigger) for trigger, sources, dest, _ in TRANSITIONS for src in sources]

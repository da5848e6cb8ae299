"""Properties of a call: whatever the trainee says, the call stays well-formed.

For any scenario, seed and sequence of utterances (collector English mixed with anything at
all): `say` never raises; the stage only moves along the machine's edges; trust, stress and
patience stay in 0–100; an agreement always has terms; the events are JSON-safe, numbered,
and replay to the very same events.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiation_sim.content.library import Library, load_library
from negotiation_sim.engine import events as ev
from negotiation_sim.engine.session import MAX_UTTERANCE, CallSession
from negotiation_sim.engine.stages import edges
from negotiation_sim.vocabulary import Outcome, Stage

from .strategies import SCALE, utterance

LIBRARY: Library = load_library()
SCENARIOS = sorted(LIBRARY.scenarios)
EDGES = {(src.value, dest.value, trigger) for src, dest, trigger in edges()}
SETTINGS = settings(
    max_examples=150 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
call_plan = st.tuples(
    st.sampled_from(SCENARIOS),
    st.integers(min_value=0, max_value=2**31 - 1),
    st.lists(utterance, max_size=30),
    st.booleans(),  # hang up at the end (if the call is still open)
)


def play(scenario_id: str, seed: int, lines: list[str], hang_up: bool) -> CallSession:
    scenario = LIBRARY.scenario(scenario_id)
    session = CallSession(scenario, LIBRARY.persona_for(scenario), seed=seed)
    for line in lines:
        was_closed = session.closed
        new = session.say(line)
        if was_closed:
            assert new == [], "a closed call takes no more turns"
        assert session.events[len(session.events) - len(new) :] == new
    if hang_up:
        session.end("the trainee hung up")
    return session


def check_events(events: list[dict[str, Any]]) -> None:
    assert events and events[0]["type"] == ev.CALL_STARTED
    stage = events[0]["stage"]
    turn = 0
    closed = False
    for i, e in enumerate(events):
        assert e["i"] == i and e["type"] in ev.EVENT_TYPES
        assert e["turn"] >= turn
        turn = e["turn"]
        assert not closed, "nothing happens after call_closed"
        kind = e["type"]
        if kind == ev.STAGE_CHANGED:
            assert e["from"] == stage, f"stage_changed from {e['from']} while the call was in {stage}"
            assert (e["from"], e["to"], e["trigger"]) in EDGES, f"not an edge: {e}"
            stage = e["to"]
        elif kind == ev.DEBTOR_STATE:
            for key in ("trust", "stress", "patience"):
                assert isinstance(e[key], int) and 0 <= e[key] <= 100, (key, e[key])
            for key, delta in e["delta"].items():
                assert isinstance(delta, int) and -100 <= delta <= 100, (key, delta)
        elif kind == ev.AGREEMENT:
            check_terms(e["terms"])
        elif kind == ev.OFFER_MADE:
            check_terms(e["offer"])
        elif kind == ev.TRAINEE_SAID:
            text = e["text"]
            assert len(text) <= MAX_UTTERANCE and text == text.strip()
            assert all(ch.isprintable() for ch in text)
        elif kind == ev.CALL_CLOSED:
            closed = True
            assert stage == Stage.CLOSED.value
            assert e["outcome"] in {o.value for o in Outcome}
            if e["outcome"] == Outcome.AGREEMENT.value:
                check_terms(e["terms"])
    text = ev.to_jsonl(events)
    json.loads(json.dumps(events, allow_nan=False))  # JSON-safe, no NaN or infinity
    assert ev.from_jsonl(text) == events
    text.encode("utf-8")  # no lone surrogates reach a transcript


def check_terms(terms: dict[str, Any] | None) -> None:
    assert terms, "an agreement or offer always has terms"
    assert terms["kind"] in ("lump_sum", "plan", "full_balance")
    assert math.isfinite(terms["amount"]) and terms["amount"] > 0
    assert isinstance(terms["months"], int) and terms["months"] >= 1
    assert math.isfinite(terms["total"]) and terms["total"] > 0


@SETTINGS
@given(call_plan)
def test_any_call_keeps_the_invariants_and_replays(plan: tuple[str, int, list[str], bool]) -> None:
    scenario_id, seed, lines, hang_up = plan
    session = play(scenario_id, seed, lines, hang_up)
    events = session.events
    check_events(events)
    assert session.stage.value == next(
        (e["to"] for e in reversed(events) if e["type"] == ev.STAGE_CHANGED), events[0]["stage"]
    )
    if session.closed:
        closed = events[-1]
        assert closed["type"] == ev.CALL_CLOSED and session.outcome is not None
        assert closed["outcome"] == session.outcome.value
        if session.outcome == Outcome.AGREEMENT:
            assert any(e["type"] == ev.AGREEMENT for e in events)
    state = session.debtor.state
    assert all(0 <= v <= 100 for v in (state.trust, state.stress, state.patience))
    scenario = LIBRARY.scenario(scenario_id)
    again = CallSession.replay(scenario, LIBRARY.persona_for(scenario), events)
    assert again.events == events
    assert ev.events_hash(again.events) == ev.events_hash(events)


@settings(max_examples=40 * SCALE, deadline=None)
@given(st.sampled_from(SCENARIOS), st.integers(min_value=0, max_value=10_000), st.lists(utterance, max_size=12))
def test_the_same_call_gives_the_same_events(scenario_id: str, seed: int, lines: list[str]) -> None:
    first = play(scenario_id, seed, lines, True)
    second = play(scenario_id, seed, lines, True)
    assert ev.to_jsonl(first.events) == ev.to_jsonl(second.events)

"""Properties of the move recogniser: any text is read without an error, and the answer is sane."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, assume, given, settings

from negotiation_sim.engine.figures import MAX_CHARS, normalise_text
from negotiation_sim.engine.moves import MOVES, Recogniser, default_recogniser, default_rules_path, load_rules
from negotiation_sim.engine.session import MAX_UTTERANCE, sanitise

from .strategies import SCALE, anything, mixed

SETTINGS = settings(
    max_examples=300 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RECOGNISER = default_recogniser()
KNOWN = RECOGNISER.known_moves()
# A second instance with an empty memo: its answers must not depend on what the first has seen.
FRESH = Recogniser(load_rules(default_rules_path()))


@SETTINGS
@given(anything)
def test_any_text_is_recognised_without_error(text: str) -> None:
    result = RECOGNISER.recognise(text)
    assert isinstance(result.moves, tuple)
    assert set(result.moves) <= KNOWN <= set(MOVES)
    assert len(result.moves) == len(set(result.moves)), "a move is listed once"
    figures = result.figures.to_dict()
    json.dumps(figures, allow_nan=False)  # JSON-safe: goes into the events as is
    for amount in figures["amounts"]:
        assert math.isfinite(amount) and amount >= 0
    for pct in figures["percents"]:
        assert math.isfinite(pct)
    for plan in figures["plans"]:
        assert math.isfinite(plan["monthly"]) and plan["monthly"] >= 0
        assert plan["months"] is None or plan["months"] >= 1


@SETTINGS
@given(anything)
def test_what_the_engine_hears_is_one_clean_line(text: str) -> None:
    clean = sanitise(text)
    assert len(clean) <= MAX_UTTERANCE
    assert clean == clean.strip() and "  " not in clean
    assert all(ch.isprintable() or ch == " " for ch in clean)
    assert sanitise(clean) == clean
    RECOGNISER.recognise(clean)


@SETTINGS
@given(mixed())
def test_recognition_does_not_depend_on_the_memo(text: str) -> None:
    first = RECOGNISER.recognise(text)
    again = RECOGNISER.recognise(text)
    fresh = FRESH.recognise(text)
    assert first == again == fresh


@SETTINGS
@given(anything)
def test_normalising_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    # Known edge: only the first MAX_CHARS characters are read, and normalising can lengthen them
    # (NFKC turns "¸" into " ̧", shorthand "u" becomes "you"), so a second pass cuts again.
    # Whenever the result fits in MAX_CHARS it must hold exactly.
    assume(len(once) <= MAX_CHARS)
    assert normalise_text(once) == once

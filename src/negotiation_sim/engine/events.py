"""Events: the single source of truth of a call.

An event is a plain JSON-safe dict with `i` (its index), `turn` and `type` first; the
transcript, the scorecard, replay, resume and regrade are all computed from the list.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

Event = dict[str, Any]

CALL_STARTED = "call_started"
DEBTOR_SAID = "debtor_said"
TRAINEE_SAID = "trainee_said"
STAGE_CHANGED = "stage_changed"
DEBTOR_STATE = "debtor_state"
OFFER_MADE = "offer_made"
AGREEMENT = "agreement"
GOOD_FAITH = "good_faith"
REVEALED = "revealed"
FLAG = "flag"
COLLECTOR_ENDED = "collector_ended"
CALL_CLOSED = "call_closed"

EVENT_TYPES = frozenset(
    {
        CALL_STARTED,
        DEBTOR_SAID,
        TRAINEE_SAID,
        STAGE_CHANGED,
        DEBTOR_STATE,
        OFFER_MADE,
        AGREEMENT,
        GOOD_FAITH,
        REVEALED,
        FLAG,
        COLLECTOR_ENDED,
        CALL_CLOSED,
    }
)


# The canonical encoding, made once: json.dumps with options of its own builds a new encoder on
# every call, which costs more than encoding a small event. An encoder keeps no state between calls.
# Events are trees of JSON values, never circular, so the encoder need not look for cycles (the
# same bytes, without keeping a set of every dict and list it is inside).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=False, check_circular=False)


def dumps(event: Event) -> str:
    """One canonical JSON line: the same event always gives the same bytes."""
    return _CANONICAL.encode(event)


def to_jsonl(events: Iterable[Event]) -> str:
    encode = _CANONICAL.encode
    return "".join([encode(e) + "\n" for e in events])


def from_jsonl(text: str) -> list[Event]:
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
    for expected, event in enumerate(events):
        if not isinstance(event, dict) or event.get("i") != expected or event.get("type") not in EVENT_TYPES:
            raise ValueError(f"line {expected + 1}: not an event of this call (expected index {expected})")
    return events


def events_hash(events: Iterable[Event]) -> str:
    """SHA-256 of the call's JSON Lines (`to_jsonl`): what a stored call is sealed with."""
    return hashlib.sha256(to_jsonl(events).encode("utf-8")).hexdigest()


def of_type(events: Iterable[Event], *types: str) -> Iterator[Event]:
    return (e for e in events if e["type"] in types)


def transcript(events: Iterable[Event]) -> list[tuple[str, str, int]]:
    """(speaker, text, event index) for every spoken line, in order."""
    lines: list[tuple[str, str, int]] = []
    for e in events:
        if e["type"] == TRAINEE_SAID:
            lines.append(("collector", e["text"], e["i"]))
        elif e["type"] == DEBTOR_SAID:
            lines.append(("debtor", e["text"], e["i"]))
    return lines

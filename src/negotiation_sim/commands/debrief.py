"""`negotiation-sim debrief TRANSCRIPT.jsonl`: score a recorded call again and print its debrief.

The transcript is the JSON Lines file `play --plain --transcript FILE` writes. The scenario and
persona are found in the library from the call's first event; with `--json` the scorecard is
printed exactly as `play --plain --scorecard FILE` wrote it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .common import library_from, lookup


def register(sub: Any) -> None:
    p = sub.add_parser(
        "debrief",
        help="score a recorded call and print its debrief",
        description="Score a call recorded with 'play --plain --transcript FILE' and print the debrief: the "
        "grade, the traits, the tips, the compliance findings, the outcome and what to try next time. The "
        "scenario and persona are looked up in the content library from the call's first event.",
    )
    p.add_argument("transcript", metavar="TRANSCRIPT.jsonl", help="the call's events, one JSON object per line")
    p.add_argument(
        "--json",
        "--scorecard-json",
        dest="json",
        action="store_true",
        help="print the scorecard as JSON (the same as 'play --scorecard' wrote) instead of the debrief",
    )
    p.add_argument(
        "--content",
        action="append",
        default=[],
        dest="more_content",
        metavar="DIR",
        help="another content folder to find the call's scenario in; repeatable",
    )
    p.add_argument("--lesson", metavar="LESSON_ID", help="grade with this lesson's rubric (default rubric otherwise)")
    p.set_defaults(handler=run)


# What each event must hold for the call to be scored (the event schema of the brief).
REQUIRED: dict[str, tuple[str, ...]] = {
    "call_started": ("scenario", "persona", "seed", "context", "account"),
    "debtor_state": ("trust", "stress", "patience", "mood"),
    "debtor_said": ("speaker", "text", "mood"),
    "trainee_said": ("text", "moves", "figures"),
    "stage_changed": ("from", "to"),
    "offer_made": ("by", "offer"),
    "agreement": ("terms",),
    "good_faith": ("amount", "agreed"),
    "revealed": ("id", "text"),
    "flag": ("flag",),
    "collector_ended": ("reason",),
    "call_closed": ("outcome",),
}


def read_events(path: str) -> list[dict[str, Any]]:
    from ..cli import CommandError
    from ..engine import events as ev

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read the file ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        events = ev.from_jsonl(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    except (ValueError, AttributeError, TypeError) as exc:
        raise CommandError(f"{path}: not a call transcript: {exc}") from None
    if not events or events[0]["type"] != ev.CALL_STARTED:
        raise CommandError(f"{path}: not a call transcript (the first line must be a call_started event)")
    for n, event in enumerate(events, 1):
        missing = [key for key in REQUIRED.get(event["type"], ()) if key not in event]
        if missing:
            raise CommandError(f"{path}:{n}: a {event['type']} event without {', '.join(missing)}")
    first = events[0]
    if not isinstance(first.get("scenario"), str) or not isinstance(first.get("persona"), str):
        raise CommandError(f"{path}: the call_started event names no scenario or persona")
    return events


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from ..scoring import render_debrief, score_call

    events = read_events(args.transcript)
    args.content = [*(getattr(args, "content", None) or []), *args.more_content]
    lib = library_from(args)
    first = events[0]
    try:
        scenario = lib.scenario(first["scenario"])
    except KeyError as exc:
        raise CommandError(f"{args.transcript}: the call's scenario is not in the library: {exc.args[0]}") from None
    persona = lib.persona_for(scenario)
    if persona.id != first["persona"]:
        raise CommandError(
            f"{args.transcript}: the call was with persona '{first['persona']}' but scenario "
            f"'{scenario.id}' now uses '{persona.id}'"
        )
    rubric = lookup(lib, "lesson", args.lesson).rubric if args.lesson else None
    try:
        card = score_call(scenario, persona, events, rubric)
    except (KeyError, TypeError, ValueError) as exc:
        raise CommandError(f"{args.transcript}: the events are malformed ({type(exc).__name__}: {exc})") from None
    if args.json:
        print(json.dumps(card.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_debrief(card))
    return 0

"""`negotiation-sim play SCENARIO`: a call in the TUI, or line by line with `--plain`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from typing import IO, Any

from ..content.lesson import Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..engine.offers import money
from ..engine.session import CallSession
from .common import library_from, lookup, write_text


def register(sub: Any) -> None:
    p = sub.add_parser(
        "play",
        help="play a call",
        description="Play a call against a scenario's debtor. With --plain, one line of input is one thing "
        "you say (works with a pipe); the call ends when it closes or input ends.",
    )
    p.add_argument("scenario", metavar="SCENARIO_ID", help="see 'negotiation-sim scenarios'")
    p.add_argument("--plain", action="store_true", help="line-based mode for screen readers and scripts")
    p.add_argument("--seed", type=int, default=None, help="the call's seed (default: the scenario's)")
    p.add_argument("--transcript", metavar="FILE", help="write the call's events as JSON Lines")
    p.add_argument("--scorecard", metavar="FILE", help="write the scorecard as JSON")
    p.add_argument("--quiet", action="store_true", help="with --plain: do not print the debrief")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lib = library_from(args)
    scenario = lookup(lib, "scenario", args.scenario)
    if args.seed is not None and args.seed < 0:
        from ..cli import CommandError

        raise CommandError("--seed must be 0 or more", 2)
    if not args.plain:
        return open_app(args, scenario_id=scenario.id, seed=args.seed)
    session = CallSession(scenario, lib.persona_for(scenario), seed=args.seed)
    play_plain(session, sys.stdin, sys.stdout)
    card = scorecard(scenario, session.persona, session.events)
    if args.transcript:
        write_text(args.transcript, ev.to_jsonl(session.events))
    if args.scorecard:
        write_text(args.scorecard, json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    if not args.quiet:
        print(debrief_text(scenario, session.persona, session.events))
    return 0


def open_app(args: argparse.Namespace, scenario_id: str | None = None, seed: int | None = None) -> int:
    from ..tui.app import make_app

    app = make_app(content=getattr(args, "content", []) or [], scenario_id=scenario_id, seed=seed)
    app.run()
    return int(app.return_code or 0)


def header(session: CallSession) -> list[str]:
    s = session.scenario
    a = s.account
    ctx = s.context
    lines = [
        f"== {s.title} ({s.difficulty.value}) ==",
        f"You are {s.collector_name} of {s.agency}. {s.goal}",
        f"Account {a.reference} with {a.creditor}: {money(a.balance)} for {a.delivered}; "
        f"due {a.due_date}, {a.days_past_due} days past due.",
        f"Your authority: settle at {s.authority.settlement_floor_pct:g}% or more "
        f"({money(s.floor_amount)}), plans up to {s.authority.max_plan_months} months, "
        f"good-faith payment from {money(s.authority.min_good_faith)}.",
        f"Call: {ctx.direction}, debtor's local time {ctx.local_time} on {ctx.weekday.title()}.",
        "Type what you say, one line at a time. End of input hangs up.",
        "",
    ]
    return lines


def render(event: Event, speaker_name: str, *, echo: bool = False) -> str | None:
    """Plain text for an event, or None for events the trainee does not see.

    With `echo`, the trainee's own line is repeated: input from a pipe was never on screen.
    """
    kind = event["type"]
    if kind == ev.DEBTOR_SAID:
        who = speaker_name if event.get("speaker") != "third_party" else "Someone else"
        return f"{who}: {event['text']}"
    if kind == ev.TRAINEE_SAID:
        moves = ", ".join(event["moves"]) or "nothing recognised"
        heard = f"  (heard as: {moves})"
        return f"You: {event['text']}\n{heard}" if echo else heard
    if kind == ev.STAGE_CHANGED and event["to"] != "closed":
        return f"  [stage: {event['to'].replace('_', ' ')}]"
    if kind == ev.COLLECTOR_ENDED:
        return f"  [you hung up: {event['reason']}]"
    if kind == ev.CALL_CLOSED:
        return f"  [call closed: {event['outcome'].replace('_', ' ')}]"
    return None


def play_plain(
    session: CallSession,
    lines: Iterable[str],
    out: IO[str],
    *,
    on_turn: Callable[[list[Event]], None] | None = None,
    show_header: bool = True,
) -> None:
    """Feed input lines to the call and print what happens; hang up when input ends."""
    name = session.identity.first_name
    interactive = hasattr(lines, "isatty") and lines.isatty()
    if show_header:
        out.write("\n".join(header(session)) + "\n")
    for event in session.events:
        shown = render(event, name)
        if shown and event["type"] == ev.DEBTOR_SAID:
            out.write(shown + "\n")
    out.flush()
    if interactive:
        out.write("> ")
        out.flush()
    for raw in lines:
        new = session.say(raw.rstrip("\n"))
        if on_turn is not None:
            on_turn(new)
        for event in new:
            shown = render(event, name, echo=not interactive)
            if shown:
                out.write(shown + "\n")
        out.flush()
        if session.closed:
            break
        if interactive:
            out.write("> ")
            out.flush()
    if not session.closed:
        new = session.end("input ended")
        if on_turn is not None:
            on_turn(new)
        for event in new:
            shown = render(event, name)
            if shown:
                out.write(shown + "\n")
    out.flush()


def scorecard(
    scenario: Scenario, persona: Persona, events: list[Event], rubric: Rubric | None = None
) -> dict[str, Any]:
    from ..scoring import score_call

    return score_call(scenario, persona, events, rubric).to_dict()


def debrief_text(scenario: Scenario, persona: Persona, events: list[Event], rubric: Rubric | None = None) -> str:
    from ..scoring import render_debrief, score_call

    return render_debrief(score_call(scenario, persona, events, rubric))

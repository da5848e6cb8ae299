"""`negotiation-sim graph [SCENARIO_ID]`: the stage machine, or a scenario's rules, as Mermaid or DOT."""

from __future__ import annotations

import argparse
from typing import Any

from .common import library_from, lookup, write_text


def register(sub: Any) -> None:
    p = sub.add_parser(
        "graph",
        help="draw the call stages, or a scenario's reaction rules, as Mermaid or DOT",
        description="Print a diagram to paste into docs. Without a scenario: the call-stage machine "
        "(every transition and the moves that trigger it). With a scenario: the stages plus how its persona "
        "reacts — reveals and their conditions, dispute / attorney / cease triggers, when the debtor hangs "
        "up, what they accept, and the persona's own move effects.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO_ID", help="a scenario (default: the stage machine only)")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid", help="diagram language (default mermaid)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of printing")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..trainer.graph import render, scenario_graph, stage_graph

    if args.scenario:
        lib = library_from(args)
        scenario = lookup(lib, "scenario", args.scenario)
        g = scenario_graph(scenario, lib.persona_for(scenario))
    else:
        g = stage_graph()
    text = render(g, args.format)
    if args.output:
        write_text(args.output, text)
    else:
        print(text, end="")
    return 0

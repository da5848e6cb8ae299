"""`negotiation-sim recognise "TEXT"`: how the simulator understands a line — a trainer's aid."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "recognise",
        aliases=["recognize"],
        help="show the moves and figures found in a line",
        description="Show which moves and figures the recogniser finds in TEXT.",
    )
    p.add_argument("text", nargs="+", help="what the collector says (quote it)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..engine.moves import default_recogniser

    result = default_recogniser().recognise(" ".join(args.text))
    if args.json:
        print(json.dumps({"moves": list(result.moves), "figures": result.figures.to_dict()}, indent=2))
        return 0
    print("moves:   " + (", ".join(result.moves) or "(none recognised)"))
    figures = {k: v for k, v in result.figures.to_dict().items() if v}
    print("figures: " + (json.dumps(figures) if figures else "(none)"))
    return 0

"""`negotiation-sim scenarios [--json]`: list the scenario library."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..vocabulary import DIFFICULTY_RANK
from .common import library_from


def register(sub: Any) -> None:
    p = sub.add_parser("scenarios", help="list the scenarios", description="List every scenario in the library.")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(handler=run)


def rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    lib = library_from(args)
    out = []
    for s in sorted(lib.scenarios.values(), key=lambda s: (DIFFICULTY_RANK[s.difficulty], s.id)):
        out.append(
            {
                "id": s.id,
                "title": s.title,
                "difficulty": s.difficulty.value,
                "persona": s.persona,
                "persona_name": lib.persona_for(s).name,
                "balance": s.account.balance,
                "creditor": s.account.creditor,
                "settlement_floor_pct": s.authority.settlement_floor_pct,
                "settlement_floor": s.floor_amount,
            }
        )
    return out


def run(args: argparse.Namespace) -> int:
    data = rows(args)
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    header = f"{'ID':<28} {'DIFFICULTY':<13} {'PERSONA':<22} {'BALANCE':>10} {'FLOOR':>6}  CREDITOR / TITLE"
    print(header)
    for r in data:
        print(
            f"{r['id']:<28} {r['difficulty']:<13} {r['persona']:<22} {r['balance']:>10,.2f} "
            f"{r['settlement_floor_pct']:>5g}%  {r['creditor']} — {r['title']}"
        )
    return 0

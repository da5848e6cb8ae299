#!/usr/bin/env python3
"""A digest of the events of many calls: proof that a speed-up changed nothing a user can see.

    PYTHONPATH=src python benchmarks/events_digest.py            # digest of the default set
    PYTHONPATH=src python benchmarks/events_digest.py --seeds 20 --out /tmp/before.jsonl

Every bot plays `--seeds` calls of every shipped scenario, and a scripted "noisy trainee"
says random lines (bot phrases, figures, unicode, control characters, huge text) on every
scenario. The events of all calls are written as JSON Lines (with --out) and hashed. Run it
before and after a performance edit: the same digest means byte-identical events.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NOISE = (
    "",
    " ",
    "\x00\x1b[31m\u202e\u200f",
    "😀" * 50,
    "ok" * 3000,
    "What could you offer?",
    "I can accept that.",
    "We could do $150 a month for 8 months.",
    "Could you pay 400 dollars today?",
    "Let me think about it.",
    "Pay now or we sue you, idiot.",
    "Am I speaking with the account holder?",
    "goodbye",
    "85%",
    "twelve hundred",
    "I'll send written confirmation today.",
    "Why did you miss the payment?",
    "نعم\u200f 100$",
    "\t\n\r",
)


def noisy_lines(rng: random.Random, n: int) -> list[str]:
    from negotiation_sim.bots.strategies import RandomLegal

    pool = [*NOISE, *RandomLegal.PHRASES]
    lines = []
    for _ in range(n):
        line = rng.choice(pool)
        if rng.random() < 0.3:
            line += " " + "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(1, 20)))
        lines.append(line)
    return lines


def digest(seeds: int = 8, out: Path | None = None) -> tuple[str, int, int]:
    """(sha256 of every event line, calls, events)."""
    from negotiation_sim.bots import STRATEGIES, play_call, strategy_named
    from negotiation_sim.commands.common import known_moves
    from negotiation_sim.content.library import load_library
    from negotiation_sim.engine.events import to_jsonl
    from negotiation_sim.engine.session import CallSession

    lib = load_library(None, [], known_moves())
    h = hashlib.sha256()
    calls = events = 0
    sink = out.open("w", encoding="utf-8") if out else None
    try:
        for scenario_id in sorted(lib.scenarios):
            scenario = lib.scenarios[scenario_id]
            persona = lib.persona_for(scenario)
            for seed in range(seeds):
                sessions = []
                for name in STRATEGIES:
                    sessions.append(play_call(CallSession(scenario, persona, seed=seed), strategy_named(name, seed)))
                noisy = CallSession(scenario, persona, seed=seed)
                for line in noisy_lines(random.Random(f"{scenario_id}/{seed}"), 30):
                    noisy.say(line)
                noisy.end("digest")
                sessions.append(noisy)
                for session in sessions:
                    text = to_jsonl(session.events)
                    h.update(text.encode("utf-8"))
                    if sink:
                        sink.write(text)
                    calls += 1
                    events += len(session.events)
    finally:
        if sink:
            sink.close()
    return h.hexdigest(), calls, events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=8, help="calls per bot and scenario (default 8)")
    parser.add_argument("--out", type=Path, default=None, help="also write every event as JSON Lines here")
    args = parser.parse_args()
    value, calls, events = digest(args.seeds, args.out)
    print(f"{value}  {calls} calls, {events} events")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())

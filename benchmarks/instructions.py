#!/usr/bin/env python3
"""Instructions per headless bot call, counted by valgrind: a figure that machine load cannot move.

    python benchmarks/instructions.py               # 104 calls (all four bots, every scenario)
    python benchmarks/instructions.py --calls 200

Timings on a shared machine drift by a factor of two from one minute to the next; the number
of CPU instructions a call executes does not. Use it to compare two versions of the code: run
it on each and compare "instructions per call". Needs `valgrind` (callgrind) on the PATH; the
call loop runs once to warm up (identities, memoised stage steps, the recogniser's memo of
lines) and is counted on its second pass only. It takes a few minutes: valgrind is slow.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def workload(calls: int) -> None:
    """Runs inside valgrind: play the calls, then again with instruction counting switched on."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(HERE))
    import bench_core as core

    from negotiation_sim.bots import STRATEGIES, play_call, strategy_named
    from negotiation_sim.engine.moves import default_recogniser
    from negotiation_sim.engine.session import CallSession

    lib = core._library()
    recogniser = default_recogniser()
    scenarios = [lib.scenarios[k] for k in sorted(lib.scenarios)]
    names = tuple(STRATEGIES)
    plan = [(scenarios[i % len(scenarios)], names[i % len(names)], i % core.IDENTITY_POOL) for i in range(calls)]

    def run() -> None:
        for scenario, name, seed in plan:
            session = CallSession(scenario, lib.persona_for(scenario), seed=seed, recogniser=recogniser)
            play_call(session, strategy_named(name, seed))

    run()
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "--instr=on", pid], capture_output=True, check=False)
    if calls:
        run()
    subprocess.run(["callgrind_control", "--instr=off", pid], capture_output=True, check=False)


def count(calls: int) -> int:
    with tempfile.TemporaryDirectory(prefix="negotiation-ir-") as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--inside",
                str(calls),
            ],
            capture_output=True,
            check=True,
        )
        for line in out.read_text().splitlines():
            if line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("callgrind wrote no totals")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=104, help="calls to count (default 104: 8 per scenario)")
    parser.add_argument("--inside", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside is not None:
        workload(args.inside)
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("valgrind (with callgrind_control) is not installed: nothing to count", file=sys.stderr)
        return 2
    print(f"counting {args.calls} calls under valgrind (a few minutes)…", flush=True)
    empty = count(0)  # the cost of switching counting on and off, without calls
    total = count(args.calls)
    print(f"{(total - empty) / args.calls:,.0f} instructions per call ({args.calls} calls, all four bots)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""A long content-fuzzing run: mutate the shipped YAML files and load them, many times.

    PYTHONPATH=src python scripts/fuzz_content.py                 # 2,000 cases from seed 0
    PYTHONPATH=src python scripts/fuzz_content.py --cases 20000 --start 50000
    PYTHONPATH=src python scripts/fuzz_content.py --minutes 30     # as many cases as fit
    PYTHONPATH=src python scripts/fuzz_content.py --seed 1234 -v   # replay one case, show its problems

Each case mutates one shipped file (one to three mutations: deleted keys, wrong types,
truncation, random bytes, huge numbers, deep nesting, alias bombs, ...) and loads it beside
the other shipped files. A case fails when `load_library` raises, runs past --timeout, or
returns a problem that is not one clean `path:line:col: message` line. Failing seeds are
printed; re-run one with --seed to see it. Exit status 1 when any case failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _fuzzing():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("negotiation_fuzzing", ROOT / "benchmarks" / "fuzzing.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000, help="how many cases (default 2000)")
    parser.add_argument("--start", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long instead")
    parser.add_argument("--seed", type=int, default=None, help="run just this seed")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a case may take (default 10)")
    parser.add_argument("--alone", action="store_true", help="load the mutated file alone, without the others")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case and its problems")
    args = parser.parse_args(argv)

    fz = _fuzzing()
    files = fz.shipped_files()
    if not files:
        print("no shipped content files found", file=sys.stderr)
        return 2
    if args.seed is not None:
        seeds: range = range(args.seed, args.seed + 1)
    elif args.minutes is not None:
        seeds = range(args.start, sys.maxsize)
    else:
        seeds = range(args.start, args.start + args.cases)
    deadline = time.monotonic() + args.minutes * 60 if args.minutes is not None else None

    mutations: Counter[str] = Counter()
    failures = []
    started = time.monotonic()
    slowest = (0.0, -1)
    done = 0
    with tempfile.TemporaryDirectory(prefix="negotiation-fuzz-") as tmp:
        for seed in seeds:
            if deadline is not None and time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            result = fz.run_case(
                files[seed % len(files)], seed, Path(tmp), timeout=args.timeout, neighbours=not args.alone
            )
            took = time.perf_counter() - t0
            slowest = max(slowest, (took, seed))
            done += 1
            mutations.update(result.mutation.split("+"))
            if result.failure is not None:
                failures.append(result)
                print(f"FAIL {result.describe()}", flush=True)
            if args.verbose:
                print(f"seed {seed} {result.source} {result.mutation} ({took * 1000:.0f} ms)")
                for problem in result.problems:
                    print(f"    {problem}")
            elif done % 200 == 0:
                print(f"{done} cases, {len(failures)} failed, {time.monotonic() - started:.0f} s", flush=True)
    elapsed = time.monotonic() - started
    print(
        f"{done} cases over {len(files)} files in {elapsed:.1f} s ({done / max(elapsed, 1e-9):.0f}/s), "
        f"{len(failures)} failed; slowest case: seed {slowest[1]} ({slowest[0] * 1000:.0f} ms)"
    )
    print("mutations used: " + ", ".join(f"{name} {n}" for name, n in sorted(mutations.items())))
    if failures:
        print("failing seeds: " + " ".join(str(f.seed) for f in failures))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

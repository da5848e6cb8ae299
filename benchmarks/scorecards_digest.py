#!/usr/bin/env python3
"""A digest of the scorecards of many calls: proof that a scoring speed-up changed nothing a user can see.

    PYTHONPATH=src python benchmarks/scorecards_digest.py                  # digest and score_call timings
    PYTHONPATH=src python benchmarks/scorecards_digest.py --save-corpus /tmp/corpus.jsonl
    PYTHONPATH=src python benchmarks/scorecards_digest.py --corpus /tmp/corpus.jsonl --repeat 5
    PYTHONPATH=src python benchmarks/scorecards_digest.py --corpus /tmp/corpus.jsonl --repeat 5 --assess

The default set's digest, before and after the scoring speed-up of issue 7 (the same scorecards):
    639c6161fa8815e2308eb7d7734de6b684b4ad1da254469eaf0ec5bb204ff72b  832 calls
(it was 064e202a... before the recogniser changed: the digest is of the corpus's scorecards, so a
corpus played by another engine or recogniser has its own.)

The corpus: every bot plays `--seeds` calls of every shipped scenario; so do explore's randomised
strategies (with the coverage of the calls before them, as `explore` plays them); and the "noisy
trainee" of events_digest.py says random lines on every scenario. Every call is scored with the
default rubric, and the calls of the first seed once more with every shipped lesson's rubric.
Building the corpus uses the engine and the strategies only, never scoring, so `--save-corpus`
can freeze it: scoring the same saved corpus before and after an edit compares scoring alone,
even while the engine or the strategies change.

The digest is a SHA-256 of every scorecard's JSON (sorted keys) and its plain-text debrief.
Timings are of `score_call` alone, per scored call: with `--repeat R` every call is scored R
times and its fastest time is kept (the machine's noise only ever adds time). `--assess` also
times `assess_call` (what explore grades with: the rules without the scorecard's write-up) the
same way, on the same calls and rubrics, in the same passes, and checks it gives the scorecard's grade.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAX_TURNS = 40  # as explore plays its calls
NOISY_LINES = 30


@dataclass(frozen=True)
class Call:
    """One played call of the corpus: its scenario and its events."""

    scenario: str
    source: str  # the strategy that played it, or "noisy"
    seed: int
    events: list[dict[str, Any]]


def build_corpus(seeds: int) -> list[Call]:
    """Play the corpus's calls (no scoring), in a fixed order."""
    from events_digest import noisy_lines

    from negotiation_sim.bots import STRATEGIES, play_call, strategy_named
    from negotiation_sim.commands.common import known_moves
    from negotiation_sim.content.library import load_library
    from negotiation_sim.engine.session import CallSession
    from negotiation_sim.trainer.coverage import Coverage
    from negotiation_sim.trainer.registry import Context, strategy_specs

    lib = load_library(None, [], known_moves())
    explorers = {name: spec for name, spec in strategy_specs().items() if name not in STRATEGIES}
    calls: list[Call] = []
    for scenario_id in sorted(lib.scenarios):
        scenario = lib.scenarios[scenario_id]
        persona = lib.persona_for(scenario)
        for seed in range(seeds):
            for name in STRATEGIES:
                session = play_call(
                    CallSession(scenario, persona, seed=seed), strategy_named(name, seed), max_turns=MAX_TURNS
                )
                calls.append(Call(scenario_id, name, seed, session.events))
            noisy = CallSession(scenario, persona, seed=seed)
            for line in noisy_lines(random.Random(f"{scenario_id}/{seed}"), NOISY_LINES):
                noisy.say(line)
            noisy.end("digest")
            calls.append(Call(scenario_id, "noisy", seed, noisy.events))
        for k, (name, spec) in enumerate(explorers.items()):
            # one exploration per strategy: later calls of a coverage-reading explorer see earlier ones
            context = Context(scenario, persona, Coverage.for_scenario(scenario, persona))
            for seed in range(seeds):
                strategy = spec.make(seed * 7919 + k, context)
                session = play_call(CallSession(scenario, persona, seed=seed), strategy, max_turns=MAX_TURNS)
                context.coverage.add(session.events)
                calls.append(Call(scenario_id, name, seed, session.events))
    return calls


def save_corpus(calls: list[Call], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for call in calls:
            out.write(json.dumps(call.__dict__, ensure_ascii=False) + "\n")


def load_corpus(path: Path) -> list[Call]:
    with path.open(encoding="utf-8") as source:
        return [Call(**json.loads(line)) for line in source if line.strip()]


@dataclass(frozen=True)
class Result:
    digest: str
    scored: int  # score_call runs per pass: every call, plus the first seed's calls once per lesson
    calls: int
    seconds: list[float]  # the fastest score_call time of each scored call
    assess_seconds: list[float]  # the fastest assess_call time of each scored call (empty unless asked)


def score_corpus(calls: list[Call], repeat: int = 1, assess: bool = False) -> Result:
    from negotiation_sim.commands.common import known_moves
    from negotiation_sim.content.library import load_library
    from negotiation_sim.scoring import render_debrief, score_call
    from negotiation_sim.scoring.score import assess_call

    lib = load_library(None, [], known_moves())
    rubrics = [lib.lessons[lesson_id].rubric for lesson_id in sorted(lib.lessons)]
    first_seed = min((call.seed for call in calls), default=0)
    jobs: list[tuple[Call, Any]] = [(call, None) for call in calls]  # (call, rubric: None for the default)
    jobs += [(call, rubric) for call in calls if call.seed == first_seed for rubric in rubrics]
    personas = {sid: lib.persona_for(s) for sid, s in lib.scenarios.items()}
    best = [float("inf")] * len(jobs)
    best_assess = [float("inf")] * len(jobs) if assess else []
    digest = ""
    clock = time.perf_counter
    for _ in range(max(1, repeat)):
        h = hashlib.sha256()
        for n, (call, rubric) in enumerate(jobs):
            scenario = lib.scenarios[call.scenario]
            t0 = clock()
            card = score_call(scenario, personas[call.scenario], call.events, rubric)
            best[n] = min(best[n], clock() - t0)
            if assess:
                t0 = clock()
                a = assess_call(scenario, personas[call.scenario], call.events, rubric)
                best_assess[n] = min(best_assess[n], clock() - t0)
                if (a.grade.overall, a.grade.passed) != (card.overall, card.passed):
                    raise SystemExit(f"assess_call's grade is not the scorecard's ({call.scenario}, {call.source})")
            h.update(json.dumps(card.to_dict(), sort_keys=True).encode("utf-8"))
            h.update(b"\n")
            h.update(render_debrief(card).encode("utf-8"))
            h.update(b"\n")
        if digest and h.hexdigest() != digest:
            raise SystemExit("the same corpus scored twice gave different scorecards: scoring is not deterministic")
        digest = h.hexdigest()
    return Result(digest, len(jobs), len(calls), best, best_assess)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=4, help="calls per strategy and scenario (default 4)")
    parser.add_argument("--corpus", type=Path, default=None, help="score this saved corpus instead of playing one")
    parser.add_argument("--save-corpus", type=Path, default=None, help="write the played corpus here (JSON Lines)")
    parser.add_argument("--repeat", type=int, default=3, help="score every call this many times (default 3)")
    parser.add_argument("--assess", action="store_true", help="also time assess_call (explore's grading)")
    args = parser.parse_args()
    calls = load_corpus(args.corpus) if args.corpus else build_corpus(args.seeds)
    if args.save_corpus:
        save_corpus(calls, args.save_corpus)
    result = score_corpus(calls, args.repeat, args.assess)
    print(f"{result.digest}  {result.scored} calls")
    timed = [("score_call", result.seconds), ("assess_call", result.assess_seconds)]
    for name, seconds in timed:
        if seconds:
            ms = [s * 1000 for s in seconds]
            print(
                f"{name}: median {statistics.median(ms):.3f} ms, mean {statistics.fmean(ms):.3f} ms per call "
                f"({result.calls} played calls, best of {max(1, args.repeat)})"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())

"""`explore` shares calls out in batches to worker processes: the report must be that of playing
every call in order, in one process."""

from __future__ import annotations

import pytest

from negotiation_sim.bots import play_call
from negotiation_sim.content.library import Library
from negotiation_sim.engine.identity import identity_for
from negotiation_sim.engine.session import CallSession
from negotiation_sim.trainer import explore as explore_module
from negotiation_sim.trainer.coverage import Coverage
from negotiation_sim.trainer.explore import explore
from negotiation_sim.trainer.grading import grade
from negotiation_sim.trainer.registry import Context, strategy_specs

# guided reads the coverage of every call before it: put it between two strategies that do not
NAMES = ["random", "guided", "by-the-book"]
RUNS = 5
SEED = 11


def in_order(library: Library) -> tuple[list[list[tuple[float, bool, str, int]]], Coverage]:
    """The plain definition of an exploration: each call of each strategy, one after another.

    Call i uses seed SEED + i and the debtor of the identity pool's slot (SEED + i) mod 32; the
    k-th strategy's call i is seeded SEED * 7919 + k * 104729 + i.
    """
    scenario = library.scenario("first-reminder-fran")
    persona = library.persona_for(scenario)
    specs = strategy_specs()
    coverage = Coverage.for_scenario(scenario, persona)
    context = Context(scenario, persona, coverage)
    out = []
    for k, name in enumerate(NAMES):
        rows = []
        for i in range(RUNS):
            strategy = specs[name].make(SEED * 7919 + k * 104_729 + i, context)
            identity = identity_for(SEED + (SEED + i) % 32, persona.gender)
            session = CallSession(scenario, persona, seed=SEED + i, identity=identity)
            play_call(session, strategy, max_turns=40)
            coverage.add(session.events)
            g = grade(scenario, persona, session.events)
            assert session.outcome is not None
            rows.append((g.overall, g.passed, session.outcome.value, SEED + i))
        out.append(rows)
    return out, coverage


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_batches_and_workers_give_the_report_of_playing_in_order(
    library: Library, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(explore_module, "BATCH", 2)  # several batches per strategy, the last one short
    monkeypatch.setattr(explore_module, "GRADE_BATCH", 2)
    scenario = library.scenario("first-reminder-fran")
    seen: list[tuple[int, int]] = []
    report = explore(
        scenario,
        library.persona_for(scenario),
        runs=RUNS,
        strategies=NAMES,
        seed=SEED,
        jobs=jobs,
        progress=lambda done, total: seen.append((done, total)),
    )
    expected, coverage = in_order(library)
    assert report.timing.jobs == jobs
    assert seen == [(n, 15) for n in range(1, 16)]
    assert [r.spec.name for r in report.strategies] == NAMES
    for result, rows in zip(report.strategies, expected, strict=True):
        assert result.grades == [row[0] for row in rows]  # in call order
        assert result.passes == sum(row[1] for row in rows)
        assert dict(result.outcomes) == {o: sum(row[2] == o for row in rows) for o in {row[2] for row in rows}}
        # the best call: passing first, then the highest grade, the earliest of equals
        best = max(rows, key=lambda row: (row[1], row[0], -row[3]))
        assert result.best is not None
        assert (result.best.grade, result.best.passed, result.best.outcome, result.best.seed) == (
            best[0],
            best[1],
            best[2],
            best[3],
        )
    assert report.coverage.to_dict() == coverage.to_dict()
    assert report.coverage.calls == 15


def test_a_coverage_is_the_sum_of_its_parts(library: Library) -> None:
    scenario = library.scenario("gym-fee-dispute")
    persona = library.persona_for(scenario)
    whole, first, second = (Coverage.for_scenario(scenario, persona) for _ in range(3))
    make = strategy_specs()["random-any"].make
    for seed in range(6):
        session = play_call(CallSession(scenario, persona, seed=seed), make(seed, Context(scenario, persona, whole)))
        whole.add(session.events)
        (first if seed < 3 else second).add(session.events)
    total = Coverage.for_scenario(scenario, persona)
    total.absorb(second.tally())
    total.absorb(first.tally())
    assert total.to_dict() == whole.to_dict()
    assert total.calls == 6 and sum(total.lines.values()) > 6

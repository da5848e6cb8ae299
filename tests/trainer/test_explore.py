"""`explore`: many headless calls per strategy, with grades, coverage and warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiation_sim.cli import main
from negotiation_sim.content.library import Library, content_dirs, load_library
from negotiation_sim.engine import events as ev
from negotiation_sim.engine.session import CallSession
from negotiation_sim.trainer.explore import explore, warnings
from negotiation_sim.trainer.registry import strategy_specs

from ..conftest import FIXTURES, ROOT

UNWINNABLE = FIXTURES / "trainer" / "unwinnable"
SHIPPED = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
# Calls per strategy for the shipped-library check: enough for the guided explorer to reach
# every line variant, reveal and rule of every shipped scenario.
RUNS = 25
CONTENT_WARNINGS = {
    "unwinnable",
    "too-easy",
    "never-fires",
    "unreached-stage",
    "unreached-line",
    "unreached-variant",
    "unreached-reveal",
    "unreached-rule",
}


@pytest.fixture(scope="module")
def fixture_lib() -> Library:
    lib = load_library(content_dirs([UNWINNABLE]))
    assert not lib.problems, lib.problems
    return lib


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_shipped_scenario_is_winnable_fair_and_fully_reached(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    report = explore(scenario, library.persona_for(scenario), runs=RUNS)
    passing = [r.spec.name for r in report.strategies if r.passes]
    assert passing, f"no strategy passes {scenario_id}"
    assert "by-the-book" in passing
    problems = [str(w) for w in report.warnings if w.kind in CONTENT_WARNINGS]
    assert not problems, "\n".join(problems)
    assert not report.coverage.unmatched, f"lines that match no variant: {dict(report.coverage.unmatched)}"


def test_unwinnable_fixture_warns_unwinnable(fixture_lib: Library) -> None:
    scenario = fixture_lib.scenario("unwinnable-floor")
    report = explore(scenario, fixture_lib.persona_for(scenario), runs=4)
    unwinnable = [w.message for w in report.warnings if w.kind == "unwinnable"]
    assert unwinnable and "above anything fixture-stretched can ever pay" in unwinnable[0]
    # and indeed no call of any strategy reached the floor: no agreement of $4,500 or more
    for r in report.strategies:
        assert r.best is not None
        assert all(e["terms"]["total"] < 4500 for e in r.best.events if e["type"] == ev.AGREEMENT)


def test_cli_explore_unwinnable_text_and_strict_exit(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--content", str(UNWINNABLE), "explore", "unwinnable-floor", "--runs", "2", "--strict"])
    out = capsys.readouterr().out
    assert code == 1
    assert "warning: unwinnable: the settlement floor $4,500" in out
    assert "STRATEGY" in out and "by-the-book" in out and "Coverage over 14 calls" in out


def test_cli_json_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    best = tmp_path / "best.jsonl"
    code = main(
        [
            "explore",
            "first-reminder-fran",
            "--runs",
            "3",
            "--json",
            "--strategy",
            "by-the-book",
            "--strategy",
            "aggressive",
            "--best",
            str(best),
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["calls"] == 6 and [s["name"] for s in data["strategies"]] == ["by-the-book", "aggressive"]
    book, aggressive = data["strategies"]
    assert book["passed"] == 3 and aggressive["passed"] == 0
    assert book["grade"]["min"] <= book["grade"]["median"] <= book["grade"]["max"]
    assert sum(aggressive["outcomes"].values()) == 3 and aggressive["outcomes"]["hung_up"] == 3
    assert book["best"]["transcript"][0]["speaker"] == "debtor"  # the debtor answers the phone
    assert data["best_strategy"] == "by-the-book"
    assert data["coverage"]["stages"]["opening"] == 6 == data["coverage"]["stages"]["closed"]
    # the best call's events replay exactly
    lib = load_library()
    scenario = lib.scenario("first-reminder-fran")
    events = ev.from_jsonl(best.read_text(encoding="utf-8"))
    CallSession.replay(scenario, lib.persona_for(scenario), events)


def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", "first-reminder-fran", "--strategy", "nope"]) == 2
    assert "unknown strategy 'nope'" in capsys.readouterr().err
    assert main(["explore", "first-reminder-fran", "--runs", "0"]) == 2
    assert main(["explore", "no-such-scenario"]) == 2


def test_same_arguments_give_the_same_report_whatever_the_workers(library: Library) -> None:
    scenario = library.scenario("first-reminder-fran")
    persona = library.persona_for(scenario)

    def stable(jobs: int) -> dict[str, object]:
        data = explore(scenario, persona, runs=3, seed=7, jobs=jobs).to_dict()
        data.pop("timing"), data.pop("seconds"), data.pop("calls_per_second")
        return data

    one = stable(1)
    assert one == stable(1)
    assert one == stable(2)
    assert one["seed"] == 7


def test_coverage_counts_add_up(library: Library) -> None:
    scenario = library.scenario("first-reminder-fran")
    report = explore(scenario, library.persona_for(scenario), runs=4, strategies=["random-any", "drift"])
    cov = report.coverage
    assert cov.calls == report.calls == 8
    assert cov.stages["opening"] == cov.stages["closed"] == 8
    into_closed = sum(n for (src, dest, _), n in cov.transitions.items() if dest == "closed")
    assert into_closed == 8
    said = sum(cov.line_keys.values())
    assert said == sum(cov.lines.values()) + sum(cov.unmatched.values())
    assert said >= 8  # at least the answer of every call


def test_careless_strategy_that_passes_is_too_easy(library: Library) -> None:
    scenario = library.scenario("first-reminder-fran")
    report = explore(scenario, library.persona_for(scenario), runs=2, strategies=["pushover", "by-the-book"])
    assert not [w for w in report.warnings if w.kind == "too-easy"]
    pushover = report.strategies[0]
    assert pushover.spec.careless and pushover.passes == 0
    pushover.passes = 1  # as if the scenario let a pushover pass
    assert [w.kind for w in warnings(report)].count("too-easy") == 1


def test_progress_is_reported_for_every_call(library: Library) -> None:
    scenario = library.scenario("first-reminder-fran")
    seen: list[tuple[int, int]] = []
    explore(
        scenario,
        library.persona_for(scenario),
        runs=2,
        strategies=["by-the-book", "random"],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_strategy_names_match_the_help() -> None:
    from negotiation_sim.commands.explore import STRATEGY_NAMES

    names = list(strategy_specs())
    assert names == ["by-the-book", "aggressive", "pushover", "random", "random-any", "drift", "guided"]
    assert tuple(names) == STRATEGY_NAMES
    assert [n for n, s in strategy_specs().items() if s.careless] == ["aggressive", "pushover"]


def test_default_jobs_one_process_for_short_runs_else_one_per_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    from negotiation_sim.commands import explore as command

    monkeypatch.setattr(command.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert command.default_jobs(command.SMALL_RUN - 1) == 1  # workers would start after the work is done
    assert command.default_jobs(1400) == 3
    monkeypatch.setattr(command.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert command.default_jobs(1400) == command.MAX_JOBS


def test_progress_bar_draws_on_one_line_and_clears() -> None:
    import io

    from negotiation_sim.commands.explore import Progress

    out = io.StringIO()
    bar = Progress(out, width=10)
    for done in range(1, 201):
        bar(done, 200)
    text = out.getvalue()
    assert "\n" not in text
    assert text.count("\r[") == 101  # redrawn once per percent (0 to 100), not once per call
    assert "\r[#####-----] 100/200 calls" in text
    assert text.endswith("\r")  # the last frame is wiped so the report starts on a clean line

"""Scenario test files: the YAML model with line-marked errors, the runner, and the shipped tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiation_sim.cli import main
from negotiation_sim.content.library import Library, content_dirs, load_library
from negotiation_sim.trainer.testfile import load_test_file
from negotiation_sim.trainer.testrun import discover, run_files

from ..conftest import FIXTURES, ROOT

UNWINNABLE = FIXTURES / "trainer" / "unwinnable"

SHIPPED_TESTS = sorted((ROOT / "scenarios" / "tests").glob("*.test.yaml"))


def moves() -> frozenset[str]:
    from negotiation_sim.engine.moves import default_recogniser

    return default_recogniser().known_moves()


def write(tmp_path: Path, text: str, name: str = "t.test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_scenario_has_a_test_file(library: Library) -> None:
    tested = {p.name.removesuffix(".test.yaml") for p in SHIPPED_TESTS}
    missing = sorted(set(library.scenarios) - tested)
    assert not missing, f"scenarios without scenarios/tests/<id>.test.yaml: {missing}"
    for path in SHIPPED_TESTS:  # and each file tests the scenario it is named after
        loaded, problems = load_test_file(path, library, moves())
        assert not problems, "\n".join(map(str, problems))
        assert loaded is not None and loaded.model.scenario == path.name.removesuffix(".test.yaml")


@pytest.mark.parametrize("path", SHIPPED_TESTS, ids=lambda p: p.name)
def test_shipped_scenario_tests_pass(library: Library, path: Path) -> None:
    result = run_files([path], library, moves())
    assert not result.problems, "\n".join(map(str, result.problems))
    assert result.cases, "no cases"
    failures = [f"{c.line()}\n  " + "\n  ".join(c.failures) for c in result.cases if not c.passed]
    assert not failures, "\n".join(failures)


def test_discover_finds_only_test_files(tmp_path: Path) -> None:
    (tmp_path / "scenarios" / "tests").mkdir(parents=True)
    write(tmp_path / "scenarios" / "tests", "x", "a.test.yaml")
    write(tmp_path / "scenarios" / "tests", "x", "notes.yaml")
    write(tmp_path / "scenarios", "x", "b.test.yaml")
    assert [p.name for p in discover([tmp_path])] == ["a.test.yaml"]
    assert discover([ROOT]) == SHIPPED_TESTS


# The runner's own tests use the fixture persona, whose lines only these tests depend on.
GOOD = """\
scenario: unwinnable-floor
cases:
  - name: opening
    seed: 99999
    turns:
      - say: Hello, my name is {collector} from {agency}.
        expect_moves: [greet, identify_self]
        expect: {stage: opening, closed: false}
      - say: Am I speaking with {name}?
        expect: {situation: identity_confirmed, mood: tense}
        expect_reply_contains: ["what's this about"]
"""


@pytest.fixture(scope="module")
def fixture_lib() -> Library:
    lib = load_library(content_dirs([UNWINNABLE]))
    assert not lib.problems, lib.problems
    return lib


def test_a_failing_expectation_names_its_line_and_what_happened(fixture_lib: Library, tmp_path: Path) -> None:
    library = fixture_lib
    path = write(tmp_path, GOOD)
    ok = run_files([path], library, moves())
    assert not ok.problems and ok.failed == 0 and ok.cases[0].turns == 2
    broken = GOOD.replace("{stage: opening, closed: false}", "{stage: counter_offer, closed: true}")
    path = write(tmp_path, broken)
    result = run_files([path], library, moves())
    (case,) = result.cases
    assert not case.passed
    assert len(case.failures) == 2
    stage, closed = case.failures
    assert stage.endswith(
        "turn 1 ('Hello, my name is Sam Rivera from Northbridge Rec…'): expected stage counter_offer, got opening"
    )
    assert stage.startswith(f"{case.path}:8:25:")  # where 'counter_offer' is in the file
    assert "expected the call to be closed, it is open" in closed


def test_a_call_that_closes_early_fails_the_lines_left(fixture_lib: Library, tmp_path: Path) -> None:
    library = fixture_lib
    text = GOOD.replace(
        "      - say: Am I speaking",
        "      - say: Pay now or we'll have you arrested.\n      - say: Am I speaking",
    )
    result = run_files([write(tmp_path, text)], library, moves())
    (case,) = result.cases
    assert any(
        "the call closed after turn 2 (hung up" in f and "1 scripted line(s) were never said" in f
        for f in case.failures
    )


def test_final_expectations(fixture_lib: Library, tmp_path: Path) -> None:
    library = fixture_lib
    text = (
        GOOD
        + """\
      - say: Our records show a balance of {balance} for the {delivered}.
    expect_outcome: agreement
    expect_grade: {min: 90}
    expect_passed: true
    expect_finding: false_threat
    expect_no_finding: disclosure_missing
"""
    )
    (case,) = run_files([write(tmp_path, text)], library, moves()).cases
    joined = "\n".join(case.failures)
    assert "expected outcome agreement, got no_agreement" in joined
    assert "expected a grade from 90 to 100, got" in joined
    assert "expected the call to pass, it failed" in joined
    assert "expected finding false_threat in the call" in joined
    assert "finding disclosure_missing in the call, but it should not be there" in joined
    assert case.grade is not None and case.outcome == "no_agreement"


def test_invalid_files_report_every_problem_with_its_place(fixture_lib: Library, tmp_path: Path) -> None:
    library = fixture_lib
    text = """\
scenario: unwinnable-floor
cases:
  - name: broken
    lesson: no-lesson
    turns:
      - say: Hello {nmae}
        expect: {stage: counteroffer}
        expect_moves: [greet, wave]
      - hang_up: true
        say: hi
    expect_grade: {min: 90, max: 10}
    expect_outcom: agreement
"""
    loaded, problems = load_test_file(write(tmp_path, text), library, moves())
    assert loaded is None
    shown = [str(p) for p in problems]
    messages = {str(p).split(":", 3)[3].strip() for p in problems}
    assert any(m.startswith("cases[0].turns[0].say: unknown placeholder '{nmae}'") for m in messages), shown
    assert any(m.startswith("cases[0].turns[0].expect.stage: Input should be") for m in messages), shown
    assert "cases[0].turns[1]: give either 'say: ...' or 'hang_up: true'" in messages
    assert "cases[0].expect_grade: min (90) is above max (10)" in messages
    assert "cases[0].expect_outcom: unknown key (did you mean 'expect_outcome'?)" in messages
    lines = {str(p).split(":")[1] for p in problems}
    assert {"6", "7", "9", "11", "12"} <= lines
    # schema problems stop the file first; cross references are checked once the shape is right
    crossed = (
        text.replace("Hello {nmae}", "Hello")
        .replace("counteroffer", "counter_offer")
        .replace("        say: hi\n", "")
        .replace("max: 10", "max: 100")
        .replace("expect_outcom", "expect_outcome")
    )
    loaded, problems = load_test_file(write(tmp_path, crossed), library, moves())
    assert sorted(str(p).split(":", 3)[3].strip() for p in problems) == [
        "cases[0].lesson: unknown lesson 'no-lesson'",
        "cases[0].turns[0].expect_moves[1]: unknown move 'wave'",
    ]


def test_cross_references_reveals_and_rules(fixture_lib: Library, tmp_path: Path) -> None:
    library = fixture_lib
    text = (
        GOOD.replace("{stage: opening, closed: false}", "{revealed: no-such-reveal}")
        + "        expect_finding: no_such_rule\n"
    )
    _, problems = load_test_file(write(tmp_path, text), library, moves())
    messages = [str(p) for p in problems]
    assert any(":8:" in m and "persona fixture-stretched has no reveal 'no-such-reveal'" in m for m in messages)
    assert any("unknown compliance rule 'no_such_rule'" in m for m in messages)
    unknown_scenario = GOOD.replace("scenario: unwinnable-floor", "scenario: unwinnable-flor")
    _, problems = load_test_file(write(tmp_path, unknown_scenario), library, moves())
    assert [p.message for p in problems] == [
        "scenario: unknown scenario 'unwinnable-flor' (did you mean 'unwinnable-floor'?)"
    ]


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, GOOD, "good.test.yaml")
    content = ["--content", str(UNWINNABLE)]
    assert main([*content, "test", str(good)]) == 0
    assert "PASS" in capsys.readouterr().out
    bad = write(tmp_path, GOOD.replace("stage: opening", "stage: reminder"), "bad.test.yaml")
    assert main([*content, "test", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.count("PASS") == 1 and out.count("FAIL") == 1 and "1 passed, 1 failed (2 files)." in out
    invalid = write(tmp_path, "scenario: [", "invalid.test.yaml")
    assert main([*content, "test", str(invalid)]) == 2
    assert "YAML error" in capsys.readouterr().err
    assert main([*content, "test", str(tmp_path / "missing.test.yaml")]) == 2
    assert main([*content, "test", "-q", str(good)]) == 0
    assert "PASS" not in capsys.readouterr().out


def test_cli_runs_the_shipped_tests_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "-q"]) == 0
    out = capsys.readouterr().out
    assert f"({len(SHIPPED_TESTS)} file{'s' if len(SHIPPED_TESTS) != 1 else ''})" in out and " 0 failed" in out

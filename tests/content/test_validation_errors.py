"""`negotiation-sim validate`: every kind of mistake gives one precise `path:line:col: message` line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from negotiation_sim.cli import main

from ..conftest import ROOT

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")
FRAN = (ROOT / "personas" / "forgetful-fran.yaml").read_text(encoding="utf-8")
SCENARIO = (ROOT / "scenarios" / "first-reminder-fran.yaml").read_text(encoding="utf-8")
LESSON = """\
id: tiny-lesson
title: Tiny
summary: One call.
objectives: [Practise]
calls:
  - {scenario: first-reminder-fran, seed: 1}
"""


def _persona(text: str) -> str:
    return text.replace("id: forgetful-fran", "id: copy-of-fran")


def _scenario(text: str) -> str:
    return text.replace("id: first-reminder-fran", "id: copy-of-scenario")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# (name, folder, file text, expected message fragment, the text that should be on the reported line)
CASES = [
    (
        "wrong type",
        "personas",
        _persona(FRAN).replace("lump_sum_capacity: 1400", "lump_sum_capacity: lots"),
        "finances.lump_sum_capacity",
        "lump_sum_capacity: lots",
    ),
    (
        "missing key",
        "personas",
        _persona(FRAN).replace("  true_reason: She moved house and the statements went to her old address.\n", ""),
        "missing required key 'true_reason'",
        "finances:",
    ),
    (
        "unknown key with a hint",
        "personas",
        _persona(FRAN).replace("temperament:", "tempermant:"),
        "did you mean 'temperament'",
        "tempermant:",
    ),
    (
        "bad reference",
        "scenarios",
        _scenario(SCENARIO).replace("persona: forgetful-fran", "persona: forgetfull-fran"),
        "unknown persona 'forgetfull-fran' (did you mean 'forgetful-fran'?)",
        "persona: forgetfull-fran",
    ),
    ("YAML syntax error", "personas", "id: broken\nname: [unclosed\nsummary: x\n", "YAML error", None),
    ("python object tag", "personas", "id: !!python/object/apply:os.system ['echo hi']\n", "tag not allowed", None),
    (
        "out of range",
        "personas",
        _persona(FRAN).replace("stress: 25}", "stress: 250}"),
        "temperament.stress: Input should be less than or equal to 100",
        "temperament:",
    ),
    ("duplicate id", "personas", FRAN, "duplicate persona id 'forgetful-fran'", "id: forgetful-fran"),
    (
        "unknown move",
        "personas",
        _persona(FRAN).replace("  remind: {trust: 6, stress: -4}", "  remnid: {trust: 6}"),
        "unknown move 'remnid' (did you mean 'remind'?)",
        "remnid:",
    ),
    (
        "lesson names a missing scenario",
        "lessons",
        LESSON.replace("first-reminder-fran", "no-such-scenario"),
        "unknown scenario 'no-such-scenario'",
        "no-such-scenario",
    ),
    (
        "bad date",
        "scenarios",
        _scenario(SCENARIO).replace("due_date: 2026-10-01", "due_date: 1st of October"),
        "is not a date like",
        "due_date:",
    ),
    (
        "unknown placeholder",
        "personas",
        _persona(FRAN).replace("Hello, this is {first_name}.", "Hello, {frist_name}."),
        "unknown placeholder '{frist_name}' (did you mean '{first_name}'?)",
        "{frist_name}",
    ),
    (
        "missing required lines",
        "personas",
        _persona(FRAN).replace("  goodbye:\n", "  goodbyes:\n"),
        "unknown line situation 'goodbyes' (did you mean 'goodbye'?)",
        None,
    ),
    (
        "weights that do not add up",
        "lessons",
        LESSON + "rubric:\n  weights: {traits: 0.9, tips: 0.5, outcome: 0, compliance: 0}\n",
        "weights must add up to 1.0",
        "weights:",
    ),
    ("empty file", "personas", "", "file is empty", None),
    (
        "bad clock time",
        "scenarios",
        _scenario(SCENARIO).replace('local_time: "10:15"', 'local_time: "25:99"'),
        "is not a time like 14:30",
        "local_time:",
    ),
    ("a list instead of a mapping", "lessons", "- id: x\n", "expected a mapping", None),
    (
        "a condition that can never hold",
        "personas",
        _persona(FRAN).replace(
            "when: {move: acknowledge, trust_at_least: 60}",
            "when: {move: acknowledge, trust_at_least: 60, trust_below: 40}",
        ),
        "can never hold",
        "trust_below: 40",
    ),
    (
        "an alias bomb",
        "personas",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
        "too many values",
        None,
    ),
]


@pytest.mark.parametrize(("name", "folder", "text", "expected", "on_line"), CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_one_precise_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    folder: str,
    text: str,
    expected: str,
    on_line: str | None,
) -> None:
    target = tmp_path / folder / "broken.yaml"
    target.parent.mkdir()
    target.write_text(text, encoding="utf-8")
    code = main(["validate", str(target)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "no problem reported"
    for line in lines:
        assert LINE.match(line), f"not a path:line:col line: {line!r}"
    hits = [LINE.match(line) for line in lines if expected in line]
    assert hits, f"{expected!r} not in:\n{err}"
    match = hits[0]
    assert match is not None
    assert match["path"].endswith("broken.yaml")
    if on_line is not None:
        assert int(match["line"]) == _line_of(text, on_line), err


def test_all_problems_in_a_run_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "one.yaml").write_text(_persona(FRAN).replace("temperament:", "tempermant:"))
    (tmp_path / "personas" / "two.yaml").write_text(
        _persona(FRAN)
        .replace("copy-of-fran", "other")
        .replace("stress: 25}", "stress: 250}")
        .replace("lump_sum_capacity: 1400", "lump_sum_capacity: lots")
    )
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "one.yaml" in err and "two.yaml" in err
    assert err.count("two.yaml") == 2


def test_clean_content_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "OK" in capsys.readouterr().out


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "does/not/exist.yaml"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_shipped_content_files_parse_with_the_safe_loader_only() -> None:
    for path in ROOT.glob("*/*.yaml"):
        if path.parent.name in ("scenarios", "personas", "lessons"):
            yaml.safe_load(path.read_text(encoding="utf-8"))

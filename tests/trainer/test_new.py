"""`new`: complete, commented starting files that validate as written, and never overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from negotiation_sim.cli import main
from negotiation_sim.content.library import content_dirs, load_library
from negotiation_sim.content.persona import REQUIRED_LINES, Persona
from negotiation_sim.trainer import templates


def new(tmp_path: Path, *args: str) -> int:
    return main(["--content", str(tmp_path), "new", *args, "--out", str(tmp_path)])


def test_new_files_validate_unchanged_and_play(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "persona", "stretched-sam") == 0
    assert new(tmp_path, "scenario", "sam-first-call", "--persona", "stretched-sam") == 0
    assert (
        new(
            tmp_path,
            "lesson",
            "sam-lesson",
            "--scenario",
            "sam-first-call",
            "--scenario",
            "first-reminder-fran",
        )
        == 0
    )
    assert new(tmp_path, "test", "sam-first-call") == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml"))
    assert written == [
        "lessons/sam-lesson.yaml",
        "personas/stretched-sam.yaml",
        "scenarios/sam-first-call.yaml",
        "scenarios/tests/sam-first-call.test.yaml",
    ]
    capsys.readouterr()
    assert main(["--content", str(tmp_path), "validate"]) == 0
    assert "OK:" in capsys.readouterr().out
    lib = load_library(content_dirs([tmp_path]))
    assert not lib.problems
    assert lib.scenarios["sam-first-call"].persona == "stretched-sam"
    assert [c.scenario for c in lib.lessons["sam-lesson"].calls] == ["sam-first-call", "first-reminder-fran"]
    # the new scenario test runs and passes against the new scenario
    assert main(["--content", str(tmp_path), "test", str(tmp_path / "scenarios/tests/sam-first-call.test.yaml")]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out
    # and the new scenario is winnable: the by-the-book bot passes it
    assert (
        main(
            [
                "--content",
                str(tmp_path),
                "explore",
                "sam-first-call",
                "--runs",
                "2",
                "--strategy",
                "by-the-book",
                "--json",
            ]
        )
        == 0
    )
    assert '"passed": 2' in capsys.readouterr().out


def test_new_persona_has_every_required_line_with_three_variants() -> None:
    data = yaml.safe_load(templates.persona_text("someone-new"))
    persona = Persona.model_validate(data)
    assert set(REQUIRED_LINES) <= set(persona.lines)
    for key, line_set in persona.lines.items():
        lists = line_set.values() if isinstance(line_set, dict) else [line_set]
        for variants in lists:
            assert len(variants) >= 3, key
    text = templates.persona_text("someone-new")
    assert text.count("\n#") >= 10  # commented for the trainer


def test_defaults_pick_existing_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "scenario", "plain-one", "--out", str(tmp_path)]) == 0
    lib = load_library()
    text = (tmp_path / "scenarios" / "plain-one.yaml").read_text(encoding="utf-8")
    persona = yaml.safe_load(text)["persona"]
    assert persona == min(lib.personas)
    assert main(["new", "lesson", "plain-lesson", "--out", str(tmp_path)]) == 0
    lib = load_library(content_dirs([tmp_path]))  # the new scenario in --out counts as existing
    calls = yaml.safe_load((tmp_path / "lessons" / "plain-lesson.yaml").read_text(encoding="utf-8"))["calls"]
    assert len(calls) == 3 and all(c["scenario"] in lib.scenarios for c in calls)
    assert all(c["seed"] == lib.scenarios[c["scenario"]].seed for c in calls)


def test_out_dir_may_be_the_kind_folder(tmp_path: Path) -> None:
    personas = tmp_path / "personas"
    assert main(["new", "persona", "folder-test", "--out", str(personas)]) == 0
    assert (personas / "folder-test.yaml").is_file()


def test_refuses_to_overwrite_or_duplicate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "persona", "only-once") == 0
    before = (tmp_path / "personas" / "only-once.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert new(tmp_path, "persona", "only-once") == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert (tmp_path / "personas" / "only-once.yaml").read_text(encoding="utf-8") == before
    # an id already used elsewhere in the library is refused too, even at a new path
    assert main(["new", "persona", "forgetful-fran", "--out", str(tmp_path)]) == 1
    assert "a persona with id 'forgetful-fran' already exists" in capsys.readouterr().err


def test_bad_ids_and_references(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "persona", "Bad Id") == 2
    assert "not a valid id" in capsys.readouterr().err
    assert new(tmp_path, "scenario", "x-call", "--persona", "forgetful-frann") == 2
    assert "unknown persona 'forgetful-frann' (did you mean 'forgetful-fran'?)" in capsys.readouterr().err
    assert new(tmp_path, "lesson", "x-lesson", "--scenario", "nope") == 2
    assert new(tmp_path, "test", "no-such-scenario") == 2
    assert not list(tmp_path.rglob("*.yaml"))

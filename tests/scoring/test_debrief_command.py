"""`negotiation-sim debrief TRANSCRIPT.jsonl` reproduces exactly what `play --plain` scored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from negotiation_sim.cli import main
from negotiation_sim.engine import events as ev

from ..conftest import ROOT

CALL = """\
Hello, good morning. My name is Sam Rivera and I'm calling from Northbridge Recovery.
Am I speaking with the account holder? Could you confirm your date of birth for me?
This is an attempt to collect a debt and any information obtained will be used for that purpose.
Our records show a balance of $1,250 for the laptop delivered in August, which was due on October 1st.
Can you tell me what happened?
I understand, that sounds stressful.
What could you offer towards the balance?
Let me take a moment to review that.
I can accept that.
Could you make a good-faith payment of $100 today?
I'll send you written confirmation of these terms today. Thank you, goodbye.
"""


def _run(*args: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "negotiation_sim", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("played")
    result = _run(
        "play",
        "first-reminder-fran",
        "--plain",
        "--seed",
        "3",
        "--transcript",
        "call.jsonl",
        "--scorecard",
        "card.json",
        stdin=CALL,
        cwd=tmp,
    )
    assert result.returncode == 0, result.stderr
    return tmp, result.stdout


def test_debrief_json_is_byte_for_byte_the_scorecard_play_wrote(played: tuple[Path, str]) -> None:
    tmp, _ = played
    result = _run("debrief", "call.jsonl", "--json", cwd=tmp)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (tmp / "card.json").read_text(encoding="utf-8")
    card = json.loads(result.stdout)
    assert card["schema_version"] == 1 and card["scenario"] == "first-reminder-fran"
    assert card["events_hash"] == ev.events_hash(ev.from_jsonl((tmp / "call.jsonl").read_text(encoding="utf-8")))


def test_debrief_prints_the_same_debrief_as_the_end_of_the_call(played: tuple[Path, str]) -> None:
    tmp, play_out = played
    result = _run("debrief", "call.jsonl", cwd=tmp)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("DEBRIEF - A first reminder that gets forgotten")
    assert play_out.endswith(result.stdout)
    assert "TRY NEXT TIME" in result.stdout


def test_scorecard_json_is_an_alias_and_cli_main_works_in_process(
    played: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    tmp, _ = played
    assert main(["debrief", str(tmp / "call.jsonl"), "--scorecard-json"]) == 0
    assert capsys.readouterr().out == (tmp / "card.json").read_text(encoding="utf-8")


def test_a_lesson_rubric_can_grade_the_call(played: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    tmp, _ = played
    assert main(["debrief", str(tmp / "call.jsonl"), "--json", "--lesson", "no-such-lesson"]) == 2
    assert "no-such-lesson" in capsys.readouterr().err


START = (
    '{"i": 0, "turn": 0, "type": "call_started", "scenario": "first-reminder-fran", '
    '"persona": "forgetful-fran", "seed": 3, "context": {}, "account": {}}\n'
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("", "not a call transcript"),
        ("not json\n", "not JSON"),
        ('{"i": 0, "turn": 0, "type": "debtor_said"}\n', "not a call transcript"),
        ('{"i": 3, "turn": 0, "type": "call_started"}\n', "not a call transcript"),
        ("[1, 2]\n", "not a call transcript"),
        (START.replace("first-reminder-fran", "nope"), "not in the library"),
        (START.replace("forgetful-fran", "x"), "persona 'x'"),
        (
            START + '{"i": 1, "turn": 1, "type": "trainee_said", "text": "Hi."}\n',
            ":2: a trainee_said event without",
        ),
        (START.replace('"seed": 3, ', ""), ":1: a call_started event without seed"),
    ],
)
def test_a_bad_transcript_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["debrief", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err, err


def test_a_bad_transcript_through_a_subprocess_exits_1_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    result = _run("debrief", "bad.jsonl", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("negotiation-sim: bad.jsonl:1: not JSON") and result.stderr.count("\n") == 1


def test_a_call_on_a_scenario_from_another_content_folder(tmp_path: Path) -> None:
    folder = tmp_path / "course" / "scenarios"
    folder.mkdir(parents=True)
    text = (ROOT / "scenarios" / "first-reminder-fran.yaml").read_text(encoding="utf-8")
    (folder / "course-call.yaml").write_text(text.replace("id: first-reminder-fran", "id: course-call"), "utf-8")
    course = str(tmp_path / "course")
    played = _run(
        "--content",
        course,
        "play",
        "course-call",
        "--plain",
        "--transcript",
        "c.jsonl",
        "--scorecard",
        "c.json",
        "--quiet",
        stdin=CALL,
        cwd=tmp_path,
    )
    assert played.returncode == 0, played.stderr
    missing = _run("debrief", "c.jsonl", cwd=tmp_path)
    assert missing.returncode == 1 and "course-call" in missing.stderr
    after = _run("debrief", "c.jsonl", "--json", "--content", course, cwd=tmp_path)
    before = _run("--content", course, "debrief", "c.jsonl", "--json", cwd=tmp_path)
    assert after.returncode == before.returncode == 0, after.stderr + before.stderr
    assert after.stdout == before.stdout == (tmp_path / "c.json").read_text(encoding="utf-8")

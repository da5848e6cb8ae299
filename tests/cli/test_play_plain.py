"""`negotiation-sim play --plain`: a whole call through a pipe, reproducible byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def _play(tmp: Path, name: str, seed: int = 3, stdin: str = CALL, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "negotiation_sim",
            "play",
            "first-reminder-fran",
            "--plain",
            "--seed",
            str(seed),
            "--transcript",
            str(tmp / f"{name}.jsonl"),
            "--scorecard",
            str(tmp / f"{name}.json"),
            *extra,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,
        timeout=120,
    )


def test_a_piped_call_plays_to_a_close_and_writes_its_files(tmp_path: Path) -> None:
    result = _play(tmp_path, "one")
    assert result.returncode == 0, result.stderr
    events = ev.from_jsonl((tmp_path / "one.jsonl").read_text(encoding="utf-8"))
    assert events[-1]["type"] == ev.CALL_CLOSED
    assert events[-1]["outcome"] == "agreement"
    said = [e for e in events if e["type"] == ev.TRAINEE_SAID]
    assert len(said) == len(CALL.splitlines())
    card = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert card["schema_version"] == 1
    assert card["outcome"]["call_outcome"] == "agreement"
    # every debtor line the trainee saw is in the transcript, in order
    spoken = [e["text"] for e in events if e["type"] == ev.DEBTOR_SAID]
    positions = [result.stdout.index(text) for text in spoken]
    assert positions == sorted(positions)
    assert "heard as: greet, identify_self" in result.stdout


def test_same_seed_and_input_give_the_same_transcript_bytes(tmp_path: Path) -> None:
    assert _play(tmp_path, "a").returncode == 0
    assert _play(tmp_path, "b").returncode == 0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_different_seed_gives_a_different_call(tmp_path: Path) -> None:
    assert _play(tmp_path, "a", seed=3).returncode == 0
    assert _play(tmp_path, "b", seed=4).returncode == 0
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "b.jsonl").read_bytes()


def test_input_ending_early_hangs_up_and_still_writes_the_transcript(tmp_path: Path) -> None:
    result = _play(tmp_path, "short", 3, "Hello, this is Sam from Northbridge Recovery.\n")
    assert result.returncode == 0, result.stderr
    events = ev.from_jsonl((tmp_path / "short.jsonl").read_text(encoding="utf-8"))
    assert [e["type"] for e in events[-3:]] == [ev.COLLECTOR_ENDED, ev.STAGE_CHANGED, ev.CALL_CLOSED]
    assert events[-1]["outcome"] == "no_agreement"


def test_an_unknown_scenario_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "negotiation_sim", "play", "first-remnder-fran", "--plain"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown scenario 'first-remnder-fran' (did you mean 'first-reminder-fran'?)" in result.stderr
    assert "Traceback" not in result.stderr

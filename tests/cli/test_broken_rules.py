"""A broken recogniser rules file stops a command with its path:line:col lines, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from negotiation_sim.cli import main
from negotiation_sim.engine import moves


@pytest.fixture
def broken_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    good = moves.default_rules_path().read_text(encoding="utf-8")
    bad = tmp_path / "moves.yaml"
    bad.write_text(good.replace("  greet:", "  greet: [", 1), encoding="utf-8")
    monkeypatch.setattr(moves, "default_rules_path", lambda: bad)
    moves.default_recogniser.cache_clear()
    yield bad
    moves.default_recogniser.cache_clear()


def test_recognise_with_broken_rules_reports_the_line(broken_rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognise", "hello"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken_rules}:")
    assert "YAML error" in err and "Traceback" not in err

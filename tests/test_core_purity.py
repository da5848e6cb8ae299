"""The core never imports the UI (DESIGN §9) and never reaches for global randomness or the clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "negotiation_sim"
CORE = ["content", "engine", "scoring", "store"]


def _core_modules() -> list[str]:
    found = []
    for layer in CORE:
        for path in sorted((SRC / layer).rglob("*.py")):
            rel = path.relative_to(SRC.parent).with_suffix("")
            found.append(".".join(rel.parts).removesuffix(".__init__"))
    return found


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if any(m.split('.')[0] == 'textual' for m in sys.modules) else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SRC.parents[1])
    assert result.returncode == 0, result.stderr or f"{module} imports textual"


@pytest.mark.parametrize("layer", ["engine", "scoring"])
def test_engine_and_scoring_use_no_clock_and_no_global_random(layer: str) -> None:
    banned_calls = {
        ("random", "random"),
        ("random", "choice"),
        ("random", "randint"),
        ("random", "shuffle"),
        ("random", "seed"),
        ("time", "time"),
        ("datetime", "now"),
        ("date", "today"),
        ("time", "monotonic"),
        ("time", "perf_counter"),
    }
    for path in (SRC / layer).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in banned_calls:
                    pytest.fail(f"{path.name}:{node.lineno} calls {owner.id}.{node.func.attr}()")
            if isinstance(node, ast.Name) and node.id in ("eval", "exec"):
                pytest.fail(f"{path.name}:{node.lineno} uses {node.id}")

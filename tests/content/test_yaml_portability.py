"""Every shipped YAML file reads the same without libyaml.

The loader prefers PyYAML's C parser and falls back to the pure-Python one where libyaml is
missing. The two disagree on some plain scalars (a `?` inside a flow list parses in C only), so a
file that only the C parser accepts would break the app on such a machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from negotiation_sim.content.library import shipped_content_dir
from negotiation_sim.engine.moves import default_rules_path

ROOT = shipped_content_dir()
SHIPPED = sorted(
    [*(p for d in ("personas", "scenarios", "lessons") for p in (ROOT / d).rglob("*.yaml")), default_rules_path()]
)


def test_the_shipped_files_are_all_here() -> None:
    kinds = {p.parent.name for p in SHIPPED}
    assert {"personas", "scenarios", "lessons", "tests", "recogniser"} <= kinds


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_pure_python_parser_reads_what_libyaml_reads(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    if hasattr(yaml, "CSafeLoader"):
        assert pure == yaml.load(text, Loader=yaml.CSafeLoader)

"""Content fuzzing with a fixed set of seeds: broken YAML gives clean `path:line:col` problems.

Every mutation (deleted keys, wrong types, truncation, random bytes, huge numbers, deep
nesting, alias bombs, ...) is applied to every shipped file; `load_library` must return,
within a time limit, with only one-line `path:line:col: message` problems. The long run is
`scripts/fuzz_content.py`; the mutations live in `benchmarks/fuzzing.py`.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from negotiation_sim.content.library import load_library
from negotiation_sim.content.yamlsource import MAX_DEPTH, parse_yaml

ROOT = Path(__file__).resolve().parents[2]


def _load_fuzzing() -> ModuleType:
    spec = importlib.util.spec_from_file_location("negotiation_fuzzing", ROOT / "benchmarks" / "fuzzing.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzzing = _load_fuzzing()
FILES = fuzzing.shipped_files()


def test_there_is_shipped_content_to_fuzz() -> None:
    kinds = {p.parent.name for p in FILES}
    assert {"scenarios", "personas"} <= kinds
    assert len(FILES) >= 2


def test_the_checker_rejects_what_it_should() -> None:
    """The judge is not vacuous: multi-line, location-less or traceback-like problems fail it."""
    good = ["personas/x.yaml:3:7: lines.answer: unknown key", "C:\\content\\a b.yaml:1:1: file is empty"]
    assert fuzzing.check_problems(good) is None
    for bad in (
        "personas/x.yaml: no line",
        "personas/x.yaml:0:1: line numbers start at 1",
        "personas/x.yaml:3:7: two\nlines",
        "personas/x.yaml:3:7: ",
        'personas/x.yaml:3:7: Traceback (most recent call last): File "a.py"',
        "personas/x.yaml:3:7: <class 'KeyError'> object at 0x7f",
    ):
        assert fuzzing.check_problems([bad]) is not None, bad


@pytest.mark.parametrize("mutation", sorted(fuzzing.MUTATIONS))
def test_every_mutation_of_every_file_fails_cleanly(mutation: str, tmp_path: Path) -> None:
    """Each file is loaded with its partners (a scenario's persona, a persona's scenarios), and
    every scenario that still loads is played by two bots and replayed."""
    failures = []
    broken = 0
    for n, source in enumerate(FILES):
        result = fuzzing.run_case(source, 1000 + n, tmp_path, timeout=10.0, neighbours=False, only=mutation)
        broken += bool(result.problems)
        if result.failure is not None:
            failures.append(result.describe())
    assert not failures, "\n".join(failures)
    # the mutation really breaks things (some are often harmless: many keys are optional, and a
    # brace in a note or an objective is just text, '{{' is a literal brace)
    minimum = len(FILES) // 4 if mutation in ("delete_key", "stray_brace") else len(FILES) * 3 // 4
    assert broken >= minimum, f"{mutation} broke only {broken} of {len(FILES)} files"


def test_chains_of_mutations_beside_the_whole_library(tmp_path: Path) -> None:
    """Mutated files loaded with every other shipped file, so cross-references see them too."""
    failures = fuzzing.run_many(range(24), timeout=10.0, neighbours=True)
    assert not failures, "\n".join(f.describe() for f in failures)


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("id: x\nname: a\x1bb\n", 2, 8, "control characters are not allowed"),
        ("id: x\nname: ééé\x10\n", 2, 10, "control characters are not allowed"),
        ("loop: &x [*x]\n", 1, 1, "refers to the value that contains it"),
        ("a: *nowhere\n", 1, 4, "undefined alias"),
        ("a: [1, 2\n", 2, 1, "YAML error"),
        (
            "id: x\nnested: " + "[" * 300 + "]" * 300 + "\n",
            2,
            None,
            f"nesting deeper than {MAX_DEPTH} levels",
        ),
        ("id: x\nnested:\n  " + "- " * 300 + "x\n", 3, 1, f"nesting deeper than {MAX_DEPTH} levels"),
        ("t: !!python/object:os.system x\n", 1, 4, "tag not allowed"),
    ],
)
def test_problem_positions(text: str, line: int, col: int | None, message: str) -> None:
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None and len(problems) == 1
    p = problems[0]
    assert (p.path, p.line) == ("f.yaml", line)
    assert col is None or p.col == col
    assert message in p.message and "\n" not in p.message


def test_an_alias_bomb_is_refused_not_expanded() -> None:
    levels = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    doc, problems = parse_yaml("\n".join(levels) + "\nboom: *a11\n", "bomb.yaml")
    assert doc is None
    assert [str(p) for p in problems] == ["bomb.yaml:1:1: the document expands to too many values (alias bomb?)"]


def test_shared_aliases_within_the_limit_still_load() -> None:
    doc, problems = parse_yaml("a: &a [1]\nb: &b [*a, *a]\nc: [*b, *b]\n", "ok.yaml")
    assert problems == [] and doc is not None
    assert doc.data["c"] == [[[1], [1]], [[1], [1]]]
    assert doc.marks.at(("c", 1)) == (2, 4)  # an alias points at the anchored value


def test_very_deep_nesting_does_not_crash_the_process() -> None:
    """libyaml's composer recursed until the C stack overflowed (a segfault) at ~25,000 levels."""
    code = (
        "from negotiation_sim.content.yamlsource import parse_yaml\n"
        "for v in ('[' * 60000 + ']' * 60000, '{a: ' * 60000 + '1' + '}' * 60000):\n"
        "    doc, problems = parse_yaml('id: x\\nnested: ' + v + '\\n', 'deep.yaml')\n"
        "    print(problems[0])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(f"nesting deeper than {MAX_DEPTH} levels") == 2


BROKEN = {
    "truncated.yaml": lambda text: text[: len(text) // 3],
    "control.yaml": lambda text: text.replace(":", ":\x1b", 1),
    "bomb.yaml": lambda text: fuzzing.apply("alias_bomb", text, 1),
    "wrong-type.yaml": lambda text: fuzzing.apply("wrong_type", text, 4),
    "bytes.yaml": lambda text: fuzzing.apply("random_bytes", text, 3),
}


def test_validate_command_prints_problems_not_tracebacks(tmp_path: Path) -> None:
    """`negotiation-sim validate BROKEN...` exits 1 with one clean line per problem, in every file."""
    source = next(p for p in FILES if p.parent.name == "personas")
    folder = tmp_path / "personas"
    folder.mkdir()
    targets = []
    for name, breaker in sorted(BROKEN.items()):
        broken = breaker(source.read_text(encoding="utf-8"))
        target = folder / name
        if isinstance(broken, bytes):
            target.write_bytes(broken)
        else:
            target.write_text(broken, encoding="utf-8")
        targets.append(str(target))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "negotiation_sim", "validate", *targets],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.splitlines()
    assert fuzzing.check_problems(lines) is None, lines
    for name in BROKEN:
        assert any(f"{name}:" in line for line in lines), (name, lines)
    assert f"{len(lines)} problem(s) found" in done.stdout


@pytest.mark.parametrize(
    ("source", "old", "new", "message"),
    [
        # a third party's lines were not checked: the call crashed when the line was said
        ("scenarios/roommate-answers.yaml", "        - Hello?\n", '        - "Hello {name?"\n', "bad braces"),
        # a format spec passed the check and failed when the line was said
        (
            "personas/forgetful-fran.yaml",
            "    - Hello, this is {first_name}.\n",
            '    - "Hello, this is {first_name:>{x}}."\n',
            "takes no format",
        ),
    ],
)
def test_broken_placeholders_in_spoken_lines_are_problems(
    source: str, old: str, new: str, message: str, tmp_path: Path
) -> None:
    original = ROOT / source
    text = original.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{source} changed: update this test's line"
    folder = tmp_path / original.parent.name
    folder.mkdir()
    target = folder / original.name
    target.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    lib = load_library([], files=[*fuzzing.partners(original), target])
    problems = [p for p in lib.problems if p.path.endswith(original.name)]
    assert [(p.line, message in p.message) for p in problems] == [(line, True)], [str(p) for p in lib.problems]

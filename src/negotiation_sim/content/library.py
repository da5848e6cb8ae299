"""The content library: every scenario, persona and lesson found in the content folders.

Loading never stops at the first mistake: every problem in every file is collected, so a
trainer fixes a whole batch in one pass.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from .lesson import Lesson
from .persona import Persona
from .problems import ContentError, Problem
from .scenario import Scenario
from .validation import problems_from
from .yamlsource import YamlDoc, read_yaml

Kind = Literal["scenario", "persona", "lesson"]
FOLDERS: dict[str, Kind] = {"scenarios": "scenario", "personas": "persona", "lessons": "lesson"}
MODELS: dict[Kind, type[BaseModel]] = {"scenario": Scenario, "persona": Persona, "lesson": Lesson}
CONTENT_ENV = "NEGOTIATION_SIM_CONTENT"
TEST_SUFFIX = ".test.yaml"
# effects a persona may set besides moves: how being caught out by a request for proof lands
EXTRA_EFFECT_KEYS = frozenset({"proof_exposed"})


def shipped_content_dir() -> Path:
    """The checkout's top folder when run from source, else the copy inside the wheel."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1]
    if (checkout / "scenarios").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return package / "_content"


def content_dirs(extra: Sequence[str | Path] = ()) -> list[Path]:
    dirs = [shipped_content_dir()]
    env = os.environ.get(CONTENT_ENV, "")
    dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    dirs.extend(Path(p) for p in extra)
    unique: list[Path] = []
    for d in dirs:
        if d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def guess_kind(path: Path, data: Any) -> Kind | None:
    for parent in path.parents:
        if parent.name in FOLDERS:
            return FOLDERS[parent.name]
    if isinstance(data, dict):
        if "account" in data or "authority" in data:
            return "scenario"
        if "finances" in data or "lines" in data:
            return "persona"
        if "calls" in data:
            return "lesson"
    return None


def files_in(directory: Path) -> list[Path]:
    found: list[Path] = []
    for folder in FOLDERS:
        sub = directory / folder if directory.name not in FOLDERS else directory
        if sub.is_dir():
            found.extend(
                p for p in sorted(sub.rglob("*.y*ml")) if p.suffix in (".yaml", ".yml") and not is_test_file(p)
            )
        if directory.name in FOLDERS:
            break
    return found


def is_test_file(path: Path) -> bool:
    return path.name.endswith((TEST_SUFFIX, ".test.yml"))


@dataclass
class Entry:
    kind: Kind
    model: Any
    doc: YamlDoc
    path: Path


@dataclass
class Library:
    personas: dict[str, Persona] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    entries: dict[tuple[Kind, str], Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    resolved: dict[str, Persona] = field(default_factory=dict)

    def scenario(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise KeyError(_unknown("scenario", scenario_id, self.scenarios)) from None

    def lesson(self, lesson_id: str) -> Lesson:
        try:
            return self.lessons[lesson_id]
        except KeyError:
            raise KeyError(_unknown("lesson", lesson_id, self.lessons)) from None

    def persona_for(self, scenario: Scenario) -> Persona:
        """The scenario's persona with the scenario's overrides applied."""
        return self.resolved.get(scenario.id) or self.personas[scenario.persona]

    def source(self, kind: Kind, content_id: str) -> Path | None:
        entry = self.entries.get((kind, content_id))
        return entry.path if entry else None

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def _unknown(kind: str, wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind} '{wanted}'{hint}"


def load_library(
    dirs: Sequence[Path] | None = None,
    files: Sequence[Path] = (),
    known_moves: frozenset[str] | None = None,
) -> Library:
    """Load every content file under `dirs` plus `files`, collecting every problem."""
    lib = Library()
    paths: list[Path] = []
    for d in dirs if dirs is not None else content_dirs():
        paths.extend(files_in(d))
    paths.extend(files)
    seen_paths: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen_paths:
            continue
        seen_paths.add(key)
        _load_file(lib, path)
    _cross_check(lib, known_moves)
    return lib


def _load_file(lib: Library, path: Path) -> None:
    doc, problems = read_yaml(path, _display(path))
    lib.problems.extend(problems)
    if doc is None:
        return
    if not isinstance(doc.data, dict):
        lib.problems.append(doc.problem((), "expected a mapping of keys at the top of the file"))
        return
    kind = guess_kind(path, doc.data)
    if kind is None:
        lib.problems.append(
            doc.problem(
                (),
                "cannot tell whether this is a scenario, persona or lesson; put it in one of "
                "the folders scenarios/, personas/ or lessons/",
            )
        )
        return
    model_cls = MODELS[kind]
    try:
        model = model_cls.model_validate(doc.data)
    except ValidationError as exc:
        lib.problems.extend(problems_from(exc, doc, model_cls))
        return
    content_id: str = model.id  # type: ignore[attr-defined]
    if (kind, content_id) in lib.entries:
        first = lib.entries[(kind, content_id)]
        lib.problems.append(doc.problem(("id",), f"duplicate {kind} id '{content_id}' (also in {first.doc.path})"))
        return
    lib.entries[(kind, content_id)] = Entry(kind, model, doc, path)
    getattr(lib, kind + "s")[content_id] = model


def deep_merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _cross_check(lib: Library, known_moves: frozenset[str] | None) -> None:
    for scenario_id, scenario in lib.scenarios.items():
        entry = lib.entries[("scenario", scenario_id)]
        if scenario.persona not in lib.personas:
            lib.problems.append(entry.doc.problem(("persona",), _unknown("persona", scenario.persona, lib.personas)))
            continue
        persona = lib.personas[scenario.persona]
        if scenario.persona_overrides:
            base = lib.entries[("persona", scenario.persona)].doc.data
            try:
                persona = Persona.model_validate(deep_merge(base, scenario.persona_overrides))
            except ValidationError as exc:
                for problem in problems_from(exc, entry.doc, Persona, base=("persona_overrides",)):
                    lib.problems.append(problem)
                continue
            lib.resolved[scenario_id] = persona
        _check_winnable_shape(lib, scenario, persona, entry)
    for lesson_id, lesson in lib.lessons.items():
        entry = lib.entries[("lesson", lesson_id)]
        for i, call in enumerate(lesson.calls):
            if call.scenario not in lib.scenarios:
                lib.problems.append(
                    entry.doc.problem(("calls", i, "scenario"), _unknown("scenario", call.scenario, lib.scenarios))
                )
    if known_moves is not None:
        for persona_id, persona in lib.personas.items():
            entry = lib.entries[("persona", persona_id)]
            for move in persona.moves_named():
                if move not in known_moves and move not in EXTRA_EFFECT_KEYS:
                    loc = _find_value(entry.doc, move)
                    lib.problems.append(entry.doc.problem(loc, _unknown("move", move, known_moves)))


def _check_winnable_shape(lib: Library, scenario: Scenario, persona: Persona, entry: Entry) -> None:
    if scenario.account.balance > scenario.account.original_balance * 3:
        lib.problems.append(
            entry.doc.problem(("account", "balance"), "balance is more than three times the original balance")
        )


def _find_value(doc: YamlDoc, value: str) -> tuple[str | int, ...]:
    """The first place in the document where a move name appears, as a key or a value."""

    def walk(node: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == value:
                    return (*loc, k)
                hit = walk(v, (*loc, k))
                if hit is not None:
                    return hit
        elif isinstance(node, list):
            for i, v in enumerate(node):
                hit = walk(v, (*loc, i))
                if hit is not None:
                    return hit
        elif node == value:
            return loc
        return None

    return walk(doc.data, ()) or ()

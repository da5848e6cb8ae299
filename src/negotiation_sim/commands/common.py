"""Helpers the commands share: loading the library and reporting content problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..content.library import Library, content_dirs, load_library
from ..content.problems import Problem


def known_moves() -> frozenset[str]:
    from ..engine.moves import default_recogniser

    return default_recogniser().known_moves()


def library_from(args: argparse.Namespace, *, files: list[Path] | None = None) -> Library:
    """The library named by --content; any problem is printed and stops the command."""
    from ..cli import CommandError

    lib = load_library(content_dirs(getattr(args, "content", []) or []), files or [], known_moves())
    if lib.problems:
        print_problems(lib.problems)
        raise CommandError(f"{len(lib.problems)} problem(s) in the content; fix them or run 'negotiation-sim validate'")
    return lib


def print_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        print(problem, file=sys.stderr)


def lookup(lib: Library, kind: str, wanted: str) -> Any:
    from ..cli import CommandError

    try:
        return lib.scenario(wanted) if kind == "scenario" else lib.lesson(wanted)
    except KeyError as exc:
        raise CommandError(str(exc.args[0]), 2) from None


def write_text(path: str, text: str) -> None:
    from ..cli import CommandError

    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None

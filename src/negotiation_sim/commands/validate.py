"""`negotiation-sim validate [PATH ...]`: check content files, every problem on its own line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..content.library import content_dirs, files_in, load_library
from .common import known_moves, print_problems


def register(sub: Any) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario, persona and lesson files",
        description="Check content files: schema, types, ranges, unknown keys, duplicate ids and cross "
        "references. Prints one 'path:line:col: message' line per problem. Exit 0 when clean, "
        "1 when problems were found, 2 on usage errors.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: every content folder)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError

    dirs = content_dirs(args.content)
    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            found = files_in(path)
            if not found:
                raise CommandError(f"{raw}: no scenarios/, personas/ or lessons/ YAML files here", 2)
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder", 2)
    lib = load_library(dirs, files, known_moves())
    if lib.problems:
        print_problems(lib.problems)
        print(f"{len(lib.problems)} problem(s) found.")
        return 1
    counted = f"{len(lib.scenarios)} scenarios, {len(lib.personas)} personas, {len(lib.lessons)} lessons"
    print(f"OK: {counted} valid.")
    return 0

"""`negotiation-sim new scenario|persona|lesson|test ID`: write a complete, commented starting file."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from ..content.library import FOLDERS, content_dirs, load_library
from .common import known_moves, print_problems

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
KINDS = ("scenario", "persona", "lesson", "test")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "new",
        help="write a new scenario, persona, lesson or scenario test to start from",
        description="Write a complete, commented starting file that passes 'validate' as it is. A persona "
        "is a playable debtor; a scenario uses an existing persona (--persona); a lesson lists existing "
        "scenarios (--scenario, repeatable); a test scripts a call of an existing scenario (ID is the "
        "scenario's id). Files go to DIR/personas/, DIR/scenarios/, DIR/lessons/ or DIR/scenarios/tests/. "
        "Never overwrites.",
    )
    p.add_argument("kind", choices=KINDS, help="what to create")
    p.add_argument("id", metavar="ID", help="the new id: lower-case letters, digits, '-' and '_'")
    p.add_argument("--out", metavar="DIR", default=".", help="content folder to write into (default: current folder)")
    p.add_argument("--persona", metavar="ID", help="for a scenario: the persona it uses (default: the first one)")
    p.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="ID",
        help="for a lesson: a scenario it includes; repeatable (default: the first three by difficulty)",
    )
    p.set_defaults(handler=run)


def target(kind: str, item_id: str, out: Path) -> Path:
    folder = "scenarios" if kind in ("scenario", "test") else kind + "s"
    base = out if out.name == folder else out / folder
    if kind == "test":
        base = base / "tests"
        return base / f"{item_id}.test.yaml"
    return base / f"{item_id}.yaml"


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from ..trainer import templates
    from ..vocabulary import DIFFICULTY_RANK

    if not ID_PATTERN.match(args.id) or len(args.id) > 64:
        raise CommandError(f"'{args.id}' is not a valid id: use lower-case letters, digits, '-' and '_'", 2)
    out = Path(args.out)
    path = target(args.kind, args.id, out)
    if path.exists():
        raise CommandError(f"{path} already exists; not overwriting it")
    dirs = content_dirs([*args.content, out if out.name not in FOLDERS else out.parent])
    lib = load_library(dirs, (), known_moves())
    if lib.problems:
        print_problems(lib.problems)
        raise CommandError(f"{len(lib.problems)} problem(s) in the content; fix them first")
    kind_ids: dict[str, dict[str, Any]] = {
        "scenario": lib.scenarios,
        "persona": lib.personas,
        "lesson": lib.lessons,
    }
    if args.kind != "test" and args.id in kind_ids[args.kind]:
        raise CommandError(f"a {args.kind} with id '{args.id}' already exists ({lib.source(args.kind, args.id)})")
    if args.kind == "persona":
        text = templates.persona_text(args.id)
    elif args.kind == "scenario":
        persona = args.persona or min(lib.personas, default=None)
        if persona is None:
            raise CommandError("no personas to use: create one first with 'negotiation-sim new persona ID'")
        if persona not in lib.personas:
            raise CommandError(_unknown("persona", persona, lib.personas), 2)
        text = templates.scenario_text(args.id, persona)
    elif args.kind == "lesson":
        wanted = (
            args.scenario
            or [s.id for s in sorted(lib.scenarios.values(), key=lambda s: (DIFFICULTY_RANK[s.difficulty], s.id))][:3]
        )
        if not wanted:
            raise CommandError("no scenarios to use: create one first with 'negotiation-sim new scenario ID'")
        for sid in wanted:
            if sid not in lib.scenarios:
                raise CommandError(_unknown("scenario", sid, lib.scenarios), 2)
        text = templates.lesson_text(args.id, [(sid, lib.scenarios[sid].seed) for sid in wanted])
    else:
        if args.id not in lib.scenarios:
            raise CommandError(_unknown("scenario", args.id, lib.scenarios) + "; a test's ID is its scenario's id", 2)
        s = lib.scenarios[args.id]
        ctx = s.context
        answers = ctx.answered_by == "debtor" and ctx.within_calling_hours
        text = templates.scenario_test_text(args.id, s.seed, str(path), debtor_answers=answers)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise CommandError(f"{path} already exists; not overwriting it") from None
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"Wrote {path}")
    folder = out if out.name not in FOLDERS else out.parent
    follow = f"negotiation-sim --content {folder} " + (f"test {path}" if args.kind == "test" else "validate")
    print(f"Next: edit it, then run '{follow}'.")
    return 0


def _unknown(kind: str, wanted: str, known: Any) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind} '{wanted}'{hint}"

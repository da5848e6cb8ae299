"""The `negotiation-sim` command: with no subcommand it opens the TUI on the shipped content."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__

# Each module in negotiation_sim.commands adds its subcommands with `register(subparsers)`.
# Heavy imports (Textual, Faker, SQLite) happen inside the commands, never here.
COMMAND_MODULES: tuple[str, ...] = (
    "play",
    "validate",
    "library",
    "recognise",
    "explore",
    "graph",
    "new",
    "scenario_test",
    "lesson",
    "resume",
    "gradebook",
    "report",
    "export_xapi",
    "regrade",
    "debrief",
    "serve",
)


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit code given."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="negotiation-sim",
        description="Practise debt-collection negotiation calls against scripted debtor personas.",
        epilog="Run without a command to open the simulator. 'negotiation-sim COMMAND --help' for details.",
    )
    parser.add_argument("--version", action="version", version=f"negotiation-sim {__version__}")
    add_content_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"negotiation_sim.commands.{name}").register(sub)
    return parser


def add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        action="append",
        default=[],
        metavar="DIR",
        help="another content folder (with scenarios/, personas/, lessons/); repeatable. "
        "Also read from NEGOTIATION_SIM_CONTENT (paths separated by ':').",
    )


def app_only(argv: Sequence[str]) -> list[str] | None:
    """The --content folders when the command line just opens the app (no command, no --help), else None.

    Then the commands (and the content models they import) are not loaded: the TUI starts at Textual's cost.
    """
    content: list[str] = []
    items = iter(argv)
    for item in items:
        if item == "--content":
            folder = next(items, None)
            if folder is None:
                return None
            content.append(folder)
        elif item.startswith("--content="):
            content.append(item.partition("=")[2])
        else:
            return None
    return content


def main(argv: Sequence[str] | None = None) -> int:
    content = app_only(sys.argv[1:] if argv is None else argv)
    if content is not None:
        from .tui.app import make_app

        app = make_app(content=content)
        app.run()
        return int(app.return_code or 0)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from .commands.play import open_app

            return open_app(args)
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"negotiation-sim: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # broken content found mid-command (e.g. the recogniser's rules file): its lines, no traceback
        from .content.problems import ContentError
        from .content.recogniser_rules import RecogniserRulesError

        if isinstance(exc, ContentError | RecogniserRulesError):
            print(str(exc), file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""`negotiation-sim report ATTEMPT_ID --format md|html|json`: one stored call, explained."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .lesson import add_db_option, open_store

if TYPE_CHECKING:
    from ..reports.data import Titles

FORMATS = ("md", "html", "json")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="a report of one stored call (Markdown, HTML or JSON)",
        description="Report one call from the classroom database: the transcript, the scorecard with "
        "evidence links to the transcript lines, hints used, and the debtor's hidden-state timeline. The "
        "HTML page stands alone (no network) and prints well. Attempt ids are shown at the end of a lesson "
        "and by 'gradebook'.",
    )
    p.add_argument("attempt", type=int, metavar="ATTEMPT_ID", help="the attempt (call) id")
    p.add_argument("--format", choices=FORMATS, default="md", help="md (default), html or json")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    add_db_option(p)
    p.set_defaults(handler=run)


def content_titles(args: argparse.Namespace) -> Titles:
    """Scenario and lesson titles from the content, if it loads; reports never fail for want of it."""
    from ..content.library import content_dirs, load_library
    from ..reports.data import Titles

    try:
        lib = load_library(content_dirs(getattr(args, "content", []) or []))
    except Exception:  # a report is still useful with ids instead of titles
        return Titles()
    return Titles({k: v.title for k, v in lib.scenarios.items()}, {k: v.title for k, v in lib.lessons.items()})


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from ..reports.data import load_report
    from ..reports.html import render_html
    from ..reports.json_report import render_json
    from ..reports.markdown import render_markdown
    from .common import write_text

    with open_store(args) as store:
        try:
            report = load_report(store, args.attempt, content_titles(args))
        except KeyError as exc:
            raise CommandError(str(exc.args[0]), 2) from None
    render = {"md": render_markdown, "html": render_html, "json": render_json}[args.format]
    text = render(report)
    if args.out:
        write_text(args.out, text)
        print(f"Wrote the report of attempt {args.attempt} to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if not report.intact:
        print(f"negotiation-sim: warning: attempt {args.attempt}: {'; '.join(report.problems)}", file=sys.stderr)
    return 0

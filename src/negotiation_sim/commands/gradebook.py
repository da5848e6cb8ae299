"""`negotiation-sim gradebook LESSON_ID [--csv FILE]`: the class's grades for a lesson."""

from __future__ import annotations

import argparse
from typing import Any

from .lesson import add_db_option, open_store


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gradebook",
        help="a lesson's grades, one row per student",
        description="One row per student: attempts, best and latest lesson grade, per-trait averages, "
        "compliance findings; then a class summary (mean, standard deviation, weakest traits). Read from "
        "the classroom database only.",
    )
    p.add_argument("lesson", metavar="LESSON_ID", help="the lesson")
    p.add_argument("--csv", metavar="FILE", help="also write the rows as CSV ('-' for stdout, instead of the table)")
    p.add_argument("--json", action="store_true", help="print rows and summary as JSON instead of the table")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..classroom.gradebook import build_gradebook, gradebook_csv, gradebook_json, gradebook_text
    from .common import write_text

    with open_store(args) as store:
        book = build_gradebook(store, args.lesson)
    if args.csv == "-":
        print(gradebook_csv(book), end="")
        return 0
    if args.csv:
        write_text(args.csv, gradebook_csv(book))
    print(gradebook_json(book) if args.json else gradebook_text(book), end="")
    if args.csv and not args.json:
        print(f"Wrote {len(book.rows)} row(s) to {args.csv}")
    return 0

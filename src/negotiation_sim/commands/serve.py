"""`negotiation-sim serve`: the simulator in web browsers, for a classroom without terminals.

Every browser that opens the page gets its own simulator process (textual-serve runs one per
connection), so calls never mix; lesson grades go to one classroom database, which takes many
writers at once (SQLite in WAL mode), and `gradebook` reads them as usual.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def register(sub: Any) -> None:
    from .lesson import add_db_option

    p = sub.add_parser(
        "serve",
        help="serve the simulator to web browsers (a classroom without terminals)",
        description="Serve the simulator over HTTP: every browser that opens the address gets its own "
        "simulator, on the home screen or straight into one lesson (each student types their id; grades go "
        "to the classroom database). There is no authentication: it listens on this machine only unless "
        "--host says otherwise. Needs the 'web' extra: pip install 'negotiation-sim[web]'.",
    )
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this machine)")
    p.add_argument("--port", type=int, default=8000, help="the port to listen on (default 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address students' browsers use, e.g. http://lab-pc-3:8000 (needed with --host 0.0.0.0)",
    )
    p.add_argument("--lesson", metavar="LESSON_ID", help="open this lesson in every browser instead of the home screen")
    add_db_option(p)
    p.set_defaults(handler=run)


def app_command(content: list[str], lesson: str | None) -> str:
    """The shell command that runs one browser's simulator (textual-serve starts it per connection)."""
    argv = [sys.executable, "-m", "negotiation_sim"]
    for folder in content:
        argv += ["--content", str(Path(folder).resolve())]
    if lesson is not None:
        argv += ["lesson", lesson]
    return shlex.join(argv)


def public_url(host: str, port: int, given: str | None) -> str:
    from ..cli import CommandError

    if given:
        if not given.startswith(("http://", "https://")):
            raise CommandError("--public-url must start with http:// or https://", 2)
        return given.rstrip("/")
    if host in WILDCARD_HOSTS:
        raise CommandError(
            f"--host {host!r} listens on every network interface, but browsers cannot connect to that "
            f"address: also give --public-url http://THIS-MACHINE:{port} (the address students type)",
            2,
        )
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from .common import library_from, lookup
    from .lesson import open_store

    if not 0 < args.port < 65536:
        raise CommandError("--port must be between 1 and 65535", 2)
    url = public_url(args.host, args.port, args.public_url)
    lib = library_from(args)  # broken content fails here, once, not in every browser
    lesson = lookup(lib, "lesson", args.lesson).id if args.lesson else None
    with open_store(args) as store:  # fails here if the database cannot be opened, not in every browser
        # every browser's simulator is a child process: it finds the database in its environment
        os.environ["NEGOTIATION_SIM_DB"] = str(store.path)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CommandError("serve needs the web extra: pip install 'negotiation-sim[web]'", 2) from None
    command = app_command(list(getattr(args, "content", []) or []), lesson)
    title = f"negotiation-sim — {lib.lessons[lesson].title}" if lesson else "negotiation-sim"
    print(f"Serving {title} on {url} (no authentication: anyone who can reach it can use it)", flush=True)
    Server(command, host=args.host, port=args.port, title=title, public_url=url).serve()
    return 0

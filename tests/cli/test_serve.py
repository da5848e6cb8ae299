"""`negotiation-sim serve`: the simulator in a browser, one simulator per connection, grades in the class store.

The test is the browser: it loads the page, opens the page's websocket, and types keys the way the
page's terminal sends them.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from negotiation_sim.store.db import Store

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "negotiation_sim", *args], capture_output=True, text=True, timeout=60, env=env
    )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    db = tmp_path / "class.sqlite3"
    argv = ["serve", "--port", str(port), "--lesson", "cca-12-1", "--db", str(db)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "negotiation_sim", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    raise AssertionError(f"serve did not start:\n{out}") from None
                time.sleep(0.1)
        yield url, db
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_page_points_the_browser_at_this_server(server: tuple[str, Path]) -> None:
    url, _ = server
    with urllib.request.urlopen(url + "/") as response:
        page = response.read().decode()
    assert response.status == 200
    assert f'data-session-websocket-url="{url.replace("http", "ws")}/ws"' in page


async def test_a_student_in_a_browser_takes_the_lesson_and_is_recorded(server: tuple[str, Path]) -> None:
    url, db = server
    screen = bytearray()

    async with aiohttp.ClientSession() as http, http.ws_connect(f"{url}/ws?width=100&height=30") as ws:

        async def read_until(pattern: str, timeout: float = 30) -> str:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while loop.time() < deadline:
                try:
                    message = await ws.receive(timeout=0.5)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    screen.extend(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
                text = ANSI.sub(b"", bytes(screen)).decode("utf-8", "replace")
                if pattern in text:
                    return text
            raise AssertionError(f"never saw {pattern!r}; the page got:\n{ANSI.sub(b'', bytes(screen))[-2000:]!r}")

        await read_until("Your student id")
        for key in "ana.lopez":  # the page sends each key as the student types it
            await ws.send_json(["stdin", key])
        await ws.send_json(["stdin", "\r"])
        await read_until("attempt 1 of")
    with Store.open(db) as store:
        runs = store.runs(lesson="cca-12-1")
    assert [(r.student_id, r.lesson_id) for r in runs] == [("ana.lopez", "cca-12-1")]


def test_listening_on_every_interface_needs_the_address_students_type() -> None:
    done = cli("serve", "--host", "0.0.0.0")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--public-url" in done.stderr


def test_an_unknown_lesson_is_refused_before_serving() -> None:
    done = cli("serve", "--lesson", "no-such-lesson", "--port", str(free_port()))
    assert done.returncode == 2
    assert "no-such-lesson" in done.stderr and "Traceback" not in done.stderr


def test_a_plain_lesson_needs_a_student_id(tmp_path: Path) -> None:
    env = dict(os.environ, NEGOTIATION_SIM_DB=str(tmp_path / "class.sqlite3"))
    done = cli("lesson", "cca-12-1", "--plain", env=env)
    assert done.returncode == 2
    assert "--student" in done.stderr and "Traceback" not in done.stderr

"""Helpers for the TUI tests: start the app, wait for what a user would wait for, read the screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from negotiation_sim.bots.base import CallView
from negotiation_sim.bots.strategies import ByTheBook
from negotiation_sim.content.library import Library
from negotiation_sim.engine.session import CallSession
from negotiation_sim.tui.app import NegotiationApp, make_app

SCENARIO = "first-reminder-fran"


def screen_text(app: App[Any]) -> str:
    """The screen as plain text, the way a user reads it."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(seg.text for strip in line for seg in strip).rstrip() for line in update.strips)


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run (workers, timers, messages) until condition() holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting; the screen shows:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def ready(pilot: Pilot[Any]) -> NegotiationApp:
    """Wait for the library to load (it loads in a worker after the home screen is up)."""
    app = pilot.app
    assert isinstance(app, NegotiationApp)
    await wait_until(pilot, lambda: app.library is not None)
    await settle(pilot)
    return app


def frozen_app(**kwargs: Any) -> NegotiationApp:
    """An app whose call timer never moves and whose new seeds are predictable (for snapshots)."""
    app = make_app(**kwargs)
    app.clock = lambda: 0.0
    seeds = iter(range(500, 10_000))
    app.next_seed = lambda: next(seeds)
    return app


def by_the_book_lines(library: Library, scenario_id: str = SCENARIO, seed: int | None = None) -> list[str]:
    """What the by-the-book bot says on this call, played headless: a script the UI tests type in."""
    scenario = library.scenario(scenario_id)
    session = CallSession(scenario, library.persona_for(scenario), seed=seed)
    bot = ByTheBook()
    lines: list[str] = []
    while not session.closed and session.turn < 40:
        line = bot.reply(CallView(session.scenario, session.events, session.turn))
        lines.append(line)
        session.say(line)
    return lines


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A trainer's own content folder with one scenario of their own (using a shipped persona)."""
    root = tmp_path / "content"
    (root / "scenarios").mkdir(parents=True)
    return root

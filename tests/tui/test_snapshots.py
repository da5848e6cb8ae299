"""Snapshots of the four main screens at 80×24 and 120×40 (pytest-textual-snapshot).

Deterministic: the scenario's fixed seed (the same debtor), the call timer frozen at 00:00, the cursor
not blinking. After a deliberate change to the screens or to the shipped content, review the
report and run `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, TextArea

from negotiation_sim.tui.screens.account import AccountScreen
from negotiation_sim.tui.screens.call import CallScreen
from negotiation_sim.tui.screens.debrief import DebriefScreen
from negotiation_sim.tui.widgets.say_input import SayInput

from .conftest import by_the_book_lines, frozen_app, ready, settle, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def still(pilot: Any) -> None:
    """No blinking cursor, nothing pending: the picture is the same every time."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


async def to_home(pilot: Any) -> None:
    await ready(pilot)
    await still(pilot)


async def to_account(pilot: Any) -> None:
    await ready(pilot)
    await pilot.press(*"first reminder", "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, AccountScreen))
    await wait_until(pilot, lambda: pilot.app.screen.identity is not None)
    await still(pilot)


async def to_call(pilot: Any) -> None:
    await to_account(pilot)
    await pilot.press("ctrl+d")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CallScreen))
    for key in "1234":
        await pilot.press(key, "enter")
        await settle(pilot)
    await still(pilot)


async def to_debrief(pilot: Any) -> None:
    await to_account(pilot)
    await pilot.press("ctrl+d")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CallScreen))
    for line in by_the_book_lines(pilot.app.library):
        pilot.app.screen.query_one(SayInput).value = line
        await pilot.press("enter")
        await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DebriefScreen))
    await still(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(frozen_app(), terminal_size=size, run_before=to_home)


@pytest.mark.parametrize("size", SIZES)
def test_account_file(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(frozen_app(), terminal_size=size, run_before=to_account)


@pytest.mark.parametrize("size", SIZES)
def test_call(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(frozen_app(), terminal_size=size, run_before=to_call)


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(frozen_app(), terminal_size=size, run_before=to_debrief)

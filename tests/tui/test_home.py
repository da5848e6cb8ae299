"""Home: scenarios and lessons side by side, filter by typing, Enter starts; help and themes; start-up."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from negotiation_sim import cli
from negotiation_sim.engine.session import CallSession
from negotiation_sim.tui.app import NegotiationApp
from negotiation_sim.tui.screens.account import AccountScreen
from negotiation_sim.tui.screens.help import KEYS, HelpScreen

from ..conftest import ROOT
from .conftest import frozen_app, ready, screen_text, wait_until


def ids(option_list: OptionList) -> list[str | None]:
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


async def test_home_lists_every_scenario_and_lesson_and_typing_filters_them() -> None:
    app = frozen_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lib = app.library
        assert lib is not None
        scenarios = app.screen.query_one("#scenarios", OptionList)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert set(ids(scenarios)) == set(lib.scenarios)
        assert set(ids(lessons)) == set(lib.lessons)
        assert app.focused is scenarios

        # the highlighted scenario's details: title, difficulty, persona sketch, objectives
        first = lib.scenarios[ids(scenarios)[0]]  # type: ignore[index]
        details = str(app.screen.query_one("#details", Static).render())
        assert first.title in details and first.difficulty.value in details
        assert lib.personas[first.persona].name in details
        assert all(obj in details for obj in first.objectives)

        await pilot.press(*"dispute")  # typed on the list, it goes to the filter
        assert app.screen.query_one("#filter", Input).value == "dispute"
        wanted = {
            sid
            for sid, s in lib.scenarios.items()
            if "dispute" in " ".join([sid, s.title, s.summary, lib.personas[s.persona].name]).lower()
        }
        assert wanted and set(ids(scenarios)) == wanted
        await pilot.press("backspace")
        assert app.screen.query_one("#filter", Input).value == "disput"
        await pilot.press("escape")
        assert app.screen.query_one("#filter", Input).value == ""
        assert set(ids(scenarios)) == set(lib.scenarios)

        await pilot.press(*"zzz no such thing")
        assert ids(scenarios) == [None] and ids(lessons) == [None]
        assert "No scenario matches the filter." in screen_text(app)
        await pilot.press("enter")  # nothing to start
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("escape")

        await pilot.press("tab")
        assert app.focused is lessons
        lesson = lib.lessons[ids(lessons)[0]]  # type: ignore[index]
        assert lesson.title in str(app.screen.query_one("#details", Static).render())
        await pilot.press("tab", "down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
        assert app.screen.plan.scenario_id == ids(scenarios)[1]
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")


async def test_help_lists_the_keys_and_the_theme_switches() -> None:
    app = frozen_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        for _section, keys in KEYS:
            for key, what in keys:
                assert key in text and what in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        theme = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != theme and {app.theme, theme} == {"textual-dark", "textual-light"}
        await pilot.press("ctrl+t")
        assert app.theme == theme


async def test_play_scenario_opens_its_account_file_with_the_seed_given() -> None:
    app = frozen_app(scenario_id="first-reminder-fran", seed=77)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
        assert app.screen.plan.seed == 77
        await wait_until(pilot, lambda: app.screen.identity is not None)
        assert app.screen.identity["name"] in screen_text(app)
        # the debtor in the file is the one the call meets (Fran is written as a woman: the name follows)
        scenario, persona = app.scenario_and_persona("first-reminder-fran")
        assert persona.gender == "female"
        assert app.screen.identity == CallSession(scenario, persona, seed=77).identity.to_dict()


def test_no_arguments_opens_the_app_on_the_shipped_content(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[NegotiationApp] = []

    def fake_run(self: NegotiationApp, *args: Any, **kwargs: Any) -> None:
        started.append(self)

    monkeypatch.setattr(NegotiationApp, "run", fake_run)
    assert cli.main([]) == 0
    assert len(started) == 1
    app = started[0]
    assert app.start_scenario is None and app.start_lesson is None and app.extra_content == []
    assert cli.main(["--content", "a", "--content=b"]) == 0
    assert [str(p) for p in started[1].extra_content] == ["a", "b"]
    assert cli.app_only(["--content"]) is None and cli.app_only(["scenarios"]) is None
    assert cli.app_only(["--help"]) is None and cli.app_only([]) == []


def test_the_app_module_imports_no_content_engine_or_faker() -> None:
    """Start-up stays at Textual's cost: library, engine, scoring and Faker load after the first screen."""
    code = (
        "import sys; import negotiation_sim.tui.app; "
        "print(','.join(m for m in ('pydantic', 'faker', 'yaml', 'sqlite3', "
        "'negotiation_sim.content.library', 'negotiation_sim.engine.session', 'negotiation_sim.scoring') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
    )
    assert out.stdout.strip() == ""


async def test_a_failing_background_job_is_reported_and_the_app_keeps_running() -> None:
    app = frozen_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.run_worker(lambda: 1 / 0, thread=True, name="scoring", exit_on_error=False)
        await wait_until(pilot, lambda: any("scoring: division by zero" in n.message for n in app._notifications))
        assert app.is_running

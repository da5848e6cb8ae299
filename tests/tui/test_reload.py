"""Live reload (issue 7 item 3): saving a content file while the app runs reloads it; a broken file
shows its path:line:col errors in the app and the last good version stays in use."""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual.widgets import OptionList, Static

from negotiation_sim.tui.reload import ContentWatcher, content_files

from ..conftest import ROOT
from .conftest import frozen_app, ready, screen_text, wait_until

BASE = (ROOT / "scenarios" / "first-reminder-fran.yaml").read_text(encoding="utf-8")


def scenario_text(title: str, difficulty: str = "introductory") -> str:
    text = re.sub(r"^id: .*$", "id: reload-check", BASE, count=1, flags=re.M)
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    return re.sub(r"^difficulty: .*$", f"difficulty: {difficulty}", text, count=1, flags=re.M)


def save(path: Path, text: str, tick: int) -> None:
    """Write the file as an editor would, with a modification time that surely differs."""
    path.write_text(text, encoding="utf-8")
    stamp = 1_700_000_000_000_000_000 + tick * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def option_titles(app: object) -> list[str]:
    scenarios = app.screen.query_one("#scenarios", OptionList)  # type: ignore[attr-defined]
    return [str(scenarios.get_option_at_index(i).prompt) for i in range(scenarios.option_count)]


async def test_saving_a_scenario_reloads_it_and_a_broken_one_keeps_the_last_good(content_dir: Path) -> None:
    path = content_dir / "scenarios" / "reload-check.yaml"
    save(path, scenario_text("Reload check, first draft"), 1)
    app = frozen_app(content=[content_dir])
    app.poll_interval = 0.05
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert any("Reload check, first draft" in t for t in option_titles(app))

        # 1. the trainer saves a new title: the home screen shows it without a restart
        save(path, scenario_text("Reload check, second draft"), 2)
        await wait_until(pilot, lambda: any("second draft" in t for t in option_titles(app)))
        assert app.library is not None
        assert app.library.scenario("reload-check").title == "Reload check, second draft"
        assert not any("first draft" in t for t in option_titles(app))

        # 2. the trainer saves a mistake: the error with its path:line:col shows in the app
        save(path, scenario_text("Reload check, broken draft", difficulty="impossible"), 3)
        await wait_until(pilot, lambda: bool(app.problems))
        await pilot.pause()
        line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("difficulty:"))
        problem = app.problems[0]
        assert Path(problem.path).name == "reload-check.yaml"
        assert (problem.line, problem.col) == (line, 13)
        panel = app.screen.query_one("#home-problems", Static)
        assert panel.display
        assert f"reload-check.yaml:{line}:13: difficulty:" in str(panel.render())
        assert "Content problems" in screen_text(app)
        notes = [n.message for n in app._notifications]
        assert any(f"reload-check.yaml:{line}:13" in m and "last good version" in m for m in notes)
        # … and the last good version stays in use
        assert app.library.scenario("reload-check").title == "Reload check, second draft"
        assert any("second draft" in t for t in option_titles(app))
        assert app.is_running

        # 3. fixed again: the problems go away and the fix is loaded
        save(path, scenario_text("Reload check, fixed"), 4)
        await wait_until(pilot, lambda: not app.problems)
        await wait_until(pilot, lambda: any("fixed" in t for t in option_titles(app)))
        assert not app.screen.query_one("#home-problems", Static).display


async def test_a_broken_file_at_start_up_shows_its_problems_and_the_rest_still_plays(
    content_dir: Path,
) -> None:
    path = content_dir / "scenarios" / "reload-check.yaml"
    save(path, "id: reload-check\ntitle: [unclosed\n", 1)
    app = frozen_app(content=[content_dir])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.problems
        assert all(Path(p.path).name == "reload-check.yaml" for p in app.problems)
        assert "reload-check.yaml:" in str(app.screen.query_one("#home-problems", Static).render())
        assert "Content problems" in screen_text(app)
        assert "first-reminder-fran" in app.library.scenarios  # the shipped library is still playable
        assert app.playable("first-reminder-fran")


def test_the_watcher_reports_added_changed_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "personas" / "deep").mkdir(parents=True)
    a = tmp_path / "scenarios" / "a.yaml"
    b = tmp_path / "personas" / "deep" / "b.yml"
    a.write_text("x: 1\n")
    (tmp_path / "scenarios" / "notes.txt").write_text("not content\n")
    watcher = ContentWatcher([tmp_path])
    assert content_files([tmp_path]) == [a]
    assert watcher.changed() == []
    b.write_text("y: 2\n")
    assert watcher.changed() == [str(b)]
    save(a, "x: 22\n", 5)
    assert watcher.changed() == [str(a)]
    assert watcher.changed() == []
    b.unlink()
    assert watcher.changed() == [str(b)]

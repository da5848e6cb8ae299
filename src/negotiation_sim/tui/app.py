"""The app and its factory: the one way the CLI and the tests build the TUI (DESIGN §9, posting).

Start-up is kept to Textual's own cost: this module imports no content model, engine or
scoring code. The library is loaded in a worker thread once the home screen is up, Faker is
warmed there too, and the other screens are imported when first shown.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from .messages import ContentProblemsFound, LibraryLoaded
from .plan import CallPlan
from .screens.home import HomeScreen

if TYPE_CHECKING:
    from ..classroom.grading import CallGrade
    from ..classroom.run import LessonRun
    from ..content.library import Library
    from ..content.persona import Persona
    from ..content.problems import Problem
    from ..content.scenario import Scenario
    from ..engine.session import CallSession
    from .reload import ContentWatcher

THEMES = ("textual-dark", "textual-light")


class NegotiationApp(App[int]):
    """Pick a call, read the account file, negotiate, learn from the debrief."""

    CSS_PATH = "app.tcss"
    TITLE = "negotiation-sim"
    SUB_TITLE = "collection negotiation practice"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", key_display="F1"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_theme", "Light/dark", key_display="^t", show=False),
        Binding("ctrl+q", "quit", "Quit", key_display="^q", priority=True),
    ]

    def __init__(
        self,
        content: Sequence[str | Path] = (),
        scenario_id: str | None = None,
        seed: int | None = None,
        lesson_id: str | None = None,
        student: str | None = None,
        db: str | None = None,
    ) -> None:
        super().__init__()
        self.extra_content = [Path(p) for p in content]
        self.start_scenario = scenario_id
        self.start_seed = seed
        self.start_lesson = lesson_id
        self.student = student
        self.db = db
        self.library: Library | None = None
        self.problems: list[Problem] = []
        self.notes: dict[str, str] = {}
        self.lesson_run: LessonRun | None = None
        self.watcher: ContentWatcher | None = None
        # Seams for tests and benchmarks: the call timer's clock, how often content is polled, new seeds.
        self.clock: Callable[[], float] = time.monotonic
        self.poll_interval = 1.0
        self.next_seed: Callable[[], int] = lambda: random.randrange(1, 1_000_000)

    # --- start-up --------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.call_after_refresh(self.load_content, [], True)

    def watch_app_focus(self, focused: bool) -> None:
        """Give the screen its first focus when the app gets focus back.

        Textual skips a screen's auto-focus while the app has no focus, which is how an app served to a
        browser (`negotiation-sim serve`) starts: without this, a dialog opened before the page had
        focus would ignore the keyboard. This runs before the key that gave focus back is delivered.
        """
        screen = self.screen
        if not focused or screen.focused is not None:
            return
        selector = self.AUTO_FOCUS if screen.AUTO_FOCUS is None else screen.AUTO_FOCUS
        if selector:
            first = next((w for w in screen.query(selector) if w.focusable), None)
            if first is not None:
                screen.set_focus(first)

    @work(thread=True, exclusive=True, group="content", exit_on_error=False)
    def load_content(self, changed: list[str], first: bool) -> None:
        from ..content.library import content_dirs, load_library
        from ..engine.moves import default_recogniser
        from .reload import ContentWatcher

        dirs = content_dirs(self.extra_content)
        if self.watcher is None:
            self.watcher = ContentWatcher(dirs)
        try:
            known = default_recogniser().known_moves()
        except Exception as exc:  # the recogniser's own rules file is broken: report it, do not crash
            known = None
            self.log.error(f"recogniser: {exc}")
        lib = load_library(dirs, [], known)
        if lib.problems:
            self.post_message(ContentProblemsFound(sorted(lib.problems), lib))
        else:
            self.post_message(LibraryLoaded(lib, changed, first))
        if first:
            try:
                self._warm_up(lib)
            except Exception as exc:  # only a head start: a failure here shows up, if at all, when dialling
                self.log.warning(f"warm-up: {exc!r}")

    def _warm_up(self, lib: Library) -> None:
        """Import what the first call needs, build the recogniser's index and make each scenario's
        debtor, before anyone dials."""
        from ..engine.identity import identity_for
        from ..engine.moves import default_recogniser
        from ..engine.session import CallSession  # noqa: F401
        from ..scoring import score_call  # noqa: F401

        default_recogniser().prepare()
        for scenario in list(lib.scenarios.values()):
            identity_for(scenario.seed, lib.persona_for(scenario).gender)

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        had_problems = bool(self.problems)
        self.library = message.library
        self.problems = []
        self._content_changed()
        if message.first:
            self._start_polling()
            self._open_start_target()
        else:
            names = ", ".join(Path(p).name for p in message.changed) or "content"
            note = " — the problems are fixed" if had_problems else ""
            self.notify(f"Reloaded {names}{note}", title="Content reloaded", timeout=4)

    def on_content_problems_found(self, message: ContentProblemsFound) -> None:
        first = self.library is None
        self.problems = message.problems
        if first and message.library is not None:
            self.library = message.library  # nothing better to keep: play what did load
        shown = "\n".join(str(p) for p in message.problems[:4])
        more = len(message.problems) - 4
        if more > 0:
            shown += f"\n… and {more} more (see the home screen)"
        keep = "" if first else "\nThe last good version stays in use."
        self.notify(shown + keep, title="Content problems", severity="error", timeout=12)
        self._content_changed()
        if first:
            self._start_polling()
            self._open_start_target()

    def _content_changed(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "content_changed", None)
            if refresh is not None:
                refresh()

    def _start_polling(self) -> None:
        self.set_interval(self.poll_interval, self.poll_content, name="content-poll")

    def poll_content(self) -> None:
        """Reload the library when a content file was saved, added or removed."""
        if self.watcher is None:
            return
        changed = self.watcher.changed()
        if changed:
            self.load_content(changed, False)

    def _open_start_target(self) -> None:
        if self.start_lesson:
            lesson_id, self.start_lesson = self.start_lesson, None
            self.open_lesson(lesson_id)
        elif self.start_scenario:
            scenario_id, self.start_scenario = self.start_scenario, None
            self.open_scenario(scenario_id, seed=self.start_seed)

    # --- what the screens ask for ------------------------------------------------------------
    def playable(self, scenario_id: str) -> bool:
        lib = self.library
        if lib is None or scenario_id not in lib.scenarios:
            return False
        try:
            lib.persona_for(lib.scenarios[scenario_id])
        except KeyError:
            return False
        return True

    def scenario_and_persona(self, scenario_id: str) -> tuple[Scenario, Persona]:
        assert self.library is not None
        scenario = self.library.scenario(scenario_id)
        return scenario, self.library.persona_for(scenario)

    def open_scenario(self, scenario_id: str, seed: int | None = None) -> None:
        """The account file of a practice call."""
        if not self.playable(scenario_id):
            self.notify(
                f"Cannot open scenario '{scenario_id}': it is not in the library or does not validate.",
                severity="error",
            )
            return
        scenario, _ = self.scenario_and_persona(scenario_id)
        self.show_account(CallPlan(scenario_id, scenario.seed if seed is None else seed))

    def show_account(self, plan: CallPlan) -> None:
        from .screens.account import AccountScreen

        self.push_screen(AccountScreen(plan))

    def open_lesson(self, lesson_id: str) -> None:
        """A lesson is recorded in the classroom store under a student id (asked for if not given)."""
        from .screens.lesson import StudentPrompt

        if self.library is None or lesson_id not in self.library.lessons:
            self.notify(f"Unknown lesson '{lesson_id}'", severity="error")
            return
        if self.student:
            self.begin_lesson(lesson_id, self.student)
            return

        def chosen(student: str | None) -> None:
            if student:
                self.student = student
                self.begin_lesson(lesson_id, student)

        self.push_screen(StudentPrompt(self.library.lessons[lesson_id].title), chosen)

    @work(exclusive=True, group="lesson", exit_on_error=False)
    async def begin_lesson(self, lesson_id: str, student: str) -> None:
        import asyncio

        from .screens.lesson import LessonScreen

        try:
            run = await asyncio.to_thread(self._begin_run, lesson_id, student)
        except Exception as exc:  # the store refused: attempts used up, unreadable database, …
            self.notify(str(exc), title="Cannot start the lesson", severity="error", timeout=10)
            return
        self.lesson_run = run
        await self.push_screen(LessonScreen(run))

    def _begin_run(self, lesson_id: str, student: str) -> LessonRun:
        from ..classroom.run import LessonRun
        from ..store.db import Store

        assert self.library is not None
        if self.lesson_run is not None:
            self.lesson_run.store.close()
            self.lesson_run = None
        store = Store.open(self.db)
        try:
            return LessonRun.begin(store, self.library, lesson_id, student)
        except BaseException:
            store.close()
            raise

    @work(exclusive=True, group="dial", exit_on_error=False)
    async def dial(self, plan: CallPlan) -> None:
        """Start the call: build the session off the UI thread (Faker may still be loading)."""
        import asyncio

        try:
            session = await asyncio.to_thread(self._new_session, plan)
        except Exception as exc:
            self.notify(str(exc), title="Cannot start the call", severity="error", timeout=10)
            return
        await self.switch_to_call(plan, session)

    def _new_session(self, plan: CallPlan) -> CallSession:
        from ..engine.session import CallSession

        run = self.lesson_run
        if plan.lesson_id is not None and run is not None:
            call = run.next_call()  # starts the attempt in the store, or replays an interrupted one
            if call is None:
                raise RuntimeError("every call of this lesson is done")
            return call.session
        scenario, persona = self.scenario_and_persona(plan.scenario_id)
        return CallSession(scenario, persona, seed=plan.seed)

    async def switch_to_call(self, plan: CallPlan, session: CallSession) -> None:
        from .screens.call import CallScreen

        await self.switch_screen(CallScreen(plan, session))

    async def show_debrief(
        self, plan: CallPlan, session: CallSession, card: dict[str, Any], grade: CallGrade | None = None
    ) -> None:
        from .screens.debrief import DebriefScreen

        await self.switch_screen(DebriefScreen(plan, session, card, grade))

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def on_unmount(self) -> None:
        if self.lesson_run is not None:
            self.lesson_run.store.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed background job (loading, scoring, the store) is reported, never a crash."""
        if event.state == WorkerState.ERROR:
            self.notify(
                f"{event.worker.name}: {event.worker.error}",
                title="Something went wrong",
                severity="error",
                timeout=15,
            )

    # --- actions ----------------------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme != THEMES[1] else THEMES[0]


def make_app(
    content: Sequence[str | Path] = (),
    scenario_id: str | None = None,
    seed: int | None = None,
    lesson_id: str | None = None,
    student: str | None = None,
    db: str | None = None,
) -> NegotiationApp:
    """Build the app: the home screen, or straight to a scenario's account file or a lesson."""
    return NegotiationApp(
        content=list(content), scenario_id=scenario_id, seed=seed, lesson_id=lesson_id, student=student, db=db
    )

"""Home: the scenarios and the lessons side by side; type to filter, Enter starts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from ..app import NegotiationApp

DIFFICULTY_MARK = {"introductory": "●○○", "intermediate": "●●○", "advanced": "●●●"}


class StartList(OptionList):
    """An option list whose Enter is labelled for what it does here."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Start")]


def matches(query: str, *fields: str) -> bool:
    """Every word of the query appears in one of the fields (case-insensitive)."""
    haystack = " ".join(fields).lower()
    return all(word in haystack for word in query.lower().split())


class HomeScreen(Screen[None]):
    """Choose a scenario (a practice call) or a lesson (graded calls in order)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", show=False),
        Binding("tab", "switch_list", "Scenarios ⇄ lessons"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("slash", "focus_filter", "Filter", key_display="/", show=False),
        Binding("ctrl+t", "app.toggle_theme", "Light/dark", key_display="^t"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="home-problems", classes="problems")
        yield Input(placeholder="Type to filter scenarios and lessons…", id="filter", compact=True)
        with Horizontal(id="home-lists"):
            with Vertical(classes="home-column"):
                yield Label("Scenarios", classes="column-title")
                yield StartList(id="scenarios")
            with Vertical(classes="home-column"):
                yield Label("Lessons", classes="column-title")
                yield StartList(id="lessons")
        with VerticalScroll(id="home-details"):
            yield Static("Loading the content library…", id="details")
        yield Footer()

    @property
    def sim(self) -> NegotiationApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.query_one("#home-problems").display = False
        self.query_one("#scenarios", OptionList).focus()
        self.content_changed()

    # --- the lists -----------------------------------------------------------------------------
    def content_changed(self) -> None:
        """The app's library or problems changed: rebuild the lists, keep the highlight."""
        problems = self.sim.problems
        panel = self.query_one("#home-problems", Static)
        if problems:
            lines = [Content.from_markup("[b $error]Content problems[/] (the last good version is in use):")]
            lines.extend(Content(str(p)) for p in problems)
            panel.update(Content("\n").join(lines))
        panel.display = bool(problems)
        self.refilter()

    def refilter(self) -> None:
        lib = self.sim.library
        query = self.query_one("#filter", Input).value.strip()
        scenarios = self.query_one("#scenarios", OptionList)
        lessons = self.query_one("#lessons", OptionList)
        keep_s = scenarios.highlighted_option.id if scenarios.highlighted_option else None
        keep_l = lessons.highlighted_option.id if lessons.highlighted_option else None
        if lib is None:
            return
        s_opts: list[Option] = []
        for sid, sc in sorted(lib.scenarios.items(), key=lambda kv: (_rank(kv[1].difficulty), kv[1].title)):
            persona = lib.personas.get(sc.persona)
            pname = persona.name if persona else sc.persona
            if not matches(query, sid, sc.title, sc.difficulty.value, pname, sc.summary, sc.account.creditor):
                continue
            prompt = Content.assemble((f"{DIFFICULTY_MARK.get(sc.difficulty.value, '')} ", "$text-accent"), sc.title)
            s_opts.append(Option(prompt, id=sid, disabled=not self.sim.playable(sid)))
        l_opts: list[Option] = []
        for lid, lesson in sorted(lib.lessons.items(), key=lambda kv: kv[1].title):
            if not matches(query, lid, lesson.title, lesson.summary, lesson.mode):
                continue
            calls = f"{len(lesson.calls)} call{'s' if len(lesson.calls) != 1 else ''}"
            prompt = Content.assemble(lesson.title, (f"  {lesson.mode} · {calls}", "$text-muted"))
            l_opts.append(Option(prompt, id=lid))
        _fill(scenarios, s_opts, keep_s, "No scenario matches the filter." if query else "No scenarios.")
        _fill(lessons, l_opts, keep_l, "No lesson matches the filter." if query else "No lessons.")
        self.show_details()

    def active_list(self) -> OptionList:
        focused = self.focused
        if isinstance(focused, OptionList):
            return focused
        return self.query_one(
            "#lessons" if getattr(self, "_last_list", "scenarios") == "lessons" else "#scenarios", OptionList
        )

    def show_details(self) -> None:
        lib = self.sim.library
        details = self.query_one("#details", Static)
        if lib is None:
            return
        option_list = self.active_list()
        option = option_list.highlighted_option
        if option is None or option.id is None or option.disabled:
            details.update("Nothing selected." if lib.scenarios or lib.lessons else "The library is empty.")
            return
        if option_list.id == "scenarios" and option.id in lib.scenarios:
            details.update(scenario_details(self.sim, option.id))
        elif option.id in lib.lessons:
            details.update(lesson_details(self.sim, option.id))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._last_list = event.option_list.id or "scenarios"
        self.show_details()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._start(event.option_list)

    def on_descendant_focus(self) -> None:
        if isinstance(self.focused, OptionList):
            self._last_list = self.focused.id or "scenarios"
            self.show_details()

    # --- filtering by typing -------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self._start(self.active_list())

    def on_key(self, event: Key) -> None:
        """Printable keys typed on a list go to the filter, so typing filters wherever you are."""
        if not isinstance(self.focused, OptionList):
            if isinstance(self.focused, Input) and event.key == "down":
                event.stop()
                self.active_list().focus()
            return
        filt = self.query_one("#filter", Input)
        if event.key == "backspace" and filt.value:
            filt.value = filt.value[:-1]
            event.stop()
        elif event.is_printable and event.character and event.character not in "?/":
            filt.value += event.character
            event.stop()

    # --- actions -------------------------------------------------------------------------------
    def action_start(self) -> None:
        self._start(self.active_list())

    def _start(self, option_list: OptionList) -> None:
        option = option_list.highlighted_option
        if option is None or option.id is None or option.disabled:
            return
        if option_list.id == "scenarios":
            self.sim.open_scenario(option.id)
        else:
            self.sim.open_lesson(option.id)

    def action_switch_list(self) -> None:
        target = "#lessons" if self.active_list().id == "scenarios" else "#scenarios"
        self.query_one(target, OptionList).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.active_list().focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()


def _rank(difficulty: Any) -> int:
    return {"introductory": 1, "intermediate": 2, "advanced": 3}.get(str(getattr(difficulty, "value", difficulty)), 9)


def _fill(option_list: OptionList, options: list[Option], keep: str | None, empty: str) -> None:
    option_list.set_options(options or [Option(Content.styled(empty, "$text-muted italic"), disabled=True)])
    ids = [o.id for o in options]
    if keep in ids:
        option_list.highlighted = ids.index(keep)
    elif options:
        option_list.highlighted = next((i for i, o in enumerate(options) if not o.disabled), 0)


def scenario_details(app: NegotiationApp, scenario_id: str) -> Content:
    lib = app.library
    assert lib is not None
    sc = lib.scenarios[scenario_id]
    persona = lib.personas.get(sc.persona)
    parts: list[Content] = [
        Content.assemble(
            (sc.title, "bold $accent"),
            ("  " + sc.difficulty.value, "$text-muted"),
            (f"  {DIFFICULTY_MARK.get(sc.difficulty.value, '')}", "$text-accent"),
        ),
        Content(" ".join(sc.summary.split())),
        Content.assemble(("Goal: ", "bold"), sc.goal),
    ]
    if persona is not None:
        parts.append(
            Content.assemble(("Debtor: ", "bold"), (persona.name, "italic"), " — ", " ".join(persona.summary.split()))
        )
    parts.append(Content.styled("Objectives", "bold"))
    parts.extend(Content.assemble("  • ", obj) for obj in sc.objectives)
    parts.append(Content.styled("Enter opens the account file.", "$text-muted"))
    return Content("\n").join(parts)


def lesson_details(app: NegotiationApp, lesson_id: str) -> Content:
    lib = app.library
    assert lib is not None
    lesson = lib.lessons[lesson_id]
    mode = (
        "graded: fixed seeds, no hints, no mood indicator, no undo"
        if lesson.mode == "graded"
        else f"practice: up to {lesson.hints} hints a call, each costs {lesson.hint_cost} points"
    )
    parts: list[Content] = [
        Content.assemble((lesson.title, "bold $accent"), ("  " + lesson.mode, "$text-muted")),
        Content(" ".join(lesson.summary.split())),
        Content.assemble(("Mode: ", "bold"), mode),
        Content.assemble(
            ("Pass mark: ", "bold"),
            f"{lesson.rubric.pass_mark:g}",
            ("  Attempts: ", "bold"),
            str(lesson.attempts),
        ),
        Content.styled("Objectives", "bold"),
    ]
    parts.extend(Content.assemble("  • ", obj) for obj in lesson.objectives)
    parts.append(Content.styled("Calls", "bold"))
    for n, call in enumerate(lesson.calls, 1):
        sc = lib.scenarios.get(call.scenario)
        parts.append(Content(f"  {n}. {sc.title if sc else call.scenario}"))
    parts.append(Content.styled("Enter starts the lesson.", "$text-muted"))
    return Content("\n").join(parts)

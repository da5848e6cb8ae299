"""A lesson: its calls in order, each recorded in the classroom store; and the student-id prompt."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, Static

from ..plan import CallPlan

if TYPE_CHECKING:
    from ...classroom.run import LessonRun
    from ..app import NegotiationApp


def pending_call(run: LessonRun) -> tuple[int, bool] | None:
    """(index of the call to play next, whether it is an interrupted one), or None when all are scored."""
    attempts = run.store.run_attempts(run.run.id)
    unfinished = next((a for a in attempts if not a.finished), None)
    if unfinished is not None:
        return unfinished.call_index, True
    return (len(attempts), False) if len(attempts) < len(run.lesson.calls) else None


class LessonScreen(Screen[None]):
    """Where a lesson stands: its calls, their grades, and the next one to play."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Start the next call"),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self, run: LessonRun) -> None:
        super().__init__()
        self.run = run

    @property
    def sim(self) -> NegotiationApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="lesson-body"):
            yield Static(id="lesson-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.run.lesson.title
        self.sub_title = f"lesson · {self.run.student}"
        self.show_status()

    def on_screen_resume(self) -> None:
        self.show_status()

    def show_status(self) -> None:
        run = self.run
        lesson = run.lesson
        result = run.result()
        done = {c.index: c for c in result.calls}
        nxt = pending_call(run)
        mode = (
            "graded — fixed seeds, no hints, no mood indicator, no undo"
            if run.graded
            else f"practice — ^o gives a hint ({lesson.hints} a call, −{lesson.hint_cost} points each)"
        )
        attempt = f"attempt {run.attempt_number} of {lesson.attempts}" if run.graded else "practice run"
        lines: list[Content | str] = [
            Content.styled(lesson.title, "bold $accent"),
            Content(" ".join(lesson.summary.split())),
            "",
            Content.assemble(("Student  ", "$text-muted"), run.student, ("   ", ""), attempt),
            Content.assemble(("Mode     ", "$text-muted"), mode),
            Content.assemble(("Pass mark ", "$text-muted"), f"{lesson.rubric.pass_mark:g}"),
            "",
            Content.styled("Objectives", "bold"),
        ]
        lines += [Content.assemble("  • ", o) for o in lesson.objectives]
        lines += ["", Content.styled("Calls", "bold")]
        for n, spec in enumerate(lesson.calls):
            scenario = self.sim.library.scenarios.get(spec.scenario) if self.sim.library else None
            title = scenario.title if scenario else spec.scenario
            if n in done:
                c = done[n]
                verdict = ("passed", "$text-success") if c.passed else ("not passed", "$text-error")
                lines.append(Content.assemble(f"  {n + 1}. {title} — grade {c.grade:g} ", verdict))
            elif nxt is not None and nxt[0] == n:
                lines.append(
                    Content.assemble(
                        (f"▶ {n + 1}. {title}", "bold"),
                        ("  (interrupted — Enter resumes it)" if nxt[1] else "  (next)", "$text-muted"),
                    )
                )
            else:
                lines.append(Content.styled(f"  {n + 1}. {title}", "$text-muted"))
        lines.append("")
        if nxt is None:
            word = "PASSED" if result.passed else "NOT PASSED"
            lines.append(
                Content.assemble(
                    ("Lesson grade ", "bold"),
                    f"{result.grade:g} — ",
                    (word, "bold $text-success" if result.passed else "bold $text-error"),
                )
            )
            lines.append(
                Content.styled("Escape returns home. 'negotiation-sim gradebook' shows the class.", "$text-muted")
            )
        else:
            lines.append(Content.styled("Enter opens the next call's account file.", "$text-muted"))
        self.query_one("#lesson-status", Static).update(Content("\n").join(lines))

    def action_next(self) -> None:
        nxt = pending_call(self.run)
        if nxt is None:
            self.action_leave()
            return
        index, _ = nxt
        spec = self.run.lesson.calls[index]
        if not self.sim.playable(spec.scenario):
            self.notify(f"Scenario '{spec.scenario}' is not playable (see the content problems).", severity="error")
            return
        plan = CallPlan(
            spec.scenario, spec.seed, graded=self.run.graded, lesson_id=self.run.lesson.id, call_index=index
        )
        self.sim.show_account(plan)

    def action_leave(self) -> None:
        self.app.pop_screen()


class StudentPrompt(ModalScreen[str | None]):
    """Ask for the student id a lesson is recorded under."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, lesson_title: str) -> None:
        super().__init__()
        self.lesson_title = lesson_title

    def compose(self) -> ComposeResult:
        with Vertical(id="student-dialog"):
            yield Label(Content.assemble(("Lesson: ", "bold"), self.lesson_title))
            yield Label("Your student id (the gradebook records your calls under it):")
            yield Input(placeholder="e.g. ana.lopez", id="student-id", max_length=100)
            yield Label(Content.styled("Enter to start · Escape to cancel", "$text-muted"))

    @on(Input.Submitted, "#student-id")
    def _submitted(self, event: Input.Submitted) -> None:
        student = event.value.strip()
        if not student or not student.isprintable():
            self.notify("Type your student id first.", severity="warning")
            return
        self.dismiss(student)

    def action_cancel(self) -> None:
        self.dismiss(None)

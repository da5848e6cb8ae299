"""The call's status line widgets: where the call is, how long it has run, how the debtor feels."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ..format import STAGES, bar, clock, stage_label

SHORT = {
    "opening": "Open",
    "reminder": "Remind",
    "reason_finding": "Reason",
    "comments": "Comments",
    "counter_offer": "Counter",
    "good_faith": "Good faith",
    "written_confirmation": "Confirm",
    "closed": "Closed",
}


class StageTracker(Static):
    """opening › reminder › … with the current stage lit and the stages passed ticked."""

    stage: reactive[str] = reactive("opening")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.visited: set[str] = {"opening"}

    def watch_stage(self, stage: str) -> None:
        self.visited.add(stage)

    def render(self) -> Content:
        full = self._build(" › ", stage_label)
        if full.cell_length <= self.size.width or not self.size.width:
            return full
        return self._build("›", lambda s: SHORT.get(s, s))

    def _build(self, sep: str, name: Callable[[str], str]) -> Content:
        parts: list[str | tuple[str, str]] = []
        for n, stage in enumerate(STAGES):
            if n:
                parts.append((sep, "$text-muted"))
            label = name(stage)
            if stage == self.stage:
                parts.append((f" {label} ", "bold $text-accent on $accent-muted"))
            elif stage in self.visited:
                parts.append((f"✓{label}", "$text-success"))
            else:
                parts.append((label, "$text-muted"))
        return Content.assemble(*parts)


class CallTimer(Static):
    """Time on the call (display only: the engine has no clock). The app's clock is a test seam."""

    def __init__(self, clock_fn: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock_fn = clock_fn
        self.started = clock_fn()
        self.stopped: float | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh)

    def stop(self) -> None:
        self.stopped = self.clock_fn()
        self.refresh()

    @property
    def elapsed(self) -> float:
        return (self.stopped if self.stopped is not None else self.clock_fn()) - self.started

    def render(self) -> Content:
        return Content.assemble(("⏱ ", "$text-muted"), clock(self.elapsed))


class MoodMeter(Static):
    """The debtor's trust and stress (practice mode only; graded mode hides it)."""

    trust: reactive[int] = reactive(50)
    stress: reactive[int] = reactive(0)
    mood: reactive[str] = reactive("calm")

    def render(self) -> Content:
        width = max(4, self.size.width - 14)
        mood_style = {"calm": "$text-success", "tense": "$text-warning", "upset": "$text-error"}.get(self.mood, "")
        return Content("\n").join(
            [
                Content.assemble(("Trust  ", "$text-muted"), (bar(self.trust, width), "$success"), f" {self.trust:>3}"),
                Content.assemble(("Stress ", "$text-muted"), (bar(self.stress, width), "$error"), f" {self.stress:>3}"),
                Content.assemble(("Mood   ", "$text-muted"), (self.mood, f"bold {mood_style}")),
            ]
        )

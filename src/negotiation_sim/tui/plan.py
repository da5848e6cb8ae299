"""What call to play next: the scenario, the seed, and whether it is graded (part of a lesson)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class CallPlan:
    scenario_id: str
    seed: int
    graded: bool = False  # graded: no mood indicator, no undo, no hints, fixed seed
    lesson_id: str | None = None
    call_index: int = 0  # the call's position in its lesson

    @property
    def practice(self) -> bool:
        return not self.graded

    def with_seed(self, seed: int) -> CallPlan:
        return replace(self, seed=seed)

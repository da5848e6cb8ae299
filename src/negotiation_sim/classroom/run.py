"""A lesson run: one student's sitting of a lesson, call after call, journaled turn by turn.

This is the API the plain CLI and the TUI share::

    run = LessonRun.begin(store, library, "cca-lesson-1", "ana")   # resumes an unfinished run if any
    run.resumed                      # True when it picked up an unfinished run (say so: "resuming…")
    while (call := run.next_call()) is not None:   # starts the next call, or replays the interrupted one
        session = call.session       # a CallSession; call.resumed, call.index, call.attempt_id
        run.show_mood, run.hints_allowed, run.hints_left   # graded: no mood, no hints, no undo
        new = run.say(text)          # session.say + journal (committed before you show the reply)
        hint = run.hint()            # practice only: journaled, costs lesson.hint_cost points
        ...                          # run.end("reason") hangs up; run.journal(events) if you drove session
        grade = run.finish_call()    # once session.closed: scored with the lesson rubric, stored
    result = run.result()            # LessonResult: per-call grades, lesson grade, passed

`LessonRun.begin` raises `AttemptsUsedUp` when a graded lesson's attempts are all taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content.lesson import Lesson
from ..content.library import Library
from ..engine.events import Event
from ..engine.session import CallSession, ReplayError
from ..store.db import Store, StoreError
from ..store.records import AttemptRecord, RunRecord
from .grading import CallGrade, critical_findings, grade_call, lesson_grade, rubric_hash
from .hints import next_hint


class HintRefused(Exception):
    """No hint now: graded lesson, none left, or no call in progress. The message says which."""


@dataclass
class CallInPlay:
    index: int  # 0-based position in the lesson
    attempt_id: int
    session: CallSession
    resumed: bool = False
    hints: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CallResult:
    index: int
    attempt_id: int
    scenario_id: str
    title: str
    grade: float
    overall: float
    hints_used: int
    passed: bool
    critical: int
    outcome: str | None


@dataclass(frozen=True)
class LessonResult:
    lesson: Lesson
    run: RunRecord
    calls: list[CallResult]
    grade: float
    passed: bool

    @property
    def complete(self) -> bool:
        return len(self.calls) == len(self.lesson.calls)


class LessonRun:
    def __init__(self, store: Store, library: Library, lesson: Lesson, run: RunRecord, *, resumed: bool) -> None:
        self.store = store
        self.library = library
        self.lesson = lesson
        self.run = run
        self.resumed = resumed
        self.call: CallInPlay | None = None

    # --- starting ------------------------------------------------------------------------------
    @classmethod
    def begin(
        cls, store: Store, library: Library, lesson_id: str, student: str, *, name: str | None = None
    ) -> LessonRun:
        """Resume the student's unfinished run of the lesson, or start a new one (checking the limit)."""
        lesson = library.lesson(lesson_id)
        unfinished = store.unfinished_runs(student, lesson.id)
        if unfinished:
            return cls(store, library, lesson, unfinished[0], resumed=True)
        limit = lesson.attempts if lesson.mode == "graded" else None
        run = store.start_run(student, lesson.id, mode=lesson.mode, calls=len(lesson.calls), limit=limit, name=name)
        return cls(store, library, lesson, run, resumed=False)

    @classmethod
    def resume(cls, store: Store, library: Library, run_id: int) -> LessonRun:
        run = store.run(run_id)
        return cls(store, library, library.lesson(run.lesson_id), run, resumed=True)

    # --- what the UI needs to know -----------------------------------------------------------------
    @property
    def student(self) -> str:
        return self.run.student_id

    @property
    def graded(self) -> bool:
        return self.run.mode == "graded"

    @property
    def show_mood(self) -> bool:
        return not self.graded

    @property
    def allow_undo(self) -> bool:
        return False

    @property
    def hints_allowed(self) -> bool:
        return not self.graded and self.lesson.hints > 0

    @property
    def hints_left(self) -> int:
        if not self.hints_allowed or self.call is None:
            return 0
        return max(0, self.lesson.hints - len(self.call.hints))

    @property
    def attempt_number(self) -> int:
        """Which attempt at this lesson this run is (1-based)."""
        runs = self.store.runs(student=self.student, lesson=self.lesson.id)
        return next((n for n, r in enumerate(runs, 1) if r.id == self.run.id), len(runs))

    @property
    def attempts_allowed(self) -> int | None:
        return self.lesson.attempts if self.graded else None

    # --- calls -------------------------------------------------------------------------------------
    def next_call(self) -> CallInPlay | None:
        """The call in progress (an interrupted one is replayed from its events), else the next one."""
        if self.call is not None and not self._finished(self.call.attempt_id):
            return self.call
        attempts = self.store.run_attempts(self.run.id)
        pending = next((a for a in attempts if not a.finished), None)
        if pending is not None:
            self.call = self._replayed(pending)
            return self.call
        index = len(attempts)
        if index >= len(self.lesson.calls):
            self.call = None
            return None
        spec = self.lesson.calls[index]
        scenario = self.library.scenario(spec.scenario)
        persona = self.library.persona_for(scenario)
        session = CallSession(scenario, persona, seed=spec.seed)
        attempt_id = self.store.start_attempt(
            self.student,
            self.lesson.id,
            scenario.id,
            session.seed,
            persona_id=persona.id,
            run_id=self.run.id,
            call_index=index,
            mode=self.run.mode,
            events=session.events,
        )
        self.call = CallInPlay(index, attempt_id, session)
        return self.call

    def _replayed(self, attempt: AttemptRecord) -> CallInPlay:
        try:
            scenario = self.library.scenario(attempt.scenario_id)
        except KeyError as exc:
            raise StoreError(f"cannot resume attempt {attempt.id}: {exc.args[0]}") from None
        persona = self.library.persona_for(scenario)
        try:
            session = CallSession.replay(scenario, persona, self.store.events(attempt.id))
        except ReplayError as exc:
            raise StoreError(
                f"cannot resume attempt {attempt.id}: {exc} (was the scenario or persona edited since?)"
            ) from None
        self.store.resume_attempt(attempt.id)
        hints = [h.text for h in self.store.hints(attempt.id)]
        return CallInPlay(attempt.call_index, attempt.id, session, resumed=True, hints=hints)

    def _current(self) -> CallInPlay:
        if self.call is None:
            raise StoreError("no call in progress; call next_call() first")
        return self.call

    def journal(self, events: Sequence[Event]) -> None:
        """Commit a turn's events (what `play_plain(on_turn=...)` calls before the reply is shown)."""
        self.store.append_events(self._current().attempt_id, list(events))

    def say(self, text: str) -> list[Event]:
        new = self._current().session.say(text)
        self.journal(new)
        return new

    def end(self, reason: str = "collector ended the call") -> list[Event]:
        new = self._current().session.end(reason)
        self.journal(new)
        return new

    def hint(self) -> str:
        """The next step, journaled with the call; each one costs the lesson's hint_cost points."""
        call = self.call
        if self.graded:
            raise HintRefused("hints are off in a graded lesson")
        if call is None or call.session.closed:
            raise HintRefused("there is no call in progress")
        if not self.hints_allowed or self.hints_left <= 0:
            raise HintRefused(f"no hints left for this call (the lesson allows {self.lesson.hints})")
        text = next_hint(call.session.scenario, call.session.events).text
        self.store.record_hint(call.attempt_id, call.session.turn, text)
        call.hints.append(text)
        return text

    def finish_call(self) -> CallGrade:
        """Score the closed call with the lesson's rubric and store it; the last call finishes the run."""
        call = self._current()
        if not call.session.closed:
            raise StoreError("the call is still open; it can only be scored once it has closed")
        session = call.session
        grade = grade_call(
            session.scenario,
            session.persona,
            session.events,
            self.lesson.rubric,
            hints_used=len(call.hints),
            hint_cost=self.lesson.hint_cost,
        )
        self.store.finish_attempt(
            call.attempt_id,
            grade.card,
            overall=grade.overall,
            grade=grade.grade,
            passed=grade.passed,
            hint_penalty=grade.hint_penalty,
            rubric_hash=rubric_hash(self.lesson.rubric),
        )
        if call.index + 1 >= len(self.lesson.calls):
            self.result()
        return grade

    def _finished(self, attempt_id: int) -> bool:
        return self.store.attempt(attempt_id).finished

    # --- the end -------------------------------------------------------------------------------------
    def result(self) -> LessonResult:
        """The lesson's result so far; when every call is scored, the run is closed with its grade."""
        calls = [self._call_result(a) for a in self.store.run_attempts(self.run.id) if a.finished]
        grade, passed = lesson_grade([c.grade for c in calls], sum(c.critical for c in calls), self.lesson.rubric)
        if len(calls) >= len(self.lesson.calls) and not self.store.run(self.run.id).finished:
            self.store.finish_run(self.run.id, grade, passed)
        self.run = self.store.run(self.run.id)
        return LessonResult(self.lesson, self.run, calls, grade, passed and len(calls) == len(self.lesson.calls))

    def _call_result(self, attempt: AttemptRecord) -> CallResult:
        score = self.store.scorecard(attempt.id)
        scenario = self.library.scenarios.get(attempt.scenario_id)
        return CallResult(
            index=attempt.call_index,
            attempt_id=attempt.id,
            scenario_id=attempt.scenario_id,
            title=scenario.title if scenario else attempt.scenario_id,
            grade=score.grade if score else 0.0,
            overall=score.overall if score else 0.0,
            hints_used=len(self.store.hints(attempt.id)),
            passed=bool(score and score.passed),
            critical=critical_findings(score.card) if score else 0,
            outcome=attempt.outcome,
        )

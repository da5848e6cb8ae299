"""Classroom lesson runs on top of the store: which call is next, attempts, graded/practice rules, resume.

See `classroom.run.LessonRun` for the API the CLI and the TUI share.
"""

from __future__ import annotations

from .grading import CallGrade, lesson_grade, rubric_hash
from .hints import Hint, next_hint
from .run import CallInPlay, CallResult, HintRefused, LessonResult, LessonRun

__all__ = [
    "CallGrade",
    "CallInPlay",
    "CallResult",
    "Hint",
    "HintRefused",
    "LessonResult",
    "LessonRun",
    "lesson_grade",
    "next_hint",
    "rubric_hash",
]

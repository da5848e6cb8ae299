"""Scripted trainee strategies that play calls headless through `CallSession`."""

from .base import CallView, Strategy, play_call
from .strategies import STRATEGIES, Aggressive, ByTheBook, Pushover, RandomLegal, strategy_named

__all__ = [
    "STRATEGIES",
    "Aggressive",
    "ByTheBook",
    "CallView",
    "Pushover",
    "RandomLegal",
    "Strategy",
    "play_call",
    "strategy_named",
]

"""Random draws exactly as `random.Random` makes them, in one step instead of two or three.

A call draws a number on every turn (which of the debtor's lines is said), and the bots and
explorers several (a phrase, a number of months, a share of the balance). `random.Random`'s
choice, randint and randrange check their arguments and pass through two or three Python
calls to reach the one thing they do: draw k = n.bit_length() bits with getrandbits, again
while the result is n or more, and use it as an index or an offset. These functions do that
on the same generator, so a seed gives the same numbers as before; a case they do not cover
is left to random.Random. tests/engine/test_draws.py holds them to random.Random's results.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def choice(rng: random.Random, seq: Sequence[T]) -> T:
    """What `rng.choice(seq)` draws."""
    n = len(seq)
    if not n:
        return rng.choice(seq)  # raises IndexError, as random.Random does
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return seq[r]


def randrange(rng: random.Random, start: int, stop: int, step: int = 1) -> int:
    """What `rng.randrange(start, stop, step)` draws (whole numbers, a positive step)."""
    n = (stop - start + step - 1) // step if step > 0 else 0
    if n <= 0:
        return rng.randrange(start, stop, step)  # an empty range or a step down: random.Random's own
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return start + step * r


def randint(rng: random.Random, a: int, b: int) -> int:
    """What `rng.randint(a, b)` draws: randrange(a, b + 1)."""
    n = b - a + 1
    if n <= 0:
        return rng.randint(a, b)  # an empty range: random.Random raises
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return a + r


def weighted(rng: random.Random, population: Sequence[T], cum_weights: Sequence[float]) -> T:
    """What `rng.choices(population, cum_weights=cum_weights)[0]` draws: one random(), bisected
    into the running totals (positive and finite, as random.choices requires)."""
    return population[bisect.bisect(cum_weights, rng.random() * (cum_weights[-1] + 0.0), 0, len(population) - 1)]

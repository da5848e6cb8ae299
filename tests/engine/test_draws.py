"""engine/draws.py draws what random.Random draws: the same numbers, and the generator left in the same state."""

from __future__ import annotations

import itertools
import random

import pytest

from negotiation_sim.engine import draws

SEEDS = range(60)


def _same_state(a: random.Random, b: random.Random) -> bool:
    return a.getstate() == b.getstate()


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 23, 29, 100, 1000, 2**31 + 5])
def test_choice_draws_what_random_choice_draws(n: int) -> None:
    seq = range(n)  # a sequence without the memory
    for seed in SEEDS:
        ours, theirs = random.Random(seed), random.Random(seed)
        got = [draws.choice(ours, seq) for _ in range(20)]
        assert got == [theirs.choice(seq) for _ in range(20)]
        assert _same_state(ours, theirs)


@pytest.mark.parametrize(
    ("start", "stop", "step"), [(0, 1, 1), (20, 111, 5), (1, 7, 1), (-5, 5, 3), (3, 100, 7), (0, 2**40, 1)]
)
def test_randrange_draws_what_random_randrange_draws(start: int, stop: int, step: int) -> None:
    for seed in SEEDS:
        ours, theirs = random.Random(seed), random.Random(seed)
        got = [draws.randrange(ours, start, stop, step) for _ in range(20)]
        assert got == [theirs.randrange(start, stop, step) for _ in range(20)]
        assert _same_state(ours, theirs)


@pytest.mark.parametrize(("a", "b"), [(1, 1), (1, 4), (1, 15), (0, 9), (-3, 3), (1, 1000)])
def test_randint_draws_what_random_randint_draws(a: int, b: int) -> None:
    for seed in SEEDS:
        ours, theirs = random.Random(seed), random.Random(seed)
        assert [draws.randint(ours, a, b) for _ in range(20)] == [theirs.randint(a, b) for _ in range(20)]
        assert _same_state(ours, theirs)


def test_weighted_draws_what_random_choices_draws() -> None:
    population = tuple("abcdefgh")
    weights = (1.0, 0.25, 3.0, 1.0, 0.6, 0.6, 1.0, 0.3)
    cum = tuple(itertools.accumulate(weights))
    for seed in SEEDS:
        ours, theirs = random.Random(seed), random.Random(seed)
        got = [draws.weighted(ours, population, cum) for _ in range(50)]
        assert got == [theirs.choices(population, cum_weights=cum)[0] for _ in range(50)]
        assert _same_state(ours, theirs)


def test_what_draws_does_not_cover_is_random_randoms_own() -> None:
    rng = random.Random(1)
    with pytest.raises(IndexError):
        draws.choice(rng, [])
    with pytest.raises(ValueError):
        draws.randint(rng, 5, 4)
    with pytest.raises(ValueError):
        draws.randrange(rng, 5, 5)
    ours, theirs = random.Random(3), random.Random(3)
    assert [draws.randrange(ours, 10, 0, -3) for _ in range(10)] == [theirs.randrange(10, 0, -3) for _ in range(10)]

"""The strategies `explore` can run, by name: the scripted bots and the randomised explorers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..bots import STRATEGIES as BOT_STRATEGIES
from ..bots import Strategy
from ..bots import strategy_named as bot_named
from ..content.persona import Persona
from ..content.scenario import Scenario
from .coverage import Coverage
from .guided import Aim, Guided, aims
from .strategies import Drift, RandomAny

CARELESS = ("aggressive", "pushover")


@dataclass(frozen=True)
class Context:
    """What an explorer may know: the scenario, the persona, and the coverage of earlier calls."""

    scenario: Scenario
    persona: Persona
    coverage: Coverage

    @cached_property
    def guided_plan(self) -> list[Aim]:
        """The guided explorer's targets: the same for every call of an exploration, so worked out once."""
        return aims(self.scenario, self.persona, self.coverage.catalog)


@dataclass(frozen=True)
class StrategySpec:
    name: str
    description: str
    make: Callable[[int, Context], Strategy]
    careless: bool = False
    # True when a call's moves depend on the coverage of the calls before it: such calls are
    # played one after another, in order; the others can be played anywhere, in any order.
    reads_coverage: bool = False


def _bot(name: str) -> Callable[[int, Context], Strategy]:
    return lambda seed, ctx: bot_named(name, seed)


def strategy_specs() -> dict[str, StrategySpec]:
    specs = {
        name: StrategySpec(name, str(getattr(cls, "description", name)), _bot(name), careless=name in CARELESS)
        for name, cls in BOT_STRATEGIES.items()
    }
    specs[RandomAny.name] = StrategySpec(RandomAny.name, RandomAny.description, lambda seed, ctx: RandomAny(seed))
    specs[Drift.name] = StrategySpec(Drift.name, Drift.description, lambda seed, ctx: Drift(seed))
    specs[Guided.name] = StrategySpec(
        Guided.name,
        Guided.description,
        lambda seed, ctx: Guided(seed, ctx.scenario, ctx.persona, ctx.coverage, ctx.guided_plan),
        reads_coverage=True,
    )
    return specs

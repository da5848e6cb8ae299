"""Play and grade the calls of an exploration: the same code in the main process and in workers.

Call i of the k-th strategy is fully decided by the plan: its seed is `seed + i`, its strategy's
seed is worked out from (seed, k, i), and its debtor comes from a pool of IDENTITY_POOL generated
identities. So any process can play any call of a strategy that does not read the coverage of
earlier calls, and get the very events the main process would have.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..bots import play_call
from ..content.lesson import Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.events import Event
from ..engine.identity import Identity, identity_for
from ..engine.moves import default_recogniser
from ..engine.session import CallSession
from .coverage import Coverage
from .grading import grade
from .lines import LineCatalog
from .registry import Context, StrategySpec, strategy_specs
from .report import Batch

IDENTITY_POOL = 32  # distinct generated debtors per exploration: Faker is slow, the engine is not
MAX_TURNS = 40


@dataclass(frozen=True)
class Plan:
    """Everything that decides an exploration's calls (sent once to each worker process)."""

    scenario: Scenario
    persona: Persona
    rubric: Rubric | None
    seed: int
    names: tuple[str, ...]  # the strategies, in the report's order
    runs: int  # calls per strategy

    def strategy_seed(self, k: int, i: int) -> int:
        return self.seed * 7919 + k * 104_729 + i


@dataclass(frozen=True, slots=True)
class Played:
    """A call played in the main process, on its way to be graded."""

    seed: int
    outcome: str
    events: list[Event]


class Player:
    """One process's means to play and grade calls of a plan.

    Made before any worker starts, so that forked workers share what it built: the recogniser,
    the Faker identities, the imported scoring code.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        specs = strategy_specs()
        self.specs: list[StrategySpec] = [specs[name] for name in plan.names]
        self.recogniser = default_recogniser().prepare()
        self.catalog = LineCatalog(plan.persona, plan.scenario)
        slots = sorted({(plan.seed + i) % IDENTITY_POOL for i in range(min(plan.runs, IDENTITY_POOL))})
        self.identities: dict[int, Identity] = {
            slot: identity_for(plan.seed + slot, plan.persona.gender) for slot in slots
        }
        import negotiation_sim.scoring  # noqa: F401 - loaded now, once, rather than by the first grade

    def play(self, k: int, i: int, context: Context) -> CallSession:
        """Call i of the k-th strategy, played to the end."""
        plan = self.plan
        call_seed = plan.seed + i
        strategy = self.specs[k].make(plan.strategy_seed(k, i), context)
        session = CallSession(
            plan.scenario,
            plan.persona,
            seed=call_seed,
            recogniser=self.recogniser,
            identity=self.identities[call_seed % IDENTITY_POOL],
        )
        return play_call(session, strategy, max_turns=MAX_TURNS)

    def play_batch(self, k: int, first: int, count: int) -> Batch:
        """Play, count and grade calls first..first+count-1 of a strategy that does not read the coverage."""
        plan = self.plan
        coverage = Coverage(self.catalog)  # these calls' own counts: the main process adds them up
        context = Context(plan.scenario, plan.persona, coverage)
        batch = Batch()
        clock = time.thread_time  # CPU time: what the work costs, however busy the machine is
        for i in range(first, first + count):
            t0 = clock()
            session = self.play(k, i, context)
            t1 = clock()
            coverage.add(session.events)
            t2 = clock()
            g = grade(plan.scenario, plan.persona, session.events, plan.rubric)
            t3 = clock()
            batch.add(plan.seed + i, g.overall, g.passed, _outcome(session), session.events)
            batch.play_seconds += t1 - t0
            batch.coverage_seconds += t2 - t1
            batch.grade_seconds += t3 - t2
        batch.tally = coverage.tally()
        return batch

    def grade_batch(self, calls: list[Played]) -> Batch:
        """Grade calls the main process played (and counted)."""
        plan = self.plan
        batch = Batch()
        clock = time.thread_time  # CPU time: what the work costs, however busy the machine is
        for call in calls:
            t0 = clock()
            g = grade(plan.scenario, plan.persona, call.events, plan.rubric)
            batch.grade_seconds += clock() - t0
            batch.add(call.seed, g.overall, g.passed, call.outcome, call.events)
        return batch


def _outcome(session: CallSession) -> str:
    return session.outcome.value if session.outcome else "open"


def played(session: CallSession) -> Played:
    return Played(session.seed, _outcome(session), session.events)

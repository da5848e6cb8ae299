"""Run scenario test files: play each scripted call on the engine and check every expectation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.library import Library, content_dirs
from ..content.persona import Persona
from ..content.problems import Problem
from ..content.scenario import Scenario
from ..content.yamlsource import Loc
from ..engine import events as ev
from ..engine.events import Event
from ..engine.offers import money
from ..engine.session import CallSession
from .grading import Grade, grade
from .testfile import Case, Expect, LoadedTests, Turn, as_list, load_test_file

TEST_GLOB = "*.test.yaml"


@dataclass
class CaseResult:
    path: str
    name: str
    failures: list[str] = field(default_factory=list)
    turns: int = 0
    outcome: str | None = None
    grade: Grade | None = None

    @property
    def passed(self) -> bool:
        return not self.failures

    def line(self) -> str:
        facts = [f"{self.turns} turn{'s' if self.turns != 1 else ''}"]
        if self.outcome:
            facts.append(self.outcome.replace("_", " "))
        if self.grade is not None:
            facts.append(f"grade {self.grade.overall:g}")
        return f"{'PASS' if self.passed else 'FAIL'} {self.path}: {self.name} ({', '.join(facts)})"


def discover(dirs: list[Path]) -> list[Path]:
    """Every scenario test file in the content folders: `scenarios/tests/*.test.yaml`."""
    found: list[Path] = []
    for d in dirs:
        folder = d / "scenarios" / "tests"
        if folder.is_dir():
            found.extend(sorted(folder.glob(TEST_GLOB)))
    return found


def expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.rglob(TEST_GLOB)) if p.is_dir() else [p])
    return out


def say_values(session: CallSession) -> dict[str, str]:
    s = session.scenario
    a = s.account
    return {
        "name": session.identity.name,
        "first_name": session.identity.first_name,
        "balance": money(a.balance),
        "original_balance": money(a.original_balance),
        "creditor": a.creditor,
        "due_date": a.due_date,
        "delivered": a.delivered,
        "reference": a.reference,
        "collector": s.collector_name,
        "agency": s.agency,
        "floor": money(s.floor_amount),
        "min_good_faith": money(s.authority.min_good_faith),
        "max_plan_months": str(s.authority.max_plan_months),
    }


class _Checker:
    def __init__(self, tests: LoadedTests, loc: Loc) -> None:
        self.tests = tests
        self.loc = loc
        self.failures: list[str] = []

    def fail(self, loc: Loc, message: str) -> None:
        self.failures.append(f"{self.tests.where((*self.loc, *loc))}: {message}")


def run_case(tests: LoadedTests, index: int, lib: Library) -> CaseResult:
    case = tests.model.cases[index]
    scenario = lib.scenarios[tests.model.scenario]
    persona = lib.persona_for(scenario)
    result = CaseResult(tests.doc.path, case.name)
    check = _Checker(tests, ("cases", index))
    session = CallSession(scenario, persona, seed=case.seed)
    values = say_values(session)
    finding_checks: list[tuple[Loc, int, Turn]] = []
    for t, turn in enumerate(case.turns):
        loc: Loc = ("turns", t)
        if session.closed:
            check.fail(
                loc,
                f"the call closed after turn {t} ({_closed_reason(session.events)}); "
                f"{len(case.turns) - t} scripted line(s) were never said",
            )
            break
        if turn.hang_up:
            new = session.end("the collector hung up")
            what = "hang up"
        else:
            assert turn.say is not None
            text = turn.say.format_map(values)
            new = session.say(text)
            what = repr(_short(text))
        result.turns = t + 1
        _check_turn(check, loc, f"turn {t + 1} ({what})", turn, session, new, values)
        if turn.expect_finding or turn.expect_no_finding:
            finding_checks.append((loc, session.turn, turn))
    if not session.closed:
        session.end("the script ended")
    result.outcome = session.outcome.value if session.outcome else None
    needs_grade = (
        case.expect_grade
        or case.expect_passed is not None
        or case.expect_finding
        or case.expect_no_finding
        or finding_checks
    )
    if needs_grade:
        rubric = lib.lessons[case.lesson].rubric if case.lesson else None
        result.grade = grade(scenario, persona, session.events, rubric)
        for loc, by_turn, turn in finding_checks:
            _check_findings(
                check,
                loc,
                f"by turn {by_turn}",
                result.grade,
                turn.expect_finding,
                turn.expect_no_finding,
                by_turn,
            )
    _check_end(check, case, result, scenario, persona)
    result.failures = check.failures
    return result


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _closed_reason(events: list[Event]) -> str:
    for e in reversed(events):
        if e["type"] == ev.CALL_CLOSED:
            return f"{e['outcome'].replace('_', ' ')}: {e['reason']}"
    return "closed"


def _check_turn(
    check: _Checker,
    loc: Loc,
    where: str,
    turn: Turn,
    session: CallSession,
    new: list[Event],
    values: dict[str, str],
) -> None:
    said = next((e for e in new if e["type"] == ev.TRAINEE_SAID), None)
    heard = said["moves"] if said else []
    for move in turn.expect_moves or []:
        if move not in heard:
            check.fail((*loc, "expect_moves"), f"{where}: expected move {move}, heard {_list(heard)}")
    for move in turn.expect_not_moves or []:
        if move in heard:
            check.fail((*loc, "expect_not_moves"), f"{where}: move {move} was heard but should not be")
    replies = [e for e in new if e["type"] == ev.DEBTOR_SAID]
    reply_text = " ".join(e["text"] for e in replies)
    for wanted in (w.format_map(values) for w in as_list(turn.expect_reply_contains)):
        if wanted.casefold() not in reply_text.casefold():
            check.fail(
                (*loc, "expect_reply_contains"),
                f"{where}: expected the reply to contain {wanted!r}, reply was {reply_text!r}",
            )
    if turn.expect is not None:
        _check_expect(check, (*loc, "expect"), where, turn.expect, session, replies)


def _list(items: list[str]) -> str:
    return ", ".join(items) if items else "nothing"


def _check_expect(
    check: _Checker, loc: Loc, where: str, exp: Expect, session: CallSession, replies: list[Event]
) -> None:
    state = session.debtor.state
    events = session.events

    def fail(key: str, message: str) -> None:
        check.fail((*loc, key), f"{where}: {message}")

    if exp.stage is not None and session.stage != exp.stage:
        fail("stage", f"expected stage {exp.stage.value}, got {session.stage.value}")
    if exp.mood is not None:
        moods = [e["mood"] for e in replies]
        if exp.mood.value not in moods:
            fail("mood", f"expected a {exp.mood.value} reply, got {_list(moods)}")
    if exp.situation is not None:
        keys = [e["situation"] for e in replies]
        if exp.situation not in keys:
            fail("situation", f"expected a '{exp.situation}' line, got {_list(keys)}")
    revealed = {e["id"] for e in events if e["type"] == ev.REVEALED}
    for rid in as_list(exp.revealed):
        if rid not in revealed:
            fail("revealed", f"expected reveal '{rid}' by now; revealed: {_list(sorted(revealed))}")
    for rid in as_list(exp.not_revealed):
        if rid in revealed:
            fail("not_revealed", f"reveal '{rid}' fired but should not have by now")
    flags = {e["flag"] for e in events if e["type"] == ev.FLAG}
    for flag in as_list(exp.flag):
        if flag not in flags:
            fail("flag", f"expected flag {flag} by now; raised: {_list(sorted(flags))}")
    if exp.closed is not None and session.closed != exp.closed:
        fail(
            "closed",
            f"expected the call to be {'closed' if exp.closed else 'open'}, it is "
            f"{'closed (' + _closed_reason(events) + ')' if session.closed else 'open'}",
        )
    if exp.outcome is not None:
        got = session.outcome.value if session.outcome else "none (the call is open)"
        if session.outcome != exp.outcome:
            fail("outcome", f"expected outcome {exp.outcome.value}, got {got}")
    if exp.agreed is not None:
        agreed = state.agreement is not None
        if agreed != exp.agreed:
            terms = f" ({state.agreement.describe()})" if state.agreement else ""
            fail(
                "agreed",
                f"expected {'an' if exp.agreed else 'no'} agreement, there is {'one' if agreed else 'none'}{terms}",
            )
    bounds: list[tuple[str, int | None, int, bool]] = [  # key, wanted, actual, whether "at least"
        ("trust_at_least", exp.trust_at_least, state.trust, True),
        ("trust_below", exp.trust_below, state.trust, False),
        ("stress_at_least", exp.stress_at_least, state.stress, True),
        ("stress_below", exp.stress_below, state.stress, False),
    ]
    for key, wanted, actual, at_least in bounds:
        if wanted is not None and (actual < wanted if at_least else actual >= wanted):
            what = key.split("_")[0]
            fail(key, f"expected {key.replace('_', ' ')} {wanted}, {what} is {actual}")


def _check_findings(
    check: _Checker, loc: Loc, when: str, g: Grade, wanted: object, unwanted: object, by_turn: int | None
) -> None:
    rules = sorted({f.rule for f in g.findings if by_turn is None or f.turn is None or f.turn <= by_turn})
    for rule in as_list(wanted):
        if not g.has(rule, by_turn=by_turn):
            check.fail((*loc, "expect_finding"), f"expected finding {rule} {when}; found: {_list(rules)}")
    for rule in as_list(unwanted):
        if g.has(rule, by_turn=by_turn):
            check.fail((*loc, "expect_no_finding"), f"finding {rule} {when}, but it should not be there")


def _check_end(check: _Checker, case: Case, result: CaseResult, scenario: Scenario, persona: Persona) -> None:
    if case.expect_outcome is not None and result.outcome != case.expect_outcome.value:
        check.fail(("expect_outcome",), f"expected outcome {case.expect_outcome.value}, got {result.outcome}")
    g = result.grade
    if g is None:
        return
    if case.expect_grade is not None and not case.expect_grade.min <= g.overall <= case.expect_grade.max:
        check.fail(
            ("expect_grade",),
            f"expected a grade from {case.expect_grade.min:g} to {case.expect_grade.max:g}, got {g.overall:g}",
        )
    if case.expect_passed is not None and g.passed != case.expect_passed:
        check.fail(
            ("expect_passed",),
            f"expected the call to {'pass' if case.expect_passed else 'fail'}, it "
            f"{'passed' if g.passed else 'failed'} with {g.overall:g}",
        )
    _check_findings(check, (), "in the call", g, case.expect_finding, case.expect_no_finding, None)


@dataclass
class RunResult:
    problems: list[Problem] = field(default_factory=list)
    cases: list[CaseResult] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(not c.passed for c in self.cases)


def run_files(paths: list[Path], lib: Library, moves: frozenset[str] | None) -> RunResult:
    out = RunResult()
    for path in paths:
        loaded, problems = load_test_file(path, lib, moves)
        out.problems.extend(problems)
        if loaded is None:
            continue
        for i in range(len(loaded.model.cases)):
            out.cases.append(run_case(loaded, i, lib))
    return out


def default_paths(extra: list[str]) -> list[Path]:
    return discover(content_dirs(extra))

"""The transparent move recogniser: trainee text -> moves + figures.

Rules are data (`recogniser/moves.yaml`): per move, literal phrases and regular expressions,
compiled once. A line may hold several moves; they come back in the order they first
appear in the text. Nothing here is clever on purpose: a trainee is shown the moves under
their line and a trainer can read the rule that fired.
"""

from __future__ import annotations

import functools
import importlib
import pathlib
import re
from dataclasses import dataclass
from typing import Any

from ..content.problems import Problem
from ..content.recogniser_rules import (
    RecogniserRules,
    RecogniserRulesError,
    compiled,
    parse_rules_text,
    pattern_source,
)
from .figures import Figures, extract_normalised, normalise_text

__all__ = [
    "MOVES",
    "Recogniser",
    "RecogniserRules",
    "RecogniserRulesError",
    "Recognition",
    "default_recogniser",
    "default_rules_path",
    "load_rules",
]

MOVES: tuple[str, ...] = (
    "greet",
    "identify_self",
    "verify_identity",
    "mini_miranda",
    "state_agenda",
    "remind",
    "ask_reason",
    "acknowledge",
    "ask_proof",
    "state_expectation",
    "ask_comments",
    "request_counter_offer",
    "offer",
    "accept",
    "reject",
    "consider",
    "ask_good_faith",
    "explain_consequences",
    "confirm_in_writing",
    "schedule_follow_up",
    "redirect",
    "off_topic",
    "small_talk",
    "threat",
    "abusive",
    "disclose_debt",
    "end_call",
    "offer_validation",
    "ask_attorney_details",
)


@dataclass(frozen=True, slots=True)
class Recognition:
    moves: tuple[str, ...]  # distinct, in the order they appear in the text
    figures: Figures
    text: str  # the normalised text that was analysed


@dataclass(frozen=True, slots=True)
class _Move:
    move: str
    rank: int
    unless: re.Pattern[str] | None
    negatable: bool
    requires: tuple[str, ...]


_WORD = re.compile(r"[\w']+")
# A clause ends at punctuation or a linking word; negation does not reach across it.
_CLAUSE_END = re.compile(r"[.,;:!?()\"]|\s-\s|\b(?:but|however|though|although|otherwise|unless|so)\b")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)")
_LOOK_BACK = 80  # characters before a match searched for a negating word
_CACHE_MAX_TEXT = 400  # lines up to this long are remembered (bots repeat their lines)


def _phrase_source(phrase: str) -> str:
    """A literal phrase as a regex: whole words, flexible spaces, optional apostrophes and hyphens."""
    body = r"\s+".join(re.escape(word) for word in phrase.lower().split())
    body = body.replace("'", "'?").replace(r"\-", r"[\s-]?")
    start = r"\b" if (phrase[:1].isalnum() or phrase[:1] == "_") else ""
    end = r"\b" if (phrase[-1:].isalnum() or phrase[-1:] == "_") else ""
    return start + body + end


def _squash(word: str) -> str:
    return word.replace("'", "").lower()


class Recogniser:
    """Compiled rules; `recognise` is pure and fast.

    Speed: a regex tries each alternative at each position of the line, so a few hundred
    patterns cost milliseconds. Instead every phrase and pattern is compiled on its own,
    and indexed by literal text that any match of it must contain (worked out from the
    parsed regex). A line runs only the patterns whose literals occur in it.

    The index is built when the first line is recognised, and a regex when a line first needs
    it: a command that only asks which moves exist (to validate content) builds nothing.
    """

    def __init__(self, rules: RecogniserRules) -> None:
        self._rules = rules
        self._known = frozenset(rules.moves)
        self._negators = frozenset(_squash(w) for w in rules.negation.words)
        self._stops = frozenset(_squash(w) for w in rules.negation.stop_words)
        self._window = rules.negation.window
        self._cache: dict[str, Recognition] = {}

    @property
    def rules(self) -> RecogniserRules:
        return self._rules

    def known_moves(self) -> frozenset[str]:
        return self._known

    @functools.cached_property
    def _index(self) -> _Index:
        return _Index(self._rules)

    def prepare(self) -> Recogniser:
        """Build the index now (before worker processes fork, so that they share it)."""
        _ = self._index
        return self

    def recognise(self, text: str) -> Recognition:
        cached = self._cache.get(text) if isinstance(text, str) else None
        if cached is not None:
            return cached
        result = self._recognise(text)
        if isinstance(text, str) and len(text) <= _CACHE_MAX_TEXT:
            if len(self._cache) >= 4096:
                self._cache.clear()
            self._cache[text] = result
        return result

    def _recognise(self, text: str) -> Recognition:
        norm = normalise_text(text)
        if not norm:
            return Recognition((), Figures(), "")
        figures = extract_normalised(norm)
        index = self._index
        active = set(index.always)
        index.scan.hits(norm, active)
        by_move: dict[int, list[re.Pattern[str]]] = {}
        for sid in sorted(active):
            by_move.setdefault(index.move_of[sid], []).append(index.regex(sid))
        sentences: dict[tuple[int, int], Figures] = {(0, len(norm)): figures}
        found: list[tuple[int, int, str]] = []
        for mi, regexes in by_move.items():
            rule = index.moves[mi]
            if rule.requires and not any(figures.has(kind) for kind in rule.requires):
                continue
            first = self._first(rule, regexes, norm, sentences)
            # `unless` is looked at only when the move matched (most candidate moves do not)
            if first is not None and (rule.unless is None or not rule.unless.search(norm)):
                found.append((first, rule.rank, rule.move))
        found.sort()
        return Recognition(tuple(move for _, _, move in found), figures, norm)

    def _first(
        self,
        rule: _Move,
        regexes: list[re.Pattern[str]],
        norm: str,
        sentences: dict[tuple[int, int], Figures],
    ) -> int | None:
        """Where the move's earliest valid match starts (not negated, with figures if required)."""
        first: int | None = None
        if not rule.negatable and not rule.requires:  # every match is valid: each regex's first one will do
            for regex in regexes:
                match = regex.search(norm)
                if match is not None and (first is None or match.start() < first):
                    first = match.start()
            return first
        for regex in regexes:
            for match in regex.finditer(norm):
                if first is not None and match.start() >= first:
                    break
                if rule.negatable and self._negated(norm, match.start()):
                    continue
                if rule.requires and not self._figures_near(rule, norm, match, sentences):
                    continue
                first = match.start()
                break
        return first

    def _figures_near(
        self, rule: _Move, norm: str, match: re.Match[str], cache: dict[tuple[int, int], Figures]
    ) -> bool:
        span = _sentence(norm, match.start(), match.end())
        if span not in cache:
            cache[span] = extract_normalised(norm[span[0] : span[1]])
        return any(cache[span].has(kind) for kind in rule.requires)

    def _negated(self, norm: str, start: int) -> bool:
        """Whether a negating word comes shortly before `start`, in the same clause."""
        lo = max(0, start - _LOOK_BACK)
        for end in _CLAUSE_END.finditer(norm, lo, start):
            lo = end.end()
        words = _WORD.findall(norm, lo, start)[-self._window :]
        for word in reversed(words):
            w = _squash(word)
            if w in self._negators:
                return True
            if w in self._stops:
                return False
        return False


class _Index:
    """The rules as the recogniser runs them: the moves, every source regex, and the literal scan."""

    def __init__(self, rules: RecogniserRules) -> None:
        rank = {m: i for i, m in enumerate(MOVES)}
        moves: list[_Move] = []
        move_of: list[int] = []  # per source (in move order): the index of its move
        sources: list[str] = []
        always: list[int] = []  # sources with no literal to look for: always run
        index: dict[str, set[int]] = {}
        for i, (move, rule) in enumerate(rules.moves.items()):
            own = [_phrase_source(p) for p in rule.phrases] + [pattern_source(p) for p in rule.patterns]
            if not own:
                continue  # a move with no phrases is switched off
            mi = len(moves)
            for source in own:
                sid = len(sources)
                sources.append(source)
                move_of.append(mi)
                needed = required_literals(source)
                if needed is None:
                    always.append(sid)
                for literal in needed or ():
                    index.setdefault(literal, set()).add(sid)
            unless = "|".join(f"(?:{pattern_source(p)})" for p in rule.unless)
            moves.append(
                _Move(
                    move=move,
                    rank=rank.get(move, len(MOVES) + i),
                    unless=re.compile(unless) if unless else None,
                    negatable=rule.negatable,
                    requires=tuple(rule.requires_figures),
                )
            )
        self.moves = tuple(moves)
        self.move_of = tuple(move_of)
        self.always = frozenset(always)
        self.scan = _LiteralScan(index)
        self._sources = tuple(sources)
        self._regexes: list[re.Pattern[str] | None] = [None] * len(sources)

    def regex(self, sid: int) -> re.Pattern[str]:
        regex = self._regexes[sid]
        if regex is None:  # a line needs it for the first time
            regex = self._regexes[sid] = compiled(self._sources[sid])
        return regex


class _LiteralScan:
    """Finds which sources' literals occur in a line, in one regex pass.

    The literals are compiled into a trie-shaped regex inside a look-ahead, so at every
    position it yields the longest literal starting there; every literal that occurs at that
    position is a prefix of that one, so each literal maps to its own ids and its prefixes'.
    """

    def __init__(self, index: dict[str, set[int]]) -> None:
        self._ids: dict[str, frozenset[int]] = {}
        for literal in index:
            ids: set[int] = set()
            for k in range(1, len(literal) + 1):
                ids |= index.get(literal[:k], set())
            self._ids[literal] = frozenset(ids)
        trie: dict[str, Any] = {}
        for literal in index:
            node = trie
            for ch in literal:
                node = node.setdefault(ch, {})
            node[""] = True
        self._regex = re.compile(f"(?=({_trie_source(trie)}))") if trie else None

    def hits(self, text: str, into: set[int]) -> None:
        if self._regex is None:
            return
        ids = self._ids
        for literal in self._regex.findall(text):
            if literal:
                into.update(ids[literal])


def _trie_source(node: dict[str, Any]) -> str:
    alternatives = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in node else body


def required_literals(source: str) -> frozenset[str] | None:
    """Strings of which any match of `source` must contain at least one; None if unknown.

    Worked out from Python's own regex parser; anything it cannot reason about (a class,
    an optional part, a look-around) simply gives no literal, which is always safe.
    """
    try:
        parsed = _PARSER.parse(source) if _PARSER is not None else None
    except Exception:
        return None
    if parsed is None:
        return None
    found = _needed(list(parsed.data))
    return frozenset(found) if found else None


def _needed(items: list[tuple[object, object]]) -> set[str] | None:
    best: set[str] | None = None
    runs: set[str] = {""}  # every way the current run of literal characters can be spelled

    def consider(options: set[str] | None) -> None:
        nonlocal best
        if options and (best is None or _strength(options) > _strength(best)):
            best = options

    def extend(chars: list[str] | None) -> bool:
        """Add one character from `chars` to the current run ("a" then [*#@] gives a*, a#, a@)."""
        nonlocal runs
        if not chars or len(runs) * len(chars) > _MAX_SPELLINGS:
            return False
        runs = {r + c for r in runs for c in chars}
        return True

    for op, av in items:
        name = getattr(op, "name", "")
        if name == "LITERAL" and isinstance(av, int):
            extend([chr(av)])
            continue
        if name == "IN" and runs != {""} and extend(_class_chars(av)):
            continue  # a small class of plain characters continues a run, never starts one
        repeated = isinstance(av, tuple) and name in _REPEATS and av[0] >= 1 and len(av[2].data) == 1
        if runs != {""} and isinstance(av, tuple) and repeated and extend(_one_char(*av[2].data[0])):
            consider(runs)  # "a[*#@]+": the run takes the repeat's first character, and ends there
            runs = {""}
            continue
        if runs != {""}:
            consider(runs)
            runs = {""}
        if name == "SUBPATTERN" and isinstance(av, tuple):
            consider(_needed(list(av[-1].data)))
        elif name == "ATOMIC_GROUP":
            consider(_needed(list(getattr(av, "data", []))))
        elif name == "BRANCH" and isinstance(av, tuple):
            options = [_needed(list(alt.data)) for alt in av[1]]
            if all(options):
                consider(set().union(*(o for o in options if o)))
        elif name in _REPEATS and isinstance(av, tuple) and av[0] >= 1:
            consider(_needed(list(av[2].data)))
    if runs != {""}:
        consider(runs)
    return best


_REPEATS = frozenset(("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
_MAX_SPELLINGS = 16


def _one_char(op: object, av: object) -> list[str] | None:
    """The characters one parsed item can stand for, if it is a literal or a small class."""
    name = getattr(op, "name", "")
    if name == "LITERAL" and isinstance(av, int):
        return [chr(av)]
    return _class_chars(av) if name == "IN" else None


def _class_chars(av: object) -> list[str] | None:
    """The characters of a small class of plain characters (`[*#@]`), else None."""
    if not isinstance(av, list) or not 0 < len(av) <= 8:
        return None
    chars = []
    for op, v in av:
        if getattr(op, "name", "") != "LITERAL" or not isinstance(v, int):
            return None
        chars.append(chr(v))
    return chars


# Words in nearly every line make poor literals to look for: they count as one letter.
_COMMON = frozenset((
    "a", "i", "to", "the", "you", "your", "that", "this", "it", "is", "are", "and", "of", "for", "in", "on",
    "with", "do", "me", "my", "we", "can", "what", "have", "be", "so",
))  # fmt: skip


def _strength(options: set[str]) -> int:
    """How selective a set of literals is: its weakest member's length (common words count as 1)."""
    return min(1 if option.strip() in _COMMON else len(option.strip()) for option in options)


def _load_parser() -> Any:
    try:
        return importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - other Pythons: no prefilter, still correct
        return None


_PARSER: Any = _load_parser()


def _sentence(norm: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE_END.finditer(norm, 0, start):
        lo = m.end()
    after = _SENTENCE_END.search(norm, end)
    return lo, (after.start() if after else len(norm))


def load_rules(path: str | pathlib.Path) -> RecogniserRules:
    """Read and validate a rules file; every problem is reported as `path:line:col: message`."""
    shown = str(path)
    try:
        raw = pathlib.Path(path).read_bytes()
    except OSError as exc:
        raise RecogniserRulesError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecogniserRulesError([Problem(shown, line, 1, "file is not valid UTF-8 text")]) from None
    return parse_rules_text(text, shown, known_moves=MOVES)


def default_rules_path() -> pathlib.Path:
    """`recogniser/moves.yaml` of the checkout, else the copy packaged with the app."""
    checkout = pathlib.Path(__file__).resolve().parents[3] / "recogniser" / "moves.yaml"
    if checkout.is_file():
        return checkout
    return pathlib.Path(__file__).resolve().parents[1] / "_content" / "recogniser" / "moves.yaml"


@functools.lru_cache(maxsize=1)
def default_recogniser() -> Recogniser:
    return Recogniser(load_rules(default_rules_path()))

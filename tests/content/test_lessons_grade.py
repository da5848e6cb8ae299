"""Each lesson call, with the lesson's own seed and rubric: the good strategy passes, the bad ones fail."""

from __future__ import annotations

from negotiation_sim.content.library import Library
from negotiation_sim.scoring import score_call

from .playbook import bots, play_bot


def test_every_lesson_call_is_passed_by_the_book_and_failed_by_bad_strategies(library: Library) -> None:
    wrong = []
    strategies = dict(bots())
    for lesson_id, lesson in sorted(library.lessons.items()):
        for call in lesson.calls:
            scenario = library.scenario(call.scenario)
            persona = library.persona_for(scenario)
            for name in ("by-the-book", "aggressive", "pushover"):
                session = play_bot(scenario, persona, strategies[name], seed=call.seed)
                card = score_call(scenario, persona, session.events, rubric=lesson.rubric).to_dict()
                should_pass = name == "by-the-book"
                if bool(card["passed"]) != should_pass:
                    wrong.append(f"{lesson_id}/{call.scenario}: {name} scored {card['overall']:.0f}")
    assert not wrong, "\n".join(wrong)

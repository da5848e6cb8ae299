"""Starting files for `negotiation-sim new`: complete, commented, and valid as written.

Each template is plain YAML with `__ID__`-style markers (braces are taken: persona lines use
`{placeholders}`). A new persona is a playable debtor on day one; a new scenario binds an
existing persona; a new lesson lists existing scenarios; a new test scripts one call.
"""

from __future__ import annotations

PERSONA = """\
# A persona is a behaviour model: numbers that decide how the debtor reacts, and the lines they say.
# Write down who this person is and why they behave as they do; a trainer reading this file should
# be able to picture them. Check it with:  negotiation-sim validate
# See what a class would meet with:       negotiation-sim explore SCENARIO_ID
id: __ID__
name: Stretched but willing           # a short label for trainers
summary: >
  A warehouse worker whose hours were cut in the spring. They fell behind on one bill while
  catching up on rent, are embarrassed about it, and will pay in instalments once they trust
  the collector to be fair. Pressure makes them shut down.
kind: consumer                        # consumer | business
# 0-100 each. trust and stress move during the call; patience drops a little every turn.
temperament: {trust: 40, patience: 65, pride: 45, honesty: 80, stress: 45}
finances:                             # hidden from the trainee: what is really true
  lump_sum_capacity: 400              # cash they could pay today
  monthly_capacity: 150               # what the budget allows each month
  income_day: 15                      # payday, used in lines as {income_day}
  true_reason: Their hours were cut in the spring and they caught up on rent first.
  # A debtor who pleads a hardship that is not true claims something else until the collector
  # asks for proof (ask_proof); then the real figures above apply:
  # claimed_reason: I lost my job.
  # claimed_lump_sum_capacity: 0
  # claimed_monthly_capacity: 40
negotiation:
  prefers: plan                       # lump_sum | plan
  opening_ratio: 0.5                  # first counter-offer, as a share of what they would really pay
  concession: 0.4                     # share of the remaining gap given up each round
  min_rounds: 1                       # counter-offers they make before accepting terms
  overcommit: 1.0                     # above 1.0: agrees to plans bigger than the budget (they will break)
  walk_away_stress: 85                # hangs up at this stress
  threats_tolerated: 0                # threats or insults taken before hanging up (above 0: add `warned` lines)
  good_faith: {offers: true, needs_trust: 40}   # pays something today when trust is high enough
# How a move lands with this person, replacing the defaults for that move (others keep theirs).
effects:
  acknowledge: {trust: 10, stress: -8}
  state_expectation: {stress: 8}
  explain_consequences: {stress: 10, trust: -2}
# Facts the debtor tells only when asked the right way. Conditions are data, e.g.
#   {stage: counter_offer, move: offer, offer_ratio_at_least: 0.8, trust_at_least: 50}
reveals:
  - id: hours-cut
    when: {move: ask_reason}
    text: They cut my hours in April. I'm down to three days a week.
  - id: overtime-coming
    when: {move: acknowledge, trust_at_least: 55}
    text: There's overtime coming up next month, so I could do a bit more after the {income_day}.
    effect: {trust: 3}
# Optional reactions. Uncomment to use, and add lines for the situations they bring
# (dispute / validation_offered, attorney / attorney_details, cease, proof_exposed).
# dispute:
#   claim: I returned that order and never got a refund.
#   valid: false
#   raise_when: {move: [remind, state_expectation]}
# attorney:
#   name: Dana Whitfield
#   firm: Whitfield Legal Aid
#   phone: 555-0142
#   mention_when: {move: [remind, state_expectation]}
# asks_to_stop: {move: explain_consequences, stress_at_least: 80}
#
# Lines: at least three variants for each situation, so two calls read differently. A situation
# may also split by mood (calm / tense / upset), as `remind` does below. Placeholders such as
# {first_name}, {balance}, {creditor}, {offer}, {good_faith}, {income_day} are filled in the call.
# Situations left out fall back to a close one (e.g. calling_in -> answer); these are required:
# answer, unclear, counter_offer, accept_offer, reject_offer, hang_up, goodbye.
lines:
  answer:
    - Hello?
    - Hi, this is {first_name}.
    - Yes, hello, who's calling?
  calling_in:
    - Hi, I got a letter about my {creditor} account.
    - Hello, I'm returning a call about a bill with {creditor}.
    - Hi, someone left a message for me to call this number.
  late_call:
    - It's really late. Who is this?
    - Do you know what time it is?
    - I was about to go to sleep. What is it?
  unclear:
    - Sorry, what do you mean?
    - I'm not sure I follow.
    - Could you say that again?
  greet:
    - Hi. What's this about?
    - Hello. Can I help you?
    - Hi, yes?
  identity_confirmed:
    - Yes, that's me.
    - Speaking.
    - Yes, it's me. What's this about?
  mini_miranda:
    - Oh. A debt collector. Okay.
    - Right... okay, go on.
    - I see. I'm listening.
  state_agenda:
    - Okay, that sounds fair.
    - Alright, let's go through it.
    - Sure. I'd like to sort it out.
  remind:
    calm:
      - Yes, I know about {creditor}. I've been meaning to call.
      - "{balance}, I know. I'm sorry it's late."
      - I know I owe it. It's been a hard few months.
    tense:
      - "{balance}? I know, I know. I just haven't had it."
      - I'm aware of it. I can't pay all of that at once.
      - You don't have to tell me, I get the letters.
  ask_reason:
    - Work cut my hours and rent came first.
    - Things got tight this spring and I fell behind.
    - I had less coming in and I paid what I could.
  acknowledge:
    - Thanks. It's been a rough stretch.
    - I appreciate that, really.
    - Thank you for understanding.
  ask_proof:
    - I can send you my pay slips if you need them.
    - Sure, I'll email a letter from work about the hours.
    - Yes, I've got the rota changes, I can send those.
  state_expectation:
    - I can't pay all of {balance} today.
    - The whole thing? That's not possible right now.
    - I understand, but I just don't have that much.
  ask_comments:
    - I'd like to pay it off bit by bit.
    - I want to clear it, I just need some time.
    - Honestly, small monthly payments would work best.
  counter_offer:
    - Could I do {offer}?
    - What about {offer}?
    - I think I can manage {offer}.
  reject_offer:
    - That's too much for me. Could we do {offer}?
    - I can't stretch to that. How about {offer}?
    - That doesn't fit my budget. {offer} would.
  debtor_offer_rejected:
    - Okay... then {offer}?
    - I could push it to {offer}, but that's it.
    - Alright, {offer}. That's the most I can do.
  accept_offer:
    - Okay, {offer}. I can do that.
    - Yes, {offer} works.
    - Alright, {offer}. Let's do it.
  agreement:
    - Great, {offer} then. Thank you.
    - Okay, so {offer}. Thanks for working with me.
    - Deal. {offer}.
  consider:
    - Sure, take your time.
    - Okay.
    - No problem, I'll wait.
  good_faith_yes:
    - I can put {good_faith} down today.
    - Yes, I can pay {good_faith} now.
    - Okay, {good_faith} today, on my card.
  good_faith_no:
    - I can't pay anything today, sorry.
    - Not until payday, I'm afraid.
    - I'd rather wait until I get the letter.
  explain_consequences:
    - I understand. I'll keep to it.
    - Okay. I don't want it to get worse.
    - I know. I'll make the payments.
  confirm_in_writing:
    - Yes, please send it to me.
    - Please do, I'd like it in writing.
    - Thanks, email is best.
  schedule_follow_up:
    - Okay, that's fine.
    - Sure, you can call me then.
    - That works for me.
  redirect:
    - Right, sorry. Go on.
    - Yes, back to the bill.
    - Okay.
  small_talk:
    - Ha, yes, it's been a long week.
    - Can't complain, I suppose.
    - It's fine, thanks.
  off_topic:
    - Sorry, what does that have to do with anything?
    - I'm not sure why you're asking that.
    - Can we just talk about the bill?
  threatened:
    - You can't threaten me like that. Goodbye.
    - I'm not listening to this. I'm hanging up.
    - That's not okay. We're done.
  abused:
    - Don't talk to me like that. Bye.
    - I won't be spoken to that way. Goodbye.
    - That's rude. I'm hanging up.
  hang_up:
    - I can't do this right now. Goodbye.
    - I have to go.
    - This isn't helping. Bye.
  goodbye:
    - Okay, bye.
    - Thanks, goodbye.
    - Bye now.
"""

SCENARIO = """\
# A scenario binds a persona to an account and to what the collector may agree to.
# Check it with:                     negotiation-sim validate
# Play it:                           negotiation-sim play __ID__
# Explore it without playing it:     negotiation-sim explore __ID__
id: __ID__
title: A first call about an overdue bill
difficulty: introductory              # introductory | intermediate | advanced
persona: __PERSONA__                  # a persona id from personas/
summary: >
  An invoice is two months past due and the customer has not answered letters. Open politely,
  verify you have the right person, give the disclosure and a clear reminder, find out why it
  was missed, and agree on terms you can confirm in writing.
goal: Collect the full balance, or a settlement at or above the floor, and confirm it in writing.
objectives:                           # what the trainee should learn; shown before the call
  - Verify the right party and give the debt-collector disclosure before naming the debt.
  - Start with a clear reminder of what was delivered, the balance and the due date.
  - Ask why the payment was missed before proposing anything.
  - Require a counter-offer and keep to your floor.
account:                              # what the collector sees on screen
  creditor: Lakeside Furniture
  reference: LSF-10001
  delivered: a sofa and two armchairs delivered in June
  original_balance: 900
  balance: 900
  due_date: 2026-08-01
  days_past_due: 60
  last_payment: null                  # or {date: 2026-06-01, amount: 100}
  broken_promises: []                 # e.g. [{date: 2026-08-15, amount: 200, note: promised after payday}]
  dispute_history: []
  notes:
    - Two letters sent, no reply.
context:
  direction: outbound                 # outbound | inbound (the debtor calls in)
  local_time: "11:00"                 # the debtor's local time, 24-hour; quote it
  weekday: wednesday
  timezone: America/Chicago
  answered_by: debtor                 # debtor | third_party (add a third_party block)
authority:                            # what the collector may agree to
  settlement_floor_pct: 60            # lowest total you may accept, as % of the balance
  max_plan_months: 12                 # longest plan you may offer
  min_good_faith: 50                  # smallest good-faith payment worth asking for
  # legal_action_date: 2026-12-01     # when the account goes to legal review
  credit_reporting: true
# persona_overrides:                  # change the persona for this scenario only
#   temperament: {trust: 30}
seed: 10001                           # fixes the debtor's name and line choices
collector_name: Sam Rivera
agency: Northbridge Recovery
"""

LESSON = """\
# A lesson is a graded classroom unit: scenarios with fixed seeds, rubric weights and a pass mark.
# Check it with:  negotiation-sim validate
id: __ID__
title: A new lesson
summary: >
  Practice calls that build from a plain reminder to a negotiated plan. Every student meets the
  same debtors, because each call has a fixed seed.
objectives:
  - Open every call with the disclosure and right-party verification.
  - Find the reason for the missed payment before negotiating.
  - Agree terms at or above the floor and confirm them in writing.
mode: graded                          # graded (no hints, fixed seeds) | practice
calls:                                # scenario ids from scenarios/, in order
__CALLS__
rubric:
  weights: {traits: 0.5, tips: 0.2, outcome: 0.2, compliance: 0.1}   # must add up to 1.0
  trait_weights:                      # relative weight of each CCA 12.1 trait
    big_picture: 1.0
    other_side_needs: 1.0
    agenda_control: 1.0
    mutual_pressure: 1.0
    discipline: 1.0
    client_needs: 1.0
  pass_mark: 70
attempts: 3                           # attempts allowed per student
hints: 3                              # hints per call in practice mode
hint_cost: 3                          # points off the call grade per hint used
"""

SCENARIO_TEST = """\
# Scenario tests: script a call and check what happens after each line.
# Run them with:  negotiation-sim test __PATH__   (add --content DIR for your own content folder)
# Each case plays one call with a fixed seed. After each `say`, optional expectations:
#   expect: {stage: reminder, mood: calm, situation: remind, revealed: some-reveal-id, closed: false}
#   expect_moves: [greet, identify_self]        # the recogniser heard at least these moves
#   expect_reply_contains: "some words"         # the debtor's reply contains them (any case)
#   expect_finding: disclosure_missing          # the scorecard has this compliance finding by now
# After the last line the collector hangs up (unless the call closed already), then:
#   expect_outcome: agreement                   # agreement | no_agreement | hung_up | escalated | wrong_party
#   expect_grade: {min: 80, max: 100}
#   expect_passed: true
# In `say`, {name}, {first_name}, {balance}, {creditor}, {due_date}, {delivered}, {collector}, {agency},
# {floor} and {min_good_faith} are filled from the call, as a collector would read them off the screen.
scenario: __ID__
cases:
  - name: a polite opening gives the disclosure
    seed: __SEED__
    turns:
      - say: Hello, my name is {collector} and I'm calling from {agency}.
        expect_moves: [greet, identify_self]
        expect: {stage: opening}
      - say: Am I speaking with {name}?
        expect_moves: [verify_identity]
      - say: >-
          This is a communication from a debt collector. This is an attempt to collect a debt
          and any information obtained will be used for that purpose.
        expect_moves: [mini_miranda]
      - say: Our records show a balance of {balance} for the {delivered}, which was due on {due_date}.
        expect_moves: [remind]__REMINDER__
"""


def persona_text(persona_id: str) -> str:
    return PERSONA.replace("__ID__", persona_id)


def scenario_text(scenario_id: str, persona_id: str) -> str:
    return SCENARIO.replace("__ID__", scenario_id).replace("__PERSONA__", persona_id)


def lesson_text(lesson_id: str, calls: list[tuple[str, int]]) -> str:
    listed = "\n".join(f"  - {{scenario: {sid}, seed: {seed}}}" for sid, seed in calls)
    return LESSON.replace("__ID__", lesson_id).replace("__CALLS__", listed)


def scenario_test_text(scenario_id: str, seed: int, path: str, *, debtor_answers: bool = True) -> str:
    """A first test file; the reminder moves the call on only when the debtor is on the line."""
    reminder = "\n        expect: {stage: reminder}" if debtor_answers else ""
    return (
        SCENARIO_TEST.replace("__ID__", scenario_id)
        .replace("__SEED__", str(seed))
        .replace("__PATH__", path)
        .replace("__REMINDER__", reminder)
    )

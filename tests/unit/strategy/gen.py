"""Hypothesis generators of valid strategies (structurally and across fields)."""

from __future__ import annotations

from datetime import time

from hypothesis import strategies as st

from vorder.core.strategy.model import (
    PHASE_ORDER,
    AmountRange,
    Channel,
    ChargeCollectionCosts,
    Conditions,
    CreateCallTask,
    DayCount,
    DayRange,
    DebtorKind,
    DueDateTrigger,
    EventHandling,
    EventTrigger,
    EventType,
    HandOverToPartner,
    InstalmentMissedHandling,
    LetterChannel,
    Letterhead,
    MessageChannel,
    Outcome,
    PartialPaymentHandling,
    Phase,
    PhaseName,
    PreviousStepTrigger,
    PromiseHandling,
    Relative,
    Route,
    Send14DayLetter,
    SendMessage,
    StartJudicial,
    Step,
    Stop,
    Strategy,
    Text,
    Tone,
    Wait,
    WriteOff,
)

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz éë", min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and s != ""
)
slugs = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
texts = st.builds(Text, nl=words, en=words)
days = st.integers(0, 400)
counts = st.sampled_from(list(DayCount))
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)


@st.composite
def ranges_of_amounts(draw: st.DrawFn) -> AmountRange:
    low, high = sorted(draw(st.lists(amounts, min_size=2, max_size=2)))
    which = draw(st.sampled_from(["min", "max", "both"]))
    return AmountRange(min=None if which == "max" else low, max=None if which == "min" else high)


@st.composite
def ranges_of_days(draw: st.DrawFn) -> DayRange:
    low, high = sorted(draw(st.lists(st.integers(-30, 400), min_size=2, max_size=2)))
    which = draw(st.sampled_from(["min", "max", "both"]))
    return DayRange(min=None if which == "max" else low, max=None if which == "min" else high)


def tuples(elements: st.SearchStrategy[object], unique: bool = True) -> st.SearchStrategy[tuple]:
    return st.lists(elements, max_size=2, unique=unique).map(tuple)


conditions = st.builds(
    Conditions,
    debtor_kind=st.none() | st.sampled_from(list(DebtorKind)),
    amount=st.none() | ranges_of_amounts(),
    age_days=st.none() | ranges_of_days(),
    segment=tuples(slugs),
    score_band=tuples(st.sampled_from(["A", "B", "C", "D", "E"])),
    channel_available=tuples(st.sampled_from(list(Channel))),
    channel_missing=tuples(st.sampled_from(list(Channel))),
    language=tuples(st.sampled_from(["nl", "en", "de"])),
    previous_outcome=tuples(st.sampled_from(list(Outcome))),
)
triggers = st.one_of(
    st.builds(DueDateTrigger, days=days, relative=st.sampled_from(list(Relative)), count=counts),
    st.builds(PreviousStepTrigger, days=days, count=counts),
    st.builds(EventTrigger, event=st.sampled_from(list(EventType)), days=days, count=counts),
)
tones = st.sampled_from(list(Tone))
heads = st.sampled_from(list(Letterhead))
plain_actions = st.one_of(
    st.builds(
        SendMessage,
        channel=st.sampled_from(list(MessageChannel)),
        template=slugs,
        tone=tones,
        letterhead=heads,
    ),
    st.builds(CreateCallTask, script=st.none() | slugs, tone=tones),
    st.builds(HandOverToPartner, partner=slugs),
    st.builds(StartJudicial, partner=st.none() | slugs),
    st.just(Wait()),
    st.just(Stop()),
    st.builds(WriteOff, reason=st.none() | slugs),
)


@st.composite
def handling(draw: st.DrawFn, present: list[PhaseName]) -> EventHandling:
    return EventHandling(
        promise_to_pay=draw(st.none() | st.builds(PromiseHandling, grace_days=st.integers(0, 60))),
        partial_payment=draw(
            st.none() | st.builds(PartialPaymentHandling, pause_days=st.integers(0, 90))
        ),
        instalment_missed=draw(
            st.none()
            | st.builds(
                InstalmentMissedHandling,
                grace_days=st.integers(0, 60),
                goto=st.none() | st.sampled_from(present),
            )
        ),
    )


@st.composite
def step_in(draw: st.DrawFn, present: list[PhaseName], later: list[PhaseName], sid: str) -> Step:
    kind = draw(st.integers(0, 9))
    cond = draw(st.none() | conditions)
    trigger = draw(triggers)
    if kind == 0:  # a 14-day letter: only after the due date
        action: object = draw(
            st.builds(
                Send14DayLetter,
                channel=st.sampled_from(list(LetterChannel)),
                template=slugs,
                tone=tones,
                letterhead=heads,
            )
        )
        trigger = draw(st.builds(PreviousStepTrigger, days=days, count=counts))
    elif kind == 1:  # costs without a letter: business only
        action = ChargeCollectionCosts()
        cond = Conditions(debtor_kind=DebtorKind.BUSINESS)
    else:
        action = draw(plain_actions)
    routes = ()
    if later:
        routes = tuple(
            draw(
                st.lists(st.builds(Route, when=conditions, goto=st.sampled_from(later)), max_size=1)
            )
        )
    return Step(
        id=sid,
        title=draw(st.none() | texts),
        trigger=trigger,  # type: ignore[arg-type]
        conditions=cond,
        routes=routes,
        action=action,  # type: ignore[arg-type]
        at=draw(st.none() | st.builds(time, st.integers(0, 23), st.integers(0, 59))),
        same_day=draw(st.booleans()),
        combine=kind == 0 or draw(st.booleans()),
        on_events=draw(st.none() | handling(present)),
    )


@st.composite
def strategies(draw: st.DrawFn) -> Strategy:
    present = sorted(
        draw(st.lists(st.sampled_from(list(PhaseName)), min_size=1, max_size=5, unique=True)),
        key=PHASE_ORDER.index,
    )
    phases = []
    n = 0
    for i, phase in enumerate(present):
        steps = []
        for _ in range(draw(st.integers(1, 3))):
            steps.append(draw(step_in(present, present[i + 1 :], f"s{n}")))
            n += 1
        phases.append(Phase(phase=phase, title=draw(st.none() | texts), steps=tuple(steps)))
    return Strategy(
        name=draw(slugs),
        version=draw(st.integers(1, 999)),
        title=draw(texts),
        description=draw(st.none() | texts),
        send_time=draw(st.builds(time, st.integers(0, 23), st.integers(0, 59))),
        event_handling=draw(st.none() | handling(present)),
        phases=tuple(phases),
    )

"""The strategy model (strategie / incassotraject): typed, frozen, versioned data.

A :class:`Strategy` is a list of phases (in_house → amicable → judicial → execution →
monitoring), each made of steps (stap). A :class:`Step` has a trigger (when), conditions
(for whom), routes (jump to a later phase), an action (what) and per-step event handling.
It is tenant-independent data: it is parsed from and exported to plain dicts
(:mod:`vorder.core.strategy.document`) and described by the published JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from vorder.core.strategy._doc import spec

SLUG = r"^[a-z][a-z0-9_-]*$"
SLUG_HINT = "must start with a-z and contain only a-z, 0-9, '-' and '_'"
LANGUAGE = r"^[a-z]{2}$"


class PhaseName(StrEnum):
    """The phases of a collection route, in their fixed order."""

    IN_HOUSE = "in_house"  # eigen beheer: the creditor's own reminders
    AMICABLE = "amicable"  # minnelijk traject
    JUDICIAL = "judicial"  # gerechtelijk traject
    EXECUTION = "execution"  # executie
    MONITORING = "monitoring"  # schuldbewaking


PHASE_ORDER: tuple[PhaseName, ...] = tuple(PhaseName)


class DebtorKind(StrEnum):
    CONSUMER = "consumer"  # consument
    BUSINESS = "business"  # zakelijk


class Channel(StrEnum):
    """Kanaal. ``phone`` is used for call tasks and channel availability only."""

    POST = "post"
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"


class MessageChannel(StrEnum):
    POST = "post"
    EMAIL = "email"
    SMS = "sms"


class LetterChannel(StrEnum):
    """A 14-day letter goes by post or e-mail (law-nl.md section 4), never by SMS."""

    POST = "post"
    EMAIL = "email"


class Tone(StrEnum):
    """Toon: vriendelijk / neutraal / streng."""

    FRIENDLY = "friendly"
    NEUTRAL = "neutral"
    FIRM = "firm"


TONE_RANK = {Tone.FRIENDLY: 0, Tone.NEUTRAL: 1, Tone.FIRM: 2}


class Letterhead(StrEnum):
    """Briefpapier: the creditor's own or the collection partner's (more pressure)."""

    OWN = "own"
    PARTNER = "partner"


class DayCount(StrEnum):
    CALENDAR = "calendar"
    BUSINESS = "business"  # working days: not Saturday, Sunday or a recognised holiday


class Relative(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class Outcome(StrEnum):
    """What became of an executed step (recorded by the runner in the claim's history)."""

    DONE = "done"
    SENT = "sent"
    DELIVERED = "delivered"
    BOUNCED = "bounced"
    FAILED = "failed"
    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    SKIPPED = "skipped"


class EventType(StrEnum):
    """Facts about a claim that a step can wait for or that change its status."""

    LETTER_DELIVERED = "letter_delivered"
    MESSAGE_BOUNCED = "message_bounced"
    PARTIAL_PAYMENT = "partial_payment"  # deelbetaling
    PAID_IN_FULL = "paid_in_full"
    DISPUTE_RAISED = "dispute_raised"  # betwisting
    DISPUTE_RESOLVED = "dispute_resolved"
    PROMISE_MADE = "promise_made"  # betalingsbelofte
    PLAN_AGREED = "plan_agreed"  # betalingsregeling
    INSTALMENT_MISSED = "instalment_missed"
    DEBTOR_RESPONDED = "debtor_responded"
    PARTNER_RETURNED = "partner_returned"
    JUDGMENT_OBTAINED = "judgment_obtained"  # vonnis


# ---------------------------------------------------------------------------------- texts


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    """A bilingual label: Dutch first, English equal."""

    nl: str = spec(doc="Dutch")
    en: str = spec(doc="English")


# ---------------------------------------------------------------------------------- triggers


@dataclass(frozen=True, slots=True, kw_only=True)
class DueDateTrigger:
    """N calendar or business days before or after the due date (vervaldatum)."""

    TAG: ClassVar[str] = "due_date"
    days: int = spec(doc="number of days", minimum=0, maximum=3650)
    relative: Relative = spec(Relative.AFTER, doc="before or after the due date")
    count: DayCount = spec(DayCount.CALENDAR, doc="calendar or business days")


@dataclass(frozen=True, slots=True, kw_only=True)
class PreviousStepTrigger:
    """N days after the previous executed step (doorlooptijd); 0 = right after it."""

    TAG: ClassVar[str] = "previous_step"
    days: int = spec(doc="number of days", minimum=0, maximum=3650)
    count: DayCount = spec(DayCount.CALENDAR, doc="calendar or business days")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTrigger:
    """N days after an event of this type, recorded after the previous executed step."""

    TAG: ClassVar[str] = "event"
    event: EventType = spec(doc="the event to wait for")
    days: int = spec(0, doc="days after the event; 0 = at once", minimum=0, maximum=3650)
    count: DayCount = spec(DayCount.CALENDAR, doc="calendar or business days")


@dataclass(frozen=True, slots=True, kw_only=True)
class LetterTermTrigger:
    """N days after the last day of the 14-day letter's term; 1 = the day costs are due."""

    TAG: ClassVar[str] = "letter_term"
    days: int = spec(1, doc="days after the term's last day", minimum=1, maximum=3650)


Trigger = DueDateTrigger | PreviousStepTrigger | EventTrigger | LetterTermTrigger


# ---------------------------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True, kw_only=True)
class AmountRange:
    """Outstanding amount from ``min`` up to and including ``max`` (decimal strings)."""

    min: Decimal | None = spec(None, doc="lowest amount, inclusive")
    max: Decimal | None = spec(None, doc="highest amount, inclusive")


@dataclass(frozen=True, slots=True, kw_only=True)
class DayRange:
    """Age in days (today minus the due date; negative before it), both ends inclusive."""

    min: int | None = spec(None, doc="lowest age, inclusive", minimum=-3650, maximum=36500)
    max: int | None = spec(None, doc="highest age, inclusive", minimum=-3650, maximum=36500)


@dataclass(frozen=True, slots=True, kw_only=True)
class Conditions:
    """All given conditions must hold; a list matches when any of its items matches."""

    debtor_kind: DebtorKind | None = spec(None, doc="consumer or business")
    amount: AmountRange | None = spec(None, doc="outstanding amount range")
    age_days: DayRange | None = spec(None, doc="days since the due date")
    segment: tuple[str, ...] = spec((), doc="debtor segment is one of these")
    score_band: tuple[str, ...] = spec((), doc="score band is one of these")
    channel_available: tuple[Channel, ...] = spec((), doc="all these channels are available")
    channel_missing: tuple[Channel, ...] = spec((), doc="none of these channels is available")
    language: tuple[str, ...] = spec(
        (), doc="debtor language is one of these", pattern=LANGUAGE, hint="must be like nl or en"
    )
    previous_outcome: tuple[Outcome, ...] = spec(
        (), doc="outcome of the previous executed step is one of these"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """When the conditions hold as the step comes due, jump to the first step of a later phase."""

    when: Conditions = spec(doc="when to take this route")
    goto: PhaseName = spec(doc="the phase to jump to")


# ---------------------------------------------------------------------------------- actions


@dataclass(frozen=True, slots=True, kw_only=True)
class SendMessage:
    """Send a message (herinnering, aanmaning, sommatie) by post, e-mail or SMS."""

    TAG: ClassVar[str] = "send_message"
    channel: MessageChannel = spec(doc="post, email or sms")
    template: str = spec(doc="template key", pattern=SLUG, hint=SLUG_HINT)
    tone: Tone = spec(doc="friendly, neutral or firm")
    letterhead: Letterhead = spec(Letterhead.OWN, doc="own or partner letterhead")


@dataclass(frozen=True, slots=True, kw_only=True)
class Send14DayLetter:
    """Send the 14-day letter (veertiendagenbrief, art. 6:96 lid 6 BW) — only after verzuim."""

    TAG: ClassVar[str] = "send_14_day_letter"
    channel: LetterChannel = spec(LetterChannel.POST, doc="post or email")
    template: str = spec("veertiendagenbrief", doc="template key", pattern=SLUG, hint=SLUG_HINT)
    tone: Tone = spec(Tone.NEUTRAL, doc="friendly, neutral or firm")
    letterhead: Letterhead = spec(Letterhead.OWN, doc="own or partner letterhead")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChargeCollectionCosts:
    """Charge the extrajudicial collection costs (BIK, art. 6:96 BW); guarded in decide."""

    TAG: ClassVar[str] = "charge_collection_costs"


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateCallTask:
    """Create a phone task for a person or call centre (contact: within the contact window)."""

    TAG: ClassVar[str] = "create_call_task"
    script: str | None = spec(None, doc="call script key", pattern=SLUG, hint=SLUG_HINT)
    tone: Tone = spec(Tone.NEUTRAL, doc="friendly, neutral or firm")


@dataclass(frozen=True, slots=True, kw_only=True)
class HandOverToPartner:
    """Hand the claim with its dossier to a collection partner (agency, bailiff, lawyer)."""

    TAG: ClassVar[str] = "hand_over_to_partner"
    partner: str = spec(doc="partner reference", pattern=SLUG, hint=SLUG_HINT)


@dataclass(frozen=True, slots=True, kw_only=True)
class StartJudicial:
    """Start the judicial phase (dagvaarding) through a bailiff or lawyer."""

    TAG: ClassVar[str] = "start_judicial"
    partner: str | None = spec(None, doc="bailiff or lawyer", pattern=SLUG, hint=SLUG_HINT)


@dataclass(frozen=True, slots=True, kw_only=True)
class Wait:
    """Do nothing; marks time so the next step can count from here."""

    TAG: ClassVar[str] = "wait"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    """End the strategy; the claim stays open and waits for a person's decision."""

    TAG: ClassVar[str] = "stop"


@dataclass(frozen=True, slots=True, kw_only=True)
class WriteOff:
    """Write the claim off (afboeken)."""

    TAG: ClassVar[str] = "write_off"
    reason: str | None = spec(None, doc="reason key", pattern=SLUG, hint=SLUG_HINT)


Action = (
    SendMessage
    | Send14DayLetter
    | ChargeCollectionCosts
    | CreateCallTask
    | HandOverToPartner
    | StartJudicial
    | Wait
    | Stop
    | WriteOff
)
MESSAGE_ACTIONS = (SendMessage, Send14DayLetter)
CONTACT_ACTIONS = (SendMessage, Send14DayLetter, CreateCallTask)


# ---------------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True, kw_only=True)
class PromiseHandling:
    """Promise to pay: wait until the promised date plus grace days, then resume."""

    grace_days: int = spec(3, doc="days after the promised date", minimum=0, maximum=60)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartialPaymentHandling:
    """Partial payment: amounts are recomputed and the strategy continues (after a pause)."""

    pause_days: int = spec(0, doc="days to pause after the payment", minimum=0, maximum=90)


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalmentMissedHandling:
    """Payment plan: an instalment unpaid after its grace days resumes the strategy."""

    grace_days: int = spec(3, doc="days after the instalment's due date", minimum=0, maximum=60)
    goto: PhaseName | None = spec(None, doc="resume at the first step of this phase")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventHandling:
    """How events are handled. Paid in full always closes; a dispute always pauses."""

    promise_to_pay: PromiseHandling | None = spec(None, doc="promise to pay")
    partial_payment: PartialPaymentHandling | None = spec(None, doc="partial payment")
    instalment_missed: InstalmentMissedHandling | None = spec(None, doc="missed instalment")


# ---------------------------------------------------------------------------------- structure


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step (stap) of a phase."""

    id: str = spec(doc="unique within the strategy", pattern=SLUG, hint=SLUG_HINT)
    title: Text | None = spec(None, doc="label on the step card")
    trigger: Trigger = spec(doc="when the step comes due")
    conditions: Conditions | None = spec(None, doc="the step is skipped unless these hold")
    routes: tuple[Route, ...] = spec((), doc="first matching route jumps to a later phase")
    action: Action = spec(doc="what the step does")
    at: time | None = spec(None, doc="time of day, overrides the strategy's send_time")
    same_day: bool = spec(False, doc="may send even if the claim had a message today")
    combine: bool = spec(True, doc="may be combined with the debtor's other claims")
    on_events: EventHandling | None = spec(None, doc="event handling while this step is current")


@dataclass(frozen=True, slots=True, kw_only=True)
class Phase:
    """A phase of the route and its steps, in order."""

    phase: PhaseName = spec(doc="in_house, amicable, judicial, execution or monitoring")
    title: Text | None = spec(None, doc="label of the phase")
    steps: tuple[Step, ...] = spec(doc="the steps in order", min_items=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Strategy:
    """A versioned Vorder collection strategy (strategie), independent of any tenant."""

    name: str = spec(doc="stable key of the strategy", pattern=SLUG, hint=SLUG_HINT)
    version: int = spec(doc="version number, 1 and up", minimum=1)
    title: Text = spec(doc="name shown to users")
    description: Text | None = spec(None, doc="what the strategy is for")
    send_time: time = spec(time(9, 0), doc="default time of day for steps")
    event_handling: EventHandling | None = spec(None, doc="defaults for every step")
    phases: tuple[Phase, ...] = spec(doc="the phases in their fixed order", min_items=1)

    @property
    def key(self) -> tuple[str, int]:
        return (self.name, self.version)

    def all_steps(self) -> tuple[tuple[PhaseName, Step], ...]:
        """Every step in order, with its phase."""
        return tuple((p.phase, s) for p in self.phases for s in p.steps)

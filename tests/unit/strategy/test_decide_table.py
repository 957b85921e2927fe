"""decide() golden cases in a credit manager's notation (see notation.py).

Calendar facts used: 2026-01-31 and 2026-02-07 are Saturdays, 2026-02-08 a Sunday;
2026-04-03 is Good Friday (not a recognised holiday), 2026-04-06 Easter Monday and 2026-04-27
King's Day (recognised holidays); 2026-05-05 Liberation Day.
"""

from __future__ import annotations

import pytest

from tests.unit.strategy.notation import parse_case, render, strategy_of
from vorder.core.strategy import decide

F250 = "consumer claim € 250 due 2026-01-31, friendly route"

FRIENDLY = [
    # friendly reminder 3 days before the due date, by e-mail
    F250 + ", channels post+email, now 2026-01-28 09:00"
    " → send_message email friendly herinnering-vooraf; wake 2026-02-07 09:00",
    F250 + ", channels post+email, now 2026-01-28 08:59 → nothing; wake 2026-01-28 09:00",
    # no e-mail address: the pre-due reminder is skipped, the reminder goes by post
    F250 + ", now 2026-01-28 09:00"
    " → nothing; wake 2026-02-07 09:00; skipped herinnering-vooraf (conditions_not_met)",
    F250 + ", now 2026-02-07 09:00"
    " → send_message post friendly herinnering; wake 2026-02-21 09:00;"
    " skipped herinnering-vooraf (conditions_not_met), herinnering-email (conditions_not_met)",
    # reminder 7 days after the due date
    F250 + ", channels post+email,"
    " after herinnering-vooraf at 2026-01-28 09:00, now 2026-02-07 09:00"
    " → send_message email friendly herinnering; wake 2026-02-21 09:00;"
    " skipped herinnering-post (conditions_not_met)",
    # a claim entered late skips the reminder before the due date
    F250 + ", channels post+email, now 2026-02-02 10:00"
    " → nothing; wake 2026-02-07 09:00; skipped herinnering-vooraf (conditions_not_met)",
    # contact window: not in the evening, not on Sunday, not on King's Day; moved to the
    # next allowed day at the step's time (09:00)
    F250 + ", channels post+email,"
    " after herinnering-vooraf at 2026-01-28 09:00, now 2026-02-07 21:30"
    " → nothing; wake 2026-02-09 09:00; held herinnering-email contact_window",
    "consumer claim € 250 due 2026-01-25, friendly route, channels post+email,"
    " after herinnering-vooraf at 2026-01-22 09:00, now 2026-02-01 06:00"
    " → nothing; wake 2026-02-02 09:00",
    "consumer claim € 250 due 2026-04-20, friendly route, channels post+email,"
    " after herinnering-vooraf at 2026-04-17 09:00, now 2026-04-27 12:00"
    " → nothing; wake 2026-04-28 09:00",
    # aanmaning 21 days after, then the 14-day letter by post a week later
    F250 + ", after herinnering-post at 2026-02-07 09:00,"
    " now 2026-02-21 09:00 → send_message post neutral aanmaning; wake 2026-02-28 09:00",
    F250 + ", after aanmaning at 2026-02-21 09:00,"
    " now 2026-02-28 09:00 → send_14_day_letter post neutral veertiendagenbrief;"
    " wake 2026-02-28 09:00",
    # letter sent Sat 28 Feb, presumed delivered Wed 4 Mar, last day Wed 18 Mar
    F250 + ", after veertiendagenbrief at 2026-02-28 09:00,"
    " letter sent 2026-02-28 delivered 2026-03-04 last day 2026-03-18, now 2026-03-18 09:00"
    " → nothing; wake 2026-03-19 09:00",
    F250 + ", after veertiendagenbrief at 2026-02-28 09:00,"
    " letter sent 2026-02-28 delivered 2026-03-04 last day 2026-03-18, now 2026-03-19 09:00"
    " → charge_collection_costs + send_message post firm sommatie; wake 2026-04-02 09:00",
    # a letter sent on the due date is not valid: no costs, the route goes on
    F250 + ", after veertiendagenbrief at 2026-01-31 09:00,"
    " letter sent 2026-01-31 delivered 2026-02-03 last day 2026-02-17, now 2026-02-18 09:00"
    " → send_message post firm sommatie; wake 2026-03-04 09:00;"
    " skipped incassokosten (no_valid_14_day_letter)",
    # delivery not known yet (e-mail letter bounced): costs wait for it
    F250 + ", after veertiendagenbrief at 2026-02-28 09:00,"
    " letter sent 2026-02-28, now 2026-03-20 09:00 → nothing; held incassokosten"
    " awaiting_letter_delivery",
    # costs once per claim
    F250 + ", after veertiendagenbrief at 2026-02-28 09:00,"
    " letter sent 2026-02-28 delivered 2026-03-04 last day 2026-03-18, costs charged,"
    " now 2026-03-19 09:00 → send_message post firm sommatie; wake 2026-04-02 09:00;"
    " skipped incassokosten (costs_already_charged)",
    # hand-over, then the court only for claims from € 250
    F250 + ", after sommatie at 2026-03-19 09:00,"
    " now 2026-04-02 09:00 → hand_over_to_partner incassopartner; wake 2026-05-14 09:00",
    F250 + ", after overdracht at 2026-04-02 09:00,"
    " now 2026-05-14 09:00 → start_judicial deurwaarder; held executie awaiting_event",
    "consumer claim € 180 due 2026-01-31, friendly route, after overdracht at 2026-04-02 09:00,"
    " now 2026-05-14 09:00 → nothing; wake 2026-10-01 09:00;"
    " skipped dagvaarding (route → monitoring)",
    F250 + ", after dagvaarding at 2026-05-14 09:00,"
    " event judgment_obtained at 2026-07-01 11:00, now 2026-07-01 11:05"
    " → hand_over_to_partner deurwaarder; wake 2026-12-30 09:00",
    F250 + ", after bewaking-herinnering at"
    " 2026-12-30 09:00, now 2027-01-29 09:00 → stop; finished",
]

STATUS = [
    # paid, disputed, paused: nothing is sent
    F250 + ", outstanding 0.00, now 2026-02-07 09:00 → nothing; status closed",
    F250 + ", status closed, now 2026-02-07 09:00 → nothing",
    F250 + ", status disputed, now 2026-02-07 09:00 → nothing; held disputed",
    F250 + ", paused until 2026-02-10,"
    " now 2026-02-09 19:00 → nothing; wake 2026-02-10 00:00; held paused",
    F250 + ", paused until 2026-02-10,"
    " after herinnering-vooraf at 2026-01-28 09:00, now 2026-02-10 09:00"
    " → send_message post friendly herinnering; wake 2026-02-21 09:00;"
    " skipped herinnering-email (conditions_not_met); status open",
    # promise to pay: promised date + 5 grace days
    F250 + ", promise 2026-02-10,"
    " after herinnering-vooraf at 2026-01-28 09:00, now 2026-02-15 23:00"
    " → nothing; wake 2026-02-16 00:00; held promise",
    F250 + ", promise 2026-02-10,"
    " after herinnering-post at 2026-02-07 09:00, now 2026-02-16 09:00"
    " → nothing; wake 2026-02-21 09:00; status open",
    # payment plan: a missed instalment (5 grace days) resumes at the amicable phase
    F250 + ", after herinnering-post at 2026-02-07 09:00,"
    " instalments 2026-03-01:paid+2026-04-01, now 2026-04-03 09:00"
    " → nothing; wake 2026-04-07 00:00; held plan",
    F250 + ", after herinnering-post at 2026-02-07 09:00,"
    " instalments 2026-03-01:paid+2026-04-01, now 2026-04-07 09:00"
    " → send_14_day_letter post neutral veertiendagenbrief; wake 2026-04-07 09:00; status open",
]

B2B = [
    # B2B cost minimum from the day after the due date, with the reminder
    "business claim € 1200.00 due 2026-03-02, b2b route, channels post+email, now 2026-03-02 09:00"
    " → nothing; wake 2026-03-03 09:00",
    "business claim € 1200.00 due 2026-03-02, b2b route, channels post+email, now 2026-03-03 09:00"
    " → charge_collection_costs + send_message email neutral herinnering-zakelijk;"
    " wake 2026-03-16 09:00",
    "business claim € 1200.00 due 2026-03-02, b2b route, channels post+email,"
    " after herinnering at 2026-03-03 09:00, now 2026-03-16 09:00"
    " → send_message email firm aanmaning-zakelijk; wake 2026-03-30 09:00",
    # no e-mail address: an e-mail step is skipped, never planned on a channel the debtor lacks
    "business claim € 1200.00 due 2026-03-02, b2b route, after herinnering at 2026-03-03 09:00,"
    " now 2026-03-16 09:00 → nothing; wake 2026-03-30 09:00;"
    " skipped aanmaning (channel_unavailable)",
    # sommatie on the partner's letterhead; the call 5 business days later skips Easter Monday
    "business claim € 1200.00 due 2026-03-02, b2b route, after aanmaning at 2026-03-16 09:00,"
    " now 2026-03-30 09:00 → send_message post firm sommatie-zakelijk partner;"
    " wake 2026-04-07 09:00",
    "business claim € 1200.00 due 2026-03-02, b2b route, channels post+phone,"
    " after sommatie at 2026-03-30 09:00, now 2026-04-07 09:00"
    " → create_call_task firm zakelijk-incasso; wake 2026-04-17 09:00",
    # no phone number: the call is skipped; the hand-over counts from the sommatie
    "business claim € 1200.00 due 2026-03-02, b2b route, after sommatie at 2026-03-30 09:00,"
    " now 2026-04-07 09:00 → nothing; wake 2026-04-09 09:00; skipped bellen (conditions_not_met)",
    "business claim € 1200.00 due 2026-03-02, b2b route, after sommatie at 2026-03-30 09:00,"
    " now 2026-04-09 09:00 → hand_over_to_partner incassopartner; wake 2026-05-09 09:00;"
    " skipped bellen (conditions_not_met)",
    "business claim € 400.00 due 2026-03-02, b2b route, after overdracht at 2026-04-07 09:00,"
    " now 2026-05-07 09:00 → nothing; wake 2026-07-06 09:00;"
    " skipped dagvaarding (route → monitoring)",
]

PARTNER = [
    # straight to the partner the day after the due date; not contact, so on a holiday too
    "consumer claim € 800.00 due 2026-05-04, partner route, now 2026-05-05 09:30"
    " → hand_over_to_partner incassopartner; held terugmelding awaiting_event",
    "consumer claim € 800.00 due 2026-05-04, partner route, now 2026-05-04 12:00"
    " → nothing; wake 2026-05-05 09:00",
    "consumer claim € 800.00 due 2026-05-04, partner route, after overdracht at 2026-05-05 09:00,"
    " event partner_returned at 2026-06-01 10:00, now 2026-06-01 10:05 → stop; finished",
    # an event from before the hand-over does not count
    "consumer claim € 800.00 due 2026-05-04, partner route, after overdracht at 2026-05-05 09:00,"
    " event partner_returned at 2026-05-01 10:00, now 2026-06-01 10:05"
    " → nothing; held terugmelding awaiting_event",
]


@pytest.mark.parametrize("case", FRIENDLY + STATUS + B2B + PARTNER)
def test_decide(case: str) -> None:
    state, now, expected = parse_case(case)
    assert render(decide(state, strategy_of(state), now=now), state) == expected

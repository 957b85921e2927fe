"""The runner on SQLite and PostgreSQL: one consumer claim through the friendly route, exact
messages, outbox rows, events and amounts; paid, disputed and woken claims."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.integration.collection.conftest import local, sent
from vorder.app.collection import actions

DUE = date(2026, 11, 20)  # a Friday


def _consumer(desk, amount="250.00", number="F-1"):
    desk.at(local(date(2026, 11, 6), 8))
    debtor = desk.debtor()
    claim = desk.invoice(debtor, number, amount, DUE, issued=date(2026, 11, 6))
    return debtor, claim.id


def test_consumer_route_to_costs_and_sommatie(desk):
    _, claim_id = _consumer(desk)
    report = desk.run(local(date(2026, 11, 6), 8))
    assert (report.claims, report.actions, desk.outbox()) == (1, 0, [])
    assert desk.state(claim_id).wake_at == datetime(2026, 11, 17, 8, 0, tzinfo=UTC)

    for day in (date(2026, 11, 17), date(2026, 11, 27), date(2026, 12, 11), date(2026, 12, 18)):
        desk.run(local(day, 9))
    desk.run(local(date(2027, 1, 5), 9))  # the term's last day: nothing yet
    assert len(desk.outbox()) == 4
    desk.run(local(date(2027, 1, 6), 9))

    assert sent(desk) == [
        ("2026-11-17", "email", "herinnering-vooraf", "message", (claim_id,)),
        ("2026-11-27", "email", "herinnering", "message", (claim_id,)),
        ("2026-12-11", "post", "aanmaning", "message", (claim_id,)),
        ("2026-12-18", "post", "veertiendagenbrief", "14_day_letter", (claim_id,)),
        ("2027-01-06", "post", "sommatie", "message", (claim_id,)),
    ]
    outbox = desk.outbox()
    assert [o.idempotency_key for o in outbox] == [
        f"1:{claim_id}:herinnering-vooraf:2026-11-17",
        f"1:{claim_id}:herinnering-email:2026-11-27",
        f"1:{claim_id}:aanmaning:2026-12-11",
        f"1:{claim_id}:veertiendagenbrief:2026-12-18",
        f"1:{claim_id}:sommatie:2027-01-06",
    ]
    assert [o.kind for o in outbox] == ["email", "email", "post", "post", "post"]
    assert [o.payload["total"] for o in outbox] == [
        "250.00",
        "250.19",
        "250.58",
        "250.77",
        "291.29",
    ]
    # The 14-day letter: the exact costs, the term, the invoice and amounts.
    letter = outbox[3].payload
    assert letter["costs"] == "40.00"
    assert "binnen 14 dagen na de dag van ontvangst van deze brief" in letter["text"]
    assert "incassokosten betalen: € 40,00" in letter["text"]
    assert (
        "Factuur F-1 (factuurdatum 6 november 2026, vervaldatum 20 november 2026)" in letter["text"]
    )
    assert letter["to"] == ["Jan de Vries", "Kerkstraat 12", "3512 AB Utrecht"]
    state = desk.state(claim_id)
    assert (state.letter_sent_on, state.letter_delivered_on, state.letter_last_day) == (
        date(2026, 12, 18),
        date(2026, 12, 22),
        date(2027, 1, 5),
    )
    # Costs charged by the ledger after the term: 15% of 250 is below the minimum: 40.00.
    [charged] = desk.events("CollectionCostsCharged")
    assert charged.payload == {
        "step_id": "incassokosten",
        "phase": "amicable",
        "on": "2027-01-06",
        "amount": "40.00",
    }
    sommatie = outbox[4].payload["text"]
    assert "Incassokosten: € 40,00 (grondslag: art. 6:96 lid 6-7 BW; Besluit BIK art. 2)" in (
        sommatie
    )
    assert "Rente: € 1,29 (grondslag: art. 6:119 BW; F-1: 4% 2026-11-21..2027-01-06)" in sommatie
    letters = desk.events("FourteenDayLetterSent")
    assert [e.payload["cost_amount"] for e in letters] == ["40.00"]
    assert state.next_step_id == "overdracht" and state.phase == "amicable"
    assert state.wake_at == datetime(2027, 1, 20, 8, 0, tzinfo=UTC)


def test_a_paid_claim_gets_nothing_more(desk):
    _, claim_id = _consumer(desk)
    desk.run(local(date(2026, 11, 17), 9))
    desk.at(local(date(2026, 11, 24), 12))
    desk.pay(claim_id, "250.11", date(2026, 11, 24))  # principal + 4 days of interest
    for day in (date(2026, 11, 27), date(2026, 12, 11), date(2027, 1, 6)):
        desk.run(local(day, 9))
    assert sent(desk) == [("2026-11-17", "email", "herinnering-vooraf", "message", (claim_id,))]
    state = desk.state(claim_id)
    assert (state.status, state.wake_at) == ("closed", None)
    assert [e.type for e in desk.events("CollectionClosed")] == ["CollectionClosed"]


def test_a_disputed_claim_is_held_until_resolved(desk):
    _, claim_id = _consumer(desk)
    desk.run(local(date(2026, 11, 27), 9))
    desk.at(local(date(2026, 11, 30), 14))
    view = desk.act(actions.register_dispute, claim_id, reason="levering klopt niet")
    assert (view.status, view.wake_at) == ("disputed", None)
    for day in (date(2026, 12, 11), date(2026, 12, 18), date(2027, 1, 6)):
        desk.run(local(day, 9))
    assert len(desk.outbox()) == 1  # only the reminder before the dispute
    desk.at(local(date(2027, 1, 7), 10))
    view = desk.act(actions.resolve_dispute, claim_id)
    assert (view.status, view.wake_at) == ("open", local(date(2027, 1, 7), 10))
    desk.run()
    assert sent(desk)[1:] == [("2027-01-07", "post", "aanmaning", "message", (claim_id,))]

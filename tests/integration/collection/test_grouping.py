"""One debtor, one message: two claims of one consumer get one reminder listing both and one
14-day letter with the principals added (art. 6:96 lid 7 BW); a business claim's costs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.integration.collection.conftest import local, sent
from vorder.app.collection import actions

DUE = date(2026, 11, 20)


def _two_claims(desk):
    """Two claims of one debtor on the same timeline: the first is paused while the second
    invoice arrives (a paused claim takes no new invoices), then resumed."""
    desk.at(local(date(2026, 11, 6), 8))
    debtor = desk.debtor()
    first = desk.invoice(debtor, "F-1", "200.00", DUE, issued=date(2026, 11, 6)).id
    desk.act(actions.pause_claim, first, reason="even wachten")
    second = desk.invoice(debtor, "F-2", "300.00", DUE, issued=date(2026, 11, 6)).id
    desk.act(actions.resume_claim, first)
    assert first != second
    return first, second


def test_one_message_per_debtor_and_one_combined_14_day_letter(desk):
    first, second = _two_claims(desk)
    for day in (date(2026, 11, 17), date(2026, 11, 27), date(2026, 12, 11), date(2026, 12, 18)):
        desk.run(local(day, 9))
    both = (first, second)
    assert sent(desk) == [
        ("2026-11-17", "email", "herinnering-vooraf", "message", both),
        ("2026-11-27", "email", "herinnering", "message", both),
        ("2026-12-11", "post", "aanmaning", "message", both),
        ("2026-12-18", "post", "veertiendagenbrief", "14_day_letter", both),
    ]
    letter = desk.outbox()[-1].payload
    # H = 200 + 300 = 500: 15% = 75.00 (separately it would be 40 + 45 = 85).
    assert letter["costs"] == "75.00"
    assert letter["key"] == f"1:{first}+{second}:veertiendagenbrief:2026-12-18"
    assert "over de hoofdsom van € 500,00 van de facturen in deze brief samen" in letter["text"]
    assert "Factuur F-1" in letter["text"] and "Factuur F-2" in letter["text"]
    announced = {
        e.subject_id: e.payload["cost_amount"] for e in desk.events("FourteenDayLetterSent")
    }
    assert announced == {first: "30.00", second: "45.00"}
    desk.run(local(date(2027, 1, 6), 9))
    charged = {e.subject_id: e.payload["amount"] for e in desk.events("CollectionCostsCharged")}
    assert charged == {first: "30.00", second: "45.00"}  # 75.00 together, as the letter said
    assert sent(desk)[-1] == ("2027-01-06", "post", "sommatie", "message", both)


def test_business_costs_at_least_40_per_invoice_the_day_after_the_due_date(desk):
    desk.at(local(date(2026, 11, 6), 8))
    debtor = desk.debtor("Hotel De Wijk B.V.", kind="business", email="info@hotel.example")
    due = date(2026, 11, 21)  # a Saturday
    desk.invoice(debtor, "B-1", "100.00", due, issued=date(2026, 11, 6))
    claim = desk.invoice(debtor, "B-2", "200.00", due, issued=date(2026, 11, 6)).id
    desk.run(local(date(2026, 11, 21), 9))
    assert (desk.outbox(), desk.events("CollectionCostsCharged")) == ([], [])
    desk.run(local(date(2026, 11, 22), 9))  # a Sunday: costs yes, contact no (Wki)
    [charged] = desk.events("CollectionCostsCharged")
    assert charged.payload["amount"] == "80.00"  # max(2 x 40, staffel(300) = 45)
    assert desk.outbox() == []
    assert desk.state(claim).wake_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00
    desk.run(local(date(2026, 11, 23), 9))
    [reminder] = desk.outbox()
    assert reminder.payload["template"] == "herinnering-zakelijk"
    assert reminder.payload["to"] == "info@hotel.example"
    assert reminder.payload["total"] == "380.17"  # 300 + 80 + 2 days at 10.15%: 0.06 + 0.11
    assert "Geachte heer, mevrouw" in reminder.payload["text"]
    assert (
        "(grondslag: art. 6:96 lid 4 BW; CJEU C-585/20; Besluit BIK art. 2)"
        in (reminder.payload["text"])
    )

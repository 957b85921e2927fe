"""A 120-day simulation of a small portfolio — consumers and businesses; a late payer who
promises, a partial payer, a disputer, never-payers — asserting the exact sequence of
messages (day, channel, template, claim) and the amounts: interest, the 14-day letters'
costs, collection costs only after the letter's term (consumer) or from the day after the
due date with the B2B minimum of 40 per invoice."""

from __future__ import annotations

from datetime import date

from tests.integration.collection.conftest import local, sent
from vorder.app.collection.simulation import simulate
from vorder.core.demo import PaymentBehaviour as B

PEOPLE = [  # name, kind, e-mail, phone, behaviour, amount, due date
    ("Anna Bakker", "consumer", "anna@example.nl", None, B.LATE, "180.00", date(2026, 11, 20)),
    ("Bram de Wit", "consumer", None, None, B.PARTIAL, "420.00", date(2026, 11, 16)),
    ("Carla Smit", "consumer", "carla@example.nl", None, B.DISPUTING, "95.50", date(2026, 11, 25)),
    (
        "Dirk Visser",
        "consumer",
        "dirk@example.nl",
        None,
        B.NEVER_PAYING,
        "1250.00",
        date(2026, 11, 10),
    ),
    (
        "Eetcafé De Hoek V.O.F.",
        "business",
        "admin@dehoek.example",
        None,
        B.LATE,
        "180.00",
        date(2026, 11, 18),
    ),
    (
        "Hotel Noord B.V.",
        "business",
        "info@noord.example",
        "+31501234567",
        B.NEVER_PAYING,
        "2300.00",
        date(2026, 11, 12),
    ),
]


def test_120_days_of_a_small_portfolio(desk):
    desk.at(local(date(2026, 11, 2), 8))
    behaviours = {}
    for n, (name, kind, email, phone, behaviour, amount, due) in enumerate(PEOPLE):
        debtor = desk.debtor(name, kind=kind, email=email, phone=phone)
        behaviours[debtor] = behaviour
        desk.invoice(debtor, f"S-{n + 1}", amount, due, issued=date(2026, 10, 20))
    anna, bram, carla, dirk, eetcafe, hotel = 1, 2, 3, 4, 5, 6  # the claims, in order

    report = simulate(
        desk.c.uow,
        desk.services,
        desk.sinks,
        actor=desk.actor,
        start=date(2026, 11, 2),
        until=date(2027, 3, 1),
        behaviours=behaviours,
        seed=2,
    )

    assert [(d, ch, tpl, c) for d, ch, tpl, _, c in sent(desk)] == [
        ("2026-11-07", "email", "herinnering-vooraf", (dirk,)),
        ("2026-11-13", "email", "herinnering-zakelijk", (hotel,)),
        ("2026-11-17", "email", "herinnering-vooraf", (anna,)),
        ("2026-11-17", "email", "herinnering", (dirk,)),
        ("2026-11-19", "email", "herinnering-zakelijk", (eetcafe,)),
        ("2026-11-23", "post", "herinnering", (bram,)),  # no e-mail address: by post
        ("2026-11-23", "email", "herinnering-vooraf", (carla,)),  # Sunday the 22nd: Monday
        ("2026-11-26", "email", "aanmaning-zakelijk", (hotel,)),
        ("2026-11-27", "email", "herinnering", (anna,)),
        ("2026-12-01", "post", "aanmaning", (dirk,)),
        ("2026-12-02", "email", "herinnering", (carla,)),
        ("2026-12-07", "post", "aanmaning", (bram,)),
        ("2026-12-08", "post", "veertiendagenbrief", (dirk,)),
        ("2026-12-10", "post", "sommatie-zakelijk", (hotel,)),
        ("2026-12-14", "post", "veertiendagenbrief", (bram,)),
        ("2026-12-17", "phone", "zakelijk-incasso", (hotel,)),  # call task, 5 working days
        ("2026-12-18", "post", "aanmaning", (carla,)),  # held by the dispute until resolved
        ("2026-12-28", "post", "sommatie", (dirk,)),  # after costs on 25 Dec; no contact 25-27
    ]
    # What each message asked: principal + interest (4% consumer, 10.15% commercial,
    # provisional after the rate table) + collection costs charged by then.
    totals = [o.payload["total"] for o in desk.outbox()]
    assert totals == [
        "1250.00",
        "2645.64",
        "180.00",
        "1250.96",
        "220.05",
        "420.32",
        "95.50",
        "2653.95",
        "180.14",
        "1252.88",
        "95.57",
        "420.97",
        "1253.84",
        "2662.91",
        "211.19",
        "95.74",
        "1444.08",
    ]
    letters = [o.payload for o in desk.outbox() if o.payload["kind"] == "14_day_letter"]
    assert [(p["claim_ids"], p["costs"]) for p in letters] == [
        ([dirk], "187.50"),
        ([bram], "40.00"),
    ]
    charged = [
        (e.subject_id, e.payload["on"], e.payload["amount"])
        for e in desk.events("CollectionCostsCharged")
    ]
    assert charged == [
        (hotel, "2026-11-13", "345.00"),  # B2B: 15% of 2300, the day after the due date
        (eetcafe, "2026-11-19", "40.00"),  # B2B minimum: 15% of 180 is 27.00
        (dirk, "2026-12-25", "187.50"),  # the day after the letter's term (last day 24 Dec)
    ]  # Bram paid within his letter's term: no costs
    paid = [
        (
            e.subject_id,
            e.payload["paid_on"],
            e.payload["amount"],
            e.payload["costs"],
            e.payload["interest"],
            e.payload["principal"],
        )
        for e in desk.events("PaymentAllocated")
    ]
    assert paid == [
        (eetcafe, "2026-11-23", "220.25", "40.00", "0.25", "180.00"),
        (anna, "2026-12-05", "180.30", "0.00", "0.30", "180.00"),  # on the promised date
        (bram, "2026-12-10", "210.00", "0.00", "1.10", "208.90"),  # half, after 2 messages
        (bram, "2026-12-17", "211.26", "0.00", "0.16", "211.10"),
        (carla, "2026-12-21", "95.77", "0.00", "0.27", "95.50"),  # after the dispute
    ]
    assert [e.payload["promise_date"] for e in desk.events("PromiseRegistered")] == ["2026-12-05"]
    assert [
        (e.subject_id, e.occurred_at.date().isoformat())
        for e in desk.events("DisputeRegistered", "DisputeResolved")
    ] == [(carla, "2026-12-04"), (carla, "2026-12-18")]
    started = [
        (e.subject_id, e.occurred_at.date().isoformat()) for e in desk.events("JudicialStarted")
    ]
    assert started == [(hotel, "2027-01-26"), (dirk, "2027-02-22")]
    states = {c: (desk.state(c).status, desk.state(c).phase) for c in range(1, 7)}
    assert states == {
        anna: ("closed", "in_house"),
        bram: ("closed", "amicable"),
        carla: ("closed", "in_house"),
        dirk: ("open", "judicial"),
        eetcafe: ("closed", "in_house"),
        hotel: ("open", "judicial"),
    }
    assert (report.days, report.payments, str(report.paid)) == (120, 5, "917.58")
    assert (report.promises, report.disputes, report.resolved, report.refused) == (1, 1, 1, 0)
    # Every message went to the local sink exactly once.
    calls = [k for s in desk.sinks.values() for k in s.calls()]
    assert sorted(calls) == sorted(o.idempotency_key for o in desk.outbox())

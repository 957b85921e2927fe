"""Events wake a claim at once and change what the runner does: payments, promises, pauses,
delivery results; actions queue a run; champion/challenger variants travel with messages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

import vorder.worker  # noqa: F401 - registers the collection.run task
from tests.integration.collection.conftest import local, sent
from vorder.app.collection import actions, strategies
from vorder.app.collection.errors import ClaimNotActive, InvalidClaimAction, NotDisputed
from vorder.app.outbox import PermanentFailure
from vorder.core.strategy import bucket

DUE = date(2026, 11, 20)


def _claim(desk, amount="250.00", **debtor: Any) -> int:
    desk.at(local(date(2026, 11, 6), 8))
    debtor_id = desk.debtor(**debtor)
    return desk.invoice(debtor_id, "F-1", amount, DUE, issued=date(2026, 11, 6)).id


def test_a_payment_wakes_the_claim_and_is_reacted_to(desk):
    claim = _claim(desk)
    desk.run(local(date(2026, 11, 27), 9))
    paid_at = local(date(2026, 11, 30), 15)
    desk.at(paid_at)
    desk.pay(claim, "100.00", date(2026, 11, 30))
    with desk.c.uow(system=True) as uow:
        row = uow.session.execute(  # type: ignore[attr-defined]
            __import__("sqlalchemy").text("SELECT next_wake_at FROM claims WHERE id = :i"),
            {"i": claim},
        ).scalar_one()
    assert str(row).startswith("2026-11-30 14:00")  # woken now (15:00 in Amsterdam)
    report = desk.run()
    assert (report.claims, report.actions) == (1, 0)
    state = desk.state(claim)
    assert state.events[-1] == ["partial_payment", "2026-11-30T15:00:00"]
    assert state.seen_paid_cents == 10000
    assert state.wake_at == datetime(2026, 12, 11, 8, 0, tzinfo=UTC)
    desk.run(local(date(2026, 12, 11), 9))
    aanmaning = desk.outbox()[-1].payload
    # 100.00 went to 0.27 interest (10 days) and 99.73 principal: 150.27 open + 11 days
    assert aanmaning["total"] == "150.45"


def test_an_action_queues_a_run_that_sends_at_once(desk):
    claim = _claim(desk)
    desk.run(local(date(2026, 11, 27), 9))
    desk.act(actions.register_dispute, claim, reason="bestelling niet ontvangen")
    desk.at(local(date(2026, 12, 14), 10))
    desk.act(actions.resolve_dispute, claim, queue=desk.c.queue)  # immediate: runs inline
    assert sent(desk)[-1] == ("2026-12-14", "post", "aanmaning", "message", (claim,))


def test_a_promise_holds_until_the_promised_date_plus_grace(desk):
    claim = _claim(desk)
    desk.run(local(date(2026, 11, 27), 9))
    desk.at(local(date(2026, 12, 1), 11))
    view = desk.act(actions.register_promise, claim, promise_date=date(2026, 12, 15))
    assert (view.status, view.promise_date) == ("promise", date(2026, 12, 15))
    assert view.wake_at == datetime(2026, 12, 20, 23, 0, tzinfo=UTC)  # 15 + 5 grace + 1, 00:00
    desk.run(local(date(2026, 12, 11), 9))
    assert len(desk.outbox()) == 1
    desk.run(local(date(2026, 12, 21), 0, 0))  # resumes, but no contact before 07:00
    desk.run(local(date(2026, 12, 21), 9))
    assert sent(desk)[-1] == ("2026-12-21", "post", "aanmaning", "message", (claim,))
    assert desk.state(claim).status == "open"


def test_pause_until_a_date_and_refusals_change_nothing(desk):
    claim = _claim(desk)
    desk.run(local(date(2026, 11, 27), 9))
    with pytest.raises(InvalidClaimAction):
        desk.act(actions.pause_claim, claim, reason="  ")
    with pytest.raises(NotDisputed):
        desk.act(actions.resolve_dispute, claim)
    assert [e.type for e in desk.events("ClaimPaused", "DisputeResolved")] == []
    desk.act(actions.pause_claim, claim, reason="klant belt terug", until=date(2027, 1, 4))
    desk.run(local(date(2026, 12, 11), 9))
    assert len(desk.outbox()) == 1
    desk.run(local(date(2027, 1, 4), 9))
    assert sent(desk)[-1] == ("2027-01-04", "post", "aanmaning", "message", (claim,))


def test_delivery_results_flow_back_into_the_history(desk):
    claim = _claim(desk)
    desk.run(local(date(2026, 11, 27), 9))

    class Bouncing:
        def deliver(self, *, idempotency_key: str, payload: dict[str, Any]) -> dict[str, Any]:
            raise PermanentFailure("mailbox unknown")

    desk.sinks["email"] = Bouncing()
    report = desk.deliver(local(date(2026, 11, 27), 9, 5))
    assert (report.delivered, report.failed) == (0, 1)
    [message] = desk.messages()
    assert message.status == "bounced"
    [bounce] = desk.events("MessageBounced")
    assert bounce.payload["step_ids"] == ["herinnering-email"]
    desk.run()
    history = desk.state(claim).history
    assert history[-1] == ["herinnering-email", "send_message", "2026-11-27T09:00:00", "bounced"]
    assert desk.state(claim).events[-1] == ["message_bounced", "2026-11-27T09:05:00"]


def test_a_second_run_at_the_same_moment_does_nothing(desk):
    _claim(desk)
    first = desk.run(local(date(2026, 11, 27), 9))
    second = desk.run()
    assert (first.claims, first.messages, second.claims, second.batches) == (1, 1, 0, 0)
    assert len(desk.outbox()) == 1


def test_champion_challenger_variant_is_on_the_claim_and_every_message(desk):
    desk.at(local(date(2026, 11, 6), 8))
    strategies.install_defaults(
        desk.c.uow, actor=desk.actor, defaults=desk.services.defaults, now=desk.clock.now()
    )
    rules = {
        "rules": [
            {
                "id": "proef",
                "experiment": "toon-2026",
                "split": [
                    {"variant": "champion", "strategy": "consumer-friendly", "percent": 50},
                    {"variant": "challenger", "strategy": "straight-to-partner", "percent": 50},
                ],
            }
        ],
        "default": "consumer-friendly",
    }
    strategies.set_assignment(desk.c.uow, actor=desk.actor, document=rules, now=desk.clock.now())
    claims = []
    for n in range(6):
        debtor = desk.debtor(f"Klant {n}", email=f"k{n}@example.nl")
        claims.append(desk.invoice(debtor, f"F-{n}", "80.00", DUE, issued=date(2026, 11, 6)).id)
    desk.run(local(date(2026, 11, 17), 9))
    variants = {c: desk.state(c).variant for c in claims}
    # sha256("toon-2026" ␟ claim id) mod 10000: 0-4999 champion, 5000-9999 challenger
    expected = {
        c: "champion" if bucket("toon-2026", str(c)) < 5000 else "challenger" for c in claims
    }
    assert variants == expected
    assert set(variants.values()) == {"champion", "challenger"}
    for m in desk.messages():
        assert m.variant == variants[m.claim_ids[0]] == "champion"
    for o in desk.outbox():
        assert o.payload["variant"] == "champion"
    assigned = desk.events("StrategyAssigned")
    assert {e.payload["variant"] for e in assigned} == {"champion", "challenger"}


def test_closed_claims_refuse_actions(desk):
    claim = _claim(desk)
    desk.at(local(date(2026, 11, 18), 9))
    desk.pay(claim, "250.00", date(2026, 11, 18))
    desk.run()
    with pytest.raises(ClaimNotActive):
        desk.act(actions.register_dispute, claim, reason="te laat")
    assert desk.events("DisputeRegistered") == []

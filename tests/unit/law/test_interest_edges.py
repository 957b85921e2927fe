"""Interest edge cases: 29 February, year ends, payments, zero days, provisional, errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vorder.core.law.checks import InvalidRate, NegativeAmount
from vorder.core.law.interest import (
    InterestResult,
    Payment,
    PaymentAfterPeriod,
    compute_interest,
)
from vorder.core.law.settings import FixedRate, InterestSettings, Rounding
from vorder.core.law.tables import DateBeforeRates, RatesNotKnown, RateTable
from vorder.core.periods import ImpossiblePeriod, Period

D = date.fromisoformat
M = Decimal


def rows(result: InterestResult) -> list[tuple[str, str, int, str, str]]:
    return [
        (s.start.isoformat(), s.last.isoformat(), s.days, str(s.base), str(s.interest))
        for s in result.segments
    ]


def test_year_starting_29_february_ends_28_february_next_base_from_1_march() -> None:
    result = compute_interest(
        M("1000.00"), due=D("2024-02-28"), until=D("2025-03-31"), rates=FixedRate(M("0.10"))
    )
    # 2024-02-29..2025-02-28 is the first year (366 days at ACT/365), then the new base.
    assert rows(result) == [
        ("2024-02-29", "2025-02-28", 366, "1000.00", "100.27"),
        ("2025-03-01", "2025-03-31", 31, "1100.27", "9.34"),
    ]


def test_year_end_under_act_365_does_not_split_but_act_act_does() -> None:
    fixed = FixedRate(M("0.05"))
    simple = compute_interest(M("1000.00"), due=D("2023-12-15"), until=D("2024-01-15"), rates=fixed)
    assert rows(simple) == [("2023-12-16", "2024-01-15", 31, "1000.00", "4.25")]
    from vorder.core.law.settings import DayCount

    actact = compute_interest(
        M("1000.00"),
        due=D("2023-12-15"),
        until=D("2024-01-15"),
        rates=fixed,
        settings=InterestSettings(day_count=DayCount.ACT_ACT),
    )
    assert rows(actact) == [
        ("2023-12-16", "2023-12-31", 16, "1000.00", "2.19"),
        ("2024-01-01", "2024-01-15", 15, "1000.00", "2.05"),
    ]


def test_payment_on_a_rate_change_day(consumer: RateTable) -> None:
    # 2025-01-01: consumer rate 7% → 6%. The payment day bears interest on the old base at
    # the new rate; the new base applies from the day after.
    result = compute_interest(
        M("1000.00"),
        due=D("2024-11-30"),
        until=D("2025-01-31"),
        rates=consumer,
        payments=[Payment(D("2025-01-01"), M("500.00"))],
    )
    assert rows(result) == [
        ("2024-12-01", "2024-12-31", 31, "1000.00", "5.95"),
        ("2025-01-01", "2025-01-01", 1, "1000.00", "0.16"),
        ("2025-01-02", "2025-01-31", 30, "506.11", "2.50"),
    ]
    (applied,) = result.payments
    assert (applied.to_interest, applied.to_principal, applied.surplus) == (
        M("6.11"),
        M("493.89"),
        M("0.00"),
    )
    assert result.principal_outstanding == M("506.11")
    assert result.interest_outstanding == M("2.50")


def test_excluding_the_payment_day_moves_the_boundary(consumer: RateTable) -> None:
    result = compute_interest(
        M("1000.00"),
        due=D("2024-11-30"),
        until=D("2025-01-31"),
        rates=consumer,
        payments=[Payment(D("2025-01-01"), M("500.00"))],
        settings=InterestSettings(include_last_day=False),
    )
    assert rows(result) == [
        ("2024-12-01", "2024-12-31", 31, "1000.00", "5.95"),
        ("2025-01-01", "2025-01-30", 30, "505.95", "2.50"),
    ]


def test_zero_day_period_and_period_ending_on_the_due_date(consumer: RateTable) -> None:
    result = compute_interest(
        M("1000.00"), due=D("2025-03-31"), until=D("2025-03-31"), rates=consumer
    )
    assert result.interest == M("0.00") and result.segments == ()
    assert result.period == Period(D("2025-04-01"), D("2025-04-01"))
    excluded = compute_interest(
        M("1000.00"),
        due=D("2025-03-31"),
        until=D("2025-04-01"),
        rates=consumer,
        settings=InterestSettings(include_last_day=False),
    )
    assert excluded.interest == M("0.00") and excluded.segments == ()


def test_one_day(consumer: RateTable) -> None:
    result = compute_interest(
        M("1000.00"), due=D("2025-03-31"), until=D("2025-04-01"), rates=consumer
    )
    assert rows(result) == [("2025-04-01", "2025-04-01", 1, "1000.00", "0.16")]


def test_payment_before_the_due_date_reduces_the_principal_only(consumer: RateTable) -> None:
    result = compute_interest(
        M("1000.00"),
        due=D("2025-03-31"),
        until=D("2025-04-30"),
        rates=consumer,
        payments=[Payment(D("2025-03-15"), M("400.00"))],
    )
    assert rows(result) == [("2025-04-01", "2025-04-30", 30, "600.00", "2.96")]


def test_overpayment_is_surplus_never_lost(consumer: RateTable) -> None:
    result = compute_interest(
        M("100.00"),
        due=D("2025-03-31"),
        until=D("2025-04-30"),
        rates=consumer,
        payments=[Payment(D("2025-04-30"), M("150.00"))],
    )
    (applied,) = result.payments
    assert (applied.to_interest, applied.to_principal, applied.surplus) == (
        M("0.49"),
        M("100.00"),
        M("49.51"),
    )
    assert result.total_outstanding == M("0.00")


def test_payment_after_until_is_an_error(consumer: RateTable) -> None:
    with pytest.raises(PaymentAfterPeriod):
        compute_interest(
            M("100.00"),
            due=D("2025-03-31"),
            until=D("2025-04-30"),
            rates=consumer,
            payments=[Payment(D("2025-05-01"), M("10.00"))],
        )


def test_compounded_interest_is_paid_first_and_lowers_the_base() -> None:
    result = compute_interest(
        M("1000.00"),
        due=D("2023-12-31"),
        until=D("2025-03-31"),
        rates=FixedRate(M("0.10")),
        payments=[Payment(D("2025-01-31"), M("50.00"))],
    )
    # year 1 (2024, 366 days) 100.27 is capitalised on 2025-01-01; the payment settles 50 of it.
    assert rows(result) == [
        ("2024-01-01", "2024-12-31", 366, "1000.00", "100.27"),
        ("2025-01-01", "2025-01-31", 31, "1100.27", "9.34"),
        ("2025-02-01", "2025-03-31", 59, "1050.27", "16.98"),
    ]
    assert result.interest_outstanding == M("76.59")
    assert result.principal_outstanding == M("1000.00")


def test_simple_contractual_rate_does_not_compound() -> None:
    result = compute_interest(
        M("1000.00"),
        due=D("2022-12-31"),
        until=D("2024-12-31"),
        rates=FixedRate(M("0.08")),
        settings=InterestSettings(compound=False),
    )
    assert rows(result) == [("2023-01-01", "2024-12-31", 731, "1000.00", "160.22")]


def test_rounding_total_only(consumer: RateTable) -> None:
    # 100.00 from 2024-12-25: 7 days at 7% (0.134...) + 10 days at 6% (0.164...)
    args = {"due": D("2024-12-24"), "until": D("2025-01-10"), "rates": consumer}
    per_segment = compute_interest(M("100.00"), **args)  # type: ignore[arg-type]
    total_only = compute_interest(
        M("100.00"),
        settings=InterestSettings(rounding=Rounding.TOTAL),
        **args,  # type: ignore[arg-type]
    )
    assert [s.interest for s in per_segment.segments] == [M("0.13"), M("0.16")]
    assert per_segment.interest == M("0.29")
    assert total_only.segments[0].interest == M("100.00") * M("0.07") * 7 / 365
    assert total_only.interest == M("0.30")


def test_provisional_past_valid_through(consumer: RateTable) -> None:
    with pytest.raises(RatesNotKnown) as exc:
        compute_interest(M("1000.00"), due=D("2026-05-31"), until=D("2026-08-31"), rates=consumer)
    assert exc.value.missing == Period(D("2026-07-01"), D("2026-09-01"))
    assert exc.value.field == "until"
    result = compute_interest(
        M("1000.00"),
        due=D("2026-05-31"),
        until=D("2026-08-31"),
        rates=consumer,
        settings=InterestSettings(provisional=True),
    )
    assert result.provisional is True
    assert result.missing == Period(D("2026-07-01"), D("2026-09-01"))
    assert rows(result) == [("2026-06-01", "2026-08-31", 92, "1000.00", "10.08")]
    assert result.segments[0].provisional is True


def test_through_valid_through_is_not_provisional(consumer: RateTable) -> None:
    result = compute_interest(
        M("1000.00"), due=D("2026-05-31"), until=D("2026-06-30"), rates=consumer
    )
    assert result.provisional is False and result.missing is None


def test_period_before_the_first_row_is_an_error(consumer: RateTable) -> None:
    with pytest.raises(DateBeforeRates):
        compute_interest(M("1000.00"), due=D("1997-06-30"), until=D("1998-06-30"), rates=consumer)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"principal": M("-0.01")}, NegativeAmount),
        ({"until": D("2025-03-30")}, ImpossiblePeriod),
        ({"payments": [Payment(D("2025-04-10"), M("-1.00"))]}, NegativeAmount),
        ({"rates": FixedRate(M("8"))}, InvalidRate),
    ],
)
def test_named_errors(
    kwargs: dict[str, object], error: type[Exception], consumer: RateTable
) -> None:
    args: dict[str, object] = {
        "principal": M("100.00"),
        "due": D("2025-03-31"),
        "until": D("2025-04-30"),
        "rates": consumer,
    }
    args.update(kwargs)
    principal = args.pop("principal")
    with pytest.raises(error):
        compute_interest(principal, **args)  # type: ignore[arg-type]

"""Statement of account from a claim's events: what is owed on a date and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from vorder.core.law.events import (
    ClaimFacts,
    ClaimKind,
    ContractualRate,
    CostsCharged,
    Invoice,
    LetterSent,
    PaymentReceived,
)
from vorder.core.law.letter import TermStart
from vorder.core.law.settings import InterestSettings
from vorder.core.law.statement import (
    CostsAlreadyCharged,
    InvalidClaimFacts,
    LineKind,
    Statement,
    statement_of_account,
)
from vorder.core.law.statement_costs import CostsAboveStatutory, CostsNotChargeable
from vorder.core.law.tables import RatesNotKnown, StatutoryRates
from vorder.core.periods import ImpossiblePeriod, Period

M = Decimal
D = date.fromisoformat
INVOICE = Invoice("F1", D("2025-01-01"), M("1000.00"), D("2025-01-31"))
LETTER = LetterSent(D("2025-02-03"), cost_amount=M("150.00"))  # last day 2025-02-19
EXAMPLE = ClaimFacts(
    kind=ClaimKind.CONSUMER,
    invoices=(INVOICE,),
    events=(LETTER, CostsCharged(D("2025-02-20")), PaymentReceived(D("2025-06-30"), M("400.00"))),
)


def lines(statement: Statement) -> list[tuple[str, str, str]]:
    return [(ln.on.isoformat(), ln.kind.value, str(ln.amount)) for ln in statement.lines]


def test_law_nl_allocation_example_as_a_statement(rates: StatutoryRates) -> None:
    st = statement_of_account(EXAMPLE, on=D("2025-06-30"), rates=rates)
    assert lines(st) == [
        ("2025-01-01", "invoice", "1000.00"),
        ("2025-02-03", "letter", "0.00"),
        ("2025-02-20", "costs", "150.00"),
        ("2025-06-30", "interest", "24.66"),
        ("2025-06-30", "payment", "-400.00"),
        ("2025-06-30", "payment_to_costs", "-150.00"),
        ("2025-06-30", "payment_to_interest", "-24.66"),
        ("2025-06-30", "payment_to_principal", "-225.34"),
    ]
    assert (st.principal_outstanding, st.interest_outstanding, st.costs_outstanding) == (
        M("774.66"),
        M("0.00"),
        M("0.00"),
    )
    assert st.total_outstanding == M("774.66") and st.paid == M("400.00")
    assert all(ln.basis for ln in st.lines)
    (letter,) = st.letters
    assert letter.valid and letter.principal_at_term_end == M("1000.00")
    assert letter.deadline.last_day == D("2025-02-19")


def test_interest_keeps_running_on_the_remaining_principal(rates: StatutoryRates) -> None:
    st = statement_of_account(EXAMPLE, on=D("2025-07-31"), rates=rates)
    # 774.66 at 6% for 31 days = 3.95
    assert st.interest_outstanding == M("3.95")
    assert st.total_outstanding == M("778.61")
    assert [(s.start.isoformat(), str(s.base)) for s in st.invoices[0].segments] == [
        ("2025-02-01", "1000.00"),
        ("2025-07-01", "774.66"),
    ]


def test_events_after_the_statement_date_do_not_count(rates: StatutoryRates) -> None:
    st = statement_of_account(EXAMPLE, on=D("2025-03-31"), rates=rates)
    assert st.paid == M("0.00") and st.costs_outstanding == M("150.00")
    assert st.interest_outstanding == M("9.70")  # 2025-02-01..03-31, 59 days at 6%


def test_costs_need_a_letter_whose_term_has_passed(rates: StatutoryRates) -> None:
    no_letter = replace(EXAMPLE, events=(CostsCharged(D("2025-02-20")),))
    with pytest.raises(CostsNotChargeable, match="none was sent"):
        statement_of_account(no_letter, on=D("2025-06-30"), rates=rates)
    early = replace(EXAMPLE, events=(LETTER, CostsCharged(D("2025-02-19"))))
    with pytest.raises(CostsNotChargeable, match="costs are due from 2025-02-20"):
        statement_of_account(early, on=D("2025-06-30"), rates=rates)


def test_an_invalid_letter_names_its_problems(rates: StatutoryRates) -> None:
    bad = LetterSent(D("2025-01-31"), cost_amount=None, term_starts=TermStart.LETTER_DATE)
    facts = replace(EXAMPLE, events=(bad, CostsCharged(D("2025-03-01"))))
    with pytest.raises(CostsNotChargeable) as exc:
        statement_of_account(facts, on=D("2025-06-30"), rates=rates)
    assert "not yet in verzuim" in exc.value.message
    assert "exact collection costs" in exc.value.message
    # the statement itself still shows the letter as not valid when no costs are charged
    st = statement_of_account(replace(facts, events=(bad,)), on=D("2025-06-30"), rates=rates)
    assert st.letters[0].valid is False and st.costs_outstanding == M("0.00")
    assert "NOT VALID" in st.lines[1].description


def test_a_partial_payment_within_the_term_lowers_h(rates: StatutoryRates) -> None:
    facts = replace(
        EXAMPLE,
        events=(
            LETTER,
            PaymentReceived(D("2025-02-19"), M("500.00")),
            CostsCharged(D("2025-02-20")),
        ),
    )
    st = statement_of_account(facts, on=D("2025-02-20"), rates=rates)
    # payment 500.00 first pays interest 02-01..02-19 (19 days at 6% = 3.12), then 496.88 of
    # the principal: H = 503.12, costs = staffel(503.12) = 75.47 (less than the 150 announced)
    assert st.letters[0].principal_at_term_end == M("503.12")
    costs = [ln for ln in st.lines if ln.kind is LineKind.COSTS]
    assert [str(c.amount) for c in costs] == ["75.47"]


def test_paid_within_the_term_no_costs(rates: StatutoryRates) -> None:
    facts = replace(
        EXAMPLE,
        events=(
            LETTER,
            PaymentReceived(D("2025-02-10"), M("1002.00")),
            CostsCharged(D("2025-02-20")),
        ),
    )
    with pytest.raises(CostsNotChargeable, match="paid within the 14-day term"):
        statement_of_account(facts, on=D("2025-02-28"), rates=rates)


def test_consumer_costs_above_staffel_or_announced_are_refused(rates: StatutoryRates) -> None:
    more = replace(EXAMPLE, events=(LETTER, CostsCharged(D("2025-02-20"), M("151.00"))))
    with pytest.raises(CostsAboveStatutory):
        statement_of_account(more, on=D("2025-03-01"), rates=rates)
    vat = replace(EXAMPLE, events=(LETTER, CostsCharged(D("2025-02-20"), vat_uplift=True)))
    with pytest.raises(CostsNotChargeable, match="VAT uplift"):
        statement_of_account(vat, on=D("2025-03-01"), rates=rates)
    stated = replace(LETTER, vat_uplift_stated=True)
    ok = replace(EXAMPLE, events=(stated, CostsCharged(D("2025-02-20"), vat_uplift=True)))
    st = statement_of_account(ok, on=D("2025-02-20"), rates=rates)
    assert st.costs_outstanding == M("181.50")


def test_costs_are_charged_once(rates: StatutoryRates) -> None:
    twice = replace(
        EXAMPLE, events=(LETTER, CostsCharged(D("2025-02-20")), CostsCharged(D("2025-03-20")))
    )
    with pytest.raises(CostsAlreadyCharged):
        statement_of_account(twice, on=D("2025-06-30"), rates=rates)


def test_b2b_three_invoices_oldest_paid_first(rates: StatutoryRates) -> None:
    facts = ClaimFacts(
        kind=ClaimKind.COMMERCIAL,
        invoices=(
            Invoice("B", D("2025-02-01"), M("100.00"), D("2025-03-03")),
            Invoice("A", D("2025-01-01"), M("100.00"), D("2025-01-31")),
            Invoice("C", D("2025-03-01"), M("100.00"), D("2025-03-31")),
        ),
        events=(CostsCharged(D("2025-04-01")), PaymentReceived(D("2025-04-15"), M("250.00"))),
    )
    st = statement_of_account(facts, on=D("2025-04-15"), rates=rates)
    costs = [ln for ln in st.lines if ln.kind is LineKind.COSTS]
    assert [str(c.amount) for c in costs] == ["120.00"]  # 3 × 40 beats staffel(300) = 45
    paid = [
        (ln.kind.value, ln.invoice, str(ln.amount))
        for ln in st.lines
        if ln.on == D("2025-04-15")
        and ln.kind in (LineKind.TO_COSTS, LineKind.TO_INTEREST, LineKind.TO_PRINCIPAL)
    ]
    assert paid == [
        ("payment_to_costs", None, "-120.00"),
        ("payment_to_interest", "A", "-2.26"),  # 74 days at 11.15%
        ("payment_to_principal", "A", "-100.00"),
        ("payment_to_interest", "B", "-1.31"),  # 43 days at 11.15%
        ("payment_to_principal", "B", "-26.43"),
    ]
    assert st.principal_outstanding == M("173.57")


def test_designated_invoice_is_paid_first(rates: StatutoryRates) -> None:
    facts = ClaimFacts(
        kind=ClaimKind.COMMERCIAL,
        invoices=(
            Invoice("A", D("2025-01-01"), M("100.00"), D("2025-01-31")),
            Invoice("B", D("2025-02-01"), M("100.00"), D("2025-03-03")),
        ),
        events=(PaymentReceived(D("2025-03-03"), M("100.00"), designated=("B",)),),
    )
    st = statement_of_account(facts, on=D("2025-03-03"), rates=rates)
    assert [b.principal_outstanding for b in st.invoices] == [M("100.00"), M("0.00")]
    unknown = replace(facts, events=(PaymentReceived(D("2025-03-03"), M("1.00"), ("Z",)),))
    with pytest.raises(InvalidClaimFacts, match="unknown invoice"):
        statement_of_account(unknown, on=D("2025-03-03"), rates=rates)


def test_contractual_rate_and_overpayment(rates: StatutoryRates) -> None:
    facts = ClaimFacts(
        kind=ClaimKind.COMMERCIAL,
        invoices=(INVOICE,),
        contractual_rate=ContractualRate(M("0.12")),
        events=(PaymentReceived(D("2025-03-02"), M("1020.00")),),
    )
    st = statement_of_account(facts, on=D("2025-03-31"), rates=rates)
    # 1000 at 12% for 30 days (02-01..03-02) = 9.86; 1020 - 1009.86 = 10.14 credit
    assert st.credit == M("10.14") and st.total_outstanding == M("0.00")
    assert st.lines[1].basis.startswith("contractual rate")


def test_interest_on_costs_when_asked(rates: StatutoryRates) -> None:
    facts = replace(EXAMPLE, interest_on_costs=True, events=EXAMPLE.events[:2])
    st = statement_of_account(facts, on=D("2025-03-22"), rates=rates)
    # 150.00 at 6% from 2025-02-21 through 03-22 (30 days) = 0.74
    assert st.costs_outstanding == M("150.74")


def test_provisional_statement(rates: StatutoryRates) -> None:
    with pytest.raises(RatesNotKnown):
        statement_of_account(EXAMPLE, on=D("2026-08-31"), rates=rates)
    facts = replace(EXAMPLE, settings=InterestSettings(provisional=True))
    st = statement_of_account(facts, on=D("2026-08-31"), rates=rates)
    assert st.provisional and st.missing == Period(D("2026-07-01"), D("2026-09-01"))


def test_contradictory_facts_are_named_errors(rates: StatutoryRates) -> None:
    with pytest.raises(InvalidClaimFacts):
        statement_of_account(replace(EXAMPLE, invoices=()), on=D("2025-06-30"), rates=rates)
    with pytest.raises(InvalidClaimFacts):
        statement_of_account(
            replace(EXAMPLE, invoices=(INVOICE, INVOICE)), on=D("2025-06-30"), rates=rates
        )
    with pytest.raises(InvalidClaimFacts, match="no invoice"):
        statement_of_account(EXAMPLE, on=D("2024-12-31"), rates=rates)
    backwards = replace(INVOICE, due=D("2024-12-01"))
    with pytest.raises(ImpossiblePeriod):
        statement_of_account(
            replace(EXAMPLE, invoices=(backwards,)), on=D("2025-06-30"), rates=rates
        )

"""Demo portfolios: deterministic, streaming, and every identifier valid by the real checks."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from stdnum.nl import btw

from vorder.core.demo import BAKERY, CREDITORS, HOUSING, INSTALLER, DemoClaim, PaymentBehaviour
from vorder.core.demo.generator import generate_claims
from vorder.core.intake import DocumentType
from vorder.core.money import round_cents
from vorder.core.parties import (
    DebtorInput,
    DebtorKind,
    check_debtor,
    check_iban,
    normalise_email,
    normalise_kvk,
    normalise_phone,
    normalise_postcode,
    normalise_vat_number,
)
from vorder.core.references import validate_betalingskenmerk

TODAY = date(2026, 12, 3)


def claims(creditor: str, count: int, seed: int = 7) -> list[DemoClaim]:
    return list(generate_claims(CREDITORS[creditor], seed=seed, count=count, today=TODAY))


def test_same_seed_same_portfolio() -> None:
    for key in CREDITORS:
        assert claims(key, 300) == claims(key, 300)


def test_other_seed_other_portfolio() -> None:
    assert [c.record.debtor for c in claims("bakery", 50, seed=1)] != [
        c.record.debtor for c in claims("bakery", 50, seed=2)
    ]


def test_the_first_claims_do_not_depend_on_the_count() -> None:
    assert claims("installer", 1000)[:400] == claims("installer", 400)


def test_stream_is_lazy() -> None:
    stream = generate_claims(HOUSING, seed=1, count=10**9, today=TODAY)
    first = list(itertools.islice(stream, 3))
    assert [c.record.line for c in first] == [1, 2, 3]


def test_exact_count_and_numbering() -> None:
    result = claims("bakery", 1234)
    assert len(result) == 1234
    assert [c.record.line for c in result] == list(range(1, 1235))
    assert len({c.record.number for c in result}) == 1234
    assert result[0].record.number.startswith("KS-")
    assert result[-1].record.number.endswith("-0001234")


@pytest.mark.parametrize("key", sorted(CREDITORS))
def test_every_identifier_of_10000_rows_is_valid(key: str) -> None:
    creditor = CREDITORS[key]
    seen_debtors = 0
    previous = None
    for claim in generate_claims(creditor, seed=11, count=10_000, today=TODAY):
        record = claim.record
        assert record.document_type is DocumentType.INVOICE
        assert record.source == "demo"
        assert record.total > 0 and record.total == record.total.quantize(Decimal("0.01"))
        assert record.vat is not None and Decimal("0") <= record.vat < record.total
        assert record.amount_due == record.total
        assert record.due_date is not None and record.issue_date <= record.due_date
        assert TODAY - timedelta(days=366) <= record.issue_date <= TODAY
        assert record.payment_reference is not None
        assert validate_betalingskenmerk(record.payment_reference.value) == (
            record.payment_reference.value
        )
        assert record.payment_reference.value[1:].startswith(f"{creditor.tenant_code:05d}")
        assert (record.supplier, record.payee_iban) == (creditor.supplier, creditor.iban)
        debtor = record.debtor
        if debtor is previous:
            continue
        previous = debtor
        seen_debtors += 1
        address = debtor.address
        assert address is not None
        assert normalise_postcode(address.postcode or "") == address.postcode
        if debtor.iban is not None:
            account = check_iban(debtor.iban)
            assert (account.iban, account.bic, account.bank_name) == (
                debtor.iban,
                debtor.bic,
                debtor.bank_name,
            )
            assert debtor.iban[4:8] in {
                "INGB",
                "RABO",
                "ABNA",
                "SNSB",
                "ASNB",
                "TRIO",
                "KNAB",
                "BUNQ",
            }
        if debtor.kind is DebtorKind.BUSINESS:
            assert debtor.kvk_number is not None and debtor.vat_number is not None
            assert normalise_kvk(debtor.kvk_number) == debtor.kvk_number
            assert btw.is_valid(debtor.vat_number)
            assert normalise_vat_number(debtor.vat_number) == debtor.vat_number
        if debtor.phone is not None:
            assert normalise_phone(debtor.phone) == debtor.phone
        if debtor.email is not None:
            assert normalise_email(debtor.email) == debtor.email
            assert debtor.email.rsplit(".", 1)[-1] in {"com", "net", "org", "example"}
            assert "example" in debtor.email.split("@")[1]
        # The debtor survives the intake's own validation unchanged.
        again, errors = check_debtor(
            DebtorInput(
                name=debtor.name,
                kind=debtor.kind.value,
                external_number=debtor.external_number,
                street=address.street,
                house_number=address.house_number,
                house_number_addition=address.house_number_addition,
                postcode=address.postcode,
                city=address.city,
                email=debtor.email,
                phone=debtor.phone,
                iban=debtor.iban,
                kvk_number=debtor.kvk_number,
                vat_number=debtor.vat_number,
                language=debtor.language.value,
                preferred_channels=",".join(c.value for c in debtor.preferred_channels),
                refused_channels=",".join(c.value for c in debtor.refused_channels),
            )
        )
        assert errors == []
        assert again == debtor
    assert seen_debtors > 0


def test_creditor_identifiers_are_valid() -> None:
    for creditor in CREDITORS.values():
        supplier = creditor.supplier
        assert normalise_vat_number(supplier.vat_number or "") == supplier.vat_number
        assert normalise_kvk(supplier.kvk_number or "") == supplier.kvk_number
        assert check_iban(creditor.iban).iban == creditor.iban
    assert BAKERY.supplier.name == "Bakkerij De Korenschoof"


def test_portfolio_mix_per_creditor() -> None:
    def share_business(key: str) -> float:
        debtors = {c.record.debtor.external_number: c.record.debtor for c in claims(key, 20_000)}
        kinds = Counter(d.kind for d in debtors.values())
        return kinds[DebtorKind.BUSINESS] / sum(kinds.values())

    # Drawn with probability 0.80 / 0.25 / 0.00 per debtor.
    assert 0.74 <= share_business("bakery") <= 0.86
    assert 0.20 <= share_business("installer") <= 0.30
    assert share_business("housing") == 0.0


def test_all_payment_behaviours_occur() -> None:
    behaviours = Counter(c.behaviour for c in claims("installer", 5000))
    assert set(behaviours) == set(PaymentBehaviour)


def test_housing_rent_is_due_on_the_first_and_vat_free() -> None:
    for claim in claims("housing", 2000):
        record = claim.record
        assert record.due_date is not None and record.due_date.day == 1
        assert record.issue_date == record.due_date - timedelta(days=7)
        assert record.vat == Decimal("0.00")
        assert Decimal("475.00") <= record.total <= Decimal("1150.00")
        assert record.description.startswith("Huur ")  # type: ignore[union-attr]


def test_installer_charges_21_percent_vat_included() -> None:
    for claim in claims("installer", 500):
        record = claim.record
        expected = round_cents(record.total * Decimal("0.21") / Decimal("1.21"))
        assert record.vat == expected
    assert INSTALLER.supplier.vat_number == "NL000012345B33"

"""The debtor (schuldenaar / debiteur): a consumer or a business, with validated details.

:func:`build_debtor` turns raw text (a CSV row, an e-invoice party, an API body) into a
:class:`Debtor`, checking every field and reporting *all* invalid fields at once in
:class:`InvalidDebtor` (each a named :class:`PartyFieldError` naming its field).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from vorder.core.parties.address import Address, AddressFields, build_address
from vorder.core.parties.contact import (
    Channel,
    Language,
    check_channels,
    normalise_email,
    normalise_phone,
    parse_channels,
    parse_language,
)
from vorder.core.parties.errors import (
    InvalidDebtor,
    InvalidDebtorKind,
    MissingValue,
    PartyFieldError,
    ValueTooLong,
)
from vorder.core.parties.identifiers import check_iban, normalise_kvk, normalise_vat_number

MAX_NAME = 200
MAX_EXTERNAL_NUMBER = 64

T = TypeVar("T")


class DebtorKind(StrEnum):
    """Consumer (consument: art. 6:96 lid 6 BW, 14-day letter) or business (zakelijk)."""

    CONSUMER = "consumer"
    BUSINESS = "business"


_KINDS = {
    "consumer": DebtorKind.CONSUMER,
    "consument": DebtorKind.CONSUMER,
    "particulier": DebtorKind.CONSUMER,
    "private": DebtorKind.CONSUMER,
    "b2c": DebtorKind.CONSUMER,
    "business": DebtorKind.BUSINESS,
    "zakelijk": DebtorKind.BUSINESS,
    "bedrijf": DebtorKind.BUSINESS,
    "company": DebtorKind.BUSINESS,
    "b2b": DebtorKind.BUSINESS,
}


def parse_debtor_kind(text: str, *, field: str = "debtor_kind") -> DebtorKind:
    """ "consumer" / "consument" / "particulier" / "business" / "zakelijk" / "B2B"…"""
    kind = _KINDS.get(text.strip().lower())
    if kind is None:
        raise InvalidDebtorKind(text, field=field)
    return kind


@dataclass(frozen=True, slots=True)
class Debtor:
    """A validated debtor. ``external_number`` is the creditor's own debtor/customer number."""

    kind: DebtorKind
    name: str
    external_number: str | None = None
    address: Address | None = None
    email: str | None = None
    phone: str | None = None  # E.164, e.g. "+31612345678"
    iban: str | None = None  # compact, e.g. "NL91ABNA0417164300"
    bic: str | None = None  # from the bank registry, e.g. "ABNANL2A"
    bank_name: str | None = None
    kvk_number: str | None = None  # 8 digits
    vat_number: str | None = None  # e.g. "NL000099998B57"
    language: Language = Language.NL
    preferred_channels: tuple[Channel, ...] = ()
    refused_channels: tuple[Channel, ...] = ()


@dataclass(frozen=True, slots=True)
class DebtorInput:
    """Raw debtor text as received; every field optional except a name."""

    name: str | None = None
    kind: str | None = None
    external_number: str | None = None
    street: str | None = None
    house_number: str | None = None
    house_number_addition: str | None = None
    address: str | None = None  # one line "Kerkstraat 12 A" instead of street + number
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    line2: str | None = None
    email: str | None = None
    phone: str | None = None
    iban: str | None = None
    kvk_number: str | None = None
    vat_number: str | None = None
    language: str | None = None
    preferred_channels: str | None = None
    refused_channels: str | None = None


def _given(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def _check(errors: list[PartyFieldError], fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except PartyFieldError as exc:
        errors.append(exc)
        return None


def _clean_text(value: str, *, field: str, limit: int) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise MissingValue(value, field=field)
    if len(cleaned) > limit:
        raise ValueTooLong(cleaned, field=field)
    return cleaned


def check_debtor(
    raw: DebtorInput,
    *,
    fields: Mapping[str, str] | None = None,
    default_kind: DebtorKind = DebtorKind.CONSUMER,
    phone_region: str = "NL",
) -> tuple[Debtor | None, list[PartyFieldError]]:
    """Validate ``raw``; return (debtor, []) or (None, every field error).

    ``fields`` renames fields in the errors (canonical name → name to report, e.g. the CSV
    header "postcode" → "Postcode"); unnamed fields keep their canonical name. National
    phone numbers are read in the address's country, else in ``phone_region``.
    """
    names = dict(fields or {})

    def f(key: str) -> str:
        return names.get(key, key)

    errors: list[PartyFieldError] = []
    name = _check(errors, lambda: _clean_text(raw.name or "", field=f("name"), limit=MAX_NAME))
    kind = default_kind
    if _given(raw.kind):
        kind = _check(errors, lambda: parse_debtor_kind(raw.kind or "", field=f("kind"))) or kind
    external = None
    if _given(raw.external_number):
        external = _check(
            errors,
            lambda: _clean_text(
                raw.external_number or "", field=f("external_number"), limit=MAX_EXTERNAL_NUMBER
            ),
        )
    address = build_address(
        street=raw.street,
        house_number=raw.house_number,
        house_number_addition=raw.house_number_addition,
        street_line=raw.address,
        postcode=raw.postcode,
        city=raw.city,
        country=raw.country,
        line2=raw.line2,
        errors=errors,
        fields=AddressFields(
            street=f("street"),
            house_number=f("house_number"),
            house_number_addition=f("house_number_addition"),
            address=f("address"),
            postcode=f("postcode"),
            city=f("city"),
            country=f("country"),
            line2=f("line2"),
        ),
    )
    email = None
    if _given(raw.email):
        email = _check(errors, lambda: normalise_email(raw.email or "", field=f("email")))
    phone = None
    if _given(raw.phone):
        region = address.country if address is not None else phone_region
        phone = _check(
            errors, lambda: normalise_phone(raw.phone or "", region=region, field=f("phone"))
        )
    account = None
    if _given(raw.iban):
        account = _check(errors, lambda: check_iban(raw.iban or "", field=f("iban")))
    kvk = None
    if _given(raw.kvk_number):
        kvk = _check(errors, lambda: normalise_kvk(raw.kvk_number or "", field=f("kvk_number")))
    vat = None
    if _given(raw.vat_number):
        vat = _check(
            errors, lambda: normalise_vat_number(raw.vat_number or "", field=f("vat_number"))
        )
    language = Language.NL
    if _given(raw.language):
        language = (
            _check(errors, lambda: parse_language(raw.language or "", field=f("language")))
            or language
        )
    preferred: tuple[Channel, ...] = ()
    refused: tuple[Channel, ...] = ()
    if _given(raw.preferred_channels):
        preferred = (
            _check(
                errors,
                lambda: parse_channels(raw.preferred_channels or "", field=f("preferred_channels")),
            )
            or ()
        )
    if _given(raw.refused_channels):
        refused = (
            _check(
                errors,
                lambda: parse_channels(raw.refused_channels or "", field=f("refused_channels")),
            )
            or ()
        )
    _check(errors, lambda: check_channels(preferred, refused, field=f("refused_channels")))
    if errors or name is None:
        return None, errors
    return (
        Debtor(
            kind=kind,
            name=name,
            external_number=external,
            address=address,
            email=email,
            phone=phone,
            iban=account.iban if account else None,
            bic=account.bic if account else None,
            bank_name=account.bank_name if account else None,
            kvk_number=kvk,
            vat_number=vat,
            language=language,
            preferred_channels=preferred,
            refused_channels=refused,
        ),
        [],
    )


def build_debtor(
    raw: DebtorInput,
    *,
    fields: Mapping[str, str] | None = None,
    default_kind: DebtorKind = DebtorKind.CONSUMER,
    phone_region: str = "NL",
) -> Debtor:
    """Like :func:`check_debtor` but raises :class:`InvalidDebtor` listing every error."""
    debtor, errors = check_debtor(
        raw, fields=fields, default_kind=default_kind, phone_region=phone_region
    )
    if debtor is None:
        raise InvalidDebtor(errors)
    return debtor

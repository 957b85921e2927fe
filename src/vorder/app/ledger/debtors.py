"""Use cases: create, change, read and search debtors (schuldenaren).

Every read or change of a debtor's personal data is logged with its purpose
(:func:`vorder.app.audit.record_access`, AVG art. 5 and 30). Events name the fields that
changed, never their values: the event log is append-only and must hold no personal data that
could later need erasing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, cast

from vorder.app import audit
from vorder.app.ledger.errors import DebtorNotFound, DuplicateDebtor, InvalidSort
from vorder.app.ledger.records import BankAccountRecord, DebtorData, DebtorRecord, Page
from vorder.app.ports import LedgerUnitOfWork, UnitOfWork, UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.parties import (
    Debtor,
    DebtorInput,
    DebtorKind,
    InvalidDebtor,
    PartyFieldError,
    check_debtor,
    check_iban,
    normalise_email,
    normalise_phone,
)

MAX_CONTACTS = 5
MAX_PAGE = 500
DEBTOR_SORTS = ("name", "-name", "created_at", "-created_at")
PURPOSE_REGISTER = "register a debtor of the creditor"
PURPOSE_CHANGE = "keep the debtor's details correct"
PURPOSE_VIEW = "collect the creditor's claims on this debtor"
PURPOSE_SEARCH = "find a debtor"


def ledger(uow: UnitOfWork) -> LedgerUnitOfWork:
    """The unit of work with the ledger's repositories (registered by the db adapter)."""
    return cast(LedgerUnitOfWork, uow)


def page_bounds(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_PAGE)), max(0, offset)


def check_sort(sort: str, allowed: tuple[str, ...]) -> str:
    if sort not in allowed:
        raise InvalidSort(
            f"cannot sort on '{sort}' (choose one of: {', '.join(allowed)})", field="sort"
        )
    return sort


@dataclass(frozen=True, slots=True)
class DebtorFields:
    """A debtor's details as received (API body, CLI): raw text, validated by the core."""

    name: str | None = None
    kind: str | None = None
    external_number: str | None = None
    street: str | None = None
    house_number: str | None = None
    house_number_addition: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    line2: str | None = None
    kvk_number: str | None = None
    vat_number: str | None = None
    language: str | None = None
    preferred_channels: tuple[str, ...] = ()
    refused_channels: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    ibans: tuple[str, ...] = ()


FIELD_NAMES = tuple(f.name for f in fields(DebtorFields))


def _extra(
    values: tuple[str, ...], label: str, errors: list[PartyFieldError], check: Any
) -> list[Any]:
    out = []
    for index, value in enumerate(values[1:], start=1):
        try:
            out.append(check(value, field=f"{label}[{index}]"))
        except PartyFieldError as exc:
            errors.append(exc)
    return out


def validate_debtor(raw: DebtorFields) -> DebtorData:
    """Check every field (the core's rules); raise InvalidDebtor listing every problem."""
    errors: list[PartyFieldError] = []
    for label, values in (("emails", raw.emails), ("phones", raw.phones), ("ibans", raw.ibans)):
        if len(values) > MAX_CONTACTS:
            raise InvalidDebtor([_TooMany(str(len(values)), field=label)])
    names = {"email": "emails[0]", "phone": "phones[0]", "iban": "ibans[0]"}
    debtor, found = check_debtor(
        DebtorInput(
            name=raw.name,
            kind=raw.kind,
            external_number=raw.external_number,
            street=raw.street,
            house_number=raw.house_number,
            house_number_addition=raw.house_number_addition,
            address=raw.address,
            postcode=raw.postcode,
            city=raw.city,
            country=raw.country,
            line2=raw.line2,
            email=raw.emails[0] if raw.emails else None,
            phone=raw.phones[0] if raw.phones else None,
            iban=raw.ibans[0] if raw.ibans else None,
            kvk_number=raw.kvk_number,
            vat_number=raw.vat_number,
            language=raw.language,
            preferred_channels=",".join(raw.preferred_channels) or None,
            refused_channels=",".join(raw.refused_channels) or None,
        ),
        fields=names,
    )
    errors.extend(found)
    region = debtor.address.country if debtor and debtor.address else "NL"
    emails = _extra(raw.emails, "emails", errors, normalise_email)
    phones = _extra(
        raw.phones,
        "phones",
        errors,
        lambda v, field: normalise_phone(v, region=region, field=field),
    )
    accounts = _extra(raw.ibans, "ibans", errors, check_iban)
    if errors or debtor is None:
        raise InvalidDebtor(errors)
    data = from_core(debtor)
    return replace(
        data,
        emails=_unique(data.emails + tuple(emails)),
        phones=_unique(data.phones + tuple(phones)),
        accounts=_unique_accounts(
            data.accounts + tuple(BankAccountRecord(a.iban, a.bic, a.bank_name) for a in accounts)
        ),
    )


class _TooMany(PartyFieldError):
    code = "too_many_values"
    template_en = f"{{value}} values given; at most {MAX_CONTACTS}"
    template_nl = f"{{value}} waarden opgegeven; hoogstens {MAX_CONTACTS}"


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _unique_accounts(values: tuple[BankAccountRecord, ...]) -> tuple[BankAccountRecord, ...]:
    seen: dict[str, BankAccountRecord] = {}
    for account in values:
        seen.setdefault(account.iban, account)
    return tuple(seen.values())


def from_core(debtor: Debtor) -> DebtorData:
    """The stored shape of a core :class:`Debtor` (as every intake path produces it)."""
    a = debtor.address
    return DebtorData(
        kind=debtor.kind.value,
        name=debtor.name,
        external_number=debtor.external_number,
        street=a.street if a else None,
        house_number=a.house_number if a else None,
        house_number_addition=a.house_number_addition if a else None,
        postcode=a.postcode if a else None,
        city=a.city if a else None,
        country=a.country if a else None,
        line2=a.line2 if a else None,
        kvk_number=debtor.kvk_number,
        vat_number=debtor.vat_number,
        language=debtor.language.value,
        preferred_channels=tuple(c.value for c in debtor.preferred_channels),
        refused_channels=tuple(c.value for c in debtor.refused_channels),
        emails=(debtor.email,) if debtor.email else (),
        phones=(debtor.phone,) if debtor.phone else (),
        accounts=(BankAccountRecord(debtor.iban, debtor.bic, debtor.bank_name),)
        if debtor.iban
        else (),
    )


def to_fields(data: DebtorData) -> DebtorFields:
    """Back to raw fields (to apply a partial change and validate the whole again)."""
    return DebtorFields(
        name=data.name,
        kind=data.kind,
        external_number=data.external_number,
        street=data.street,
        house_number=data.house_number,
        house_number_addition=data.house_number_addition,
        postcode=data.postcode,
        city=data.city,
        country=data.country,
        line2=data.line2,
        kvk_number=data.kvk_number,
        vat_number=data.vat_number,
        language=data.language,
        preferred_channels=data.preferred_channels,
        refused_channels=data.refused_channels,
        emails=data.emails,
        phones=data.phones,
        ibans=tuple(a.iban for a in data.accounts),
    )


def match_key(data: DebtorData) -> str:
    """How imports recognise a debtor: the creditor's own number, else name and address."""
    if data.external_number:
        return f"x:{data.external_number}"
    parts = (
        data.kind,
        data.name.lower(),
        data.postcode or "",
        data.house_number or "",
        data.house_number_addition or "",
        data.country or "",
        data.emails[0] if data.emails else "",
    )
    return "a:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def claim_kind(debtor_kind: str) -> str:
    """A consumer's claim is non-commercial (6:119 BW); a business's commercial (6:119a BW)."""
    return "consumer" if debtor_kind == DebtorKind.CONSUMER.value else "commercial"


def _duplicate(uow: LedgerUnitOfWork, key: str, exclude: int | None = None) -> None:
    found = uow.debtors.ids_by_match_keys([key]).get(key)
    if found is not None and found != exclude:
        what = "own debtor number" if key.startswith("x:") else "name and address"
        raise DuplicateDebtor(f"debtor {found} already has this {what}", field="external_number")


def _changed(before: DebtorData, after: DebtorData) -> list[str]:
    return [f.name for f in fields(DebtorData) if getattr(before, f.name) != getattr(after, f.name)]


def create_debtor(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    details: DebtorFields,
    now: datetime,
    source: str = "api",
) -> DebtorRecord:
    """Register a debtor; DuplicateDebtor when the own number (or name+address) exists."""
    data = validate_debtor(details)
    key = match_key(data)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        _duplicate(uow, key)
        record = uow.debtors.add(data, match_key=key, now=now)
        uow.events.append(
            Event(
                "debtor",
                record.id,
                "DebtorCreated",
                {"kind": data.kind, "source": source},
                now,
                actor.ref,
            ),
            now=now,
        )
        audit.record_access(
            uow,
            actor=actor,
            subject_type="debtor",
            subject_id=record.id,
            action=audit.CHANGE,
            purpose=PURPOSE_REGISTER,
            now=now,
        )
        uow.commit()
    return record


def update_debtor(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    debtor_id: int,
    changes: Mapping[str, Any],
    now: datetime,
    purpose: str = PURPOSE_CHANGE,
) -> DebtorRecord:
    """Change some of a debtor's details (``changes``: field name → new raw value)."""
    unknown = sorted(set(changes) - set(FIELD_NAMES))
    if unknown:
        raise InvalidDebtor([_Unknown(unknown[0], field=unknown[0])])
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        current = uow.debtors.get(debtor_id)
        if current is None:
            raise DebtorNotFound(f"no debtor {debtor_id}", field="debtor_id")
        raw = replace(to_fields(current.data), **dict(changes))
        if "address" in changes:
            raw = replace(raw, street=None, house_number=None, house_number_addition=None)
        data = validate_debtor(raw)
        changed = _changed(current.data, data)
        if not changed:
            return current
        key = match_key(data)
        _duplicate(uow, key, exclude=debtor_id)
        record = uow.debtors.update(debtor_id, data, match_key=key, now=now)
        uow.events.append(
            Event("debtor", debtor_id, "DebtorChanged", {"fields": changed}, now, actor.ref),
            now=now,
        )
        audit.record_access(
            uow,
            actor=actor,
            subject_type="debtor",
            subject_id=debtor_id,
            action=audit.CHANGE,
            purpose=purpose,
            now=now,
        )
        uow.commit()
    return record


class _Unknown(PartyFieldError):
    code = "unknown_field"
    template_en = "'{value}' is not a debtor field"
    template_nl = "'{value}' is geen veld van een debiteur"


def get_debtor(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    debtor_id: int,
    now: datetime,
    purpose: str = PURPOSE_VIEW,
) -> DebtorRecord:
    """One debtor (another organisation's id is not found); the access is logged."""
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        record = uow.debtors.get(debtor_id)
        if record is None:
            raise DebtorNotFound(f"no debtor {debtor_id}", field="debtor_id")
        audit.record_access(
            uow,
            actor=actor,
            subject_type="debtor",
            subject_id=debtor_id,
            action=audit.READ,
            purpose=purpose,
            now=now,
        )
        uow.commit()
    return record


def search_debtors(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    q: str | None = None,
    kind: str | None = None,
    sort: str = "name",
    limit: int = 50,
    offset: int = 0,
    now: datetime,
    purpose: str = PURPOSE_SEARCH,
) -> Page:
    """Debtors by name, own number, postcode, KvK number, IBAN or e-mail address."""
    check_sort(sort, DEBTOR_SORTS)
    limit, offset = page_bounds(limit, offset)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        rows = uow.debtors.search(q=q, kind=kind, sort=sort, limit=limit + 1, offset=offset)
        items = rows[:limit]
        for record in items:
            audit.record_access(
                uow,
                actor=actor,
                subject_type="debtor",
                subject_id=record.id,
                action=audit.READ,
                purpose=purpose,
                now=now,
            )
        uow.commit()
    return Page(items, offset + limit if len(rows) > limit else None)

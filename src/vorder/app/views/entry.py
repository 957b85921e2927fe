"""Use case behind the New invoice page: one invoice for a known debtor or a new one.

Everything typed is checked first — the debtor by the core's party rules (a Dutch postcode
and house number, e-mail address, KvK number...), the invoice by the same document checks
the ledger applies (:func:`vorder.core.intake.checks.check_document`), the number against
the stored invoices — and every problem is reported at once, per field, in Dutch and
English (:class:`EntryInvalid`). Only when nothing is wrong is the debtor registered (or
found again by its own number / name and address) and the invoice registered through the
ledger's :func:`~vorder.app.ledger.invoices.register_invoice`; on an error nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from vorder.app.ledger import debtors, invoices
from vorder.app.ledger.debtors import DebtorFields, ledger, match_key, validate_debtor
from vorder.app.ledger.invoices import InvoiceInput, Registered
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor
from vorder.core.errors import DomainError
from vorder.core.intake.checks import check_document
from vorder.core.intake.messages import intake_error
from vorder.core.intake.values import InvalidValue, parse_date
from vorder.core.law import StatutoryRates
from vorder.core.money import InvalidAmount, parse_amount
from vorder.core.parties import InvalidDebtor

SOURCE = "manual"
MAX_NUMBER = invoices.MAX_NUMBER
MAX_DESCRIPTION = 500
# Party-field names of the ledger → the form's field names.
FORM_FIELDS = {"emails[0]": "email", "phones[0]": "phone", "ibans[0]": "iban"}


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message_en: str
    message_nl: str


class EntryInvalid(DomainError):
    """The form has problems (every one listed in ``problems``); nothing was saved."""

    code = "invalid_entry"

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(
            "; ".join(f"{p.field}: {p.message_en}" for p in problems), field=first.field
        )
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class InvoiceForm:
    """The page's fields as typed (all text). ``debtor_id`` set: an existing debtor."""

    debtor_id: str = ""
    kind: str = "consumer"
    name: str = ""
    street: str = ""
    house_number: str = ""
    house_number_addition: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    kvk_number: str = ""
    number: str = ""
    issue_date: str = ""
    due_date: str = ""
    total: str = ""
    vat: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Entered:
    registered: Registered
    debtor_created: bool


def _given(text: str) -> str | None:
    return text.strip() or None


def parse_user_amount(text: str, language: str) -> Decimal:
    """An amount as a person types it: "1.234,56" or "1234,56" (Dutch), "1,234.56" or
    "1234.56" (English); a euro sign and spaces are allowed."""
    raw = text.strip()
    if language == "en" and "." in raw:
        raw = raw.replace(",", "")
    return parse_amount(raw)


def _required(field: str) -> Problem:
    e = intake_error("missing_value", line=0, field=field)
    return Problem(field, e.message_en, e.message_nl)


def _amount(
    form_value: str, field: str, language: str, problems: list[Problem], *, required: bool
) -> Decimal | None:
    if not form_value.strip():
        if required:
            problems.append(_required(field))
        return None
    try:
        return parse_user_amount(form_value, language)
    except InvalidAmount:
        e = intake_error("invalid_amount", line=0, field=field, value=form_value.strip())
        problems.append(Problem(field, e.message_en, e.message_nl))
        return None


def _date(form_value: str, field: str, problems: list[Problem], *, required: bool) -> date | None:
    if not form_value.strip():
        if required:
            problems.append(_required(field))
        return None
    try:
        return parse_date(form_value)
    except InvalidValue:
        e = intake_error("invalid_date", line=0, field=field, value=form_value.strip())
        problems.append(Problem(field, e.message_en, e.message_nl))
        return None


def _new_debtor(form: InvoiceForm, problems: list[Problem]) -> DebtorFields | None:
    business = form.kind == "business"
    raw = DebtorFields(
        name=form.name,
        kind=form.kind,
        street=_given(form.street),
        house_number=_given(form.house_number),
        house_number_addition=_given(form.house_number_addition),
        postcode=_given(form.postcode),
        city=_given(form.city),
        emails=(form.email.strip(),) if form.email.strip() else (),
        phones=(form.phone.strip(),) if form.phone.strip() else (),
        kvk_number=_given(form.kvk_number) if business else None,
    )
    try:
        validate_debtor(raw)
    except InvalidDebtor as exc:
        for e in exc.errors:
            field = FORM_FIELDS.get(e.field or "", e.field or "name")
            if e.code == "invalid_street_address" and not form.house_number.strip():
                problems.append(_required("house_number"))  # the street was typed alone
                continue
            problems.append(Problem(field, e.message_en, e.message_nl))
        return None
    return raw


@dataclass(frozen=True, slots=True)
class _Typed:
    number: str
    issue_date: date | None
    due_date: date | None
    total: Decimal | None
    vat: Decimal | None
    description: str | None


def _invoice(form: InvoiceForm, language: str, problems: list[Problem]) -> _Typed:
    number = form.number.strip()
    if not number:
        problems.append(_required("number"))
    elif len(number) > MAX_NUMBER:
        e = intake_error("too_long", line=0, field="number", limit=MAX_NUMBER)
        problems.append(Problem("number", e.message_en, e.message_nl))
    issued = _date(form.issue_date, "issue_date", problems, required=True)
    due = _date(form.due_date, "due_date", problems, required=False)
    total = _amount(form.total, "total", language, problems, required=True)
    vat = _amount(form.vat, "vat", language, problems, required=False)
    if total is not None and total <= 0:
        problems.append(
            Problem(
                "total",
                "enter the amount to be paid, more than 0.00",
                "vul het te betalen bedrag in, meer dan 0,00",
            )
        )
    if issued is not None and total is not None:
        for finding in check_document(issue_date=issued, due_date=due, total=total, vat=vat):
            if finding.severity.value == "error":
                e = intake_error(finding.code, line=0, field=finding.target, **finding.params)
                problems.append(Problem(finding.target, e.message_en, e.message_nl))
    description = form.description.strip()
    if len(description) > MAX_DESCRIPTION:
        e = intake_error("too_long", line=0, field="description", limit=MAX_DESCRIPTION)
        problems.append(Problem("description", e.message_en, e.message_nl))
    return _Typed(number, issued, due, total, vat, description or None)


def debtor_name(uow_factory: UnitOfWorkFactory, *, actor: Actor, debtor_id: str) -> str | None:
    """The name of the debtor chosen on the form (None: no such debtor here)."""
    if not debtor_id.strip().isdigit():
        return None
    with uow_factory(tenant_id=actor.tenant_id) as base:
        return ledger(base).debtors.names([int(debtor_id)]).get(int(debtor_id))


def enter_invoice(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    form: InvoiceForm,
    language: str,
    rates: StatutoryRates,
    now: datetime,
) -> Entered:
    """Check the whole form, then register the debtor (if new) and the invoice."""
    problems: list[Problem] = []
    existing: int | None = None
    new: DebtorFields | None = None
    if form.debtor_id.strip():
        if debtor_name(uow_factory, actor=actor, debtor_id=form.debtor_id) is None:
            problems.append(
                Problem(
                    "debtor_id",
                    "choose the debtor again from the search results",
                    "kies de debiteur opnieuw uit de zoekresultaten",
                )
            )
        else:
            existing = int(form.debtor_id)
    else:
        new = _new_debtor(form, problems)
    values = _invoice(form, language, problems)
    number = values.number
    if number and not any(p.field == "number" for p in problems):
        with uow_factory(tenant_id=actor.tenant_id) as base:
            taken = ledger(base).invoices.by_numbers("invoice", [number]).get(number)
        if taken is not None:
            problems.append(
                Problem(
                    "number",
                    f"invoice number {number} is already registered; give this invoice its "
                    "own number",
                    f"factuurnummer {number} is al ingevoerd; geef deze factuur een eigen nummer",
                )
            )
    if problems or values.issue_date is None or values.total is None:
        raise EntryInvalid(problems or [_required("total")])
    created = False
    if existing is None:
        assert new is not None
        data = validate_debtor(new)
        with uow_factory(tenant_id=actor.tenant_id) as base:
            found = ledger(base).debtors.ids_by_match_keys([match_key(data)])
        existing = found.get(match_key(data))
        if existing is None:
            record = debtors.create_debtor(
                uow_factory, actor=actor, details=new, now=now, source=SOURCE
            )
            existing, created = record.id, True
    entry = InvoiceInput(
        debtor_id=existing,
        number=number,
        issue_date=values.issue_date,
        due_date=values.due_date,
        total=values.total,
        vat=values.vat,
        description=values.description,
        source=SOURCE,
    )
    registered = invoices.register_invoice(
        uow_factory, actor=actor, entry=entry, rates=rates, now=now
    )
    return Entered(registered, created)

"""CSV invoice intake: text → typed :class:`InvoiceRecord` s and bilingual errors.

Pure: takes ``str`` (see :func:`vorder.core.intake.decode.decode_text` for bytes). The
delimiter (``;``, ``,`` or tab) is detected from the header line; headers may be Dutch or
English (:mod:`vorder.core.intake.columns`); amounts may use a decimal comma ("1.234,56");
dates are ISO or day-first. Every error names the 1-based physical line where its record
starts and the column header exactly as written in the file. A row with any error yields
no record; the other rows still do (whether to import a partly bad file is the caller's
decision). Whether a credited invoice exists is not checked here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from vorder.core.intake.checks import check_document
from vorder.core.intake.columns import REQUIRED, accepted_headers, canonical_column
from vorder.core.intake.messages import from_party_error, intake_error
from vorder.core.intake.records import (
    DocumentType,
    IntakeError,
    IntakeResult,
    InvoiceRecord,
    Severity,
)
from vorder.core.intake.values import (
    InvalidValue,
    parse_currency,
    parse_date,
    parse_document_type,
    read_amount,
)
from vorder.core.money import DEFAULT_CURRENCY
from vorder.core.parties import Debtor, DebtorInput, DebtorKind, PartyFieldError, check_debtor
from vorder.core.references import (
    InvalidPaymentReference,
    PaymentReference,
    classify_payment_reference,
)

MAX_NUMBER = 64
MAX_DESCRIPTION = 500
# canonical CSV column → DebtorInput field
_DEBTOR_FIELDS = {
    "name": "name",
    "debtor_kind": "kind",
    "debtor_number": "external_number",
    "street": "street",
    "house_number": "house_number",
    "house_number_addition": "house_number_addition",
    "address": "address",
    "postcode": "postcode",
    "city": "city",
    "country": "country",
    "line2": "line2",
    "email": "email",
    "phone": "phone",
    "iban": "iban",
    "kvk_number": "kvk_number",
    "vat_number": "vat_number",
    "language": "language",
    "preferred_channels": "preferred_channels",
    "refused_channels": "refused_channels",
}
_DEBTOR_ORDER = tuple(_DEBTOR_FIELDS)
_Err = Callable[..., None]


def detect_delimiter(header_line: str) -> str:
    """The delimiter of a header line: the most frequent of ``;``, tab and ``,`` outside
    quotes (``,`` when none occurs, i.e. a one-column file)."""
    counts = {";": 0, "\t": 0, ",": 0}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ","


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line of the record, fields), blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    for row in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        yield start, row


class _RowParser:
    """Validates data rows against one header; caches debtor checks (debtors repeat)."""

    def __init__(
        self,
        header: dict[str, int],
        names: dict[str, str],
        *,
        default_currency: str,
        default_kind: DebtorKind,
    ) -> None:
        self.header = header  # canonical → column index
        self.names = names  # canonical → header as written
        self.default_currency = default_currency
        self.default_kind = default_kind
        self.debtor_names = {_DEBTOR_FIELDS[c]: names[c] for c in _DEBTOR_FIELDS if c in names}
        self.debtor_columns = tuple((c, header[c]) for c in _DEBTOR_ORDER if c in header)
        self._debtors: dict[tuple[str, ...], tuple[Debtor | None, list[PartyFieldError]]] = {}
        self.seen: dict[tuple[DocumentType, str], int] = {}

    def value(self, row: list[str], canonical: str) -> str:
        index = self.header.get(canonical)
        return row[index].strip() if index is not None else ""

    def debtor(self, row: list[str]) -> tuple[Debtor | None, list[PartyFieldError]]:
        key = tuple(row[i] for _, i in self.debtor_columns)
        cached = self._debtors.get(key)
        if cached is None:
            raw = DebtorInput(**{_DEBTOR_FIELDS[c]: row[i] for c, i in self.debtor_columns})
            cached = check_debtor(raw, fields=self.debtor_names, default_kind=self.default_kind)
            if len(self._debtors) < 200_000:
                self._debtors[key] = cached
        return cached

    def parse(self, line: int, row: list[str]) -> tuple[InvoiceRecord | None, list[IntakeError]]:
        errors: list[IntakeError] = []
        names = self.names

        def err(canonical: str | None, code: str, **params: Any) -> None:
            column = names.get(canonical, canonical) if canonical else None
            errors.append(intake_error(code, line=line, field=column, **params))

        doc_type: DocumentType | None = DocumentType.INVOICE
        raw_type = self.value(row, "type")
        try:
            doc_type = parse_document_type(raw_type)
        except InvalidValue as exc:
            err("type", exc.code, value=raw_type)
            doc_type = None  # type-dependent checks are skipped

        number = self.value(row, "invoice_number")
        if not number:
            err("invoice_number", "missing_value")
        elif len(number) > MAX_NUMBER:
            err("invoice_number", "too_long", limit=MAX_NUMBER)

        issue_date = self._date(row, "issue_date", err, required=True)
        due_date = self._date(row, "due_date", err, required=doc_type is DocumentType.INVOICE)
        total = self._amount(row, "total", err, required=True)
        vat = self._amount(row, "vat", err, required=False)

        currency = self.default_currency
        raw_currency = self.value(row, "currency")
        if raw_currency:
            try:
                currency = parse_currency(raw_currency)
            except InvalidValue as exc:
                err("currency", exc.code, value=raw_currency)

        reference: PaymentReference | None = None
        raw_reference = self.value(row, "payment_reference")
        if raw_reference:
            try:
                reference = classify_payment_reference(raw_reference)
            except InvalidPaymentReference:
                err("payment_reference", "invalid_payment_reference", value=raw_reference)

        description = self.value(row, "description") or None
        if description and len(description) > MAX_DESCRIPTION:
            err("description", "too_long", limit=MAX_DESCRIPTION)
        buyer_reference = self.value(row, "buyer_reference") or None
        credited = self.value(row, "credited_invoice_number") or None
        if doc_type is DocumentType.CREDIT_NOTE and not credited:
            err("credited_invoice_number", "missing_credited_invoice")

        if issue_date is not None and total is not None:
            for finding in check_document(
                issue_date=issue_date, due_date=due_date, total=total, vat=vat
            ):
                column = names.get(finding.target, finding.target)
                errors.append(
                    intake_error(
                        finding.code,
                        line=line,
                        field=column,
                        severity=finding.severity,
                        **finding.params,
                    )
                )

        debtor, debtor_errors = self.debtor(row)
        errors.extend(from_party_error(e, line=line) for e in debtor_errors)

        if number and doc_type is not None:
            key = (doc_type, number)
            first = self.seen.get(key)
            if first is not None:
                err("invoice_number", "duplicate_number", value=number, first_line=first)
            else:
                self.seen[key] = line

        if any(e.severity is Severity.ERROR for e in errors):
            return None, errors
        assert doc_type is not None and issue_date is not None and total is not None
        assert debtor is not None
        return (
            InvoiceRecord(
                line=line,
                document_type=doc_type,
                number=number,
                issue_date=issue_date,
                due_date=due_date,
                total=total,
                vat=vat,
                amount_due=total,
                currency=currency,
                debtor=debtor,
                payment_reference=reference,
                description=description,
                credited_invoice_number=credited,
                buyer_reference=buyer_reference,
            ),
            errors,
        )

    def _date(self, row: list[str], canonical: str, err: _Err, *, required: bool) -> date | None:
        raw = self.value(row, canonical)
        if not raw:
            if required:
                err(canonical, "missing_value")
            return None
        try:
            return parse_date(raw)
        except InvalidValue as exc:
            err(canonical, exc.code, value=raw)
            return None

    def _amount(
        self, row: list[str], canonical: str, err: _Err, *, required: bool
    ) -> Decimal | None:
        raw = self.value(row, canonical)
        if not raw:
            if required:
                err(canonical, "missing_value")
            return None
        try:
            return read_amount(raw)
        except InvalidValue as exc:
            err(canonical, exc.code, value=raw)
            return None


def parse_invoice_csv(
    text: str,
    *,
    default_currency: str = DEFAULT_CURRENCY,
    default_debtor_kind: DebtorKind = DebtorKind.CONSUMER,
) -> IntakeResult:
    """Parse and validate a CSV of invoices and credit notes (see docs/intake.md).

    Missing required columns are reported once, on the header line, and no row is read.
    Unknown columns are a warning and are ignored.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first_line:
        return IntakeResult((), (intake_error("empty_file", line=1, field=None),), 0)
    delimiter = detect_delimiter(first_line)
    rows = _rows(text, delimiter)
    try:
        first = next(rows, None)
    except csv.Error as exc:
        return IntakeResult(
            (), (intake_error("malformed_csv", line=1, field=None, reason=str(exc)),), 0
        )
    if first is None:
        return IntakeResult((), (intake_error("empty_file", line=1, field=None),), 0)
    header_line, header_cells = first
    errors: list[IntakeError] = []
    header: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, cell in enumerate(header_cells):
        written = cell.replace("\ufeff", "").strip()
        canonical = canonical_column(written)
        if canonical is None:
            if written:
                errors.append(
                    intake_error(
                        "unknown_column",
                        line=header_line,
                        field=written,
                        severity=Severity.WARNING,
                        value=written,
                    )
                )
            continue
        if canonical in header:
            errors.append(
                intake_error(
                    "duplicate_column",
                    line=header_line,
                    field=written,
                    value=written,
                    other=names[canonical],
                )
            )
            continue
        header[canonical] = index
        names[canonical] = written
    for canonical in REQUIRED:
        if canonical not in header:
            errors.append(
                intake_error(
                    "missing_column",
                    line=header_line,
                    field=canonical,
                    column=canonical,
                    aliases=accepted_headers(canonical),
                )
            )
    if any(e.severity is Severity.ERROR for e in errors):
        return IntakeResult((), tuple(errors), 0)

    parser = _RowParser(
        header, names, default_currency=default_currency, default_kind=default_debtor_kind
    )
    width = len(header_cells)
    records: list[InvoiceRecord] = []
    count = 0
    line = header_line
    while True:
        try:
            item = next(rows, None)
        except csv.Error as exc:
            # The reader cannot go on (e.g. a field over the size limit): report and stop.
            errors.append(intake_error("malformed_csv", line=line + 1, field=None, reason=str(exc)))
            break
        if item is None:
            break
        line, row = item
        count += 1
        if len(row) != width:
            errors.append(
                intake_error(
                    "wrong_field_count", line=line, field=None, count=len(row), expected=width
                )
            )
            continue
        record, row_errors = parser.parse(line, row)
        errors.extend(row_errors)
        if record is not None:
            records.append(record)
    return IntakeResult(tuple(records), tuple(errors), count)

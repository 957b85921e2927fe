"""UBL 2.1 / 2.0 Invoice and CreditNote import → the intake's :class:`InvoiceRecord`.

``parse_ubl(bytes)`` parses securely (no DTD, no entities, no network), XSD-validates
against the vendored OASIS schema of the document's ``UBLVersionID`` (2.0, else 2.1) and
maps the header: number, dates, amounts, currency, customer (→ :class:`Debtor`), supplier,
payee account, payment reference, credited invoice. Lines are not imported: a claim is
the document's total. Errors and warnings carry file, line and element path.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from vorder.adapters.einvoice import schemas
from vorder.adapters.einvoice.parties import (
    NS,
    dropped_warning,
    read_party,
    text,
    to_debtor,
    to_supplier,
)
from vorder.core.intake import (
    DocumentType,
    IntakeError,
    IntakeResult,
    InvoiceRecord,
    Severity,
)
from vorder.core.intake.checks import check_document
from vorder.core.intake.messages import intake_error
from vorder.core.money import InvalidAmount, parse_amount
from vorder.core.parties import DebtorKind, PartyFieldError, check_iban
from vorder.core.references import (
    InvalidPaymentReference,
    PaymentReference,
    PaymentReferenceKind,
    classify_payment_reference,
)

INVOICE = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
CREDIT_NOTE = "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote"
CUSTOMER = "cac:AccountingCustomerParty/cac:Party"
SUPPLIER = "cac:AccountingSupplierParty/cac:Party"
TOTALS = "cac:LegalMonetaryTotal"

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_blank_text": False,
}


class _Reader:
    """Collects errors and warnings while reading one document."""

    def __init__(self, root: etree._Element, file: str | None) -> None:
        self.root = root
        self.file = file
        self.errors: list[IntakeError] = []

    def add(
        self,
        code: str,
        *,
        line: int | None = None,
        field: str | None = None,
        severity: Severity = Severity.ERROR,
        **params: object,
    ) -> None:
        self.errors.append(
            intake_error(
                code,
                line=line if line is not None else self.root.sourceline or 1,
                field=field,
                severity=severity,
                file=self.file,
                **params,
            )
        )

    def line_of(self, path: str) -> int:
        element = self.root.find(path, NS)
        return (element.sourceline if element is not None else None) or self.root.sourceline or 1

    def date(self, path: str) -> date | None:
        value = text(self.root, path)
        if value is None:
            return None
        return date.fromisoformat(value[:10])  # xs:date, already XSD-checked

    def amount(self, path: str) -> tuple[Decimal | None, str | None]:
        element = self.root.find(path, NS)
        if element is None or element.text is None:
            return None, None
        try:
            return parse_amount(element.text.strip(), field=path), element.get("currencyID")
        except InvalidAmount:
            self.add(
                "invalid_amount", line=element.sourceline, field=path, value=element.text.strip()
            )
            return None, None


def parse_ubl(
    data: bytes,
    *,
    filename: str | None = None,
    default_debtor_kind: DebtorKind = DebtorKind.BUSINESS,
) -> IntakeResult:
    """Parse, validate and map one UBL Invoice or CreditNote (see the module docstring).

    An e-invoice does not say whether the buyer is a consumer: ``default_debtor_kind``
    (business) is used.
    """
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        error = intake_error(
            "xml_syntax", line=exc.lineno or 1, field=None, file=filename, reason=exc.msg
        )
        return IntakeResult((), (error,), 0)
    reader = _Reader(root, filename)
    if root.tag not in (INVOICE, CREDIT_NOTE):
        reader.add("not_ubl", field=None, value=root.tag)
        return IntakeResult((), tuple(reader.errors), 0)

    version = text(root, "cbc:UBLVersionID")
    schema_version = "2.0" if version == "2.0" else "2.1"
    if version not in (None, "2.0", "2.1"):
        reader.add(
            "unsupported_ubl_version",
            field="cbc:UBLVersionID",
            severity=Severity.WARNING,
            value=version,
        )
    tree = root.getroottree()
    violations = schemas.validate(tree, schema_version)
    if violations and version is None:
        # No version stated: a UBL 2.0 document is also acceptable.
        if not schemas.validate(tree, "2.0"):
            schema_version, violations = "2.0", []
    if violations:
        for v in violations:
            reader.add(
                "xsd_invalid", line=v.line, field=v.path, version=schema_version, reason=v.reason
            )
        return IntakeResult((), tuple(reader.errors), 1)

    record = _map(reader, root, schema_version, default_debtor_kind)
    return IntakeResult((record,) if record else (), tuple(reader.errors), 1)


def _map(
    reader: _Reader, root: etree._Element, version: str, kind: DebtorKind
) -> InvoiceRecord | None:
    is_credit = root.tag == CREDIT_NOTE
    line = root.sourceline or 1
    number = text(root, "cbc:ID") or ""
    issue_date = reader.date("cbc:IssueDate")
    due_date = (
        reader.date("cbc:DueDate")
        or reader.date("cac:PaymentMeans/cbc:PaymentDueDate")
        or reader.date("cac:PaymentTerms/cbc:PaymentDueDate")
    )
    if due_date is None and not is_credit:
        reader.add("missing_due_date", field="cbc:DueDate", severity=Severity.WARNING)

    payable, payable_currency = reader.amount(f"{TOTALS}/cbc:PayableAmount")
    inclusive, _ = reader.amount(f"{TOTALS}/cbc:TaxInclusiveAmount")
    prepaid, _ = reader.amount(f"{TOTALS}/cbc:PrepaidAmount")
    currency = text(root, "cbc:DocumentCurrencyCode") or payable_currency or "EUR"
    vat = _vat(reader, root, currency)
    total = inclusive
    if total is None and payable is not None:
        total = payable + (prepaid or Decimal("0.00"))

    credited = None
    if is_credit:
        credited = text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") or text(
            root, "cac:DiscrepancyResponse/cbc:ReferenceID"
        )
        if credited is None:
            reader.add(
                "missing_credited_invoice", field="cac:BillingReference", severity=Severity.WARNING
            )

    customer = root.find(CUSTOMER, NS)
    debtor = None
    if customer is not None:
        raw = read_party(customer)
        account = text(root, "cac:AccountingCustomerParty/cbc:SupplierAssignedAccountID")
        debtor, warnings = to_debtor(
            raw,
            prefix=CUSTOMER,
            external_number=account or raw.party_id,
            kind=kind,
            line_of=reader.line_of,
            file=reader.file,
        )
        reader.errors.extend(warnings)
    supplier_element = root.find(SUPPLIER, NS)
    supplier = to_supplier(read_party(supplier_element)) if supplier_element is not None else None

    payee_iban, payee_bic, reference = _payment(reader, root)

    if issue_date is not None and total is not None:
        for finding in check_document(
            issue_date=issue_date, due_date=due_date, total=total, vat=vat, amount_due=payable
        ):
            path = {
                "due_date": "cbc:DueDate",
                "total": f"{TOTALS}/cbc:TaxInclusiveAmount",
                "vat": "cac:TaxTotal/cbc:TaxAmount",
                "amount_due": f"{TOTALS}/cbc:PayableAmount",
            }[finding.target]
            reader.add(
                finding.code,
                line=reader.line_of(path),
                field=path,
                severity=finding.severity,
                **finding.params,
            )
    if any(e.severity is Severity.ERROR for e in reader.errors):
        return None
    assert issue_date is not None and total is not None and payable is not None
    assert debtor is not None  # the XSD requires the customer party; a name error returned
    return InvoiceRecord(
        line=line,
        document_type=DocumentType.CREDIT_NOTE if is_credit else DocumentType.INVOICE,
        number=number,
        issue_date=issue_date,
        due_date=due_date,
        total=total,
        vat=vat,
        amount_due=payable,
        currency=currency,
        debtor=debtor,
        payment_reference=reference,
        description=text(root, "cbc:Note"),
        credited_invoice_number=credited,
        buyer_reference=text(root, "cbc:BuyerReference") or text(root, "cac:OrderReference/cbc:ID"),
        supplier=supplier,
        payee_iban=payee_iban,
        payee_bic=payee_bic,
        source=f"ubl-{version}",
    )


def _vat(reader: _Reader, root: etree._Element, currency: str) -> Decimal | None:
    """Sum of the document-level TaxTotal/TaxAmount in the document currency (BIS 3 may
    add a second TaxTotal in the VAT accounting currency, which is not the claim's)."""
    found: Decimal | None = None
    for element in root.findall("cac:TaxTotal/cbc:TaxAmount", NS):
        if element.get("currencyID", currency) != currency or element.text is None:
            continue
        try:
            amount = parse_amount(element.text.strip(), field="cac:TaxTotal/cbc:TaxAmount")
        except InvalidAmount:
            reader.add(
                "invalid_amount",
                line=element.sourceline,
                field="cac:TaxTotal/cbc:TaxAmount",
                value=element.text.strip(),
            )
            return None
        found = amount if found is None else found + amount
    return found


_BRANCH = "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch"


def _payment(
    reader: _Reader, root: etree._Element
) -> tuple[str | None, str | None, PaymentReference | None]:
    """The first valid payee IBAN (with BIC) and the first PaymentID of the PaymentMeans."""
    iban = bic = None
    reference = None
    for means in root.findall("cac:PaymentMeans", NS):
        account = text(means, "cac:PayeeFinancialAccount/cbc:ID")
        if iban is None and account:
            path = "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"
            try:
                checked = check_iban(account, field=path)
            except PartyFieldError as exc:
                reader.errors.append(
                    dropped_warning(exc, line=reader.line_of(path), file=reader.file)
                )
            else:
                iban = checked.iban
                bic = (
                    text(means, f"{_BRANCH}/cac:FinancialInstitution/cbc:ID")
                    or text(means, f"{_BRANCH}/cbc:ID")
                    or checked.bic
                )
        payment_id = text(means, "cbc:PaymentID")
        if reference is None and payment_id:
            try:
                reference = classify_payment_reference(payment_id)
            except InvalidPaymentReference:
                path = "cac:PaymentMeans/cbc:PaymentID"
                reader.add(
                    "invalid_payment_reference",
                    line=reader.line_of(path),
                    field=path,
                    severity=Severity.WARNING,
                    value=payment_id,
                )
                reference = PaymentReference(PaymentReferenceKind.FREE_TEXT, payment_id)
    return iban, bic, reference


__all__ = ["parse_ubl"]

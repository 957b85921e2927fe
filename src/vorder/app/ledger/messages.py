"""Bilingual messages of what an import finds against the stored ledger (the file itself is
checked by the intake parsers, :mod:`vorder.core.intake`)."""

from __future__ import annotations

from typing import Any

from vorder.core.intake import IntakeError, Severity

MESSAGES: dict[str, tuple[str, str]] = {
    "number_exists": (
        "invoice number '{number}' already exists with other details (date, amount or debtor); "
        "give the document another number or correct it",
        "factuurnummer '{number}' bestaat al met andere gegevens (datum, bedrag of debiteur); "
        "geef het document een ander nummer of corrigeer het",
    ),
    "credited_invoice_missing": (
        "the credited invoice '{number}' is neither in this file nor already imported",
        "de gecrediteerde factuur '{number}' staat niet in dit bestand en is niet eerder ingelezen",
    ),
    "credited_invoice_other_debtor": (
        "the credited invoice '{number}' belongs to another debtor",
        "de gecrediteerde factuur '{number}' hoort bij een andere debiteur",
    ),
    "credited_invoice_other_currency": (
        "the credited invoice '{number}' is in {currency}, the credit note in {other}",
        "de gecrediteerde factuur '{number}' is in {currency}, de creditnota in {other}",
    ),
    "credit_exceeds_invoice": (
        "the credit notes for invoice '{number}' add up to more than the invoice ({amount})",
        "de creditnota's voor factuur '{number}' zijn samen meer dan de factuur ({amount})",
    ),
    "credited_invoice_rejected": (
        "the credited invoice '{number}' is not imported (it has errors)",
        "de gecrediteerde factuur '{number}' wordt niet ingelezen (zij bevat fouten)",
    ),
    "invalid_ubl_file": (
        "the file is not a UBL e-invoice (XML); choose the format that matches the file",
        "het bestand is geen UBL e-factuur (XML); kies het formaat dat bij het bestand past",
    ),
    "not_text": (
        "the file cannot be read as text (CSV); is it a spreadsheet or a PDF?",
        "het bestand is niet als tekst (CSV) te lezen; is het een spreadsheet of een pdf?",
    ),
    "no_records": (
        "the file holds no invoices or credit notes",
        "het bestand bevat geen facturen of creditnota's",
    ),
}


def ledger_error(
    code: str,
    *,
    line: int,
    field: str | None,
    file: str | None = None,
    severity: Severity = Severity.ERROR,
    **params: Any,
) -> IntakeError:
    en, nl = MESSAGES[code]
    return IntakeError(
        line=line,
        field=field,
        code=code,
        message_en=en.format(**params),
        message_nl=nl.format(**params),
        severity=severity,
        file=file,
    )

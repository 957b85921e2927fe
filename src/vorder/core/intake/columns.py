"""The CSV intake columns: canonical names and the Dutch and English headers accepted.

A header is matched after normalisation: lower case, BOM and surrounding spaces removed,
spaces, hyphens and dots turned into "_" ("E-mail adres" → "e_mail_adres").
docs/intake.md documents every column.
"""

from __future__ import annotations

import re

# canonical name → accepted (normalised) headers; the canonical name is always accepted.
ALIASES: dict[str, tuple[str, ...]] = {
    # document
    "type": ("document_type", "documenttype", "soort", "soort_document"),
    "invoice_number": (
        "factuurnummer",
        "number",
        "nummer",
        "invoice",
        "factuur",
        "document_number",
    ),
    "credited_invoice_number": (
        "credited_invoice",
        "original_invoice_number",
        "referenced_invoice_number",
        "gecrediteerde_factuur",
        "gecrediteerd_factuurnummer",
        "originele_factuur",
        "origineel_factuurnummer",
    ),
    "issue_date": ("invoice_date", "date", "factuurdatum", "datum"),
    "due_date": ("vervaldatum", "payment_due_date", "uiterste_betaaldatum"),
    "total": (
        "total_incl_vat",
        "amount",
        "total_amount",
        "totaal",
        "totaal_incl_btw",
        "bedrag",
        "factuurbedrag",
    ),
    "vat": ("vat_amount", "btw_bedrag", "btwbedrag"),
    "currency": ("valuta", "munt"),
    "payment_reference": ("betalingskenmerk", "kenmerk", "reference"),
    "description": ("omschrijving", "beschrijving"),
    "buyer_reference": ("your_reference", "uw_referentie", "referentie_klant", "order_reference"),
    # debtor
    "debtor_number": (
        "external_debtor_number",
        "customer_number",
        "debiteurnummer",
        "klantnummer",
        "relatienummer",
    ),
    "debtor_kind": ("kind", "debtor_type", "customer_type", "soort_debiteur", "type_debiteur"),
    "name": ("debtor_name", "customer_name", "naam", "debiteur", "debiteurnaam", "bedrijfsnaam"),
    "address": ("street_address", "adres", "straat_en_huisnummer"),
    "street": ("straat", "straatnaam"),
    "house_number": ("huisnummer", "nr"),
    "house_number_addition": (
        "addition",
        "toevoeging",
        "huisnummer_toevoeging",
        "huisnummertoevoeging",
    ),
    "line2": ("address_line_2", "address2", "adresregel_2", "adres2", "t_a_v"),
    "postcode": ("postal_code", "zip", "zip_code"),
    "city": ("town", "place", "plaats", "woonplaats", "stad"),
    "country": ("country_code", "land", "landcode"),
    "email": ("e_mail", "email_address", "e_mail_address", "emailadres", "e_mailadres"),
    "phone": ("telephone", "phone_number", "telefoon", "telefoonnummer", "mobiel", "tel"),
    "iban": ("bank_account", "rekeningnummer", "bankrekening", "iban_nummer"),
    "kvk_number": ("kvk", "kvk_nummer", "kvknummer", "coc_number", "chamber_of_commerce"),
    "vat_number": ("btw_nummer", "btwnummer", "btw_id", "vat_id", "omzetbelastingnummer"),
    "language": ("taal", "lang"),
    "preferred_channels": ("preferred_channel", "voorkeurskanaal", "voorkeurskanalen"),
    "refused_channels": ("refused_channel", "geweigerde_kanalen", "geen_contact_via"),
}

REQUIRED: tuple[str, ...] = ("invoice_number", "issue_date", "due_date", "total", "name")

_LOOKUP: dict[str, str] = {}
for _canonical, _aliases in ALIASES.items():
    for _alias in (_canonical, *_aliases):
        _LOOKUP[_alias] = _canonical

_SEPARATORS = re.compile(r"[\s\-./]+")


def normalise_header(text: str) -> str:
    """ "  E-mail " → "e_mail"; "Factuur­nummer" (any case) → "factuurnummer"."""
    cleaned = text.replace("\ufeff", "").strip().lower()
    return _SEPARATORS.sub("_", cleaned).strip("_")


def canonical_column(header: str) -> str | None:
    """The canonical column for a header as written in a file, or None if unknown."""
    return _LOOKUP.get(normalise_header(header))


def accepted_headers(canonical: str) -> str:
    """ "invoice_number, factuurnummer, …" for error messages."""
    return ", ".join((canonical, *ALIASES[canonical]))

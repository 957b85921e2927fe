"""UBL party → :class:`Debtor` (customer) and :class:`SupplierParty` (supplier).

Fields are read the way OASIS UBL 2.0/2.1, Peppol BIS Billing 3 and the Dutch SI-UBL 2.0
(NLCIUS) place them. Identifiers by scheme: KvK = ``0106`` (ISO 6523 ICD) or ``NL:KVK``;
Dutch VAT endpoint = ``9944`` or ``NL:VAT``; e-mail endpoint = ``EM``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from lxml import etree

from vorder.core.intake import IntakeError, Severity, SupplierParty
from vorder.core.parties import (
    Address,
    Debtor,
    DebtorInput,
    DebtorKind,
    PartyFieldError,
    build_address,
    check_debtor,
)

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS = {"cbc": CBC, "cac": CAC}
KVK_SCHEMES = frozenset({"0106", "NL:KVK", "KVK"})
VAT_ENDPOINT_SCHEMES = frozenset({"9944", "NL:VAT"})
# No country stated counts as Dutch; so do Belgium, Suriname and the Caribbean Netherlands.
DUTCH_SPEAKING = frozenset({None, "NL", "BE", "SR", "AW", "CW", "SX", "BQ"})
_ADDRESS_ATTRS = frozenset(
    {
        "street",
        "house_number",
        "house_number_addition",
        "address",
        "postcode",
        "city",
        "country",
        "line2",
    }
)


def text(element: etree._Element | None, path: str) -> str | None:
    """Stripped text at ``path`` (prefixes cbc/cac) or None when absent or empty."""
    if element is None:
        return None
    found = element.find(path, NS)
    if found is None or found.text is None:
        return None
    value = " ".join(found.text.split())
    return value or None


def _scheme(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    value = element.get("schemeID")
    return value.strip().upper() if value else None


def _ids(party: etree._Element, path: str) -> list[tuple[str | None, str]]:
    out = []
    for element in party.findall(path, NS):
        if element.text and element.text.strip():
            out.append((_scheme(element), element.text.strip()))
    return out


@dataclass(frozen=True, slots=True)
class PartyText:
    """The raw text of one UBL party, before validation (paths relative to cac:Party)."""

    name: str | None
    registration_name: str | None
    street: str | None
    building_number: str | None
    line2: str | None
    postcode: str | None
    city: str | None
    country: str | None
    email: str | None
    phone: str | None
    kvk_number: str | None
    vat_number: str | None
    endpoint_id: str | None
    endpoint_scheme: str | None
    party_id: str | None


def read_party(party: etree._Element) -> PartyText:
    address = party.find("cac:PostalAddress", NS)
    person = party.find("cac:Person", NS)
    person_name = None
    if person is not None:
        parts = [text(person, f"cbc:{p}") for p in ("FirstName", "MiddleName", "FamilyName")]
        person_name = " ".join(p for p in parts if p) or None
    country = text(address, "cac:Country/cbc:IdentificationCode")
    endpoint = party.find("cbc:EndpointID", NS)
    endpoint_scheme = _scheme(endpoint)
    endpoint_id = endpoint.text.strip() if endpoint is not None and endpoint.text else None

    kvk = None
    for scheme, value in _ids(party, "cac:PartyLegalEntity/cbc:CompanyID") + _ids(
        party, "cac:PartyIdentification/cbc:ID"
    ):
        digits = value.replace(" ", "")
        if scheme in KVK_SCHEMES or (
            scheme is None and country == "NL" and len(digits) == 8 and digits.isdigit()
        ):
            kvk = value
            break
    if kvk is None and endpoint_scheme in KVK_SCHEMES:
        kvk = endpoint_id
    vat = text(party, "cac:PartyTaxScheme/cbc:CompanyID")
    if vat is None and endpoint_scheme in VAT_ENDPOINT_SCHEMES:
        vat = endpoint_id
    email = text(party, "cac:Contact/cbc:ElectronicMail")
    if email is None and endpoint_scheme == "EM":
        email = endpoint_id
    line2_parts = [
        text(address, "cbc:AdditionalStreetName"),
        text(address, "cac:AddressLine/cbc:Line"),
        text(address, "cbc:Department"),
    ]
    party_id = next(
        (v for s, v in _ids(party, "cac:PartyIdentification/cbc:ID") if s not in KVK_SCHEMES),
        None,
    )
    return PartyText(
        name=text(party, "cac:PartyName/cbc:Name")
        or text(party, "cac:PartyLegalEntity/cbc:RegistrationName")
        or person_name,
        registration_name=text(party, "cac:PartyLegalEntity/cbc:RegistrationName"),
        street=text(address, "cbc:StreetName"),
        building_number=text(address, "cbc:BuildingNumber"),
        line2=", ".join(p for p in line2_parts if p) or None,
        postcode=text(address, "cbc:PostalZone"),
        city=text(address, "cbc:CityName"),
        country=country,
        email=email,
        phone=text(party, "cac:Contact/cbc:Telephone"),
        kvk_number=kvk,
        vat_number=vat,
        endpoint_id=endpoint_id,
        endpoint_scheme=endpoint_scheme,
        party_id=party_id,
    )


def dropped_warning(exc: PartyFieldError, *, line: int, file: str | None) -> IntakeError:
    """A warning that an invalid optional value was left out (the document is kept)."""
    return IntakeError(
        line=line,
        field=exc.field,
        code="dropped_value",
        message_en=f"{exc.message_en}; left out",
        message_nl=f"{exc.message_nl}; weggelaten",
        severity=Severity.WARNING,
        file=file,
    )


def to_debtor(
    raw: PartyText,
    *,
    prefix: str,
    external_number: str | None,
    kind: DebtorKind,
    line_of: Callable[[str], int],
    file: str | None,
) -> tuple[Debtor | None, list[IntakeError]]:
    """Validate the customer; an invalid optional field is dropped with a warning (the
    invoice itself is still a claim). Without a name there is no debtor (an error)."""
    names = {
        "name": f"{prefix}/cac:PartyName/cbc:Name",
        "street": f"{prefix}/cac:PostalAddress/cbc:StreetName",
        "house_number": f"{prefix}/cac:PostalAddress/cbc:BuildingNumber",
        "postcode": f"{prefix}/cac:PostalAddress/cbc:PostalZone",
        "city": f"{prefix}/cac:PostalAddress/cbc:CityName",
        "country": f"{prefix}/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
        "line2": f"{prefix}/cac:PostalAddress/cbc:AdditionalStreetName",
        "email": f"{prefix}/cac:Contact/cbc:ElectronicMail",
        "phone": f"{prefix}/cac:Contact/cbc:Telephone",
        "kvk_number": f"{prefix}/cac:PartyLegalEntity/cbc:CompanyID",
        "vat_number": f"{prefix}/cac:PartyTaxScheme/cbc:CompanyID",
        "external_number": f"{prefix}/cac:PartyIdentification/cbc:ID",
    }
    attr_of = {v: k for k, v in names.items()}
    current = DebtorInput(
        name=raw.name,
        external_number=external_number,
        street=raw.street,
        house_number=raw.building_number,
        postcode=raw.postcode,
        city=raw.city,
        country=raw.country,
        line2=raw.line2,
        email=raw.email,
        phone=raw.phone,
        kvk_number=raw.kvk_number,
        vat_number=raw.vat_number,
        language="nl" if raw.country in DUTCH_SPEAKING else "en",
    )
    warnings: list[IntakeError] = []
    for _ in range(len(fields(DebtorInput))):
        debtor, errors = check_debtor(current, fields=names, default_kind=kind)
        if debtor is not None:
            return debtor, warnings
        cleared: dict[str, None] = {}
        for exc in errors:
            attr = attr_of.get(exc.field or "", exc.field or "")
            line = line_of(exc.field if exc.field in attr_of else prefix)
            if attr == "name":
                error = IntakeError(
                    line=line,
                    field=exc.field,
                    code=exc.code,
                    message_en=exc.message_en,
                    message_nl=exc.message_nl,
                    file=file,
                )
                return None, [*warnings, error]
            warnings.append(dropped_warning(exc, line=line, file=file))
            if attr in _ADDRESS_ATTRS:
                cleared.update(dict.fromkeys(_ADDRESS_ATTRS))
            else:
                cleared[attr] = None
        current = replace(current, **cleared)
    raise AssertionError("dropping fields must converge")  # pragma: no cover


def to_supplier(raw: PartyText) -> SupplierParty:
    """The supplier as stated (identifiers not validated; the address only if valid)."""
    errors: list[PartyFieldError] = []
    address: Address | None = build_address(
        street=raw.street,
        house_number=raw.building_number,
        postcode=raw.postcode,
        city=raw.city,
        country=raw.country,
        line2=raw.line2,
        errors=errors,
    )
    return SupplierParty(
        name=raw.name,
        registration_name=raw.registration_name,
        kvk_number=raw.kvk_number.replace(" ", "") if raw.kvk_number else None,
        vat_number=raw.vat_number.replace(" ", "").upper() if raw.vat_number else None,
        endpoint_id=raw.endpoint_id,
        endpoint_scheme=raw.endpoint_scheme,
        address=address if not errors else None,
        email=raw.email,
        phone=raw.phone,
    )

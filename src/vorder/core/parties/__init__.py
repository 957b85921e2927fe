"""Parties: the debtor and its validated details (address, contact, bank and company ids)."""

from vorder.core.parties.address import (
    Address,
    build_address,
    normalise_addition,
    normalise_house_number,
    normalise_postcode,
    split_house_number,
    split_street_line,
)
from vorder.core.parties.contact import (
    Channel,
    Language,
    normalise_email,
    normalise_phone,
    parse_channels,
    parse_language,
)
from vorder.core.parties.countries import normalise_country
from vorder.core.parties.debtor import (
    Debtor,
    DebtorInput,
    DebtorKind,
    build_debtor,
    check_debtor,
    parse_debtor_kind,
)
from vorder.core.parties.errors import InvalidDebtor, PartyFieldError
from vorder.core.parties.identifiers import (
    BankAccount,
    check_iban,
    normalise_kvk,
    normalise_vat_number,
)

__all__ = [
    "Address",
    "BankAccount",
    "Channel",
    "Debtor",
    "DebtorInput",
    "DebtorKind",
    "InvalidDebtor",
    "Language",
    "PartyFieldError",
    "build_address",
    "build_debtor",
    "check_debtor",
    "check_iban",
    "normalise_addition",
    "normalise_country",
    "normalise_email",
    "normalise_house_number",
    "normalise_kvk",
    "normalise_phone",
    "normalise_postcode",
    "normalise_vat_number",
    "parse_channels",
    "parse_debtor_kind",
    "parse_language",
    "split_house_number",
    "split_street_line",
]

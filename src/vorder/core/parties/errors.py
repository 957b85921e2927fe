"""Named errors for invalid party (debtor) fields, each with an English and a Dutch message.

Every error names the field at fault (``.field``) and the offending input (``.value``); the
class attribute ``code`` is stable and is what the API, the CLI and the intake reports use.
"""

from __future__ import annotations

from typing import ClassVar

from vorder.core.errors import DomainError


class PartyFieldError(DomainError):
    """Base of every invalid-field error of a party. Subclasses set code and both templates.

    Templates are ``str.format`` strings with ``{value}`` (the input as given).
    """

    code = "invalid_party_field"
    template_en: ClassVar[str] = "'{value}' is not valid"
    template_nl: ClassVar[str] = "'{value}' is niet geldig"

    def __init__(self, value: str, *, field: str) -> None:
        self.value = value
        super().__init__(self.template_en.format(value=value), field=field)

    @property
    def message_en(self) -> str:
        return self.message

    @property
    def message_nl(self) -> str:
        return self.template_nl.format(value=self.value)


class MissingValue(PartyFieldError):
    code = "missing_value"
    template_en = "a value is required"
    template_nl = "een waarde is verplicht"


class ValueTooLong(PartyFieldError):
    code = "too_long"
    template_en = "'{value}' is too long"
    template_nl = "'{value}' is te lang"


class InvalidDebtorKind(PartyFieldError):
    code = "invalid_debtor_kind"
    template_en = "'{value}' is not a debtor kind (use consumer or business)"
    template_nl = "'{value}' is geen soort debiteur (gebruik consument of zakelijk)"


class InvalidPostcode(PartyFieldError):
    code = "invalid_postcode"
    template_en = "'{value}' is not a Dutch postcode (4 digits and 2 letters, e.g. 1234 AB)"
    template_nl = "'{value}' is geen Nederlandse postcode (4 cijfers en 2 letters, bijv. 1234 AB)"


class InvalidHouseNumber(PartyFieldError):
    code = "invalid_house_number"
    template_en = "'{value}' is not a house number (1 to 99999)"
    template_nl = "'{value}' is geen huisnummer (1 tot en met 99999)"


class InvalidHouseNumberAddition(PartyFieldError):
    code = "invalid_house_number_addition"
    template_en = "'{value}' is not a house number addition (at most 6 letters or digits)"
    template_nl = "'{value}' is geen huisnummertoevoeging (hoogstens 6 letters of cijfers)"


class InvalidStreetAddress(PartyFieldError):
    code = "invalid_street_address"
    template_en = "'{value}' has no house number (expected e.g. 'Kerkstraat 12 A')"
    template_nl = "'{value}' heeft geen huisnummer (verwacht bijv. 'Kerkstraat 12 A')"


class InvalidCountry(PartyFieldError):
    code = "invalid_country"
    template_en = "'{value}' is not a country code (ISO 3166-1, e.g. NL, BE, DE)"
    template_nl = "'{value}' is geen landcode (ISO 3166-1, bijv. NL, BE, DE)"


class InvalidEmail(PartyFieldError):
    code = "invalid_email"
    template_en = "'{value}' is not an e-mail address"
    template_nl = "'{value}' is geen e-mailadres"


class InvalidPhone(PartyFieldError):
    code = "invalid_phone"
    template_en = "'{value}' is not a valid phone number"
    template_nl = "'{value}' is geen geldig telefoonnummer"


class InvalidIban(PartyFieldError):
    code = "invalid_iban"
    template_en = "'{value}' is not a valid IBAN"
    template_nl = "'{value}' is geen geldig IBAN"


class InvalidKvkNumber(PartyFieldError):
    code = "invalid_kvk"
    template_en = "'{value}' is not a KvK number (8 digits)"
    template_nl = "'{value}' is geen KvK-nummer (8 cijfers)"


class InvalidVatNumber(PartyFieldError):
    code = "invalid_vat_number"
    template_en = "'{value}' is not a valid VAT number (e.g. NL123456782B01)"
    template_nl = "'{value}' is geen geldig btw-nummer (bijv. NL123456782B01)"


class InvalidLanguage(PartyFieldError):
    code = "invalid_language"
    template_en = "'{value}' is not a supported language (nl or en)"
    template_nl = "'{value}' is geen ondersteunde taal (nl of en)"


class InvalidChannel(PartyFieldError):
    code = "invalid_channel"
    template_en = "'{value}' is not a channel (post, email, sms, phone)"
    template_nl = "'{value}' is geen kanaal (post, email, sms, telefoon)"


class ConflictingChannels(PartyFieldError):
    code = "conflicting_channels"
    template_en = "channel '{value}' is both preferred and refused"
    template_nl = "kanaal '{value}' is zowel voorkeur als geweigerd"


class InvalidDebtor(DomainError):
    """One or more fields of a debtor are invalid; ``errors`` lists every one of them."""

    code = "invalid_debtor"

    def __init__(self, errors: list[PartyFieldError]) -> None:
        self.errors = errors
        fields = ", ".join(sorted({e.field or "?" for e in errors}))
        super().__init__(f"invalid debtor fields: {fields}", field=errors[0].field)

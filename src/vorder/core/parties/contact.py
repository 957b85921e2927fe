"""Contact details: e-mail address, phone number (E.164), language and channels."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

import phonenumbers

from vorder.core.parties.errors import (
    ConflictingChannels,
    InvalidChannel,
    InvalidEmail,
    InvalidLanguage,
    InvalidPhone,
)

DEFAULT_PHONE_REGION = "NL"


class Language(StrEnum):
    """The language of the debtor's letters and portal (Dutch first)."""

    NL = "nl"
    EN = "en"


class Channel(StrEnum):
    """A way to reach a debtor (kanaal)."""

    POST = "post"
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"


_LANGUAGES = {
    "nl": Language.NL,
    "nld": Language.NL,
    "dutch": Language.NL,
    "nederlands": Language.NL,
    "en": Language.EN,
    "eng": Language.EN,
    "english": Language.EN,
    "engels": Language.EN,
}
_CHANNELS = {
    "post": Channel.POST,
    "brief": Channel.POST,
    "letter": Channel.POST,
    "email": Channel.EMAIL,
    "e-mail": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "sms": Channel.SMS,
    "phone": Channel.PHONE,
    "telefoon": Channel.PHONE,
    "bellen": Channel.PHONE,
}

# Practical address syntax (RFC 5321/5322 dot-atom, no quoted local parts, no IP literals):
# local part at most 64 characters, domain labels of letters/digits/hyphens, a TLD of at
# least two letters (or an IDNA "xn--" label), the whole at most 254 characters.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


@lru_cache(maxsize=65536)
def normalise_email(text: str, *, field: str = "email") -> str:
    """Trim and lower-case the domain; check the syntax. Raises :class:`InvalidEmail`.

    Internationalised domains are accepted and kept in Unicode; they are checked in their
    IDNA (punycode) form.
    """
    raw = text.strip()
    if raw.startswith("mailto:"):
        raw = raw[len("mailto:") :]
    if len(raw) > 254 or raw.count("@") != 1:
        raise InvalidEmail(text, field=field)
    local, domain = raw.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        raise InvalidEmail(text, field=field)
    domain = domain.lower().rstrip(".")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidEmail(text, field=field) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise InvalidEmail(text, field=field)
    if not _TLD.match(labels[-1]):
        raise InvalidEmail(text, field=field)
    return f"{local}@{domain}"


@lru_cache(maxsize=65536)
def normalise_phone(text: str, *, region: str = DEFAULT_PHONE_REGION, field: str = "phone") -> str:
    """ "06-12345678" → "+31612345678" (E.164). National numbers are read in ``region``.

    Raises :class:`InvalidPhone` when the number cannot be parsed or is not a valid number
    for its country (per libphonenumber's metadata).
    """
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(text, field=field) from None
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhone(text, field=field)
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def parse_language(text: str, *, field: str = "language") -> Language:
    """ "nl" / "NL" / "Nederlands" / "en" / "English" → Language. Raises InvalidLanguage."""
    found = _LANGUAGES.get(text.strip().lower())
    if found is None:
        raise InvalidLanguage(text, field=field)
    return found


def parse_channels(text: str, *, field: str = "channels") -> tuple[Channel, ...]:
    """ "email, post" or "email|sms" → (EMAIL, POST), de-duplicated, in the given order."""
    found: list[Channel] = []
    for part in re.split(r"[,|/;+ ]+", text.strip()):
        if not part:
            continue
        channel = _CHANNELS.get(part.lower())
        if channel is None:
            raise InvalidChannel(part, field=field)
        if channel not in found:
            found.append(channel)
    return tuple(found)


def check_channels(
    preferred: tuple[Channel, ...], refused: tuple[Channel, ...], *, field: str
) -> None:
    """A channel may not be both preferred and refused. Raises ConflictingChannels."""
    for channel in preferred:
        if channel in refused:
            raise ConflictingChannels(channel.value, field=field)

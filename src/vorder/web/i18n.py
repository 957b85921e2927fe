"""Dutch and English: gettext catalogs, language choice, and the money and date formats.

The ``.po`` catalogs under ``vorder/locale`` are read and compiled in memory at start-up,
so no compile step is needed (docs/adr/0006-i18n.md). Dutch is the default.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel.dates import format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

# Babel locales for formatting: Dutch as in the Netherlands; English with the euro sign
# before the amount and no space (en_IE is the CLDR English locale of the euro area).
_BABEL_LOCALE = {"nl": "nl_NL", "en": "en_IE"}

# Month abbreviations as Dutch style guides (Taalunie) write them: with a full stop,
# except "mei". CLDR dropped the full stops; ux.md asks for "3 dec. 2026".
_NL_MONTHS = (
    "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def load_catalogs(locale_dir: Path = LOCALE_DIR) -> dict[str, NullTranslations]:
    """Read ``{lang}/LC_MESSAGES/messages.po`` and compile each in memory."""
    catalogs: dict[str, NullTranslations] = {}
    for lang in LANGUAGES:
        po = locale_dir / lang / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain="messages")
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        catalogs[lang] = Translations(fp=buffer, domain="messages")
    return catalogs


_current: ContextVar[NullTranslations] = ContextVar("vorder_translations")


def use(translations: NullTranslations) -> object:
    """Make ``translations`` current for this render; returns a token for :func:`reset`."""
    return _current.set(translations)


def reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def gettext(message: str) -> str:
    return _current.get(NullTranslations()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.get(NullTranslations()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def pick_language(
    *, user_language: str | None, cookie: str | None, accept_language: str | None, default: str
) -> str:
    """The user's own choice, else the anonymous switch (cookie), else the browser, else nl."""
    for choice in (user_language, cookie):
        if choice in LANGUAGES:
            return choice
    if accept_language:
        best = _from_accept_language(accept_language)
        if best:
            return best
    return default if default in LANGUAGES else DEFAULT_LANGUAGE


def _from_accept_language(header: str) -> str | None:
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def format_money(amount: Decimal | int | str, lang: str, currency: str = "EUR") -> str:
    """``€ 1.234,56`` in Dutch, ``€1,234.56`` in English (the space is a no-break space)."""
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    value = amount if isinstance(amount, Decimal) else Decimal(amount)
    return format_currency(value, currency, locale=_BABEL_LOCALE.get(lang, "nl_NL"))


def format_day(value: date | datetime, lang: str) -> str:
    """``3 dec. 2026`` in Dutch, ``3 Dec 2026`` in English."""
    day = value.date() if isinstance(value, datetime) else value
    months = _NL_MONTHS if lang == "nl" else _EN_MONTHS
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_relative_days(target: date, today: date, lang: str) -> str:
    """``over 5 dagen`` / ``in 5 days``; ``vandaag`` / ``today`` for the same day."""
    delta = target - today
    if delta.days == 0:
        return "vandaag" if lang == "nl" else "today"
    return format_timedelta(
        delta, granularity="day", threshold=1000, add_direction=True, locale=lang
    )


def translations_for(catalogs: Mapping[str, NullTranslations], lang: str) -> NullTranslations:
    return catalogs.get(lang) or catalogs[DEFAULT_LANGUAGE]

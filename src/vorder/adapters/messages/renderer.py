"""Rendering a message: plain text and simple HTML e-mail (Jinja2 templates in
``templates/``), a short SMS; Dutch and English; per tone. Amounts and their legal basis
come in with the content (:class:`~vorder.app.collection.content.MessageContent`); the
renderer formats them (``€ 1.234,56`` / ``€1,234.56``) and computes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency
from jinja2 import Environment, PackageLoader, StrictUndefined

from vorder.adapters.messages.phrases import FAMILIES, LABELS
from vorder.app.collection.content import (
    GENERIC_FAMILY,
    TERM_EN,
    TERM_NL,
    AmountLine,
    MessageContent,
    RenderedMessage,
)

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
SMS_LIMIT = 320


def money(amount: Decimal, language: str, currency: str = "EUR") -> str:
    """``€ 1.234,56`` (nl) or ``€1,234.56`` (en); euros formatted directly (what Babel gives,
    without its cost per call), other currencies by Babel."""
    if currency != "EUR":
        text = format_currency(amount, currency, locale=LOCALES.get(language, "nl_NL"))
        return text.replace("\xa0", " ")
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}"
    sign = "-" if amount < 0 else ""
    if language == "en":
        return f"{sign}€{grouped}.{cents}"
    return f"€ {sign}{grouped.replace(',', '.')},{cents}"


MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def day(value: date, language: str) -> str:
    """``3 december 2026`` / ``3 December 2026`` (what Babel's ``d MMMM y`` gives)."""
    months = MONTHS.get(language)
    if months is None:
        return format_date(value, "d MMMM y", locale="nl")
    return f"{value.day} {months[value.month - 1]} {value.year}"


class MessageTemplates:
    """:class:`~vorder.app.collection.ports.MessageRenderer` with the packaged templates."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("vorder.adapters.messages", "templates"),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
        )
        self.html_env = Environment(
            loader=PackageLoader("vorder.adapters.messages", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
        )
        self._text = self.env.get_template("message.txt")
        self._html = self.html_env.get_template("message.html")

    def context(self, content: MessageContent) -> dict[str, Any]:
        lang = content.language if content.language in LABELS else "nl"
        labels = LABELS[lang]
        family = FAMILIES.get(content.family, FAMILIES[GENERIC_FAMILY])[lang]
        tone = content.tone if content.tone in ("friendly", "neutral", "firm") else "neutral"

        def fmt(amount: Decimal) -> str:
            return money(amount, lang, content.currency)

        def label(line: AmountLine) -> str:
            return labels.get(line.kind, line.kind)

        def basis(line: AmountLine) -> str:
            if line.kind == "principal":
                return labels["principal_basis"]
            text = line.basis.split(" (")[0] if line.kind != "costs" else line.basis
            return f"{text}; {line.detail}" if line.detail else text

        if content.debtor_kind == "business":
            dear = labels["dear_business"]
        else:
            dear = labels["dear"].format(name=content.debtor_name)
        sender = content.creditor_name
        if content.letterhead == "partner":
            partner = content.partner or (
                "incassopartner" if lang == "nl" else "collection partner"
            )
            sender = f"{partner}, {labels['partner'].format(creditor=content.creditor_name)}"
        context: dict[str, Any] = {
            "L": labels,
            "language": lang,
            "subject": family["subject"],
            "dear": dear,
            "opening": family[tone],
            "ask": family["ask"],
            "claims": content.claims,
            "total": content.total,
            "provisional": any(c.provisional for c in content.claims),
            "letter": content.letter,
            "money": fmt,
            "day": lambda d: day(d, lang),
            "label": label,
            "basis": basis,
            "regards": labels["regards_firm" if tone == "firm" else "regards"],
            "sender": sender,
            "questions": labels["questions"].format(creditor=content.creditor_name),
        }
        letter = content.letter
        if letter is not None:
            vat = labels["letter_vat"].format(vat=fmt(letter.vat)) if letter.vat else ""
            context["letter_pay"] = labels["letter_pay"].format(
                total=fmt(content.total), term=TERM_NL if lang == "nl" else TERM_EN
            )
            context["letter_costs"] = labels["letter_costs"].format(
                costs=fmt(letter.costs), vat=vat, principal=fmt(letter.principal_total)
            )
            context["letter_after"] = labels["letter_after"]
        return context

    def render(self, content: MessageContent) -> RenderedMessage:
        context = self.context(content)
        subject = f"{context['subject']} — {content.creditor_name}"
        if content.channel == "sms":
            lang = context["language"]
            numbers = ", ".join(i.number for c in content.claims for i in c.invoices)
            text = LABELS[lang]["sms"].format(
                creditor=content.creditor_name,
                total=money(content.total, lang, content.currency),
                invoices=numbers,
            )
            return RenderedMessage(subject, text[:SMS_LIMIT], None)
        return RenderedMessage(subject, self._text.render(context), self._html.render(context))

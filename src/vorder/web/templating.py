"""Jinja2 for the server-rendered UI: autoescaping, gettext, and the money/date filters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel.support import NullTranslations
from fastapi import Request
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from starlette.responses import HTMLResponse

from vorder.core.access import Role
from vorder.web import i18n
from vorder.web.i18n import N_
from vorder.web.security import LANGUAGE_COOKIE

ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: N_("Owner"),
    Role.ADMIN: N_("Administrator"),
    Role.CREDIT_MANAGER: N_("Credit manager"),
    Role.AGENT: N_("Agent"),
    Role.VIEWER: N_("Viewer (read only)"),
}


def role_label(role: Role | str) -> str:
    return i18n.gettext(ROLE_LABELS.get(Role(role), str(role)))


@pass_context
def _money(ctx: Context, amount: Decimal | int | str, currency: str = "EUR") -> str:
    return i18n.format_money(amount, ctx.get("lang", i18n.DEFAULT_LANGUAGE), currency)


@pass_context
def _date(ctx: Context, value: date | datetime) -> str:
    return i18n.format_day(value, ctx.get("lang", i18n.DEFAULT_LANGUAGE))


@pass_context
def _relative(ctx: Context, value: date) -> str:
    return i18n.format_relative_days(value, ctx["today"], ctx.get("lang", "nl"))


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("vorder.web", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    env.filters["money"] = _money
    env.filters["date"] = _date
    env.filters["relative"] = _relative
    env.globals["role_label"] = role_label
    return env


class Renderer:
    def __init__(self, catalogs: Mapping[str, NullTranslations], default_language: str) -> None:
        self.env = make_environment()
        self.catalogs = catalogs
        self.default_language = default_language

    def language(self, request: Request, user_language: str | None = None) -> str:
        """The logged-in user's language, else the anonymous choice / browser / default."""
        cached = request.scope.get("vorder_lang")
        if user_language is None and cached:
            return str(cached)
        if user_language is None:
            user = getattr(request.scope.get("vorder_caller"), "user", None)
            user_language = getattr(user, "language", None)
        lang = i18n.pick_language(
            user_language=user_language,
            cookie=request.cookies.get(LANGUAGE_COOKIE),
            accept_language=request.headers.get("accept-language"),
            default=self.default_language,
        )
        request.scope["vorder_lang"] = lang
        return lang

    def render_text(self, name: str, lang: str, context: Mapping[str, Any]) -> str:
        token = i18n.use(i18n.translations_for(self.catalogs, lang))
        try:
            return self.env.get_template(name).render(lang=lang, **context)
        finally:
            i18n.reset(token)

    def gettext(self, lang: str, message: str) -> str:
        return i18n.translations_for(self.catalogs, lang).gettext(message)

    def page(
        self,
        request: Request,
        name: str,
        context: Mapping[str, Any] | None = None,
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        lang = self.language(request)
        full = {
            "request": request,
            "csrf_token": request.scope.get("state", {}).get("csrf_token", ""),
            "path": request.url.path,
            **(context or {}),
        }
        html = self.render_text(name, lang, full)
        response = HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))
        response.headers["content-language"] = lang
        response.headers.setdefault("cache-control", "no-store")
        return response

"""Languages, amount and date formats, catalogs, and the workspace pages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.integration.web.conftest import bearer
from vorder.app import auth
from vorder.web import i18n

WEB = Path(i18n.__file__).parent


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (Decimal("1234.56"), "€\xa01.234,56", "€1,234.56"),
        (Decimal("0.5"), "€\xa00,50", "€0.50"),
        (Decimal("1234567.89"), "€\xa01.234.567,89", "€1,234,567.89"),
        (Decimal("-12.30"), "€\xa0-12,30", "-€12.30"),
        ("1000", "€\xa01.000,00", "€1,000.00"),
    ],
)
def test_money_is_formatted_as_dutch_and_english_readers_expect(amount, nl, en):
    assert i18n.format_money(amount, "nl") == nl
    assert i18n.format_money(amount, "en") == en


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        i18n.format_money(1.5, "nl")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "nl", "en"),
    [
        (date(2026, 12, 3), "3 dec. 2026", "3 Dec 2026"),
        (date(2027, 5, 1), "1 mei 2027", "1 May 2027"),
        (date(2027, 3, 15), "15 mrt. 2027", "15 Mar 2027"),
        (datetime(2026, 9, 30, 23, 0), "30 sep. 2026", "30 Sep 2026"),
    ],
)
def test_dates(day, nl, en):
    assert i18n.format_day(day, "nl") == nl
    assert i18n.format_day(day, "en") == en


def test_relative_days():
    today = date(2026, 12, 3)
    assert i18n.format_relative_days(date(2026, 12, 8), today, "nl") == "over 5 dagen"
    assert i18n.format_relative_days(date(2026, 12, 8), today, "en") == "in 5 days"
    assert i18n.format_relative_days(today, today, "nl") == "vandaag"


def test_templates_render_the_filters(app):
    r = app.state.renderer
    env = r.env
    tpl = env.from_string("{{ amount | money }} · {{ day | date }} · {{ _('Overview') }}")
    for lang, expected in (
        ("nl", "€\xa01.234,56 · 3 dec. 2026 · Overzicht"),
        ("en", "€1,234.56 · 3 Dec 2026 · Overview"),
    ):
        token = i18n.use(i18n.translations_for(r.catalogs, lang))
        try:
            out = tpl.render(lang=lang, amount=Decimal("1234.56"), day=date(2026, 12, 3))
        finally:
            i18n.reset(token)
        assert out == expected


def test_language_choice_order():
    pick = i18n.pick_language
    assert pick(user_language="en", cookie="nl", accept_language="nl", default="nl") == "en"
    assert pick(user_language=None, cookie="en", accept_language="nl", default="nl") == "en"
    assert (
        pick(
            user_language=None, cookie=None, accept_language="de-DE,en;q=0.8,nl;q=0.9", default="en"
        )
        == "nl"
    )
    assert pick(user_language=None, cookie=None, accept_language="fr, de", default="nl") == "nl"
    assert pick(user_language=None, cookie=None, accept_language=None, default="en") == "en"


def test_every_message_of_the_ui_is_in_both_catalogs_and_translated_in_dutch():
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(WEB),
        method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
        options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None},
    ):
        found.add(message if isinstance(message, str) else message[0])
    assert len(found) > 100
    catalogs = {}
    for lang in ("nl", "en"):
        with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            catalogs[lang] = read_po(fh)
    missing = {lang: sorted(m for m in found if m not in cat) for lang, cat in catalogs.items()}
    assert missing == {"nl": [], "en": []}
    untranslated = sorted(m for m in found if not catalogs["nl"][m].string)
    assert untranslated == []


def test_anonymous_pages_follow_accept_language_then_dutch(client):
    assert '<html lang="nl">' in client.get("/login").text
    r = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in r.text and ">Log in<" in r.text
    assert "Inloggen" in client.get("/login", headers={"Accept-Language": "fr"}).text


def test_anonymous_language_switch_is_a_cookie(client):
    token = client.get("/login").cookies.get("vorder_csrf") or client.cookies["vorder_csrf"]
    r = client.post(
        "/settings/language",
        data={"language": "en", "next": "/login", "csrf_token": token},
        follow_redirects=False,
    )
    assert (r.status_code, r.headers["location"]) == (303, "/login")
    assert '<html lang="en">' in client.get("/login").text


def test_users_language_switch_is_persisted(orgs, new_browser, container):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    assert "Overzicht" in b.client.get("/t/alpha/").text
    r = b.post_form(
        "/settings/language", {"language": "en", "next": "/t/alpha/"}, follow_redirects=False
    )
    assert r.headers["location"] == "/t/alpha/"
    assert ">Overview<" in b.client.get("/t/alpha/").text
    with container.uow(system=True) as uow:
        assert uow.users.by_email(alpha.owner_email).language == "en"
    assert b.api("GET", "/api/me").json()["language"] == "en"
    # A new session on another device gets English too.
    other = new_browser()
    other.login(alpha.owner_email)
    assert '<html lang="en">' in other.client.get("/t/alpha/").text
    r = b.post_form("/settings/language", {"language": "de"})
    assert r.status_code == 422
    with container.uow(system=True) as uow:
        assert uow.users.by_email(alpha.owner_email).language == "en"


def test_workspace_has_the_navigation_top_bar_and_a_teaching_empty_state(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    html = b.client.get("/t/alpha/").text
    for label in (
        "Overzicht",
        "Vorderingen",
        "Debiteuren",
        "Strategieën",
        "Berichten",
        "Betalingen",
        "Rapportages",
        "Instellingen",
    ):
        assert f">{label}</a>" in html, label
    assert "+ Nieuwe factuur" in html
    assert 'role="search"' in html
    assert 'name="language" value="en"' in html
    assert "Uitloggen" in html
    assert "Nog geen vorderingen — voer een factuur in of importeer een bestand" in html
    assert "€\xa00,00" in html
    assert "3 dec. 2026" in html  # the container's clock: 3 Dec 2026
    assert 'aria-current="page"' in html
    assert "Alle opdrachtgevers" not in html  # not a service provider


def test_viewer_sees_no_new_invoice_button_and_cannot_open_it(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.viewer_email)
    html = b.client.get("/t/alpha/").text
    assert "New invoice" not in html
    assert b.client.get("/t/alpha/invoices/new").status_code == 403


def test_modules_page_switches_with_htmx_and_a_confirmation(orgs, new_browser, container):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/settings/modules").text
    assert 'hx-post="/t/alpha/settings/modules/payments"' in page
    assert 'hx-confirm="“Betalingen” uitzetten?' in page
    assert "Altijd aan" in page  # core
    r = b.client.post(
        "/t/alpha/settings/modules/payments",
        data={"enabled": "0"},
        headers={"HX-Request": "true", "X-CSRF-Token": b.csrf},
    )
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<li class="module" id="module-payments">')
    assert "“Betalingen” staat nu uit." in r.text
    assert "Aanzetten" in r.text
    from vorder.app import modules

    assert not modules.is_enabled(container.uow, tenant_id=alpha.tenant_id, name="payments")
    events = b.api("GET", "/api/events?subject_type=tenant", tenant="alpha").json()
    assert events[0]["type"] == "ModuleConfigured"
    assert events[0]["payload"]["enabled"] is False
    assert events[0]["actor"].startswith("user:")


def test_htmx_errors_are_swapped_into_the_flash_area(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.viewer_email)
    r = b.client.post(
        "/t/alpha/settings/modules/payments",
        data={"enabled": "0"},
        headers={"HX-Request": "true", "X-CSRF-Token": b.csrf},
    )
    assert r.status_code == 403
    assert r.headers["HX-Retarget"] == "#flash"
    assert 'role="alert"' in r.text and "<html" not in r.text


def test_members_and_api_keys_pages(orgs, new_browser, client):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    members = b.client.get("/t/alpha/settings/members").text
    assert "viewer@alpha.nl" in members and "Kijker (alleen lezen)" in members
    keys = b.client.get("/t/alpha/settings/api-keys").text
    assert "alpha owner key" in keys and "vk_" in keys
    assert alpha.owner_key not in keys  # the secret is never shown again


def test_platform_api_round_trip(orgs, client, container):
    alpha, _ = orgs
    h = bearer(alpha.owner_key)
    created = client.post(
        "/api/api-keys",
        json={"name": "Boekhouding", "role": "viewer"},
        headers={**h, "Idempotency-Key": "abc-1"},
    )
    assert created.status_code == 201
    key = created.json()
    assert key["key"].startswith("vk_") and key["role"] == "viewer"
    listed = client.get("/api/api-keys", headers=h).json()
    mine = next(k for k in listed if k["id"] == key["id"])
    assert "key" not in mine and mine["revoked_at"] is None
    assert client.get("/api/me", headers=bearer(key["key"])).json()["role"] == "viewer"
    assert client.delete(f"/api/api-keys/{key['id']}", headers=h).status_code == 204
    assert client.get("/api/me", headers=bearer(key["key"])).status_code == 401
    assert client.delete(f"/api/api-keys/{key['id']}", headers=h).status_code == 204
    events = client.get(
        f"/api/events?subject_type=api_key&subject_id={key['id']}", headers=h
    ).json()
    assert [e["type"] for e in events] == ["ApiKeyRevoked", "ApiKeyCreated"]
    one = client.get(f"/api/events/{events[0]['id']}", headers=h).json()
    assert one == events[0]
    members = client.get("/api/members", headers=h).json()
    assert [(m["email"], m["role"]) for m in members] == [
        ("owner@alpha.nl", "owner"),
        ("viewer@alpha.nl", "viewer"),
    ]
    one = client.get(f"/api/members/{members[1]['id']}", headers=h).json()
    assert one == members[1]
    mods = {m["name"]: m for m in client.get("/api/modules", headers=h).json()}
    assert mods["core"]["always_on"] and mods["payments"]["enabled"]
    assert not mods["scoring"]["enabled"]
    assert client.get("/api/events/999999", headers=h).status_code == 404
    assert auth.API_KEY_PREFIX == "vk_"

"""A real browser against a real server: log in, see the workspace, switch a module with the
confirmation dialog, switch language, on desktop and phone widths.

Debian's Chromium (``/usr/bin/chromium``) driven by Playwright; uvicorn on 127.0.0.1 and a
free port in a thread, on a migrated SQLite database with the demo organisations.
Screenshots go to ``$VORDER_SCREENSHOTS`` (default: a temporary folder).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from vorder.adapters.db.migrate import upgrade
    from vorder.app.demo import load_demo
    from vorder.bootstrap import build
    from vorder.config import load_settings
    from vorder.web.app import create_app

    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'vorder.db'}"
    upgrade(url)
    container = build(
        load_settings(
            database_url=url,
            data_dir=folder,
            demo=True,
            task_backend="immediate",
            secret_key="e2e-secret-key-0123456789",
        )
    )
    load_demo(container.uow, container.hasher, now=container.clock.now())
    port = _free_port()
    config = uvicorn.Config(create_app(container), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    container.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("VORDER_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _watch(page, base: str) -> list[str]:
    """Record console errors and any request that leaves the server."""
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on(
        "request",
        lambda r: (
            problems.append(f"external request {r.url}")
            if not r.url.startswith((base, "data:"))
            else None
        ),
    )
    return problems


def test_log_in_see_workspace_switch_module_and_language(server, browser, shots):
    from vorder.app.demo import DEMO_PASSWORD

    context = browser.new_context(viewport={"width": 1280, "height": 820}, locale="nl-NL")
    page = context.new_page()
    problems = _watch(page, server)
    page.goto(f"{server}/")
    assert page.url == f"{server}/login"
    assert page.locator("h1").inner_text() == "Inloggen"
    page.screenshot(path=str(shots / "01-login-nl.png"))

    page.fill("#email", "zzp@vorder.local")
    page.fill("#password", "wrong password")
    page.click("button[type=submit]")
    assert "Het e-mailadres of wachtwoord klopt niet." in page.inner_text("#login-error")
    assert [p for p in problems if "401" not in p] == []  # the re-rendered form is a 401
    problems.clear()

    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/t/vandam-installatie/")
    assert page.locator("h1").inner_text() == "Overzicht"
    assert "Nog geen vorderingen" in page.inner_text(".empty")
    assert page.locator(".nav__link").all_inner_texts() == [
        "Overzicht",
        "Vorderingen",
        "Debiteuren",
        "Strategieën",
        "Berichten",
        "Betalingen",
        "Rapportages",
        "Instellingen",
    ]
    page.screenshot(path=str(shots / "02-overview-nl.png"), full_page=True)

    # Keyboard: the skip link is the first thing Tab reaches, and it is visible then.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    # Settings → Modules: switch Payments off through the confirmation dialog.
    page.goto(f"{server}/t/vandam-installatie/settings/modules")
    page.click("#module-payments button")
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert "“Betalingen” uitzetten?" in dialog.inner_text()
    page.screenshot(path=str(shots / "03-confirm-nl.png"))
    page.click("[data-confirm-ok]")
    page.locator("#module-payments .badge--off").wait_for()
    assert "staat nu uit" in page.inner_text("#module-payments")
    assert "Betalingen" not in page.locator(".nav").inner_text()
    page.screenshot(path=str(shots / "04-modules-nl.png"), full_page=True)

    # Cancelling the dialog changes nothing.
    page.click("#module-scoring button")
    dialog.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.locator("#module-scoring .badge--off").count() == 1

    # Switch language to English; it sticks.
    page.click(".topbar .langswitch button[value=en]")
    page.wait_for_url(f"{server}/t/vandam-installatie/settings/modules")
    assert page.locator("h1").inner_text() == "Modules"
    assert "Settings" in page.locator(".nav").inner_text()
    page.goto(f"{server}/t/vandam-installatie/")
    assert page.locator("h1").inner_text() == "Overview"
    assert "€0.00" in page.inner_text(".tiles")
    page.screenshot(path=str(shots / "05-overview-en.png"), full_page=True)

    # Log out through the user menu.
    page.click(".usermenu summary")
    page.click(".usermenu button")
    page.wait_for_url(f"{server}/login")
    assert problems == []
    context.close()


def test_service_provider_on_a_phone(server, browser, shots):
    from vorder.app.demo import DEMO_PASSWORD

    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="nl-NL",
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    problems = _watch(page, server)
    page.goto(f"{server}/login")
    page.fill("#email", "demo@vorder.local")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/t/incasso-noord/")
    options = page.locator("#client-switch option").all_inner_texts()
    assert options == ["Alle opdrachtgevers", "Bakkerij De Korenschoof", "Woonstichting Maasoever"]
    page.screenshot(path=str(shots / "06-phone-provider.png"), full_page=True)
    # No horizontal scrolling of the page at phone width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.select_option("#client-switch", "korenschoof")
    page.wait_for_url(f"{server}/t/korenschoof/")
    assert page.locator("#client-switch").input_value() == "korenschoof"
    assert problems == []
    context.close()

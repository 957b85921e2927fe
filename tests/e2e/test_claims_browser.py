"""A real browser on the claims pages: log in, open the claims, open one claim, read its
statement lines; pause it through the confirmation dialog; the same on a phone, without
horizontal scrolling.

Debian's Chromium (``/usr/bin/chromium``) driven by Playwright; uvicorn on 127.0.0.1 and a
free port in a thread, on a migrated SQLite database with the small portfolio of
tests/integration/web/ui_portfolio.py on a fixed clock (3 December 2026). Screenshots go to
``$VORDER_SCREENSHOTS`` (default ``/tmp/vorder-claims-screenshots``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.test_browser import ARGS, CHROMIUM, _free_port, _watch

pytestmark = pytest.mark.slow
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, object]]:
    import uvicorn

    from tests.integration.web.conftest import make_org
    from tests.integration.web.ui_portfolio import seed
    from vorder.adapters.clock import FixedClock
    from vorder.adapters.db.migrate import upgrade
    from vorder.bootstrap import build
    from vorder.config import load_settings
    from vorder.web.app import create_app

    folder = tmp_path_factory.mktemp("e2e-claims")
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
    container.clock = FixedClock(NOW)
    org = make_org(container, "bakkerij")
    portfolio = seed(container, org.tenant_id)
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
    yield f"http://127.0.0.1:{port}", org, portfolio
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
def shots() -> Path:
    path = Path(os.environ.get("VORDER_SCREENSHOTS") or "/tmp/vorder-claims-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _log_in(page, base: str, email: str) -> None:
    from tests.integration.web.conftest import PASSWORD

    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/t/bakkerij/")


def test_open_a_claim_and_read_its_statement_then_pause_it(site, browser, shots):
    base, org, p = site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    problems = _watch(page, base)
    _log_in(page, base, org.owner_email)
    page.screenshot(path=str(shots / "claims-01-overview-desktop.png"), full_page=True)

    page.click(".nav__link >> text=Vorderingen")
    page.wait_for_url(f"{base}/t/bakkerij/claims")
    assert page.locator("h1").inner_text() == "Vorderingen"
    rows = page.locator(".table--claims tbody tr")
    assert rows.count() == 4
    assert rows.nth(2).locator("td").nth(1).inner_text() == "Jan de Vries"
    assert rows.nth(2).locator("td").nth(3).inner_text() == "€\xa0608,33"
    page.screenshot(path=str(shots / "claims-02-list-desktop.png"), full_page=True)

    rows.nth(2).locator("a.rowlink").click()
    page.wait_for_url(f"{base}/t/bakkerij/claims/{p.k1}")
    assert page.locator(".claimhead__value").inner_text() == "€\xa0609,53"
    lines = page.locator(".stmt__row").all_inner_texts()
    interest = [line for line in lines if "Rente op factuur F-1001" in line]
    assert "76 dagen × 4% per jaar" in interest[0] and "18 dagen × 4% per jaar" in interest[1]
    assert any("waarvan naar de hoofdsom van factuur F-1001" in line for line in lines)
    assert page.locator(".stmt__total").inner_text().split("\t")[-1].strip() == "€\xa0609,53"
    page.screenshot(path=str(shots / "claims-03-claim-desktop.png"), full_page=True)

    # Keyboard: the action opens with Enter, the focus ring is visible.
    summary = page.locator("summary", has_text="Incasso pauzeren")
    summary.focus()
    page.keyboard.press("Enter")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.fill("#pause-reason", "Belt volgende week terug")
    page.fill("#pause-until", "2026-12-20")
    page.click("#claim-actions button:has-text('Pauzeren')")
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert "Jan de Vries krijgt geen herinneringen of brieven" in dialog.inner_text()
    page.screenshot(path=str(shots / "claims-04-confirm-desktop.png"))
    page.click("[data-confirm-ok]")
    page.wait_for_url(f"{base}/t/bakkerij/claims/{p.k1}?done=paused")
    assert "De incasso is gepauzeerd." in page.inner_text(".alert--ok")
    assert "Gepauzeerd tot 20 dec. 2026" in page.inner_text(".claimhead__next")
    assert problems == []
    context.close()


def test_the_claims_pages_on_a_phone(site, browser, shots):
    base, org, p = site
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="nl-NL",
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    problems = _watch(page, base)
    _log_in(page, base, org.owner_email)
    for name, path in (
        ("claims-05-list-phone.png", "/t/bakkerij/claims"),
        ("claims-06-claim-phone.png", f"/t/bakkerij/claims/{p.k2}"),
        ("claims-07-debtor-phone.png", f"/t/bakkerij/debtors/{p.bakkerij}"),
        ("claims-08-new-invoice-phone.png", "/t/bakkerij/invoices/new"),
    ):
        page.goto(base + path)
        page.screenshot(path=str(shots / name), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(f"{base}/t/bakkerij/claims/{p.k2}")
    lines = page.locator(".stmt__row").all_inner_texts()
    assert any("Incassokosten" in line and "€\xa0375,00" in line for line in lines)
    assert problems == []
    context.close()

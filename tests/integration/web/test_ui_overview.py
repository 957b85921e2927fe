"""The overview page: exact key figures, ageing, phases, what needs a person and what is
planned, for the small portfolio of ui_portfolio; the empty state teaches how to start."""

from __future__ import annotations

import re

from tests.integration.web.ui_portfolio import seed

NBSP = "\xa0"


def _tile(html: str, label: str) -> str:
    """The value shown in the tile labelled ``label``."""
    match = re.search(
        rf'<span class="tile__label">(?:<abbr[^>]*>)?{re.escape(label)}(?:</abbr>)?</span>\s*'
        r'<span class="tile__value[^"]*">([^<]+)</span>',
        html,
    )
    assert match, label
    return match.group(1)


def _bars(html: str, title_id: str) -> list[tuple[str, str, str]]:
    """(label, amount, count) of each bar in the panel ``title_id``."""
    part = html[html.index(f'id="{title_id}"') :]
    part = part[: part.index("</section>")]
    rows = re.findall(
        r'<span class="bars__label">(?:<a [^>]*>)?([^<]+)(?:</a>)?</span>.*?'
        r'<span class="bars__value amount">([^<]+)</span>\s*'
        r'<span class="bars__count[^"]*">([^<]+)</span>',
        part,
        flags=re.S,
    )
    return [(label.strip(), amount, count) for label, amount, count in rows]


def test_overview_shows_the_portfolio_in_exact_figures(container, orgs, new_browser):
    alpha, _ = orgs
    seed(container, alpha.tenant_id)
    b = new_browser()
    b.login(alpha.owner_email)
    html = b.client.get("/t/alpha/").text
    # 608.33 + 3,670.50 + 149.95 + 12,450.00; the first three are past their due date
    assert _tile(html, "Openstaand") == f"€{NBSP}16.878,78"
    assert _tile(html, "Achterstallig") == f"€{NBSP}4.428,78"
    assert _tile(html, "Deze maand geïncasseerd") == f"€{NBSP}50,00"
    # open principal 16,553.78 ÷ 13,445.45 invoiced since 5 Sep (F-1003, F-1004, F-1005) × 90
    assert _tile(html, "DSO") == "111 dagen"
    assert f"€{NBSP}13.445,45 gefactureerd in de laatste 90 dagen" in html
    assert "4 open vorderingen" in html and "3 vorderingen over de vervaldatum" in html
    assert "1 betaling sinds 1 dec. 2026" in html
    assert _bars(html, "ageing-title") == [
        ("Nog niet vervallen", f"€{NBSP}12.450,00", "1 vordering"),
        ("0–30 dagen", f"€{NBSP}149,95", "1 vordering"),
        ("31–60 dagen", f"€{NBSP}0,00", "0 vorderingen"),
        ("61–90 dagen", f"€{NBSP}3.670,50", "1 vordering"),
        ("meer dan 90 dagen", f"€{NBSP}608,33", "1 vordering"),
    ]
    assert _bars(html, "phases-title") == [
        ("Eigen beheer", f"€{NBSP}13.208,28", "3 vorderingen"),
        ("Minnelijk", f"€{NBSP}3.670,50", "1 vordering"),
        ("Gerechtelijk", f"€{NBSP}0,00", "0 vorderingen"),
        ("Executie", f"€{NBSP}0,00", "0 vorderingen"),
        ("Schuldbewaking", f"€{NBSP}0,00", "0 vorderingen"),
    ]
    # Needs you: the disputed claim, linked to the disputed claims.
    assert re.search(
        r'<a href="/t/alpha/claims\?status=disputed">\s*1 betwisting te beantwoorden\s*</a>\s*'
        rf'<span class="amount needs__amount">€{NBSP}149,95</span>',
        html,
    )
    assert "Nog geen vorderingen" not in html


def test_planned_counts_the_next_steps_due_today_and_tomorrow(container, orgs, new_browser):
    alpha, _ = orgs
    p = seed(container, alpha.tenant_id)
    from vorder.app.collection.strategies import cuow

    with container.uow(tenant_id=alpha.tenant_id) as base:
        uow = cuow(base)
        wake = {k: uow.claims.get(k).next_wake_at for k in (p.k1, p.k2, p.k3, p.k4)}
        states = {k: uow.collection.state(k) for k in (p.k1, p.k2, p.k3, p.k4)}
    # K1 wakes tomorrow 09:00 for its next step; K2 and K4 later; K3 is disputed.
    assert wake[p.k1].isoformat() == "2026-12-04T08:00:00+00:00"
    assert wake[p.k3] is None and states[p.k3].status == "disputed"
    assert all(w is None or w.date().isoformat() > "2026-12-04" for w in (wake[p.k2], wake[p.k4]))
    b = new_browser()
    b.login(alpha.owner_email)
    html = b.client.get("/t/alpha/").text
    planned = html[html.index('id="planned-title"') :]
    planned = planned[: planned.index("</section>")]
    today, tomorrow = planned.split("Morgen")
    assert "Niets gepland." in today
    items = re.findall(
        r'<li class="needs__item"><span>(.*?)</span>'
        r'<span class="amount needs__amount">(\d+)</span>',
        tomorrow,
    )
    step = _step(container, alpha.tenant_id, states[p.k1])
    assert step["action"]["type"] == "send_message"
    label = {"post": "Brief per post", "email": "E-mail", "sms": "Sms"}[step["action"]["channel"]]
    assert items == [(label, "1")]


def _step(container, tenant_id, state):
    """The claim's next step as its stored strategy document says."""
    from vorder.app.collection.strategies import cuow

    with container.uow(tenant_id=tenant_id) as base:
        record = cuow(base).strategies.get(state.strategy_name, state.strategy_version)
    steps = [s for phase in record.document["phases"] for s in phase["steps"]]
    return next(s for s in steps if s["id"] == state.next_step_id)


def test_empty_overview_teaches_how_to_start(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    html = b.client.get("/t/alpha/").text
    assert "Nog geen vorderingen — voer een factuur in of importeer een bestand" in html
    assert _tile(html, "Openstaand") == f"€{NBSP}0,00"
    assert _tile(html, "DSO") == "—"
    assert "Er wacht nu niets op u." in html
    assert "Voor vandaag en morgen staat niets gepland." in html
    assert 'href="/t/alpha/invoices/new"' in html and 'href="/t/alpha/imports"' in html
    assert 'id="ageing-title"' not in html


def test_overview_in_english_for_an_english_user(container, orgs, new_browser):
    alpha, _ = orgs
    seed(container, alpha.tenant_id)
    b = new_browser()
    b.login(alpha.viewer_email)  # the viewer's language is English
    html = b.client.get("/t/alpha/").text
    assert _tile(html, "Outstanding") == "€16,878.78"
    assert _tile(html, "Collected this month") == "€50.00"
    assert "1 dispute to answer" in html
    assert "+ New invoice" not in html  # a viewer cannot enter invoices

"""The claims table and the claim page: exact rows, filters, search, sort and pages; the
statement with its lines, periods and legal basis; the timeline in plain words; the actions
with their confirmation; errors that change nothing; another organisation's claim is 404."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date

import pytest

from tests.integration.web.ui_portfolio import actor_of, seed
from vorder.app.collection.strategies import cuow
from vorder.app.views.claim_list import ClaimQuery, claim_table

NBSP = "\xa0"


def eur(text: str) -> str:
    return f"€{NBSP}{text}"


def _text(fragment: str) -> str:
    """Visible text: tags dropped, entities decoded, white space collapsed."""
    plain = htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"[ \t\r\n]+", " ", plain).strip()  # keeps the no-break space in amounts


def _rows(page: str) -> list[list[str]]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [[_text(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)] for r in rows]


@pytest.fixture
def desk(container, orgs, new_browser):
    alpha, beta = orgs
    portfolio = seed(container, alpha.tenant_id)
    b = new_browser()
    b.login(alpha.owner_email)
    return container, alpha, beta, portfolio, b


def _next_step_title(container, tenant_id: int, claim_id: int) -> str:
    with container.uow(tenant_id=tenant_id) as base:
        uow = cuow(base)
        state = uow.collection.state(claim_id)
        record = uow.strategies.get(state.strategy_name, state.strategy_version)
    steps = [s for phase in record.document["phases"] for s in phase["steps"]]
    return next(s for s in steps if s["id"] == state.next_step_id)["title"]["nl"]


def test_the_table_shows_each_claim_with_exact_amounts_and_its_next_step(desk):
    container, alpha, _, p, b = desk
    page = b.client.get("/t/alpha/claims").text
    rows = _rows(page)
    # Largest outstanding first; days overdue counted from the oldest unpaid due date.
    assert [r[:5] for r in rows] == [
        [str(p.k4), "Installatiebedrijf Jansen", "Eigen beheer", eur("12.450,00"), "—"],
        [str(p.k2), "Bakkerij De Korenschoof B.V.", "Minnelijk", eur("3.670,50"), "63"],
        [str(p.k1), "Jan de Vries", "Eigen beheer", eur("608,33"), "94"],
        [str(p.k3), "Fatima El Amrani", "Eigen beheer Betwist", eur("149,95"), "18"],
    ]
    k1 = rows[2]
    assert k1[5].startswith(_next_step_title(container, alpha.tenant_id, p.k1))
    assert k1[5].endswith("· 4 dec. 2026")  # the runner looks at it tomorrow at 09:00
    assert k1[6] == "Vriendelijk traject voor consumenten"
    assert rows[3][5] == "Wacht tot de betwisting is opgelost"
    assert f'href="/t/alpha/claims/{p.k1}"' in page
    assert f'href="/t/alpha/debtors/{p.jan}"' in page
    assert 'class="num amount"' in page  # right-aligned, tabular digits


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase=amicable", ["k2"]),
        ("status=disputed", ["k3"]),
        ("overdue=1", ["k1", "k2", "k3"]),  # oldest due date first; K4 is not yet due
        ("q=vries", ["k1"]),
        ("q=F-1003", ["k2"]),  # an invoice number finds its claim
        ("sort=outstanding", ["k3", "k1", "k2", "k4"]),
        ("sort=due_date", ["k1", "k2", "k3", "k4"]),
        ("phase=in_house&status=open", ["k4", "k1"]),
    ],
)
def test_chips_search_and_sort(desk, query, expected):
    _, _, _, p, b = desk
    page = b.client.get(f"/t/alpha/claims?{query}").text
    assert [r[0] for r in _rows(page)] == [str(getattr(p, k)) for k in expected]


def test_chips_mark_the_current_filter_and_keep_the_others(desk):
    _, _, _, _, b = desk
    page = b.client.get("/t/alpha/claims?phase=in_house").text
    assert 'href="?phase=in_house&amp;status=disputed"' in page
    assert '<a class="chip" href="?phase=in_house" aria-current="true">Eigen beheer</a>' in page


def test_pages_of_the_table(container, desk):
    _, alpha, _, p, _ = desk
    actor = actor_of(alpha.tenant_id)
    first = claim_table(
        container.uow, actor=actor, query=ClaimQuery(limit=2), today=date(2026, 12, 3)
    )
    assert [line.claim.id for line in first.lines] == [p.k4, p.k2] and first.next_offset == 2
    second = claim_table(
        container.uow, actor=actor, query=ClaimQuery(limit=2, offset=2), today=date(2026, 12, 3)
    )
    assert [line.claim.id for line in second.lines] == [p.k1, p.k3] and second.next_offset is None
    overdue = claim_table(
        container.uow,
        actor=actor,
        query=ClaimQuery(overdue=True, limit=2),
        today=date(2026, 12, 3),
    )
    assert [line.claim.id for line in overdue.lines] == [p.k1, p.k2] and overdue.next_offset == 2


def test_empty_states_of_the_table(container, orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/claims").text
    assert "Nog geen vorderingen — voer een factuur in of importeer een bestand" in page
    assert "<table" not in page
    seed(container, alpha.tenant_id, run=False)
    page = b.client.get("/t/alpha/claims?q=nobody-here").text
    assert "Geen vorderingen gevonden" in page and "Alle vorderingen tonen" in page


def test_an_unknown_filter_is_a_polite_error(desk):
    _, _, _, _, b = desk
    r = b.client.get("/t/alpha/claims?phase=nonsense")
    assert r.status_code == 422 and "<html" in r.text


def _statement(page: str) -> list[str]:
    part = page[page.index('id="statement-title"') :]
    part = part[: part.index('<tbody class="stmt__totals">')]
    rows = re.findall(r'<tr class="stmt__row[^"]*">(.*?)</tr>', part, flags=re.S)
    return [_text(r) for r in rows]


def test_the_claim_page_explains_every_line_of_the_statement(desk):
    _, _, _, p, b = desk
    page = b.client.get(f"/t/alpha/claims/{p.k1}").text
    start = page.index('<header class="claimhead">')
    head = _text(page[start : page.index("</header>", start)])
    assert f"Vandaag openstaand {eur('609,53')}" in head
    assert f"hoofdsom {eur('608,33')} · rente {eur('1,20')} · kosten {eur('0,00')}" in head
    assert "Jan de Vries · Consument" in head
    assert _statement(page) == [
        "1 aug. 2026 Factuur F-1001 Het factuurbedrag inclusief btw: de hoofdsom (wat is "
        f"afgesproken). Grondslag: de overeenkomst met de debiteur {eur('1.000,00')}",
        "15 nov. 2026 Rente op factuur F-1001 Wettelijke rente voor consumenten (art. 6:119 BW) "
        f"1 sep. 2026 – 15 nov. 2026: 76 dagen × 4% per jaar over {eur('1.000,00')} = "
        f"{eur('8,33')} voorlopig Grondslag: art. 6:119 BW {eur('8,33')}",
        "15 nov. 2026 Betaling ontvangen Telt eerst voor de kosten, dan voor de rente, dan voor "
        f"de hoofdsom. Grondslag: art. 6:43-6:44 BW {eur('-400,00')}",
        f"waarvan naar de rente op factuur F-1001 {eur('8,33')}",
        f"waarvan naar de hoofdsom van factuur F-1001 {eur('391,67')}",
        "3 dec. 2026 Rente op factuur F-1001 Wettelijke rente voor consumenten (art. 6:119 BW) "
        f"16 nov. 2026 – 3 dec. 2026: 18 dagen × 4% per jaar over {eur('608,33')} = "
        f"{eur('1,20')} voorlopig Grondslag: art. 6:119 BW {eur('1,20')}",
    ]
    totals = _text(page[page.index('<tbody class="stmt__totals">') :].split("</tbody>")[0])
    assert totals == (
        f"Hoofdsom openstaand {eur('608,33')} Rente openstaand {eur('1,20')} "
        f"Kosten openstaand {eur('0,00')} Tot nu toe betaald {eur('400,00')} "
        f"Openstaand op 3 dec. 2026 {eur('609,53')}"
    )
    assert "Voorlopig: de wettelijke rente vanaf" in page  # rates after 30 Jun 2026 unknown


def test_costs_and_commercial_interest_on_a_business_claim(desk):
    _, _, _, p, b = desk
    lines = _statement(b.client.get(f"/t/alpha/claims/{p.k2}").text)
    costs = next(line for line in lines if line.startswith("2 okt. 2026 Incassokosten"))
    assert "minstens 40 euro per factuur" in costs and "art. 6:96 lid 4 BW" in costs
    assert costs.endswith(eur("375,00"))
    assert f"waarvan naar de incassokosten {eur('50,00')}" in lines  # costs first (6:44 BW)
    interest = [line for line in lines if "Rente op factuur F-1002" in line]
    assert interest and all("10,15% per jaar" in line for line in interest)
    assert all("Wettelijke handelsrente (art. 6:119a BW)" in line for line in interest)


def test_the_statement_on_another_day(desk):
    _, _, _, p, b = desk
    page = b.client.get(f"/t/alpha/claims/{p.k1}?on=2026-11-15").text
    assert f"Openstaand op 15 nov. 2026 {eur('608,33')}" in _text(page)
    assert 'value="2026-11-15"' in page
    bad = b.client.get(f"/t/alpha/claims/{p.k1}?on=morgen")
    assert bad.status_code == 200
    assert "Dat is geen datum." in bad.text and 'aria-invalid="true"' in bad.text
    assert f"Openstaand op 3 dec. 2026 {eur('609,53')}" in _text(bad.text)


def test_the_timeline_speaks_plain_words(desk):
    _, _, _, p, b = desk
    page = b.client.get(f"/t/alpha/claims/{p.k1}").text
    part = page[page.index('id="timeline-title"') :]
    part = _text(part[: part.index("</section>")])
    assert f"Betaling van {eur('400,00')} ontvangen op 15 nov. 2026" in part
    assert f"Factuur F-1001 van {eur('1.000,00')} toegevoegd, vervalt 31 aug. 2026" in part
    assert "Vordering geopend" in part
    assert "Volgt de strategie “Vriendelijk traject voor consumenten”" in part
    assert "Vorder, automatisch" in part
    for jargon in ("Event", "event", "outbox", "Outbox", "Allocated", "Registered", "tenant"):
        assert jargon not in part, jargon
    invoices = _text(page[page.index('id="invoices-title"') :].split("</section>")[0])
    assert "F-1001 Betalingskenmerk" in invoices and eur("1.000,00") in invoices
    payments = _text(page[page.index('id="payments-title"') :].split("</section>")[0])
    assert f"15 nov. 2026 {eur('400,00')}" in payments


def test_another_organisations_claim_is_not_found(desk, new_browser):
    container, alpha, beta, p, _ = desk
    other = new_browser()
    other.login(beta.owner_email)
    assert other.client.get(f"/t/beta/claims/{p.k1}").status_code == 404
    r = other.post_form(f"/t/beta/claims/{p.k1}/pause", {"reason": "x"})
    assert r.status_code == 404
    with container.uow(tenant_id=alpha.tenant_id) as base:
        assert cuow(base).claims.get(p.k1).status == "open"
    assert other.client.get(f"/t/alpha/claims/{p.k1}").status_code == 404  # not B's org


def _events(container, tenant_id: int, claim_id: int) -> list[str]:
    with container.uow(tenant_id=tenant_id) as uow:
        return [e.type for e in uow.events.for_subject("claim", claim_id)]


def test_pause_with_a_reason_and_an_end_date(desk):
    container, alpha, _, p, b = desk
    page = b.client.get(f"/t/alpha/claims/{p.k1}").text
    assert (
        'hx-confirm="De incasso van vordering 1 pauzeren? Jan de Vries krijgt geen herinneringen '
        'of brieven tot de einddatum, of tot u de incasso hervat."'
    ) in page
    r = b.post_form(
        f"/t/alpha/claims/{p.k1}/pause",
        {"reason": "Belt volgende week terug", "until": "2026-12-20"},
        follow_redirects=False,
    )
    assert (r.status_code, r.headers["location"]) == (303, f"/t/alpha/claims/{p.k1}?done=paused")
    with container.uow(tenant_id=alpha.tenant_id) as base:
        uow = cuow(base)
        state = uow.collection.state(p.k1)
        assert (uow.claims.get(p.k1).status, state.paused_until) == ("paused", date(2026, 12, 20))
        assert state.pause_reason == "Belt volgende week terug"
    page = b.client.get(r.headers["location"]).text
    assert "De incasso is gepauzeerd." in page
    assert "Gepauzeerd tot 20 dec. 2026" in _text(page)
    assert "Belt volgende week terug" in page
    assert "Incasso hervatten" in page and "Incasso pauzeren" not in page


def test_pause_without_a_reason_changes_nothing(desk):
    container, alpha, _, p, b = desk
    before = _events(container, alpha.tenant_id, p.k1)
    r = b.post_form(f"/t/alpha/claims/{p.k1}/pause", {"reason": "  ", "until": ""})
    assert r.status_code == 422
    assert "Geef een reden op: die wordt bij de vordering bewaard." in r.text
    assert '<details class="action" open>' in r.text  # the form stays open, with the error
    assert _events(container, alpha.tenant_id, p.k1) == before
    with container.uow(tenant_id=alpha.tenant_id) as base:
        assert cuow(base).claims.get(p.k1).status == "open"
    r = b.post_form(f"/t/alpha/claims/{p.k1}/pause", {"reason": "x", "until": "2026-12-01"})
    assert r.status_code == 422 and "De einddatum moet na vandaag liggen" in r.text
    assert _events(container, alpha.tenant_id, p.k1) == before


def test_htmx_actions_reload_the_page_or_swap_the_panel(desk):
    container, alpha, _, p, b = desk
    hx = {"HX-Request": "true", "X-CSRF-Token": b.csrf}
    r = b.client.post(
        f"/t/alpha/claims/{p.k1}/promise", data={"promise_date": "2026-11-01"}, headers=hx
    )
    assert r.status_code == 422 and 'id="claim-actions"' in r.text
    assert "Kies de dag waarop de debiteur beloofde te betalen" in r.text
    r = b.client.post(
        f"/t/alpha/claims/{p.k1}/promise", data={"promise_date": "2026-12-10"}, headers=hx
    )
    assert r.status_code == 204
    assert r.headers["HX-Redirect"] == f"/t/alpha/claims/{p.k1}?done=promise"
    with container.uow(tenant_id=alpha.tenant_id) as base:
        state = cuow(base).collection.state(p.k1)
    assert (state.status, state.promise_date) == ("promise", date(2026, 12, 10))


def test_dispute_and_resolve(desk):
    container, alpha, _, p, b = desk
    r = b.post_form(
        f"/t/alpha/claims/{p.k1}/dispute", {"reason": "Factuur klopt niet"}, follow_redirects=False
    )
    assert r.status_code == 303
    page = b.client.get(f"/t/alpha/claims/{p.k1}?done=disputed").text
    assert "De betwisting is vastgelegd." in page and "Betwisting oplossen" in page
    assert "Wacht tot de betwisting is opgelost" in page
    r = b.post_form(f"/t/alpha/claims/{p.k1}/resolve", {"note": "Creditnota gestuurd"})
    assert r.status_code == 200 and "De betwisting is opgelost." in r.text
    assert _events(container, alpha.tenant_id, p.k1)[-2:] == [
        "DisputeRegistered",
        "DisputeResolved",
    ]
    r = b.post_form(f"/t/alpha/claims/{p.k1}/resolve", {"note": ""})
    assert r.status_code == 422 and "Deze vordering heeft geen open betwisting." in r.text


def test_a_viewer_sees_no_actions_and_cannot_post_them(desk, new_browser):
    container, alpha, _, p, _ = desk
    viewer = new_browser()
    viewer.login(alpha.viewer_email)
    page = viewer.client.get(f"/t/alpha/claims/{p.k1}").text
    assert "Your role can look at claims, not change them." in page
    assert "Pause collection" not in page
    assert viewer.post_form(f"/t/alpha/claims/{p.k1}/pause", {"reason": "x"}).status_code == 403
    with container.uow(tenant_id=alpha.tenant_id) as base:
        assert cuow(base).claims.get(p.k1).status == "open"

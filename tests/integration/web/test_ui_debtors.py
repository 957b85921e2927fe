"""The debtors list and a debtor's page: exact rows and amounts, search, the empty states,
every read of personal data in the access log with its purpose, another organisation's
debtor is 404."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.integration.web.test_ui_claims import _rows, _text, eur
from tests.integration.web.ui_portfolio import seed
from vorder.adapters.db import tables as t


def _access(container, tenant_id: int) -> list[tuple[str, int, str, str, str]]:
    a = t.PersonalDataAccess
    with container.uow(tenant_id=tenant_id) as uow:
        rows = uow.session.execute(
            sa.select(a.actor, a.subject_id, a.action, a.purpose, a.subject_type).order_by(a.id)
        )
        return [tuple(r) for r in rows]


def test_list_and_search(container, orgs, new_browser):
    alpha, _ = orgs
    p = seed(container, alpha.tenant_id)
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/debtors").text
    assert _rows(page) == [
        ["Bakkerij De Korenschoof B.V.", "Zakelijk", "Delft", "1", eur("3.670,50")],
        ["Fatima El Amrani", "Consument", "Eindhoven", "1", eur("149,95")],
        ["Installatiebedrijf Jansen", "Zakelijk", "Zwolle", "1", eur("12.450,00")],
        ["Jan de Vries", "Consument", "Utrecht", "1", eur("608,33")],
    ]
    assert f'href="/t/alpha/debtors/{p.jan}"' in page
    found = b.client.get("/t/alpha/debtors?q=3512+AB").text  # a postcode
    assert [r[0] for r in _rows(found)] == ["Jan de Vries"]
    none = b.client.get("/t/alpha/debtors?q=Zzyzx").text
    assert "Geen debiteur gevonden voor “Zzyzx”" in none and "<table" not in none
    # Each listed debtor is in the access log, with the list's purpose.
    me = f"user:{_user_id(container, alpha.owner_email)}"
    listed = [r for r in _access(container, alpha.tenant_id) if r[0] == me and r[2] == "read"]
    assert sorted(r[1] for r in listed[:4]) == sorted([p.jan, p.bakkerij, p.fatima, p.jansen])
    assert {(r[2], r[3], r[4]) for r in listed} == {
        ("read", "find a debtor in the workspace", "debtor")
    }
    assert len(listed) == 5  # four in the list, one found by postcode; none for "Zzyzx"


def _user_id(container, email: str) -> int:
    with container.uow(system=True) as uow:
        return uow.users.by_email(email).id


def test_the_debtor_page_shows_contact_details_and_claims_and_logs_the_read(
    container, orgs, new_browser
):
    alpha, _ = orgs
    p = seed(container, alpha.tenant_id)
    b = new_browser()
    b.login(alpha.owner_email)
    before = len(_access(container, alpha.tenant_id))
    page = b.client.get(f"/t/alpha/debtors/{p.jan}").text
    contact = _text(page[page.index('id="contact-title"') :].split("</section>")[0])
    assert "Adres Kerkstraat 12 3512 AB Utrecht" in contact
    assert "E-mailadres jan@example.nl" in contact
    assert "Telefoon Geen" in contact and "Bankrekening Geen" in contact
    claims = _text(page[page.index('id="claims-title"') :].split("</section>")[0])
    assert f"Vordering {p.k1} Eigen beheer {eur('608,33')} 1 factuur, vervalt 31 aug. 2026" in (
        claims
    )
    head = _text(page[page.index('<header class="claimhead claimhead--debtor">') :])
    assert head.startswith(f"Jan de Vries Consument Openstaand {eur('608,33')} 1 open vordering")
    rows = _access(container, alpha.tenant_id)[before:]
    me = f"user:{_user_id(container, alpha.owner_email)}"
    assert rows == [
        (me, p.jan, "read", "collect the creditor's claims on this debtor (debtor page)", "debtor")
    ]


def test_empty_list_teaches(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/debtors").text
    assert "Nog geen debiteuren" in page
    assert "Debiteuren verschijnen hier zodra u een factuur voor hen invoert." in page


def test_another_organisations_debtor_is_not_found_and_not_logged(container, orgs, new_browser):
    alpha, beta = orgs
    p = seed(container, alpha.tenant_id, run=False)
    before = _access(container, alpha.tenant_id)
    other = new_browser()
    other.login(beta.owner_email)
    assert other.client.get(f"/t/beta/debtors/{p.jan}").status_code == 404
    listing = other.client.get("/t/beta/debtors").text
    assert "Jan de Vries" not in listing
    assert _access(container, alpha.tenant_id) == before
    assert re.search(r"Nog geen debiteuren", listing)

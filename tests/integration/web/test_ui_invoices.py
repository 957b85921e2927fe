"""New invoice: a new debtor or a known one, registered through the ledger; errors shown per
field, in the user's language, and nothing saved; another organisation's debtor cannot be
chosen."""

from __future__ import annotations

import sqlalchemy as sa

from tests.integration.web.test_ui_claims import _text, eur
from tests.integration.web.ui_portfolio import seed
from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db import tables as t

FORM = {
    "kind": "consumer",
    "name": "Sanne Bakker",
    "postcode": "1017 cz",
    "house_number": "263",
    "house_number_addition": "",
    "street": "Prinsengracht",
    "city": "Amsterdam",
    "email": "sanne@example.nl",
    "number": "2026-0300",
    "issue_date": "2026-11-20",
    "due_date": "2026-12-04",
    "total": "1.234,56",
    "vat": "214,26",
}


def _counts(container, tenant_id: int) -> tuple[int, int, int, int]:
    with container.uow(tenant_id=tenant_id) as uow:
        s = uow.session
        return (
            s.scalar(sa.select(sa.func.count()).select_from(lt.Debtor)),
            s.scalar(sa.select(sa.func.count()).select_from(lt.Invoice)),
            s.scalar(sa.select(sa.func.count()).select_from(lt.Claim)),
            s.scalar(sa.select(sa.func.count()).select_from(t.EventRow)),
        )


def test_a_new_debtor_and_invoice_become_a_claim(container, orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/invoices/new").text
    assert 'name="postcode"' in page and 'name="total"' in page and 'name="kind"' in page
    r = b.post_form("/t/alpha/invoices/new", FORM, follow_redirects=False)
    assert r.status_code == 303
    claim_id = int(r.headers["location"].split("/claims/")[1].split("?")[0])
    assert r.headers["location"].endswith("?done=invoice")
    with container.uow(tenant_id=alpha.tenant_id) as uow:
        debtor = uow.debtors.search(q="Sanne", kind=None, sort="name", limit=5, offset=0)[0]
        claim = uow.claims.get(claim_id)
        [invoice] = uow.invoices.for_claim(claim_id)
    assert (debtor.data.postcode, debtor.data.house_number, debtor.data.city) == (
        "1017 CZ",
        "263",
        "Amsterdam",
    )
    assert (claim.kind, claim.principal_cents, claim.debtor_id) == ("consumer", 123456, debtor.id)
    assert (invoice.number, invoice.total_cents, invoice.vat_cents, invoice.source) == (
        "2026-0300",
        123456,
        21426,
        "manual",
    )
    page = b.client.get(r.headers["location"]).text
    assert "De factuur is ingevoerd." in page
    assert f"Vandaag openstaand {eur('1.234,56')}" in _text(page)


def test_an_invoice_for_a_known_debtor(container, orgs, new_browser):
    alpha, _ = orgs
    p = seed(container, alpha.tenant_id, run=False)
    b = new_browser()
    b.login(alpha.owner_email)
    results = b.client.get("/t/alpha/invoices/new/debtors?q=vries").text
    assert f'href="/t/alpha/invoices/new?debtor_id={p.jan}"' in results
    page = b.client.get(f"/t/alpha/invoices/new?debtor_id={p.jan}").text
    assert "Factuur voor <strong>Jan de Vries</strong>" in page
    assert 'name="postcode"' not in page  # no new-debtor fields
    form = {"debtor_id": str(p.jan), "number": "F-2001", "issue_date": "01-11-2026"}
    form |= {"due_date": "", "total": "99,95"}
    before = _counts(container, alpha.tenant_id)
    r = b.post_form("/t/alpha/invoices/new", form, follow_redirects=False)
    assert r.status_code == 303
    # Jan's claim K1 is still in-house and open: the invoice joins it.
    assert r.headers["location"] == f"/t/alpha/claims/{p.k1}?done=invoice"
    with container.uow(tenant_id=alpha.tenant_id) as uow:
        invoice = uow.invoices.by_numbers("invoice", ["F-2001"])["F-2001"]
    assert (invoice.total_cents, invoice.due_date.isoformat()) == (9995, "2026-12-01")  # +30 d
    after = _counts(container, alpha.tenant_id)
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (0, 1, 0)


def test_errors_are_inline_specific_and_nothing_is_saved(container, orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    before = _counts(container, alpha.tenant_id)
    bad = FORM | {"postcode": "12345", "total": "12,345", "issue_date": "", "email": "sanne@"}
    r = b.post_form("/t/alpha/invoices/new", bad)
    assert r.status_code == 422
    page = r.text
    assert "Controleer 4 velden" in page and "Er is nog niets opgeslagen." in page
    assert (
        '<p class="field__error" id="postcode-error">&#39;12345&#39; is geen Nederlandse postcode '
        "(4 cijfers en 2 letters, bijv. 1234 AB).</p>"
    ) in page
    assert 'id="email-error">&#39;sanne@&#39; is geen e-mailadres.</p>' in page
    assert 'id="issue_date-error">Een waarde is verplicht.</p>' in page
    assert "is geen bedrag met hoogstens twee decimalen" in page
    assert 'id="f-postcode" name="postcode" type="text" class="field__input" value="12345"' in page
    assert 'aria-invalid="true" aria-describedby="postcode-error"' in page
    assert _counts(container, alpha.tenant_id) == before


def test_errors_in_english_for_an_english_user(container, orgs, new_browser):
    from vorder.app import admin

    alpha, _ = orgs
    with container.uow(system=True) as uow:
        user_id = uow.users.by_email(alpha.owner_email).id
    admin.set_user_language(container.uow, user_id=user_id, language="en")
    b = new_browser()
    b.login(alpha.owner_email)
    before = _counts(container, alpha.tenant_id)
    r = b.post_form(
        "/t/alpha/invoices/new",
        FORM | {"due_date": "2026-11-01", "total": "1,234.56", "house_number": ""},
    )
    assert r.status_code == 422
    assert "Please check 2 fields" in r.text
    assert "The due date 2026-11-01 is before the issue date 2026-11-20." in r.text
    assert 'id="house_number-error">A value is required.</p>' in r.text
    assert _counts(container, alpha.tenant_id) == before


def test_a_number_that_exists_saves_no_debtor(container, orgs, new_browser):
    alpha, _ = orgs
    seed(container, alpha.tenant_id, run=False)
    b = new_browser()
    b.login(alpha.owner_email)
    before = _counts(container, alpha.tenant_id)
    r = b.post_form("/t/alpha/invoices/new", FORM | {"number": "F-1001"})
    assert r.status_code == 422
    assert "Factuurnummer F-1001 is al ingevoerd; geef deze factuur een eigen nummer." in r.text
    assert _counts(container, alpha.tenant_id) == before


def test_another_organisations_debtor_cannot_be_chosen(container, orgs, new_browser):
    alpha, beta = orgs
    p = seed(container, alpha.tenant_id, run=False)
    b = new_browser()
    b.login(beta.owner_email)
    page = b.client.get(f"/t/beta/invoices/new?debtor_id={p.jan}").text
    assert "Jan de Vries" not in page and 'name="postcode"' in page
    before = _counts(container, alpha.tenant_id), _counts(container, beta.tenant_id)
    form = {"debtor_id": str(p.jan), "number": "X-1", "issue_date": "2026-11-01", "total": "10"}
    r = b.post_form("/t/beta/invoices/new", form)
    assert r.status_code == 422
    assert "Kies de debiteur opnieuw uit de zoekresultaten." in r.text
    assert (_counts(container, alpha.tenant_id), _counts(container, beta.tenant_id)) == before


def test_a_viewer_cannot_enter_invoices(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.viewer_email)
    assert b.client.get("/t/alpha/invoices/new").status_code == 403
    assert b.post_form("/t/alpha/invoices/new", FORM).status_code == 403

"""Import a file: a good CSV is imported (summary with exact counts); a file with errors is
not imported at all and every error is listed with its line, field and reason in the user's
language; "the valid rows only" imports the rest; the same file twice adds nothing; another
organisation's import is 404."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.integration.web.test_ui_claims import _text
from vorder.adapters.db import ledger_tables as lt

HEADER = "factuurnummer;factuurdatum;vervaldatum;totaal;naam;postcode;huisnummer;plaats;straat\n"
GOOD = (
    HEADER
    + "IMP-1;2026-10-01;2026-10-31;121,00;Imke Import;1234 AB;7;Delft;Markt\n"
    + "IMP-2;2026-10-05;2026-11-04;250,00;Bram Bulk;2611 GP;3;Delft;Oude Delft\n"
)
BAD = (
    HEADER
    + "IMP-1;2026-10-01;2026-10-31;121,00;Imke Import;1234 AB;7;Delft;Markt\n"
    + "IMP-3;2026-10-05;2026-11-04;12,345;Bram Bulk;2611 GP;3;Delft;Oude Delft\n"
    + "IMP-4;2026-10-05;2026-11-04;80,00;Cor Fout;12345;9;Delft;Markt\n"
)


def _upload(b, name: str, text: str, **fields: str):
    return b.client.post(
        "/t/alpha/imports",
        files={"file": (name, text.encode(), "text/csv")},
        data={"csrf_token": b.csrf, **fields},
        follow_redirects=False,
    )


def _invoices(container, tenant_id: int) -> list[str]:
    with container.uow(tenant_id=tenant_id) as uow:
        return list(uow.session.scalars(sa.select(lt.Invoice.number).order_by(lt.Invoice.number)))


def _counts(page: str) -> dict[str, str]:
    return dict(
        re.findall(r"<dt>([^<]+)</dt><dd class=\"amount\">(\d+)</dd>", page.replace("\n", ""))
    )


def test_a_good_file_is_imported_with_its_summary(container, orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/imports").text
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page
    assert "Nog geen bestanden ingelezen." in page
    r = _upload(b, "facturen.csv", GOOD)
    assert r.status_code == 303 and r.headers["location"].endswith("?new=1")
    report = b.client.get(r.headers["location"]).text
    assert "Het bestand is ingelezen." in report
    assert _counts(report) == {
        "Regels in het bestand": "2",
        "Facturen aangemaakt": "2",
        "Creditnota's aangemaakt": "0",
        "Nieuwe debiteuren": "2",
        "Nieuwe vorderingen": "2",
        "Overgeslagen: stond er al": "0",
        "Regels met fouten": "0",
    }
    assert _invoices(container, alpha.tenant_id) == ["IMP-1", "IMP-2"]
    index = b.client.get("/t/alpha/imports").text
    assert "facturen.csv" in index and "Ingelezen" in index
    again = _upload(b, "facturen.csv", GOOD)
    assert again.status_code == 200
    assert "“facturen.csv” is eerder ingelezen" in again.text
    assert _invoices(container, alpha.tenant_id) == ["IMP-1", "IMP-2"]


def test_a_file_with_errors_is_not_imported_and_every_error_is_listed(container, orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    r = _upload(b, "fouten.csv", BAD)
    assert r.status_code == 422
    page = r.text
    assert "“fouten.csv” is niet ingelezen" in page
    assert "Vorder vond 2 fouten. Er is niets opgeslagen" in page
    table = page[page.index('<table class="table table--stack problems">') :]
    table = table[: table.index("</table>")]
    rows = [
        [_text(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)]
        for tr in re.findall(r"<tr class=\"problems__row[^\"]*\">(.*?)</tr>", table, flags=re.S)
    ]
    assert rows == [
        [
            "3",
            "totaal",
            "'12,345' is geen bedrag met hoogstens twee decimalen (bijv. 1234.56 of 1.234,56)",
        ],
        ["4", "postcode", "'12345' is geen Nederlandse postcode (4 cijfers en 2 letters, bijv. "
         "1234 AB)"],
    ]  # fmt: skip
    assert _invoices(container, alpha.tenant_id) == []
    # The valid rows only, after a confirmation that names what is skipped.
    assert (
        'hx-confirm="Alleen de goede regels (1) inlezen? De regels met fouten (2) worden '
        'overgeslagen en niet bewaard; u kunt ze later uit een verbeterd bestand inlezen."'
    ) in page
    assert '<input type="hidden" name="partial" value="1">' in page
    r = _upload(b, "fouten.csv", BAD, partial="1")
    assert r.status_code == 303
    report = b.client.get(r.headers["location"]).text
    assert "De goede regels zijn ingelezen." in report
    assert _counts(report)["Facturen aangemaakt"] == "1"
    assert _counts(report)["Regels met fouten"] == "2"
    assert "Overgeslagen regels" in report and "geen Nederlandse postcode" in report
    assert _invoices(container, alpha.tenant_id) == ["IMP-1"]


def test_errors_in_english_and_an_empty_upload(container, orgs, new_browser):
    from vorder.app import admin

    alpha, _ = orgs
    with container.uow(system=True) as uow:
        user_id = uow.users.by_email(alpha.owner_email).id
    admin.set_user_language(container.uow, user_id=user_id, language="en")
    b = new_browser()
    b.login(alpha.owner_email)
    r = _upload(b, "errors.csv", BAD)
    assert r.status_code == 422
    assert "'12345' is not a Dutch postcode (4 digits and 2 letters, e.g. 1234 AB)" in _text(r.text)
    r = b.client.post(
        "/t/alpha/imports", data={"csrf_token": b.csrf}, files={"file": ("", b"", "text/csv")}
    )
    assert r.status_code == 422 and "Choose a file first, or drag it onto the field." in r.text
    assert _invoices(container, alpha.tenant_id) == []


def test_another_organisations_import_is_not_found(container, orgs, new_browser):
    alpha, beta = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    r = _upload(b, "facturen.csv", GOOD)
    import_id = int(r.headers["location"].split("/imports/")[1].split("?")[0])
    other = new_browser()
    other.login(beta.owner_email)
    assert other.client.get(f"/t/beta/imports/{import_id}").status_code == 404
    assert "facturen.csv" not in other.client.get("/t/beta/imports").text
    viewer = new_browser()
    viewer.login(alpha.viewer_email)
    assert viewer.client.get("/t/alpha/imports").status_code == 403
    assert viewer.client.get(f"/t/alpha/imports/{import_id}").status_code == 200

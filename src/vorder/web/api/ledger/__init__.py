"""The claims ledger's REST API: debtors, invoices, claims, payments and imports.

``router`` holds all five; the app includes it once. Every POST honours ``Idempotency-Key``;
money is a decimal string; an id of another organisation is 404.
"""

from __future__ import annotations

from fastapi import APIRouter

from vorder.web.api.ledger import claims, debtors, imports, invoices, payments

router = APIRouter()
for _module in (debtors, invoices, claims, payments, imports):
    router.include_router(_module.router)

__all__ = ["router"]

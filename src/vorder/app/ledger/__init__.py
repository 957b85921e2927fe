"""The claims ledger's use cases: debtors, invoices and credit notes, claims, payments,
bulk intake and the statement of account (docs/ledger.md).

Modules: ``debtors``, ``invoices``, ``claims``, ``payments``, ``imports``, ``idempotency``,
``seed``. Each use case is one keyword-only function taking the acting party and ``now``.
"""

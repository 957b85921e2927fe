"""Read use cases behind the workspace pages (overview, claims, claim, debtors, new invoice).

Each page's route makes one call here; these functions compose the ledger's and the
collection's repositories and use cases through the unit of work and return plain frozen
records the templates show. Amounts stay integer cents (or the law engine's ``Decimal``);
nothing here decides anything the ledger or the strategy engine decides.
"""

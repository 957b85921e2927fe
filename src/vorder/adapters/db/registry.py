"""Imports every table module so that ``Base.metadata`` holds the whole schema."""

from __future__ import annotations

from vorder.adapters.db import (  # noqa: F401 - imported for their tables and repositories
    collection_repos,
    collection_tables,
    ledger_repos,
    ledger_tables,
    outbox_repo,
    tables,
)
from vorder.adapters.db.base import Base

metadata = Base.metadata

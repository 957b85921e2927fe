"""Imports every table module so that ``Base.metadata`` holds the whole schema."""

from __future__ import annotations

from vorder.adapters.db import collection_repos, collection_tables  # noqa: F401
from vorder.adapters.db import ledger_repos, ledger_tables, outbox_repo, tables  # noqa: F401
from vorder.adapters.db.base import Base

metadata = Base.metadata

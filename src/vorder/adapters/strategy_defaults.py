"""The shipped default strategies (``vorder/core/strategy/defaults/*.yaml``), read as package
data through :mod:`importlib.resources`, parsed to plain documents (YAML is data only)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

PACKAGE = "vorder.core.strategy"
FOLDER = "defaults"


@lru_cache(maxsize=1)
def _documents() -> tuple[dict[str, Any], ...]:
    folder = resources.files(PACKAGE).joinpath(FOLDER)
    found = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            data = yaml.safe_load(item.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                found.append(data)
    return tuple(found)


class PackagedDefaults:
    """:class:`~vorder.app.collection.ports.DefaultStrategies` from the package's files."""

    def documents(self) -> list[dict[str, Any]]:
        import copy

        return [copy.deepcopy(d) for d in _documents()]

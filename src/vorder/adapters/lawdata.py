"""Reads (and for operators, extends) the law engine's data files.

Package data: ``vorder/core/law/data/*.csv`` (read with :mod:`importlib.resources`). Operator
overlay: ``<data_dir>/rates_<kind>.csv`` in the same format, holding official rows an operator
added with ``vorder law rates add`` (law-nl.md section 2: new rows without a code change). The
data directory is an argument (default ``./var/law``); the overlay's rows win on equal dates
and its ``valid_through`` extends the package table's.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from importlib import resources
from pathlib import Path

from vorder.core.law.court import CourtFeeTable, parse_court_fee_table
from vorder.core.law.tables import (
    RateKind,
    RateRow,
    RateTable,
    RateTableFormatError,
    StatutoryRates,
    format_rate_table,
    parse_rate_table,
)

DEFAULT_DATA_DIR = Path("var/law")
DATA_PACKAGE = "vorder.core.law.data"
COURT_FEES_FILE = "court_fees_kanton.csv"


def _package_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def rate_file_name(kind: RateKind) -> str:
    return f"rates_{kind.value}.csv"


def overlay_path(kind: RateKind, data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    return data_dir / rate_file_name(kind)


def load_package_rate_table(kind: RateKind) -> RateTable:
    """The rate table shipped with Vorder (no operator rows)."""
    name = rate_file_name(kind)
    table = parse_rate_table(_package_text(name), origin=f"package {name}")
    if table.kind is not kind:
        raise RateTableFormatError(f"package {name} declares kind {table.kind}")
    return table


def load_overlay(kind: RateKind, data_dir: Path = DEFAULT_DATA_DIR) -> RateTable | None:
    """The operator's overlay table of ``kind``, or ``None`` when there is no overlay file."""
    path = overlay_path(kind, data_dir)
    if not path.is_file():
        return None
    table = parse_rate_table(path.read_text(encoding="utf-8"), origin=str(path))
    if table.kind is not kind:
        raise RateTableFormatError(f"{path} declares kind {table.kind}, expected {kind}")
    return table


def load_rate_table(kind: RateKind, data_dir: Path = DEFAULT_DATA_DIR) -> RateTable:
    """The package table of ``kind`` with the operator's overlay rows merged on top."""
    table = load_package_rate_table(kind)
    overlay = load_overlay(kind, data_dir)
    return table if overlay is None else table.merged(overlay)


def load_rate_tables(data_dir: Path = DEFAULT_DATA_DIR) -> StatutoryRates:
    """Both statutory tables with the operator's overlays merged."""
    return StatutoryRates(
        consumer=load_rate_table(RateKind.CONSUMER, data_dir),
        commercial=load_rate_table(RateKind.COMMERCIAL, data_dir),
    )


def add_rate_row(
    kind: RateKind,
    row: RateRow,
    *,
    valid_through: date | None = None,
    replace: bool = False,
    data_dir: Path = DEFAULT_DATA_DIR,
) -> RateTable:
    """Add an official row to the operator overlay of ``kind``; return the merged table.

    The row is checked against the merged table (no duplicate date unless ``replace``, no gap
    after ``valid_through``) before anything is written; the overlay file is replaced
    atomically, so a failed add leaves it unchanged.
    """
    merged = load_rate_table(kind, data_dir).with_row(
        row, valid_through=valid_through, replace=replace
    )
    overlay = load_overlay(kind, data_dir)
    overlay_rows = {r.start: r for r in overlay.rows} if overlay else {}
    overlay_rows[row.start] = row
    new_overlay = RateTable(
        kind=kind,
        rows=tuple(overlay_rows[d] for d in sorted(overlay_rows)),
        valid_through=merged.valid_through,
        title=f"Operator rows for the {kind} table (added with vorder law rates add)",
    )
    _write_atomic(overlay_path(kind, data_dir), format_rate_table(new_overlay))
    return merged


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_court_fees() -> CourtFeeTable:
    """The kanton court fee table shipped with Vorder (Wet griffierechten burgerlijke zaken)."""
    return parse_court_fee_table(_package_text(COURT_FEES_FILE), origin=COURT_FEES_FILE)


_CACHE: dict[Path, tuple[tuple[float | None, ...], StatutoryRates]] = {}


def _stamp(data_dir: Path) -> tuple[float | None, ...]:
    stamps: list[float | None] = []
    for kind in RateKind:
        path = overlay_path(kind, data_dir)
        stamps.append(path.stat().st_mtime if path.is_file() else None)
    return tuple(stamps)


def cached_rate_tables(data_dir: Path = DEFAULT_DATA_DIR) -> StatutoryRates:
    """:func:`load_rate_tables`, re-read only when an overlay file changed (for servers)."""
    key = data_dir.resolve()
    stamp = _stamp(data_dir)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    tables = load_rate_tables(data_dir)
    _CACHE[key] = (stamp, tables)
    return tables

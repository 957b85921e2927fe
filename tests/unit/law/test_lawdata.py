"""The lawdata adapter: package tables, the operator overlay in a data directory."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from vorder.adapters import lawdata
from vorder.core.law.interest import compute_interest
from vorder.core.law.tables import DuplicateRateRow, RateKind, RateRow, RateTableFormatError

D = date.fromisoformat


def test_without_overlay_the_package_table(tmp_path: Path) -> None:
    table = lawdata.load_rate_table(RateKind.CONSUMER, tmp_path)
    assert table == lawdata.load_package_rate_table(RateKind.CONSUMER)
    assert not list(tmp_path.iterdir())


def test_adding_a_row_writes_the_overlay_and_extends_the_table(tmp_path: Path) -> None:
    row = RateRow(D("2026-07-01"), Decimal("0.035"), "Stb. 2026, 123")
    merged = lawdata.add_rate_row(RateKind.CONSUMER, row, data_dir=tmp_path)
    assert merged.valid_through == D("2026-12-31")
    overlay = lawdata.load_overlay(RateKind.CONSUMER, tmp_path)
    assert overlay is not None and overlay.rows == (row,)
    table = lawdata.load_rate_table(RateKind.CONSUMER, tmp_path)
    result = compute_interest(
        Decimal("1000.00"), due=D("2026-06-30"), until=D("2026-07-31"), rates=table
    )
    assert result.interest == Decimal("2.97") and not result.provisional
    # the commercial table is untouched
    assert lawdata.load_overlay(RateKind.COMMERCIAL, tmp_path) is None


def test_a_failed_add_leaves_the_overlay_unchanged(tmp_path: Path) -> None:
    row = RateRow(D("2026-01-01"), Decimal("0.05"), "Stb. x")
    with pytest.raises(DuplicateRateRow):
        lawdata.add_rate_row(RateKind.CONSUMER, row, data_dir=tmp_path)
    assert not lawdata.overlay_path(RateKind.CONSUMER, tmp_path).exists()


def test_an_overlay_of_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    lawdata.overlay_path(RateKind.CONSUMER, tmp_path).write_text(
        "# kind: commercial\n# valid_through: 2026-12-31\nfrom,rate,source,note\n"
        "2026-07-01,0.1,src,\n"
    )
    with pytest.raises(RateTableFormatError, match="expected consumer"):
        lawdata.load_rate_table(RateKind.CONSUMER, tmp_path)


def test_cached_tables_see_a_new_overlay(tmp_path: Path) -> None:
    first = lawdata.cached_rate_tables(tmp_path)
    assert lawdata.cached_rate_tables(tmp_path) is first
    lawdata.add_rate_row(
        RateKind.COMMERCIAL,
        RateRow(D("2026-07-01"), Decimal("0.1"), "ECB 2.00% + 8"),
        data_dir=tmp_path,
    )
    assert lawdata.cached_rate_tables(tmp_path).commercial.valid_through == D("2026-12-31")

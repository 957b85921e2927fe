"""Rate tables as data: parsing, sources, effective changes, adding rows, overlay merge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vorder.core.law.tables import (
    DuplicateRateRow,
    RateKind,
    RateRow,
    RateTable,
    RateTableFormatError,
    RateTableGap,
    format_rate_table,
    parse_rate_table,
)

D = date.fromisoformat
TEXT = """# kind: consumer
# valid_through: 2026-06-30
# title: Test table
# a comment: with a colon and spaces is just a comment
from,rate,source,note
2025-01-01,0.06,"Stb. 2024, 1",
2025-07-01,0.06,"Stb. 2025, 2",same rate
2026-01-01,0.04,"Stb. 2025, 3",
"""


def test_parse_keeps_every_row_with_its_source() -> None:
    table = parse_rate_table(TEXT)
    assert table.kind is RateKind.CONSUMER
    assert table.valid_through == D("2026-06-30")
    assert table.title == "Test table"
    assert [(r.start, r.rate, r.source, r.note) for r in table.rows] == [
        (D("2025-01-01"), Decimal("0.06"), "Stb. 2024, 1", ""),
        (D("2025-07-01"), Decimal("0.06"), "Stb. 2025, 2", "same rate"),
        (D("2026-01-01"), Decimal("0.04"), "Stb. 2025, 3", ""),
    ]
    # the unchanged July row is not an effective change
    assert table.change_rates == (Decimal("0.06"), Decimal("0.04"))
    assert table.rate_on(D("2025-12-31")) == Decimal("0.06")
    assert table.row_on(D("2025-08-01")).source == "Stb. 2025, 2"


def test_format_round_trips() -> None:
    table = parse_rate_table(TEXT)
    assert parse_rate_table(format_rate_table(table)) == table


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TEXT.replace("# kind: consumer\n", ""), "missing '# kind"),
        (TEXT.replace("# valid_through: 2026-06-30\n", ""), "missing '# valid_through"),
        (TEXT.replace("kind: consumer", "kind: other"), "unknown kind"),
        (TEXT.replace("from,rate,source,note", "from,rate"), "header"),
        (TEXT.replace('"Stb. 2024, 1"', '""'), "source column is empty"),
        (TEXT.replace("0.04", "4"), "between 0 and 1"),
        (TEXT.replace("0.04", "four"), "not a decimal rate"),
        (TEXT.replace("2026-01-01", "2026-13-01"), "not an ISO date"),
        (TEXT.replace("2026-01-01", "2025-07-01"), "same date"),
        (
            TEXT.replace("valid_through: 2026-06-30", "valid_through: 2020-01-01"),
            "before the first",
        ),
    ],
)
def test_malformed_tables_are_named_errors(text: str, message: str) -> None:
    with pytest.raises(RateTableFormatError, match=message):
        parse_rate_table(text)


def test_the_shipped_tables_name_a_source_on_every_row(
    consumer: RateTable, commercial: RateTable
) -> None:
    for table in (consumer, commercial):
        assert table.valid_through == D("2026-06-30")
        assert all(row.source for row in table.rows)
    assert consumer.first_day == D("1998-01-01") and len(consumer.rows) == 18
    assert commercial.first_day == D("2002-08-08") and len(commercial.rows) == 31
    assert commercial.rate_on(D("2013-03-15")) == Decimal("0.0775")
    assert commercial.rate_on(D("2013-03-16")) == Decimal("0.0875")


def test_with_row_extends_valid_through_to_the_half_year() -> None:
    table = parse_rate_table(TEXT)
    added = table.with_row(RateRow(D("2026-07-01"), Decimal("0.035"), "Stb. 2026, 123"))
    assert added.valid_through == D("2026-12-31")
    assert added.rate_on(D("2026-07-01")) == Decimal("0.035")
    assert table.valid_through == D("2026-06-30")  # immutable


def test_with_row_explicit_valid_through_duplicate_and_gap() -> None:
    table = parse_rate_table(TEXT)
    row = RateRow(D("2026-07-01"), Decimal("0.035"), "Stb. 2026, 123")
    assert table.with_row(row, valid_through=D("2026-09-30")).valid_through == D("2026-09-30")
    with pytest.raises(DuplicateRateRow):
        table.with_row(RateRow(D("2026-01-01"), Decimal("0.05"), "Stb. x"))
    fixed = table.with_row(RateRow(D("2026-01-01"), Decimal("0.05"), "Stb. x"), replace=True)
    assert fixed.rate_on(D("2026-02-01")) == Decimal("0.05")
    with pytest.raises(RateTableGap):
        table.with_row(RateRow(D("2027-01-01"), Decimal("0.03"), "Stb. y"))
    with pytest.raises(RateTableGap):
        table.with_row(row, valid_through=D("2026-06-30"))


def test_merge_overlay_wins_and_extends() -> None:
    base = parse_rate_table(TEXT)
    overlay = RateTable(
        kind=RateKind.CONSUMER,
        rows=(RateRow(D("2026-07-01"), Decimal("0.03"), "Stb. 2026, 9"),),
        valid_through=D("2026-12-31"),
    )
    merged = base.merged(overlay)
    assert merged.valid_through == D("2026-12-31")
    assert [r.start for r in merged.rows][-1] == D("2026-07-01")
    commercial = RateTable(
        kind=RateKind.COMMERCIAL, rows=overlay.rows, valid_through=D("2026-12-31")
    )
    with pytest.raises(RateTableFormatError):
        base.merged(commercial)

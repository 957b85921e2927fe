"""Statutory interest rate tables: typed rows with their source, parsed from text.

Basis: art. 6:119 BW (non-commercial rate, set by AMvB) and art. 6:119a/6:119b BW (commercial
rate: ECB main refinancing rate + 8 pp, + 7 pp before 16 March 2013). The rows live in data
files (``vorder/core/law/data/rates_*.csv``); reading files is the adapter's job
(``vorder.adapters.lawdata``) -- this module only turns text into :class:`RateTable` objects.

File format (UTF-8)::

    # kind: consumer
    # valid_through: 2026-06-30
    # title: Wettelijke rente (art. 6:119 BW)
    from,rate,source,note
    2024-01-01,0.07,"Besluit ...",

``# key: value`` lines before the header are metadata (``kind`` and ``valid_through`` are
required); other ``#`` lines are comments. ``rate`` is a yearly decimal fraction. Every row must
name its source.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from vorder.core.errors import Conflict, DomainError
from vorder.core.law.checks import InvalidRate, require_rate
from vorder.core.periods import Period

COLUMNS = ("from", "rate", "source", "note")
ONE_DAY = timedelta(days=1)


class RateKind(StrEnum):
    """Which statutory rate applies: consumer / non-commercial or commercial."""

    CONSUMER = "consumer"
    COMMERCIAL = "commercial"

    @property
    def basis(self) -> str:
        if self is RateKind.CONSUMER:
            return "art. 6:119 BW"
        return "art. 6:119a BW (6:119b for a public authority)"


class RateTableFormatError(DomainError):
    """A rate data file (package or operator overlay) cannot be read as a rate table."""

    code = "rate_table_format"


class DateBeforeRates(DomainError):
    """A period starts before the first row of the rate table: there is no rate to use."""

    code = "date_before_rates"


class RatesNotKnown(DomainError):
    """A period runs past the table's ``valid_through`` and no provisional result was asked."""

    code = "rates_not_known"

    def __init__(self, message: str, *, missing: Period, field: str | None = "until") -> None:
        super().__init__(message, field=field)
        self.missing = missing


class RateTableGap(DomainError):
    """A new row would start after the known end of the table, leaving days without a rate."""

    code = "rate_table_gap"


class DuplicateRateRow(Conflict):
    """A new row has the same start date as an existing row (use replace to correct it)."""

    code = "duplicate_rate_row"


@dataclass(frozen=True, slots=True)
class RateRow:
    """One table row: ``rate`` applies from ``start`` until the next row's start."""

    start: date
    rate: Decimal
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RateTable:
    """An ordered rate table of one kind, complete through ``valid_through`` (inclusive).

    ``change_ordinals``/``change_rates`` hold the *effective* changes: a row with the same rate
    as the row before does not start a new segment (law-nl.md section 1). ``basis`` is
    ``kind.basis``, kept like the schedule so the engine reads it once per claim cheaply (the
    same attribute as :attr:`FixedRate.basis`).
    """

    kind: RateKind
    rows: tuple[RateRow, ...]
    valid_through: date
    title: str = ""
    change_ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)
    change_rates: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)
    known_end: int = field(init=False, repr=False, compare=False)
    basis: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.rows:
            raise RateTableFormatError(f"the {self.kind} rate table has no rows")
        starts = [r.start for r in self.rows]
        if starts != sorted(set(starts)):
            raise RateTableFormatError(f"the {self.kind} rate rows must be sorted and unique")
        for row in self.rows:
            require_rate(row.rate, "rate")
            if not row.source.strip():
                raise RateTableFormatError(f"rate row {row.start.isoformat()} names no source")
        if self.valid_through < self.rows[0].start:
            raise RateTableFormatError("valid_through lies before the first rate row")
        ordinals: list[int] = []
        rates: list[Decimal] = []
        for row in self.rows:
            if rates and rates[-1] == row.rate:
                continue
            ordinals.append(row.start.toordinal())
            rates.append(row.rate)
        object.__setattr__(self, "change_ordinals", tuple(ordinals))
        object.__setattr__(self, "change_rates", tuple(rates))
        # ordinal of the first day whose rate is not known (valid_through + 1 day)
        object.__setattr__(self, "known_end", self.valid_through.toordinal() + 1)
        object.__setattr__(self, "basis", self.kind.basis)

    @property
    def first_day(self) -> date:
        return self.rows[0].start

    def row_on(self, day: date) -> RateRow:
        """The row in force on ``day`` (ignores ``valid_through``; see :meth:`check_period`)."""
        if day < self.first_day:
            raise DateBeforeRates(
                f"no {self.kind} rate before {self.first_day.isoformat()} "
                f"(asked for {day.isoformat()})",
                field="due",
            )
        index = bisect_right([r.start for r in self.rows], day) - 1
        return self.rows[index]

    def rate_on(self, day: date) -> Decimal:
        """The rate in force on ``day`` under :attr:`kind`'s basis (6:119 or 6:119a BW)."""
        return self.row_on(day).rate

    def check_period(self, period: Period, *, provisional: bool) -> Period | None:
        """Check the table covers ``period``; return the part beyond ``valid_through``.

        Raises :class:`DateBeforeRates` when the period starts before the first row and
        :class:`RatesNotKnown` when it runs past ``valid_through`` unless ``provisional``; then
        the missing period is returned so the result can name it (law-nl.md section 2).
        """
        if period.is_empty:
            return None
        return self.check_range(period.start, period.end, provisional=provisional)

    def check_range(self, start: date, end: date, *, provisional: bool) -> Period | None:
        """:meth:`check_period` for the non-empty half-open range ``[start, end)``."""
        if start < self.rows[0].start:
            self.row_on(start)
        if end <= self.valid_through:
            return None
        known_end = self.valid_through + ONE_DAY
        if end <= known_end:
            return None
        missing = Period(max(start, known_end), end)
        if not provisional:
            raise RatesNotKnown(
                f"the {self.kind} rates ({self.kind.basis}) are known through "
                f"{self.valid_through.isoformat()}; {missing} is not covered: add the official "
                "rows (vorder law rates add) or ask for a provisional result",
                missing=missing,
            )
        return missing

    def with_row(
        self, row: RateRow, *, valid_through: date | None = None, replace: bool = False
    ) -> RateTable:
        """A new table with ``row`` added (an operator adding an official row, law-nl.md s. 2).

        Without ``valid_through`` the table becomes known through the end of the half year in
        which the row starts (rates are fixed per 1 January and 1 July), never shorter than
        before. A row on an existing start date raises :class:`DuplicateRateRow` unless
        ``replace``.
        """
        existing = {r.start: r for r in self.rows}
        if row.start in existing and not replace:
            raise DuplicateRateRow(
                f"the {self.kind} table already has a row from {row.start.isoformat()} "
                f"({existing[row.start].rate}); use replace to correct it",
                field="from",
            )
        if row.start > self.valid_through + ONE_DAY:
            raise RateTableGap(
                f"the {self.kind} table is known through {self.valid_through.isoformat()}; a row "
                f"from {row.start.isoformat()} would leave the days between unknown: add the "
                "missing rows first",
                field="from",
            )
        if valid_through is not None and valid_through < row.start:
            raise RateTableGap(
                f"valid_through {valid_through.isoformat()} lies before the new row's start",
                field="valid_through",
            )
        existing[row.start] = row
        if valid_through is None:
            through = max(half_year_end(row.start), self.valid_through)
        else:
            through = valid_through
        return RateTable(
            kind=self.kind,
            rows=tuple(existing[d] for d in sorted(existing)),
            valid_through=through,
            title=self.title,
        )

    def merged(self, overlay: RateTable) -> RateTable:
        """This table with an operator overlay's rows on top (overlay wins on equal dates).

        The result is known through the later of the two ``valid_through`` dates.
        """
        if overlay.kind is not self.kind:
            raise RateTableFormatError(
                f"overlay of kind {overlay.kind} cannot extend a {self.kind} table"
            )
        rows = {r.start: r for r in self.rows}
        rows.update({r.start: r for r in overlay.rows})
        return RateTable(
            kind=self.kind,
            rows=tuple(rows[d] for d in sorted(rows)),
            valid_through=max(self.valid_through, overlay.valid_through),
            title=self.title or overlay.title,
        )


@dataclass(frozen=True, slots=True)
class StatutoryRates:
    """Both statutory tables: 6:119 (consumer / non-commercial) and 6:119a/b (commercial)."""

    consumer: RateTable
    commercial: RateTable

    def for_kind(self, kind: RateKind) -> RateTable:
        return self.consumer if kind is RateKind.CONSUMER else self.commercial


def half_year_end(day: date) -> date:
    """The last day of the half year (Jan-Jun or Jul-Dec) containing ``day``.

    Basis: art. 6:120 BW -- the statutory rates are reviewed per 1 January and 1 July.
    """
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def _parse_date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise RateTableFormatError(f"{where}: '{text}' is not an ISO date") from None


def _parse_rate(text: str, where: str) -> Decimal:
    try:
        rate = Decimal(text.strip())
    except InvalidOperation:
        raise RateTableFormatError(f"{where}: '{text}' is not a decimal rate") from None
    try:
        return require_rate(rate)
    except InvalidRate as exc:
        raise RateTableFormatError(f"{where}: {exc.message}") from None


def parse_rate_table(text: str, *, origin: str = "rate table") -> RateTable:
    """Build a :class:`RateTable` from the text of a rate data file (pure; no file access).

    Basis: the rows are the rates of art. 6:119 / 6:119a BW set under art. 6:120 BW.
    """
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            key, sep, value = stripped.lstrip("#").partition(":")
            if sep and key.strip().replace("_", "").isalpha():
                meta[key.strip().lower()] = value.strip()
        elif stripped:
            body.append(line)
    for required in ("kind", "valid_through"):
        if required not in meta:
            raise RateTableFormatError(f"{origin}: missing '# {required}: ...' header line")
    try:
        kind = RateKind(meta["kind"])
    except ValueError:
        raise RateTableFormatError(f"{origin}: unknown kind '{meta['kind']}'") from None
    valid_through = _parse_date(meta["valid_through"], f"{origin} valid_through")
    reader = csv.reader(io.StringIO("\n".join(body)))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise RateTableFormatError(f"{origin}: the header must be '{','.join(COLUMNS)}'")
    rows: list[RateRow] = []
    for index, cells in enumerate(reader, start=1):
        where = f"{origin} row {index}"
        if len(cells) != len(COLUMNS):
            raise RateTableFormatError(f"{where}: expected {len(COLUMNS)} columns")
        start = _parse_date(cells[0], where)
        rate = _parse_rate(cells[1], where)
        if not cells[2].strip():
            raise RateTableFormatError(f"{where}: the source column is empty")
        rows.append(RateRow(start, rate, cells[2].strip(), cells[3].strip()))
    rows.sort(key=lambda r: r.start)
    if len({r.start for r in rows}) != len(rows):
        raise RateTableFormatError(f"{origin}: two rows start on the same date")
    title = meta.get("title", "")
    return RateTable(kind=kind, rows=tuple(rows), valid_through=valid_through, title=title)


def format_rate_table(table: RateTable) -> str:
    """The text of a rate data file for ``table`` (inverse of :func:`parse_rate_table`).

    Basis: as :func:`parse_rate_table` (art. 6:119 / 6:119a / 6:120 BW).
    """
    out = io.StringIO()
    out.write(f"# kind: {table.kind}\n")
    out.write(f"# valid_through: {table.valid_through.isoformat()}\n")
    if table.title:
        out.write(f"# title: {table.title}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in table.rows:
        writer.writerow([row.start.isoformat(), str(row.rate), row.source, row.note])
    return out.getvalue()

"""Judicial phase: kanton competence and kanton court fees (griffierecht).

Basis: art. 93 Rv (kantonrechter: money claims up to 25,000 incl. interest and costs at the date
of the summons, and consumer-credit, consumer-sale, rent and labour cases of any value) and the
Wet griffierechten burgerlijke zaken (fees per claim value band and litigant). The fee table is
a data file (``data/court_fees_kanton.csv``) read by the adapter; a year that is not in the
table is an error, never a guess (law-nl.md section 7).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from vorder.core.errors import DomainError
from vorder.core.law.checks import require_non_negative

KANTON_LIMIT = Decimal("25000.00")
FEE_COLUMNS = ("year", "up_to", "legal_person", "natural_person", "limited_means", "source")


class CaseType(StrEnum):
    """Kind of case; all but a plain money claim go to the kantonrechter at any value."""

    MONEY_CLAIM = "money_claim"
    CONSUMER_CREDIT = "consumer_credit"
    CONSUMER_SALE = "consumer_sale"
    RENT = "rent"
    LABOUR = "labour"


class Litigant(StrEnum):
    """Who pays the fee (Wet griffierechten burgerlijke zaken)."""

    LEGAL_PERSON = "legal_person"
    NATURAL_PERSON = "natural_person"
    LIMITED_MEANS = "limited_means"


class CourtFeeTableFormatError(DomainError):
    """The court fee data file cannot be read."""

    code = "court_fee_table_format"


class CourtFeesNotKnown(DomainError):
    """The fee table has no amounts for the year asked (e.g. 2025): never a guess."""

    code = "court_fees_not_known"


class NotKantonCompetent(DomainError):
    """The claim is above the kanton limit and not a kanton case by its nature."""

    code = "not_kanton_competent"


@dataclass(frozen=True, slots=True)
class FeeBand:
    year: int
    up_to: Decimal | None
    legal_person: Decimal
    natural_person: Decimal
    limited_means: Decimal
    source: str

    def amount_for(self, litigant: Litigant) -> Decimal:
        amount: Decimal = getattr(self, litigant.value)
        return amount


@dataclass(frozen=True, slots=True)
class CourtFee:
    amount: Decimal
    year: int
    band: str
    source: str


@dataclass(frozen=True, slots=True)
class CourtFeeTable:
    bands: tuple[FeeBand, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({b.year for b in self.bands}))


def kanton_competent(claim_value: Decimal, *, case_type: CaseType = CaseType.MONEY_CLAIM) -> bool:
    """True when the kantonrechter hears the case (art. 93 Rv, law-nl.md section 7).

    ``claim_value`` includes interest and costs at the date of the summons.
    """
    require_non_negative(claim_value, "claim_value")
    return case_type is not CaseType.MONEY_CLAIM or claim_value <= KANTON_LIMIT


def kanton_court_fee(
    table: CourtFeeTable,
    *,
    year: int,
    claim_value: Decimal | None,
    litigant: Litigant,
    case_type: CaseType = CaseType.MONEY_CLAIM,
) -> CourtFee:
    """The kanton court fee for a claim (Wet griffierechten burgerlijke zaken, kanton table).

    ``claim_value=None`` is a claim of undetermined value (first band). Raises
    :class:`CourtFeesNotKnown` for a year without a table and :class:`NotKantonCompetent` for a
    money claim above 25,000.
    """
    if claim_value is not None and not kanton_competent(claim_value, case_type=case_type):
        raise NotKantonCompetent(
            f"a money claim of {claim_value} exceeds the kanton limit of {KANTON_LIMIT} "
            "(art. 93 Rv): it goes to the civil sector of the district court",
            field="claim_value",
        )
    bands = sorted(
        (b for b in table.bands if b.year == year),
        key=lambda b: (b.up_to is None, b.up_to or Decimal(0)),
    )
    if not bands:
        known = ", ".join(str(y) for y in table.years)
        raise CourtFeesNotKnown(
            f"no kanton court fees for {year} in the table (known: {known})", field="year"
        )
    lower = Decimal(0)
    for band in bands:
        if claim_value is None or band.up_to is None or claim_value <= band.up_to:
            label = (
                "undetermined value"
                if claim_value is None
                else (f"> {lower}" if band.up_to is None else f"{lower} - {band.up_to}")
            )
            return CourtFee(band.amount_for(litigant), year, label, band.source)
        lower = band.up_to
    raise CourtFeeTableFormatError(f"the {year} kanton fee table has no top band")


def _decimal(text: str, where: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise CourtFeeTableFormatError(f"{where}: '{text}' is not a number") from None


def parse_court_fee_table(text: str, *, origin: str = "court fee table") -> CourtFeeTable:
    """Build a :class:`CourtFeeTable` from the data file's text (pure; no file access).

    Basis: the kanton table of the Wet griffierechten burgerlijke zaken.
    """
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != FEE_COLUMNS:
        raise CourtFeeTableFormatError(f"{origin}: the header must be '{','.join(FEE_COLUMNS)}'")
    bands: list[FeeBand] = []
    for index, cells in enumerate(reader, start=1):
        where = f"{origin} row {index}"
        if len(cells) != len(FEE_COLUMNS) or not cells[5].strip():
            raise CourtFeeTableFormatError(f"{where}: expected 6 columns with a source")
        try:
            year = int(cells[0])
        except ValueError:
            raise CourtFeeTableFormatError(f"{where}: '{cells[0]}' is not a year") from None
        up_to = _decimal(cells[1], where) if cells[1].strip() else None
        amounts = [_decimal(c, where) for c in cells[2:5]]
        bands.append(FeeBand(year, up_to, amounts[0], amounts[1], amounts[2], cells[5].strip()))
    for year in {b.year for b in bands}:
        if sum(1 for b in bands if b.year == year and b.up_to is None) != 1:
            raise CourtFeeTableFormatError(f"{origin}: year {year} needs exactly one top band")
    return CourtFeeTable(tuple(bands))

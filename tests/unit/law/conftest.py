"""Fixtures of the law tests: the shipped rate tables (package data, no operator overlay)."""

from __future__ import annotations

import pytest

from vorder.adapters.lawdata import load_package_rate_table
from vorder.core.law.tables import RateKind, RateTable, StatutoryRates


@pytest.fixture(scope="session")
def rates() -> StatutoryRates:
    return StatutoryRates(
        consumer=load_package_rate_table(RateKind.CONSUMER),
        commercial=load_package_rate_table(RateKind.COMMERCIAL),
    )


@pytest.fixture(scope="session")
def consumer(rates: StatutoryRates) -> RateTable:
    return rates.consumer


@pytest.fixture(scope="session")
def commercial(rates: StatutoryRates) -> RateTable:
    return rates.commercial

from __future__ import annotations

from decimal import Decimal

import pytest

from vorder.config import ConfigError, load_settings
from vorder.core.access import Permission, Role, can, parse_role, require
from vorder.core.errors import Forbidden
from vorder.core.money import InvalidAmount, Money, from_cents, parse_amount, round_cents, to_cents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1234,5", "1234.50"),
        ("€ 12", "12.00"),
        ("-3.10", "-3.10"),
        ("0", "0.00"),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1.234.5,6,7", "1.005", "NaN", "Infinity", ""])
def test_parse_amount_refuses(text):
    with pytest.raises(InvalidAmount):
        parse_amount(text, field="total")


def test_parse_amount_refuses_float():
    with pytest.raises(InvalidAmount, match="not as a float"):
        parse_amount(1.5)  # type: ignore[arg-type]


def test_rounding_and_cents():
    assert round_cents(Decimal("0.005")) == Decimal("0.01")
    assert round_cents(Decimal("-0.005")) == Decimal("-0.01")
    assert round_cents(Decimal("2.675")) == Decimal("2.68")
    assert to_cents(Decimal("12345678901234567.89")) == 1234567890123456789
    assert from_cents(1234567890123456789) == Decimal("12345678901234567.89")
    assert (Money(Decimal("1.10")) + Money(Decimal("2.20"))).cents == 330


def test_roles():
    assert can(Role.VIEWER, Permission.READ) and not can(Role.VIEWER, Permission.WORK)
    assert can(Role.ADMIN, Permission.MANAGE_USERS)
    assert not can(Role.ADMIN, Permission.MANAGE_ORGANISATION)
    assert parse_role("credit-manager") is Role.CREDIT_MANAGER
    with pytest.raises(Forbidden, match=r"your role \(agent\)"):
        require(Role.AGENT, Permission.MANAGE_SETTINGS)


def test_default_secret_refused_outside_demo(monkeypatch):
    monkeypatch.delenv("VORDER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="VORDER_SECRET_KEY is left at its default"):
        load_settings(demo=False).check_secrets()
    load_settings(demo=True).check_secrets()


def test_malformed_configuration_names_the_variable(monkeypatch):
    monkeypatch.setenv("VORDER_PORT", "eighty")
    with pytest.raises(ConfigError, match="^VORDER_PORT: "):
        load_settings()
    monkeypatch.setenv("VORDER_PORT", "8000")
    monkeypatch.setenv("VORDER_DATABASE_URL", "mysql://x")
    with pytest.raises(ConfigError, match="^VORDER_DATABASE_URL: "):
        load_settings()

"""Deterministic demo portfolios for three Dutch creditors (see creditors.py)."""

from vorder.core.demo.creditors import (
    BAKERY,
    CREDITORS,
    HOUSING,
    INSTALLER,
    DemoCreditor,
    PaymentBehaviour,
)
from vorder.core.demo.generator import DemoClaim, generate_claims

__all__ = [
    "BAKERY",
    "CREDITORS",
    "HOUSING",
    "INSTALLER",
    "DemoClaim",
    "DemoCreditor",
    "PaymentBehaviour",
    "generate_claims",
]

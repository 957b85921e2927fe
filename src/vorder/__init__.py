"""Vorder: open-source digital credit-management platform."""

__version__ = "0.1.0"

"""E-invoice import: UBL 2.1 (Peppol BIS 3, SI-UBL 2.0) and UBL 2.0 (SI-UBL 1.x) documents."""

from vorder.adapters.einvoice.ubl import parse_ubl

__all__ = ["parse_ubl"]

"""The vendored OASIS UBL schemas (xsd/), built once per process with xmlschema.

Building the UBL 2.1 set takes about 2.5 s (UBL 2.0: about 2 s), validating an invoice a few
milliseconds; :func:`ubl_schema` caches the built schema. See xsd/README.md for the files and
docs/adr/0010-ubl-validation.md for the choices.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xmlschema
from lxml import etree

XSD_DIR = Path(__file__).parent / "xsd"
ENTRY_POINTS = {
    "2.1": XSD_DIR / "ubl-2.1" / "vorder-ubl-2.1.xsd",
    "2.0": XSD_DIR / "ubl-2.0" / "vorder-ubl-2.0.xsd",
}
MAX_ERRORS = 50


@dataclass(frozen=True, slots=True)
class SchemaViolation:
    line: int
    path: str | None
    reason: str


@cache
def ubl_schema(version: str) -> xmlschema.XMLSchema10:
    """The UBL ``version`` ("2.1" or "2.0") schema set with Invoice and CreditNote."""
    with warnings.catch_warnings():
        # The ETSI XAdES modules are not shipped (xsd/README.md): their import fails softly.
        warnings.filterwarnings(
            "ignore",
            message=r"Import of namespace 'http://uri\.etsi\.org/01903/",
            category=xmlschema.XMLSchemaImportWarning,
        )
        return xmlschema.XMLSchema10(str(ENTRY_POINTS[version]))


def validate(tree: etree._ElementTree, version: str) -> list[SchemaViolation]:
    """Every XSD violation (at most :data:`MAX_ERRORS`) with its source line and path."""
    found: list[SchemaViolation] = []
    for error in ubl_schema(version).iter_errors(tree):
        line = error.sourceline if isinstance(error.sourceline, int) else 0
        found.append(SchemaViolation(line, error.path, error.reason or str(error.message)))
        if len(found) >= MAX_ERRORS:
            break
    return found

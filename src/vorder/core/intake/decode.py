"""Bytes of an uploaded text file → ``str``.

UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (what Excel on Windows
writes for "CSV (gescheiden door lijstscheidingsteken)"). Pure: the adapter reads the bytes.
"""

from __future__ import annotations

import codecs
import re

_CP1252_UNDEFINED = re.compile(b"([\x81\x8d\x8f\x90\x9d])")


def detect_encoding(data: bytes) -> str:
    """The encoding :func:`decode_text` uses: "utf-8-sig", "utf-16", "utf-8" or "cp1252"."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_text(data: bytes) -> str:
    """Decode without ever failing: UTF-8 (BOM stripped), UTF-16 with BOM, else cp1252.

    The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the
    characters of the same code point (as Latin-1 would) instead of raising.
    """
    encoding = detect_encoding(data)
    if encoding != "cp1252":
        return data.decode(encoding)
    parts = _CP1252_UNDEFINED.split(data)
    # re.split with a group: even indices are text, odd indices the undefined single bytes.
    return "".join(
        part.decode("cp1252") if i % 2 == 0 else chr(part[0]) for i, part in enumerate(parts)
    )

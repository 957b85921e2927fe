"""Golden-case tables in the notation of law-nl.md section 9, parsed for table-driven tests."""

from __future__ import annotations

from collections.abc import Iterator


def table(text: str) -> Iterator[dict[str, str]]:
    """Rows of a whitespace-aligned table whose first line names the columns; '-' is empty."""
    lines = [ln for ln in text.strip().splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split()
    for line in lines[1:]:
        cells = line.split()
        assert len(cells) == len(header), line
        yield {k: ("" if v == "-" else v) for k, v in zip(header, cells, strict=True)}

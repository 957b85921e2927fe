"""The core reads no clock, no environment and no files (import-linter checks the imports)."""

from __future__ import annotations

import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[3] / "src" / "vorder" / "core"
FORBIDDEN = re.compile(
    r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.time|time\.monotonic|os\.environ"
    r"|os\.getenv|open\(|Path\(|importlib\.resources|read_text|write_text|random\.seed)"
)


def test_core_reads_no_clock_environment_or_files():
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code) and '"""' not in code:
                offenders.append(f"{path.relative_to(CORE)}:{number}: {line.strip()}")
    assert offenders == []

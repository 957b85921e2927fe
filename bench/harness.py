"""A tiny benchmark harness: results, a progress bar on stderr, a results file, a table.

A benchmark module ``bench/bench_<area>.py`` defines ``IDS`` (the result ids it can produce)
and ``run(scale: float) -> list[Result]``. ``bench/run.py`` runs the modules and calls
:func:`record`, which merges the results by id into ``var/bench/results.json`` and prints a
table. Benchmarks are never part of the test suite.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "var" / "bench" / "results.json"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Result:
    """One measured figure. ``floor`` is the reference the value is compared with and
    ``ratio`` how many times slower than the floor it is (1.0 = as fast as the floor)."""

    id: str
    value: float
    unit: str
    floor: float | None = None
    ratio: float | None = None
    goal: str = ""
    note: str = ""


def scale_from_env(default: float = 1.0) -> float:
    """``BENCH_SCALE`` (default 1.0) scales the amount of work of every benchmark."""
    raw = os.environ.get("BENCH_SCALE", "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise SystemExit(f"BENCH_SCALE must be a number, not {raw!r}") from None
    if value <= 0:
        raise SystemExit("BENCH_SCALE must be positive")
    return value


def progress(total: int, desc: str) -> tqdm[Any]:
    """A progress bar on stderr (updated per chunk, so it costs nothing measurable)."""
    return tqdm(
        total=total,
        desc=desc,
        unit="claim",
        unit_scale=True,
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
    )


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Seconds taken by ``work()`` (perf_counter) and its return value."""
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def load(path: Path = RESULTS) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else []


def record(results: Iterable[Result], path: Path = RESULTS) -> list[dict[str, Any]]:
    """Merge ``results`` by id into the results file; return the merged list."""
    merged = {item["id"]: item for item in load(path) if isinstance(item, dict) and "id" in item}
    for result in results:
        merged[result.id] = asdict(result)
    items = [merged[key] for key in sorted(merged)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(items, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return items


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def table(results: Iterable[Result]) -> str:
    """A plain-text table of results."""
    rows = [("id", "value", "unit", "floor", "ratio", "goal")]
    rows += [(r.id, _fmt(r.value), r.unit, _fmt(r.floor), _fmt(r.ratio), r.goal) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)

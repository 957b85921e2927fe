"""Run benchmarks: ``python bench/run.py [ids...]`` (env ``BENCH_SCALE``, default 1.0).

Runs ``run(scale)`` of every ``bench/bench_*.py`` module whose ``IDS`` match one of the ids
given (an id matches itself and every id below it: ``law`` selects ``law.interest``), or of
every module when no id is given; merges the results into ``var/bench/results.json`` and
prints a table.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "src"))

import harness  # noqa: E402


def _matches(result_id: str, wanted: list[str]) -> bool:
    return not wanted or any(
        result_id == w or result_id.startswith(w + ".") or w.startswith(result_id + ".")
        for w in wanted
    )


def main(argv: list[str]) -> int:
    wanted = [a for a in argv if not a.startswith("-")]
    scale = harness.scale_from_env()
    results: list[harness.Result] = []
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        ids: tuple[str, ...] = getattr(module, "IDS", ())
        if not any(_matches(i, wanted) for i in ids):
            continue
        produced = module.run(scale)
        results += [r for r in produced if _matches(r.id, wanted)]
    if not results:
        print(f"no benchmark matches {' '.join(wanted)}", file=sys.stderr)
        return 2
    harness.record(results)
    print(harness.table(results))
    print(f"\n(scale {scale}; results merged into {harness.RESULTS})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

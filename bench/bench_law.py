"""law.interest: interest statements per second against a floor of bare Decimal arithmetic.

Workload (x scale): 1,000,000 random single-segment claims (one rate, shorter than a year)
and 1,000,000 random multi-year claims (2-6 years between 2003 and mid-2026, consumer and
commercial, about 7 segments each, compounding). Each claim is computed by

* ``compute_interest`` -- the full result a letter prints (segments, period, basis), and
* ``interest_amount`` -- the same computation returning only the amounts,

and, as the floor, by a bare loop of Decimal arithmetic over *the same segments* that the
engine found: per segment ``base * rate * days / 365`` rounded half up to cents (the operation
of ``money.round_cents``), summed, and the year's interest added to the base on each
anniversary. The floor gets the segments as ready-made tuples (days, rate, year days, whether
the base compounds after it), so it does no date arithmetic, rate lookup, validation or result
building -- exactly the part the engine cannot avoid. ``ratio = engine time / floor time``,
measured chunk by chunk in the same run, so a loaded machine slows both alike. The floor's
totals are checked against the engine's, so both do the same sums. Single process: the
figures are per core.

Garbage collection: the engine's values are container objects and feed Python's cyclic
collector, the floor's Decimals do not; that cost is the engine's and stays in its figures. What
is kept out is collector work on objects the engine did not make: the modules of the other
benchmarks (frozen with ``gc.freeze`` before the run) and values the benchmark keeps for its
own checks (each timed section holds only its own results; see :func:`_chunk`).

Results: ``law.interest`` (the headline and the goal of tracker issue 3: single-segment claims,
full result), ``law.interest.amount`` (same claims, amounts only), ``law.interest.multi`` and
``law.interest.multi.amount`` (multi-year claims; informational).
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from harness import Result, progress, timed
from vorder.adapters.lawdata import load_rate_tables
from vorder.core.law.interest import InterestResult, compute_interest, interest_amount
from vorder.core.law.tables import RateKind, RateTable, StatutoryRates
from vorder.core.periods import anniversary

IDS = ("law.interest", "law.interest.amount", "law.interest.multi", "law.interest.multi.amount")
GOAL = "≥ 100,000 single-segment statements per second per core, ratio ≤ 3"
GOAL_RATE = 100_000.0
GOAL_RATIO = 3.0
CLAIMS = 1_000_000
CHUNK = 5_000
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
Claim = tuple[Decimal, date, date, RateTable]
FloorInput = tuple[Decimal, list[tuple[int, Decimal, int, bool]]]
ClaimMaker = Callable[[random.Random, StatutoryRates, int], list[Claim]]


def _principal(rng: random.Random) -> Decimal:
    return Decimal(rng.randrange(10_00, 100_000_00)) / 100


def single_segment_claims(rng: random.Random, rates: StatutoryRates, n: int) -> list[Claim]:
    """Claims whose whole interest period lies in one rate period and within one year."""
    out: list[Claim] = []
    for _ in range(n):
        table = rates.for_kind(rng.choice(list(RateKind)))
        starts = table.change_ordinals
        ends = (*starts[1:], table.valid_through.toordinal() + 1)
        i = rng.randrange(len(starts))
        first = rng.randrange(starts[i], ends[i])
        last = rng.randrange(first, min(ends[i], first + 365))
        out.append((_principal(rng), date.fromordinal(first - 1), date.fromordinal(last), table))
    return out


def multi_year_claims(rng: random.Random, rates: StatutoryRates, n: int) -> list[Claim]:
    """Claims running 2 to 6 years, due between 2003 and mid-2020, ending by 2026-06-30."""
    out: list[Claim] = []
    low, high = date(2003, 1, 1).toordinal(), date(2020, 6, 30).toordinal()
    limit = date(2026, 6, 30)
    for _ in range(n):
        due = date.fromordinal(rng.randrange(low, high))
        until = min(limit, due + timedelta(days=rng.randrange(2 * 365, 6 * 365)))
        out.append((_principal(rng), due, until, rates.for_kind(rng.choice(list(RateKind)))))
    return out


def floor_input(principal: Decimal, result: InterestResult) -> FloorInput:
    """The engine's segments as bare numbers: (days, rate, year days, base compounds after)."""
    first = result.period.start
    anniversaries = {anniversary(first, n) for n in range(1, 8)}
    return principal, [
        (s.days, s.rate, s.year_days, s.end in anniversaries) for s in result.segments
    ]


def floor(principal: Decimal, segments: list[tuple[int, Decimal, int, bool]]) -> Decimal:
    """Bare Decimal arithmetic: per-segment half-up rounding and yearly compounding."""
    base = principal
    total = ZERO
    year = ZERO
    for days, rate, year_days, compounds in segments:
        amount = (base * rate * days / year_days).quantize(CENT, rounding=ROUND_HALF_UP)
        total += amount
        year += amount
        if compounds:
            base += year
            year = ZERO
    return total


def _chunk(name: str, claims: list[Claim]) -> tuple[float, float, float, int]:
    """Seconds of the full result, the amounts and the floor for ``claims``; segment count.

    Each timed section holds only its own results (as a caller would): the previous chunk's
    values are gone when this function is entered, and the full results are dropped before the
    amounts are timed, so the cyclic garbage collector -- which the engine's values feed and
    the floor's Decimals do not -- traverses no values the benchmark merely keeps around.
    """

    def full() -> list[InterestResult]:
        return [compute_interest(p, due=d, until=u, rates=t) for p, d, u, t in claims]

    def amounts() -> list[Decimal]:
        return [interest_amount(p, due=d, until=u, rates=t).interest for p, d, u, t in claims]

    full_seconds, results = timed(full)
    interests = [r.interest for r in results]
    inputs = [floor_input(c[0], r) for c, r in zip(claims, results, strict=True)]
    segments = sum(len(r.segments) for r in results)
    del results
    amount_seconds, totals = timed(amounts)

    def bare() -> list[Decimal]:
        return [floor(p, s) for p, s in inputs]

    floor_seconds, floors = timed(bare)
    wrong = sum(1 for r, a, f in zip(interests, totals, floors, strict=True) if not r == a == f)
    if wrong:
        raise SystemExit(f"{name}: {wrong} claims where engine and floor disagree")
    return full_seconds, amount_seconds, floor_seconds, segments


def _measure(
    name: str, make: ClaimMaker, rates: StatutoryRates, n: int, rng: random.Random
) -> dict[str, float]:
    seconds = {"full": 0.0, "amount": 0.0, "floor": 0.0}
    segments = 0
    bar = progress(n, name)
    done = 0
    while done < n:
        size = min(CHUNK, n - done)
        full, amount, bare, count = _chunk(name, make(rng, rates, size))
        seconds["full"] += full
        seconds["amount"] += amount
        seconds["floor"] += bare
        segments += count
        done += size
        bar.update(size)
    bar.close()
    return {**seconds, "segments": segments / n}


def _goal_note(rate: float, ratio: float) -> str:
    met = rate >= GOAL_RATE and ratio <= GOAL_RATIO
    return "goal met" if met else f"goal NOT met ({rate:,.0f}/s, ratio {ratio:.2f})"


def run(scale: float) -> list[Result]:
    # bench/run.py imports every bench module (and so SQLAlchemy, the app, ...) before it runs
    # one; freezing the objects that exist now keeps the collector's work -- which the engine's
    # values cause -- independent of which other benchmarks exist
    gc.collect()
    gc.freeze()
    try:
        return _run(scale)
    finally:
        gc.unfreeze()


def _run(scale: float) -> list[Result]:
    rates = load_rate_tables()
    n = max(CHUNK, int(CLAIMS * scale))
    rng = random.Random(20260630)
    results: list[Result] = []
    for suffix, make in (("", single_segment_claims), (".multi", multi_year_claims)):
        m = _measure(f"law.interest{suffix or '.single'}", make, rates, n, rng)
        floor_rate = n / m["floor"]
        kind = "single-segment" if not suffix else f"multi-year ({m['segments']:.1f} segments)"
        for variant, label in (("full", ""), ("amount", ".amount")):
            rate = n / m[variant]
            ratio = floor_rate / rate
            headline = not suffix and variant == "full"
            what = (
                "compute_interest, full result with segments"
                if variant == "full"
                else "interest_amount, amounts only"
            )
            note = f"{n:,} {kind} claims; {what}"
            results.append(
                Result(
                    id=f"law.interest{suffix}{label}",
                    value=rate,
                    unit="claims/s",
                    floor=floor_rate,
                    ratio=ratio,
                    goal=GOAL if headline else "(informational)",
                    note=f"{note}; {_goal_note(rate, ratio)}" if headline else note,
                )
            )
    return results

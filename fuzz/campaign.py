"""A long fuzzing campaign over every entrance, without atheris (run by hand).

Runs the structured mutations of :mod:`tests.fuzz._engine` against each entrance for a
time budget, from random (or given) seeds, and prints per entrance: the cases run, how many
gave a structure and how many a ``GovModelError``, the contract failures and the distinct
problems among them (grouped by exception type and innermost govmodel function, or by the
problem codes of an accepted structure that cannot be saved and read back). Every first
input of a distinct problem is saved under ``--out`` for replay with
``python fuzz/fuzz_<entrance>.py --replay FILE``; copy the ones worth keeping to
``tests/fuzz/regressions/<entrance>/``.

With ``--slow`` the campaign searches for slow inputs instead: each case is timed, its cost
is its time per byte (``max(bytes, --min-bytes)``, so that tiny inputs do not win on fixed
costs), and the slowest inputs found so far are mutated again and again (an evolutionary
search, which grows them: mutations duplicate items, nest deeper, lengthen strings). Per
entrance it prints the slowest inputs per byte (time, size, microseconds a byte; each
timed again, the best of three) and saves them under ``--out/slow/<entrance>/``. Contract
failures are still counted and saved. A linear entrance keeps its worst cost per byte near
its typical one; an input an order of magnitude above is worth a doubling test.

Examples
--------
::

    python fuzz/campaign.py --seconds 60                    # every entrance, a minute each
    python fuzz/campaign.py --seconds 600 --only graphml gexf --seed 7
    python fuzz/campaign.py --slow --seconds 30 --only json yaml popolo
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="budget per entrance")
    parser.add_argument("--only", nargs="*", help="entrances (default: all)")
    parser.add_argument("--seed", type=int, default=None, help="default: random")
    parser.add_argument("--out", default="fuzz-findings", help="folder for failing inputs")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument(
        "--slow", action="store_true", help="search for slow inputs (time per byte)"
    )
    parser.add_argument("--top", type=int, default=5, help="slow inputs kept per entrance")
    parser.add_argument(
        "--min-bytes", type=int, default=4096, help="the least size a time is divided by"
    )
    args = parser.parse_args(argv)
    if args.slow:
        return slow_search(args)

    from tests.fuzz._engine import ENTRANCES, Failure, check

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    out = Path(args.out)
    names = args.only or list(ENTRANCES)
    figures = {"seed": seed, "seconds_per_entrance": args.seconds, "entrances": {}}
    print(f"seed {seed}; {args.seconds:g} s per entrance; findings in {out}/", flush=True)
    total_cases = 0
    all_problems: set[tuple[str, str]] = set()
    for name in names:
        entrance = ENTRANCES[name]
        rng = random.Random(f"{seed}-{name}")
        entrance.seeds  # noqa: B018 - built outside the budget
        counts = {"ok": 0, "error": 0, "fail": 0}
        problems: dict[str, str] = {}
        started = time.monotonic()
        while time.monotonic() - started < args.seconds:
            payload = entrance.mutate(rng)
            try:
                counts[check(entrance, payload, timeout=20)] += 1
            except Failure as exc:
                counts["fail"] += 1
                if exc.signature not in problems:
                    data = entrance.encode(payload)
                    digest = hashlib.sha1(data).hexdigest()[:12]
                    folder = out / name
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{digest}{entrance.suffix}").write_bytes(data)
                    problems[exc.signature] = f"{digest}{entrance.suffix}"
        cases = sum(counts.values())
        total_cases += cases
        all_problems |= {(name, p) for p in problems}
        figures["entrances"][name] = {"cases": cases, **counts, "distinct": sorted(problems)}
        print(
            f"{name:14} {cases:8,} cases  {counts['ok']:7,} ok  {counts['error']:7,} errors  "
            f"{counts['fail']:6,} failures  {len(problems)} distinct",
            flush=True,
        )
        for sig, f in sorted(problems.items()):
            print(f"    {sig}  ({name}/{f})", flush=True)
    figures["cases"] = total_cases
    figures["distinct"] = len(all_problems)
    print(f"total: {total_cases:,} cases, {len(all_problems)} distinct problems", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if all_problems else 0


class _Slow:
    """A slow input found: its payload, encoded bytes and best time."""

    __slots__ = ("cost", "data", "payload", "seconds")

    def __init__(self, payload: Any, data: bytes, seconds: float, min_bytes: int) -> None:
        self.payload = payload
        self.data = data
        self.seconds = seconds
        self.cost = seconds / max(len(data), min_bytes)


def _timed(entrance: Any, payload: Any) -> tuple[float, str]:
    """The time of one run of the contract on ``payload``, and its outcome (or the failure's
    signature, prefixed ``fail:``)."""
    from tests.fuzz._engine import Failure, check

    started = time.perf_counter()
    try:
        outcome = check(entrance, payload, timeout=20)
    except Failure as exc:
        outcome = "fail:" + exc.signature
    return time.perf_counter() - started, outcome


def slow_search(args: argparse.Namespace) -> int:
    """The ``--slow`` campaign: search each entrance for its slowest inputs per byte."""
    import gc

    from tests.fuzz._engine import ENTRANCES

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    out = Path(args.out) / "slow"
    names = args.only or list(ENTRANCES)
    figures: dict[str, Any] = {
        "seed": seed,
        "seconds_per_entrance": args.seconds,
        "min_bytes": args.min_bytes,
        "entrances": {},
    }
    print(
        f"slow-input search; seed {seed}; {args.seconds:g} s per entrance; cost = time / "
        f"max(bytes, {args.min_bytes}); inputs in {out}/",
        flush=True,
    )
    failures: set[tuple[str, str]] = set()
    total = 0
    for name in names:
        entrance = ENTRANCES[name]
        rng = random.Random(f"{seed}-{name}-slow")
        entrance.seeds  # noqa: B018 - built outside the budget
        pool: list[_Slow] = []
        cases = 0
        costs: list[float] = []
        started = time.monotonic()
        while time.monotonic() - started < args.seconds:
            parent = rng.choice(pool).payload if pool and rng.random() < 0.7 else None
            payload = entrance.mutate(rng, parent)
            try:
                data = entrance.encode(payload)
            except Exception:  # a payload the format cannot store: not an input
                continue
            seconds, outcome = _timed(entrance, payload)
            cases += 1
            if outcome.startswith("fail:") and (name, outcome[5:]) not in failures:
                failures.add((name, outcome[5:]))
                digest = hashlib.sha1(data).hexdigest()[:12]
                (Path(args.out) / name).mkdir(parents=True, exist_ok=True)
                (Path(args.out) / name / f"{digest}{entrance.suffix}").write_bytes(data)
            found = _Slow(payload, data, seconds, args.min_bytes)
            costs.append(found.cost)
            if (len(pool) < args.top or found.cost > pool[-1].cost) and all(
                slow.data != data for slow in pool
            ):
                # time it again: keep the best of the runs, so that a pause of the machine
                # does not pass for a slow input
                again, _ = _timed(entrance, payload)
                found = _Slow(payload, data, min(seconds, again), args.min_bytes)
                pool.append(found)
                pool.sort(key=lambda x: -x.cost)
                del pool[args.top :]
        total += cases
        gc.collect()
        for slow in pool:  # the best of three for the report
            slow.seconds = min(slow.seconds, _timed(entrance, slow.payload)[0])
            slow.cost = slow.seconds / max(len(slow.data), args.min_bytes)
        pool.sort(key=lambda x: -x.cost)
        costs.sort()
        median = costs[len(costs) // 2] if costs else 0.0
        rows = []
        folder = out / name
        for rank, slow in enumerate(pool, 1):
            digest = hashlib.sha1(slow.data).hexdigest()[:12]
            folder.mkdir(parents=True, exist_ok=True)
            fname = f"{rank:02d}-{digest}{entrance.suffix}"
            (folder / fname).write_bytes(slow.data)
            rows.append(
                {
                    "file": f"{name}/{fname}",
                    "bytes": len(slow.data),
                    "seconds": round(slow.seconds, 6),
                    "us_per_byte": round(slow.cost * 1e6, 3),
                }
            )
        figures["entrances"][name] = {
            "cases": cases,
            "median_us_per_byte": round(median * 1e6, 3),
            "slowest": rows,
        }
        top = rows[0] if rows else {"us_per_byte": 0.0, "seconds": 0.0, "bytes": 0}
        print(
            f"{name:14} {cases:7,} cases  median {median * 1e6:8.3f} us/byte  slowest "
            f"{top['us_per_byte']:9.3f} us/byte ({top['seconds']:.4f} s, {top['bytes']:,} bytes)",
            flush=True,
        )
    figures["cases"] = total
    figures["failures"] = sorted(f"{n}: {s}" for n, s in failures)
    print(f"total: {total:,} cases, {len(failures)} distinct contract failures", flush=True)
    for n, sig in sorted(failures):
        print(f"    {n}: {sig}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""A long fuzzing campaign over every entrance, without atheris (run by hand).

Runs the structured mutations of :mod:`tests.fuzz._engine` against each entrance for a
time budget, from random (or given) seeds, and prints per entrance: the cases run, how many
gave a structure and how many a ``GovModelError``, the contract failures and the distinct
problems among them (grouped by exception type and innermost govmodel function, or by the
problem codes of an accepted structure that cannot be saved and read back). Every first
input of a distinct problem is saved under ``--out`` for replay with
``python fuzz/fuzz_<entrance>.py --replay FILE``; copy the ones worth keeping to
``tests/fuzz/regressions/<entrance>/``.

Examples
--------
::

    python fuzz/campaign.py --seconds 60                    # every entrance, a minute each
    python fuzz/campaign.py --seconds 600 --only graphml gexf --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

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
    args = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())

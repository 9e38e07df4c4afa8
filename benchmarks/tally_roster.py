"""Time ``govmodel tally`` on a roster of N owners (default 10,000).

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.tally_roster --owners 10000

A seeded roster: each owner holds one dwelling of a two-decimal area between 45 and 180 m²,
one in five also a parking space, the developer the last 2 % of the dwellings; about 60 %
of the heads vote. It times reading the CSV files and the tally (the best of ``--repeat``).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from govmodel.tally import read_ballots, read_roster, tally


def write(folder: Path, owners: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    rows = ["part,area,owner,kind"]
    ballots = ["owner,choice,proxy"]
    developer = owners - owners // 50
    for i in range(owners):
        owner = f"o{i}" if i < developer else "developer"
        rows.append(f"d{i},{rng.randint(4500, 18000) / 100:.2f},{owner},dwelling")
        if rng.random() < 0.2:
            rows.append(f"c{i},{rng.randint(1000, 1500) / 100:.2f},{owner},parking")
        if i < developer and rng.random() < 0.6:
            choice = rng.choice(["yes", "yes", "yes", "no", "abstain"])
            proxy = f"o{i + 1}" if rng.random() < 0.05 else ""
            ballots.append(f"{owner},{choice},{proxy}")
    roster, votes = folder / "roster.csv", folder / "ballots.csv"
    roster.write_text("\n".join(rows) + "\n")
    votes.write_text("\n".join(ballots) + "\n")
    return roster, votes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--owners", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        roster, votes = write(Path(d), args.owners)
        best_read = best_tally = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            parts, ballots = read_roster(roster), read_ballots(votes)
            t1 = time.perf_counter()
            t = tally(parts, ballots, matter="raise_maintenance_funds")
            t2 = time.perf_counter()
            best_read, best_tally = min(best_read, t1 - t0), min(best_tally, t2 - t1)
    print(
        f"{args.owners:,} owners, {len(parts):,} parts, {t.heads:,} heads, "
        f"{len(ballots):,} ballots: read {best_read * 1000:.0f} ms, tally {best_tally * 1000:.0f} ms; "
        f"passed={t.passed}, still needed={t.needed.ballots if t.needed else 0}"
    )


if __name__ == "__main__":
    main()

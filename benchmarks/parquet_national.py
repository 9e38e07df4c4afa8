"""National run over a partitioned Parquet dataset on a Dask LocalCluster.

python -m benchmarks.parquet_national --distinct 10 --compounds 300 --districts 300 --workers 2 --out /tmp/parquet_bench/nation
Builds `--distinct` synthetic districts (synth.district, distinct seeds), writes each with
write_parquet, and lays out a dataset of `--districts` partitions (district=n000 ...) whose
folders are copies of those districts' partition files; then assesses it with the five
built-in models, one task per district, and reports districts/s/worker and peak RSS/worker.
"""

import argparse
import resource
import shutil
import time
from pathlib import Path

import govmodel
from govmodel import national, synth
from govmodel.io.parquet import PARTITIONED, write_parquet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--distinct", type=int, default=10)
    ap.add_argument("--compounds", type=int, default=300)
    ap.add_argument("--districts", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default="/tmp/parquet_bench/nation")
    a = ap.parse_args()

    out = Path(a.out)
    shutil.rmtree(out, ignore_errors=True)
    src = out.parent / "sources"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    t0 = time.perf_counter()
    sizes = []
    for k in range(a.distinct):
        d = synth.district(a.compounds, seed=k)
        ix = govmodel.index.StructureIndex.of(d)
        sizes.append((ix.n_nodes, ix.n_edges))
        write_parquet(d, src / f"s{k}")
    print(
        f"generated and wrote {a.distinct} districts in {time.perf_counter() - t0:.1f} s; "
        f"nodes/edges per district: {sizes[0]}"
    )
    first = src / "s0"
    shutil.copytree(first / "metadata", out / "metadata")
    shutil.copytree(first / "vocabulary", out / "vocabulary")
    for n in range(a.districts):
        s = src / f"s{n % a.distinct}"
        for table in PARTITIONED:
            (part,) = [p for p in (s / table).iterdir() if "=" in p.name]
            shutil.copytree(part, out / table / f"district=n{n:03d}")
    size = sum(f.stat().st_size for f in out.rglob("*.parquet"))
    print(f"dataset: {a.districts} districts, {size / 1e6:.1f} MB of Parquet")

    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
        Client(c) as client,
    ):
        base = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        r = national.assess_parquet(out, client=client)
        peak = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    per_task = sum(s.seconds for s in r.districts) / len(r.districts)
    print(
        f"workers={r.cores} districts={len(r.districts)} wall={r.seconds:.1f} s "
        f"per task={per_task:.2f} s districts/s/worker={r.per_core_throughput:.3f}"
    )
    print(
        "peak RSS per worker (MB):",
        sorted(round(v / 1024) for v in peak.values()),
        "at start:",
        sorted(round(v / 1024) for v in base.values()),
    )
    print("compounds:", r.total.counts["compounds"], "nodes:", r.total.nodes)


if __name__ == "__main__":
    main()

"""Throughput of govmodel.distributed: districts assessed per second per core.

Usage (from the repository root)::

    python -m benchmarks.distributed_throughput --districts 8 --compounds 1000 --workers 2

Generates a synthetic city of ``districts`` districts of ``compounds`` compounds each (the
benchmark's district scale by default), splits it into one file per district
(:func:`govmodel.distributed.split`), and assesses the files with every built-in model on a
``LocalCluster`` of ``workers`` single-threaded processes. Prints the wall time, the
districts per second per core, and checks that the merged result equals the single-process
summary of the merged structure (``--check``, small sizes only).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.distributed_throughput")
    p.add_argument("--districts", type=int, default=8)
    p.add_argument("--compounds", type=int, default=1000, help="compounds per district")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--check", action="store_true", help="compare with one process")
    p.add_argument("--json", type=Path)
    a = p.parse_args(argv)

    from distributed import Client, LocalCluster

    import govmodel
    from govmodel import distributed, synth

    city = synth.city(a.districts * a.compounds, seed=1, districts=a.districts)
    parts = distributed.split(city, "district")
    del city
    with tempfile.TemporaryDirectory(prefix="govmodel-nation-") as d:
        paths = []
        for name, part in parts.items():
            path = Path(d) / f"{name}.json"
            govmodel.dump(part, path)
            paths.append(path)
        nodes = sum(len(p.units) + len(p.organizations) + len(p.people) for p in parts.values())
        del parts
        with (
            LocalCluster(
                n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(lambda: __import__("govmodel.models.tripartite"))  # warm the workers
            t0 = time.perf_counter()
            national = distributed.assess_files(paths, client=client)
            wall = time.perf_counter() - t0
        report = {
            "districts": a.districts,
            "compounds_per_district": a.compounds,
            "nodes": nodes,
            "workers": national.cores,
            "seconds": wall,
            "districts_per_second_per_core": a.districts / wall / national.cores,
            "task_seconds_mean": sum(s.seconds for s in national.districts) / a.districts,
        }
        if a.check:
            whole = govmodel.Structure().merge(*(govmodel.load(p) for p in paths))
            report["equal_to_single_process"] = distributed.summarize(whole) == national.total
    print(json.dumps(report, indent=2))
    if a.json:
        a.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""govmodel's scale benchmark suite.

Run it from the repository root::

    python -m benchmarks.run --scale district,mid,city --json bench.json
    python -m benchmarks.run --scale tiny            # what CI runs (tests/test_benchmarks.py)

Every stage runs in a fresh subprocess that first prepares its input (untimed), then runs
the stage once (or ``--repeat`` times, keeping the fastest) and measures its time, its peak
memory and the memory it retains. See ``docs/guide/performance.md`` for the stages, the
baselines, the memory method and the measured figures.
"""

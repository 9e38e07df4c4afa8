"""Fuzz govmodel.io.native.from_data(parsed JSON data) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_from_data.py --make-corpus corpus/from_data
    python fuzz/fuzz_from_data.py corpus/from_data -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("from_data")

"""Fuzz govmodel.io.popolo.import_popolo(bytes) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_popolo.py --make-corpus corpus/popolo
    python fuzz/fuzz_popolo.py corpus/popolo -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("popolo")

"""Fuzz govmodel.io.graphfiles.import_graphml(bytes) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_graphml.py --make-corpus corpus/graphml
    python fuzz/fuzz_graphml.py corpus/graphml -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("graphml")

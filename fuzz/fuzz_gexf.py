"""Fuzz govmodel.io.graphfiles.import_gexf(bytes) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_gexf.py --make-corpus corpus/gexf
    python fuzz/fuzz_gexf.py corpus/gexf -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("gexf")

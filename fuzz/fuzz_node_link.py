"""Fuzz govmodel.io.graphfiles.import_node_link(bytes) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_node_link.py --make-corpus corpus/node_link
    python fuzz/fuzz_node_link.py corpus/node_link -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("node_link")

"""Fuzz govmodel.from_graph(networkx graph) on arbitrary graphs with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_from_graph.py --make-corpus corpus/from_graph
    python fuzz/fuzz_from_graph.py corpus/from_graph -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("from_graph")

"""Fuzz govmodel.io.frames.structure_from_table(table) on spreadsheets read from CSV with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_table.py --make-corpus corpus/table
    python fuzz/fuzz_table.py corpus/table -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("table")

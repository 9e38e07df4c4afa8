"""Fuzz govmodel.identifiers.parse_division_code(text) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_division_code.py --make-corpus corpus/division_code
    python fuzz/fuzz_division_code.py corpus/division_code -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("division_code")

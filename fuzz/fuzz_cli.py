"""Fuzz govmodel.cli.main(argv) with files of fuzzed content with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_cli.py --make-corpus corpus/cli
    python fuzz/fuzz_cli.py corpus/cli -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("cli")

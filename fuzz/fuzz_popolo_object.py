"""Fuzz govmodel.io.popolo.from_popolo(data, kind=...) with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_popolo_object.py --make-corpus corpus/popolo_object
    python fuzz/fuzz_popolo_object.py corpus/popolo_object -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("popolo_object")

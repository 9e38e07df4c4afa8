"""Fuzz from_data(data), then govmodel.assess with every registered model and every renderer with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_assess.py --make-corpus corpus/assess
    python fuzz/fuzz_assess.py corpus/assess -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("assess")

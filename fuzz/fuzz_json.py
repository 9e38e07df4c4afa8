"""Fuzz govmodel.loads(bytes, format='json') with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_json.py --make-corpus corpus/json
    python fuzz/fuzz_json.py corpus/json -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("json")

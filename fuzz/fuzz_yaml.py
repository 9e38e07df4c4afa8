"""Fuzz govmodel.loads(bytes, format='yaml') with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_yaml.py --make-corpus corpus/yaml
    python fuzz/fuzz_yaml.py corpus/yaml -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("yaml")

"""Fuzz govmodel.io.frames.from_frames(nodes, edges) on frames read from CSV with atheris.

Run by hand (see fuzz/README.md)::

    python fuzz/fuzz_frames.py --make-corpus corpus/frames
    python fuzz/fuzz_frames.py corpus/frames -max_total_time=600 -timeout=10 -rss_limit_mb=2048
"""

from _harness import main

if __name__ == "__main__":
    main("frames")

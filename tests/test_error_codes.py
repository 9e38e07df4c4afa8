"""Every problem code govmodel can report is documented where users look for it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PATTERNS = (
    re.compile(r'Problem\(\s*"([a-z][a-z-]+)"'),  # Problem("code", path, message)
    re.compile(r'\bcode = "([a-z][a-z-]+)"'),  # exception classes carrying a code
    re.compile(r'(?:warn|error|problem)\(\s*"([a-z][a-z-]+)"'),  # reporters of the importers
)


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "govmodel").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in _PATTERNS:
            codes.update(pattern.findall(text))
    return codes


def test_the_source_reports_codes() -> None:
    codes = _codes_in_source()
    # the scan finds the codes it is meant to (so that an empty scan cannot pass)
    assert {"dangling-reference", "too-deep", "invalid-string", "too-many-problems"} <= codes
    assert len(codes) > 50


def test_every_code_is_documented() -> None:
    pages = [p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts]
    docs = "".join(p.read_text(encoding="utf-8") for p in pages)
    missing = sorted(c for c in _codes_in_source() if f"`{c}`" not in docs)
    assert missing == [], f"codes not documented under docs/: {missing}"

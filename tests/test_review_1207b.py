"""Review of Messages, ancestor_at, the self-tie warning, the law packs and _checked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import govmodel
from govmodel.models import Context, FindingBlock, GovernanceModel, Messages, registry, rule

# -- Messages: what only counts findings makes none ----------------------------------------------

_MADE: list[str] = []


def _counted(subject: str) -> str:
    _MADE.append(subject)
    return f"{subject} is counted"


class _Counted(GovernanceModel):
    name = "review_counted"
    title = "Messages counted as they are made"

    @rule("review_counted.r", "finds every unit")
    def r(self, ctx: Context) -> Iterator[FindingBlock]:
        ids = ctx.examine([u.id for u in ctx.structure.units])
        yield from ctx.findings(ids, Messages(_counted, ids), Messages(_counted, ids))


@pytest.fixture
def counted() -> Iterator[None]:
    registry.register(_Counted)
    try:
        yield
    finally:
        registry.unregister(_Counted.name)


def test_a_summary_counts_findings_without_making_their_messages(counted: None) -> None:
    from govmodel.distributed import summarize

    s = govmodel.datasets.load("yuetang")
    _MADE.clear()
    got = summarize(s, [_Counted.name])
    assert _MADE == []
    # the counts are those of the findings read as objects
    a = govmodel.assess(s, _Counted.name)
    want: dict[str, int] = {}
    for f in a.findings:
        key = f"{f.rule}:{f.severity}"
        want[key] = want.get(key, 0) + 1
    assert got.findings[_Counted.name] == want
    assert sum(want.values()) == len(s.units)

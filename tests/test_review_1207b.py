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


def _five_at(i: int) -> str:
    return 5 if i == 2000 else f"m{i}"  # type: ignore[return-value]


class _Bad(GovernanceModel):
    name = "review_bad"
    title = "A message that is no str, beyond the first block"

    @rule("review_bad.r", "finds 3000 subjects")
    def r(self, ctx: Context) -> Iterator[FindingBlock]:
        yield from ctx.findings([f"s{i}" for i in range(3000)], Messages(_five_at, range(3000)))


def test_a_message_that_is_no_str_is_named_by_its_place_in_what_the_rule_gave() -> None:
    a = govmodel.assess(govmodel.datasets.load("yuetang"), _Bad)
    says = r"message 2000 of Messages\(_five_at, 1 columns of 3000\) is int 5, not a str"
    with pytest.raises(TypeError, match=says):
        a.findings
    with pytest.raises(TypeError, match=says):
        a.to_json()


def test_a_slice_of_messages_names_a_message_by_its_place_in_the_whole() -> None:
    m = Messages(lambda i: None if i == 7 else str(i), range(10))
    with pytest.raises(TypeError, match=r"message 7 of .* columns of 10\) is NoneType"):
        m[::-2][1]
    with pytest.raises(TypeError, match=r"message 7 of .* columns of 10\) is NoneType"):
        list(m[5:][1:])
    with pytest.raises(TypeError, match=r"message 7 of .* columns of 10\) is NoneType"):
        m[-3]

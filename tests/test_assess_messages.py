"""Messages made when they are read (:class:`govmodel.models.Messages`).

A rule may give :meth:`Context.findings` its messages as a function and columns instead of
strings. The assessment keeps them unmade; what it reads back is the same, field for field
and type for type, as from the strings; what only counts findings makes none; pickling
makes them.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

import pytest

import govmodel
from govmodel.assess import _found, assess, compare
from govmodel.models import Context, FindingBlock, GovernanceModel, Messages, rule
from govmodel.models.base import BLOCK_ROWS
from govmodel.spec import Unit

# -- the sequence ---------------------------------------------------------------------------


def test_messages_read_as_the_sequence_of_what_make_makes() -> None:
    m = Messages("{}: {}".format, ["a", "b", "c"], [1, 2, 3])
    assert len(m) == 3
    assert list(m) == ["a: 1", "b: 2", "c: 3"]
    assert (m[0], m[-1]) == ("a: 1", "c: 3")
    part = m[1:]
    assert type(part) is Messages
    assert list(part) == ["b: 2", "c: 3"]
    assert list(m[::-2]) == ["c: 3", "a: 1"]
    assert list(m[5:]) == []
    assert len(m[5:]) == 0
    assert "c: 3" in m
    assert m.index("b: 2") == 1
    assert repr(m) == "Messages(str.format, 2 columns of 3)"
    with pytest.raises(IndexError):
        m[3]


def test_messages_of_arrays_and_ranges() -> None:
    np = pytest.importorskip("numpy")
    m = Messages("{}-{}".format, np.array([1, 2, 3]), range(3))
    assert list(m) == ["1-0", "2-1", "3-2"]
    assert list(m[1:]) == ["2-1", "3-2"]


def test_messages_are_made_each_time_they_are_read_and_not_before() -> None:
    made: list[str] = []

    def make(x: str) -> str:
        made.append(x)
        return x.upper()

    m = Messages(make, ["a", "b"])
    m2 = m[:1]
    assert made == []
    assert len(m2) == 1
    assert m[1] == "B"
    assert made == ["b"]
    assert list(m) == ["A", "B"]
    assert made == ["b", "a", "b"]


@pytest.mark.parametrize(
    ("args", "error", "says"),
    [
        ((str,), TypeError, "at least one column"),
        (("not callable", ["a"]), TypeError, "a function making each message"),
        ((str, ["a", "b"], ["x"]), ValueError, "column 1 has 2 values, column 2 has 1"),
        ((str, [], [], ["x"]), ValueError, "column 1 has 0 values, column 3 has 1"),
        ((str, (x for x in "ab")), TypeError, "column 1 of the messages is generator, not a"),
        ((str, ["a"], {"b"}), TypeError, "column 2 of the messages is set, not a sequence"),
        ((str, "ab"), TypeError, "column 1 of the messages is str, not a sequence"),
        ((str, {"a": 1}), TypeError, "column 1 of the messages is dict, not a sequence"),
    ],
)
def test_messages_refuse_what_cannot_make_them(
    args: tuple[Any, ...], error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        Messages(*args)


class _Text(str):
    pass


def test_a_message_that_is_not_a_str_is_refused_when_it_is_read() -> None:
    m = Messages(lambda x: x if x != 2 else b"two", [1, 2])
    with pytest.raises(TypeError, match=r"message 0 of Messages\(.*\) is int 1, not a str"):
        m[0]
    with pytest.raises(TypeError, match=r"message 0 .* is int 1"):
        list(m)
    with pytest.raises(TypeError, match=r"message 1 .* is bytes b'two'"):
        list(Messages(lambda x: x, ["a", b"two"]))
    kept = Messages(_Text, ["a"])[0]  # a str of a subclass is a str
    assert type(kept) is _Text
    assert kept == "a"


def test_pickled_messages_are_the_list_of_their_messages() -> None:
    m = Messages(lambda x: f"<{x}>", ["a", "b"])  # a lambda cannot be pickled
    back = pickle.loads(pickle.dumps(m))
    assert back == ["<a>", "<b>"]
    assert type(back) is list


# -- in an assessment ------------------------------------------------------------------------

N = 2 * BLOCK_ROWS + 300  # three blocks, the last short


def _rows(n: int = N) -> list[tuple[str, str, int]]:
    return [(f"s{i}", f"name {i}" + ("😀" if i == 1500 else ""), i) for i in range(n)]


def _en(subject: str, name: str) -> str:
    return f"{name} ({subject}) is bad"


def _zh(name: str, n: int) -> str:
    return f"{name} 第{n}项不合格" if n % 3 else ""


class _Ways(GovernanceModel):
    """The same findings with messages as strings, unmade, and one of each; and the
    messages of blocks among findings one by one and blocks of strings."""

    name = "ways"
    title = "Messages three ways"

    @rule("ways.strings", "as strings")
    def strings(self, ctx: Context) -> Iterator[FindingBlock]:
        rows = _rows()
        yield from ctx.findings(
            [s for s, _, _ in rows],
            [_en(s, name) for s, name, _ in rows],
            [_zh(name, n) for _, name, n in rows],
            n=[n for _, _, n in rows],
        )

    @rule("ways.unmade", "unmade")
    def unmade(self, ctx: Context) -> Iterator[FindingBlock]:
        rows = _rows()
        subjects, names, ns = ([r[k] for r in rows] for k in range(3))
        yield from ctx.findings(
            subjects, Messages(_en, subjects, names), Messages(_zh, names, ns), n=ns
        )

    @rule("ways.half", "English unmade, Chinese as strings, given as an iterator")
    def half(self, ctx: Context) -> Iterator[FindingBlock]:
        rows = _rows()
        subjects, names, ns = ([r[k] for r in rows] for k in range(3))
        yield from ctx.findings(
            iter(subjects),
            Messages(_en, subjects, names),
            (_zh(name, n) for name, n in zip(names, ns, strict=True)),
            n=iter(ns),
        )

    @rule("ways.mixed", "unmade blocks among findings and blocks of strings")
    def mixed(self, ctx: Context) -> Iterator[Any]:
        rows = _rows(1200)
        for s, name, n in rows[:10]:
            yield ctx.finding(s, _en(s, name), _zh(name, n), n=n)
        part = rows[10:600]
        yield from ctx.findings(
            [r[0] for r in part],
            Messages(_en, [r[0] for r in part], [r[1] for r in part]),
            Messages(_zh, [r[1] for r in part], [r[2] for r in part]),
            n=[r[2] for r in part],
        )
        part = rows[600:]
        yield from ctx.findings(
            [r[0] for r in part],
            [_en(s, name) for s, name, _ in part],
            [_zh(name, n) for _, name, n in part],
            n=[r[2] for r in part],
        )

    @rule("ways.mixed_strings", "the same as strings")
    def mixed_strings(self, ctx: Context) -> Iterator[Any]:
        for s, name, n in _rows(1200):
            yield ctx.finding(s, _en(s, name), _zh(name, n), n=n)


def _plain(findings: Any) -> list[tuple[Any, ...]]:
    return [
        (f.subject, f.message, type(f.message), f.message_zh, f.severity, dict(f.data))
        for f in findings
    ]


def test_unmade_messages_read_back_as_the_same_findings_as_strings() -> None:
    a = assess(govmodel.datasets.load("yuetang"), _Ways)
    want = _plain(a.rule("ways.strings").findings)
    assert len(want) == N
    assert want[1500][1] == "name 1500😀 (s1500) is bad"
    for name in ("ways.unmade", "ways.half"):
        r = a.rule(name)
        assert _found(r).objects is None  # kept by column
        assert _plain(r.findings) == want
        assert _plain(list(r.findings)[BLOCK_ROWS - 1 : BLOCK_ROWS + 1]) == want[1023:1025]
    assert _plain(a.rule("ways.mixed").findings) == _plain(a.rule("ways.mixed_strings").findings)
    for lang in ("en", "zh"):  # the reports read the messages
        found = a.to_dict(lang)["findings"]
        by_rule: dict[str, list[Any]] = {}
        for f in found:
            by_rule.setdefault(f.pop("rule"), []).append(f)
        assert by_rule["ways.unmade"] == by_rule["ways.strings"] == by_rule["ways.half"]
        assert by_rule["ways.mixed"] == by_rule["ways.mixed_strings"]
        got = by_rule["ways.unmade"]
        assert got[1500]["message"] == "name 1500😀 (s1500) is bad"  # no Chinese: English
        assert got[1501]["message"] == (
            "name 1501 (s1501) is bad" if lang == "en" else "name 1501 第1501项不合格"
        )


def test_what_only_counts_findings_makes_no_message() -> None:
    made: list[int] = []

    def make(subject: str) -> str:
        made.append(1)
        return f"{subject} is bad"

    class Counted(GovernanceModel):
        name = "counted"
        title = "Counted"

        @rule("counted.rows", "rows")
        def rows(self, ctx: Context) -> Iterator[FindingBlock]:
            subjects = [f"s{i}" for i in range(3000)]
            ctx.examine(subjects)
            yield from ctx.findings(subjects, Messages(make, subjects), Messages(make, subjects))

    s = govmodel.datasets.load("yuetang")
    a = assess(s, Counted)
    r = a.rule("counted.rows")
    assert (r.status, r.examined, a.counts["failed"]) == ("failed", 3000, 1)
    assert a.summary().endswith("3000 findings")
    compare(s, [Counted, "four_level"]).to_text()
    assert made == []
    assert r.findings[2999].message == "s2999 is bad"
    assert len(made) == 3000 * 2  # a finding is made with both of its messages
    made.clear()
    a.to_json()
    assert len(made) == 3000  # the English report makes the English messages only
    made.clear()
    a.to_json("zh")
    assert len(made) == 6000  # a Chinese message falls back on the English one


def test_an_assessment_with_unmade_messages_pickles_with_them_made() -> None:
    a = assess(govmodel.datasets.load("yuetang"), _Ways)
    texts = _found(a.rule("ways.mixed")).message
    assert {type(b) for b in texts.blocks} == {str, Messages}  # type: ignore[union-attr]
    kept = pickle.loads(pickle.dumps(texts))  # a lambda could not be pickled: made first
    assert {type(b) for b in kept.blocks} == {str}
    assert list(kept) == list(texts)
    assert len(list(kept)) == 1200
    back = pickle.loads(pickle.dumps(a))
    for r in a.rules:
        assert _plain(back.rule(r.rule.id).findings) == _plain(r.findings)
    assert back.to_json("zh") == a.to_json("zh")


@pytest.mark.parametrize(
    ("subjects", "messages", "zh", "wrong"),
    [
        (3, 2, None, "3 subjects but 2 messages"),
        (1, 2, None, "1 subjects but more messages"),
        (BLOCK_ROWS, BLOCK_ROWS + 1, None, f"{BLOCK_ROWS} subjects but more messages"),
        (BLOCK_ROWS + 5, BLOCK_ROWS + 5, 3, "at least 1024 subjects but 3 messages_zh"),
        (2, 2, 3, "2 subjects but more messages_zh"),
    ],
)
def test_unmade_messages_of_another_length_are_refused(
    subjects: int, messages: int, zh: int | None, wrong: str
) -> None:
    ctx = Context(govmodel.datasets.load("yuetang"), _Ways())
    ctx._rule = _Ways.rules()[0]
    args: list[Any] = [[f"s{i}" for i in range(subjects)], Messages(str, range(messages))]
    if zh is not None:
        args.append(Messages(str, range(zh)))
    with pytest.raises(ValueError, match=f"rule 'ways.strings' have {wrong}"):
        list(ctx.findings(*args))


def test_a_block_of_unmade_messages_is_checked_as_one_of_strings() -> None:
    with pytest.raises(ValueError, match="2 subjects but 1 messages"):
        FindingBlock("m.r", "warning", ["a", "b"], Messages(str, ["x"]), ["", ""], {})
    b = FindingBlock(
        "m.r", "warning", ["a", "b"], Messages("<{}>".format, ["x", "y"]), ["", ""], {}
    )
    assert [f.message for f in b] == ["<x>", "<y>"]
    assert b[1].message == "<y>"


def test_a_message_not_a_str_is_refused_when_the_findings_are_read() -> None:
    class Odd(GovernanceModel):
        name = "odd"
        title = "Odd"

        @rule("odd.rows", "rows")
        def rows(self, ctx: Context) -> Iterator[FindingBlock]:
            yield from ctx.findings(
                ["a", "b"], Messages(lambda s: 1 if s == "b" else s, ["a", "b"])
            )

    a = assess(govmodel.datasets.load("yuetang"), Odd)
    assert a.summary().endswith("2 findings")
    with pytest.raises(TypeError, match=r"message 1 of Messages.* is int 1, not a str"):
        a.rule("odd.rows").findings


# -- the built-in models -----------------------------------------------------------------------


def test_the_built_in_rules_of_many_findings_keep_their_messages_unmade() -> None:
    s = govmodel.synth.district(6, seed=2)
    a = assess(s, "grid")
    r = a.rule("grid.coverage")
    texts = _found(r).message
    assert Messages in {type(b) for b in texts.blocks}  # type: ignore[union-attr]
    buildings = {u.id: u for u in s.units if u.kind == "building"}
    about = [f for f in r.findings if f.subject in buildings]
    assert len(about) == len(buildings) > 0
    for f in about:
        u: Unit = buildings[f.subject]
        named = f"{u.name} ({u.id})" if u.name else u.id
        assert (f.message, f.message_zh) == (
            f"building {named} lies in no unit grid",
            f"楼栋 {named} 不属于任何单元网格",
        )
    groups = _found(assess(s, "four_level").rule("four_level.building_groups")).message
    assert Messages in {type(b) for b in groups.blocks}  # type: ignore[union-attr]
    for texts in (_found(r).message, groups):  # strings only: no entity is kept alive
        kept = [b for b in texts.blocks if type(b) is Messages]  # type: ignore[union-attr]
        assert {type(v) for m in kept for column in m.columns for v in column} == {str}

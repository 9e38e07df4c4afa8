"""How an assessment keeps its findings (by column) and what it leaves behind (no lookups).

The findings read back from an assessment are the findings the rules yielded, field for
field and type for type, in the same order and grouped the same way; every report is the
same as one made from the findings as objects.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

import attrs
import pytest

import govmodel
from govmodel.assess import Assessment, RuleResult, _Findings, _found, assess, compare
from govmodel.index import StructureIndex
from govmodel.models import Context, Finding, FindingBlock, GovernanceModel, rule
from govmodel.models import registry as models

MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")


def _yielded(structure: Any, model: GovernanceModel) -> dict[str, list[Finding]]:
    """What the model's rules yield, grouped as assessments always grouped them: run by
    run, into the list of the rule each finding names; a block of findings
    (:meth:`Context.findings`) read finding by finding."""
    by_rule: dict[str, list[Finding]] = {r.id: [] for r in model.rules()}
    ctx = Context(structure, model)
    for rule_id, run in itertools.groupby(model.run_rules(ctx), lambda f: f.rule):
        got = by_rule.setdefault(rule_id, [])
        for x in run:
            if isinstance(x, FindingBlock):
                got.extend(x)
            else:
                got.append(x)
    return by_rule


def _same(got: tuple[Any, ...], want: list[Any]) -> None:
    assert got == tuple(want)
    for a, b in zip(got, want, strict=True):
        assert type(a) is type(b)
        for field in attrs.fields(Finding):
            x, y = getattr(a, field.name), getattr(b, field.name)
            assert type(x) is type(y), field.name
        assert list(a.data.items()) == list(b.data.items())  # the same order of keys
        assert [type(v) for v in a.data.values()] == [type(v) for v in b.data.values()]


@pytest.mark.parametrize("name", MODELS)
def test_the_findings_read_back_are_those_the_rules_yielded(name: str) -> None:
    s = govmodel.synth.district(12, seed=3)
    a = assess(s, name)
    want = _yielded(s, models.get(name)())
    assert sum(map(len, want.values())) > 0 or name == "eight_roles"
    for r in a.rules:
        _same(r.findings, want[r.rule.id])
    _same(a.findings, [f for r in a.rules for f in want[r.rule.id]])


def _as_objects(a: Assessment) -> Assessment:
    """The same assessment with each rule's findings given as objects."""
    rules = tuple(RuleResult(r.rule, r.findings, r.examined) for r in a.rules)
    assert all(_found(r).objects is not None for r in rules)
    return attrs.evolve(a, rules=rules)


@pytest.mark.parametrize("name", MODELS)
def test_every_report_is_the_same_as_from_the_findings_as_objects(name: str) -> None:
    a = assess(govmodel.synth.district(12, seed=3), name)
    assert all(_found(r).objects is None for r in a.rules if r.findings)  # kept by column
    b = _as_objects(a)
    assert a == b
    for lang in ("en", "zh"):
        assert a.to_dict(lang) == b.to_dict(lang)
        assert a.to_json(lang) == b.to_json(lang)
        assert a.to_text(lang) == b.to_text(lang)
        assert a.to_markdown(lang, max_findings=3) == b.to_markdown(lang, max_findings=3)
        assert a.to_html(lang, max_findings=None) == b.to_html(lang, max_findings=None)
    assert repr(a) == repr(b)
    assert a.ok == b.ok
    assert a.counts == b.counts
    assert [(r.status, r.result) for r in a.rules] == [(r.status, r.result) for r in b.rules]


class _Varied(GovernanceModel):
    """Findings of every shape: data with no, one and several values, messages with wide
    characters (past a block of joined text), a severity of their own, no Chinese, findings
    named for another rule, and objects that are not plain findings."""

    name = "varied"
    title = "Varied findings"

    @rule("varied.many", "Many findings.")
    def many(self, ctx: Context) -> Iterator[Finding]:
        for i in range(2500):
            wide = "😀" if i == 1500 else ("社区" if i % 7 == 0 else "")
            data: dict[str, Any] = {}
            if i % 3 == 1:
                data = {"count": i}
            elif i % 3 == 2:
                data = {"share": i / 7, "ok": i % 2 == 0, "id": f"x{i}", "n": i}
            yield ctx.finding(
                None if i % 11 == 0 else f"u{i % 50}",
                f"finding {i}{wide}",
                "" if i % 5 == 0 else f"发现 {i}",
                severity="error" if i % 13 == 0 else None,
                **data,
            )
            if i % 600 == 0:  # one for the next rule, in between
                yield Finding("varied.few", "info", "elsewhere", f"from many {i}")

    @rule("varied.few", "A few findings, one not a plain Finding.", severity="info")
    def few(self, ctx: Context) -> Iterator[Finding]:
        yield ctx.finding("a", "first", data_value=1)
        yield _Special("varied.few", "info", "b", "special", "特殊")
        yield ctx.finding("c", "after it")

    @rule("varied.silent", "Finds nothing.")
    def silent(self, ctx: Context) -> Iterator[Finding]:
        return iter(())

    @rule("varied.undeclared_elsewhere", "Names a rule it is not.")
    def stray(self, ctx: Context) -> Iterator[Finding]:
        yield Finding("varied.nowhere", "warning", "z", "names no declared rule")


@attrs.frozen
class _Special(Finding):
    pass


def test_findings_of_every_shape_read_back_exactly() -> None:
    s = govmodel.datasets.load("yuetang")
    a = assess(s, _Varied)
    want = _yielded(s, _Varied())
    for r in a.rules:
        _same(r.findings, want[r.rule.id])
    assert len(a.rule("varied.many").findings) == 2500
    assert a.rule("varied.many").findings[1500].message == "finding 1500😀"
    assert _found(a.rule("varied.many")).objects is None  # by column, past several blocks
    few = a.rule("varied.few").findings
    assert [f.subject for f in few] == ["elsewhere"] * 5 + ["a", "b", "c"]
    assert type(few[6]) is _Special
    assert a.rule("varied.silent").findings == ()
    assert "varied.nowhere" not in {f.rule for f in a.findings}  # as always: not a rule
    assert a.to_json() == _as_objects(a).to_json()


def _made(ctx: Context, prefix: str, n: int) -> list[Finding]:
    """``n`` findings made with ``ctx.finding``, each with data of its own (none, one value
    or two), so that a finding read back with another's fields shows."""
    out = []
    for i in range(n):
        data: dict[str, Any] = (
            {} if i % 3 == 0 else {"i": i} if i % 3 == 1 else {"i": i, "p": prefix}
        )
        out.append(ctx.finding(f"{prefix}{i}", f"{prefix} {i}", f"{prefix}·{i}", **data))
    return out


class _OutOfStep(GovernanceModel):
    """Rules that yield other than what ``ctx.finding`` made, in the order it made it."""

    name = "out_of_step"
    title = "Findings out of step"

    @rule("out_of_step.in_step", "Yields what it makes, as it makes it.")
    def in_step(self, ctx: Context) -> Iterator[Finding]:
        for i in range(1500):
            yield ctx.finding(f"s{i}", f"in step {i}", n=i)

    @rule("out_of_step.some", "Makes findings and yields only some of them.")
    def some(self, ctx: Context) -> Iterator[Finding]:
        made = _made(ctx, "some", 2600)
        yield from (f for i, f in enumerate(made) if i % 4 != 1)

    @rule("out_of_step.unyielded", "Makes findings and yields none.")
    def unyielded(self, ctx: Context) -> Iterator[Finding]:
        _made(ctx, "none", 10)
        return iter(())

    @rule("out_of_step.twice", "Yields a finding twice.")
    def twice(self, ctx: Context) -> Iterator[Finding]:
        for i, f in enumerate(_made(ctx, "twice", 1200)):
            yield f
            if i in (0, 700):
                yield f

    @rule("out_of_step.reordered", "Yields its findings in another order.")
    def reordered(self, ctx: Context) -> Iterator[Finding]:
        made = _made(ctx, "reordered", 2100)
        yield from made[1:3]
        yield made[0]
        yield from reversed(made[3:])

    @rule("out_of_step.mixed", "Mixes findings made by hand with those of ctx.finding.")
    def mixed(self, ctx: Context) -> Iterator[Finding]:
        for i in range(1800):
            if i % 5 == 2:
                yield Finding(
                    "out_of_step.mixed", "warning", f"h{i}", f"by hand {i}", data={"h": i}
                )
            else:
                yield ctx.finding(f"m{i}", f"made {i}", **({"m": i} if i % 2 else {}))

    @rule("out_of_step.late", "Yields a finding before those made before it.")
    def late(self, ctx: Context) -> Iterator[Finding]:
        for i, f in enumerate(_made(ctx, "late", 1100)):
            if i == 1050:
                yield ctx.finding("late", "made late, yielded first", late=True)
            yield f

    @rule("out_of_step.again", "Yields what it makes, as it makes it, after the others.")
    def again(self, ctx: Context) -> Iterator[Finding]:
        for i in range(1100):
            yield ctx.finding(f"a{i}", f"again {i}", again=i, **({"more": "x"} if i % 2 else {}))


def test_findings_not_yielded_as_ctx_finding_made_them_read_back_exactly() -> None:
    s = govmodel.datasets.load("yuetang")
    a = assess(s, _OutOfStep)
    want = _yielded(s, _OutOfStep())
    assert {r.rule.id: len(r.findings) for r in a.rules} == {
        "out_of_step.in_step": 1500,
        "out_of_step.some": 1950,
        "out_of_step.unyielded": 0,
        "out_of_step.twice": 1202,
        "out_of_step.reordered": 2100,
        "out_of_step.mixed": 1800,
        "out_of_step.late": 1101,
        "out_of_step.again": 1100,
    }
    for r in a.rules:
        _same(r.findings, want[r.rule.id])
        assert _found(r).objects is None or not r.findings  # plain findings: by column
    assert a.to_json() == _as_objects(a).to_json()


def _rows(prefix: str, n: int) -> list[tuple[str | None, str, str, dict[str, Any]]]:
    """``n`` findings' arguments: subjects (some none), messages (some with wide characters,
    some Chinese empty) and data of the same names for all, values of several types."""
    return [
        (
            None if i % 9 == 0 else f"{prefix}{i}",
            f"{prefix} {i}" + ("😀" if i == 1300 else ""),
            "" if i % 4 == 0 else f"{prefix}·{i}",
            {"n": i, "share": i / 3, "flag": i % 2 == 0, "id": f"x{i}", "none": None},
        )
        for i in range(n)
    ]


def _block(
    ctx: Context, rows: list[Any], names: tuple[str, ...], **kw: Any
) -> Iterator[FindingBlock]:
    return ctx.findings(
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        **kw,
        **{k: [r[3][k] for r in rows] for k in names},
    )


def _one_by_one(
    ctx: Context, rows: list[Any], names: tuple[str, ...], **kw: Any
) -> Iterator[Finding]:
    for s, m, z, d in rows:
        yield ctx.finding(s, m, z, **kw, **{k: d[k] for k in names})


class _Blocks(GovernanceModel):
    """The same findings yielded in blocks (``ctx.findings``) and one by one
    (``ctx.finding``), rule by rule: no data, one name, several; blocks among single
    findings; an empty block; a severity of its own; a message that is not a string."""

    name = "blocks"
    title = "Findings in blocks"
    SHAPES: ClassVar[dict[str, tuple[tuple[str, ...], int]]] = {
        "bare": ((), 1500),
        "one": (("n",), 2300),
        "several": (("n", "share", "flag", "id", "none"), 1100),
    }

    def _pair(self, ctx: Context, shape: str, blocks: bool) -> Iterator[Any]:
        names, n = self.SHAPES[shape]
        rows = _rows(shape, n)
        if blocks:
            yield from _block(ctx, rows, names)
        else:
            yield from _one_by_one(ctx, rows, names)

    @rule("blocks.bare", "blocks without data")
    def bare(self, ctx: Context) -> Iterator[Any]:
        return self._pair(ctx, "bare", True)

    @rule("blocks.bare_each", "the same one by one")
    def bare_each(self, ctx: Context) -> Iterator[Any]:
        return self._pair(ctx, "bare", False)

    @rule("blocks.one", "blocks with one name")
    def one(self, ctx: Context) -> Iterator[Any]:
        return self._pair(ctx, "one", True)

    @rule("blocks.one_each", "the same one by one")
    def one_each(self, ctx: Context) -> Iterator[Any]:
        return self._pair(ctx, "one", False)

    @rule("blocks.several", "blocks with several names")
    def several(self, ctx: Context) -> Iterator[Any]:
        return self._pair(ctx, "several", True)

    @rule("blocks.several_each", "the same one by one")
    def several_each(self, ctx: Context) -> Iterator[Any]:
        return self._pair(ctx, "several", False)

    @rule("blocks.mixed", "blocks among single findings, an empty one, another severity")
    def mixed(self, ctx: Context) -> Iterator[Any]:
        rows = _rows("mixed", 3000)
        yield from _one_by_one(ctx, rows[:700], ("n",))
        yield from _block(ctx, rows[700:1800], ("n",), severity="error")
        yield from ctx.findings([], [])
        yield FindingBlock("blocks.mixed", "warning", [], [], [], {})  # one empty block
        yield from _one_by_one(ctx, rows[1800:1801], ("n", "id"))
        yield from _block(ctx, rows[1801:], ("n",))

    @rule("blocks.mixed_each", "the same one by one")
    def mixed_each(self, ctx: Context) -> Iterator[Any]:
        rows = _rows("mixed", 3000)
        yield from _one_by_one(ctx, rows[:700], ("n",))
        yield from _one_by_one(ctx, rows[700:1800], ("n",), severity="error")
        yield from _one_by_one(ctx, rows[1800:1801], ("n", "id"))
        yield from _one_by_one(ctx, rows[1801:], ("n",))

    @rule("blocks.odd", "a block whose message is not a string, then another block")
    def odd(self, ctx: Context) -> Iterator[Any]:
        rows = _rows("odd", 50)
        yield from _block(ctx, rows[:20], ("n",))
        yield from ctx.findings(["x"], [_Text("not a str")])
        yield from _block(ctx, rows[20:], ("n",))


class _Text(str):
    pass


def _as_each(r: RuleResult) -> tuple[Finding, ...]:
    return tuple(attrs.evolve(f, rule=f.rule.removesuffix("_each")) for f in r.findings)


def test_findings_in_blocks_read_back_as_the_same_findings_one_by_one() -> None:
    s = govmodel.datasets.load("yuetang")
    a = assess(s, _Blocks)
    want = _yielded(s, _Blocks())
    for r in a.rules:
        _same(r.findings, want[r.rule.id])  # the blocks read finding by finding
        if r.rule.id != "blocks.odd":
            assert _found(r).objects is None  # kept by column
    for shape in ("bare", "one", "several", "mixed"):
        block, each = a.rule(f"blocks.{shape}"), a.rule(f"blocks.{shape}_each")
        _same(
            tuple(attrs.evolve(f, rule=each.rule.id) for f in block.findings), list(each.findings)
        )
    assert len(a.rule("blocks.mixed").findings) == 3000
    assert {f.severity for f in a.rule("blocks.mixed").findings[700:1800]} == {"error"}
    odd = a.rule("blocks.odd").findings
    assert _found(a.rule("blocks.odd")).objects is not None  # kept as objects from the odd one
    assert [f.subject for f in odd][19:22] == ["odd19", "x", "odd20"]
    assert type(odd[20].message) is _Text
    assert a.to_json() == _as_objects(a).to_json()


def test_a_finding_block_reads_as_its_findings() -> None:
    s = govmodel.datasets.load("yuetang")
    ctx = Context(s, _Blocks())
    ctx._rule = _Blocks.rules()[0]
    rows = _rows("r", 7)
    (b,) = _block(ctx, rows, ("n", "id"))
    each = list(_one_by_one(ctx, rows, ("n", "id")))
    assert len(b) == 7
    _same(tuple(b), each)
    _same(tuple(b[i] for i in range(-7, 7)), each + each)
    _same(b[2:5], each[2:5])
    _same(b[::-2], each[::-2])
    assert isinstance(b, Sequence)
    assert list(reversed(b)) == each[::-1]
    assert b.index(each[3]) == 3
    assert repr(b) == "FindingBlock(rule='blocks.bare', severity='warning', n=7)"
    with pytest.raises(IndexError):
        b[7]


class _MyBlock(FindingBlock):
    """A block that reads its findings its own way (upper-case messages)."""

    def __iter__(self) -> Iterator[Finding]:
        for f in super().__iter__():
            yield attrs.evolve(f, message=f.message.upper())


class _Subclassed(GovernanceModel):
    name = "subclassed"
    title = "A block of a subclass"

    @rule("subclassed.rows", "A block of a subclass between single findings.")
    def rows(self, ctx: Context) -> Iterator[Any]:
        yield ctx.finding("a", "first")
        yield _MyBlock("subclassed.rows", "warning", ["b", "c"], ["b", "c"], ["", ""], {})
        yield ctx.finding("d", "last")


def test_a_block_of_a_subclass_gives_the_findings_it_reads() -> None:
    a = assess(govmodel.datasets.load("yuetang"), _Subclassed)
    found = a.rule("subclassed.rows").findings
    assert [(f.subject, f.message) for f in found] == [
        ("a", "first"),
        ("b", "B"),
        ("c", "C"),
        ("d", "last"),
    ]
    assert all(type(f) is Finding for f in found)
    assert "subclassed.rows" in a.to_json()


class _Named(GovernanceModel):
    name = "named_data"
    title = "Data named as the arguments"

    @rule("named_data.rows", "Data named subject, message, subjects and messages.")
    def rows(self, ctx: Context) -> Iterator[Any]:
        yield ctx.finding("a", "one", "", subject="s", message="m", message_zh="z")
        yield from ctx.findings(
            ["b"], ["two"], None, subjects=["s"], messages=["m"], messages_zh=["z"]
        )


def test_any_name_but_severity_names_data() -> None:
    a = assess(govmodel.datasets.load("yuetang"), _Named)
    assert [(f.subject, f.message, dict(f.data)) for f in a.rule("named_data.rows").findings] == [
        ("a", "one", {"subject": "s", "message": "m", "message_zh": "z"}),
        ("b", "two", {"subjects": "s", "messages": "m", "messages_zh": "z"}),
    ]


def test_a_block_checks_its_messages_whatever_its_data_are_named() -> None:
    with pytest.raises(ValueError, match="2 subjects but 1 messages"):
        FindingBlock("m.r", "warning", ["a", "b"], ["one"], ["", ""], {"messages": [1, 2]})


def _long(n: int) -> list[str]:
    return [f"v{i}" for i in range(n)]


@pytest.mark.parametrize(
    ("args", "data", "wrong"),
    [
        ((["a", "b"], ["m"]), {}, "2 subjects but 1 messages"),
        ((["a"], ["m"], ["z", "y"]), {}, "1 subjects but more messages_zh"),
        ((["a", "b"], ["m", "n"]), {"k": [1]}, "2 subjects but 1 values of 'k'"),
        ((["a"], ["m"]), {"k": iter([1, 2])}, "1 subjects but more values of 'k'"),
        # found in the second block, and past the last subject of the first
        ((_long(3000), _long(3000)), {"k": _long(2000)}, "at least 2048 subjects but 2000 values"),
        ((_long(1024), _long(1025)), {}, "1024 subjects but more messages"),
        (
            (_long(2048), _long(2048), _long(2047)),
            {},
            "at least 2048 subjects but 2047 messages_zh",
        ),
    ],
)
def test_a_finding_block_of_columns_of_other_lengths_is_refused(
    args: tuple[Any, ...], data: dict[str, Any], wrong: str
) -> None:
    ctx = Context(govmodel.datasets.load("yuetang"), _Blocks())
    with pytest.raises(RuntimeError, match="while a rule runs"):
        ctx.findings(*args, **data)
    ctx._rule = _Blocks.rules()[0]
    with pytest.raises(ValueError, match=f"rule 'blocks.bare' have {wrong}"):
        list(ctx.findings(*args, **data))


def test_findings_are_read_a_block_at_a_time() -> None:
    ctx = Context(govmodel.datasets.load("yuetang"), _Blocks())
    ctx._rule = _Blocks.rules()[0]
    made: list[int] = []

    def messages(n: int) -> Iterator[str]:
        for i in range(n):
            made.append(i)
            yield f"m{i}"

    blocks = ctx.findings(_long(2500), messages(2500), n=range(2500))
    assert made == []  # nothing read before the first block is asked for
    first = next(blocks)
    assert len(first) == 1024
    assert len(made) == 1024
    rest = list(blocks)
    assert [len(b) for b in rest] == [1024, 452]
    assert rest[-1][-1].data["n"] == 2499
    assert list(ctx.findings([], [])) == []


class _ManyBlocks(GovernanceModel):
    name = "many_blocks"
    title = "Many blocks of long messages"

    @rule("many_blocks.rows", "100 blocks of 1,024 findings with messages of 100 characters.")
    def rows(self, ctx: Context) -> Iterator[Any]:
        n = 100 * 1024
        yield from ctx.findings(
            (f"s{i}" for i in range(n)),
            (f"{i:>100}" for i in range(n)),
            (f"{i:>50}" for i in range(n)),
        )


def test_an_assessment_holds_one_block_of_findings_at_a_time() -> None:
    import tracemalloc

    s = govmodel.datasets.load("yuetang")
    assess(s, _ManyBlocks)  # imports and caches out of the count
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        a = assess(s, _ManyBlocks)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(a.rule("many_blocks.rows").findings) == 100 * 1024
    kept -= before
    # the messages as strings of their own would be some 2.5 times what the columns keep
    # of them: held all at once, the peak would be 3.5 times what is kept
    assert peak - before < 1.25 * kept


def test_a_rule_result_is_the_attrs_class_it_was() -> None:
    a = assess(govmodel.datasets.load("xihu"), "tripartite")
    r = next(r for r in a.rules if len(r.findings) > 1)
    plain = RuleResult(r.rule, tuple(r.findings), r.examined)
    assert type(r.findings) is tuple
    assert r == plain
    assert hash(r) == hash(plain)
    assert repr(r) == repr(plain)
    assert attrs.asdict(r) == attrs.asdict(plain)
    assert [f.name for f in attrs.fields(RuleResult)] == ["rule", "findings", "examined"]
    assert pickle.loads(pickle.dumps(r)) == r
    fewer = attrs.evolve(r, findings=r.findings[:1])
    assert fewer.findings == r.findings[:1]
    assert fewer.rule == r.rule
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.findings = ()  # type: ignore[misc]
    assert isinstance(_found(r), _Findings)


def test_an_assessment_drops_the_lookups_it_built_and_keeps_the_others() -> None:
    s = govmodel.synth.district(8, seed=1)
    ix = StructureIndex.of(s)
    ix.children("x")  # a lookup the caller built before
    before = set(ix.lookups())
    assert before
    a = assess(s, "four_level")
    assert StructureIndex.of(s) is ix  # the index itself stays with the structure
    assert set(ix.lookups()) == before
    c = compare(s, MODELS)
    assert set(ix.lookups()) == before
    assert c.assessments[-1].to_json() == a.to_json()
    # assessed again, with the lookups built again, the same
    assert assess(s, "four_level").to_json() == a.to_json()


def test_an_assessment_of_a_fresh_structure_leaves_its_index_bare() -> None:
    s = govmodel.synth.district(8, seed=1)
    compare(s, MODELS)
    assert StructureIndex.of(s).lookups() == frozenset()


class _Peek(GovernanceModel):
    """Notes the lookups the index holds when it is assessed."""

    name = "peek"
    seen: ClassVar[list[Any]] = []

    @rule("peek.lookups", "notes the index's lookups")
    def lookups(self, ctx: Context) -> Iterator[Finding]:
        _Peek.seen = list(ctx.index.lookups())
        return iter(())


def _classify_keys(keys: list[Any]) -> set[Any]:
    return {k for k in keys if type(k) is tuple and k[0] == "govmodel.classify"}


def test_compare_drops_the_classifiers_lookups_once_every_classifier_has_labelled() -> None:
    s = govmodel.synth.district(8, seed=1)
    ix = StructureIndex.of(s)
    govmodel.classify.classify(s, ["network_mode"])  # lookups the caller built before
    before = set(ix.lookups())
    mine = _classify_keys(list(before))
    assert mine
    # tripartite does not label the network mode: the classifiers' lookups stay
    compare(s, ["tripartite", _Peek])
    assert _classify_keys(_Peek.seen) > mine
    assert set(ix.lookups()) == before
    # after grid every built-in classifier has labelled: only the caller's are left
    c = compare(s, [*MODELS, _Peek])
    assert _classify_keys(_Peek.seen) == mine
    assert set(_Peek.seen) - mine > before - mine  # the models' other lookups stay
    assert set(ix.lookups()) == before
    for a in c.assessments[:-1]:
        assert a.to_json() == assess(s, a.model).to_json()

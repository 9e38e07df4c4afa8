"""The plug-in contract: declaring models, the registry, entry points, assessments."""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import govmodel
from govmodel.assess import ASSESSMENT_SCHEMA, assess, compare
from govmodel.errors import ModelError
from govmodel.models import (
    Context,
    Finding,
    GovernanceModel,
    PluginWarning,
    Source,
    measure,
    registry,
    rule,
)
from govmodel.spec import Organization, Structure, Unit
from govmodel.vocab import Term


class Toy(GovernanceModel):
    name = "toy"
    title = "Toy model"
    title_zh = "玩具模式"
    source = Source("toy.txt", "Nowhere", "无处", 2024)

    @rule(
        "toy.branch", "Every compound has a party branch.", "每个小区都有党支部。", severity="error"
    )
    def branch(self, ctx: Context) -> Iterator[Finding]:
        hosted = {o.unit for o in ctx.structure.organizations if ctx.vocab.is_party(o.kind)}
        for u in ctx.units("compound"):
            if u.id not in hosted:
                yield ctx.finding(u.id, f"{u.id} has no branch", f"{u.id} 没有党支部", households=3)

    @rule("toy.nothing", "Never finds anything.")
    def nothing(self, ctx: Context) -> Iterator[Finding]:
        return iter(())

    @measure("compounds", "compounds", "小区数")
    def compounds(self, ctx: Context) -> int:
        return len(ctx.units("compound"))

    @measure("households", "households", "户数", per="compound", rollup="sum")
    def households(self, ctx: Context) -> dict[str, Any]:
        return {u.id: u.attributes.get("households", 0) for u in ctx.units("compound")}

    @measure("has_branch", "has a branch", "有党支部", per="compound", rollup="mean")
    def has_branch(self, ctx: Context) -> dict[str, float]:
        hosted = {o.unit for o in ctx.structure.organizations if ctx.vocab.is_party(o.kind)}
        return {u.id: float(u.id in hosted) for u in ctx.units("compound")}


def toy_structure() -> Structure:
    return Structure(
        units=[
            Unit("s", "street"),
            Unit("c1", "community", parent="s"),
            Unit("c2", "community", parent="s"),
            Unit("x1", "compound", parent="c1", attributes={"households": 100}),
            Unit("x2", "compound", parent="c1", attributes={"households": 50}),
            Unit("x3", "compound", parent="c2", attributes={"households": 30}),
        ],
        organizations=[Organization("b1", "compound_party_branch", unit="x1")],
    )


def test_declarations_are_collected_in_order() -> None:
    assert [r.id for r in Toy.rules()] == ["toy.branch", "toy.nothing"]
    assert [m.name for m in Toy.measures()] == ["compounds", "households", "has_branch"]
    assert Toy.rules()[0].severity == "error"


def test_subclass_inherits_and_overrides_rules() -> None:
    class Child(Toy):
        name = "child"

        @rule("toy.nothing", "Now finds the structure.", severity="info")
        def nothing2(self, ctx: Context) -> Iterator[Finding]:
            yield ctx.finding(None, "hello")

    assert [r.id for r in Child.rules()] == ["toy.branch", "toy.nothing"]
    a = assess(toy_structure(), Child)
    assert a.rule("toy.nothing").findings[0].severity == "info"
    assert a.rule("toy.nothing").passed  # info findings do not fail a rule


def test_bad_rule_declarations_are_refused() -> None:
    with pytest.raises(ValueError, match="dotted"):
        rule("NoDots", "x")
    with pytest.raises(ValueError, match="severity"):
        rule("a.b", "x", severity="fatal")  # type: ignore[arg-type]


def test_assessment_findings_measures_and_rollups() -> None:
    a = assess(toy_structure(), Toy)
    assert not a.ok
    assert [f.subject for f in a.findings] == ["x2", "x3"]
    assert a.findings[0].message_zh == "x2 没有党支部"
    assert a.findings[0].data["households"] == 3
    assert a.metrics["compounds"].value == 3
    hh = a.metrics["households"]
    assert hh.by_unit == {"x1": 100, "x2": 50, "x3": 30}
    assert hh.by_level == {"street": {"s": 180}, "community": {"c1": 150, "c2": 30}}
    assert hh.value == 180
    br = a.metrics["has_branch"]
    assert br.by_level["community"] == {"c1": 0.5, "c2": 0.0}
    assert br.by_level["street"]["s"] == pytest.approx(1 / 3)
    assert br.value == pytest.approx(1 / 3)


def test_assessment_renders_in_every_format_and_language() -> None:
    a = assess(toy_structure(), Toy)
    data = json.loads(a.to_json())
    assert data["schema"] == ASSESSMENT_SCHEMA
    assert {"model", "findings", "labels", "metrics"} <= set(data)
    assert data["model"] == "toy"
    assert [f["subject"] for f in data["findings"]] == ["x2", "x3"]
    assert data["metrics"]["households"]["by_level"]["community"] == {"c1": 150, "c2": 30}
    assert json.loads(a.to_json("zh"))["findings"][0]["message"] == "x2 没有党支部"
    text = a.to_text()
    assert "toy.branch" in text
    assert "FAIL" in text
    assert "x3 has no branch" in text
    assert "未通过" in a.to_text("zh")
    md = a.to_markdown()
    assert md.startswith("## Toy model [toy]")
    assert "| toy.branch | error | — | 2 | FAIL |" in md
    html = a._repr_html_()
    assert "<table>" in html
    assert "x3 has no branch" in html
    assert a.to_json() == assess(toy_structure(), Toy).to_json()
    with pytest.raises(ValueError, match="unknown format"):
        a.render("pdf")


def test_register_get_names_and_errors() -> None:
    registry.register(Toy)
    try:
        assert "toy" in registry.names()
        assert registry.get("toy") is Toy
        assert assess(toy_structure(), "toy").model == "toy"

        class Other(Toy):
            name = "toy"

        with pytest.raises(ModelError, match="already registered"):
            registry.register(Other)
        with pytest.raises(ModelError, match="did you mean 'toy'"):
            registry.get("tyo")
        with pytest.raises(ModelError, match="not a GovernanceModel"):
            registry.register(dict)  # type: ignore[arg-type]
        with pytest.raises(ModelError, match="identifier"):
            registry.register(Toy, name="not an identifier")
    finally:
        registry.unregister("toy")
    assert "toy" not in registry.names()


def test_model_error_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        govmodel.models.get("no_such_model")


class FakeEntryPoint:
    def __init__(
        self, name: str, value: str, obj: Any = None, exc: Exception | None = None
    ) -> None:
        self.name, self.value, self._obj, self._exc = name, value, obj, exc

    def load(self) -> Any:
        if self._exc is not None:
            raise self._exc
        return self._obj


def test_entry_point_problems_are_warned_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = [
        FakeEntryPoint("good", "pkg:Good", Toy),
        FakeEntryPoint("broken", "pkg:Broken", exc=ImportError("no module named pkg")),
        FakeEntryPoint("wrong_type", "pkg:thing", obj=42),
        FakeEntryPoint("bad name", "pkg:Bad", Toy),
        FakeEntryPoint("four_level", "evil:Shadow", Toy),
        FakeEntryPoint(
            "four_level", "govmodel.models.four_level:FourLevel", obj=registry.get("four_level")
        ),
    ]
    monkeypatch.setattr(registry, "entry_points", lambda group: fakes)
    monkeypatch.setattr(registry, "_models", {})
    monkeypatch.setattr(registry, "_origins", {})
    monkeypatch.setattr(registry, "_loaded", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert registry.names() == ("four_level", "good")
    messages = [str(w.message) for w in caught if issubclass(w.category, PluginWarning)]
    assert any("'broken'" in m and "failed to load" in m for m in messages)
    assert any("'wrong_type'" in m and "not a GovernanceModel subclass" in m for m in messages)
    assert any("'bad name'" in m and "not an identifier" in m for m in messages)
    assert any("evil:Shadow" in m and "already taken" in m for m in messages)
    # the built-in wins over a plug-in that tries to shadow it
    assert registry.get("four_level").__module__ == "govmodel.models.four_level"


def test_entry_points_are_read_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import govmodel, govmodel.models.registry as r; "
        "assert not r._loaded; govmodel.models.names(); assert r._loaded; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_builtin_models_come_through_entry_points() -> None:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="govmodel.models")}
    assert {"tripartite", "grid", "council", "eight_roles", "four_level"} <= names
    for name in ("tripartite", "grid", "council", "eight_roles", "four_level"):
        assert registry.get(name).name == name


def test_refresh_keeps_registered_models() -> None:
    registry.register(Toy)
    try:
        registry.refresh()
        assert registry.get("toy") is Toy
        assert "four_level" in registry.names()
    finally:
        registry.unregister("toy")


def test_compare_side_by_side() -> None:
    class Lenient(Toy):
        name = "lenient"

        @rule("toy.branch", "No rule at all.", severity="info")
        def branch(self, ctx: Context) -> Iterator[Finding]:
            return iter(())

    c = compare(toy_structure(), [Toy, Lenient])
    data = c.to_dict()
    assert [m["model"] for m in data["models"]] == ["toy", "lenient"]
    assert data["models"][0]["rules_failed"] == ["toy.branch"]
    assert data["models"][1]["rules_failed"] == []
    assert "toy.branch" in c.to_text()


def test_assess_refuses_what_is_not_a_model() -> None:
    with pytest.raises(ModelError, match="registered name or a GovernanceModel"):
        assess(toy_structure(), 42)  # type: ignore[arg-type]


def test_reprs_are_short() -> None:
    a = assess(toy_structure(), Toy)
    assert (
        repr(a)
        == "<Assessment 'toy' of 'structure': 2 rules (1 passed, 1 failed, 0 not applicable), "
        "2 findings, 0 classifiers, 3 measures>"
    )
    assert repr(compare(toy_structure(), [Toy])) == "<Comparison of 1 models: toy>"


# -- statuses ---------------------------------------------------------------------------------


class Statuses(GovernanceModel):
    name = "statuses"
    title = "Statuses"
    title_zh = "状态"

    @rule("statuses.errors", "An error for every compound.", severity="error")
    def errors(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.examine(ctx.units("compound")):
            yield ctx.finding(u.id, f"{u.id} is wrong")

    @rule("statuses.warnings", "A warning for every compound.")
    def warnings_(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.examine(ctx.units("compound")):
            yield ctx.finding(u.id, f"{u.id} is doubtful")

    @rule("statuses.clean", "Looks at every compound, finds nothing.", severity="error")
    def clean(self, ctx: Context) -> Iterator[Finding]:
        ctx.examine(ctx.units("compound"))
        return iter(())

    @rule(
        "statuses.nothing", "Only applies to councils, of which there are none.", severity="error"
    )
    def nothing(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.examine(ctx.units("no_such_kind")):
            yield ctx.finding(u.id, "never")

    @rule("statuses.silent", "Never says what it examines.")
    def silent(self, ctx: Context) -> Iterator[Finding]:
        return iter(())

    @measure("share", "share with a branch", "有党支部的比例", quantity="share")
    def share(self, ctx: Context) -> float:
        return 2 / 3

    @measure("households", "households", "户数", per="compound", rollup="sum", quantity="count")
    def households(self, ctx: Context) -> dict[str, Any]:
        return {u.id: u.attributes.get("households", 0) for u in ctx.units("compound")}


def test_each_rule_has_a_status_and_a_result() -> None:
    a = assess(toy_structure(), Statuses)
    got = {r.rule.id: (r.status, r.result, r.examined) for r in a.rules}
    assert got == {
        "statuses.errors": ("failed", "FAIL", 3),
        "statuses.warnings": ("failed", "WARN", 3),
        "statuses.clean": ("passed", "pass", 3),
        "statuses.nothing": ("not_applicable", "N/A", 0),
        "statuses.silent": ("passed", "pass", None),
    }
    assert a.counts == {"passed": 2, "failed": 2, "not_applicable": 1}
    assert not a.rule("statuses.nothing").passed
    assert not a.ok  # an error finding; Assessment.ok is only about error findings


def test_not_applicable_is_never_counted_as_passed_in_any_report() -> None:
    a = assess(toy_structure(), Statuses)
    data = a.to_dict()
    assert data["schema"] == "govmodel.assessment/2"
    rules = {r["id"]: r for r in data["rules"]}
    assert rules["statuses.nothing"]["status"] == "not_applicable"
    assert rules["statuses.nothing"]["examined"] == 0
    assert rules["statuses.silent"]["examined"] is None
    assert "passed" not in rules["statuses.clean"]  # /1's field is gone: read "status"
    assert data["counts"] == {"passed": 2, "failed": 2, "not_applicable": 1}
    text = a.to_text()
    lines = {
        line.split()[0]: line.split() for line in text.splitlines() if line.startswith("statuses.")
    }
    assert lines["statuses.errors"][-1] == "FAIL"
    assert lines["statuses.warnings"][-1] == "WARN"
    assert lines["statuses.nothing"][-1] == "N/A"
    assert lines["statuses.clean"][-1] == "pass"
    # the failed rules split as the table shows them: one with an error, one with warnings
    assert "5 rules: 2 passed, 2 failed (1 FAIL, 1 WARN), 1 not applicable" in text
    zh = a.to_text("zh")
    assert "5 条规则：通过 2，未通过 2（错误 1，警告 1），不适用 1" in zh
    for word in ("不适用", "警告", "未通过"):
        assert word in zh
    assert "| statuses.nothing | error | 0 | 0 | N/A |" in a.to_markdown()
    html = a.to_html()
    assert '<td class="gm-na">N/A</td>' in html
    assert '<td class="gm-warn">WARN</td>' in html
    assert '<td class="gm-fail">FAIL</td>' in html
    assert "(2 passed, 2 failed, 1 not applicable)" in repr(a)
    frame = a.to_frame("rules")
    assert frame.set_index("rule").loc["statuses.nothing", "status"] == "not_applicable"
    assert frame["examined"].isna().tolist() == [False, False, False, False, True]


def test_comparison_counts_not_applicable_apart() -> None:
    c = compare(toy_structure(), [Statuses, Toy])
    data = c.to_dict()
    assert data["schema"] == "govmodel.comparison/2"
    first = data["models"][0]
    assert first["rules_passed"] == ["statuses.clean", "statuses.silent"]
    assert first["rules_failed"] == ["statuses.errors", "statuses.warnings"]
    assert first["rules_not_applicable"] == ["statuses.nothing"]
    assert first["counts"] == {"passed": 2, "failed": 2, "not_applicable": 1}
    text = c.to_text()
    header, _, row, _ = text.splitlines()[:4]
    assert header.split()[:4] == ["model", "rules", "passed", "failed"]
    assert row.split() == ["statuses", "5", "2", "2", "1", "6"]
    assert "statuses: not applicable statuses.nothing" in text
    assert "statuses: failed statuses.errors (FAIL), statuses.warnings (WARN)" in text
    assert "不适用" in c.to_text("zh")


def test_measures_show_shares_as_percentages_and_counts_as_counts() -> None:
    a = assess(toy_structure(), Statuses)
    rows = {line.split()[0]: line for line in a.to_text().splitlines() if line.strip()}
    assert "66.7 %" in rows["share"]
    assert rows["households"].split()[1:] == ["180", "compound", "sum"]
    assert "66.7%" in a.to_text("zh")
    assert a.to_dict()["metrics"]["share"]["quantity"] == "share"
    assert a.to_dict()["metrics"]["share"]["value"] == 2 / 3  # the JSON keeps the number
    for lang in ("en", "zh"):
        legend = a.to_text(lang)
        assert ("per:" in legend and "rollup:" in legend) or (
            "统计单位：" in legend and "汇总：" in legend
        )


def test_a_chinese_report_translates_every_column() -> None:
    a = assess(toy_structure(), Statuses)
    lines = a.to_text("zh").splitlines()
    headers = [lines[i - 1] for i, line in enumerate(lines) if line.startswith("─")]
    assert len(headers) == 3  # rules, findings, measures
    for h in headers:
        assert not re.search("[A-Za-z]", h), h
    for line in lines:
        if line.startswith("statuses."):
            assert not re.search("[A-Za-z]", line.split(maxsplit=1)[1]), line
    md = a.to_markdown("zh")
    for line in md.splitlines():
        if line.startswith("| ") and "statuses." not in line and "x" not in line:
            assert not re.search("[A-Za-z]", line), line
    html = a.to_html("zh")
    assert not re.search(r"<th>[^<]*[A-Za-z]", html)
    c = compare(toy_structure(), [Statuses])
    assert not re.search("[A-Za-z]", c.to_text("zh").splitlines()[0])


# -- the contract of measures ------------------------------------------------------------------


def _model_returning(value: Any, per: str | None) -> type[GovernanceModel]:
    class Bad(GovernanceModel):
        name = "bad"
        title = "Bad"

        @measure("m", "m", per=per)
        def m(self, ctx: Context) -> Any:
            return value

    return Bad


@pytest.mark.parametrize(
    ("value", "per", "what"),
    [
        (3.5, "compound", "gave float 3.5"),
        ([1, 2], "compound", "gave list [1, 2]"),
        ({"x1": 1}, None, "gave dict {'x1': 1}"),
        ("12", None, "gave str '12'"),
        ({"x1": "many"}, "compound", "for unit 'x1', but gave str 'many'"),
        ({1: 2.0}, "compound", "gave the key int 1"),
        ({"x1": [1]}, "compound", "for unit 'x1', but gave list [1]"),
    ],
)
def test_a_measure_that_breaks_its_declaration_is_a_model_error(
    value: Any, per: str | None, what: str
) -> None:
    with pytest.raises(ModelError) as err:
        assess(toy_structure(), _model_returning(value, per))
    message = str(err.value)
    assert message.startswith("model 'bad': measure 'm'")
    assert what in message
    assert isinstance(err.value, LookupError)


def test_long_values_are_shortened_in_the_message() -> None:
    with pytest.raises(ModelError) as err:
        assess(toy_structure(), _model_returning("x" * 10_000, None))
    assert len(str(err.value)) < 300


def test_what_a_measure_may_give() -> None:
    from fractions import Fraction

    for value, expected in [
        (None, None),
        (3, 3.0),
        (True, 1.0),
        (Fraction(1, 4), 0.25),
        (math.nan, None),
        (math.inf, None),
    ]:
        assert assess(toy_structure(), _model_returning(value, None)).metrics["m"].value == expected
    got = assess(
        toy_structure(), _model_returning({"x1": 2, "x2": None, "x3": math.nan}, "compound")
    )
    assert got.metrics["m"].by_unit == {"x1": 2.0}
    floats = {"x1": 0.5, "x2": math.inf, "x3": -math.inf, "c1": -0.0, "c2": math.nan}
    got = assess(toy_structure(), _model_returning(floats, "compound"))
    assert got.metrics["m"].by_unit == {"x1": 0.5, "c1": -0.0}
    assert math.copysign(1.0, got.metrics["m"].by_unit["c1"]) == -1.0
    assert [type(v) for v in got.metrics["m"].by_unit.values()] == [float, float]
    assert assess(toy_structure(), _model_returning(None, "compound")).metrics["m"].by_unit == {}


def test_per_an_unknown_unit_kind_is_refused_with_a_hint() -> None:
    with pytest.raises(ModelError, match=r"per='compund'.*did you mean 'compound'\?"):
        _model_returning(1, "compund")
    with pytest.raises(ModelError, match=r"per='zzzz'.*declare it in the model's vocabulary"):
        _model_returning(1, "zzzz")

    class Stations(GovernanceModel):  # a kind the model declares is known
        name = "stations_kind"
        vocabulary = (Term("unit_kinds", "station_area", "station area", "服务站片区", rank=7),)

        @measure("m", "m", per="station_area")
        def m(self, ctx: Context) -> dict[str, float]:
            return {}

    assert Stations.measures()[0].per == "station_area"


def test_bad_measure_declarations_are_refused() -> None:
    with pytest.raises(ValueError, match="rollup"):
        measure("m", "m", rollup="median")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="quantity"):
        measure("m", "m", quantity="percent")  # type: ignore[arg-type]


# -- rollups -------------------------------------------------------------------------------------


def _reference_rollup(
    structure: Structure, values: dict[str, float], how: str
) -> dict[str, dict[str, float]]:
    """The rollup as govmodel 0.x computed it: each value added to every ancestor, in order."""
    parent = {u.id: u.parent for u in structure.units}
    kind = {u.id: u.kind for u in structure.units}
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for uid, v in values.items():
        seen = {uid}
        p = parent.get(uid)
        while p is not None and p not in seen:
            seen.add(p)
            sums[p] = sums.get(p, 0.0) + v
            counts[p] = counts.get(p, 0) + 1
            p = parent.get(p)
    out: dict[str, dict[str, float]] = {}
    for u in structure.units:
        if u.id in sums:
            out.setdefault(kind[u.id], {})[u.id] = (
                sums[u.id] if how == "sum" else sums[u.id] / counts[u.id]
            )
    return out


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a) == json.dumps(b)  # bit for bit, in the same order


def _structures() -> list[Structure]:
    from govmodel import synth

    out = [govmodel.datasets.load(n) for n in govmodel.datasets.names()]
    out += [synth.district(seed=1, preset="yuetang"), synth.district(200, seed=2, preset="xihu")]
    out.append(synth.city(600, seed=1))
    return out


def test_rollups_are_the_same_as_before_on_every_dataset_and_synthetic_structure() -> None:
    checked = 0
    for s in _structures():
        c = compare(s)
        for a in c.assessments:
            for m in a.metrics.values():
                if m.spec.per is None:
                    continue
                ref = _reference_rollup(s, dict(m.by_unit), m.spec.rollup)
                assert _same(m.by_level, ref), (s.metadata.name, a.model, m.spec.name)
                checked += bool(m.by_unit)
    assert checked > 100


def _chain(n: int) -> Structure:
    units = [Unit("u0", "district")]
    units += [Unit(f"u{i}", "compound", parent=f"u{i - 1}") for i in range(1, n)]
    return Structure(units=units)


class EveryCompound(GovernanceModel):
    name = "every_compound"
    title = "A value per compound"

    @measure("share", "share", per="compound", rollup="sum")
    def share(self, ctx: Context) -> dict[str, float]:
        return {u.id: (i % 7) / 7 for i, u in enumerate(ctx.units("compound"))}

    @measure("count", "count", per="compound", rollup="mean")
    def count(self, ctx: Context) -> dict[str, int]:
        return {u.id: i % 5 for i, u in enumerate(ctx.units("compound"))}


def test_rollup_of_a_deep_chain_is_right() -> None:
    s = _chain(1_500)  # deep enough that the sums are made level by level
    a = assess(s, EveryCompound)
    count = a.metrics["count"]
    assert _same(count.by_level, _reference_rollup(s, dict(count.by_unit), "mean"))
    share = a.metrics["share"].by_level["compound"]
    ref = _reference_rollup(s, dict(a.metrics["share"].by_unit), "sum")["compound"]
    assert list(share) == list(ref)
    assert all(math.isclose(share[u], ref[u], rel_tol=1e-12) for u in ref)


def test_rollup_of_an_invalid_structure_reads_units_by_id() -> None:
    s = toy_structure()
    s = Structure(
        units=[
            *s.units,
            Unit("x1", "compound", parent="c2"),
            Unit("x9", "compound", parent="nowhere"),
        ]
    )
    from govmodel.index import StructureIndex

    with pytest.raises(govmodel.SpecError):
        StructureIndex.of(s)
    a = assess(s, Toy)
    hh = a.metrics["households"]
    assert _same(hh.by_level, _reference_rollup(s, dict(hh.by_unit), "sum"))


@pytest.mark.timing
def test_rollup_time_is_linear_in_the_depth_of_the_chain() -> None:
    from govmodel.testing.linear import assert_linear

    # a fresh structure for each run: assess keeps the index it builds on the structure
    assert_linear(_chain, lambda s: assess(s, EveryCompound), 3_000, fresh=True)


@pytest.mark.parametrize("rule_id", ["model.rule\n", "model.rule\r\n", "model.ru\u0663le", "model"])
def test_a_rule_id_is_plain_dotted_ascii(rule_id: str) -> None:
    with pytest.raises(ValueError, match="dotted snake_case"):
        rule(rule_id, "A rule.")


class _Finds(GovernanceModel):
    name = "finds"
    title = "Finds one thing with data and one without"

    @rule("finds.things", "Finds things.")
    def things(self, ctx: Context) -> Iterator[Finding]:
        yield ctx.finding("yt-c1", "with data", "有数据", count=3, share=0.5, ok=True, id="x")
        yield ctx.finding("yt-c2", "without data", severity="error")
        yield ctx.finding(None, "about the structure")


def test_a_finding_of_the_context_is_the_finding_the_class_makes() -> None:
    got = assess(govmodel.datasets.load("yuetang"), _Finds).findings
    made = (
        Finding(
            "finds.things",
            "warning",
            "yt-c1",
            "with data",
            "有数据",
            {"count": 3, "share": 0.5, "ok": True, "id": "x"},
        ),
        Finding("finds.things", "error", "yt-c2", "without data"),
        Finding("finds.things", "warning", None, "about the structure"),
    )
    assert got == made
    for a, b in zip(got, made, strict=True):
        assert hash(a) == hash(b)
        assert repr(a) == repr(b)
        for field in ("rule", "severity", "subject", "message", "message_zh", "data"):
            assert type(getattr(a, field)) is type(getattr(b, field)), field
        assert [type(v) for v in a.data.values()] == [type(v) for v in b.data.values()]
    with pytest.raises(AttributeError):
        got[0].message = "changed"  # type: ignore[misc]


def test_an_unknown_name_lists_every_installed_model_without_importing_it() -> None:
    import subprocess
    import sys

    code = (
        "import sys, govmodel\n"
        "from govmodel.models import registry\n"
        "try:\n"
        "    registry.get('fourlevel')\n"
        "except LookupError as e:\n"
        "    print(e)\n"
        "print(sorted(m for m in sys.modules if m.startswith('govmodel.models.')"
        " and m.rsplit('.', 1)[1] in ('grid', 'council', 'tripartite', 'eight_roles')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    message, imported = out.stdout.splitlines()
    assert "did you mean 'four_level'?" in message
    known = message.split("(known: ", 1)[1].rstrip(")").split(", ")
    assert {"tripartite", "grid", "council", "eight_roles", "four_level", "civil_code"} <= set(
        known
    )
    assert imported == "[]"  # named from the metadata, none of them imported

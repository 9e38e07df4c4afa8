"""The plug-in contract: declaring models, the registry, entry points, assessments."""

from __future__ import annotations

import json
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

"""The public helpers the built-in models are written with (govmodel.models.helpers), what
every rule declares it examined, and that the built-in models use public names only."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import attrs
import pytest

import govmodel
from govmodel import datasets
from govmodel.index import StructureIndex
from govmodel.models import (
    Context,
    GovernanceModel,
    builtin_classifier,
    fewer_published,
    labels,
    measure,
    period_key,
    published_figure,
    rule,
    truthy,
)
from govmodel.spec import Observation, Organization, Structure, Unit
from govmodel.vocab import Term

MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")
SRC = Path(govmodel.__file__).resolve().parent / "models"


@pytest.mark.parametrize(
    ("value", "yes"),
    [
        ("no", False),
        (" FALSE ", False),
        ("0", False),
        ("", False),
        ("None", False),
        ("否", False),
        (" 无 ", False),
        ("没有", False),
        ("不是", False),
        ("NULL", False),
        ("n/a", False),
        ("N", False),
        ("off", False),
        ("是", True),
        ("有", True),
        ("yes", True),
        ("x", True),
        (0, False),
        (1, True),
        (None, False),
        (True, True),
        ([], False),
    ],
)
def test_truthy(value: object, yes: bool) -> None:
    assert truthy(value) is yes


def test_periods_order_by_their_end_then_their_start() -> None:
    periods = ["2021", None, "2020/2021", "2021-06", "2019/2021-06", "2021-06-30"]
    assert sorted(periods, key=period_key) == [
        None,
        "2019/2021-06",
        "2021-06",
        "2021-06-30",
        "2020/2021",
        "2021",
    ]


class Declared(GovernanceModel):
    name = "declared"
    title = "Declared with the helpers"
    compounds = published_figure("compounds", "compounds", "小区数")
    covered = published_figure(
        "coverage_rate",
        "property coverage",
        "物业覆盖率",
        name="property_coverage",
        where=lambda o: "property" in str(o.attributes.get("of", "")),
    )
    management_mode = builtin_classifier("management_mode", "management", "物业管理模式")


@pytest.mark.parametrize("name", ["yuetang", "xihu", "chengdu"])
def test_the_declared_forms_give_the_index_figure_and_the_classifier_labels(name: str) -> None:
    s = datasets.load(name)
    a = govmodel.assess(s, Declared)
    ix = StructureIndex.of(s)
    assert a.metrics["compounds"].value == ix.published("compounds")
    assert [m.name for m in Declared.measures()] == ["compounds", "property_coverage"]
    assert [(c.name, c.method) for c in Declared.classifiers()] == [
        ("management_mode", "management_mode")
    ]
    assert (
        a.labels["management_mode"]
        == govmodel.classify.classify(govmodel.to_graph(s), ["management_mode"])["management_mode"]
    )


def test_a_published_figure_reads_only_the_observations_it_is_told_to() -> None:
    s = Structure(
        units=[Unit("d", "district")],
        observations=[
            Observation("o1", "d", "coverage_rate", 0.5, attributes={"of": "property"}),
            Observation("o2", "d", "coverage_rate", 0.9, "2024", attributes={"of": "party"}),
        ],
    )
    assert govmodel.assess(s, Declared).metrics["property_coverage"].value == 0.5


def test_labels_are_computed_once_for_the_models_compared_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    classify = Context.classify

    def counted(self: Context, names: Any) -> Any:
        calls.extend(names)
        return classify(self, names)

    monkeypatch.setattr(Context, "classify", counted)

    class Twice(GovernanceModel):
        name = "twice"

        @measure("quasi", "quasi", "准物业")
        def quasi(self, ctx: Context) -> int:
            first = labels(ctx, "management_mode")
            assert labels(ctx, "management_mode") is first
            return sum(lab.value == "quasi_property" for lab in first.values())

    assert govmodel.assess(datasets.load("xihu"), Twice).metrics["quasi"].value == 1
    assert calls == ["management_mode"]


def _counted(s: Structure, kind: str, indicator: str) -> GovernanceModel:
    class Counted(GovernanceModel):
        name = "counted"

        @rule("counted.figures", "No more than published.")
        def figures(self, ctx: Context) -> Any:
            places = [o.unit or "" for o in ctx.index.orgs_of_kind(kind)]
            yield from fewer_published(ctx, indicator, places)

    return Counted()


def test_fewer_published_counts_inside_each_publishing_unit() -> None:
    s = Structure(
        units=[
            Unit("d", "district"),
            Unit("c1", "community", parent="d"),
            Unit("c2", "community", parent="d"),
        ],
        organizations=[
            Organization("w1", "work_station", unit="c1"),
            Organization("w2", "work_station", unit="c1"),
            Organization("w3", "work_station", unit="c2"),
        ],
        observations=[
            Observation("o1", "d", "work_stations", 2),  # holds 3: found
            Observation("o2", "c1", "work_stations", 2),  # holds 2: fine
            Observation("o3", "w1", "work_stations", 0),  # not a unit: not examined
        ],
    )
    r = govmodel.assess(s, _counted(s, "work_station", "work_stations")).rule("counted.figures")
    assert r.examined == 2
    assert [(f.subject, f.data["published"], f.data["modelled"]) for f in r.findings] == [
        ("d", 2.0, 3)
    ]
    # a figure the vocabulary does not name is said by its key
    (f,) = r.findings
    assert f.message == "d publishes 2 work_stations but the structure holds 3"
    assert f.message_zh == "d 公布的work_stations为 2，但结构中有 3 个"
    assert f.data["indicator"] == "work_stations"
    none = govmodel.assess(s, _counted(s, "work_station", "nothing")).rule("counted.figures")
    assert (none.examined, none.status) == (0, "not_applicable")


@pytest.mark.parametrize("model", MODELS)
def test_every_rule_says_what_it_examined(model: str) -> None:
    for s in (Structure(), *(datasets.load(n) for n in datasets.names())):
        a = govmodel.assess(s, model)
        assert [r.rule.id for r in a.rules if r.examined is None] == []
        if not s.units:
            assert {r.status for r in a.rules} == {"not_applicable"}


#: The law packs and the package they share (govmodel.models.law): templates too.
LAW_PACKS = tuple(sorted(f"law/{p.name}" for p in (SRC / "law").glob("*.py")))


def test_the_law_packs_are_all_checked() -> None:
    assert "law/__init__.py" in LAW_PACKS
    assert {"law/civil_code.py", "law/hangzhou.py", "law/party.py"} <= set(LAW_PACKS)


@pytest.mark.parametrize("model", [f"{m}.py" for m in MODELS] + list(LAW_PACKS))
def test_the_built_in_models_import_public_names_only(model: str) -> None:
    tree = ast.parse((SRC / model).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            assert node.module is not None
            assert not any(part.startswith("_") for part in node.module.split(".")), node.module
            assert not [a.name for a in node.names if a.name.startswith("_")], node.module
        elif isinstance(node, ast.Import):
            assert not [a.name for a in node.names if "._" in a.name or a.name.startswith("_")]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in {"index", "ix", "ctx", "govmodel"}
        ):
            assert not node.attr.startswith("_"), f"{node.value.id}.{node.attr}"
    assert not (SRC / "_common.py").exists()


def test_models_compared_together_share_the_index_and_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[int] = []
    build = StructureIndex.from_structure.__func__  # type: ignore[attr-defined]

    def counted(cls: type[StructureIndex], s: Structure, **kw: Any) -> StructureIndex:
        built.append(1)
        return build(cls, s, **kw)  # type: ignore[no-any-return]

    monkeypatch.setattr(StructureIndex, "from_structure", classmethod(counted))
    s = datasets.load("yuetang")
    together = govmodel.compare(s, MODELS)
    assert len(built) == 1
    alone = [govmodel.assess(s, m) for m in MODELS]
    assert [a.to_json() for a in together.assessments] == [a.to_json() for a in alone]


def test_a_model_that_ranks_kinds_otherwise_reads_them_its_way() -> None:
    class Reranked(govmodel.models.get("grid")):  # type: ignore[misc]
        name = "grid_reranked"
        vocabulary = (Term("unit_kinds", "building", "building", "楼栋", rank=5),)

    s = datasets.load("jinfeng")
    c = govmodel.compare(s, ["grid", Reranked])
    plain, reranked = (a.rule("grid.core") for a in c.assessments)
    buildings = {u.id for u in s.units if u.kind == "building"}
    assert not buildings & {f.subject for f in plain.findings}
    assert buildings <= {f.subject for f in reranked.findings}  # communities now, no core
    assert reranked.examined == (plain.examined or 0) + len(buildings)


def test_context_shared_is_shared_by_the_models_compared_together() -> None:
    built: list[str] = []

    class Probe(GovernanceModel):
        name = "probe"

        @measure("probe", "probe")
        def probe(self, ctx: Context) -> int:
            return int(ctx.shared("probe", lambda: built.append(self.name) or len(built)))

    class Other(Probe):
        name = "other"

    s = datasets.load("xihu")
    c = govmodel.compare(s, [Probe, Other])
    assert [a.metrics["probe"].value for a in c.assessments] == [1, 1]
    assert built == ["probe"]
    assert govmodel.assess(s, Other).metrics["probe"].value == 2


#: Measures that pool two indicators (pooled_rate), with a dataset that has both.
POOLED = [
    ("xihu", "tripartite", "issues_resolved", ("resolution_rate",)),
    ("xihu", "tripartite", "micro_wishes", ("micro_wish_fulfilment",)),
    ("chengdu", "council", "budget_yuan", ("project_savings_rate",)),
    (
        "jinfeng",
        "grid",
        "cases_resolved",
        (
            "resolution_rate",
            "resolved_in_grid_share",
            "resolved_in_community_share",
            "resolved_above_share",
        ),
    ),
]


@pytest.mark.parametrize(("dataset", "model", "indicator", "measures"), POOLED)
@pytest.mark.parametrize("bad", [float("nan"), float("-inf"), "12", "duplicate"])
def test_a_pooled_ratio_of_unreadable_figures_has_no_value(
    dataset: str, model: str, indicator: str, measures: tuple[str, ...], bad: object
) -> None:
    # a structure built in Python (never validated) with a figure that is not a finite
    # number, or with two figures of one subject for one period: the ratio has no value,
    # and the assessment goes on with every other measure as it was
    s = datasets.load(dataset)
    clean = govmodel.assess(s, model).metrics
    assert all(isinstance(clean[m].value, float) for m in measures)
    observations = list(s.observations)
    at = next(i for i, o in enumerate(observations) if o.indicator == indicator)
    if bad == "duplicate":
        observations.append(attrs.evolve(observations[at], id="again"))
    else:
        observations[at] = attrs.evolve(observations[at], value=bad)
    broken = attrs.evolve(s, observations=tuple(observations))
    got = govmodel.assess(broken, model).metrics
    assert [got[m].value for m in measures] == [None] * len(measures)
    unchanged = [m for m in clean if m not in measures and clean[m].spec.name != indicator]
    assert [got[m].value for m in unchanged] == [clean[m].value for m in unchanged]


def test_pooled_rate_lets_other_problems_through(monkeypatch: pytest.MonkeyPatch) -> None:
    # only unreadable figures make the ratio unknown; any other problem of the structure
    # stops the measure as it is
    from govmodel.errors import Problem, SpecError
    from govmodel.metrics import service
    from govmodel.models.helpers import pooled_rate

    def refuse(*args: object, **kwargs: object) -> None:
        raise SpecError([Problem("cycle", "$.units[0].parent", "a containment cycle")])

    class Pooled(GovernanceModel):
        name = "pooled_example"

        @measure("resolved", "share of issues resolved", quantity="share")
        def resolved(self, ctx: Context) -> float | None:
            r = pooled_rate(ctx, "issues_resolved", "issues_collected")
            return None if r is None else r.value

    s = datasets.load("xihu")
    assert govmodel.assess(s, Pooled).metrics["resolved"].value == pytest.approx(1088 / 1495)
    monkeypatch.setattr(service, "ratio", refuse)
    with pytest.raises(SpecError, match="containment cycle"):
        govmodel.assess(s, Pooled)


def test_the_happiness_trio_reads_a_figure_that_is_no_amount_as_none() -> None:
    # a micro-wishes figure given as text (a structure built in Python) neither stops the
    # assessment nor counts as micro-wishes received: it is named as no count
    s = datasets.load("xihu")
    clean = govmodel.assess(s, "tripartite").rule("tripartite.happiness_trio")
    observations = tuple(
        attrs.evolve(o, value=str(o.value)) if o.indicator == "micro_wishes" else o
        for o in s.observations
    )
    got = govmodel.assess(attrs.evolve(s, observations=observations), "tripartite")
    trio = got.rule("tripartite.happiness_trio")
    # the one community, which recorded 12 micro-wishes, now records none it can read, and
    # each figure given as text is named (the district's and the community's)
    assert (clean.examined, [f.subject for f in clean.findings]) == (1, [])
    assert trio.examined == 2  # the community, and the district with a figure to name
    assert [(f.subject, dict(f.data)) for f in trio.findings] == [
        ("xh", {"invalid": "micro_wishes", "value": "'976'"}),
        ("xh-cm", {"invalid": "micro_wishes", "value": "'12'"}),
        ("xh-cm", {"missing": "micro_wishes"}),
    ]


def test_batches_cut_items_in_lists_of_a_size() -> None:
    from govmodel.models.base import BLOCK_ROWS
    from govmodel.models.helpers import batches

    assert list(batches(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batches(iter(range(4)), 2)) == [[0, 1], [2, 3]]
    assert list(batches([], 3)) == []
    assert [len(b) for b in batches(range(BLOCK_ROWS + 1))] == [BLOCK_ROWS, 1]
    with pytest.raises(ValueError, match="at least one"):
        next(batches([1], 0))

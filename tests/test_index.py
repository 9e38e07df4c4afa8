"""The integer-coded index of a structure gives the graph's answers, without the graph.

Every measure of govmodel.metrics that accepts a StructureIndex in place of a graph is held
here against itself on the graph: the same result, field for field, or the same error.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given

import govmodel
from govmodel import SpecError, synth
from govmodel.index import StructureIndex, has_numpy
from govmodel.metrics import governance, hierarchy, service
from govmodel.metrics.hierarchy import _forest
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit
from govmodel.testing import strategies as gst

DATASETS = ("xihu", "jinfeng", "chengdu", "changsha", "yuetang")
BACKENDS = [
    "python",
    pytest.param("numpy", marks=pytest.mark.skipif(not has_numpy(), reason="numpy")),
]
PRESETS = ("xihu", "jinfeng", "chengdu", "changsha", "yuetang", "district")


@functools.cache
def _structures() -> dict[str, Structure]:
    out = {name: govmodel.datasets.load(name) for name in DATASETS}
    for preset in PRESETS:
        out[f"synth-{preset}"] = synth.district(25, seed=11, preset=preset)
    out["synth-households"] = synth.district(8, seed=4, preset="yuetang", households_as_units=True)
    out["synth-city"] = synth.city(60, seed=2, districts=2)
    return out


NAMES = list(_structures.__wrapped__())  # type: ignore[attr-defined]


def same(a: Any, b: Any) -> None:
    """Equal results (``repr`` compares every field, and NaN rates as equal)."""
    assert repr(a) == repr(b)


def _outcome(run: Any) -> tuple[str, str]:
    """What a call gives: its result, or the error it raises (with the problems)."""
    try:
        return "ok", repr(run())
    except SpecError as exc:
        return "SpecError", repr(exc.problems)
    except (ValueError, KeyError) as exc:
        return type(exc).__name__, str(exc)


def both(on_index: Any, on_graph: Any) -> None:
    """The index and the graph give the same result, or raise the same error."""
    assert _outcome(on_index) == _outcome(on_graph)


def _check_measures(s: Structure, backend: str) -> None:
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    assert (ix.n_nodes, ix.n_edges) == (G.number_of_nodes(), G.number_of_edges())
    both(
        lambda: [ix.unit_ids[u] for u in ix.containment().order],
        lambda: _forest(G, "containment").order,
    )
    for view in ("party", "leadership"):

        def ids(view: Any = view) -> list[str]:
            f, members = ix.org_forest(view)
            return [s.organizations[members[v]].id for v in f.order]

        both(ids, lambda view=view: _forest(G, view).order)
    for org_kind, unit_kind in [
        ("party", "compound"),
        (("compound_party_branch", "property_party_branch"), ("compound", "courtyard")),
        ("building_party_group", "building"),
        ("residents_committee", "community"),
    ]:
        both(
            lambda o=org_kind, u=unit_kind: governance.coverage(ix, o, u),
            lambda o=org_kind, u=unit_kind: governance.coverage(G, o, u),
        )
    both(
        lambda: governance.coverage(ix, "party", "compound", via=("located_in", "serves")),
        lambda: governance.coverage(G, "party", "compound", via=("located_in", "serves")),
    )
    # the seats alone, named otherwise; a selector of nothing, refused alike
    for via in (["located_in"], frozenset({"located_in"})):
        both(
            lambda v=via: governance.coverage(ix, "party", "compound", via=v),
            lambda v=via: governance.coverage(G, "party", "compound", via=v),
        )
    both(
        lambda: governance.coverage(ix, (), "compound"),
        lambda: governance.coverage(G, (), "compound"),
    )
    for host in ("owners_committee", ("owners_committee", "property_company")):
        both(
            lambda h=host: governance.org_coverage(ix, h),
            lambda h=host: governance.org_coverage(G, h),
        )
    for num, den in [
        ("issues_resolved", "issues_collected"),
        ("cases_resolved", "cases_reported"),
        ("micro_wishes_fulfilled", "micro_wishes"),
        ("savings_yuan", "budget_yuan"),
    ]:
        both(
            lambda n=num, d=den: service.ratio(ix, n, d),
            lambda n=num, d=den: service.ratio(G, n, d),
        )
    both(lambda: service.resolution_rate(ix), lambda: service.resolution_rate(G))
    both(lambda: service.micro_wish_fulfilment(ix), lambda: service.micro_wish_fulfilment(G))
    for as_of in (None, "2020", "2023-06"):
        both(
            lambda a=as_of: service.households_per_chief(ix, as_of=a),
            lambda a=as_of: service.households_per_chief(G, as_of=a),
        )
        both(
            lambda a=as_of: governance.cross_appointment(ix, as_of=a),
            lambda a=as_of: governance.cross_appointment(G, as_of=a),
        )
    for attribute in ("households", "residents", "issues_collected", "fee_collection_rate", "kind"):
        for how, recorded in [("sum", "inclusive"), ("mean", "own")]:
            both(
                lambda a=attribute, h=how, r=recorded: hierarchy.rollup(ix, a, how=h, recorded=r),
                lambda a=attribute, h=how, r=recorded: hierarchy.rollup(G, a, how=h, recorded=r),
            )
    both(
        lambda: hierarchy.rollup(ix, "households", include_observations=False, period="2023"),
        lambda: hierarchy.rollup(G, "households", include_observations=False, period="2023"),
    )
    for view in ("containment", "party", "leadership"):
        both(lambda v=view: hierarchy.depth(ix, view=v), lambda v=view: hierarchy.depth(G, view=v))
        for kind in (None, "compound", "building_party_group"):
            both(
                lambda v=view, k=kind: hierarchy.span_of_control(ix, view=v, child_kind=k),
                lambda v=view, k=kind: hierarchy.span_of_control(G, view=v, child_kind=k),
            )
    roots = [u.id for u in s.units[:2]] + [o.id for o in s.organizations[:2]] + ["nowhere"]
    for root in roots:
        for view in ("containment", "party"):
            both(
                lambda v=view, r=root: hierarchy.depth(ix, view=v, root=r),
                lambda v=view, r=root: hierarchy.depth(G, view=v, root=r),
            )
    both(
        lambda: governance.cross_appointment(
            ix, unit_kind=("compound", "courtyard"), branch="party"
        ),
        lambda: governance.cross_appointment(
            G, unit_kind=("compound", "courtyard"), branch="party"
        ),
    )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", NAMES)
def test_measures_on_the_index_are_the_graphs(name: str, backend: str) -> None:
    _check_measures(_structures()[name], backend)


#: Every measure that takes a graph or an index, with arguments that make it do some work.
DISPATCHED: dict[str, tuple[Any, tuple[Any, ...], dict[str, Any]]] = {
    "coverage": (governance.coverage, ("party", "compound"), {}),
    "org_coverage": (governance.org_coverage, ("owners_committee",), {}),
    "cross_appointment": (governance.cross_appointment, (), {"as_of": "2023"}),
    "ratio": (service.ratio, ("cases_resolved", "cases_reported"), {}),
    "resolution_rate": (service.resolution_rate, (), {}),
    "micro_wish_fulfilment": (service.micro_wish_fulfilment, (), {}),
    "households_per_chief": (service.households_per_chief, (), {}),
    "rollup": (hierarchy.rollup, ("households",), {"how": "mean"}),
    "depth": (hierarchy.depth, (), {"view": "party"}),
    "span_of_control": (hierarchy.span_of_control, (), {"child_kind": "building"}),
}


def test_the_dispatched_measures_are_all_listed() -> None:
    """Every public measure whose first argument may be an index is in DISPATCHED (so the
    tests below reach it), and no other."""
    import inspect

    def takes_an_index(f: Any) -> bool:
        if not inspect.isfunction(f):
            return False
        first = next(iter(inspect.signature(f).parameters.values()), None)
        return first is not None and first.annotation == "GraphOrIndex"

    found = {
        name
        for module in (governance, hierarchy, service)
        for name in module.__all__
        if takes_an_index(getattr(module, name))
    }
    assert found == set(DISPATCHED)


@functools.cache
def _graph(name: str) -> Any:
    return govmodel.to_graph(_structures()[name])


@pytest.mark.parametrize("measure", list(DISPATCHED))
@pytest.mark.parametrize("name", NAMES)
def test_every_dispatched_measure_gives_the_graphs_result(name: str, measure: str) -> None:
    f, args, kw = DISPATCHED[measure]
    ix = StructureIndex.of(_structures()[name])
    got, expected = (
        _outcome(lambda: f(ix, *args, **kw)),
        _outcome(lambda: f(_graph(name), *args, **kw)),
    )
    assert got == expected
    assert got[0] == "ok"


@pytest.mark.parametrize("measure", list(DISPATCHED))
def test_a_measure_given_neither_a_graph_nor_an_index_says_so(measure: str) -> None:
    f, args, kw = DISPATCHED[measure]
    s = govmodel.datasets.load("xihu")
    for wrong in (s, {"units": []}, None, _forest):
        with pytest.raises(TypeError) as info:
            f(wrong, *args, **kw)
        message = str(info.value)
        assert message.startswith(
            f"{measure}() takes a networkx graph or a govmodel.index.StructureIndex, "
            f"not {type(wrong).__name__}"
        )
    with pytest.raises(TypeError, match=r"govmodel.to_graph\(s\) or .*StructureIndex.of\(s\)"):
        f(s, *args, **kw)


def test_a_tie_borrowing_the_post_relation_is_read_as_the_graph_reads_it() -> None:
    """A tie of a structural relation is drawn marked ``tie`` and left out by the measures;
    the index path leaves it out too."""
    s = Structure(
        units=[Unit("x", "compound", attributes={"households": 9})],
        organizations=[Organization("pb", "compound_party_branch", unit="x")],
        people=[govmodel.Person("p1")],
        posts=[Post("po1", "p1", "pb", "neighbour_chief")],
        ties=[Tie("t", "p1", "x", "post")],
    )
    ix, G = StructureIndex.from_structure(s), govmodel.to_graph(s)
    same(service.households_per_chief(ix), service.households_per_chief(G))
    assert dict(service.households_per_chief(ix).households) == {"p1": 0}


@pytest.mark.parametrize("name", NAMES)
def test_backends_agree(name: str) -> None:
    s = _structures()[name]
    a = StructureIndex.from_structure(s, backend="python")
    b = StructureIndex.from_structure(s)
    fa, fb = a.containment(), b.containment()
    assert list(fa.order) == [int(x) for x in fb.order]
    assert list(fa.level) == [int(x) for x in fb.level]
    values = a.unit_numbers("households")[0]
    assert list(a.subtree_sums(values)) == [int(x) for x in b.subtree_sums(list(values))]
    # and the sums are sums over each subtree, node by node
    kids: dict[int, list[int]] = {}
    for v, p in enumerate(a.unit_parent):
        if p >= 0:
            kids.setdefault(p, []).append(v)

    def total(u: int) -> int:
        return int(values[u]) + sum(total(c) for c in kids.get(u, ()))

    sums = a.subtree_sums(values)
    assert all(sums[u] == total(u) for u in range(a.n_units))


def test_index_is_built_once_and_cached_on_the_structure() -> None:
    s = govmodel.datasets.load("xihu")
    assert StructureIndex.of(s) is StructureIndex.of(s)
    assert StructureIndex.of(s) is not StructureIndex.from_structure(s)


def test_index_refuses_what_to_graph_refuses() -> None:
    dup = Structure(units=[Unit("a", "compound"), Unit("a", "building")])
    dangling = Structure(units=[Unit("x", "compound", parent="nope")])
    for s in (dup, dangling):
        with pytest.raises(SpecError) as a:
            govmodel.to_graph(s)
        with pytest.raises(SpecError) as b:
            StructureIndex.from_structure(s)
        assert a.value.problems == b.value.problems


def test_invalid_dates_are_the_same_problem() -> None:
    s = Structure(
        units=[Unit("x", "compound")],
        organizations=[
            Organization("pb", "compound_party_branch", unit="x"),
            Organization("oc", "owners_committee", unit="x"),
        ],
        people=[govmodel.Person("p1"), govmodel.Person("p2")],
        posts=[
            Post("po1", "p2", "pb", "secretary", start="2021-13"),
            Post("po2", "p1", "oc", "chair", end="20x"),
            Post("po3", "p1", "pb", "member"),
        ],
    )
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s)
    both(
        lambda: governance.cross_appointment(ix, as_of="2022"),
        lambda: governance.cross_appointment(G, as_of="2022"),
    )
    both(
        lambda: service.households_per_chief(ix, role="secretary", as_of="2022"),
        lambda: service.households_per_chief(G, role="secretary", as_of="2022"),
    )


def test_cycles_are_the_same_problem() -> None:
    s = Structure(
        units=[
            Unit("a", "community", parent="c"),
            Unit("b", "compound", parent="a"),
            Unit("c", "building", parent="b"),
        ],
        organizations=[
            Organization("o1", "owners_committee", parent="o2"),
            Organization("o2", "owners_committee", parent="o1"),
        ],
    )
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s)
    for view, build in [
        ("containment", ix.containment),
        ("leadership", lambda: ix.org_forest("leadership")),
    ]:
        with pytest.raises(SpecError) as a:
            _forest(G, view)
        with pytest.raises(SpecError) as b:
            build()
        assert a.value.problems == b.value.problems


def test_invalid_references_still_give_the_graphs_answers() -> None:
    s = Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=[
            Organization("pb", "compound_party_branch", unit="x", parent="p1"),
            Organization("oc", "owners_committee", unit="p1"),
        ],
        people=[govmodel.Person("p1"), govmodel.Person("p2")],
        posts=[
            Post("po1", "p1", "pb", "secretary"),
            Post("po2", "p1", "oc", "chair"),
            Post("po3", "p2", "x", "neighbour_chief"),
        ],
        ties=[Tie("t", "p2", "x", "responsible_for"), Tie("u", "pb", "oc", "embedded_in")],
    )
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s)
    same(governance.cross_appointment(ix), governance.cross_appointment(G))
    same(service.households_per_chief(ix), service.households_per_chief(G))
    same(
        governance.org_coverage(ix, "owners_committee"),
        governance.org_coverage(G, "owners_committee"),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_cross_appointment_reads_posts_alike_whichever_way_the_index_reads_them(
    backend: str,
) -> None:
    # with a role holding a comma (the graph splits joined roles at commas) and without;
    # people with posts in several organizations, in an order their codes do not follow
    def structure(chair: str) -> Structure:
        return Structure(
            units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
            organizations=[
                Organization("pb", "compound_party_branch", unit="x"),
                Organization("oc", "owners_committee", unit="x"),
                Organization("rc", "residents_committee", unit="c"),
            ],
            people=[govmodel.Person("p1"), govmodel.Person("p2"), govmodel.Person("p3")],
            posts=[
                Post("po0", "p3", "oc", "member"),
                Post("po1", "p2", "rc", "member"),
                Post("po2", "p1", "pb", "secretary"),
                Post("po3", "p1", "oc", chair),
                Post("po4", "p2", "oc", "member"),
                Post("po5", "p3", "rc", "member"),
            ],
        )

    for chair in ("chair", "deputy,chair"):
        s = structure(chair)
        ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
        G = govmodel.to_graph(s)
        got = governance.cross_appointment(ix)
        same(got, governance.cross_appointment(G))
        assert got.appointed == {"x": ("p1",)}
        assert got.multi_post_people == {"p1": ("pb", "oc"), "p2": ("rc", "oc"), "p3": ("oc", "rc")}
        assert (got.two_committees.numerator, got.two_committees.denominator) == (2, 3)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_ratio_adds_only_the_outermost_reporting_units(backend: str) -> None:
    # a chain of nested units, some reporting, beside a second tree whose top reports
    kinds = ("district", "street", "community", "compound", "building")
    units = [Unit("u0", "city")] + [
        Unit(f"u{i}", kinds[i % len(kinds)], parent=f"u{i - 1}") for i in range(1, 40)
    ]
    units += [Unit("v0", "district"), Unit("v1", "street", parent="v0")]
    reporting = ["u3", "u4", "u17", "u39", "v1", "v0"]
    obs = [
        govmodel.Observation(f"o{k}{s}", s, ind, value)
        for s in reporting
        for k, (ind, value) in enumerate([("done", 1 + len(s)), ("asked", 10 + len(s))])
    ]
    s = Structure(units=units, observations=obs)
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    got = service.ratio(ix, "done", "asked")
    same(got, service.ratio(govmodel.to_graph(s), "done", "asked"))
    assert (got.numerator, got.denominator) == (3 + 3, 12 + 12)  # u3 and v0 alone


@given(gst.structures())
def test_index_measures_hold_on_any_structure(s: Structure) -> None:
    _check_measures(s, "numpy" if has_numpy() else "python")


@pytest.mark.parametrize("model", ["tripartite", "grid", "council", "eight_roles", "four_level"])
def test_models_assess_without_drawing_the_graph(
    model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = synth.district(20, seed=3)
    expected = govmodel.assess(s, model).to_json()

    def refuse(structure: Structure) -> None:
        raise AssertionError("the assessment drew the networkx graph")

    monkeypatch.setattr(govmodel.graph, "to_graph", refuse)
    t = synth.district(20, seed=3)
    assert govmodel.assess(t, model).to_json() == expected


def test_context_exposes_the_index() -> None:
    from govmodel.models.base import Context, GovernanceModel

    class Empty(GovernanceModel):
        name = "empty"

    s = govmodel.datasets.load("xihu")
    ctx = Context(s, Empty())
    assert ctx.index is StructureIndex.of(s)
    labels = ctx.classify(["compound_type", "tripartite"])
    assert labels == govmodel.classify.classify(
        govmodel.to_graph(s), ["compound_type", "tripartite"]
    )
    with pytest.raises(govmodel.ModelError, match="no classifier"):
        ctx.classify(["nope"])


def test_the_measures_benchmark_runs_at_a_tiny_size(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m benchmarks.measures`` times every dispatched measure both ways."""
    import json
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1]))
    from benchmarks import measures

    out = tmp_path / "measures.json"
    args = ["--compounds", "20", "--rounds", "1", "--repeat", "1", "--json", str(out)]
    assert measures.main(args) == 0
    times = json.loads(out.read_text())["times"]["after"]
    assert set(times) == set(DISPATCHED)
    assert all(t["graph"] >= 0 and t["index"] >= 0 for t in times.values())
    assert "| coverage |" in capsys.readouterr().out


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_reference_codes_are_those_of_the_ids_named(backend: str) -> None:
    """Every reference array holds the code (shifted to its section) of the id named, runs
    of one id included, and -1 for None or an id of another section."""
    if backend == "numpy":
        pytest.importorskip("numpy")
    s = synth.district(12, seed=3)
    # a post naming a unit as its organization, a unit whose parent is an organization
    s = s.replace(
        posts=(*s.posts, Post("odd-post", s.people[0].id, s.units[1].id, "member")),
        units=(*s.units, Unit("odd-unit", "building", parent=s.organizations[0].id)),
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    codes, nu, no = ix.codes, ix.n_units, ix.n_organizations

    def expected(ids: list[str | None], lo: int, hi: int) -> list[int]:
        got = [codes[i] if i is not None else -1 for i in ids]
        return [c - lo if lo <= c < hi else -1 for c in got]

    assert list(ix.unit_parent) == expected([u.parent for u in s.units], 0, nu)
    assert list(ix.org_unit) == expected([o.unit for o in s.organizations], 0, nu)
    assert list(ix.org_parent) == expected([o.parent for o in s.organizations], nu, nu + no)
    assert list(ix.post_org) == expected([p.organization for p in s.posts], nu, nu + no)
    people = (nu + no, nu + no + ix.n_people)
    assert list(ix.post_person) == expected([p.person for p in s.posts], *people)
    assert list(ix.tie_source) == expected([t.source for t in s.ties], 0, ix.n_nodes)
    assert list(ix.obs_subject) == expected([o.subject for o in s.observations], 0, ix.n_nodes)


@pytest.mark.parametrize("backend", ["numpy", "python"])
@pytest.mark.parametrize("where", ["parent", "unit", "org_parent", "post_org", "person"])
def test_a_dangling_reference_in_a_run_is_refused(backend: str, where: str) -> None:
    """An id of no node among a run of one id is found as to_graph finds it."""
    if backend == "numpy":
        pytest.importorskip("numpy")
    units = [Unit("d", "district"), *(Unit(f"u{i}", "community", parent="d") for i in range(9))]
    orgs = [Organization(f"o{i}", "residents_committee", unit="d", parent="o0") for i in range(9)]
    people = [govmodel.Person(f"p{i}") for i in range(3)]
    posts = [Post(f"x{i}", "p0", "o1", "member") for i in range(9)]
    if where == "parent":
        units[6] = Unit("u5", "community", parent="nope")
    elif where == "unit":
        orgs[5] = Organization("o5", "residents_committee", unit="nope", parent="o0")
    elif where == "org_parent":
        orgs[5] = Organization("o5", "residents_committee", unit="d", parent="nope")
    elif where == "post_org":
        posts[5] = Post("x5", "p0", "nope", "member")
    else:
        posts[5] = Post("x5", "nope", "o1", "member")
    s = Structure(units=units, organizations=orgs, people=people, posts=posts)
    with pytest.raises(SpecError) as a:
        govmodel.to_graph(s)
    with pytest.raises(SpecError) as b:
        StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    assert a.value.problems == b.value.problems


# -- the lookups models and classifiers share ------------------------------------------------------


def _tied_structure() -> Structure:
    """Organizations and people tied every way, with what a valid structure never has: a
    tie of an organization to itself, two ties alike, and ties borrowing a graph relation."""
    return Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=[
            Organization("rc", "residents_committee", unit="c"),
            Organization("oc", "owners_committee", unit="x"),
            Organization("pm", "property_management_company"),
        ],
        people=[govmodel.Person("p1")],
        posts=[Post("po1", "p1", "oc", "chair")],
        ties=[
            Tie("t1", "pm", "oc", "contracts"),
            Tie("t2", "oc", "oc", "links"),
            Tie("t3", "pm", "x", "serves"),
            Tie("t4", "rc", "x", "guides"),
            Tie("t5", "pm", "x", "serves"),
            Tie("t6", "p1", "x", "responsible_for"),
            Tie("t7", "c", "x", "serves"),
            Tie("t8", "rc", "oc", "contains"),
            Tie("t9", "rc", "x", "located_in"),
            Tie("t10", "pm", "p1", "links"),
        ],
        decisions=[
            govmodel.spec.Decision("d1", "oc", "fees"),
            govmodel.spec.Decision("d2", "rc", "a park"),
            govmodel.spec.Decision("d3", "oc", "lifts"),
        ],
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_org_ties_list_each_tie_between_organizations_from_both_ends(backend: str) -> None:
    ix = StructureIndex.from_structure(_tied_structure(), backend=backend)  # type: ignore[arg-type]
    assert dict(ix.org_ties()) == {
        "pm": (("oc", "contracts", True),),
        "oc": (("pm", "contracts", False), ("oc", "links", True), ("oc", "links", False)),
    }
    assert ix.org_ties() is ix.org_ties()  # built once, kept


@pytest.mark.parametrize("backend", BACKENDS)
def test_unit_ties_list_the_ties_into_a_unit_from_organizations_and_people(backend: str) -> None:
    ix = StructureIndex.from_structure(_tied_structure(), backend=backend)  # type: ignore[arg-type]
    assert dict(ix.unit_ties()) == {
        "x": (("pm", "serves"), ("rc", "guides"), ("pm", "serves"), ("p1", "responsible_for"))
    }
    assert ix.unit_ties() is ix.unit_ties()


@pytest.mark.parametrize("backend", BACKENDS)
def test_orgs_around_a_unit_are_those_in_it_then_those_tied_to_it(backend: str) -> None:
    ix = StructureIndex.from_structure(_tied_structure(), backend=backend)  # type: ignore[arg-type]
    assert dict(ix.orgs_around()) == {"c": ("rc",), "x": ("oc", "pm", "rc", "pm")}
    assert ix.orgs_around() is ix.orgs_around()


@pytest.mark.parametrize("backend", BACKENDS)
def test_decisions_of_a_body_are_those_it_took_in_order(backend: str) -> None:
    ix = StructureIndex.from_structure(_tied_structure(), backend=backend)  # type: ignore[arg-type]
    assert [d.id for d in ix.decisions_of("oc")] == ["d1", "d3"]
    assert [d.id for d in ix.decisions_of("rc")] == ["d2"]
    assert ix.decisions_of("pm") == ix.decisions_of("no-such-id") == ()


@given(gst.structures(max_ties=10, max_decisions=4))
def test_shared_lookups_are_those_read_off_the_structure(s: Structure) -> None:
    units = {u.id for u in s.units}
    orgs = {o.id for o in s.organizations}
    people = {p.id for p in s.people}
    org_ties: dict[str, list[tuple[str, str, bool]]] = {}
    unit_ties: dict[str, list[tuple[str, str]]] = {}
    for t in s.ties:
        if t.source in orgs and t.target in orgs:
            org_ties.setdefault(t.source, []).append((t.target, t.relation, True))
            org_ties.setdefault(t.target, []).append((t.source, t.relation, False))
        if t.target in units and (t.source in orgs or t.source in people):
            unit_ties.setdefault(t.target, []).append((t.source, t.relation))
    around: dict[str, list[str]] = {}
    for o in s.organizations:
        if o.unit is not None:
            around.setdefault(o.unit, []).append(o.id)
    for u, tied in unit_ties.items():
        if any(source in orgs for source, _ in tied):
            around.setdefault(u, []).extend(source for source, _ in tied if source in orgs)
    for backend in ("python", "numpy") if has_numpy() else ("python",):
        ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
        assert list(ix.org_ties().items()) == [(k, tuple(v)) for k, v in org_ties.items()]
        assert list(ix.unit_ties().items()) == [(k, tuple(v)) for k, v in unit_ties.items()]
        assert list(ix.orgs_around().items()) == [(k, tuple(v)) for k, v in around.items()]
        for o in s.organizations:
            assert ix.decisions_of(o.id) == tuple(d for d in s.decisions if d.body == o.id)


def _multi_holders_plainly(s: Structure) -> list[tuple[str, tuple[str, ...]]]:
    """:meth:`StructureIndex.multi_holders` by its definition, post by post."""
    orgs = {o.id for o in s.organizations}
    found: dict[str, dict[str, None]] = {}
    for p in s.posts:
        if p.organization in orgs:
            found.setdefault(p.person, {})[p.organization] = None
    order = {p.id: i for i, p in enumerate(s.people)}
    many = [(p, tuple(held)) for p, held in found.items() if len(held) > 1]
    return sorted(many, key=lambda item: order.get(item[0], len(order)))


@given(gst.structures(max_organizations=5, max_people=5, max_posts=20))
def test_multi_holders_are_the_people_with_posts_in_two_organizations(s: Structure) -> None:
    for backend in ("python", "numpy") if has_numpy() else ("python",):
        ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
        assert list(ix.multi_holders().items()) == _multi_holders_plainly(s)
        assert ix.multi_holders() is ix.multi_holders()


@given(gst.structures(max_units=14))
def test_units_within_are_the_units_of_a_rank_with_their_ancestor_of_another(
    s: Structure,
) -> None:
    for backend in ("python", "numpy") if has_numpy() else ("python",):
        ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
        for rank, within in [(7, 6), (6, 5), (6, 6), (5, 7), (9, 1)]:
            units, above = ix.units_within(rank, within)
            assert units == ix.units_at_rank(rank)
            assert above == tuple(ix.ancestor_at(u.id, within) for u in units)


@given(gst.structures(max_posts=20))
def test_posts_of_a_role_are_the_posts_with_that_role_in_order(s: Structure) -> None:
    for backend in ("python", "numpy") if has_numpy() else ("python",):
        ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
        for role in {p.role for p in s.posts} | {"no such role"}:
            assert ix.posts_of_role(role) == tuple(p for p in s.posts if p.role == role)


@pytest.mark.parametrize("backend", BACKENDS)
def test_multi_holders_of_posts_naming_what_is_no_person_or_organization(backend: str) -> None:
    # invalid: posts whose person is an organization or a unit, and one in a person; such a
    # "person" is read under the id it names, after the people, in the order of first post
    s = Structure(
        units=(Unit("u", "compound"),),
        organizations=(
            Organization("a", "owners_committee"),
            Organization("b", "residents_committee"),
        ),
        people=(Person("p"), Person("q")),
        posts=(
            Post("s1", "u", "a", "member"),
            Post("s2", "q", "b", "member"),
            Post("s3", "u", "b", "member"),
            Post("s4", "a", "b", "member"),
            Post("s5", "q", "a", "member"),
            Post("s6", "q", "b", "chair"),
            Post("s7", "a", "a", "member"),
            Post("s8", "p", "a", "member"),
            Post("s9", "p", "q", "member"),
        ),
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    assert list(ix.multi_holders().items()) == [
        ("q", ("b", "a")),
        ("u", ("a", "b")),
        ("a", ("b", "a")),
    ]
    assert list(ix.multi_holders().items()) == _multi_holders_plainly(s)


def test_cached_builds_a_derived_value_once_per_key_and_index() -> None:
    s = govmodel.datasets.load("xihu")
    ix = StructureIndex.from_structure(s)
    calls: list[str] = []

    def build(name: str) -> list[str]:
        calls.append(name)
        return [name]

    a = ix.cached(("tests", "a"), lambda: build("a"))
    assert ix.cached(("tests", "a"), lambda: build("again")) is a
    assert ix.cached(("other", "a"), lambda: build("other")) == ["other"]
    assert calls == ["a", "other"]
    # a new index of the same structure keeps its own values
    assert StructureIndex.from_structure(s).cached(("tests", "a"), lambda: build("b")) == ["b"]
    # the index's own members keep theirs under strings, which a key may not be
    with pytest.raises(TypeError, match="pair"):
        ix.cached("ties", lambda: build("x"))  # type: ignore[arg-type]


def test_forget_drops_what_was_built_since_and_only_the_owners_when_named() -> None:
    ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    before = ix.lookups()
    ix.cached(("mine", "a"), lambda: 1)
    ix.cached(("theirs", "b"), lambda: 2)
    ix.children("yt")
    grown = ix.lookups() - before
    assert {("mine", "a"), ("theirs", "b")} <= grown
    assert ix.forget(before, owner="mine") == 1
    assert ("mine", "a") not in ix.lookups()
    assert ("theirs", "b") in ix.lookups()
    assert ix.forget(before) == len(grown) - 1
    assert ix.lookups() == before
    # built again on demand, equal
    assert ix.cached(("mine", "a"), lambda: 3) == 3


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param((10**400,), None, id="an int beyond a float's range"),
        pytest.param((10**308, 10**308), None, id="a total beyond a float's range"),
        pytest.param((10**308, 1), 1e308, id="a total within it"),
    ],
)
def test_a_published_figure_beyond_a_float_is_unknown(
    values: tuple[int, ...], expected: float | None
) -> None:
    from govmodel.spec import Observation

    s = Structure(
        units=[Unit(f"m{i}", "community") for i in range(len(values))],
        observations=[Observation(f"o{i}", f"m{i}", "compounds", v) for i, v in enumerate(values)],
    )
    assert StructureIndex.from_structure(s).published("compounds") == expected
    assert govmodel.assess(s, "tripartite").metrics["compounds"].value == expected

"""The lookups of :class:`govmodel.index.StructureIndex` that models and classifiers read a
structure through: each against a plain reading of the structure, on the bundled datasets
and a synthetic district, and linear on a deep chain."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

import pytest

import govmodel
from govmodel import SpecError, synth
from govmodel.index import StructureIndex
from govmodel.metrics.hierarchy import rollup
from govmodel.models import Context
from govmodel.spec import Observation, Organization, Structure, Unit
from govmodel.testing.linear import assert_linear
from govmodel.vocab import Term

NAMES = ("xihu", "jinfeng", "chengdu", "changsha", "yuetang")


def structures() -> list[Structure]:
    return [govmodel.datasets.load(n) for n in NAMES] + [synth.district(20, seed=11)]


@pytest.fixture(params=range(len(NAMES) + 1), ids=[*NAMES, "synth"], scope="module")
def s(request: pytest.FixtureRequest) -> Structure:
    return structures()[request.param]


def walk_up(s: Structure, uid: str | None) -> list[str]:
    units = {u.id: u for u in s.units}
    out: list[str] = []
    while uid is not None and uid in units:
        out.append(uid)
        uid = units[uid].parent
    return out


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_units_and_containment(s: Structure, backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    rank = s.vocab.rank
    order = [u.id for u in s.units if u.parent is None]  # breadth first, children in order
    for uid in order:
        order += [c.id for c in s.units if c.parent == uid]
    assert ix.top_down() == tuple(order)
    for u in s.units:
        assert ix.unit(u.id) is u
        assert ix.children(u.id) == tuple(c.id for c in s.units if c.parent == u.id)
        chain = walk_up(s, u.id)
        assert list(ix.ancestors(u.id)) == chain[1:]
        assert ix.rank(u.id) == rank(u.kind)
        for r in (4, 5, 6):
            assert ix.ancestor_at(u.id, r) == next(
                (a for a in chain if rank(s.get(a).kind) == r), None
            )
    for r in (4, 5, 6, 7):
        expected = {u.id: ix.ancestor_at(u.id, r) for u in s.units}
        assert ix.ancestors_at(r) == {u: a for u, a in expected.items() if a is not None}
        assert list(ix.ancestors_at(r)) == [u for u in ix.unit_ids if expected[u] is not None]
    for kind in {u.kind for u in s.units}:
        assert ix.units_of_kind(kind) == tuple(u for u in s.units if u.kind == kind)
    for r in range(1, 10):
        assert ix.units_at_rank(r) == tuple(u for u in s.units if rank(u.kind) == r)
    assert ix.unit("nobody") is None
    assert ix.ancestor_at("nobody", 5) is None
    assert list(ix.ancestors("nobody")) == []
    assert ix.children("nobody") == ()


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_organizations_posts_and_ties(s: Structure, backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    for o in s.organizations:
        assert ix.organization(o.id) is o
        assert ix.unit(o.id) is None
        assert ix.holders(o.id) == {p.person for p in s.posts if p.organization == o.id}
        for role in {p.role for p in s.posts}:
            assert ix.holders(o.id, role) == {
                p.person for p in s.posts if p.organization == o.id and p.role == role
            }
    for unit in {o.unit for o in s.organizations} - {None}:
        assert ix.orgs_at(str(unit)) == tuple(o for o in s.organizations if o.unit == unit)
    for kind in {o.kind for o in s.organizations}:
        assert ix.orgs_of_kind(kind) == tuple(o for o in s.organizations if o.kind == kind)
    within = ix.orgs_within(6)
    for o in s.organizations:
        c = next((a for a in walk_up(s, o.unit) if s.vocab.rank(s.get(a).kind) == 6), None)
        assert (
            (o in within.get(c, ())) if c is not None else all(o not in v for v in within.values())
        )
    for o in s.organizations:
        assert ix.posts_in(o.id) == tuple(x for x in s.posts if x.organization == o.id)
    for p in s.people:
        assert ix.person(p.id) is p
        assert ix.posts_of(p.id) == tuple(x for x in s.posts if x.person == p.id)
        assert ix.roles_of(p.id) == {x.role for x in s.posts if x.person == p.id}
    some = s.units[0].id
    assert ix.posts_in(some) == ix.posts_of(some) == ix.posts_in("nobody") == ()
    assert ix.holders("nobody") == ix.holders(some, "chair") == ix.roles_of("nobody") == set()
    assert all(type(x) is frozenset for x in (ix.holders("nobody"), ix.roles_of("nobody")))
    for t in s.ties:
        rel = t.relation
        assert ix.targets(t.source, rel) == tuple(
            x.target for x in s.ties if x.relation == rel and x.source == t.source
        )
        assert ix.sources(t.target, rel) == tuple(
            x.source for x in s.ties if x.relation == rel and x.target == t.target
        )
        assert t.target in ix.linked(t.source, rel)
        assert t.source in ix.linked(t.target, rel)
        assert t in ix.ties_of(rel)


def test_names(s: Structure) -> None:
    ix = StructureIndex.from_structure(s)
    for e in (*s.units, *s.organizations, *s.people, *s.observations, *s.decisions):
        name = getattr(e, "name", "")
        assert ix.name_of(e.id) == ix.named(e) == (f"{name} ({e.id})" if name else e.id)
    assert ix.name_of("nobody") == "nobody"


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_posts_naming_a_node_of_another_section(backend: str) -> None:
    """An invalid structure that the graph still draws: posts whose organization is a unit
    and whose person is an organization are found by those ids, in order."""
    if backend == "numpy":
        pytest.importorskip("numpy")
    s = Structure(
        units=[Unit("u", "compound")],
        organizations=[Organization("o", "owners_committee", unit="u")],
        people=[govmodel.Person("p"), govmodel.Person("q")],
        posts=[
            govmodel.Post("x1", "p", "o", "chair"),
            govmodel.Post("x2", "q", "u", "member"),
            govmodel.Post("x3", "o", "u", "chair"),
            govmodel.Post("x4", "p", "u", "member"),
        ],
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    posts = s.posts
    assert ix.posts_in("o") == (posts[0],)
    assert ix.posts_in("u") == (posts[1], posts[2], posts[3])
    assert ix.posts_of("p") == (posts[0], posts[3])
    assert ix.posts_of("o") == (posts[2],)
    assert ix.posts_of("q") == (posts[1],)
    assert ix.holders("u") == {"q", "o", "p"}
    assert ix.holders("u", "chair") == {"o"}
    assert ix.roles_of("p") == {"chair", "member"}
    assert ix.roles_of("o") == {"chair"}
    assert ix.posts_in("p") == ix.posts_of("u") == ()


def test_posts_lookups_keep_a_few_bytes_per_post() -> None:
    """The posts by organization and by person are kept as one grouped tuple and an integer
    array each (about 8 bytes per post and 4 per entity), and holders and roles_of keep
    nothing: a dict of tuples per person took over a hundred bytes per post."""
    import gc
    import tracemalloc

    s = synth.district(120, seed=7)
    ix = StructureIndex.from_structure(s)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for o in s.organizations:
            ix.holders(o.id, "chair")
        for p in s.people:
            ix.roles_of(p.id)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(s.posts) > 3000
    assert kept < 40 * len(s.posts), kept


def test_latest_and_published(s: Structure) -> None:
    ix = StructureIndex.from_structure(s)
    key = StructureIndex.period_key
    for indicator in {o.indicator for o in s.observations}:
        obs = [o for o in s.observations if o.indicator == indicator]
        chosen: dict[str, Observation] = {}
        for o in obs:  # latest; of one period the last listed
            if o.subject not in chosen or key(o.period) >= key(chosen[o.subject].period):
                chosen[o.subject] = o
        for subject, o in chosen.items():
            assert ix.latest(indicator, subject) is o
            assert ix.series(indicator, subject)[-1] is o
        outer = [x for x in chosen if not any(a in chosen for a in walk_up(s, x)[1:])]
        assert ix.published(indicator) == math.fsum(float(chosen[x].value) for x in outer)
        attribute = any(indicator in u.attributes for u in s.units)
        if not attribute and all(isinstance(s.get(x), Unit) for x in chosen):
            total = rollup(govmodel.to_graph(s), indicator).total
            assert ix.published(indicator) == pytest.approx(float(total.total))
    assert ix.published("no_such_indicator") is None


def test_published_rule_tie_break_and_options() -> None:
    s = Structure(
        units=[
            Unit("d", "district"),
            Unit("c", "community", parent="d"),
            Unit("x", "compound", parent="c"),
        ],
        observations=[
            Observation("o1", "c", "n", 1, period="2020"),
            Observation("o2", "c", "n", 2, period="2021"),
            Observation("o3", "c", "n", 3, period="2021"),  # same period: the last listed counts
            Observation("o4", "x", "n", 50, period="2022"),  # inside c: left out
            Observation("o5", "c", "n", 7),  # no period: the oldest
            Observation("o6", "x", "m", 4, period="2020", attributes={"phase": "before"}),
        ],
    )
    ix = StructureIndex.from_structure(s)
    assert ix.latest("n", "c").id == "o3"  # type: ignore[union-attr]
    assert [o.id for o in ix.series("n", "c")] == ["o5", "o1", "o2", "o3"]
    assert ix.published("n") == 3.0
    assert ix.published("n", earliest=True) == 7.0
    assert ix.published("n", where=lambda o: o.period == "2020") == 1.0
    assert ix.published("m", where=lambda o: o.attributes.get("phase") == "after") is None
    assert ix.outermost(["x", "c", "zz"]) == ["c", "zz"]


def test_ranks_follow_the_vocabulary_they_are_given() -> None:
    s = govmodel.datasets.load("jinfeng")
    ix = StructureIndex.of(s)
    reranked = s.vocab.extend([Term("unit_kinds", "building", "building", "楼栋", rank=5)])
    buildings = ix.units_of_kind("building")
    assert buildings
    assert ix.rank(buildings[0].id, vocab=reranked) == 5
    assert set(ix.units_at_rank(5, vocab=reranked)) == {
        *ix.units_at_rank(5),
        *buildings,
    }
    assert ix.ancestor_at(buildings[0].id, 5, vocab=reranked) == buildings[0].id
    assert ix.ancestor_at(buildings[0].id, 5) != buildings[0].id  # the default is kept apart


def test_repeated_ids_are_refused() -> None:
    s = govmodel.datasets.load("yuetang")
    twice = s.replace(units=(*s.units, Unit(s.units[-1].id, "building")))
    with pytest.raises(SpecError) as e:
        StructureIndex.from_structure(twice)
    assert "duplicate-id" in {p.code for p in e.value.problems}


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_inherit_gives_what_nearest_gives_for_every_unit(s: Structure, backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    # every seventh unit answers, one with None (which is passed over), and ids of no unit
    answers: dict[str, object] = {u.id: (i, u.kind) for i, u in enumerate(s.units) if i % 7 == 3}
    answers[s.units[-1].id] = None
    answers["nobody"] = "ignored"
    if s.organizations:
        answers[s.organizations[0].id] = "an organization"
    got = ix.inherit(answers)
    memo: dict[str, object] = {}
    walked = {
        u.id: ix.nearest(u.id, lambda a: answers.get(a) if ix.unit(a) else None, memo)
        for u in s.units
    }
    assert got == {u: a for u, a in walked.items() if a is not None}
    assert list(got) == [u for u in ix.unit_ids if walked[u] is not None]  # in unit order
    assert ix.inherit({}) == {}


def _cycle_beside_a_street(backend: str) -> StructureIndex:
    """A street with a community and a compound, and beside it two units that contain each
    other (invalid) with a building in one, indexed on ``backend``."""
    if backend == "numpy":
        pytest.importorskip("numpy")
    s = Structure(
        units=[
            Unit("s", "street"),
            Unit("c", "community", parent="s"),
            Unit("x", "compound", parent="c"),
            Unit("a", "community", parent="b"),
            Unit("b", "compound", parent="a"),
            Unit("k", "building", parent="b"),
        ]
    )
    return StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_inherit_walks_up_where_units_contain_each_other(backend: str) -> None:
    ix = _cycle_beside_a_street(backend)
    assert ix.inherit({"s": 1, "b": 2}) == {"s": 1, "c": 1, "x": 1, "a": 2, "b": 2, "k": 2}
    assert ix.inherit({"c": 1}) == {"c": 1, "x": 1}
    assert ix.ancestors_at(5) == {"c": "c", "x": "c", "a": "a", "b": "a", "k": "a"}


def test_a_containment_cycle_ends_the_walks() -> None:
    s = Structure(units=[Unit("a", "community", parent="b"), Unit("b", "compound", parent="a")])
    ix = StructureIndex.from_structure(s)
    assert list(ix.ancestors("a")) == ["b"]
    assert ix.ancestor_at("b", 5) == "a"
    assert ix.ancestor_at("a", 4) is None
    assert ix.outermost(["a", "b"]) == []  # each lies in the other


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_a_containment_cycle_leaves_the_tree_above_it_readable(backend: str) -> None:
    ix = _cycle_beside_a_street(backend)
    assert ix.top_down() == ("s", "c", "x")  # the cycle and what lies in it are left out
    assert [ix.ancestor_at(u, 5) for u in ("s", "c", "x", "a", "b", "k")] == [
        None,
        "c",
        "c",
        "a",
        "a",
        "a",
    ]
    assert [ix.ancestor_at(u, 4) for u in ("x", "k")] == ["s", None]


def chain(n: int) -> Structure:
    """``n`` units, each inside the one before, every one observed."""
    kinds = ("district", "street", "community", "compound")
    units = [Unit("u0", "city")] + [
        Unit(f"u{i}", kinds[i % len(kinds)], parent=f"u{i - 1}") for i in range(1, n)
    ]
    obs = [Observation(f"o{i}", f"u{i}", "n", i) for i in range(n)]
    return Structure(units=units, observations=obs)


@pytest.mark.timing
def test_a_deep_chain_stays_linear() -> None:
    def go(s: Structure) -> object:
        ix = StructureIndex.from_structure(s, backend="python")
        for u in s.units:
            ix.ancestor_at(u.id, 5)
            ix.ancestor_at(u.id, 6)
            ix.rank(u.id)
        return ix.published("n"), ix.outermost(u.id for u in s.units), ix.orgs_within(6)

    assert go(chain(50))[0] == 0.0  # only the outermost, u0, counts
    small, large = chain(3000), chain(6000)
    calls = _calls(lambda: go(large)) / _calls(lambda: go(small))
    assert calls < 2.5, f"doubling a deep chain made {calls:.1f} times the calls"
    assert_linear(chain, go, 3000, repeat=5)


def _nested(n: int) -> Structure:
    """A chain of ``n`` nested units of every kind the models read, each observed, with a
    party branch in every seventh."""
    kinds = ("district", "street", "community", "compound", "building", "grid", "group", "area")
    units = [Unit("u0", "city")] + [
        Unit(f"u{i}", kinds[i % len(kinds)], parent=f"u{i - 1}") for i in range(1, n)
    ]
    obs = [Observation(f"o{i}", f"u{i}", "compounds", i) for i in range(n)]
    orgs = [Organization(f"g{i}", "compound_party_branch", unit=f"u{i}") for i in range(0, n, 7)]
    return Structure(units=units, observations=obs, organizations=orgs)


def _calls(f: Callable[[], object]) -> int:
    """How many Python and C functions ``f`` calls: a measure of work that, unlike time,
    does not vary from run to run."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        f()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("model", ["tripartite", "grid", "council", "eight_roles", "four_level"])
def test_a_model_reads_a_deep_chain_in_linear_time(
    model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the model's own rules and measures: the classifiers and the rollup of measures by
    # level, which the model does not write, are held apart
    monkeypatch.setattr(Context, "classify", lambda self, names: {n: {} for n in names})
    cls = govmodel.models.get(model)

    def run(n: int) -> Callable[[], object]:
        s = _nested(n)

        def go() -> object:
            ctx = Context(s, cls())
            return list(cls().run_rules(ctx)), cls().run_measures(ctx)

        return go

    run(100)()  # imports and first-use caches out of the count
    ratio = _calls(run(2000)) / _calls(run(1000))
    assert ratio < 2.5, f"{model}: doubling a deep chain made {ratio:.1f} times the calls"


def _orgs_within_plainly(s: Structure, rank: int) -> list[tuple[str, tuple[Organization, ...]]]:
    """Every organization by the unit of ``rank`` at or above its unit (a plain walk up,
    stopped by a cycle), units in order of their first organization."""
    out: dict[str, list[Organization]] = {}
    for o in s.organizations:
        seen: set[str] = set()
        u = o.unit
        while u is not None and u not in seen and isinstance(s.get(u), Unit):
            unit = s.get(u)
            assert isinstance(unit, Unit)
            if s.vocab.rank(unit.kind) == rank:
                out.setdefault(u, []).append(o)
                break
            seen.add(u)
            u = unit.parent
    return [(u, tuple(found)) for u, found in out.items()]


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_orgs_within_groups_in_order(s: Structure, backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    for r in (4, 5, 6, 7, 9):
        assert list(ix.orgs_within(r).items()) == _orgs_within_plainly(s, r)


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_orgs_within_a_cycle_and_odd_seats(backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    s = Structure(
        units=[
            Unit("s", "street"),
            Unit("c", "community", parent="s"),
            Unit("x", "compound", parent="c"),
            Unit("a", "community", parent="b"),
            Unit("b", "compound", parent="a"),
            Unit("k", "building", parent="b"),
            Unit("y", "compound", parent="c"),
        ],
        organizations=[
            Organization("o1", "owners_committee", unit="k"),
            Organization("o2", "owners_committee", unit="x"),
            Organization("o3", "owners_committee"),
            Organization("o4", "owners_committee", unit="o1"),  # seated in an organization
            Organization("o5", "owners_committee", unit="s"),
            Organization("o6", "owners_committee", unit="b"),
            Organization("o7", "owners_committee", unit="y"),
            Organization("o8", "owners_committee", unit="x"),
        ],
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    o = {x.id: x for x in s.organizations}
    assert ix.orgs_within(6) == {
        "b": (o["o1"], o["o6"]),
        "x": (o["o2"], o["o8"]),
        "y": (o["o7"],),
    }
    assert list(ix.orgs_within(6)) == ["b", "x", "y"]
    assert ix.orgs_within(5) == {"a": (o["o1"], o["o6"]), "c": (o["o2"], o["o7"], o["o8"])}
    assert ix.orgs_within(3) == {}
    assert ix.ancestors_at(5) == {"c": "c", "x": "c", "a": "a", "b": "a", "k": "a", "y": "c"}

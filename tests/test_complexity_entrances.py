"""Complexity guards for the entrances the other guards leave out: the metrics, the research
exports, the HTML view, the reports of an assessment and of a comparison, the merge of
summaries, the command line's other commands and the Parquet layout.

Each test builds a worst-case-shaped input at a size ``n`` and at ``2 n`` and holds the
ratio of the entrance's times on them under 2.5 with
:func:`govmodel.testing.linear.assert_linear` (CPU time, best of several runs): linear work
doubles, quadratic work quadruples. ``n`` is picked so that one run takes some 15-40 ms.

The shapes, beside those of :func:`tests.test_complexity.shaped` (``deep``,
``long_strings``, ``distinct``, ``distinct_values``):

* ``hub``: ``n`` organizations located in one compound, each with a post of its own;
* ``one_person``: one person holding ``n`` posts, in ``n`` committees of ``n`` compounds;
* ``served``: the community's residents' committee of ``n`` members, each chairing the
  owners' committee of one of ``n`` compounds (a body every compound inherits, with many
  people);
* ``ties``: ``n`` ties between the same two organizations, and ``n`` from one to a unit;
* ``observations``: ``n`` observations of one compound, of seven indicators, over days;
* ``decisions``: ``n`` decisions of one committee, three votes each;
* ``votes``: one decision of ``n`` votes (by floor area) of ``n`` owners.

Metrics whose documented complexity is not linear are guarded on the shapes where it is
(:func:`~govmodel.metrics.krackhardt`, the betweenness and closeness centralizations and the
global reaching centrality are :math:`O(n m)`), and :mod:`govmodel.stats` works on dense
adjacency matrices, :math:`O(n^2)` a permutation: see :doc:`/guide/reliability`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import govmodel
from govmodel import metrics
from govmodel.distributed import MeasureTotal, Summary, merge, split, summarize
from govmodel.spec import (
    Decision,
    Identifier,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
    Vote,
    VotingRule,
)
from govmodel.testing.linear import assert_linear
from tests.test_complexity import shaped

#: Timed tests run on their own in CI, away from the parallel workers (see .ci/run).
pytestmark = pytest.mark.timing


# -- shapes -----------------------------------------------------------------------------------


def _base() -> tuple[list[Unit], list[Organization]]:
    units = [
        Unit("s", "street", "street"),
        Unit("c", "community", "community", "s"),
        Unit("x0", "compound", "compound 0", "c", {"households": 100}),
    ]
    orgs = [
        Organization("cpc", "community_party_committee", "committee", unit="c"),
        Organization("rc", "residents_committee", "residents' committee", unit="c"),
        Organization("oc", "owners_committee", "owners' committee", unit="x0"),
        Organization("pc", "property_company", "company"),
    ]
    return units, orgs


def _structure(name: str, **sections: Any) -> Structure:
    return Structure(**sections, metadata=Metadata(name=name, model=("four_level",)))


def hub(n: int) -> Structure:
    """``n`` organizations (branches and committees, alternately) in one compound."""
    units, orgs = _base()
    people, posts = [], []
    for i in range(n):
        kind = "owners_committee" if i % 2 else "compound_party_branch"
        orgs.append(Organization(f"o{i}", kind, f"o{i}", unit="x0"))
        people.append(Person(f"p{i}", f"p{i}"))
        posts.append(Post(f"po{i}", f"p{i}", f"o{i}", "chair" if i % 2 else "secretary"))
    return _structure("hub", units=units, organizations=orgs, people=people, posts=posts)


def one_person(n: int) -> Structure:
    """One person chairing the owners' committees of ``n`` compounds."""
    units, orgs = _base()
    posts = []
    for i in range(n):
        units.append(Unit(f"x{i + 1}", "compound", f"c{i}", "c", {"households": 10}))
        orgs.append(Organization(f"o{i}", "owners_committee", f"o{i}", unit=f"x{i + 1}"))
        posts.append(Post(f"po{i}", "p0", f"o{i}", "chair"))
    return _structure(
        "one_person", units=units, organizations=orgs, people=[Person("p0", "one")], posts=posts
    )


def served(n: int) -> Structure:
    """The residents' committee of ``n`` members, each chairing the owners' committee of one
    of ``n`` compounds of the community."""
    units, orgs = _base()
    people, posts = [], []
    for i in range(n):
        units.append(Unit(f"x{i + 1}", "compound", f"c{i}", "c", {"households": 10}))
        orgs.append(Organization(f"o{i}", "owners_committee", f"o{i}", unit=f"x{i + 1}"))
        people.append(Person(f"p{i}", f"p{i}"))
        posts.append(Post(f"pr{i}", f"p{i}", "rc", "member"))
        posts.append(Post(f"po{i}", f"p{i}", f"o{i}", "chair"))
    return _structure("served", units=units, organizations=orgs, people=people, posts=posts)


def ties(n: int) -> Structure:
    """``n`` ties between the same two organizations, and ``n`` from one to a compound."""
    units, orgs = _base()
    between = [Tie(f"t{i}", "pc", "oc", "contracts") for i in range(n)]
    manages = [Tie(f"m{i}", "pc", "x0", "manages") for i in range(n)]
    return _structure("ties", units=units, organizations=orgs, ties=between + manages)


INDICATORS = (
    "issues_collected",
    "issues_resolved",
    "micro_wishes",
    "micro_wishes_fulfilled",
    "fee_collection_rate",
    "households",
    "budget_yuan",
)


def observations(n: int) -> Structure:
    """``n`` observations of one compound: seven indicators, a day each round."""
    units, orgs = _base()
    first = dt.date(1900, 1, 1)
    found = []
    for i in range(n):
        indicator, day = INDICATORS[i % len(INDICATORS)], i // len(INDICATORS)
        value: float = 0.5 if indicator == "fee_collection_rate" else day + 5
        if indicator in ("issues_collected", "micro_wishes"):
            value = day + 10  # never fewer than resolved or fulfilled
        period = (first + dt.timedelta(days=day)).isoformat()
        found.append(Observation(f"ob{i}", "x0", indicator, value, period))
    return _structure("observations", units=units, organizations=orgs, observations=found)


def decisions(n: int) -> Structure:
    """``n`` decisions of one owners' committee, three votes each."""
    units, orgs = _base()
    people = [Person(f"p{i}", f"p{i}") for i in range(3)]
    posts = [Post(f"po{i}", f"p{i}", "oc", "member") for i in range(3)]
    made = [
        Decision(f"d{i}", "oc", f"motion {i}", votes=[Vote(f"p{j}", "yes") for j in range(3)])
        for i in range(n)
    ]
    return _structure(
        "decisions", units=units, organizations=orgs, people=people, posts=posts, decisions=made
    )


def votes(n: int) -> Structure:
    """One decision of an owners' assembly, by floor area, with ``n`` votes."""
    units, orgs = _base()
    orgs.append(Organization("oa", "owners_assembly", "assembly", unit="x0"))
    people = [Person(f"p{i}", f"p{i}") for i in range(n)]
    posts = [Post(f"po{i}", f"p{i}", "oa", "member") for i in range(n)]
    cast = [Vote(f"p{j}", ("yes", "no", "abstain")[j % 3], area=10 + j % 7) for j in range(n)]
    rule = VotingRule(Fraction(1, 2), basis="cast", by_area=True)
    made = [Decision("d0", "oa", "motion", rule=rule, votes=cast)]
    return _structure(
        "votes", units=units, organizations=orgs, people=people, posts=posts, decisions=made
    )


SHAPES: dict[str, Callable[[int], Structure]] = {
    "deep": lambda n: shaped("deep", n),
    "long_strings": lambda n: shaped("long_strings", n),
    "distinct": lambda n: shaped("distinct", n),
    "distinct_values": lambda n: shaped("distinct_values", n),
    "hub": hub,
    "one_person": one_person,
    "served": served,
    "ties": ties,
    "observations": observations,
    "decisions": decisions,
    "votes": votes,
}


def test_the_shapes_are_valid() -> None:
    for make in SHAPES.values():
        govmodel.validate(make(20))


def _graph(shape: str) -> Callable[[int], nx.MultiDiGraph]:
    return lambda n: govmodel.to_graph(SHAPES[shape](n))


def _kinds(G: nx.Graph) -> dict[Any, Any]:
    return {v: d.get("kind", d.get("entity")) for v, d in G.nodes(data=True)}


# -- metrics ----------------------------------------------------------------------------------

#: metric -> (the call on a graph, {shape: n}); sizes give some 15-40 ms at n
METRICS: dict[str, tuple[Callable[[nx.MultiDiGraph], object], dict[str, int]]] = {
    "depth": (
        lambda G: (metrics.depth(G), metrics.depth(G, view="leadership")),
        {"deep": 1500, "hub": 5000, "one_person": 4000},
    ),
    "span_of_control": (
        lambda G: (metrics.span_of_control(G), metrics.span_of_control(G, view="leadership")),
        {"deep": 1500, "hub": 5000, "one_person": 4000},
    ),
    "rollup": (
        lambda G: metrics.rollup(G, "households", how="mean"),
        {"deep": 2000, "distinct": 3000, "observations": 16000},
    ),
    "coverage": (
        lambda G: (
            metrics.coverage(G, "owners_committee", "compound"),
            metrics.org_coverage(G, "compound"),
        ),
        {"deep": 1000, "hub": 4000, "one_person": 2000, "ties": 20000},
    ),
    "cross_appointment": (
        lambda G: metrics.cross_appointment(G),
        {"deep": 2000, "hub": 2000, "one_person": 2000, "decisions": 4000},
    ),
    "key_people": (
        lambda G: metrics.key_people(G),
        {
            "deep": 1000,
            "hub": 2000,
            "one_person": 1000,
            "served": 1000,
            "ties": 16000,
            "decisions": 4000,
        },
    ),
    "rates": (
        lambda G: (
            metrics.resolution_rate(G),
            metrics.micro_wish_fulfilment(G),
            metrics.ratio(G, "budget_yuan", "households"),
        ),
        {"observations": 5000},
    ),
    "households_per_chief": (
        lambda G: metrics.households_per_chief(G),
        {"hub": 8000, "one_person": 8000, "votes": 8000},
    ),
    "linear_structural": (
        lambda G: (
            metrics.centralization(G, "degree"),
            metrics.ei_index(G, _kinds(G)),
            metrics.grecip(G),
        ),
        # three passes over networkx's adjacency, each as fast as the processor's caches: on
        # a busy machine, graphs of 2,000 nodes and more outgrow them (the deep graph's ratio
        # climbs from 2.2 at n = 500 to 2.9 at 1,000 and 2.75 at 2,000, one person's reached
        # 2.6 at 1,000), the reads growing alike
        {"deep": 500, "hub": 500, "one_person": 500, "observations": 4000, "votes": 4000},
    ),
    "brokerage": (
        lambda G: metrics.brokerage(G, _kinds(G)),
        {"deep": 2000, "hub": 4000, "one_person": 4000, "votes": 6000},
    ),
    "gtrans": (
        lambda G: metrics.gtrans(G),
        {"deep": 4000, "hub": 8000, "one_person": 8000, "votes": 16000},
    ),
    "structural_holes": (
        lambda G: (metrics.constraint(G), metrics.effective_size(G)),
        {"deep": 500, "hub": 1000, "one_person": 1000, "observations": 2000, "votes": 1000},
    ),
    "outcome_from_graph": (
        lambda G: metrics.outcome_from_graph(G, "d0"),
        {"votes": 500},
    ),
}


@pytest.mark.parametrize(
    ("metric", "shape"),
    [(metric, shape) for metric, (_, sizes) in METRICS.items() for shape in sizes],
)
def test_metrics_are_linear(metric: str, shape: str) -> None:
    run, sizes = METRICS[metric]
    # graphs small enough to stay in the processor's caches, each timing of at least 40 ms
    assert_linear(_graph(shape), run, sizes[shape], min_seconds=0.04)


def test_outcome_is_linear_in_the_votes() -> None:
    assert_linear(lambda n: votes(n).decisions[0], metrics.outcome, 8000)


def test_constraint_of_a_star_is_linear() -> None:
    # a hub of degree n: networkx's constraint takes O(n^2) here, govmodel's O(n)
    assert_linear(nx.star_graph, metrics.constraint, 4000)


# -- frames and research exports --------------------------------------------------------------


#: shape -> n for to_frames then from_frames (the shapes test_complexity.py leaves out)
FRAMES = {"hub": 500, "one_person": 500, "ties": 1000, "observations": 1000, "decisions": 500}


@pytest.mark.parametrize("shape", list(FRAMES))
def test_frames_round_trip_is_linear(shape: str) -> None:
    pytest.importorskip("pandas")
    from govmodel.io.frames import from_frames, to_frames

    assert_linear(SHAPES[shape], lambda s: from_frames(*to_frames(s)), FRAMES[shape], fresh=True)


#: format -> {shape: n}; Stata's table has a column for every attribute name (r * c cells,
#: as every table), so it is guarded on shared attribute names
RESEARCH: dict[str, dict[str, int]] = {
    "pajek": {"deep": 1200, "long_strings": 1200, "distinct": 800, "ties": 4000, "votes": 2000},
    "spells": {"deep": 600, "long_strings": 100, "distinct": 400, "ties": 2000, "votes": 1000},
    "ucinet": {"deep": 600, "long_strings": 100, "distinct": 600, "ties": 4000, "votes": 1000},
    "stata": {"deep": 200, "long_strings": 100, "distinct_values": 200, "votes": 500},
}


@pytest.mark.parametrize(
    ("fmt", "shape"), [(fmt, shape) for fmt, sizes in RESEARCH.items() for shape in sizes]
)
def test_research_exports_are_linear(fmt: str, shape: str) -> None:
    pytest.importorskip("pandas")
    from govmodel.io import research

    export = getattr(research, f"export_{fmt}")
    assert_linear(SHAPES[shape], export, RESEARCH[fmt][shape], fresh=True)


@pytest.mark.parametrize("shape", ["deep", "long_strings", "distinct", "one_person"])
def test_structure_html_is_linear(shape: str) -> None:
    from govmodel.display import structure_html

    # the view shows a few entities of each kind: quick, so timed over repeated calls
    n = 6000 if shape == "distinct" else 8000
    assert_linear(SHAPES[shape], structure_html, n, min_seconds=0.02)


# -- reports ----------------------------------------------------------------------------------


def _renders(a: govmodel.Assessment) -> None:
    a.to_dict()
    a.to_json()
    a.to_text()
    a.to_markdown()
    a.to_html()
    a.summary()


#: shape -> n for the reports of a four-level assessment
REPORTS = {"deep": 150, "long_strings": 100, "distinct": 150, "hub": 1200, "one_person": 150}


@pytest.mark.parametrize("shape", list(REPORTS))
def test_assessment_reports_are_linear(shape: str) -> None:
    assert_linear(
        lambda n: govmodel.assess(SHAPES[shape](n), "four_level"), _renders, REPORTS[shape]
    )


@pytest.mark.parametrize("shape", ["deep", "distinct"])
def test_assessment_frames_are_linear(shape: str) -> None:
    pytest.importorskip("pandas")
    assert_linear(
        lambda n: govmodel.assess(SHAPES[shape](n), "four_level"),
        lambda a: (a.to_frame(), a.to_frame("rules")),
        3000,
        min_seconds=0.02,
    )


def in_grids(n: int) -> Structure:
    """One compound lying (``in_grid``) in each of ``n`` grids of its community."""
    units = [Unit("s", "street"), Unit("c", "community", parent="s")]
    units += [Unit("x0", "compound", parent="c")]
    units += [Unit(f"g{i}", "grid", parent="c") for i in range(n)]
    ties = [Tie(f"t{i}", "x0", f"g{i}", "in_grid") for i in range(n)]
    return _structure("in_grids", units=units, ties=ties)


def test_grid_is_linear_in_the_grids_a_unit_lies_in() -> None:
    """Each unit's grids are read once, not once per ``in_grid`` tie of it."""
    assert_linear(in_grids, lambda s: govmodel.assess(s, "grid"), 4000)


@pytest.mark.parametrize("shape", ["deep", "distinct", "hub"])
def test_compare_and_its_reports_are_linear(shape: str) -> None:
    def run(s: Structure) -> None:
        c = govmodel.compare(s, ["four_level", "council"])
        c.to_dict()
        c.to_json()
        c.to_text()
        c.to_markdown()
        c.to_html()

    assert_linear(SHAPES[shape], run, 1500 if shape == "hub" else 400, fresh=True)


# -- distributed ------------------------------------------------------------------------------


def _summaries(k: int) -> list[Summary]:
    """``k`` districts' summaries, each with counts, findings, labels and measures of its own
    (the worst case for a merge: every key distinct)."""
    return [
        Summary(
            (f"d{i}",),
            10,
            20,
            {f"units:kind_{i}": 1, "people": 3},
            {"grid": {f"r{i}:warning": 1}},
            {"grid": {f"c:{i}": 1}},
            {"grid": {f"m{i}": MeasureTotal("sum", Fraction(i, 7), 1)}},
            {"grid": 1},
            0.1,
        )
        for i in range(k)
    ]


def test_merging_many_summaries_is_linear() -> None:
    # a fold that copied and sorted the running total at each step took O(k^2)
    assert_linear(_summaries, lambda parts: merge(*parts), 8000)


def test_summaries_to_json_and_back_are_linear() -> None:
    from govmodel.national import summary_from_json, summary_to_json

    assert_linear(
        lambda k: merge(*_summaries(k)), lambda s: summary_from_json(summary_to_json(s)), 4000
    )


def test_merge_rows_is_linear() -> None:
    from govmodel.national import merge_rows, summary_to_json

    def rows(k: int) -> list[dict[str, str]]:
        return [{"district": s.names[0], "summary": summary_to_json(s)} for s in _summaries(k)]

    assert_linear(rows, merge_rows, 2000)


@pytest.mark.parametrize("shape", ["deep", "long_strings", "distinct", "one_person"])
def test_split_is_linear(shape: str) -> None:
    # megabytes of strings at larger sizes would time the allocator, and from n = 2,000 the
    # distinct shape's entities outgrow the processor's caches: its ratio climbs from 2.1 at
    # n = 1,000 to 2.7 at 8,000 with every step of the split growing alike
    n = 1000
    assert_linear(SHAPES[shape], lambda s: split(s, "street"), n, min_seconds=0.02)


@pytest.mark.parametrize("shape", ["deep", "distinct", "hub"])
def test_summarize_is_linear(shape: str) -> None:
    n = {"deep": 500, "distinct": 600, "hub": 1500}[shape]
    assert_linear(SHAPES[shape], lambda s: summarize(s, ["four_level"]), n, fresh=True)


# -- command line and Parquet -----------------------------------------------------------------


#: command -> n (on the deep shape and the distinct one)
COMMANDS: dict[str, tuple[list[str], int]] = {
    "validate": (["validate", "{}"], 800),
    "compare": (["compare", "{}", "--models", "four_level,council", "--format", "markdown"], 300),
    "report-html": (["report", "{}", "--format", "html"], 400),
    "export-pajek": (["export", "{}", "--to", "pajek"], 400),
}


@pytest.mark.parametrize("shape", ["deep", "distinct"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_commands_are_linear(command: str, shape: str, tmp_path: Path) -> None:
    from govmodel.cli import main

    argv, n = COMMANDS[command]

    def make(k: int) -> Path:
        p = tmp_path / f"{shape}-{k}.json"
        govmodel.dump(SHAPES[shape](k), p)
        return p

    def run(p: Path) -> None:
        main([a.format(p) for a in argv], stdout=io.StringIO())

    assert_linear(make, run, n)


@pytest.mark.parametrize("shape", ["deep", "distinct", "one_person"])
def test_parquet_write_and_read_are_linear(
    shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import read_parquet, write_parquet

    monkeypatch.setattr(os, "fsync", lambda fd: None)
    runs = iter(range(10**6))

    def run(s: Structure) -> None:
        target = tmp_path / f"run{next(runs)}"
        write_parquet(s, target)
        read_parquet(target)

    assert_linear(SHAPES[shape], run, 700 if shape == "distinct" else 1500, fresh=True)


def test_synthetic_districts_are_linear() -> None:
    from govmodel import synth

    assert_linear(lambda n: n, lambda n: synth.district(n, seed=1), 120)


def test_the_spark_function_is_linear_in_its_district(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from govmodel import national, synth
    from govmodel.io.parquet import write_parquet

    def dataset(n: int) -> Any:
        target = tmp_path / f"nation-{n}"
        write_parquet(synth.city(n, seed=1, districts=1), target)
        fn = national.spark_assessor(target, ["four_level"])
        # the group's rows: many of them, of the one district
        return fn, pd.DataFrame({"district": ["d1"] * n})

    assert_linear(dataset, lambda job: job[0](job[1]), 150)


# -- the owners' assembly tally ---------------------------------------------------------------


def _roster_one_part(n: int) -> str:
    """A CSV roster of one part owned jointly by ``n`` owners (a row each)."""
    return "part,area,owner\n" + "".join(f"p0,50.25,o{i}\n" for i in range(n))


def _roster(n: int) -> str:
    """A CSV roster of ``n`` parts, the developer co-owning every one."""
    return "part,area,owner\n" + "".join(
        f"p{i},{50 + i % 9}.25,o{i}\np{i},{50 + i % 9}.25,dev\n" for i in range(n)
    )


def _ballots(n: int) -> str:
    return "owner,choice\n" + "".join(f"o{i},{('yes', 'no', 'abstain')[i % 3]}\n" for i in range(n))


@pytest.mark.parametrize("shape", ["one_part", "shared_owner"])
def test_reading_a_roster_is_linear(shape: str) -> None:
    from govmodel.tally import read_roster

    make = _roster_one_part if shape == "one_part" else _roster
    # a part owned by many took a scan and a copy of its owners for each row: O(n^2)
    assert_linear(
        make, lambda text: read_roster(io.StringIO(text)), 4000 if shape == "one_part" else 2000
    )


def test_reading_ballots_is_linear() -> None:
    from govmodel.tally import read_ballots

    assert_linear(_ballots, lambda text: read_ballots(io.StringIO(text)), 8000)


#: shape -> the roster and ballots of size n
TALLIES: dict[str, Callable[[int], tuple[list[Any], list[Any]]]] = {}


def _tally_shapes() -> None:
    from govmodel.tally import Ballot, Part

    TALLIES["one_owner"] = lambda n: (
        [Part(f"p{i}", 50, ("dev",)) for i in range(n)],
        [Ballot("dev", "yes")],
    )
    TALLIES["co_owners"] = lambda n: (
        [Part("p0", 50, tuple(f"o{i}" for i in range(n)))],
        [Ballot("o0", "yes")],
    )
    TALLIES["chain"] = lambda n: (  # each part shares an owner with the next: one head
        [Part(f"p{i}", "50.25", (f"o{i}", f"o{i + 1}")) for i in range(n)],
        [Ballot("o0", "no")],
    )
    TALLIES["many_ballots"] = lambda n: (
        [Part(f"p{i}", "89.50", (f"o{i}",)) for i in range(n)],
        [Ballot(f"o{i}", ("yes", "no", "abstain")[i % 3]) for i in range(n)],
    )


_tally_shapes()


@pytest.mark.parametrize("shape", list(TALLIES))
def test_tally_is_linear(shape: str) -> None:
    from govmodel.tally import tally

    n = {"co_owners": 40_000, "many_ballots": 2000}.get(shape, 4000)
    # co-owners are sorted (n log n: about 2.15 at this size), so each timing is made long
    # enough that a busy machine's noise does not carry it past the bound
    assert_linear(TALLIES[shape], lambda roster: tally(*roster), n, min_seconds=0.04)


def test_the_tally_command_is_linear(tmp_path: Path) -> None:
    from govmodel.cli import main

    def files(n: int) -> list[str]:
        roster, ballots = tmp_path / f"roster-{n}.csv", tmp_path / f"ballots-{n}.csv"
        roster.write_text(_roster(n), encoding="utf-8")
        ballots.write_text(_ballots(n), encoding="utf-8")
        return ["tally", str(roster), str(ballots)]

    assert_linear(files, lambda argv: main(argv, stdout=io.StringIO()), 2000)


# -- panel ------------------------------------------------------------------------------------


def test_panel_is_linear_in_its_places() -> None:
    pytest.importorskip("pandas")
    from govmodel.panel import panel

    def places(n: int) -> dict[str, Structure]:
        return {f"place {i}": votes(3) for i in range(n)}

    assert_linear(places, lambda p: panel(p, "four_level"), 20, fresh=True)


def test_panel_is_linear_in_its_dates() -> None:
    pytest.importorskip("pandas")
    from govmodel.panel import panel

    def dates(n: int) -> list[str]:
        return [f"{1900 + i}-01-01" for i in range(n)]

    place = shaped("deep", 20)
    assert_linear(dates, lambda d: panel(place, "four_level", dates=d), 10)


# -- checks -----------------------------------------------------------------------------------


def _org_cycle(n: int) -> Structure:
    """``n`` party organizations each led by the next, the last by the first: one cycle."""
    orgs = [
        Organization(f"o{i}", "party_branch", unit="c", parent=f"o{(i + 1) % n}") for i in range(n)
    ]
    return Structure(units=[Unit("c", "community")], organizations=orgs)


def test_validate_names_a_long_cycle_in_linear_time() -> None:
    def run(s: Structure) -> None:
        with pytest.raises(govmodel.SpecError, match="cycle"):
            govmodel.validate(s)

    assert_linear(_org_cycle, run, 4000, fresh=True)


def _division_codes(n: int) -> Structure:
    """A district and ``n`` streets, every one with the same division code."""
    code = Identifier("cn-stats-division", "330106001")
    district = Unit("d", "district", identifiers=[Identifier("cn-stats-division", "330106")])
    streets = [Unit(f"s{i}", "street", parent="d", identifiers=[code]) for i in range(n)]
    return Structure(units=[district, *streets])


def test_check_identifiers_is_linear() -> None:
    from govmodel.identifiers import check_identifiers

    assert_linear(_division_codes, check_identifiers, 3000, fresh=True)


def test_merging_many_structures_is_linear() -> None:
    def parts(k: int) -> list[Structure]:
        return [votes(3) for _ in range(k)]

    assert_linear(parts, lambda ps: ps[0].merge(*ps[1:]), 12_000)

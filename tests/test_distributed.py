"""A nation assessed on a Dask cluster, file by file, equals the same nation in one process."""

from __future__ import annotations

import functools
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import govmodel
from govmodel import distributed, synth
from govmodel.distributed import MeasureTotal, Summary, merge, split, summarize

pytest.importorskip("distributed")


@functools.cache
def _parts() -> dict[str, govmodel.Structure]:
    return split(synth.city(150, seed=7, districts=3), "district")


def _files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, part in _parts().items():
        path = tmp_path / f"{name}.json"
        govmodel.dump(part, path)
        paths.append(path)
    return paths


def test_parts_are_valid_and_make_the_whole() -> None:
    city = synth.city(150, seed=7, districts=3)
    parts = _parts()
    assert list(parts) == ["d1", "d2", "d3"]
    for part in parts.values():
        assert govmodel.validate(part, strict=True) == ()
    merged = govmodel.Structure().merge(*parts.values())
    assert govmodel.validate(merged, strict=True) == ()
    # everything but the city unit above the districts, and the districts' link to it
    assert len(merged.units) == len(city.units) - 1
    for section in ("organizations", "people", "posts", "ties", "observations"):
        assert len(getattr(merged, section)) == len(getattr(city, section))


def test_merge_is_exact_and_order_free() -> None:
    a = summarize(_parts()["d1"], ["council", "four_level"])
    b = summarize(_parts()["d2"], ["council", "four_level"])
    c = summarize(_parts()["d3"], ["council", "four_level"])
    assert merge(merge(a, b), c) == merge(a, merge(b, c)) == merge(c, b, a)
    total = merge(a, b, c)
    assert total.names == (a.names[0], b.names[0], c.names[0])
    assert total.counts["compounds"] == sum(s.counts["compounds"] for s in (a, b, c))


def test_means_merge_as_sums_and_counts_not_as_means_of_means() -> None:
    x = MeasureTotal("mean", Fraction(3), 3)  # values 1, 1, 1
    y = MeasureTotal("mean", Fraction(0), 1)  # value 0
    assert (x + y).value == 0.75  # not (1 + 0) / 2
    assert MeasureTotal("sum", Fraction(0), 0).value is None


def test_distributed_equals_single_process(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    paths = _files(tmp_path)
    models = list(distributed.BUILTIN_MODELS)
    loaded = [govmodel.load(p) for p in paths]
    single = summarize(govmodel.Structure().merge(*loaded), models)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
        Client(c) as client,
    ):
        national = distributed.assess_files(paths, models, client=client)
    assert national.total == single
    assert national.total.names == tuple(p.name for p in paths)
    assert [d.names for d in national.districts] == [(p.name,) for p in paths]
    assert national.cores == 2
    assert national.per_core_throughput > 0
    # the national means are means over every unit of the nation
    for model, measures in single.measures.items():
        for name in measures:
            assert national.total.measure(model, name) == single.measure(model, name)
    # and they are what assess gives on the merged structure
    whole = govmodel.assess(govmodel.Structure().merge(*loaded), "council")
    for name, m in whole.metrics.items():
        if m.spec.per is not None:
            assert national.total.measure("council", name) == m.value


def test_summary_of_a_file_is_named_after_it(tmp_path: Path) -> None:
    path = _files(tmp_path)[0]
    s = distributed.summarize_file(path, ["council"])
    assert s.names == (path.name,)
    assert isinstance(s, Summary)
    assert s == summarize(govmodel.load(path), ["council"])


def test_split_refuses_what_cannot_stand_alone() -> None:
    s = govmodel.Structure(
        units=[
            govmodel.Unit("d1", "district"),
            govmodel.Unit("d2", "district"),
        ],
        organizations=[
            govmodel.Organization("a", "residents_committee", unit="d1"),
            govmodel.Organization("b", "residents_committee", unit="d2"),
        ],
        people=[govmodel.Person("p")],
        posts=[govmodel.Post("x", "p", "a", "member"), govmodel.Post("y", "p", "b", "member")],
    )
    with pytest.raises(ValueError, match="two parts"):
        split(s)


def _with_links(*ties: govmodel.spec.Tie) -> govmodel.Structure:
    s = synth.city(10, seed=1, districts=2)
    return attrs.evolve(
        s,
        observations=[
            *s.observations,
            govmodel.spec.Observation("ob-d2", "d2", "issues_collected", 3),
        ],
        decisions=[*s.decisions, govmodel.spec.Decision("dec-d2", "d2-dpc", motion="m")],
        ties=[*s.ties, *ties],
    )


@pytest.mark.parametrize(
    "tie",
    [
        govmodel.spec.Tie("t", "ob-d2", "dec-d2", "links"),  # was dropped
        govmodel.spec.Tie("t", "d2", "ob-d2", "links"),  # was 'links two parts'
        govmodel.spec.Tie("t", "dec-d2", "d2-dpc", "links"),
    ],
)
def test_split_places_a_tie_by_its_ends_whatever_their_kind(tie: govmodel.spec.Tie) -> None:
    parts = split(_with_links(tie))
    assert [t.id for t in parts["d2"].ties if t.id == "t"] == ["t"]
    assert "ob-d2" in [o.id for o in parts["d2"].observations]
    assert govmodel.validate(parts["d2"]) == ()


def test_split_places_people_without_posts_by_their_ties() -> None:
    q = govmodel.datasets.load("qingshan")
    units = [
        govmodel.spec.Unit("city", "city"),
        govmodel.spec.Unit("other", "district", parent="city"),
        attrs.evolve(q.units[0], parent="city"),
        *q.units[1:],
    ]
    parts = split(attrs.evolve(q, units=units))
    posted = {p.person for p in q.posts}
    owners = [p.id for p in q.people if p.id not in posted]
    assert owners
    part = parts[q.units[0].id]
    assert [p.id for p in part.people] == [p.id for p in q.people]
    assert len(part.ties) == len(q.ties)
    assert [p for p in govmodel.validate(part) if p.severity == "error"] == []


def test_merge_of_nothing_is_the_empty_summary_and_its_identity() -> None:
    s = summarize(govmodel.datasets.load("xihu"), ["council"], name="xihu")
    nothing = merge()
    assert (nothing.names, nothing.nodes, nothing.edges) == ((), 0, 0)
    assert not nothing.counts
    assert not nothing.findings
    assert not nothing.measures
    assert merge(nothing, s) == s == merge(s, nothing)
    assert merge(nothing, s).names == ("xihu",)


def test_spark_rows_of_no_district_merge_as_the_dask_route_does() -> None:
    from govmodel import national

    assert national.merge_rows([]) == merge()
    assert national.merge_rows([]).names == ()


def test_a_run_over_no_file_totals_the_empty_summary() -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=None) as c,
        Client(c) as client,
    ):
        national = distributed.assess_files([], ["council"], client=client, progress=False)
    assert national.total == merge()
    assert national.districts == ()

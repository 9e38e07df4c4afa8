"""Edges of the tallies, panels over time and national merges."""

from __future__ import annotations

import io
import pathlib
from fractions import Fraction

import pytest

from govmodel.distributed import MeasureTotal, Summary, merge
from govmodel.errors import SpecError
from govmodel.national import summary_to_json
from govmodel.spec import Metadata, Organization, Structure, Unit, exact
from govmodel.tally import Ballot, Part, read_ballots, read_roster, tally


def _summary(name: str, counts: dict[str, int], rollup: str = "mean") -> Summary:
    return Summary(
        (name,),
        1,
        2,
        counts,
        {},
        {},
        {"m": {"q": MeasureTotal(rollup, Fraction(1, 3), 1)}},  # type: ignore[arg-type]
    )


def test_merge_refuses_one_measure_rolled_up_two_ways() -> None:
    # keeping the first summary's rollup made merge(a, b) and merge(b, a) differ
    a, b = _summary("a", {}, "mean"), _summary("b", {}, "sum")
    for first, second in ((a, b), (b, a)):
        with pytest.raises(ValueError, match=r"model 'm', 'q'.*'(sum|mean)'"):
            merge(first, second)
    with pytest.raises(ValueError, match="rolls up"):
        a.measures["m"]["q"] + b.measures["m"]["q"]


def test_merge_of_one_summary_is_the_merge_of_it_with_nothing() -> None:
    one = _summary("a", {"z": 2, "b": 0})
    empty = Summary((), 0, 0, {}, {}, {}, {})
    alone, with_empty = merge(one), merge(one, empty)
    assert summary_to_json(alone) == summary_to_json(with_empty)
    assert list(alone.counts) == ["b", "z"]


# -- rosters and ballots read from JSON ------------------------------------------------------


def _problems(exc: pytest.ExceptionInfo[SpecError]) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("part", "where"),
    [
        ('{"id": "a", "area": 1.5, "owners": "ann"}', "$.parts[0].owners"),
        ('{"id": "a", "area": 1.5, "owners": 5}', "$.parts[0].owners"),
        ('{"id": "a", "area": 1.5, "owners": null}', "$.parts[0].owners"),
        ('{"id": "a", "area": 1.5, "owners": ["x", null]}', "$.parts[0].owners[1]"),
        ('{"id": "a", "area": 1.5, "owners": [["x"]]}', "$.parts[0].owners[0]"),
        ('{"id": null, "area": 1.5, "owners": ["x"]}', "$.parts[0].id"),
        ('{"id": true, "area": 1.5, "owners": ["x"]}', "$.parts[0].id"),
        ('{"id": "a", "area": 1.5, "owners": ["x"], "kind": 3}', "$.parts[0].kind"),
    ],
)
def test_json_roster_refuses_owners_and_ids_of_the_wrong_type(part: str, where: str) -> None:
    # a string of owners was read one owner per character ("ann" -> a, n, n), a number or
    # null was a TypeError, and null ids or owners became the text "None"
    with pytest.raises(SpecError) as exc:
        read_roster(io.StringIO('{"parts": [' + part + "]}"))
    assert _problems(exc) == [("wrong-type", where)]


def test_json_roster_keeps_whole_number_ids_as_their_digits() -> None:
    got = read_roster(io.StringIO('{"parts": [{"id": 101, "area": 1.5, "owners": [7, "x"]}]}'))
    assert got == (Part("101", Fraction(3, 2), ("7", "x")),)


@pytest.mark.parametrize(
    ("ballot", "problem"),
    [
        ('{"owner": ["a"], "choice": "yes"}', ("wrong-type", "$.ballots[0].owner")),
        ('{"owner": null, "choice": "yes"}', ("missing-field", "$.ballots[0]")),
        ('{"owner": "a", "choice": "yes", "proxy": false}', ("wrong-type", "$.ballots[0].proxy")),
        (
            '{"owner": "a", "choice": "yes", "proxy": {"x": 1}}',
            ("wrong-type", "$.ballots[0].proxy"),
        ),
        ('{"owner": "  ", "choice": "yes"}', ("missing-field", "$.ballots[0]")),
        ('"a"', ("missing-field", "$.ballots[0]")),
        ("5", ("missing-field", "$.ballots[0]")),
    ],
)
def test_json_ballots_refuse_owners_and_proxies_of_the_wrong_type(
    ballot: str, problem: tuple[str, str]
) -> None:
    # a list owner became the text "['a']", a proxy false or 0 was dropped, a blank owner
    # was the owner ""
    with pytest.raises(SpecError) as exc:
        read_ballots(io.StringIO('{"ballots": [' + ballot + "]}"))
    assert _problems(exc) == [problem]


def test_ballots_keep_a_proxy_written_as_a_number() -> None:
    got = read_ballots(io.StringIO('{"ballots": [{"owner": 5, "choice": "no", "proxy": 0}]}'))
    assert got == (Ballot("5", "no", "0"),)
    csv_got = read_ballots(io.StringIO("owner,choice,proxy\n  bo ,yes,  \n"))
    assert csv_got == (Ballot("bo", "yes", None),)


# -- a structure cut to a date ---------------------------------------------------------------


def test_as_of_names_the_entities_whose_dates_are_not_dates() -> None:
    # the error was "'2021-13' has no month 13", naming neither the entity nor the field
    s = Structure(
        units=[
            Unit("ok", "community", start="2020"),
            Unit("z", "community", start="2021-13"),
        ],
        organizations=[Organization("o", "residents_committee", unit="ok", end=20211231)],  # type: ignore[arg-type]
    )
    with pytest.raises(SpecError) as exc:
        s.as_of("2021")
    assert _problems(exc) == [
        ("invalid-date", "$.units[1].start"),
        ("invalid-date", "$.organizations[0].end"),
    ]
    assert "'z'" in exc.value.problems[0].message
    assert "'o'" in exc.value.problems[1].message
    with pytest.raises(ValueError, match="not an ISO date"):
        s.as_of("2021-1")


@pytest.mark.parametrize(
    ("day", "ids"),
    [
        ("2021", ["e"]),
        ("2021-03", ["a", "e"]),
        ("2021-03-01", ["a", "e"]),
        ("2021-03-02", ["e"]),
        ("2021-12-31", ["e"]),
        ("2022-01-01", []),
        ("2024-02-29", ["c"]),
        ("2029-02-28", ["c"]),
        ("2029-03-01", []),
        ("9999", []),
        ("9999-12-31", ["d"]),
    ],
)
def test_as_of_at_the_edges_of_terms(day: str, ids: list[str]) -> None:
    s = Structure(
        units=[
            Unit("a", "community", start="2021-03-01", end="2021-03-01"),  # one day
            Unit("b", "community", start="2022", end="2021"),  # ends before it starts
            Unit("c", "community", start="2024-02-29", end="2029-02"),  # from a leap day
            Unit("d", "community", start="9999-12-31"),
            Unit("e", "community", end="2021"),  # to the end of 2021
        ]
    )
    assert [u.id for u in s.as_of(day).units] == ids


# -- tallies at their thresholds ---------------------------------------------------------------


def _roster(n: int, area: object = 1) -> list[Part]:
    return [Part(f"p{i}", area, [f"o{i}"]) for i in range(n)]  # type: ignore[arg-type]


def test_explanation_names_an_ordinary_and_a_major_matter() -> None:
    votes = [Ballot("o0", "yes"), Ballot("o1", "yes")]
    assert tally(_roster(3), votes).explanation.startswith("An ordinary matter: 2 of 3 heads")
    major = tally(_roster(3), votes, matter="major")
    assert major.explanation.startswith("A major matter: 2 of 3 heads")


def test_part_refuses_a_string_of_owners() -> None:
    # Part("a", 1, "ann") had three owners, a, n and n (two heads where "n" owns others)
    with pytest.raises(TypeError, match="list of ids, not the string 'ann'"):
        Part("a", 1, "ann")
    assert Part("a", 1, ["ann"]).owners == ("ann",)


def test_thresholds_at_their_edges() -> None:
    # a quorum of exactly 2/3 of the heads and of the area is met (以上 includes the number)
    two_thirds = tally(_roster(3), [Ballot("o0", "yes"), Ballot("o1", "yes")])
    assert (two_thirds.quorum_met, two_thirds.passed) == (True, True)
    # 0.6666666 of the area is short of 2/3, written as a float or as text
    for a, b in ((0.6666666, 0.3333334), ("0.6666666", "0.3333334")):
        roster = [Part("a", a, ["x"]), Part("b", b, ["y"]), Part("c", 0, ["z"])]  # type: ignore[arg-type]
        t = tally(roster, [Ballot("x", "yes"), Ballot("z", "yes")])
        assert (t.turnout_heads, t.quorum_met) == (Fraction(2, 3), False)
    # exactly half is not more than half; exactly 3/4 is at least 3/4
    half = [Ballot("o0", "yes"), Ballot("o1", "yes"), Ballot("o2", "no"), Ballot("o3", "no")]
    assert tally(_roster(4), half).passed is False
    three = [Ballot("o0", "yes"), Ballot("o1", "yes"), Ballot("o2", "yes"), Ballot("o3", "no")]
    assert tally(_roster(4), three, matter="raise_maintenance_funds").passed is True
    # all abstain: everyone took part, nobody said yes
    abstain = tally(_roster(3), [Ballot(f"o{i}", "abstain") for i in range(3)])
    assert (abstain.quorum_met, abstain.passed, abstain.needed.ballots) == (True, False, None)  # type: ignore[union-attr]


# -- panels ------------------------------------------------------------------------------------


def test_panel_refuses_a_model_given_twice() -> None:
    pytest.importorskip("pandas")
    from govmodel.models import get
    from govmodel.panel import PanelError, panel

    s = Structure(units=[Unit("c", "community")], metadata=Metadata(name="here"))
    # every row was repeated, so (place, date, model, measure, unit) no longer keyed a row
    for models in (["four_level", "four_level"], ["four_level", get("four_level")]):
        with pytest.raises(PanelError, match=r"models\[1\]: 'four_level' is given twice"):
            panel(s, models, units="none")
    df = panel(s, ["four_level", "council"], dates=["2022", "2018"], units="none")
    assert not df.duplicated(["place", "date", "model", "measure", "unit"]).any()
    assert list(dict.fromkeys(df.date)) == ["2022", "2018"]  # the order asked for


# -- national runs -----------------------------------------------------------------------------


class _NoCluster:
    """A client that fails the test if any work reaches it."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the cluster was asked for {name!r}")


@pytest.mark.parametrize("as_of", ["2021-13", "2021-02-29", "21", ""])
def test_national_runs_refuse_a_bad_as_of_before_any_work(
    as_of: str, tmp_path: pathlib.Path
) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    from govmodel import distributed, national

    missing = tmp_path / "no-such-file.json"  # never read: the date is refused first
    with pytest.raises(ValueError, match="as_of: "):
        distributed.assess_files([missing], ["council"], as_of=as_of, client=_NoCluster())
    with pytest.raises(ValueError, match="as_of: "):
        distributed.summarize_file(missing, ["council"], as_of=as_of)
    with pytest.raises(ValueError, match="as_of: "):
        national.spark_assessor(tmp_path / "nation", ["council"], as_of=as_of)
    with pytest.raises(ValueError, match="as_of: "):
        national.summarize_district(tmp_path / "nation", "d1", ["council"], as_of=as_of)
    with pytest.raises(ValueError, match="as_of: "):
        national.assess_parquet(tmp_path / "nation", ["council"], as_of=as_of, client=_NoCluster())


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("part,area,owner\n ,10,x\n,10,y\n", ["$.rows[0].part", "$.rows[1].part"]),
        ('{"parts": [{"id": " ", "area": 1, "owners": ["x"]}]}', ["$.parts[0].id"]),
        ('{"parts": [{"id": "a", "area": 1, "owners": ["x", ""]}]}', ["$.parts[0].owners[1]"]),
    ],
)
def test_roster_refuses_blank_ids(text: str, where: list[str]) -> None:
    # two CSV rows without a part id were one part '' owned by x and y: one head, not two
    with pytest.raises(SpecError) as exc:
        read_roster(io.StringIO(text))
    assert _problems(exc) == [("missing-field", w) for w in where]


def test_assess_files_refuses_a_file_given_twice(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("distributed")
    from govmodel import distributed

    a = tmp_path / "d1.json"
    # the district was assessed twice and counted twice in the nation's total
    for again in (str(a), tmp_path / "." / "d1.json"):
        with pytest.raises(ValueError, match=r"paths\[1\]: .* is paths\[0\] given again"):
            distributed.assess_files([a, again], ["council"], client=_NoCluster())
    with pytest.raises(TypeError, match="not one path"):
        distributed.assess_files(str(a), ["council"], client=_NoCluster())  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["1/0", "5/0", "1e99999", "1E+0099999", "-2e-123456"])
def test_exact_refuses_text_that_is_no_number_quickly(text: str) -> None:
    # "1/0" was a ZeroDivisionError; "1e999999999" computed 10**999999999 (seconds for
    # "1e9999999", memory beyond any machine for more)
    with pytest.raises(ValueError, match="a count or an area"):
        exact(text)
    with pytest.raises(ValueError, match="a count or an area"):
        Part("a", text, ["x"])
    assert exact("1e9999") == 10**9999
    assert exact("2/4") == Fraction(1, 2)


@pytest.mark.parametrize("rollup", ["sum", "mean"])
def test_measure_total_beyond_a_float_is_what_assess_reports(rollup: str) -> None:
    from govmodel.assess import _overall

    values = {"u1": 1e308, "u2": 1e308, "u3": 5e307}
    total = MeasureTotal(
        rollup,  # type: ignore[arg-type]
        sum((Fraction(v) for v in values.values()), Fraction(0)),
        len(values),
    )
    # the sum overflowed a float: an OverflowError, where assess gives None (sum) or the
    # exact mean rounded (mean)
    assert total.value == _overall(values, rollup)
    assert (total.value is None) == (rollup == "sum")
    a, b = MeasureTotal(rollup, Fraction(1e308), 1), MeasureTotal(rollup, Fraction(1e308), 1)  # type: ignore[arg-type]
    assert (a + b).value == _overall({"a": 1e308, "b": 1e308}, rollup)


def test_assess_parquet_refuses_districts_that_are_not_strings(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    from govmodel import national, synth
    from govmodel.io.parquet import write_parquet

    path = tmp_path / "nation"
    write_parquet(synth.city(4, seed=1, districts=1), path)
    # an int was "no district 1" of a dataset listing '1'-like names; a mix of ints and
    # strings was a TypeError from sorting them
    for districts in ([1], ["d1", 1]):
        with pytest.raises(TypeError, match=r"districts\[\d\]: a district is named by a string"):
            national.assess_parquet(path, ["council"], districts=districts, client=_NoCluster())  # type: ignore[list-item]


def test_tally_decision_names_the_votes_of_the_structure() -> None:
    import attrs

    import govmodel
    from govmodel.tally import tally_decision
    from govmodel.vocab import OWNS

    s = govmodel.datasets.load("qingshan")
    d = next(d for d in s.decisions if d.votes)
    owners = {t.source for t in s.ties if t.relation == OWNS}
    nobody = next(p.id for p in s.people if p.id not in owners)
    n = len(d.votes)
    where = f"$.decisions[?(@.id=={d.id!r})].votes"
    cases = [
        (attrs.evolve(d.votes[0], person=nobody), f"{where}[{n}].person", "dangling-reference"),
        (d.votes[0], f"{where}[{n}].person", "duplicate-vote"),
    ]
    # the paths were those of tally's ballots ($.ballots[8].owner), not of the structure
    for extra, path, code in cases:
        bad = attrs.evolve(d, votes=(*d.votes, extra))
        s2 = s.replace(decisions=tuple(bad if x.id == d.id else x for x in s.decisions))
        with pytest.raises(SpecError) as exc:
            tally_decision(s2, d.id)
        assert _problems(exc) == [(code, path)]
        assert "$.ballots" not in exc.value.problems[0].message
    duplicate = str(exc.value.problems[0])
    assert f"which {where}[0] voted for" in duplicate

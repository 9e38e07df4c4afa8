"""Tests of govmodel.tally: the owners' assembly tally under Civil Code art. 278 and the SPC's
counting rules, what is still needed (checked against every subset), the files and the CLI."""

from __future__ import annotations

import argparse
import io
import itertools
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmodel.errors import SpecError
from govmodel.metrics.voting import MATTERS
from govmodel.tally import (
    Ballot,
    Part,
    add_tally_parser,
    heads_of,
    read_ballots,
    read_roster,
    run,
    tally,
)


def _roster(areas: list[str]) -> list[Part]:
    return [Part(f"p{i}", a, [f"o{i}"]) for i, a in enumerate(areas)]


# -- heads and areas (SPC interpretation art. 8-9) --------------------------------------------------


def test_heads_follow_the_spc_rules() -> None:
    parts = [
        Part("1-101", "89.50", ["ann"]),  # one part, one head
        Part("1-102", "120.25", ["bo"]),
        Part("P-07", "12.00", ["bo"]),  # a buyer of several parts: one head
        Part("1-201", "89.50", ["cy", "di"]),  # co-owners: one head
        Part("1-202", "120.25", ["dev"]),  # the developer's unsold parts: one head
        Part("1-301", "89.50", ["dev"]),
    ]
    heads, of = heads_of(parts)
    assert [h.parts for h in heads] == [
        ("1-101",),
        ("1-102", "P-07"),
        ("1-201",),
        ("1-202", "1-301"),
    ]
    assert [h.area for h in heads] == [
        Fraction("89.5"),
        Fraction("132.25"),
        Fraction("89.5"),
        Fraction("209.75"),
    ]
    assert of["cy"] == of["di"] == (2,)
    t = tally(parts, [Ballot("di", "yes")])
    assert (t.heads, t.area) == (4, Fraction(521))
    assert (t.heads_present, t.area_present) == (1, Fraction("89.5"))


def test_parts_of_different_buyers_sharing_an_owner_are_different_heads() -> None:
    # a flat bought by a couple and one bought by the wife and her brother: two buyers, two
    # heads (one exclusive part is one head; only the same buyer's parts are one); the
    # wife's ballot answers for both
    parts = [
        Part("A", 100, ["h", "w"]),
        Part("B", 100, ["w", "m"]),
        Part("C", 100, ["z"]),
        Part("D", 100, ["y"]),
    ]
    heads, of = heads_of(parts)
    assert [h.parts for h in heads] == [("A",), ("B",), ("C",), ("D",)]
    assert (of["w"], of["h"], of["m"]) == ((0, 1), (0,), (1,))
    t = tally(parts, [Ballot("h", "yes"), Ballot("z", "yes")])
    assert (t.heads, t.heads_present, t.area_present) == (4, 2, 200)
    assert not t.quorum_met  # 2 of 4 heads, half the area: less than two thirds
    t = tally(parts, [Ballot("w", "yes", proxy="h"), Ballot("z", "yes")])
    assert (t.heads_present, t.area_present, t.by_proxy) == (3, 300, 1)
    assert t.quorum_met
    with pytest.raises(SpecError, match="votes for head 'A'"):
        tally(parts, [Ballot("w", "yes"), Ballot("h", "no")])


def test_the_article_278_thresholds() -> None:
    parts = _roster(["100"] * 12)
    # 8 of 12 take part (exactly 2/3): 5 yes is more than half of 8
    votes = [Ballot(f"o{i}", "yes") for i in range(5)] + [Ballot(f"o{i}", "no") for i in (5, 6, 7)]
    ordinary = tally(parts, votes, matter="property_service")
    assert ordinary.quorum_met
    assert ordinary.passed
    # three quarters of 8 is 6: 5 yes fails a major matter, 6 passes (art. 1259: 以上 includes)
    assert not tally(parts, votes, matter="raise_maintenance_funds").passed
    six = [Ballot(f"o{i}", "yes") for i in range(6)] + [Ballot(f"o{i}", "no") for i in (6, 7)]
    assert tally(parts, six, matter="rebuild").passed
    # half is not more than half
    half = [Ballot(f"o{i}", "yes") for i in range(4)] + [Ballot(f"o{i}", "no") for i in range(4, 8)]
    assert not tally(parts, half, matter="owners_committee").passed
    # 7 of 12 is short of the quorum whatever the votes
    seven = [Ballot(f"o{i}", "yes") for i in range(7)]
    t = tally(parts, seven)
    assert not t.quorum_met
    assert t.outcome.reason == "quorum_not_met"


def test_every_matter_has_its_threshold() -> None:
    parts = _roster(["100"] * 4)
    votes = [Ballot("o0", "yes"), Ballot("o1", "yes"), Ballot("o2", "no")]  # 2/3 yes of 3
    for name, m in MATTERS.items():
        assert tally(parts, votes, matter=name).passed is (not m.major), name


def test_two_decimal_areas_meet_two_thirds_exactly() -> None:
    """200.20 of 300.30 m² is exactly two thirds of the area."""
    parts = [Part("a", "100.10", ["x"]), Part("b", "100.10", ["y"]), Part("c", 100.10, ["z"])]
    t = tally(parts, [Ballot("x", "yes"), Ballot("y", "yes")])
    assert t.area == Fraction("300.3")
    assert t.turnout_area == Fraction(2, 3)
    assert t.quorum_met
    assert t.passed
    assert "200.2 of 300.3 m² took part" in t.explanation


def test_proxies_are_counted_for_the_owner() -> None:
    parts = _roster(["50", "60", "70"])
    t = tally(parts, [Ballot("o0", "yes", proxy="o2"), Ballot("o1", "yes", proxy="o2")])
    assert t.by_proxy == 2
    assert t.yes_heads == 2
    assert "2 by proxy" in t.explanation


def test_an_owner_is_not_their_own_proxy() -> None:
    parts = _roster(["50", "60"])
    with pytest.raises(SpecError) as info:
        tally(parts, [Ballot("o0", "yes", proxy="o0"), Ballot("o1", "no", proxy="o0")])
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-value", "$.ballots[0].proxy")
    ]


def test_a_parts_kind_is_the_unit_kind_of_a_roster() -> None:
    assert Part("1-101", 89.5, ["x"]).kind == "household"
    parts = read_roster(io.StringIO("part,area,owner\n1-101,89.50,ann\n"))
    assert parts[0].kind == "household"


def test_silent_follow_counts_non_voters_with_the_majority() -> None:
    parts = _roster(["100"] * 10)
    votes = [Ballot("o0", "yes"), Ballot("o1", "yes"), Ballot("o2", "no")]
    plain = tally(parts, votes)
    assert not plain.quorum_met
    follow = tally(parts, votes, silent="majority")
    assert (follow.silent_heads, follow.silent_area) == (7, Fraction(700))
    assert (follow.heads_present, follow.yes_heads, follow.no_heads) == (10, 9, 1)
    assert follow.passed
    # what is needed is what the Civil Code's count needs, whatever the local rule
    assert follow.needed == plain.needed
    assert "Silent follow: 7 heads" in follow.explanation
    # no majority by both head and area: nobody follows
    split = [Ballot("o0", "yes"), Ballot("o1", "no")]
    assert tally(parts, split, silent="majority").silent_heads == 0
    with pytest.raises(ValueError, match="silent"):
        tally(parts, votes, silent="all")  # type: ignore[arg-type]


def test_bad_rosters_and_ballots_list_every_problem() -> None:
    parts = [Part("a", "-5", ["x"]), Part("a", "10", ["y"]), Part("c", "10", [])]
    ballots = [Ballot("nobody", "yes"), Ballot("y", "yes"), Ballot("y", "no"), Ballot("x", "maybe")]  # type: ignore[arg-type]
    with pytest.raises(SpecError) as err:
        tally(parts, ballots)
    got = {(p.code, p.path) for p in err.value.problems}
    assert got == {
        ("negative-amount", "$.parts[0].area"),
        ("duplicate-id", "$.parts[1].id"),
        ("missing-field", "$.parts[2].owners"),
        ("invalid-value", "$.ballots[3].choice"),
        ("dangling-reference", "$.ballots[0].owner"),
        ("duplicate-vote", "$.ballots[2].owner"),
    }
    with pytest.raises(ValueError, match="unknown matter"):
        tally(parts[1:2], [], matter="picnic")


# -- what is still needed: the greedy answer against every subset ---------------------------------


def _passes_with(
    parts: list[Part], ballots: list[Ballot], extra: tuple[str, ...], matter: str
) -> bool:
    more = [Ballot(o, "yes") for o in extra]
    return tally(parts, [*ballots, *more], matter=matter).passed


def _brute(parts: list[Part], ballots: list[Ballot], matter: str) -> int | None:
    voted = {b.owner for b in ballots}
    waiting = [p.owners[0] for p in parts if p.owners[0] not in voted]
    for k in range(len(waiting) + 1):
        if any(_passes_with(parts, ballots, c, matter) for c in itertools.combinations(waiting, k)):
            return k
    return None


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=30000), min_size=1, max_size=8),
    st.data(),
    st.sampled_from(["ordinary", "major"]),
)
def test_fewest_further_ballots_is_optimal(
    cents: list[int], data: st.DataObject, matter: str
) -> None:
    parts = [Part(f"p{i}", Fraction(c, 100), [f"o{i}"]) for i, c in enumerate(cents)]
    choices = data.draw(
        st.lists(
            st.sampled_from([None, "yes", "no", "abstain"]),
            min_size=len(parts),
            max_size=len(parts),
        )
    )
    ballots = [Ballot(f"o{i}", c) for i, c in enumerate(choices) if c is not None]
    t = tally(parts, ballots, matter=matter)
    best = _brute(parts, ballots, matter)
    if t.passed:
        assert t.needed is None
        assert best == 0
        return
    assert t.needed is not None
    assert t.needed.ballots == best
    if t.needed.ballots is not None:
        # the heads it names do it
        owners = tuple(f"o{h[1:]}" for h in t.needed.canvass)
        assert len(owners) == t.needed.ballots
        assert _passes_with(parts, ballots, owners, matter)
        assert t.needed.canvass_area == sum(p.area for p in parts if p.id in t.needed.canvass)


def test_needed_reports_heads_and_area_apart() -> None:
    # 10 heads, one large: the area needs the large one, the heads need three more
    parts = _roster(["1000", *["10"] * 9])
    votes = [Ballot(f"o{i}", "yes") for i in range(1, 5)]  # 4 heads, 40 m² of 1090
    t = tally(parts, votes)
    assert t.needed is not None
    assert t.needed.heads == 3  # 7 of 10 >= 20/3
    assert t.needed.area == Fraction(2180, 3) - 40  # 2/3 of 1090, less the 40 present
    assert t.needed.ballots == 3
    assert t.needed.canvass[0] == "p0"
    # all who have not voted voting yes cannot make up a lost cause
    lost = tally(_roster(["10"] * 4), [Ballot(f"o{i}", "no") for i in range(3)])
    assert lost.needed is not None
    assert lost.needed.ballots is None
    assert lost.needed.canvass == ()
    assert "cannot pass" in lost.explanation


# -- files and the command line -------------------------------------------------------------------


def test_read_roster_csv_and_json() -> None:
    text = "part,area,owner,kind\n1-101,89.50,ann,\n1-101,89.50,bo,\nP-1,12,ann,parking\n"
    parts = read_roster(io.StringIO(text))
    assert [p.id for p in parts] == ["1-101", "P-1"]
    assert parts[0].owners == ("ann", "bo")
    assert parts[0].area == Fraction("89.5")
    assert parts[1].kind == "parking"
    doc = '{"parts": [{"id": "a", "area": 30.67, "owners": ["x"]}, {"id": "b", "area": 190.00, "owners": ["y"]}]}'
    parts = read_roster(io.StringIO(doc))
    assert sum(p.area for p in parts) == Fraction("220.67")  # read from the text, exactly
    with pytest.raises(SpecError) as err:
        read_roster(io.StringIO("part,area,owner\na,12.3.4,x\nb,nan,y\nc,1/3,z\n"))
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("wrong-type", "$.rows[0].area"),
        ("wrong-type", "$.rows[1].area"),
        ("wrong-type", "$.rows[2].area"),
    ]
    with pytest.raises(SpecError, match="two areas"):
        read_roster(io.StringIO("part,area,owner\na,12,x\na,13,y\n"))
    with pytest.raises(SpecError, match="no column 'owner'"):
        read_roster(io.StringIO("part,area\na,12\n"))


def test_areas_beyond_a_float_are_refused_before_they_are_computed() -> None:
    """An area with a huge exponent would make an exact number of a billion digits; one
    beyond a float, or areas adding up beyond one, leave no share to show: each is
    ``number-out-of-range``, named at its row (the sum at the roster)."""
    text = "part,area,owner\na,1e999999999,x\nb,1e999,y\nc,1e400,z\nd,5,w\n"
    with pytest.raises(SpecError) as err:
        read_roster(io.StringIO(text))
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("number-out-of-range", "$.rows[0].area"),
        ("number-out-of-range", "$.rows[1].area"),
        ("number-out-of-range", "$.rows[2].area"),
    ]
    big = read_roster(io.StringIO("part,area,owner\na,1.7e308,x\nb,1.7e308,y\n"))
    with pytest.raises(SpecError) as err:
        tally(big, [Ballot("x", "yes")], matter="rebuild")
    assert [(p.code, p.path) for p in err.value.problems] == [("number-out-of-range", "$.parts")]
    assert tally(big[:1], [Ballot("x", "yes")], matter="rebuild").passed


def test_read_ballots_problems() -> None:
    with pytest.raises(SpecError) as err:
        read_ballots(io.StringIO("owner,choice\nann,perhaps\n,yes\n"))
    assert [p.code for p in err.value.problems] == ["invalid-value", "missing-field"]


def _cli(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="govmodel")
    add_tally_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out = io.StringIO()
    return run(args, out), out.getvalue()


def test_the_command(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("part,area,owner\n" + "".join(f"p{i},100.5,o{i}\n" for i in range(9)))
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("owner,choice,proxy\n" + "".join(f"o{i},yes,\n" for i in range(6)))
    code, text = _cli(["tally", str(roster), str(ballots), "--matter", "rebuild"])
    assert code == 0
    assert "6 of 9 heads and 603 of 904.5 m² took part" in text
    code, text = _cli(["tally", str(roster), str(ballots), "--format", "json"])
    data = json.loads(text)
    assert data["passed"] is True
    assert data["area_present"] == "603"
    both = tmp_path / "vote.json"
    both.write_text(
        json.dumps(
            {
                "parts": [{"id": f"p{i}", "area": "80", "owners": [f"o{i}"]} for i in range(3)],
                "ballots": [{"owner": "o0", "choice": "yes"}],
            }
        )
    )
    code, text = _cli(["tally", str(both)])
    assert code == 1
    assert "Still needed: 1 more yes ballot" in text
    with pytest.raises(ValueError, match="BALLOTS"):
        _cli(["tally", str(roster)])
    with pytest.raises(ValueError, match=r"\.csv or \.json"):
        _cli(["tally", str(tmp_path / "roster.txt"), str(ballots)])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=99999),
            st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=3, unique=True),
        ),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_heads_are_the_parts_of_one_buyer(
    rows: list[tuple[int, list[str]]], data: st.DataObject
) -> None:
    """Heads are the parts grouped by their owners (one owner, or the same co-owners); the
    counts add up."""
    parts = [Part(f"p{i}", Fraction(c, 100), owners) for i, (c, owners) in enumerate(rows)]
    buyers: dict[frozenset[str], list[str]] = {}
    for p in parts:
        buyers.setdefault(frozenset(p.owners), []).append(p.id)
    heads, of = heads_of(parts)
    assert [list(h.parts) for h in heads] == list(buyers.values())
    assert [frozenset(h.owners) for h in heads] == list(buyers)
    assert sum(h.area for h in heads) == sum(p.area for p in parts)
    for o, mine in of.items():
        assert [i for i, h in enumerate(heads) if o in h.owners] == list(mine)
    owners = sorted(of)
    voters = data.draw(st.lists(st.sampled_from(owners), unique=True, max_size=len(owners)))
    seen: set[int] = set()
    ballots = []
    for o in voters:
        if seen.isdisjoint(of[o]):
            seen.update(of[o])
            ballots.append(Ballot(o, data.draw(st.sampled_from(["yes", "no", "abstain"]))))
    t = tally(parts, ballots)
    assert t.heads_present == len(seen) == t.yes_heads + t.no_heads + t.abstain_heads
    assert t.area_present == t.yes_area + t.no_area + t.abstain_area <= t.area
    assert 0 <= t.turnout_heads <= 1


@pytest.mark.parametrize("area", [math.nan, math.inf, -1.0, "ninety", True], ids=repr)
def test_the_roster_refuses_an_area_it_cannot_read_naming_it(area: object) -> None:
    # an owned unit is an exclusive part: an area that cannot be read, or none, makes its
    # owner's share of a vote unknown: refused, every such unit named; outside ``within``,
    # it is not read
    from govmodel.spec import Person, Structure, Tie, Unit
    from govmodel.tally import roster_of

    units = [
        Unit("x", "compound"),
        Unit("y", "compound"),
        Unit("h1", "household", parent="x", attributes={"floor_area_m2": 90.0}),
        Unit("h2", "household", parent="x"),  # owned by nobody: not a part of the roster
        Unit("h3", "household", parent="y", attributes={"floor_area_m2": area}),
        Unit("h4", "parking_space", parent="y"),
    ]
    ties = [Tie(f"o{i}", "ann", f"h{i}", "owns") for i in (1, 3, 4)]
    s = Structure(units=units, people=[Person("ann")], ties=ties)
    assert [p.id for p in roster_of(s, "x")] == ["h1"]
    with pytest.raises(SpecError) as caught:
        roster_of(s)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("invalid-value", "$.units[?(@.id=='h3')].attributes.floor_area_m2"),
        ("missing-field", "$.units[?(@.id=='h4')].attributes.floor_area_m2"),
    ]


def test_tally_a_decision_from_the_structure_roster() -> None:
    from govmodel.spec import Decision, Organization, Person, Structure, Tie, Unit, Vote
    from govmodel.tally import roster_of, tally_decision
    from govmodel.vocab import Term

    areas = {"h1": 89.5, "h2": 120.25, "h3": 95.0, "h4": 95.0}
    units = [Unit("x", "compound"), Unit("y", "compound"), Unit("b", "building", parent="x")]
    units += [
        Unit(h, "household", parent="b", attributes={"floor_area_m2": a}) for h, a in areas.items()
    ]
    units.append(Unit("elsewhere", "household", parent="y", attributes={"floor_area_m2": 70.0}))
    people = [Person(p) for p in ("ann", "bo", "dev", "zed")]
    ties = [
        Tie("o1", "ann", "h1", "owns"),
        Tie("o2", "bo", "h2", "owns"),
        Tie("o3", "dev", "h3", "owns"),
        Tie("o4", "dev", "h4", "owns"),
        Tie("o5", "zed", "elsewhere", "owns"),
    ]
    d = Decision(
        "d",
        "oa",
        votes=[Vote("ann", "yes"), Vote("bo", "yes"), Vote("dev", "no")],
        attributes={"matter": "property_service"},
    )
    s = Structure(
        units=units,
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        people=people,
        ties=ties,
        decisions=[d],
        vocabulary=[Term("relations", "owns", "owns", "拥有")],
    )
    assert [p.id for p in roster_of(s, "x")] == ["h1", "h2", "h3", "h4"]
    assert len(roster_of(s)) == 5
    t = tally_decision(s, "d")
    assert (t.heads, t.heads_present, t.yes_heads) == (3, 3, 2)
    assert t.area == Fraction("399.75")
    assert t.passed  # 2 of 3 heads, 209.75 of 399.75 m²: more than half of both
    with pytest.raises(SpecError, match="no matter"):
        tally_decision(s.replace(decisions=[Decision("d", "oa")]), "d")
    with pytest.raises(KeyError):
        tally_decision(s, "oa")


def test_govmodel_tally_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govmodel.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("part,area,owner\n" + "".join(f"p{i},100.10,o{i}\n" for i in range(3)))
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("owner,choice\no0,yes\no1,yes\n")
    out = io.StringIO()
    assert main(["tally", str(roster), str(ballots), "--matter", "rebuild"], stdout=out) == 0
    assert "2 of 3 heads and 200.2 of 300.3 m² took part" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("owner,choice\nnobody,yes\n")
    assert main(["tally", str(roster), str(bad)], stdout=io.StringIO()) == 1
    assert "dangling-reference" in capsys.readouterr().err
    assert main(["tally", str(tmp_path / "missing.csv"), str(ballots)], stdout=io.StringIO()) == 2


@pytest.mark.parametrize(
    ("content", "code", "said"),
    [
        ('{"a":' * 5000, "too-deep", "nests lists and objects more than"),
        ('{"parts": [', "invalid-json", "Expecting value (line 1, column 12)"),
        (b"\xff\xfe bad", "invalid-encoding", "not UTF-8: byte 0xff at offset 0"),
        ('{"parts": [], "parts": []}', "duplicate-key", "appears twice"),
        ("[]", "missing-field", "no list 'parts'"),
    ],
)
def test_the_command_names_the_file_of_bad_input_and_exits_1(
    content: str | bytes, code: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govmodel.cli import main

    roster = tmp_path / "roster.json"
    if isinstance(content, bytes):
        roster.write_bytes(content)
    else:
        roster.write_text(content)
    assert main(["tally", str(roster)], stdout=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert f"govmodel tally: 1 problem in {roster}:" in err
    assert f"$: {code}: " in err or f"$.parts: {code}: " in err
    assert said in err
    assert "Traceback" not in err
    with pytest.raises(SpecError, match=code) as info:
        read_roster(roster)
    assert info.value.source == str(roster)


def test_bad_ballots_name_their_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from govmodel.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("part,area,owner\np1,100.10,o1\n")
    for name, content in (("deep.json", "[" * 5000), ("latin1.csv", b"owner,choice\n\xe9,yes\n")):
        ballots = tmp_path / name
        if isinstance(content, bytes):
            ballots.write_bytes(content)
        else:
            ballots.write_text(content)
        assert main(["tally", str(roster), str(ballots)], stdout=io.StringIO()) == 1
        err = capsys.readouterr().err
        assert f"in {ballots}:" in err
        assert "Traceback" not in err
    csv_roster = tmp_path / "latin1.csv"
    assert main(["tally", str(csv_roster), str(ballots)], stdout=io.StringIO()) == 1
    assert "invalid-encoding" in capsys.readouterr().err


def test_the_command_s_usage_errors_exit_2_naming_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govmodel.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("part,area,owner\np1,100.10,o1\n")
    text = tmp_path / "roster.txt"
    text.write_text("x")
    for argv, said in (
        ([str(tmp_path / "missing.json")], "no such file"),
        ([str(tmp_path)], "is a folder; give a file"),
        ([str(text), str(roster)], "a roster or ballots file is .csv or .json"),
        ([str(roster)], "give a BALLOTS file"),
    ):
        assert main(["tally", *argv], stdout=io.StringIO()) == 2
        err = capsys.readouterr().err
        assert err.startswith("govmodel tally: "), err
        assert said in err


def test_the_matter_s_default_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    from govmodel.cli import main

    assert main(["tally", "--help"]) == 0
    assert "default: ordinary" in " ".join(capsys.readouterr().out.split())

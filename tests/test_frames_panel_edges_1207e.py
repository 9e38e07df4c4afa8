"""Edges of the frames and panels on their way through files: ids and names that look like
numbers or like missing values (``"007"``, ``"NA"``, ``"nan"``, ``"NULL"``), odd Unicode,
and the documented recipes that read the CSV files back in pandas and in R."""

from __future__ import annotations

import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

import govmodel
from govmodel import synth
from govmodel.io.frames import from_frames, to_frames, write_csv
from govmodel.io.native import to_data
from govmodel.panel import PanelError, panel
from govmodel.spec import (
    Decision,
    Identifier,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
)

pd = pytest.importorskip("pandas")

DOCS = Path(__file__).resolve().parents[1] / "docs" / "guide"

#: Ids and names a reader might take for numbers, booleans or missing values, and odd Unicode.
ODD = [
    "007",
    "1e5",
    "NA",
    "nan",
    "NULL",
    "None",
    "True",
    "-1",
    "#N/A",
    "a\u2028b",
    "a\u200db",
    "e\u0301",
    "=1+1",
    "'q",
]


def _typed(x: object) -> object:
    """The file data with every scalar's type: ``==`` then tells 1 from 1.0 and True."""
    if isinstance(x, dict):
        return {k: _typed(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_typed(v) for v in x]
    return (type(x).__name__, x)


def _odd_structure() -> Structure:
    units = [Unit("s1", "street", "", attributes={"n": 1, "flag": True, "rate": 1.0})]
    for x in ODD:
        units.append(
            Unit(
                x,
                "community",
                x,
                "s1",
                {"text": x, "n": 2, "-n": 3},  # "-n": a name escaped in the CSV
                identifiers=(Identifier("local", x),),
                start="2020",
                end="2021-06",
            )
        )
    return Structure(units=units, metadata=Metadata(name="odd"))


def _full_structure() -> Structure:
    return Structure(
        units=[
            Unit("s1", "street", "S", attributes={"x": 1}),
            Unit("c1", "community", "C", "s1", {"x": True}),
            Unit("c2", "community", "", "s1", {"x": 1.0, "e": ""}, formed_from=["c0"]),
            Unit("c0", "community", "旧", "s1", end="2019", replaced_by="c2"),
        ],
        organizations=[
            Organization(
                "oc1",
                "owners_committee",
                unit="c1",
                identifiers=(Identifier("uscc", "007"),),
                start="2019",
                term_start="2020-01-01",
                term_years=5,
            ),
        ],
        people=[
            Person("p1", "甲", attributes={"x": 1}),
            Person("p2", "乙", party="active", mobility="normal"),
        ],
        posts=[
            Post("po1", "p1", "oc1", "chair", start="2020", end="2020-06", attributes={"w": 1.0}),
            Post("po2", "p2", "oc1", "member"),
        ],
        ties=[Tie("t1", "p1", "p2", "links", start="2020", attributes={"x": True})],
        observations=[
            Observation("o1", "c1", "households", 5, period="2020"),
            Observation("o2", "c1", "households", 5.0, source=""),
        ],
        decisions=[
            Decision(
                "d1",
                "oc1",
                "m",
                VotingRule(Fraction(2, 3), "cast", True, Fraction(1, 2), True),
                date="2021-03-01",
                count=Tally(10, 8, 6, 1, 1),
                area=Tally(100.5, None, 60.25, None, None),
                votes=(Vote("p1", "yes", 1.5), Vote("p2", "no", None, "p1")),
                outcome="passed",
                attributes={"z": 1},
                matter="rebuild",
            )
        ],
        metadata=Metadata(name="full", seed=0, attributes={"k": 1.0}),
    )


@pytest.mark.parametrize("make", [_odd_structure, _full_structure])
@pytest.mark.parametrize("safe", [False, True])
def test_frames_round_trip_odd_ids_and_every_optional_field_type_exactly(
    make: object, safe: bool
) -> None:
    s = make()  # type: ignore[operator]
    back = from_frames(*to_frames(s, safe=safe), safe=safe)
    assert back == s
    assert _typed(to_data(back)) == _typed(to_data(s))


def _read_csv_as_documented(folder: Path, s: Structure) -> tuple[object, object]:
    typed_nodes, typed_edges = to_frames(s, safe=True)
    read = {"keep_default_na": False, "na_values": [""]}
    nodes = pd.read_csv(
        folder / "nodes.csv",
        index_col="id",
        dtype={"id": "str", **typed_nodes.dtypes.astype(str).to_dict()},
        **read,
    )
    edges = pd.read_csv(
        folder / "edges.csv", dtype=typed_edges.dtypes.astype(str).to_dict(), **read
    )
    return nodes, edges


def test_the_documented_csv_recipe_keeps_ids_that_look_like_numbers_or_missing(
    tmp_path: Path,
) -> None:
    s = _odd_structure()
    write_csv(s, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    nodes, edges = _read_csv_as_documented(tmp_path, s)
    back = from_frames(nodes, edges, graph=to_frames(s)[0].attrs["graph"], safe=True)
    assert back == s
    assert _typed(to_data(back)) == _typed(to_data(s))
    # what the recipe guards against: with pandas' default words for missing, whatever the
    # dtypes, "NA", "nan", "NULL", "None" and "#N/A" are no ids
    plain = pd.read_csv(tmp_path / "nodes.csv", dtype=str)
    assert plain["id"].isna().sum() == 5
    # the guide says so
    text = (DOCS / "frames.md").read_text(encoding="utf-8")
    assert 'keep_default_na=False, na_values=[""]' in text


def _r_block(page: str, after: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    section = text[text.index(after) :]
    found = re.search(r"```r\n(.*?)```", section, re.DOTALL)
    assert found is not None, f"no R block after {after!r} in {page}"
    return found.group(1)


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="needs R (Rscript)")
def test_the_documented_r_recipe_reads_places_and_units_named_like_numbers_or_na(
    tmp_path: Path,
) -> None:
    places = {"007": synth.district(10, seed=1), "NA": synth.district(10, seed=2)}
    df = panel(places, "four_level", dates=["2020"])
    df.to_csv(tmp_path / "panel.csv", index=False)
    script = _r_block("research.md", "### To R and Stata")
    assert "panel.csv" in script
    script += (
        'cat(sort(unique(df$place)), sep = "\\n")\n'
        'cat(sum(df$unit == ""), sum(is.na(df$value)), class(df$date), "\\n")\n'
    )
    out = subprocess.run(
        ["Rscript", "-e", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    ).stdout.splitlines()
    assert out[:2] == ["007", "NA"]
    whole = int((df["unit"] == "").sum())
    assert out[2].split() == [str(whole), str(int(df["value"].isna().sum())), "character"]


def test_a_panel_of_one_place_and_dates_of_every_granularity_keeps_them_as_given() -> None:
    s = govmodel.datasets.load("yuetang")
    dates = ["2020", "2020-06", "2020-06-30"]
    df = panel(s, "four_level", dates=dates, units="none")
    assert list(dict.fromkeys(df["date"])) == dates
    assert set(df["place"]) == {"yuetang"}
    assert df.dtypes.astype(str).tolist() == ["str"] * 5 + ["float64"]


def test_panel_refuses_dates_given_as_one_bytes_string() -> None:
    s = govmodel.datasets.load("yuetang")
    with pytest.raises(PanelError, match="not the string b'2020'"):
        panel(s, "four_level", dates=b"2020")  # type: ignore[arg-type]


def test_write_csv_refuses_one_file_for_nodes_and_edges(tmp_path: Path) -> None:
    s = govmodel.datasets.load("xihu")
    (tmp_path / "sub").mkdir()
    for other in (tmp_path / "both.csv", tmp_path / "sub" / ".." / "both.csv"):
        with pytest.raises(ValueError, match="one file"):
            write_csv(s, tmp_path / "both.csv", other)
        assert not (tmp_path / "both.csv").exists()
    write_csv(s, tmp_path / "nodes.csv", tmp_path / "edges.csv")  # two files: written
    assert (tmp_path / "nodes.csv").read_text(encoding="utf-8").startswith("id,")


def test_a_panel_leaves_out_the_units_not_yet_in_force_on_the_first_day_of_a_date() -> None:
    s = Structure(
        units=[
            Unit("s1", "street", "S", start="2020-06-15"),
            Unit("c1", "community", "C", "s1", start="2020-06"),
            Unit("x1", "compound", "X", "c1", {"households": 10}, end="2020"),
        ],
        metadata=Metadata(name="p"),
    )
    df = panel(s, "four_level", dates=["2020-06", "2020-06-15", "2021"], units="all")
    units = {d: set(g["unit"]) - {""} for d, g in df.groupby("date")}
    assert units == {"2020-06": set(), "2020-06-15": {"s1", "c1", "x1"}, "2021": set()}


def test_a_panel_names_the_place_whose_dates_are_not_dates() -> None:
    good = Structure(units=[Unit("s1", "street", "S", start="2020")])
    bad = Structure(units=[Unit("s1", "street", "S", start="2020-13")])
    with pytest.raises(govmodel.SpecError, match="in place 'south'") as err:
        panel({"north": good, "south": bad}, "four_level", dates=["2021"])
    assert err.value.codes == ("invalid-date",)
    assert err.value.problems[0].path == "$.units[0].start"


@pytest.mark.parametrize("gap", ["float32", "float16", "datetime64"])
def test_a_numpy_gap_in_an_object_column_is_missing(gap: str) -> None:
    np = pytest.importorskip("numpy")
    s = govmodel.datasets.load("xihu")
    nodes, edges = to_frames(s)
    first = nodes.index[0]
    assert "households" not in s.get(first).attributes
    column = nodes["households"].astype(object)
    column.iloc[0] = np.datetime64("NaT") if gap == "datetime64" else getattr(np, gap)("nan")
    nodes["households"] = column
    assert from_frames(nodes, edges) == s

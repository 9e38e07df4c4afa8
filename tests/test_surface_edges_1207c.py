"""What researchers and app developers touch directly, at its edges: the drawings, the
frames, the HTML summary and the command line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import govmodel
from govmodel.cli import main

SRC = str(Path(govmodel.__file__).resolve().parents[1])

# -- plot: a CJK font without Latin glyphs ------------------------------------------------------


@pytest.fixture
def plt() -> Iterator[object]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cjk_font_without_latin_letters_leaves_them_to_matplotlibs_font(
    plt: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    # Droid Sans Fallback, the last of CJK_FONTS, has Chinese glyphs and no Latin letters or
    # digits: ids, numbers and English labels came out as empty boxes. STIXSizeFiveSym, which
    # matplotlib ships, stands in for it (it has no letters either).
    import govmodel.plot as gplot

    monkeypatch.setattr(gplot, "cjk_font", lambda: "STIXSizeFiveSym")
    s = govmodel.datasets.load("xihu")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph")  # the stand-in has no Chinese
        warnings.filterwarnings("error", message=r"Glyph \d+ \([!-~]\) missing")
        for ax in (
            gplot.plot_hierarchy(s, lang=lang),
            gplot.plot_compound(s, "xh-c5", lang=lang),
            gplot.plot_measures({"coverage": 0.5, "households": 12.0}, lang=lang),
        ):
            ax.figure.savefig(tmp_path / "figure.png")


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["report", "--help"], ["tally", "-h"], ["--version"]])
def test_main_prints_help_and_version_to_its_stdout_and_returns_0(argv: list[str]) -> None:
    # argparse printed them to sys.stdout and raised SystemExit out of main
    out = io.StringIO()
    assert main(argv, stdout=out) == 0
    assert out.getvalue().startswith("govmodel 0" if argv == ["--version"] else "usage: govmodel")


def _without(fd: int, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command run with file descriptor ``fd`` (1 or 2) closed, as ``>&-`` or ``2>&-``."""
    environ = dict(os.environ)
    environ["PYTHONPATH"] = os.pathsep.join([SRC, environ.get("PYTHONPATH", "")])
    kept = {1: "2", 2: "1"}[fd]
    code = f"import os, sys; os.close({fd}); os.execv(sys.executable, sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "govmodel", *argv],
        stdout=subprocess.PIPE if kept == "1" else None,
        stderr=subprocess.PIPE if kept == "2" else None,
        text=True,
        env=environ,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before exec")
def test_a_command_without_standard_output_says_so_with_exit_2(tmp_path: Path) -> None:
    # sys.stdout is None: main failed with AttributeError and a traceback (exit 1)
    done = _without(1, "datasets")
    assert (done.returncode, done.stderr) == (2, "govmodel datasets: standard output is closed\n")
    report = tmp_path / "r.json"  # what goes to --output needs no standard output
    done = _without(1, "validate", "--dataset", "xihu")
    assert done.returncode == 2
    done = _without(1, "export", "--dataset", "xihu", "--to", "json", "--output", str(report))
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(report.read_text(encoding="utf-8"))["format_version"] == 1


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before exec")
def test_a_command_without_standard_error_keeps_its_messages_out_of_standard_output() -> None:
    # print(file=None) writes to sys.stdout: the errors went into the data
    done = _without(2, "validate", "no-such-file.json")
    assert (done.returncode, done.stdout) == (2, "")
    done = _without(2, "validate", "--dataset", "xihu")
    assert (done.returncode, done.stdout.startswith("xihu: ok")) == (0, True)


# -- frames: a table of units -------------------------------------------------------------------

LEVELS = {"community": "社区", "compound": "小区"}


@pytest.mark.parametrize(
    ("columns", "rename", "said"),
    [
        (["户数", "住户"], {"户数": "households", "住户": "households"}, "'户数' and '住户'"),
        (["户数", "households"], {"户数": "households"}, "'户数' and 'households'"),
    ],
)
def test_a_table_whose_two_columns_become_one_attribute_is_refused(
    columns: list[str], rename: dict[str, str], said: str
) -> None:
    # the later column's value replaced the earlier one's where it had one: row 0 got 30
    # households from 住户, row 1 kept its 20 from 户数
    pd = pytest.importorskip("pandas")
    from govmodel.io.frames import structure_from_table

    table = pd.DataFrame(
        {"小区": ["A", "B"], "社区": ["C", "C"], columns[0]: [10, 20], columns[1]: [30, None]}
    )
    with pytest.raises(ValueError, match=f"the columns {said} both become the attribute"):
        structure_from_table(table, levels=LEVELS, rename=rename)
    kept = structure_from_table(table, levels=LEVELS, rename=rename, attributes=[columns[0]])
    assert [dict(u.attributes) for u in kept.units] == [{}, {"households": 10}, {"households": 20}]
    swapped = {**rename, columns[1]: "reported"}  # each column its own attribute: read
    units = structure_from_table(table, levels=LEVELS, rename=swapped).units
    assert [dict(u.attributes) for u in units][1:] == [
        {"households": 10, "reported": 30},
        {"households": 20},
    ]


@pytest.mark.parametrize("names", [["x", "x"], [1, "1"]])
def test_a_table_with_a_column_name_given_twice_is_a_duplicate_key(names: list[object]) -> None:
    # two columns "x": the table's column was a frame, and reading it an AttributeError; the
    # columns 1 and "1": one of them was read as the other
    pd = pytest.importorskip("pandas")
    from govmodel.errors import SpecError
    from govmodel.io.frames import structure_from_table

    table = pd.DataFrame([["A", "C", 1, 2], ["B", "C", 3, 4]], columns=["小区", "社区", *names])
    with pytest.raises(SpecError) as err:
        structure_from_table(table, levels=LEVELS)
    [problem] = err.value.problems
    assert (problem.code, problem.path) == ("duplicate-key", "$.columns[3]")
    assert "given twice; it is column 2 too" in problem.message


# -- metrics: one relation, one string ----------------------------------------------------------


def _seated() -> govmodel.Structure:
    from govmodel import Organization, Structure, Tie, Unit

    return Structure(
        units=[
            Unit("c", "community"),
            Unit("a", "compound", parent="c"),
            Unit("b", "compound", parent="c"),
        ],
        organizations=[
            Organization("p", "compound_party_branch", unit="a"),
            Organization("w", "owners_committee", unit="a"),
            Organization("p2", "compound_party_branch", unit="b"),
        ],
        ties=[Tie("t", "p2", "w", "embedded_in")],
    )


def test_coverage_reads_one_relation_given_as_a_string_as_that_relation() -> None:
    # via="located_in" was read as its letters, which no edge has: nothing was covered,
    # on the graph and on the index alike, where unit_kind="compound" was read as one kind
    from govmodel.index import StructureIndex
    from govmodel.metrics import coverage, org_coverage

    s = _seated()
    for read in (govmodel.to_graph(s), StructureIndex.of(s)):
        assert coverage(read, "compound_party_branch", "compound", via="located_in") == coverage(
            read, "compound_party_branch", "compound"
        )
        assert coverage(read, "compound_party_branch", "compound", via="located_in").covered == 2
        assert org_coverage(read, "owners_committee", via="embedded_in").covered == 1
        assert org_coverage(read, "owners_committee", via="located_in").covered == 0


def test_key_people_refuses_one_string_for_its_bodies() -> None:
    # each letter of "owners_committee" was a selector of its own: no pairs, no key people
    from govmodel.metrics import key_people

    G = govmodel.to_graph(_seated())
    with pytest.raises(TypeError, match="collection of organization selectors"):
        key_people(G, bodies="owners_committee")
    assert key_people(G, bodies=["owners_committee", "compound_party_branch"]) == {}


# -- frames of a graph: the columns graph_from_frames reads as ids and ends ---------------------


def test_to_frames_refuses_a_node_attribute_named_id() -> None:
    # the column "id" was read back as the node ids: nodes x1 and x2 without attributes,
    # and a and b again from the edge
    pytest.importorskip("pandas")
    import networkx as nx

    from govmodel.io.frames import to_frames

    G = nx.DiGraph()
    G.add_node("a", id="x1")
    G.add_node("b", id="x2")
    G.add_edge("a", "b")
    with pytest.raises(ValueError, match="a node attribute is named 'id'"):
        to_frames(G)


def test_to_frames_refuses_an_edge_attribute_named_key_in_a_simple_graph() -> None:
    # the attribute was read back as the edge's key, and was gone from its data
    pytest.importorskip("pandas")
    import networkx as nx

    from govmodel.io.frames import graph_from_frames, to_frames

    with pytest.raises(ValueError, match="an edge attribute is named 'key'"):
        to_frames(nx.DiGraph([("a", "b", {"key": "k1"})]))
    back = graph_from_frames(*to_frames(nx.DiGraph([("a", "b", {"x": 1})])))
    assert list(back.edges(keys=True, data=True)) == [("a", "b", 0, {"x": 1})]


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", ""],
        ["report", ""],
        ["export", "", "--to", "json"],
        ["import", "", "--from", "parquet"],
        ["tally", "", "ballots.csv"],
    ],
)
def test_an_empty_file_name_is_a_usage_error(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Path("") is the current folder: "govmodel validate:  is a folder", and import
    # --from parquet read the current folder as a dataset
    monkeypatch.chdir(tmp_path)
    assert main(argv, stdout=io.StringIO()) == 2
    assert capsys.readouterr().err == f"govmodel {argv[0]}: a file name is empty; give a file\n"


def test_national_refuses_an_empty_path_rather_than_read_the_current_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask")
    monkeypatch.chdir(tmp_path)  # it read this folder as a Parquet dataset: 9 missing tables
    assert main(["national", "", "--workers", "1"], stdout=io.StringIO()) == 2
    assert capsys.readouterr().err.startswith("govmodel national: a PATH is empty")


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--dataset", "xihu", "--output", ""],
        ["compare", "--dataset", "xihu", "--output="],
        ["export", "--dataset", "xihu", "--to", "json", "--output", ""],
    ],
)
def test_an_empty_output_is_a_usage_error_not_standard_output(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # --output "$OUT" with OUT unset wrote the document to standard output and exited 0/1
    out = io.StringIO()
    assert main(argv, stdout=out) == 2
    assert out.getvalue() == ""
    assert capsys.readouterr().err.startswith(f"govmodel {argv[0]}: --output is empty;")


# -- voting: people are whole ---------------------------------------------------------------------


@pytest.mark.parametrize("field", ["yes", "present", "members"])
def test_outcome_refuses_a_head_count_that_is_not_whole(field: str) -> None:
    # 2.5 of 3 members voting yes passed two thirds, where validate says the count is no
    # number of people
    from govmodel.errors import SpecError
    from govmodel.metrics.voting import council_rule, outcome, owners_assembly_rule
    from govmodel.spec import Decision, Tally

    counts = {"members": 3, "present": 3, "yes": 2, field: 2.5}
    d = Decision("d", "council", rule=council_rule(), count=Tally(**counts))
    with pytest.raises(SpecError) as err:
        outcome(d)
    [problem] = err.value.problems
    assert (problem.code, problem.path) == (
        "not-a-whole-number",
        f"$.decisions[?(@.id=='d')].count.{field}",
    )
    whole = Decision("d", "council", rule=council_rule(), count=Tally(members=3.0, yes=2.0))
    assert outcome(whole).passed
    areas = Decision(  # areas are not people: 200.25 m² of 300.5 is read as it is
        "d",
        "assembly",
        rule=owners_assembly_rule(),
        count=Tally(members=3, present=2, yes=2),
        area=Tally(members=300.5, present=200.25, yes=101.5),
    )
    assert outcome(areas).area is not None


def test_plot_measures_reads_numpy_numbers_and_refuses_a_string(plt: object) -> None:
    # np.float32 and np.int64 (a pandas column's values) are no int or float: they were
    # iterated as sequences ("'numpy.float32' object is not iterable"); a string was read
    # letter by letter ("could not convert string to float: 'x'")
    np = pytest.importorskip("numpy")
    from govmodel.plot import plot_measures

    ax = plot_measures({"a": np.float32(0.5), "b": np.int64(3)})
    assert [float(p.get_height()) for p in ax.patches] == [0.5, 3.0]
    for value in ("x", None):
        with pytest.raises(TypeError, match="the value of 'a' is a number or a sequence"):
            plot_measures({"a": value})


def test_a_cjk_font_put_first_in_sans_serif_still_leaves_latin_to_the_other_fonts(
    plt: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as docs/guide/plots.md does for networkx: the fallback "sans-serif" was then the CJK
    # font alone, and Latin letters boxes again (matplotlib ships DejaVu Sans)
    import matplotlib

    import govmodel.plot as gplot

    monkeypatch.setattr(gplot, "cjk_font", lambda: "STIXSizeFiveSym")
    with matplotlib.rc_context():
        sans = matplotlib.rcParams["font.sans-serif"]
        matplotlib.rcParams["font.sans-serif"] = ["STIXSizeFiveSym", *sans]
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph")
            ax = gplot.plot_hierarchy(govmodel.datasets.load("xihu"), lang="en")
        families = ax.title.get_fontfamily()
        assert families[0] == "STIXSizeFiveSym"
        assert "DejaVu Sans" in families
        assert ax.get_legend().get_texts()[0].get_fontfamily() == families


@pytest.mark.parametrize("dtype", ["object", "Float64"])
def test_plot_panel_draws_a_missing_value_of_any_column_as_a_gap(plt: object, dtype: str) -> None:
    # None in an object column, <NA> in a nullable one (a panel read back from Parquet with
    # nullable dtypes): float() failed with a TypeError instead of drawing a gap
    pd = pytest.importorskip("pandas")
    from govmodel.panel import COLUMNS
    from govmodel.plot import plot_panel

    rows = [["A", year, "x", "m", "", 0.0] for year in ("2020", "2021", "2022")]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["value"] = pd.array([0.5, None, 0.7], dtype=dtype)
    assert frame["value"].tolist()[1] is (None if dtype == "object" else pd.NA)
    ax = plot_panel(frame, "m")
    ys = [float(y) for y in ax.get_lines()[0].get_ydata()]
    assert ys[0] == 0.5
    assert ys[1] != ys[1]
    assert ys[2] == 0.7


def test_import_from_parquet_of_a_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # a folder where a file is read exits 2; a file where --from parquet reads a folder
    # exited 1 with "missing-table: ... is not a directory of tables"
    given = tmp_path / "s.json"
    given.write_text("{}", encoding="utf-8")
    assert main(["import", str(given), "--from", "parquet"], stdout=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err == (
        f"govmodel import: {given} is a file; --from parquet reads the directory of a "
        "Parquet dataset\n"
    )


@pytest.mark.parametrize("period", [2021, 2021.0, b"2021"])
def test_a_period_that_is_no_string_is_refused_rather_than_matching_nothing(
    period: object,
) -> None:
    # ratio(..., period=2021) was 0 / 0 = NaN and rollup(..., period=2021) read the
    # attributes, on the graph and the index alike: no observation's period is the int 2021
    from govmodel.index import StructureIndex
    from govmodel.metrics import ratio, resolution_rate, rollup

    s = govmodel.datasets.load("xihu")
    for read in (govmodel.to_graph(s), StructureIndex.of(s)):
        for measure, args in (
            (rollup, ("households",)),
            (ratio, ("issues_resolved", "issues_collected")),
            (resolution_rate, ()),
        ):
            with pytest.raises(TypeError, match="period is a string such as '2021'"):
                measure(read, *args, period=period)
        assert str(resolution_rate(read, period="2021-01-01/2021-12-10")) == "1088 / 1495 = 72.8 %"

"""Edge cases of the researchers' exports (govmodel.io.research): UCINET labels that differ
only in case, posts that end before they start in the spell tables, and the width of whole
numbers in Stata datasets."""

from __future__ import annotations

import io
import shutil
import subprocess
import urllib.parse
import zipfile
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.io import research
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit


def unzip(data: str | bytes) -> zipfile.ZipFile:
    assert isinstance(data, bytes)
    return zipfile.ZipFile(io.BytesIO(data))


# -- UCINET: labels are unique ignoring case ----------------------------------------------------


def _dl_labels(s: Structure) -> list[str]:
    text = unzip(research.export_ucinet(s)).read("contains.dl").decode("ascii")
    lines = text.splitlines()
    return lines[lines.index("LABELS:") + 1 : lines.index("DATA:")]


def test_ucinet_labels_of_ids_differing_only_in_case_stay_distinct() -> None:
    # UCINET reads labels in upper case: "Ab" and "ab" were written as two labels that
    # UCINET takes for one, and a generated "v4" met an id "V4"
    ids = ["Ab", "ab", "DATA", "data", "x y", "V5"]
    s = Structure(
        units=[Unit("root", "district")] + [Unit(i, "compound", parent="root") for i in ids]
    )
    assert govmodel.validate(s) == ()
    labels = _dl_labels(s)
    assert len({lab.upper() for lab in labels}) == len(labels) == 7
    assert labels[:2] == ["root", "Ab"]  # the first of a case-insensitive pair keeps its id
    assert labels[3] == "DATA"
    assert labels[-1] == "V5"  # the id keeps its label; the generated one goes round it
    assert labels[5] == "v6"


def test_ucinet_labels_of_distinct_ids_unchanged() -> None:
    ids = ["a1", "b.2", "c-3", "v9"]
    s = Structure(
        units=[Unit("root", "district")] + [Unit(i, "compound", parent="root") for i in ids]
    )
    assert _dl_labels(s) == ["root", *ids]


def test_ucinet_nodes_table_maps_case_clashing_labels_back() -> None:
    pd = pytest.importorskip("pandas")
    s = Structure(units=[Unit("Ab", "district"), Unit("ab", "district"), Unit("AB", "district")])
    nodes = pd.read_csv(
        io.BytesIO(unzip(research.export_ucinet(s)).read("nodes.csv")),
        dtype=str,
        keep_default_na=False,
    )
    assert nodes.id.tolist() == ["Ab", "ab", "AB"]
    assert nodes.label.tolist() == ["Ab", "v2", "v3"]


def test_ucinet_files_of_relations_named_as_windows_devices() -> None:
    # a relation "aux", "con" or "com1" was the file aux.dl, which Windows (where UCINET
    # runs) cannot create or extract, whatever its extension
    from govmodel.vocab import BUILTIN, Term

    pd = pytest.importorskip("pandas")
    names = ["aux", "con", "com1", "nul", "lpt9", "prn", "auxiliary", "com10"]
    vocab = BUILTIN.extend([Term("relations", n, n) for n in names])
    people = [Person("a"), Person("b")]
    ties = [Tie(f"t{i}", "a", "b", n) for i, n in enumerate(names)]
    s = Structure(people=people, ties=ties, vocabulary=vocab)
    assert govmodel.validate(s) == ()
    z = unzip(research.export_ucinet(s))
    expected = [
        "aux_.dl", "con_.dl", "com1_.dl", "nul_.dl", "lpt9_.dl", "prn_.dl", "auxiliary.dl",
        "com10.dl",
    ]  # fmt: skip
    assert z.namelist()[2:] == expected
    table = pd.read_csv(io.BytesIO(z.read("relations.csv")), dtype=str, keep_default_na=False)
    assert table.file.tolist() == expected
    assert table.relation.tolist() == names


# -- Pajek: spaces in an arc's label --------------------------------------------------------------

_ARC_LABELS = ["a b", "x %y", "/* c */", "1 2 3", "  ", 'l "x"', "*Vertices 3", "plain"]


def _spaced_relations() -> Any:
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_nodes_from(["n 1", "50 %", "c"])
    nodes = list(G)
    for i, label in enumerate(_ARC_LABELS):
        G.add_edge(nodes[i % 3], nodes[(i + 1) % 3], key=f"k{i}", relation=label)
    return G


def test_pajek_escapes_spaces_in_arc_labels_only() -> None:
    text = research.export_pajek(_spaced_relations())
    arcs = text.splitlines()[5:]
    assert all(len(line.split(" ")) == 5 for line in arcs)  # one word a label
    assert '1 2 1 l "a%20b"' in arcs
    assert '2 3 1 l "x%20%25y"' in arcs
    assert text.splitlines()[1:3] == ['1 "n 1"', '2 "50 %25"']  # vertex labels keep spaces


def test_pajek_arc_labels_with_spaces_read_by_networkx(tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "x.net"
    path.write_text(research.export_pajek(_spaced_relations()), encoding="utf-8")
    H = nx.read_pajek(path)
    assert [urllib.parse.unquote(n) for n in H] == ["n 1", "50 %", "c"]
    got = sorted(urllib.parse.unquote(d["l"]) for _, _, d in H.edges(data=True))
    assert got == sorted(_ARC_LABELS)


@pytest.mark.parametrize("first", ["x %y", "plain"])
def test_pajek_arc_labels_with_spaces_read_by_r_network(first: str, tmp_path: Path) -> None:
    # read.paj split an arc's line at its spaces: a label of more words than the other arcs'
    # failed the whole file ("replacement has length zero"), and a word starting with "%"
    # ("x %y" written "x %25y") made the line a comment, the arc lost
    if shutil.which("Rscript") is None:
        pytest.skip("R is not installed")
    check = subprocess.run(
        ["Rscript", "-e", "cat(requireNamespace('network', quietly = TRUE))"],
        capture_output=True,
        text=True,
    )
    if check.stdout.strip() != "TRUE":
        pytest.skip("R's network package is not installed")
    G = _spaced_relations()
    labels = [first] + [x for x in _ARC_LABELS if x != first]
    for (u, v, k), label in zip(list(G.edges(keys=True)), labels, strict=True):
        G.edges[u, v, k]["relation"] = label
    path = tmp_path / "x.net"
    path.write_text(research.export_pajek(G), encoding="utf-8")
    script = (
        "suppressMessages(library(network)); options(warn = 2); "
        f'n <- read.paj("{path}"); cat(network.size(n), network.edgecount(n))'
    )
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"3 {len(_ARC_LABELS)}"


# -- spells: a post that ends before it starts --------------------------------------------------


def _ending_first(start: str, end: str) -> Structure:
    return Structure(
        units=[Unit("u", "compound")],
        organizations=[Organization("o", "owners_committee", unit="u")],
        people=[Person("p")],
        posts=[Post("po", "p", "o", "member", start, end)],
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2020-03", "2020-02"),  # was the point spell [2020-03-01, 2020-03-01)
        ("2020-03-15", "2020-03-10"),  # was onset > terminus, which networkDynamic refuses
        ("2021", "2020"),
    ],
)
def test_spells_refuse_a_post_ending_before_it_starts(start: str, end: str) -> None:
    s = _ending_first(start, end)
    with pytest.raises(SpecError) as info:
        govmodel.io.export(s, "spells")
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("end-before-start", "$.posts[0].end")
    ]


def test_spells_refuse_a_tie_ending_before_it_starts_in_a_graph() -> None:
    s = Structure(
        people=[Person("a"), Person("b")],
        ties=[Tie("t", "a", "b", "spouse_of", "2020-01-02", "2020-01-01")],
    )
    G = govmodel.to_graph(s)
    with pytest.raises(SpecError) as info:
        research.export_spells(G)
    assert info.value.codes == ("end-before-start",)
    assert "'t'" in str(info.value)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2020-03", "2020-03", 31),
        ("2020-03-31", "2020-03", 1),  # the end's month holds the start's day
        ("2020-03", "2020-03-01", 1),
        ("2020-02-29", "2020-02-29", 1),
    ],
)
def test_spells_of_posts_ending_the_day_they_start_are_kept(
    start: str, end: str, days: int
) -> None:
    s = _ending_first(start, end)
    assert govmodel.validate(s) == ()
    rows = unzip(govmodel.io.export(s, "spells")).read("edge_spells.csv").decode().splitlines()
    post = next(r.split(",") for r in rows if ",post," in r)
    assert int(post[1]) - int(post[0]) == days


# -- Stata: whole numbers in the narrowest of byte, int and long --------------------------------


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        ([0, 1], "int8"),
        ([-127, 100], "int8"),  # Stata's byte: -127 to 100
        ([101, 0], "int16"),
        ([-128, 0], "int16"),
        ([-32_767, 32_740], "int16"),  # Stata's int: -32,767 to 32,740
        ([32_741, 0], "int32"),
        ([-32_768, 0], "int32"),
        ([-2_147_483_647, 2_147_483_620], "int32"),  # Stata's long
        ([2_147_483_621], "float64"),
    ],
)
def test_to_stata_whole_numbers_take_the_narrowest_type(values: list[int], dtype: str) -> None:
    pd = pytest.importorskip("pandas")
    back = pd.read_stata(io.BytesIO(research.to_stata(pd.DataFrame({"n": values}))))
    assert str(back["n"].dtype) == dtype
    assert back["n"].tolist() == values


def test_stata_export_of_a_small_count_is_a_byte() -> None:
    pd = pytest.importorskip("pandas")
    s = Structure(units=[Unit("u", "compound", attributes={"floors": 6})])
    z = unzip(govmodel.io.export(s, "stata"))
    back = pd.read_stata(io.BytesIO(z.read("nodes.dta")))
    assert str(back["floors"].dtype) == "int8"
    assert back["floors"].tolist() == [6]


# -- spells: the R recipe of the docstring keeps ids and names as text ---------------------------


def _r_recipe() -> list[str]:
    """The R lines of export_spells' docstring that read the tables (not networkDynamic's)."""
    doc = research.export_spells.__doc__ or ""
    block = doc[doc.index("library(networkDynamic)") : doc.index("nd <- networkDynamic")]
    return [line.strip() for line in block.splitlines()[1:] if line.strip()]


def test_spells_read_by_the_documented_r_recipe_keep_ids_as_text(tmp_path: Path) -> None:
    # the recipe was read.csv(..., encoding = "UTF-8") alone: R read an id "007" as 7, an id
    # or name "NA" as missing and a name "TRUE" as a logical
    if shutil.which("Rscript") is None:
        pytest.skip("R is not installed")
    s = Structure(
        units=[
            Unit("NA", "district", "NA"),
            Unit("007", "street", "TRUE", parent="NA"),
            Unit("1e5", "street", "T", parent="NA"),
        ]
    )
    path = tmp_path / "x.zip"
    govmodel.io.export(s, "spells", path)
    recipe = "\n".join(_r_recipe()).replace('"x.zip"', f'"{path}"')
    script = recipe + (
        "\ncat(v$id, v$name, class(v$onset), class(e$tail), e$terminus[1], sep = '|')"
    )
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "NA|007|1e5|NA|TRUE|T|numeric|numeric|Inf"


# -- Pajek: an id NA ---------------------------------------------------------------------------


def test_pajek_vertex_na_read_by_r_network_as_its_id(tmp_path: Path) -> None:
    # R's read.paj read the label "NA" (quoted) as a missing vertex name
    s = Structure(units=[Unit("NA", "district"), Unit("NAB", "street", parent="NA")])
    text = govmodel.io.export(s, "pajek")
    assert isinstance(text, str)
    assert text.splitlines()[1:3] == ['1 "%4EA"', '2 "NAB"']
    path = tmp_path / "x.net"
    path.write_text(text, encoding="utf-8")
    import networkx as nx

    assert [urllib.parse.unquote(n) for n in nx.read_pajek(path)] == ["NA", "NAB"]
    if shutil.which("Rscript") is None:
        pytest.skip("R is not installed")
    script = (
        "if (!requireNamespace('network', quietly = TRUE)) quit(status = 3); "
        "suppressMessages(library(network)); options(warn = 2); "
        f'n <- read.paj("{path}"); '
        "cat(sapply(as.character(network.vertex.names(n)), URLdecode), sep = '|')"
    )
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    if out.returncode == 3:
        pytest.skip("R's network package is not installed")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "NA|NAB"


# -- from_graph: node ids and keys of a str subclass --------------------------------------------


def _no_str_subclass(value: Any, path: str = "s") -> None:
    import attrs

    if isinstance(value, str):
        assert type(value) is str, path
    elif attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            _no_str_subclass(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, tuple | list):
        for i, x in enumerate(value):
            _no_str_subclass(x, f"{path}[{i}]")
    elif hasattr(value, "items"):
        for k, x in value.items():
            _no_str_subclass(k, f"{path}<{k}>")
            _no_str_subclass(x, f"{path}[{k}]")


def test_from_graph_of_numpy_string_ids_holds_plain_strings() -> None:
    # node ids, edge keys and relations of numpy's str_ (a graph built from numpy arrays)
    # were kept as they were: the structure's ids, parents, posts' people and ties' ids
    # were np.str_ (shown as np.str_('x1')), where every other string is made plain
    import networkx as nx

    np = pytest.importorskip("numpy")
    from tests.io import full_structure

    s = full_structure()
    G = govmodel.to_graph(s)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)

    def np_str(x: Any) -> Any:
        return np.str_(x) if type(x) is str else x

    H.add_nodes_from((np.str_(n), d) for n, d in G.nodes(data=True))
    H.add_edges_from(
        (np.str_(u), np.str_(v), np.str_(k), {a: np_str(x) for a, x in d.items()})
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    back = govmodel.from_graph(H)
    assert back == s
    assert govmodel.dumps(back) == govmodel.dumps(s)
    _no_str_subclass(back)
    assert repr(back.units[1]).startswith(f"Unit(id={s.units[1].id!r}")


# -- spells of a graph: posts and ties without seq ----------------------------------------------


@pytest.mark.parametrize("name", ["yuetang", "xihu"])
def test_spells_of_a_graph_without_seq_are_those_of_its_structure(name: str) -> None:
    # a graph's posts and ties were told from its other edges by their "seq" attribute,
    # which from_graph does not need: in a graph made by hand without it, the people were
    # always active and the edges had no edge_id
    s = govmodel.datasets.load(name)
    G = govmodel.to_graph(s)
    for *_, d in G.edges(data=True):
        d.pop("seq", None)
    assert set(govmodel.from_graph(G).posts) == set(s.posts)
    assert research.export_spells(G) == research.export_spells(s)


def test_spells_of_a_graph_tie_with_a_structural_relation() -> None:
    s = Structure(
        people=[Person("a"), Person("b")],
        ties=[Tie("t", "a", "b", "contains", "2020", "2021")],  # an invalid tie, kept
    )
    G = govmodel.to_graph(s)
    for *_, d in G.edges(data=True):
        d.pop("seq", None)
    assert research.export_spells(G) == research.export_spells(s)
    rows = unzip(research.export_spells(G)).read("vertex_spells.csv").decode().splitlines()
    assert rows[1].split(",")[:3] == ["18262", "18993", "1"]  # 2020-01-01 to 2022-01-01


def test_to_stata_refuses_a_column_name_given_twice() -> None:
    # a frame of two columns "a" failed with "AttributeError: 'DataFrame' object has no
    # attribute 'dtype'" (frame["a"] is then a frame)
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([[1, 2, 3]], columns=["a", "b", "a"])
    with pytest.raises(ValueError, match="column 'a' appears twice"):
        research.to_stata(df)

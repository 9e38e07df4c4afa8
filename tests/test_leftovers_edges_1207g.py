"""Leftovers at their edges: writers given strings of a subclass of ``str`` (a ``StrEnum``),
``govmodel national --workers``, and the Chinese reports' words."""

from __future__ import annotations

import enum
import io
import os
import zipfile
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

import govmodel
from govmodel import io as gio
from govmodel.spec import (
    Decision,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
    VotingRule,
)
from govmodel.vocab import Term

# -- writers: strings of a subclass of str ------------------------------------------------------


class S(str, enum.Enum):  # noqa: UP042 (str() and format() of a member are "S.UNIT")
    UNIT = "u"
    ORG = "o"
    GROUP = "g"
    PERSON = "p"
    POST = "m"
    TIE = "t"
    OBSERVED = "b"
    DECISION = "d"
    KEY = "k"
    NAME = "Yuelu"
    CHIEF = "chief"
    CHIEF_ZH = "主任"


def _structure(term: Any) -> Structure:
    """A structure whose ids, an attribute's key and value and a term's labels are
    ``term(...)``: plain strings, or :class:`S` members."""
    return Structure(
        units=[Unit(term("u"), "compound", attributes={term("k"): term("Yuelu")})],
        organizations=[
            Organization(term("o"), "compound_party_branch", "Yuelu", unit=term("u")),
            Organization(term("g"), "party_branch", "g", parent=term("o")),
        ],
        people=[Person(term("p"), "Yuelu")],
        posts=[Post(term("m"), term("p"), term("o"), "chief")],
        ties=[Tie(term("t"), term("o"), term("g"), "guides")],
        observations=[Observation(term("b"), term("u"), "households", 3)],
        decisions=[Decision(term("d"), term("o"), rule=VotingRule(basis="members"))],
        vocabulary=[Term("roles", "chief", term("chief"), term("主任"))],
        metadata=Metadata(name="Yuelu"),
    )


def _member(text: str) -> S:
    return S(text)


PLAIN, MEMBERS = _structure(str), _structure(_member)


def _files(data: str | bytes) -> Any:
    if isinstance(data, bytes) and data[:2] == b"PK":
        z = zipfile.ZipFile(io.BytesIO(data))
        return {n: z.read(n) for n in z.namelist()}
    return data


def test_the_members_structure_is_valid_and_equal_to_the_plain_one() -> None:
    assert MEMBERS == PLAIN
    assert not govmodel.validate(MEMBERS)


@pytest.mark.parametrize("fmt", ["ucinet", "pajek", "spells", "stata"])
def test_research_exports_write_ids_of_a_str_subclass_as_the_strings_they_hold(fmt: str) -> None:
    # the ids were written as Python formats a member: "S.UNIT" in the labels of UCINET,
    # Pajek and networkDynamic, an edge's key "S.TIE" in the spells, and Stata's key
    # column as JSON text ('"t"')
    if fmt == "stata":
        pytest.importorskip("pandas")
    assert _files(gio.export(MEMBERS, fmt)) == _files(gio.export(PLAIN, fmt))


def test_popolo_writes_a_vote_event_and_a_term_label_of_a_str_subclass_as_strings() -> None:
    # the vote event of the decision was "S.DECISION/vote", the post "S.CHIEF, Yuelu"
    assert gio.export(MEMBERS, "popolo") == gio.export(PLAIN, "popolo")


@pytest.mark.parametrize("fmt", ["org-turtle", "org-jsonld"])
def test_org_writes_a_post_label_of_a_str_subclass_term_as_the_string_it_holds(fmt: str) -> None:
    # the post was labelled "S.CHIEF, Yuelu"@en and "YueluS.CHIEF_ZH"@zh
    text = gio.export(MEMBERS, fmt)
    assert text == gio.export(PLAIN, fmt)
    assert isinstance(text, str)
    assert "S." not in text


def test_to_frames_of_ids_of_a_str_subclass_holds_plain_strings() -> None:
    # the edges' source, target and key columns were of objects (the members), not str
    pytest.importorskip("pandas")
    from govmodel.io.frames import from_frames, to_frames

    nodes, edges = to_frames(MEMBERS)
    plain_nodes, plain_edges = to_frames(PLAIN)
    assert nodes.dtypes.equals(plain_nodes.dtypes)
    assert edges.dtypes.equals(plain_edges.dtypes)
    assert nodes.equals(plain_nodes)
    assert edges.equals(plain_edges)
    assert {type(x) for x in edges["key"]} == {str}
    back = from_frames(nodes, edges)
    assert back == PLAIN
    assert type(back.units[0].id) is str


def test_parquet_writes_values_of_subclasses_of_str_int_and_float_as_plain_scalars(
    tmp_path: Path,
) -> None:
    # an attribute of a StrEnum (or IntEnum, or a float subclass) was refused with a
    # TypeError "<S.NAME: 'Yuelu'> is not a str, int, float or bool"
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import read_parquet, write_parquet

    class Whole(enum.IntEnum):
        THREE = 3

    class Real(float):
        pass

    attributes = {"k": S.NAME, "n": Whole.THREE, "x": Real(1.5), "b": True}
    s = Structure(units=[Unit(S.UNIT, "compound", attributes=attributes)])
    write_parquet(s, tmp_path / "members")
    back = read_parquet(tmp_path / "members")
    assert back == s
    got = back.units[0].attributes
    assert [(type(v), v) for v in got.values()] == [
        (str, "Yuelu"),
        (int, 3),
        (float, 1.5),
        (bool, True),
    ]
    assert type(back.units[0].id) is str
    write_parquet(_structure(str), tmp_path / "plain")
    write_parquet(MEMBERS, tmp_path / "enum")
    assert _tree(tmp_path / "enum") == _tree(tmp_path / "plain")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        os.path.relpath(os.path.join(d, n), root): Path(d, n).read_bytes()
        for d, _, names in os.walk(root)
        for n in names
    }


# -- govmodel national --workers --------------------------------------------------------------


class _Cluster:
    """A stand-in for ``distributed.LocalCluster`` that starts nothing."""

    started: ClassVar[list[int]] = []

    def __init__(self, *, n_workers: int, **_: Any) -> None:
        self.started.append(n_workers)
        self.n = n_workers

    def close(self) -> None:
        pass


class _Client:
    def __init__(self, cluster: _Cluster) -> None:
        self.cluster = cluster

    def scheduler_info(self) -> dict[str, Any]:
        # a few at most: a cluster asked for 10**12 has not that many to list
        return {"workers": {i: {"nthreads": 1} for i in range(min(self.cluster.n, 64))}}

    def map(self, task: Any, *iterables: Any, pure: bool, **options: Any) -> list[Any]:
        return [task(*args, **options) for args in zip(*iterables, strict=True)]

    def gather(self, futures: list[Any]) -> list[Any]:
        return futures

    def close(self) -> None:
        pass


def _no_client() -> Any:
    raise ValueError("no client")


@pytest.mark.parametrize(("asked", "started"), [(10**12, 2), (2, 2), (1, 1), (None, None)])
def test_a_local_cluster_starts_no_more_workers_than_tasks(
    monkeypatch: pytest.MonkeyPatch, asked: int | None, started: int | None
) -> None:
    # --workers 1000000000000 started a local cluster of that many worker processes for
    # two files; now never more than the tasks
    dist = pytest.importorskip("distributed")
    from govmodel import distributed

    monkeypatch.setattr(dist, "LocalCluster", _Cluster)
    monkeypatch.setattr(dist, "Client", _Client)
    monkeypatch.setattr(dist, "get_client", _no_client)
    monkeypatch.setattr(_Cluster, "started", [])
    result = distributed.map_summaries(
        distributed.summarize,
        [govmodel.datasets.load("xihu"), govmodel.datasets.load("chengdu")],
        n_workers=asked,
        progress=False,
        models=["grid"],
    )
    want = min(os.cpu_count() or 1, 2) if started is None else started
    assert _Cluster.started == [want]
    assert result.cores == want


@pytest.mark.parametrize("workers", ["0", "-1", "-0", "1.5", "", "many"])
def test_national_refuses_workers_below_one_as_a_usage_error(
    workers: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # intended and already so (argparse's type check): recorded here next to the cap
    from govmodel.cli import EXIT_USAGE, main

    assert main(["national", "x.json", f"--workers={workers}"], stdout=io.StringIO()) == EXIT_USAGE
    assert f"--workers: not a positive whole number: {workers!r}" in capsys.readouterr().err


def test_national_help_says_workers_are_capped(capsys: pytest.CaptureFixture[str]) -> None:
    from govmodel.cli import main

    out = io.StringIO()
    assert main(["national", "--help"], stdout=out) == 0
    help_text = " ".join((out.getvalue() + capsys.readouterr().out).split())
    assert "never more than the districts or files" in help_text


# -- Chinese reports: no English fallback words --------------------------------------------------


def _unnamed(name: str = "") -> Structure:
    s = govmodel.datasets.load("xihu")
    return attrs.evolve(s, metadata=attrs.evolve(s.metadata, name=name, title=""))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_chinese_report_of_an_unnamed_structure_names_it_in_chinese(fmt: str) -> None:
    # the structure was shown by the English word: "结构: structure", "*structure*"
    a = govmodel.assess(_unnamed(), "grid")
    zh = a.render(fmt, "zh")
    assert "未命名结构" in zh
    assert "structure" not in zh.replace("govmodel-structure", "")
    # English as it was: the word "structure" stands for the name
    en = a.render(fmt, "en")
    assert {
        "text": "structure: structure\n",
        "markdown": "\n*structure*",
        "html": "<em>structure</em>",
    }[fmt] in en


def test_a_structure_named_structure_keeps_its_name_in_a_chinese_report() -> None:
    a = govmodel.assess(_unnamed("structure"), "grid")
    assert "结构: structure\n" in a.render("text", "zh")
    assert a.to_dict("zh")["structure"] == "structure"


def test_the_cli_chinese_report_of_an_unnamed_structure_names_it_in_chinese(tmp_path: Path) -> None:
    from govmodel.cli import main

    path = tmp_path / "unnamed.json"
    gio.dump(_unnamed(), path)
    out = io.StringIO()
    main(["report", str(path), "--model", "grid", "--lang", "zh", "--no-progress"], stdout=out)
    assert "结构: 未命名结构\n" in out.getvalue()

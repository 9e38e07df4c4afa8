"""Leftovers at their edges: writers given strings of a subclass of ``str`` (a ``StrEnum``),
``govmodel national --workers``, and the Chinese reports' words."""

from __future__ import annotations

import enum
import io
import os
import zipfile
from pathlib import Path
from typing import Any

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

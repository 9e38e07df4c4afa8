"""Small edges of the public surface: a structure's objects show themselves whatever they
hold (an integer of more digits than Python writes out, ``sys.get_int_max_str_digits``, is
shown as about its size); one string given for many ids is one id; ``structure_html``
names a bad ``per_kind``."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from govmodel.classify import Reason
from govmodel.spec import Attributes, Unit

LIMIT = sys.get_int_max_str_digits()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**LIMIT, f"about 1.00e+{LIMIT}"),
        (-(10**LIMIT) - 7, f"about -1.00e+{LIMIT}"),
        (3 * 10 ** (2 * LIMIT), f"about 3.00e+{2 * LIMIT}"),
    ],
    ids=["one-over", "negative", "twice-as-long"],
)
def test_attributes_holding_an_integer_too_long_to_write_show_about_its_size(
    value: int, shown: str
) -> None:
    a = Attributes({"x": value, "name": "楼", "flag": True, "n": 1.0})
    text = repr(a)
    assert text.startswith(f"Attributes({{'x': {shown}, ")
    assert "'name': '楼', 'flag': True, 'n': 1.0})" in text
    assert "about" in repr(Unit("u", "compound", attributes=a))
    assert "about" in repr(Reason("r", "because", {"x": value}))


def test_attributes_of_ordinary_values_keep_their_exact_repr() -> None:
    a = Attributes({"x": 10 ** (LIMIT - 1), "b": False, "f": 0.1})
    assert repr(a) == f"Attributes({{'x': {10 ** (LIMIT - 1)!r}, 'b': False, 'f': 0.1}})"
    assert eval(repr(a)) == a


def test_outermost_reads_one_string_as_one_id() -> None:
    import govmodel
    from govmodel.index import StructureIndex

    ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    assert ix.outermost("yt-xt") == ["yt-xt"]
    assert ix.outermost("no such unit") == ["no such unit"]
    assert ix.outermost(["yt-c1", "yt-xt"]) == ["yt-xt"]


@pytest.mark.parametrize(
    ("per_kind", "error"),
    [(2.5, TypeError), (True, TypeError), ("3", TypeError), (None, TypeError), (-1, ValueError)],
)
def test_structure_html_names_a_bad_per_kind(per_kind: object, error: type[Exception]) -> None:
    import govmodel
    from govmodel.display import structure_html

    with pytest.raises(error, match="per_kind"):
        structure_html(govmodel.datasets.load("chengdu"), per_kind=per_kind)  # type: ignore[arg-type]


def test_structure_html_takes_any_whole_number_as_per_kind() -> None:
    import numpy as np

    import govmodel
    from govmodel.display import structure_html

    s = govmodel.datasets.load("chengdu")
    assert structure_html(s, per_kind=np.int64(2)) == structure_html(s, per_kind=2)
    assert structure_html(s, per_kind=0) != structure_html(s, per_kind=2)


@pytest.mark.parametrize("name", [None, 3, ["xihu"], b"xihu"], ids=repr)
def test_preset_names_a_name_that_is_no_string(name: object) -> None:
    from govmodel.synth import preset

    with pytest.raises(TypeError, match="named by a string") as info:
        preset(name)  # type: ignore[arg-type]
    assert "xihu" in str(info.value)


@pytest.mark.parametrize(
    ("yes", "passed"), [(10**LIMIT // 2 + 1, True), (10**LIMIT // 2, False)], ids=["over", "half"]
)
def test_outcome_of_counts_too_long_to_write_explains_them_by_size(yes: int, passed: bool) -> None:
    from fractions import Fraction

    from govmodel.metrics.voting import outcome
    from govmodel.spec import Decision, Tally, VotingRule

    members = 10**LIMIT
    d = Decision(
        "d",
        "b",
        "m",
        rule=VotingRule(threshold=Fraction(1, 2), strict=True),
        count=Tally(members=members, present=members, yes=yes, no=members - yes, abstain=0),
    )
    got = outcome(d)
    assert got.passed is passed
    assert f"of about 1.00e+{LIMIT} members voted yes" in got.explanation
    assert got.explanation.endswith("passed" if passed else "failed")


def test_two_different_classifiers_of_one_name_are_refused_not_one_hidden() -> None:
    import govmodel
    from govmodel.classify import CompoundType, classify
    from govmodel.errors import ModelError
    from govmodel.models import Context, GovernanceModel

    s = govmodel.datasets.load("xihu")
    with pytest.raises(ModelError, match="two different classifiers are named 'compound_type'"):
        classify(s, [CompoundType(), CompoundType(use_built_year=False)])
    with pytest.raises(ModelError, match="'compound_type'"):
        Context(s, GovernanceModel()).classify(["compound_type", CompoundType(reform_year=2000)])
    # the same classifier given twice, or an equal one, is one
    once = classify(s, ["compound_type"])
    assert classify(s, ["compound_type", CompoundType()]) == once
    assert classify(s, [CompoundType(), CompoundType()]) == once


def test_a_model_named_twice_is_summarized_once() -> None:
    import govmodel
    from govmodel.distributed import summarize

    s = govmodel.datasets.load("jinfeng")
    once = summarize(s, ["grid"])
    assert summarize(s, ["grid", "grid"]) == once
    assert summarize(s, ["grid", "four_level", "grid"]) == summarize(s, ["grid", "four_level"])


@pytest.mark.timeout(60)
def test_a_warning_during_a_command_is_shown_once_and_the_command_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the recorded warnings used to be shown while still recording, each shown one recorded
    # again: the command never ended (a Dask warning under load hung `govmodel national`)
    import warnings

    from govmodel import cli

    def run(parser: object, argv: object, out: object) -> int:
        warnings.warn("a library's own warning", UserWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(cli, "_run", run)
    with pytest.warns(UserWarning, match="library's own") as shown:
        assert cli.main(["validate", "x.json"]) == 0
    assert [str(w.message) for w in shown] == ["a library's own warning"]


def test_a_local_cluster_takes_a_free_port_without_a_warning(tmp_path: Path) -> None:
    # two runs at once on one machine: the second's dashboard used to ask for port 8787,
    # which the first held, and warned
    import socket
    import warnings

    pytest.importorskip("distributed")
    import govmodel
    from govmodel import distributed

    held = socket.socket()
    try:
        held.bind(("", 8787))
        held.listen()
    except OSError:  # taken already: as good
        pass
    try:
        path = tmp_path / "xihu.json"
        govmodel.dump(govmodel.datasets.load("xihu"), path)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = distributed.assess_files([path], ["grid"], n_workers=1, progress=False)
        assert result.total == distributed.summarize(
            govmodel.load(path), ["grid"], name="xihu.json"
        )
        assert [str(w.message) for w in caught if "already in use" in str(w.message)] == []
    finally:
        held.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--dataset", "yuetang", "--model", "four_level", "--format", "json"],
        ["export", "--dataset", "yuetang", "--to", "node-link"],
    ],
)
def test_output_dash_is_standard_output(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--output -`` writes to standard output, as no ``--output`` does, and makes no file
    called ``-``; ``./-`` still names one."""
    from govmodel.cli import main

    monkeypatch.chdir(tmp_path)
    plain, dashed = io.StringIO(), io.StringIO()
    assert main(argv, stdout=plain) == 0
    assert main([*argv, "--output", "-"], stdout=dashed) == 0
    assert dashed.getvalue() == plain.getvalue() != ""
    assert not (tmp_path / "-").exists()
    assert main([*argv, "--output", "./-"], stdout=io.StringIO()) == 0
    assert (tmp_path / "-").read_text(encoding="utf-8") == plain.getvalue()

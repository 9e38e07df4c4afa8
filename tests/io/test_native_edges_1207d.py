"""The native format at its edges: shares written as floats, strings and numbers that PyYAML's
writer mishandles, problems lists under raised limits.

Each case was read or written wrongly before (a share read as the binary fraction below it,
YAML text the reader refuses, a raw PyYAML exception, problems dropped without a word).
"""

from __future__ import annotations

import copy
import enum
import json
import os
import tracemalloc
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel
import govmodel.io.native
from govmodel import SpecError
from govmodel.metrics.voting import outcome
from govmodel.spec import (
    Decision,
    Metadata,
    Organization,
    Person,
    Structure,
    Tally,
    Unit,
    Vote,
    VotingRule,
    exact,
)
from govmodel.vocab import Term

_HEAD = (
    '{"format_version": 1, "organizations": [{"id": "o", "kind": "owners_committee"}], '
    '"decisions": [{"id": "d", "body": "o", "rule": '
)


def _decision(rule: str, count: str = "") -> str:
    return _HEAD + rule + count + "}]}"


_CHENGDU = govmodel.dumps(govmodel.datasets.load("chengdu"))


# -- a share written as a float is the decimal it says ------------------------------------


@pytest.mark.parametrize(("written", "exact"), [("0.6", Fraction(3, 5)), ("0.1", Fraction(1, 10))])
def test_float_threshold_and_quorum_read_as_the_decimal_written(
    written: str, exact: Fraction
) -> None:
    s = govmodel.loads(_decision(f'{{"threshold": {written}, "quorum": {written}}}'))
    assert s.decisions[0].rule.threshold == exact
    assert s.decisions[0].rule.quorum == exact
    y = govmodel.loads(
        "format_version: 1\norganizations: [{id: o, kind: owners_committee}]\n"
        f"decisions: [{{id: d, body: o, rule: {{threshold: {written}}}}}]\n",
        format="yaml",
    )
    assert y.decisions[0].rule.threshold == exact
    assert f'"threshold": "{exact.numerator}/{exact.denominator}"' in govmodel.dumps(s)


def test_voting_rule_made_with_a_float_holds_the_decimal() -> None:
    assert VotingRule(0.6).threshold == Fraction(3, 5)
    assert VotingRule(quorum=0.1).quorum == Fraction(1, 10)
    assert VotingRule(0.5).threshold == Fraction(1, 2)
    with pytest.raises(ValueError, match="finite"):
        VotingRule(float("nan"))


def test_more_than_a_float_share_is_not_met_by_the_share_itself() -> None:
    """3 of 5 is not "more than 0.6": the binary 0.6 lies just below 3/5 and let it pass."""
    s = govmodel.loads(
        _decision(
            '{"threshold": 0.6, "strict": true}',
            ', "count": {"members": 5, "present": 5, "yes": 3, "no": 2}',
        )
    )
    assert outcome(s.decisions[0]).passed is False


# -- YAML writes what it reads back, or refuses as JSON does ---------------------------------


def test_yaml_dumps_refuses_a_lone_surrogate_as_json_does(tmp_path: Path) -> None:
    s = Structure(units=[Unit("c", "community", name="\ud800", attributes={"\udc00k": "v"})])
    for fmt in ("json", "yaml"):
        with pytest.raises(SpecError) as info:
            govmodel.dumps(s, format=fmt)
        assert {(p.code, p.path) for p in info.value.problems} >= {
            ("invalid-string", "$.units[0].name")
        }
    target = tmp_path / "s.yaml"
    with pytest.raises(SpecError):
        govmodel.dump(s, target)
    assert os.listdir(tmp_path) == []


class _Level(enum.IntEnum):
    LOW = 3


class _Word(str):
    pass


class _Area(float):
    pass


def test_yaml_writes_subclasses_of_str_int_and_float_as_json_does(tmp_path: Path) -> None:
    s = Structure(
        units=[
            Unit(
                _Word("c"),
                "community",
                attributes={"grade": _Level.LOW, "w": _Word("x"), "a": _Area(1.5)},
            )
        ],
        organizations=[Organization("o", "owners_committee", unit="c")],
        decisions=[Decision("d", "o", count=Tally(members=_Level.LOW, yes=_Area(2.0)))],
    )
    for fmt in ("json", "yaml"):
        back = govmodel.loads(govmodel.dumps(s, format=fmt), format=fmt)
        attributes = back.units[0].attributes
        assert [type(back.units[0].id), back.units[0].id] == [str, "c"]
        assert [type(attributes["grade"]), attributes["grade"]] == [int, 3]
        assert [type(attributes["w"]), type(attributes["a"])] == [str, float]
        assert back.decisions[0].count == Tally(members=3, yes=2.0)
        govmodel.dump(s, tmp_path / f"s.{fmt}")
        assert govmodel.load(tmp_path / f"s.{fmt}") == back


# -- every problem, up to the limit asked for ---------------------------------------------------


def test_attribute_problems_are_listed_up_to_a_raised_max_problems() -> None:
    bad = ", ".join(f'"a{i}": null' for i in range(1500))
    text = (
        '{"format_version": 1, "units": [{"id": "u", "kind": "community", "attributes": {'
        + bad
        + "}}]}"
    )
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, limits=govmodel.Limits(max_problems=5000))
    problems = info.value.problems
    assert len(problems) == 1500
    assert problems[-1].path == "$.units[0].attributes.a1499"
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert info.value.problems[-1].code == "too-many-problems"


# -- a string is never a list of its letters ------------------------------------------------------


def test_a_string_given_for_a_list_field_is_one_item() -> None:
    """``Metadata(model="tripartite")`` made ten one-letter models, which validation passed
    and the writers wrote; one string is one item, as in a term's ``within``."""
    metadata = Metadata(model="tripartite", source="report.txt")
    assert (metadata.model, metadata.source) == (("tripartite",), ("report.txt",))
    assert Unit("x", "community", formed_from="c1").formed_from == ("c1",)
    assert Organization("o", "owners_committee", formed_from="o1").formed_from == ("o1",)
    with pytest.raises(SpecError) as info:
        govmodel.validate(Structure(units="ab"))  # type: ignore[arg-type]
    assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", "$.units[0]")]
    with pytest.raises(SpecError):
        govmodel.dumps(Structure(metadata=Metadata(source=b"x")))  # type: ignore[arg-type]


def test_list_fields_still_take_any_iterable() -> None:
    assert Metadata(model=["tripartite"], source=iter(["a"])).model == ("tripartite",)
    assert Unit("x", "community", formed_from=("c1",)).formed_from == ("c1",)


# -- the writers write nothing the readers refuse --------------------------------------------------


@pytest.mark.parametrize(
    ("term", "path"),
    [
        (Term("bogus", "x", "X"), "$.vocabulary[0].category"),  # type: ignore[arg-type]
        (Term("organization_kinds", "x", "X", sector="bogus"), "$.vocabulary[0].sector"),  # type: ignore[arg-type]
        (Term("indicators", "x", "X", type="bogus"), "$.vocabulary[0].type"),  # type: ignore[arg-type]
    ],
)
def test_a_term_the_readers_refuse_is_not_written(term: Term, path: str) -> None:
    s = Structure(vocabulary=[term])
    for fmt in ("json", "yaml"):
        with pytest.raises(SpecError) as info:
            govmodel.dumps(s, format=fmt)
        assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", path)]


@pytest.mark.parametrize(
    ("decision", "path"),
    [
        (Decision("d", "o", rule=VotingRule(basis="all")), "$.decisions[0].rule.basis"),  # type: ignore[arg-type]
        (Decision("d", "o", outcome="tied"), "$.decisions[0].outcome"),  # type: ignore[arg-type]
        (
            Decision("d", "o", votes=[Vote("p", "yes"), Vote("p", "maybe")]),  # type: ignore[arg-type]
            "$.decisions[0].votes[1].choice",
        ),
    ],
)
def test_a_basis_choice_or_outcome_the_readers_refuse_is_not_written(
    decision: Decision, path: str, tmp_path: Path
) -> None:
    """Such a file was written, and then refused by every reader, validating or not."""
    s = Structure(
        organizations=[Organization("o", "owners_committee")],
        people=[Person("p")],
        decisions=[decision],
    )
    for fmt in ("json", "yaml"):
        with pytest.raises(SpecError) as info:
            govmodel.dumps(s, format=fmt)
        assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", path)]
        with pytest.raises(SpecError):
            govmodel.dump(s, tmp_path / f"s.{fmt}")
    assert os.listdir(tmp_path) == []


# -- fuzz: every route reads a document alike, and only ever raises SpecError -------------------

_EDGE_VALUES = st.sampled_from(
    [
        *(True, False, 0, 1, -1, 1.0, -0.0, 1e308, 2**63, 2**64, 10**309, 5e-324, 1e-05, 0.6),
        *("", "x", "\x00", "é", "1/2", "0.6", "yes", "2024-02-29", "2023-02-29", "\ud800"),
        *(None, [], {}, ["x"], {"a": 1}, {"a": None}, {"a": [1]}),
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzzed_documents_read_alike_by_every_route(data: st.DataObject) -> None:
    doc = json.loads(_CHENGDU)
    sections = [k for k, v in doc.items() if isinstance(v, list) and v]
    for _ in range(data.draw(st.integers(1, 3))):
        items = doc[data.draw(st.sampled_from(sections))]
        item = items[data.draw(st.integers(0, len(items) - 1))]
        key = data.draw(st.sampled_from([*item, "attributes", "name", "bogus"]))
        item[key] = data.draw(_EDGE_VALUES)

    def read(f: Any) -> Any:
        try:
            return f()
        except SpecError as exc:
            return [(p.code, p.path, p.message) for p in exc.problems]

    expected = read(lambda: govmodel.io.native.from_data(copy.deepcopy(doc)))
    for text in (json.dumps(doc, indent=2, ensure_ascii=False) + "\n", json.dumps(doc)):
        assert read(lambda: govmodel.loads(text)) == expected  # noqa: B023


@pytest.mark.parametrize(
    "document",
    [
        '{"format_version": 1, "organizations": [{"id": "o", "kind": "owners_committee"}], '
        '"decisions": [{"id": "d", "body": "o", "votes": [%s]}]}',
        '{"format_version": 1, "units": [{"id": "u", "kind": "community", "formed_from": [%s]}]}',
        '{"format_version": 1, "metadata": {"model": [%s]}}',
    ],
)
def test_a_long_list_of_bad_items_is_read_in_bounded_memory(document: str) -> None:
    """Every bad item of a list was kept as an exception (3.7 KB a vote: a 2 MB file of a
    million took 3.7 GB and 41 s) though no more than ``max_problems`` are listed."""
    text = document % ",".join(["1"] * 20_000)
    tracemalloc.start()
    try:
        with pytest.raises(SpecError) as info:
            govmodel.loads(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(info.value.problems) == 1001
    assert info.value.problems[-1].code == "too-many-problems"
    assert peak < 10 * len(text) + (5 << 20)  # the old code held about 70 MB
    with pytest.raises(SpecError) as info:
        govmodel.loads(document % ",".join(["1"] * 1500), limits=govmodel.Limits(max_problems=5000))
    assert len(info.value.problems) == 1500


# -- an integer of more digits than Python reads, with other faults -----------------------------

_BIG = "9" * 5000


@pytest.mark.parametrize(
    "text",
    [
        '{"format_version": 1, "metadata": {"seed": ' + _BIG + '}, "units": [], "units": []}',
        '{"format_version": 1, "units": [], "units": [], "metadata": {"seed": ' + _BIG + "}}",
    ],
)
def test_a_long_integer_and_a_duplicate_key_are_both_named(text: str) -> None:
    """Both were one ``invalid-json`` problem, worded with Python's advice to raise its
    limit on digits, though the text is JSON."""
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.metadata.seed"),
        ("duplicate-key", "$.units"),
    ]


def test_a_syntax_error_after_a_long_integer_is_named_as_such() -> None:
    text = '{"format_version": 1, "metadata": {"seed": ' + _BIG + '}, "units": [1,]}'
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    [problem] = info.value.problems
    assert problem.code == "invalid-json"
    assert "line 1, column" in problem.message
    assert "set_int_max_str_digits" not in problem.message


class _Shown(float):
    """A float that shows itself as numpy 2's do: ``np.float64(0.1)``."""

    def __repr__(self) -> str:
        return f"np.float64({float(self)!r})"


def test_a_float_subclass_is_read_as_its_decimal() -> None:
    """``exact(np.float64(0.1))`` read the repr ``'np.float64(0.1)'`` as a number, and
    failed (``ValueError: Invalid literal for Fraction``)."""
    assert exact(_Shown(0.1)) == Fraction(1, 10)
    assert VotingRule(_Shown(0.6), quorum=_Shown(0.1)).threshold == Fraction(3, 5)
    data = json.loads(_decision('{"threshold": 0.5}'))
    data["decisions"][0]["rule"]["threshold"] = _Shown(0.6)
    rule = govmodel.io.native.from_data(data).decisions[0].rule
    assert rule.threshold == Fraction(3, 5)


def test_many_duplicate_keys_are_read_in_bounded_memory() -> None:
    """Every key given twice was made a problem (a 6 MB file of a million took 395 MB),
    though no more than ``max_problems`` are listed."""
    text = (
        '{"format_version": 1, "metadata": {"attributes": {' + ",".join(['"a": 1'] * 50_000) + "}}}"
    )
    tracemalloc.start()
    try:
        with pytest.raises(SpecError) as info:
            govmodel.loads(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    problems = info.value.problems
    assert [p.code for p in problems] == ["duplicate-key"] * 1000 + ["too-many-problems"]
    assert problems[0].path == "$.metadata.attributes.a"
    assert peak < 30 * len(text)  # the old code held 54 times the text


def test_yaml_merge_and_value_keys_are_plain_strings() -> None:
    """A plain ``=`` or ``<<`` anywhere was refused as "could not determine a constructor for
    the tag 'tag:yaml.org,2002:value'" (or ``merge``), without a path."""
    text = "format_version: 1\nmetadata: {name: =, title: <<, attributes: {=: 1, <<: 2}}\n"
    metadata = govmodel.loads(text, format="yaml").metadata
    assert (metadata.name, metadata.title) == ("=", "<<")
    assert metadata.attributes == {"=": 1, "<<": 2}
    merged = "format_version: 1\nunits:\n- <<: {id: c1}\n  kind: community\n"
    with pytest.raises(SpecError) as info:
        govmodel.loads(merged, format="yaml")
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("missing-field", "$.units[0].id"),
        ("unknown-field", "$.units[0]['<<']"),
    ]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        *(("!!int", "!!int"), ("!!float", "!!float"), ("!!timestamp x", "!!timestamp")),
        *(("!!bool maybe", "!!bool"), ("!!int 0x", "!!int"), ("!!int abc", "!!int")),
    ],
)
def test_a_yaml_value_its_tag_cannot_read_is_invalid_yaml(value: str, tag: str) -> None:
    """An empty ``!!int`` raised IndexError, ``!!bool maybe`` KeyError and a bad
    ``!!timestamp`` AttributeError, out of PyYAML, instead of a SpecError."""
    with pytest.raises(SpecError) as info:
        govmodel.loads(f"format_version: 1\nmetadata:\n  seed: {value}\n", format="yaml")
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-yaml", "$")
    assert f"cannot read the value tagged '{tag}' (line 3, column 9)" in problem.message

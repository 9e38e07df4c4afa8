"""Loading and dumping govmodel's own format, including hostile input."""

from __future__ import annotations

import importlib
import json
import os
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import govmodel
from govmodel import Limits, SpecError
from govmodel.spec import Attributes, Metadata, Structure, Unit

MINIMAL = {"format_version": 1, "units": [{"id": "c1", "kind": "community", "name": "青山"}]}


def codes(text: str | bytes, **kw: object) -> list[str]:
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, **kw)  # type: ignore[arg-type]
    return [p.code for p in info.value.problems]


def test_loads_minimal_and_back() -> None:
    s = govmodel.loads(json.dumps(MINIMAL))
    assert s.units == (Unit("c1", "community", "青山"),)
    assert json.loads(govmodel.dumps(s)) == MINIMAL


def test_dumps_is_deterministic_and_readable_chinese() -> None:
    s = govmodel.loads(json.dumps(MINIMAL))
    text = govmodel.dumps(s)
    assert text == govmodel.dumps(govmodel.loads(text))
    assert "青山" in text  # not escaped


def test_empty_sections_and_default_metadata_are_omitted() -> None:
    data = json.loads(govmodel.dumps(Structure()))
    assert data == {"format_version": 1}


def test_yaml_keeps_dates_and_no_as_strings() -> None:
    text = """
format_version: 1
units:
  - {id: c1, kind: community, name: no}
people:
  - {id: p1}
organizations:
  - {id: o1, kind: owners_committee}
posts:
  - {id: po1, person: p1, organization: o1, role: chair, start: 2021-06-30}
"""
    s = govmodel.loads(text, format="yaml")
    assert s.units[0].name == "no"
    assert s.posts[0].start == "2021-06-30"
    assert govmodel.loads(govmodel.dumps(s, format="yaml"), format="yaml") == s


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"format_version": 1, "units": [], "units": []}', "duplicate-key"),
        (
            '{"format_version": 1, "units": [{"id": "a", "id": "b", "kind": "compound"}]}',
            "duplicate-key",
        ),
        ("[1, 2]", "wrong-type"),
        ("null", "wrong-type"),
        ("not json at all", "invalid-json"),
        ("", "invalid-json"),
        ('{"format_version": 1,', "invalid-json"),
        ('{"format_version": 2}', "unknown-version"),
        ('{"format_version": "1"}', "unknown-version"),
        ('{"format_version": true}', "unknown-version"),
        ('{"format_version": 1.0}', "unknown-version"),
        ('{"format_version": 1e0}', "unknown-version"),
        ("{}", "missing-version"),
        ("[" * 200_000 + "]" * 200_000, "too-deep"),
        (
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "attributes": {"x": NaN}}]}',
            "non-finite-number",
        ),
        (
            '{"format_version": 1, "observations": [{"id": "o", "subject": "s", "indicator": "households", "value": Infinity}]}',
            "non-finite-number",
        ),
        (
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "name": "\\ud800"}]}',
            "invalid-string",
        ),
        (
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "population": 3}]}',
            "unknown-field",
        ),
        ('{"format_version": 1, "units": [{"id": "a"}]}', "missing-field"),
        ('{"format_version": 1, "units": {"id": "a"}}', "wrong-type"),
        ('{"format_version": 1, "units": ["a"]}', "wrong-type"),
        ('{"format_version": 1, "metadata": {"model": "tripartite"}}', "wrong-type"),
        ('{"format_version": 1, "units": [{"id": 1, "kind": "compound"}]}', "wrong-type"),
        (
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "attributes": {"x": [1]}}]}',
            "wrong-type",
        ),
        (
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "attributes": {"x": {"y": 1}}}]}',
            "wrong-type",
        ),
        (
            '{"format_version": 1, "decisions": [{"id": "d", "body": "b", "rule": {"threshold": "two thirds"}}]}',
            "wrong-type",
        ),
        (
            '{"format_version": 1, "decisions": [{"id": "d", "body": "b", "rule": {"basis": "everyone"}}]}',
            "wrong-type",
        ),
        ('{"format_version": 1, "extra": 1}', "unknown-field"),
        ('{"format_version": 1, "units": [{"id": "a", "kind": "compound"}]}' + "x", "invalid-json"),
        (
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "attributes": {"n": '
            + "9" * 5000
            + "}}]}",
            "number-out-of-range",
        ),
    ],
)
def test_hostile_json_is_a_spec_error(text: str, code: str) -> None:
    assert code in codes(text)


def test_megabyte_string_is_refused_with_its_path() -> None:
    text = json.dumps(
        {"format_version": 1, "units": [{"id": "a", "kind": "compound", "name": "x" * 1_048_576}]}
    )
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    (p,) = info.value.problems
    assert (p.code, p.path) == ("string-too-long", "$.units[0].name")
    assert "max_string" not in p.message or "limit" in p.message


def test_limits_can_be_raised() -> None:
    text = json.dumps(
        {"format_version": 1, "units": [{"id": "a", "kind": "compound", "name": "x" * 200_000}]}
    )
    assert codes(text) == ["string-too-long"]
    s = govmodel.loads(text, limits=Limits(max_string=300_000))
    assert len(s.units[0].name) == 200_000


def test_size_and_entity_limits() -> None:
    text = json.dumps({"format_version": 1, "people": [{"id": f"p{i}"} for i in range(50)]})
    assert codes(text, limits=Limits(max_bytes=100)) == ["too-large"]
    assert codes(text, limits=Limits(max_entities=10)) == ["too-many-entities"]


@pytest.mark.parametrize(
    ("units", "path", "got"),
    [
        (["x"], "$.units[0]", "a string"),
        ([3], "$.units[0]", "an integer"),
        ([None], "$.units[0]", "null"),
        (
            [{"id": "c", "kind": "community", "identifiers": ["x"]}],
            "$.units[0].identifiers[0]",
            "a string",
        ),
    ],
)
def test_an_object_given_as_something_else_is_named_plainly(
    units: Any, path: str, got: str
) -> None:
    """What was given, in the document's words, not the reader's Python error."""
    with pytest.raises(SpecError) as info:
        govmodel.loads(json.dumps({"format_version": 1, "units": units}))
    assert [(p.code, p.path, p.message) for p in info.value.problems] == [
        ("wrong-type", path, f"expected an object, got {got}")
    ]


def test_non_utf8_bytes() -> None:
    assert codes(b'{"format_version": 1, "units": [{"id": "\xff", "kind": "compound"}]}') == [
        "invalid-encoding"
    ]


def test_bytes_with_bom_are_read() -> None:
    s = govmodel.loads("\ufeff".encode() + json.dumps(MINIMAL).encode())
    assert s.units[0].id == "c1"


def test_text_with_bom_is_read_as_the_bytes_are() -> None:
    """Text read from a file with ``encoding="utf-8"`` keeps the file's byte-order mark."""
    text = "\ufeff" + json.dumps(MINIMAL)
    assert govmodel.loads(text) == govmodel.loads(text.encode())
    assert govmodel.loads(text).units[0].id == "c1"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("format_version: 1\nunits: []\nunits: []\n", "duplicate-key"),
        ("a: &x [1, 2]\nb: *x\n", "invalid-yaml"),
        ("format_version: 1\nunits: [\n", "invalid-yaml"),
        (
            "format_version: 1\nunits:\n  - {id: a, kind: compound, attributes: {x: .nan}}\n",
            "non-finite-number",
        ),
        ("- 1\n- 2\n", "wrong-type"),
        ("!!python/object/apply:os.system ['echo pwned']\n", "invalid-yaml"),
        ("[" * 5000 + "]" * 5000, "too-deep"),
    ],
)
def test_hostile_yaml_is_a_spec_error(text: str, code: str) -> None:
    assert code in codes(text, format="yaml")


def test_yaml_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    text = "\n".join(lines) + "\n"
    assert codes(text, format="yaml") == ["invalid-yaml"]


def test_every_problem_is_collected_at_once() -> None:
    doc = {
        "format_version": 1,
        "units": [
            {"id": "d", "kind": "distrct"},
            {"id": "b", "kind": "building"},
            {"id": "c", "kind": "community", "parent": "b"},
            {"id": "x", "kind": "compound", "parent": "nowhere"},
        ],
        "people": [{"id": "d"}],
        "observations": [
            {"id": "r", "subject": "x", "indicator": "fee_collection_rate", "value": 1.2}
        ],
    }
    with pytest.raises(SpecError) as info:
        govmodel.loads(json.dumps(doc))
    found = {(p.code, p.path) for p in info.value.problems}
    assert found == {
        ("unknown-term", "$.units[0].kind"),
        ("invalid-containment", "$.units[2].parent"),
        ("dangling-reference", "$.units[3].parent"),
        ("duplicate-id", "$.people[0].id"),
        ("rate-out-of-range", "$.observations[0].value"),
    }
    message = str(info.value)
    assert message.startswith("5 problems")
    assert "did you mean 'district'?" in message


def test_every_duplicate_key_is_named_at_its_path() -> None:
    # the standard library's parser stops at the first; the file is read again to name them
    # all, in the order of the file
    text = (
        '{"format_version": 1, "units": [{"id": "a", "kind": "compound"}, '
        '{"id": "b", "kind": "compound", "attributes": {"x": 1, "x": 2, "y": [{"k": 1, "k": 2}]}}, '
        '{"id": "c", "id": "d", "kind": "compound", "kind": "x"}], "units": []}'
    )
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("duplicate-key", "$.units"),
        ("duplicate-key", "$.units[1].attributes.x"),
        ("duplicate-key", "$.units[1].attributes.y[0].k"),
        ("duplicate-key", "$.units[2].id"),
        ("duplicate-key", "$.units[2].kind"),
    ]
    assert "the key 'x' appears twice in one object" in str(info.value)
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, limits=govmodel.Limits(max_problems=2))
    assert info.value.codes == ("duplicate-key", "duplicate-key", "too-many-problems")


def test_an_integer_of_too_many_digits_is_out_of_range_at_its_path() -> None:
    # Python reads no more than 4,300 digits: the whole file was "not valid JSON" at $,
    # with advice to call sys.set_int_max_str_digits
    long = "9" * 5000
    text = (
        '{"format_version": 1, "units": [{"id": "a", "kind": "compound", '
        f'"attributes": {{"x": {long}, "y": -{long}, "z": 1}}}}], "metadata": {{"seed": {long}}}}}'
    )
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.units[0].attributes.x"),
        ("number-out-of-range", "$.units[0].attributes.y"),
        ("number-out-of-range", "$.metadata.seed"),
    ]
    assert "set_int_max_str_digits" not in str(info.value)


def test_a_yaml_integer_of_too_many_digits_is_out_of_range_with_its_line() -> None:
    # PyYAML's int() refused it with Python's advice to call sys.set_int_max_str_digits,
    # and the whole file was invalid-yaml
    pytest.importorskip("yaml")
    long = "9" * 5000
    text = (
        "format_version: 1\n"
        "units:\n"
        f"- {{id: a, kind: compound, attributes: {{x: {long}, y: -{long}, z: 0x{'f' * 5000}}}}}\n"
        f"metadata: {{attributes: {{s: 1_{long}}}}}\n"
    )
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, format="yaml")
    problems = info.value.problems
    assert [p.code for p in problems] == ["number-out-of-range"] * 3
    assert "line 3, column 43" in problems[0].message
    assert "line 3, column 5048" in problems[1].message
    assert "line 4, column 28" in problems[2].message
    assert "5,000 digits" in problems[0].message
    assert "5,001 digits" in problems[2].message
    assert "set_int_max_str_digits" not in str(info.value)
    # within Python's limit an integer reads as it is, beyond a float's range or not
    ok = "format_version: 1\nunits:\n- {id: a, kind: compound, attributes: {x: %s}}\n"
    got = govmodel.io.native.parse_yaml(ok % ("9" * 4300))
    assert got["units"][0]["attributes"]["x"] == int("9" * 4300)


def test_every_duplicate_key_of_yaml_is_named_with_its_line() -> None:
    pytest.importorskip("yaml")
    text = (
        "format_version: 1\n"
        "units:\n"
        "- {id: a, kind: compound, id: b}\n"
        "- {id: c, kind: compound, attributes: {x: 1, x: 2}}\n"
        "units: []\n"
    )
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, format="yaml")
    assert info.value.codes == ("duplicate-key",) * 3
    assert [p.message for p in info.value.problems] == [
        "the key 'id' appears twice in one mapping (line 3, column 27)",
        "the key 'x' appears twice in one mapping (line 4, column 46)",
        "the key 'units' appears twice in one mapping (line 5, column 1)",
    ]


def test_paths_point_into_the_file_even_after_a_bad_entity() -> None:
    doc = {
        "format_version": 1,
        "units": [{"id": "a", "kind": 5}, {"id": "b", "kind": "compound", "parent": "zzz"}],
    }
    with pytest.raises(SpecError) as info:
        govmodel.loads(json.dumps(doc))
    assert {(p.code, p.path) for p in info.value.problems} == {
        ("wrong-type", "$.units[0].kind"),
        ("dangling-reference", "$.units[1].parent"),
    }


def test_reference_to_an_unreadable_entity_is_not_called_dangling() -> None:
    doc = {
        "format_version": 1,
        "units": [
            {"id": "c", "kind": "community", "name": 3},
            {"id": "x", "kind": "compound", "parent": "c"},
        ],
    }
    with pytest.raises(SpecError) as info:
        govmodel.loads(json.dumps(doc))
    assert info.value.codes == ("wrong-type",)


def test_unknown_field_suggests_the_closest() -> None:
    with pytest.raises(SpecError) as info:
        govmodel.loads(
            '{"format_version": 1, "units": [{"id": "a", "kind": "compound", "parnet": "b"}]}'
        )
    assert "did you mean 'parent'?" in info.value.problems[0].message


def test_load_and_dump_files(tmp_path: Path) -> None:
    s = govmodel.loads(json.dumps(MINIMAL))
    for name in ("s.json", "s.yaml", "s.yml"):
        govmodel.dump(s, tmp_path / name)
        assert govmodel.load(tmp_path / name) == s
    with pytest.raises(ValueError, match="suffix"):
        govmodel.dump(s, tmp_path / "s.txt")
    govmodel.dump(s, tmp_path / "s.txt", format="json")
    assert govmodel.load(tmp_path / "s.txt", format="json") == s


def test_load_error_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{"format_version": 1, "units": [{"id": "a", "kind": "compund"}]}')
    with pytest.raises(SpecError) as info:
        govmodel.load(p)
    assert str(p) in str(info.value)
    assert info.value.source == str(p)


def test_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.json"
    p.write_text(" " * 1000 + json.dumps(MINIMAL))
    with pytest.raises(SpecError) as info:
        govmodel.load(p, limits=Limits(max_bytes=500))
    assert info.value.codes == ("too-large",)


def test_dump_is_atomic_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = govmodel.loads(json.dumps(MINIMAL))
    target = tmp_path / "s.json"
    govmodel.dump(s, target)
    before = target.read_bytes()

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    bigger = s.replace(metadata=Metadata(name="changed"))
    with pytest.raises(OSError, match="disk full"):
        govmodel.dump(bigger, target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["s.json"]


def test_loading_never_executes_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"!!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(SpecError):
        govmodel.loads(text, format="yaml")
    assert not marker.exists()


def test_attributes_are_immutable_and_hashable() -> None:
    a = Attributes({"households": 3})
    with pytest.raises(TypeError):
        a["households"] = 4  # type: ignore[index]
    with pytest.raises(AttributeError):
        a.x = 1  # type: ignore[attr-defined]
    assert {a: 1}[Attributes(households=3)] == 1
    u = Unit("a", "compound", attributes={"households": 3})
    assert isinstance(u.attributes, Attributes)
    assert hash(u) == hash(Unit("a", "compound", attributes=Attributes(households=3)))


# -- issue 14 ----------------------------------------------------------------------------------

_ONE_UNIT = '{"format_version": 1, "units": [{"id": "c1", "kind": "community", "name": "NAME"}]}'


@pytest.mark.parametrize("where", ["name", "id", "kind"])
def test_a_lone_surrogate_in_a_str_is_refused_at_its_path(where: str) -> None:
    """A ``str`` may hold a surrogate itself (not as a ``\\ud800`` escape): every entrance
    refuses it as ``invalid-string`` at its path, and nothing accepted fails in ``dumps``."""
    data = json.loads(_ONE_UNIT)
    data["units"][0][where] = "a\ud800b"
    text = json.dumps(data, ensure_ascii=False)
    assert "\ud800" in text
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-string", f"$.units[0].{where}")
    ]


def test_a_lone_surrogate_in_an_attribute_name_gives_a_printable_path() -> None:
    text = _ONE_UNIT.replace('"name": "NAME"', '"attributes": {"k\udc00": 1}')
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert info.value.codes == ("invalid-string",)
    assert str(info.value).encode("utf-8")  # printable: the surrogate is escaped
    assert "udc00" in info.value.problems[0].path


def test_a_lone_surrogate_in_yaml_text_is_invalid_string() -> None:
    text = "format_version: 1\nunits:\n- {id: c1, kind: community, name: a\ud800}\n"
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, format="yaml")
    assert info.value.codes == ("invalid-string",)
    assert "line 3" in str(info.value)


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\r", "\ufeff", "\r\n"])
def test_yaml_keeps_every_line_separator(char: str) -> None:
    s = Structure(
        units=[Unit("c1", "community", f"a{char}b{char}", attributes={f"k{char}": f"{char}v"})]
    )
    text = govmodel.dumps(s, format="yaml")
    back = govmodel.loads(text, format="yaml")
    assert back == s
    assert govmodel.dumps(back) == govmodel.dumps(s)


@pytest.mark.parametrize(
    "date",
    ["２０２０-01-01", "2020-０1-01", "٢٠٢٠", "2020-01-01\n", "2020\n", "2020-01\n"],
)
def test_dates_take_ascii_digits_only_and_nothing_after(date: str) -> None:
    from govmodel.spec import date_bounds

    with pytest.raises(ValueError, match="not an ISO date"):
        date_bounds(date)
    data = {
        "format_version": 1,
        "units": [{"id": "c1", "kind": "community"}],
        "organizations": [{"id": "o", "kind": "residents_committee", "unit": "c1"}],
        "people": [{"id": "p"}],
        "posts": [{"id": "x", "person": "p", "organization": "o", "role": "secretary"}],
    }
    data["posts"][0]["start"] = date  # type: ignore[index]
    with pytest.raises(SpecError) as info:
        govmodel.loads(json.dumps(data))
    assert [(p.code, p.path) for p in info.value.problems] == [("invalid-date", "$.posts[0].start")]


@pytest.mark.parametrize("char", ["\x07", "\x00", "\ufffe"])
def test_yaml_with_characters_yaml_refuses_is_invalid_yaml(char: str) -> None:
    with pytest.raises(SpecError) as info:
        govmodel.loads(f"format_version: 1\nunits: []\nx: a{char}b\n", format="yaml")
    assert info.value.codes == ("invalid-yaml",)


def _with_unit_attribute(value: object) -> Structure:
    s = govmodel.datasets.load("xihu")
    first = attrs.evolve(s.units[0], attributes={**s.units[0].attributes, "big": value})
    return attrs.evolve(s, units=(first, *s.units[1:]))


_FLOAT_CEILING = int(sys.float_info.max)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (_FLOAT_CEILING + 1, "number-out-of-range"),
        (-(10**400), "number-out-of-range"),
        (float("nan"), "non-finite-number"),
        (float("-inf"), "non-finite-number"),
    ],
)
@pytest.mark.parametrize("how", ["json", "json-no-indent", "json-stdlib", "yaml"])
def test_dumps_refuses_what_loads_refuses(
    value: object, code: str, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the standard library (and YAML) wrote an integer beyond a float's range, and YAML
    # wrote .nan and .inf, which loads then refused: nothing was written that reads back
    if how == "yaml":
        pytest.importorskip("yaml")
    if how == "json-stdlib":
        monkeypatch.setattr(govmodel.io.native, "_orjson", lambda: None)
    s = _with_unit_attribute(value)
    fmt: Any = "yaml" if how == "yaml" else "json"
    indent = None if how == "json-no-indent" else 2
    with pytest.raises(SpecError) as info:
        govmodel.dumps(s, format=fmt, indent=indent)
    assert [(p.code, p.path) for p in info.value.problems] == [(code, "$.units[0].attributes.big")]


@pytest.mark.parametrize("how", ["json", "json-no-indent", "json-stdlib", "yaml"])
def test_what_dumps_writes_at_the_edge_of_a_float_reads_back(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "yaml":
        pytest.importorskip("yaml")
    if how == "json-stdlib":
        monkeypatch.setattr(govmodel.io.native, "_orjson", lambda: None)
    fmt: Any = "yaml" if how == "yaml" else "json"
    indent = None if how == "json-no-indent" else 2
    # the largest integer a float holds, a string of as many digits and more, and a
    # long fraction within a float's range (refused on reading as longer than 64 characters)
    digits = "9" * 400
    for value in (_FLOAT_CEILING, -_FLOAT_CEILING, digits, f"{digits}/{digits}1", 2**64):
        s = _with_unit_attribute(value)
        back = govmodel.loads(govmodel.dumps(s, format=fmt, indent=indent), format=fmt)
        got = back.units[0].attributes["big"]
        assert got == value
        assert type(got) is type(value)
    s = govmodel.datasets.load("chengdu")
    d = s.decisions[0]
    for threshold in (
        Fraction(10**30 + 1, 10**32 + 3),
        Fraction(_FLOAT_CEILING - 1, _FLOAT_CEILING),
    ):
        rule = attrs.evolve(d.rule, threshold=threshold)
        s2 = attrs.evolve(s, decisions=(attrs.evolve(d, rule=rule), *s.decisions[1:]))
        back = govmodel.loads(govmodel.dumps(s2, format=fmt, indent=indent), format=fmt)
        assert back.decisions[0].rule.threshold == threshold


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_dumps_refuses_a_fraction_beyond_a_float(fmt: Any) -> None:
    if fmt == "yaml":
        pytest.importorskip("yaml")
    s = govmodel.datasets.load("chengdu")
    d = s.decisions[0]
    rule = attrs.evolve(d.rule, threshold=Fraction(10**400, 10**400 + 1))
    s2 = attrs.evolve(s, decisions=(attrs.evolve(d, rule=rule), *s.decisions[1:]))
    with pytest.raises(SpecError) as info:
        govmodel.dumps(s2, format=fmt)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.decisions[0].rule.threshold")
    ]
    assert len(str(info.value)) < 400  # the numbers shown cut short


@pytest.mark.parametrize("export", ["export_node_link", "export_popolo"])
def test_json_exports_refuse_an_integer_beyond_a_float(export: str) -> None:
    module = importlib.import_module(
        "govmodel.io.popolo" if export == "export_popolo" else "govmodel.io.graphfiles"
    )
    with pytest.raises(SpecError) as info:
        getattr(module, export)(_with_unit_attribute(-(10**309)))
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.units[0].attributes.big")
    ]

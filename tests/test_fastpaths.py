"""govmodel's fast paths give exactly what the plain paths give.

Loading (orjson, hand-written builders), dumping (orjson) and validating (bulk tests before the
entity-by-entity checks) each take a fast path when it is safe and fall back otherwise; these
tests hold each against the plain path it stands in for, on the bundled datasets, synthetic
structures, hostile input and Hypothesis strategies.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError, synth
from govmodel.io import native
from govmodel.spec import Structure, Unit
from govmodel.testing import strategies as gst

validate_module = sys.modules["govmodel.validate"]
orjson = pytest.importorskip("orjson")

DATASETS = ("xihu", "jinfeng", "chengdu", "changsha", "yuetang")


def _slow_check(s: Structure, **kw: Any) -> list[govmodel.Problem]:
    """validate.check with every fast test failing, so that every check runs in full."""

    class Never(validate_module._Fast):  # type: ignore[name-defined,misc]
        def __getattribute__(self, name: str) -> Any:
            got = object.__getattribute__(self, name)
            if name in (
                "ids_unique",
                "ids_clean",
                "terms_clean",
                "references_clean",
                "units_rank_down",
                "containment_clean",
                "dates_clean",
                "attributes_clean",
                "observations_clean",
                "has_identifiers",
            ):
                return lambda *a, **k: name == "has_identifiers"
            return got

    saved = validate_module._Fast
    validate_module._Fast = Never
    try:
        return validate_module.check(s, **kw)  # type: ignore[no-any-return]
    finally:
        validate_module._Fast = saved


def _outcome(run: Any) -> Any:
    try:
        return ("ok", run())
    except SpecError as exc:
        return ("error", exc.problems)


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATASETS)
def test_validation_fast_and_slow_agree_on_datasets(name: str) -> None:
    s = govmodel.datasets.load(name)
    assert validate_module.check(s) == _slow_check(s)


def test_validation_fast_and_slow_agree_on_synthetic_districts() -> None:
    for preset in ("xihu", "jinfeng", "chengdu", "yuetang"):
        s = synth.district(30, seed=5, preset=preset)
        assert validate_module.check(s) == _slow_check(s) == []


@pytest.mark.parametrize("code", gst.PLANTABLE_CODES)
@given(data=st.data())
def test_validation_fast_and_slow_agree_on_planted_problems(code: str, data: st.DataObject) -> None:
    s, _ = data.draw(gst.planted(code))
    assert validate_module.check(s) == _slow_check(s)


@given(gst.structures())
def test_validation_fast_and_slow_agree_on_valid_structures(s: Structure) -> None:
    assert validate_module.check(s) == _slow_check(s) == []


def test_validation_of_odd_values_falls_back_to_the_checks() -> None:
    odd = [
        Structure(units=[Unit(" a", "compound")]),
        Structure(units=[Unit("a\x01", "compound")]),
        Structure(units=[Unit("a", "compound", attributes={"households": -1})]),
        Structure(units=[Unit("a", "compound", attributes={"households": 1.5})]),
        Structure(
            units=[
                Unit("a", "compound", attributes={"x": 1}),
                Unit("b", "compound", attributes={"x": "1"}),
            ]
        ),
        Structure(units=[Unit("a", "compound", attributes={"origin": "nowhere"})]),
        Structure(units=[Unit("a", "compound", attributes={"level": 3})]),
        Structure(units=[Unit("a", "grid"), Unit("b", "grid", parent="a")]),
        Structure(units=[Unit("a", "compound", parent="a")]),
    ]
    for s in odd:
        assert validate_module.check(s) == _slow_check(s)


# -- loading -----------------------------------------------------------------------------------


def _plain_loads(text: str | bytes) -> Any:
    """loads through the standard library parser and the converter alone."""
    saved = native._parse_canonical, native._builders
    native._parse_canonical = lambda data: native._NOT_CANONICAL  # type: ignore[assignment]
    native._builders = lambda *a, **k: {}  # type: ignore[assignment]
    try:
        return govmodel.loads(text)
    finally:
        native._parse_canonical, native._builders = saved  # type: ignore[assignment]


def _same_load(text: str | bytes) -> None:
    fast, plain = _outcome(lambda: govmodel.loads(text)), _outcome(lambda: _plain_loads(text))
    assert fast == plain


@pytest.mark.parametrize("name", DATASETS)
def test_canonical_text_is_read_by_orjson(name: str) -> None:
    s = govmodel.datasets.load(name)
    text = govmodel.dumps(s)
    assert native._parse_canonical(text) is not native._NOT_CANONICAL
    assert native._parse_canonical(text) == json.loads(text)
    _same_load(text)


HOSTILE = [
    '{"format_version": 1, "units": [], "units": []}',
    '{\n  "format_version": 1,\n  "format_version": 1\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "id": "b",\n      "kind": "compound"\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "attributes": {\n        "x": NaN\n      }\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "name": "\\ud800"\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "attributes": {\n        "n": 18446744073709551616\n      }\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "attributes": {\n        "n": 1e400\n      }\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "attributes": {\n        "n": -0\n      }\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": 1,\n      "kind": "compound"\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "population": 3\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "identifiers": [\n        {\n          "scheme": "x",\n          "identifier": "1"\n        }\n      ]\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "observations": [\n    {\n      "id": "o",\n      "subject": "s",\n      "indicator": "households",\n      "value": true\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "units": [\n    {\n      "id": "a",\n      "kind": "compound",\n      "attributes": {\n        "n": 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n      }\n    }\n  ]\n}',
    '{\n  "format_version": 1,\n  "observations": [\n    {\n      "id": "o",\n      "subject": "s",\n      "indicator": "households",\n      "value": -10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n    }\n  ]\n}',
    "[1, 2]",
    "{}",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_the_same_structure_or_problems(text: str) -> None:
    _same_load(text)
    _same_load(text.encode())
    _same_load(b"\xef\xbb\xbf" + text.encode())


def test_duplicate_keys_in_canonical_layout_are_refused() -> None:
    text = '{\n  "format_version": 1,\n  "units": [],\n  "units": []\n}\n'
    assert native._parse_canonical(text) is native._NOT_CANONICAL
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert info.value.codes == ("duplicate-key",)


def test_long_strings_and_surrogates_are_still_refused_with_their_path() -> None:
    s = Structure(units=[Unit("a", "compound", "x" * 100)])
    text = govmodel.dumps(s)
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, limits=govmodel.Limits(max_string=50))
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("string-too-long", "$.units[0].name")
    ]
    escaped = text.replace('"x' + "x" * 99 + '"', '"\\ud800"')
    with pytest.raises(SpecError) as info:
        govmodel.loads(escaped)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-string", "$.units[0].name")
    ]


@given(gst.structures())
def test_loads_fast_and_plain_agree(s: Structure) -> None:
    text = govmodel.dumps(s)
    assert govmodel.loads(text) == _plain_loads(text) == s


@given(gst.documents(max_units=4, max_organizations=3, max_people=3))
def test_from_data_fast_and_plain_agree_on_documents(doc: dict[str, Any]) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    _same_load(text)


# -- dumping -----------------------------------------------------------------------------------


def _plain_dumps(s: Structure, indent: int | None = 2) -> str:
    from govmodel._convert import CONVERTER

    data: dict[str, Any] = {"format_version": 1}
    meta = CONVERTER.unstructure(s.metadata, govmodel.Metadata)
    if meta:
        data["metadata"] = meta
    if s.vocabulary:
        data["vocabulary"] = [CONVERTER.unstructure(t, native.Term) for t in s.vocabulary]
    for name, cls in native.SECTIONS.items():
        items = getattr(s, name)
        if items:
            hook = CONVERTER.get_unstructure_hook(cls)
            data[name] = [hook(x) for x in items]
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


@given(gst.structures())
def test_dumps_is_byte_identical_to_the_standard_library(s: Structure) -> None:
    assert govmodel.dumps(s) == _plain_dumps(s)
    assert govmodel.dumps(s, indent=None) == _plain_dumps(s, indent=None)


@pytest.mark.parametrize("name", DATASETS)
def test_dumps_of_datasets_is_byte_identical(name: str) -> None:
    s = govmodel.datasets.load(name)
    assert govmodel.dumps(s) == _plain_dumps(s)
    assert govmodel.dumps(s, indent=4) == _plain_dumps(s, indent=4)


@pytest.mark.parametrize(
    "value",
    [
        1e-5,
        -2.5e-9,
        5e-324,
        0.0001,
        1e16,
        1e300,
        -0.0,
        0.1,
        123456789.125,
        2**63 - 1,
        2**64,
        -(2**70),
    ],
)
def test_dumps_of_awkward_numbers_is_byte_identical(value: float) -> None:
    s = Structure(units=[Unit("a", "compound", attributes={"score": value, "note": "null e-1"})])
    assert govmodel.dumps(s) == _plain_dumps(s)
    assert govmodel.loads(govmodel.dumps(s)) == s


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_dumps_refuses_non_finite_numbers_with_the_problem(value: float) -> None:
    s = Structure(units=[Unit("a", "compound", attributes={"score": value})])
    with pytest.raises(SpecError) as info:
        govmodel.dumps(s)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("non-finite-number", "$.units[0].attributes.score")
    ]
    with pytest.raises(ValueError, match="Out of range float values"):
        _plain_dumps(s)


def test_dump_writes_the_same_bytes(tmp_path: Any) -> None:
    s = synth.district(15, seed=3)
    govmodel.dump(s, tmp_path / "s.json")
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == _plain_dumps(s)

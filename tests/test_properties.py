"""Property tests of the foundation: nothing is lost, every planted problem is found."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.testing import strategies as gst


@given(gst.structures())
def test_valid_structures_validate_strictly(s: govmodel.Structure) -> None:
    assert govmodel.validate(s, strict=True) == ()


@given(gst.structures())
def test_json_round_trip(s: govmodel.Structure) -> None:
    assert govmodel.loads(govmodel.dumps(s)) == s


@given(gst.structures())
def test_yaml_round_trip(s: govmodel.Structure) -> None:
    assert govmodel.loads(govmodel.dumps(s, format="yaml"), format="yaml") == s


@given(gst.structures())
def test_dumps_is_stable(s: govmodel.Structure) -> None:
    text = govmodel.dumps(s)
    assert govmodel.dumps(govmodel.loads(text)) == text


@pytest.mark.parametrize("code", gst.PLANTABLE_CODES)
@given(data=st.data())
def test_every_planted_problem_is_reported_with_its_path(code: str, data: st.DataObject) -> None:
    s, path = data.draw(gst.planted(code))
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    assert (code, path) in {(p.code, p.path) for p in info.value.problems}
    # and through a file, at the same path
    with pytest.raises(SpecError) as info2:
        govmodel.loads(govmodel.dumps(s))
    assert (code, path) in {(p.code, p.path) for p in info2.value.problems}


@pytest.mark.parametrize("code", gst.DOCUMENT_CODES)
@given(data=st.data())
def test_every_planted_document_problem_is_reported(code: str, data: st.DataObject) -> None:
    doc, path = data.draw(gst.planted_documents(code))
    text = json.dumps(doc, allow_nan=True)
    with pytest.raises(SpecError) as info:
        govmodel.loads(text)
    assert (code, path) in {(p.code, p.path) for p in info.value.problems}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@given(json_values)
def test_arbitrary_json_gives_a_structure_or_a_spec_error(value: object) -> None:
    try:
        text = json.dumps(value)
    except ValueError:  # pragma: no cover - json.dumps accepts all of these
        return
    try:
        s = govmodel.loads(text)
    except SpecError as exc:
        assert exc.problems
        assert all(p.path.startswith("$") for p in exc.problems)
    else:
        assert isinstance(s, govmodel.Structure)


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    doc = draw(gst.documents(max_units=4, max_organizations=3, max_people=3))
    text = json.dumps(doc, ensure_ascii=False)
    n = draw(st.integers(1, 4))
    chars = list(text)
    for _ in range(n):
        op = draw(st.sampled_from(["delete", "insert", "replace"]))
        i = draw(st.integers(0, max(0, len(chars) - 1)))
        c = draw(st.sampled_from(list('{}[]",:0-1.eEnulltrufasx\\ 小')))
        if op == "delete" and chars:
            del chars[i]
        elif op == "insert":
            chars.insert(i, c)
        elif chars:
            chars[i] = c
    return "".join(chars)


@given(mutated_documents())
def test_mutated_files_give_a_structure_or_a_spec_error(text: str) -> None:
    try:
        s = govmodel.loads(text)
    except SpecError as exc:
        assert exc.problems
    else:
        assert isinstance(s, govmodel.Structure)


@given(st.binary(max_size=200))
def test_random_bytes_give_a_spec_error_or_a_structure(data: bytes) -> None:
    for fmt in ("json", "yaml"):
        try:
            govmodel.loads(data, format=fmt)  # type: ignore[arg-type]
        except SpecError as exc:
            assert exc.problems


@given(gst.structures())
def test_hash_and_equality_agree(s: govmodel.Structure) -> None:
    t = govmodel.loads(govmodel.dumps(s))
    assert t == s
    assert hash(t) == hash(s)


def test_floats_survive_exactly() -> None:
    values = [0.1, 1e-300, 2.5e300, -0.0, 123456789.123456789, math.pi]
    s = govmodel.Structure(
        units=[
            govmodel.Unit(f"u{i}", "compound", attributes={"score": v})
            for i, v in enumerate(values)
        ]
    )
    t = govmodel.loads(govmodel.dumps(s))
    assert [u.attributes["score"] for u in t.units] == values

"""govmodel's fast paths give exactly what the plain paths give.

Loading (orjson, hand-written builders), dumping (orjson) and validating (bulk tests before the
entity-by-entity checks) each take a fast path when it is safe and fall back otherwise; these
tests hold each against the plain path it stands in for, on the bundled datasets, synthetic
structures, hostile input and Hypothesis strategies.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import sys
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError, spec, synth
from govmodel.io import native
from govmodel.spec import Attributes, Observation, Structure, Unit
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


def test_numbers_adding_up_beyond_a_float_are_refused_by_both_paths() -> None:
    """Each value is a finite float, their total is not: no rollup of them can be made. The
    first value that takes a column beyond a float is named, by both paths; a column that
    stays within range, or values of another column, are not."""
    big = 1.7e308
    s = Structure(
        units=[Unit("c", "community", attributes={"households": big})]
        + [Unit(f"x{i}", "compound", parent="c", attributes={"households": big}) for i in range(3)]
        + [Unit("y", "compound", parent="c", attributes={"residents": big})],
        observations=[
            Observation("o1", "c", "residents", big, period="2020"),
            Observation("o2", "c", "residents", big, period="2021"),
            Observation("o3", "c", "households", 5, period="2021"),
        ],
    )
    found = validate_module.check(s)
    assert found == _slow_check(s)
    assert [(p.code, p.path) for p in found] == [
        ("number-out-of-range", "$.units[1].attributes.households"),
        ("number-out-of-range", "$.observations[1].value"),
    ]
    fine = Structure(units=[Unit("c", "community", attributes={"households": big})])
    assert validate_module.check(fine) == _slow_check(fine) == []


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


def _plain_loads(text: str | bytes, **kw: Any) -> Any:
    """loads through the standard library parser and the converter alone."""
    saved = native._parse_canonical, native._builders, native._canonical_document, native._columns
    native._parse_canonical = lambda data: native._NOT_CANONICAL  # type: ignore[assignment]
    native._builders = lambda *a, **k: {}  # type: ignore[assignment]
    native._canonical_document = lambda *a: None  # type: ignore[assignment]
    native._columns = lambda *a, **k: None  # type: ignore[assignment]
    try:
        return govmodel.loads(text, **kw)
    finally:
        (
            native._parse_canonical,
            native._builders,
            native._canonical_document,
            native._columns,
        ) = saved  # type: ignore[assignment]


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


# -- reading by sections ------------------------------------------------------------------------


@contextlib.contextmanager
def _small_chunks(text: int = 1, items: int = 2) -> Iterator[None]:
    """Read sections a chunk of about ``text`` bytes (1: one item) and parsed lists ``items``
    at a time, so that every chunk boundary is crossed."""
    saved = native._CHUNK_TEXT, native._SLICE
    native._CHUNK_TEXT, native._SLICE = text, items
    try:
        yield
    finally:
        native._CHUNK_TEXT, native._SLICE = saved


def _same_load_by_sections(text: str | bytes, **kw: Any) -> None:
    """The section route (whole and by single items) and the plain route agree on ``text``."""
    plain = _outcome(lambda: _plain_loads(text, **kw))
    assert _outcome(lambda: govmodel.loads(text, **kw)) == plain
    with _small_chunks():
        assert _outcome(lambda: govmodel.loads(text, **kw)) == plain


def _by_sections(text: str) -> bool:
    """Whether ``text`` is read by sections (rather than by the plain route)."""
    return native._canonical_document(text.encode(), govmodel.Limits()) is not None


def _fields(x: Any) -> list[tuple[type, Any]]:
    return [(type(getattr(x, f.name)), getattr(x, f.name)) for f in attrs.fields(type(x))]


def test_sections_are_read_exactly_as_the_plain_route_reads_them() -> None:
    s = synth.district(12, seed=4)
    text = govmodel.dumps(s)
    assert _by_sections(text)
    plain = _plain_loads(text)
    for chunks in (contextlib.nullcontext(), _small_chunks(), _small_chunks(300, 3)):
        with chunks:
            got = govmodel.loads(text)
        assert got == plain == s
        for name in native.SECTIONS:
            for a, b in zip(getattr(got, name), getattr(plain, name), strict=True):
                assert type(a) is type(b)
                assert _fields(a) == _fields(b)


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_read_by_sections(name: str) -> None:
    text = govmodel.dumps(govmodel.datasets.load(name))
    assert _by_sections(text)
    _same_load_by_sections(text)


@pytest.mark.parametrize("code", gst.DOCUMENT_CODES)
@given(data=st.data())
def test_planted_problems_are_the_same_by_sections(code: str, data: st.DataObject) -> None:
    doc, _ = data.draw(gst.planted_documents(code))
    text = json.dumps(doc, ensure_ascii=False, indent=2)  # dumps' layout, NaN aside
    _same_load_by_sections(text)
    _same_load_by_sections(text, validate=False)


@given(gst.documents(max_units=6, max_organizations=4, max_people=4))
def test_documents_are_the_same_by_single_items(doc: dict[str, Any]) -> None:
    _same_load_by_sections(orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def test_members_in_any_order_and_empty_or_odd_sections_are_read_as_plainly() -> None:
    doc = govmodel.io.native.to_data(synth.district(3, seed=1))
    docs = [
        dict(reversed(doc.items())),
        {**doc, "ties": [], "decisions": {}},
        {**doc, "people": "none", "extra": [{"a": 1}]},
        {"units": doc["units"], "format_version": 1, "observations": [[1], 2]},
    ]
    for d in docs:
        text = orjson.dumps(d, option=orjson.OPT_INDENT_2)
        assert _by_sections(text.decode())
        _same_load_by_sections(text)


def _district_text() -> str:
    return govmodel.dumps(synth.district(6, seed=2))


def _last_unit_at(text: str) -> int:
    """Where the last unit's ``"kind"`` line is in ``text``."""
    return text.rindex('"kind"', 0, text.index('"organizations"'))


def _twice(text: str) -> str:
    """``text`` with the last unit's ``"kind"`` line written twice (a duplicate key)."""
    at = _last_unit_at(text)
    line = text[at : text.index("\n", at) + 1]
    return text[:at] + line + "      " + text[at:]


def test_a_deviation_late_in_a_section_sends_the_whole_text_the_plain_way() -> None:
    text = _district_text()
    # Many bad units first (more problems than the limit), a duplicate key last: the plain
    # route refuses the duplicate key, and so must the section route.
    bad = _twice(text.replace('"kind": "building"', '"kind": 5', 40))
    at = _last_unit_at(text)
    end = text.index("\n", at)
    escaped = text[:at] + '"kind": "\\u0062' + text[at + 9 : end] + text[end:]
    big = text[:end] + '\n      "n": 18446744073709551616,' + text[end:]
    # A duplicate key in the last post, after many bad units: found as the rest is read.
    units = text.replace('"kind": "building"', '"kind": 5', 40)
    role = units.rindex('"person"')
    later = units[:role] + units[role : units.index("\n", role) + 1] + "      " + units[role:]
    for variant in (bad, escaped, big, later):
        assert json.loads(variant)
        assert not _by_sections(variant) or variant is not text
        _same_load_by_sections(variant)
        _same_load_by_sections(variant, limits=govmodel.Limits(max_problems=3))
    for variant in (bad, later):
        with pytest.raises(SpecError) as info, _small_chunks():
            govmodel.loads(variant, limits=govmodel.Limits(max_problems=3))
        assert info.value.codes == ("duplicate-key",)


def test_too_many_entities_by_sections_has_no_problems_of_its_items() -> None:
    text = _district_text().replace('"kind": "building"', '"kind": 5', 30)
    n = len(synth.district(6, seed=2).units)
    for limits in (
        govmodel.Limits(max_entities=n - 1, max_problems=5),
        govmodel.Limits(max_entities=n - 1),
        govmodel.Limits(max_entities=n, max_problems=5),
        govmodel.Limits(max_problems=5),
    ):
        _same_load_by_sections(text, limits=limits)
    with pytest.raises(SpecError) as info, _small_chunks():
        govmodel.loads(text, limits=govmodel.Limits(max_entities=n - 1, max_problems=5))
    assert info.value.problems[0].code == "too-many-entities"
    assert info.value.problems[0].message.startswith(f"{n:,} units exceed")


def test_depth_limits_below_the_layout_are_measured_the_plain_way() -> None:
    text = _district_text()
    for depth in (1, 3, 4, 5, 6):
        limits = govmodel.Limits(max_depth=depth)
        assert native._canonical_document(text.encode(), limits) is None or depth > 4
        _same_load_by_sections(text, limits=limits)


@pytest.mark.parametrize(
    "long",
    [
        Unit("b", "compound", "n" * 60),
        Unit("b" * 60, "compound"),
        Unit("b", "k" * 60),
        Unit("b", "compound", parent="p" * 60),
        Unit("b", "compound", attributes={"o": "v" * 60}),
        Unit("b", "compound", attributes={"o" * 60: 1}),
    ],
)
def test_strings_longer_than_the_limit_are_found_in_every_column(long: Unit) -> None:
    text = govmodel.dumps(Structure(units=[Unit("a", "compound"), long]))
    for limit in (50, 65):
        _same_load_by_sections(text, limits=govmodel.Limits(max_string=limit))
    with pytest.raises(SpecError) as info, _small_chunks():
        govmodel.loads(text, limits=govmodel.Limits(max_string=50))
    assert "string-too-long" in info.value.codes


ODD_ITEMS = [
    '{"id": "a", "kind": "compound", "attributes": null}',
    '{"id": "a", "kind": "compound", "name": null}',
    '{"id": "a", "kind": "compound", "parent": 3}',
    '{"id": "a", "kind": "compound", "identifiers": []}',
    '{"id": "a", "kind": "compound", "start": "2020", "replaced_by": null}',
    '{"id": "a", "kind": "compound", "formed_from": ["b"]}',
    '{"id": "a", "kind": "compound", "attributes": {"x": [1]}}',
    '{"id": "a", "kind": "compound", "attributes": {"x": {}}}',
    '{"id": "a", "kind": "compound", "attributes": {}}',
    '{"id": "a", "kind": "compound", "attributes": {"x": true, "y": -0.0, "z": 1e-7}}',
    '{"id": "a"}',
    '{"kind": "compound"}',
    "3",
    "[]",
    '["id", "kind"]',
    '""',
    '"id"',
    "null",
    '{"id": "a", "kind": ["compound"]}',
    '{"id": "a", "kind": "compound", "parent": {"id": "b"}}',
    '{"id": "a", "kind": "compound", "extra": 1}',
]


@pytest.mark.parametrize("odd", ODD_ITEMS)
def test_odd_items_among_plain_ones_are_read_as_the_plain_route_reads_them(odd: str) -> None:
    plain = [{"id": f"u{i}", "kind": "building", "parent": "u0"} for i in range(5)]
    plain[0].pop("parent")
    items = [*plain[:3], json.loads(odd), *plain[3:]]
    doc = {"format_version": 1, "units": items, "people": [{"id": "p", "name": 7}]}
    _same_load_by_sections(orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def _shares() -> tuple[Any, Any]:
    """New tables of shared ids and words, as the column builder takes them."""
    return ({}.setdefault, {}.setdefault)


def test_the_column_plans_cover_every_section_but_decisions() -> None:
    assert set(native._PLANS) == set(native.SECTIONS) - {"decisions"}
    assert native._PLANS["units"].keys == {
        "id",
        "kind",
        "name",
        "parent",
        "attributes",
        "start",
        "end",
        "replaced_by",
    }


@attrs.frozen
class _Base:
    id: str


@attrs.frozen
class _Extended:
    """A class with fields of kinds the column builder reads and of others it leaves alone."""

    id: str
    kind: str
    name: str = ""
    party: str | None = None
    term: int | None = None
    mobility: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(["in"]))
    )
    tags: tuple[str, ...] = attrs.field(default=[], converter=tuple)
    attributes: Attributes = attrs.field(default=Attributes(), converter=spec._attributes)
    raw: Attributes = Attributes()  # no converter: __init__ keeps a dict as it is


def test_column_plans_follow_the_fields_of_a_class() -> None:
    plan = native._plan(_Extended, frozenset({"name"}))
    assert plan is not None
    assert plan.keys == {"id", "kind", "name", "party", "attributes"}
    assert {name: kind for name, kind, *_ in plan.fields}["raw"] == native._FIXED
    items = [
        {"id": "a", "kind": "k", "party": "active", "attributes": {"x": 1}},
        {"id": "b", "kind": "k", "name": "B"},
    ]
    made = native._columns(
        items, plan, _shares(), lengths=True, max_string=10, exact=False, owned=False
    )
    assert made is not None
    for got, item in zip(made, items, strict=True):
        want = _Extended(**item)
        assert got == want
        assert _fields(got) == _fields(want)
        assert type(got.tags) is tuple
        assert hash(got) == hash(want)
    for extra in ({"term": 4}, {"mobility": "in"}, {"tags": []}, {"raw": {}}):
        assert (
            native._columns(
                [{**items[0], **extra}],
                plan,
                _shares(),
                lengths=True,
                max_string=10,
                exact=False,
                owned=False,
            )
            is None
        )

    @attrs.frozen
    class Factory:
        id: str
        seen: list[str] = attrs.Factory(list)

    @attrs.frozen
    class Hooked:
        id: str

        def __attrs_post_init__(self) -> None:
            pass

    assert native._plan(Factory, frozenset()) is None
    assert native._plan(Hooked, frozenset()) is None

    @attrs.frozen
    class Derived(_Base):
        kind: str
        party: str | None = None

    derived = native._plan(Derived, frozenset())
    assert derived is not None
    got = native._columns(
        [{"id": "a", "kind": "k"}],
        derived,
        _shares(),
        lengths=False,
        max_string=10,
        exact=True,
        owned=True,
    )
    assert got == [Derived("a", "k")]


@pytest.mark.parametrize(
    "attributes", [{"x": math.nan}, {"x": math.inf}, {"x": 10**400}, {"x": -(10**400)}]
)
def test_columns_refuse_numbers_beyond_a_float_unless_told_they_are_exact(
    attributes: dict[str, Any],
) -> None:
    plan = native._PLANS["units"]
    items = [{"id": "a", "kind": "compound", "attributes": attributes}]
    kw: dict[str, Any] = {"lengths": False, "max_string": 10, "owned": True}
    assert native._columns(items, plan, _shares(), exact=False, **kw) is None
    obs = [{"id": "o", "subject": "a", "indicator": "i", "value": attributes["x"]}]
    assert native._columns(obs, native._PLANS["observations"], _shares(), exact=False, **kw) is None
    ok = [{"id": "o", "subject": "a", "indicator": "i", "value": 2.5}]
    made = native._columns(ok, native._PLANS["observations"], _shares(), exact=False, **kw)
    assert made == [govmodel.Observation("o", "a", "i", 2.5)]


def test_attributes_of_data_not_owned_are_copied() -> None:
    items = [{"id": "a", "kind": "compound", "attributes": {"x": 1}}]
    kw: dict[str, Any] = {"lengths": False, "max_string": 10, "exact": True}
    kept = native._columns(items, native._PLANS["units"], _shares(), owned=True, **kw)
    copied = native._columns(items, native._PLANS["units"], _shares(), owned=False, **kw)
    assert kept is not None
    assert copied is not None
    assert kept[0].attributes._data is items[0]["attributes"]
    assert copied[0].attributes._data is not items[0]["attributes"]
    assert kept == copied


def _in_oldest_generation(x: object) -> bool:
    return any(o is x for o in gc.get_objects(generation=2))


def test_a_large_read_settles_its_objects_in_the_oldest_generation() -> None:
    text = _district_text()
    saved = native._SETTLE_FROM
    native._SETTLE_FROM = 1
    try:
        s = govmodel.loads(text)
        assert _in_oldest_generation(s.units[-1])
        assert gc.get_freeze_count() == 0
        kept = [object()]  # frozen by the program: then nothing is moved
        gc.freeze()
        gc.disable()  # no collection moves the new objects meanwhile
        try:
            frozen = gc.get_freeze_count()
            t = govmodel.loads(text)
            # nothing of the load's frozen and nothing unfrozen (a frozen object of another
            # test's may be freed meanwhile, which lowers the count)
            assert gc.get_freeze_count() <= frozen
            assert not _in_oldest_generation(t.units[-1])
        finally:
            gc.enable()
            gc.unfreeze()
        del kept
    finally:
        native._SETTLE_FROM = saved
    assert s == t == _plain_loads(text)


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

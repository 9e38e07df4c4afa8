"""Tests of govmodel.io.popolo: lossless round trips, schema conformance, official examples."""

from __future__ import annotations

import copy
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.errors import Problem
from govmodel.io.native import from_data, to_data
from govmodel.io.popolo import (
    COLLECTIONS,
    EXPORTERS,
    IMPORTERS,
    PopoloImportWarning,
    _parse_requirement,
    _requirement,
    check_popolo,
    export_popolo,
    from_popolo,
    import_popolo,
    to_popolo,
)
from govmodel.spec import Decision, Organization, Structure, VotingRule
from govmodel.testing import strategies as gst
from tests.io import canonical, full_structure, popolo_folder

NAMES = govmodel.datasets.names()
FOLDER = popolo_folder()
needs_standard = pytest.mark.skipif(
    FOLDER is None,
    reason="the Popolo standard (../shared/standards/popolo) is not available; "
    "set GOVMODEL_POPOLO_DIR to its folder",
)


def _structures() -> list[Structure]:
    return [full_structure(), *(govmodel.datasets.load(n) for n in NAMES)]


def _schema_properties() -> dict[str, set[str]]:
    assert FOLDER is not None
    out = {}
    for cls in set(COLLECTIONS.values()):
        schema = json.loads((FOLDER / "schemas" / f"{cls}.json").read_text(encoding="utf-8"))
        out[cls] = set(schema["properties"])
    return out


def _resolve(doc: Any, path: str) -> Any:
    """The value at a JSON path such as ``$.memberships[0].person_id`` (KeyError if none)."""
    assert path.startswith("$")
    value = doc
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", path[1:]):
        value = value[name] if name else value[int(index)]
    return value


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_dataset_round_trip(name: str) -> None:
    s = govmodel.datasets.load(name)
    report: list[Problem] = []
    back = from_popolo(to_popolo(s), report=report)
    assert back == s
    assert canonical(back) == canonical(s)
    assert report == []


def test_full_structure_round_trip() -> None:
    s = full_structure()
    report: list[Problem] = []
    back = import_popolo(export_popolo(s), report=report)
    assert back == s
    assert canonical(back) == canonical(s)
    assert report == []


@given(gst.structures())
def test_generated_structures_round_trip(s: Structure) -> None:
    report: list[Problem] = []
    back = from_popolo(json.loads(export_popolo(s)), report=report)
    assert canonical(back) == canonical(s)
    assert report == []


def test_round_trip_keeps_an_empty_tally_apart_from_no_tally() -> None:
    s = full_structure()
    doc = to_popolo(s)
    ve = {v["id"]: v for v in doc["vote_events"]}
    assert ve["dec3/vote"]["govmodel_count"] == {}
    assert "govmodel_count" not in ve["dec2/vote"]
    back = from_popolo(doc)
    assert back.get("dec3").count == govmodel.Tally()  # type: ignore[union-attr]
    assert back.get("dec2").count is None  # type: ignore[union-attr]


def test_export_is_deterministic_and_written_atomically(tmp_path: Path) -> None:
    s = govmodel.datasets.load(NAMES[0]) if NAMES else full_structure()
    target = tmp_path / "out.popolo.json"
    assert export_popolo(s, target) == ""  # streamed to the file, not returned
    text = export_popolo(s)
    assert target.read_text(encoding="utf-8") == text == export_popolo(s)
    assert text == json.dumps(to_popolo(s), ensure_ascii=False, indent=2) + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.popolo.json"]


def test_registries() -> None:
    s = full_structure()
    text = EXPORTERS["popolo"](s)
    assert isinstance(text, str)
    assert IMPORTERS["popolo"](text) == s
    assert IMPORTERS["popolo"](text.encode("utf-8")) == s


# -- what a plain Popolo consumer reads ------------------------------------------------------


def test_mapping_of_the_standard_fields() -> None:
    s = full_structure()
    doc = to_popolo(s)
    areas = {a["id"]: a for a in doc["areas"]}
    assert areas["c1"]["classification"] == "community"
    assert areas["c1"]["parent_id"] == "s1"
    assert areas["s1"]["identifier"] == "430304001000"  # the statistical code first
    orgs = {o["id"]: o for o in doc["organizations"]}
    assert orgs["pb1"]["classification"] == "compound_party_branch"
    assert orgs["pb1"]["parent_id"] == "cpc"
    assert orgs["pb1"]["area_id"] == "x1"
    assert orgs["pb1"]["identifiers"] == [
        {"identifier": "PB-1"},
        {"identifier": "91430300MA4L", "scheme": "uscc"},
    ]
    m = {x["id"]: x for x in doc["memberships"]}["po2"]
    assert (m["person_id"], m["organization_id"], m["role"]) == ("p1", "oc1", "chair")
    assert (m["start_date"], m["end_date"]) == ("2020-06", "2023-06-30")
    posts = {p["id"]: p for p in doc["posts"]}
    assert m["post_id"] == "oc1#chair"
    assert posts["oc1#chair"] == {
        "id": "oc1#chair",
        "label": "chair, Lakeside owners' committee",
        "role": "chair",
        "organization_id": "oc1",
        "area_id": "x1",
    }
    assert len(posts) == len({(p.organization, p.role) for p in s.posts})
    motion = doc["motions"][0]
    assert motion["requirement"] == (
        "at least 2/3 of the members; quorum 2/3 of the members; "
        "the same by floor area (double majority)"
    )
    assert motion["date"] == "2021-05-20T00:00:00+08:00"
    assert motion["result"] == "pass"
    ve = doc["vote_events"][0]
    assert ve["motion_id"] == "dec1"
    assert ve["counts"] == [
        {"option": "yes", "value": 280},
        {"option": "no", "value": 15},
        {"option": "abstain", "value": 5},
    ]
    assert [v["voter_id"] for v in ve["votes"]] == ["p1", "p2", "p4"]
    assert "date" not in doc["motions"][2]  # "2022-03" is no date-time
    assert doc["motions"][2]["govmodel_date"] == "2022-03"


@needs_standard
def test_only_popolo_properties_and_prefixed_extensions() -> None:
    props = _schema_properties()
    for s in _structures():
        doc = to_popolo(s)
        assert set(doc) == {*(k for k in COLLECTIONS if k in doc), "govmodel"}
        for key, cls in COLLECTIONS.items():
            for item in doc.get(key, []):
                extra = {k for k in item if k not in props[cls]}
                assert all(k.startswith("govmodel_") for k in extra), (key, extra)
                for vote in item.get("votes", []):
                    assert all(k in props["vote"] or k.startswith("govmodel_") for k in vote)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.startswith("govmodel")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def test_plain_popolo_keeps_the_structure_without_extensions() -> None:
    s = full_structure()
    report: list[Problem] = []
    plain = from_popolo(_strip(to_popolo(s)), report=report)
    assert [(u.id, u.parent, u.name) for u in plain.units] == [
        (u.id, u.parent, u.name) for u in s.units
    ]
    assert [u.kind for u in plain.units if u.id != "x2"] == [
        u.kind for u in s.units if u.id != "x2"
    ]
    assert [(o.id, o.kind, o.parent, o.unit, o.identifiers) for o in plain.organizations] == [
        (o.id, o.kind, o.parent, o.unit, o.identifiers) for o in s.organizations
    ]
    assert [(p.id, p.person, p.organization, p.role, p.start, p.end) for p in plain.posts] == [
        (p.id, p.person, p.organization, p.role, p.start, p.end) for p in s.posts
    ]
    d = plain.get("dec1")
    original = s.get("dec1")
    assert d.rule == original.rule  # type: ignore[union-attr]  # read back from the words
    assert d.count == govmodel.Tally(yes=280, no=15, abstain=5)  # type: ignore[union-attr]
    assert d.date == "2021-05-20"  # type: ignore[union-attr]
    assert [(v.person, v.choice) for v in d.votes] == [
        ("p1", "yes"),
        ("p2", "no"),
        ("p4", "abstain"),
    ]  # type: ignore[union-attr]
    assert plain.get("dec3").date is None  # type: ignore[union-attr]
    codes = {p.code for p in report}
    assert codes <= {"declared-term", "converted-value", "ignored-field"}, report
    # without govmodel's marker, the labels it generated are reported like anyone's
    ignored = {re.sub(r"\[\d+\]", "[]", p.path) for p in report if p.code == "ignored-field"}
    assert ignored <= {
        "$.memberships[].label",
        "$.posts[].id",
        "$.posts[].label",
        "$.posts[].area_id",
    }
    assert any(p.path == "$.areas[4].classification" for p in report)  # super_compound


@given(
    st.sampled_from([Fraction(1, 2), Fraction(2, 3), Fraction(3, 4), Fraction(1), Fraction(3, 5)]),
    st.sampled_from(["members", "present", "cast"]),
    st.booleans(),
    st.none() | st.sampled_from([Fraction(1, 2), Fraction(2, 3)]),
    st.booleans(),
)
def test_requirement_words_read_back(
    threshold: Fraction, basis: str, strict: bool, quorum: Fraction | None, by_area: bool
) -> None:
    rule = VotingRule(threshold, basis, strict, quorum, by_area)  # type: ignore[arg-type]
    assert _parse_requirement(_requirement(rule)) == rule


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("two-thirds majority", VotingRule("2/3", "cast")),
        ("simple majority", VotingRule("1/2", "cast", True)),
        ("absolute majority", VotingRule("1/2", "members", True)),
        ("at least 2/3 of the members present", VotingRule("2/3", "present")),
        ("three-quarters of all members", VotingRule("3/4", "members")),
        ("60% of the votes cast", VotingRule("3/5", "cast")),
        ("unanimous", VotingRule("1", "members")),
    ],
)
def test_requirement_phrases(text: str, rule: VotingRule) -> None:
    assert _parse_requirement(text) == rule


def test_requirement_not_understood_is_reported() -> None:
    assert _parse_requirement("whatever the chair says") is None
    # a number in exponent form is no threshold (it was read as its first digit)
    assert _parse_requirement("at least 1e9999") is None
    assert _parse_requirement("more than 2e-1") is None
    assert _parse_requirement("at least 1") == VotingRule(Fraction(1), "cast")
    report: list[Problem] = []
    s = from_popolo(
        {
            "organizations": [{"id": "c", "classification": "community_council"}],
            "motions": [{"id": "m", "organization_id": "c", "requirement": "as the chair says"}],
        },
        report=report,
    )
    assert s.decisions[0].rule == VotingRule()
    assert [(p.code, p.path) for p in report] == [("ignored-field", "$.motions[0].requirement")]


# -- schema conformance ----------------------------------------------------------------------


@needs_standard
@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_export_validates_against_the_popolo_schemas(structure: Structure) -> None:
    assert FOLDER is not None
    assert check_popolo(to_popolo(structure), FOLDER / "schemas") == []


@needs_standard
@given(gst.structures())
def test_generated_exports_validate(s: Structure) -> None:
    assert FOLDER is not None
    assert check_popolo(to_popolo(s), FOLDER / "schemas") == []


@needs_standard
def test_schema_check_finds_violations_with_paths() -> None:
    assert FOLDER is not None
    doc = to_popolo(full_structure())
    bad = copy.deepcopy(doc)
    bad["memberships"][0]["start_date"] = "2020-1"
    bad["motions"][0]["date"] = "2021-05-20"  # a date, not a date-time
    bad["vote_events"][0]["counts"][0]["value"] = 2.5
    bad["persons"][0]["name"] = 5
    bad["organizations"][0]["identifiers"] = [{"scheme": "x"}]  # identifier is required
    found = {(p.code, p.path) for p in check_popolo(bad, FOLDER / "schemas")}
    assert found == {
        ("popolo-schema", "$.memberships[0].start_date"),
        ("popolo-schema", "$.motions[0].date"),
        ("popolo-schema", "$.vote_events[0].counts[0].value"),
        ("popolo-schema", "$.persons[0].name"),
        ("popolo-schema", "$.organizations[0].identifiers[0].identifier"),
    }


# -- the official examples ------------------------------------------------------------------

#: The Popolo class of each official example (metadata.json shows a person's metadata).
EXAMPLE_CLASSES = {
    "area": "area",
    "contact_detail": "contact_detail",
    "count": "count",
    "embedding-membership": "membership",
    "embedding-organization": "organization",
    "embedding-person": "person",
    "embedding-post": "post",
    "event": "event",
    "membership": "membership",
    "metadata": "person",
    "motion": "motion",
    "name-component": "person",
    "organization": "organization",
    "person": "person",
    "post": "post",
    "speech": "speech",
    "vote": "vote",
    "vote_event": "vote_event",
}


def _examples() -> list[Path]:
    if FOLDER is None:
        return []
    return sorted((FOLDER / "examples").glob("*.json"))


@needs_standard
def test_every_example_is_known() -> None:
    assert {p.stem for p in _examples()} == set(EXAMPLE_CLASSES)


@needs_standard
@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
def test_official_example_imports_and_reports_what_it_drops(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    report: list[Problem] = []
    s = from_popolo(doc, kind=EXAMPLE_CLASSES[path.stem], report=report)
    govmodel.validate(s)
    for p in report:
        assert p.severity == "warning"
        _resolve(doc, p.path)  # every reported path points into the document
    # every value of the example is either kept in the structure or reported
    kept = json.dumps(govmodel.io.native.to_data(s), ensure_ascii=False)
    for here, value in _leaves(doc, "$"):
        reported = any(
            p.path == "$" or here == p.path or here.startswith((p.path + ".", p.path + "["))
            for p in report
        )
        used = json.dumps(value, ensure_ascii=False).strip('"') in kept
        assert reported or used, (path.stem, here, value)


def _leaves(value: Any, path: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, f"{path}[{i}]")]
    return [(path, value)]


@needs_standard
def test_the_guess_of_a_lone_object_matches_the_examples() -> None:
    from govmodel.io.popolo import _guess_class

    for path in _examples():
        doc = json.loads(path.read_text(encoding="utf-8"))
        guess = _guess_class(doc)
        assert guess in (EXAMPLE_CLASSES[path.stem], None), path.stem
        if path.stem != "metadata":
            assert guess == EXAMPLE_CLASSES[path.stem], path.stem


@needs_standard
def test_examples_in_detail() -> None:
    assert FOLDER is not None
    ex = FOLDER / "examples"

    def load(name: str) -> tuple[Structure, list[Problem]]:
        report: list[Problem] = []
        doc = json.loads((ex / f"{name}.json").read_text(encoding="utf-8"))
        return from_popolo(doc, report=report), report

    s, report = load("membership")
    post = s.posts[0]
    assert (post.id, post.person, post.organization, post.role) == (
        "593",
        "john-q-public",
        "abc-inc",
        "kitchen_assistant",
    )
    assert (post.start, post.end) == ("1970-01", "1971-12-31")
    assert s.vocab.term("roles", "kitchen_assistant").en == "Kitchen assistant"
    codes = {(p.code, p.path) for p in report}
    assert ("stub-entity", "$.person_id") in codes
    assert ("ignored-field", "$.contact_details") in codes

    s, report = load("embedding-organization")
    assert [p.role for p in s.posts] == ["kitchen_assistant", "chef"]
    assert {(p.code, p.path) for p in report} >= {
        ("ignored-field", "$.posts[0].label"),
        ("stub-entity", "$.memberships[0].person_id"),
    }

    s, report = load("person")
    assert s.people[0].name == "Mr. John Q. Public, Esq."
    assert {p.path for p in report} >= {"$.email", "$.birth_date", "$.identifiers", "$.other_names"}

    s, report = load("motion")
    d = s.decisions[0]
    assert (d.rule, d.date, d.outcome, d.body) == (
        VotingRule("2/3", "cast"),
        "2013-01-01",
        "passed",
        "house-of-commons",
    )
    assert ("converted-value", "$.requirement") in {(p.code, p.path) for p in report}

    s, report = load("vote_event")
    d = s.decisions[0]
    assert d.motion.startswith("根據")
    assert [(v.person, v.choice) for v in d.votes] == [("albert-ho", "yes")]
    assert d.count is None  # all its counts are by group
    assert d.outcome == "failed"
    assert sum(p.path.startswith("$.counts[") for p in report) == 6

    s, report = load("area")
    assert s.units[0].identifiers == (
        govmodel.Identifier("", "ocd-division/country:us/state:ma/place:boston/ward:1"),
    )
    assert ("dangling-reference", "$.parent_id") in {(p.code, p.path) for p in report}

    for name in ("count", "contact_detail", "event", "speech", "vote", "post"):
        s, report = load(name)
        assert s.counts() == Structure().counts()
        assert [(p.code, p.path) for p in report] == [("ignored-object", "$")]


# -- importing other people's Popolo ---------------------------------------------------------


def test_without_a_report_list_one_warning_summarizes() -> None:
    doc = {"persons": [{"id": "a", "email": "a@example.org", "gender": "f"}]}
    with pytest.warns(PopoloImportWarning, match=r"2 things .*\$\.persons\[0\]\.email"):
        s = from_popolo(doc)
    assert s.people[0].id == "a"


def test_known_terms_are_recognised_by_name_and_label() -> None:
    report: list[Problem] = []
    s = from_popolo(
        {
            "areas": [
                {"id": "c", "classification": "社区"},
                {"id": "x", "classification": "Residential Compound", "parent_id": "c"},
                {"id": "w", "classification": "ward"},
            ],
            "organizations": [{"id": "o", "classification": "owners' committee", "area_id": "x"}],
            "persons": [{"id": "p"}],
            "memberships": [
                {"person_id": "p", "organization_id": "o", "role": "Chair"},
                {"person_id": "p", "organization_id": "o"},
            ],
        },
        report=report,
    )
    assert [u.kind for u in s.units] == ["community", "compound", "ward"]
    assert s.organizations[0].kind == "owners_committee"
    assert [p.role for p in s.posts] == ["chair", "member"]
    assert [(p.code, p.path) for p in report if p.code != "generated-id"] == [
        ("declared-term", "$.areas[2].classification")
    ]


def test_embedded_objects_read_as_the_flat_document() -> None:
    flat = {
        "organizations": [{"id": "o", "name": "O", "classification": "owners_committee"}],
        "persons": [{"id": "p", "name": "P"}],
        "memberships": [{"id": "m", "person_id": "p", "organization_id": "o", "role": "chair"}],
    }
    embedded = {
        "organizations": [
            {
                "id": "o",
                "name": "O",
                "classification": "owners_committee",
                "memberships": [{"id": "m", "role": "chair", "person": {"id": "p", "name": "P"}}],
            }
        ]
    }
    assert from_popolo(embedded, report=[]) == from_popolo(flat, report=[])


def test_ids_shared_across_classes_are_renamed() -> None:
    report: list[Problem] = []
    s = from_popolo(
        {
            "areas": [{"id": "boston", "classification": "city"}],
            "organizations": [
                {"id": "boston", "classification": "government_department", "area_id": "boston"}
            ],
            "persons": [{"id": "p"}],
            "memberships": [{"person_id": "p", "organization_id": "boston", "role": "staff"}],
        },
        report=report,
    )
    assert [u.id for u in s.units] == ["boston"]
    assert [(o.id, o.unit) for o in s.organizations] == [("boston~organization", "boston")]
    assert s.posts[0].organization == "boston~organization"
    assert ("renamed-id", "$.organizations[0].id") in {(p.code, p.path) for p in report}


def test_stub_people_and_organizations_for_dangling_references() -> None:
    report: list[Problem] = []
    s = from_popolo(
        {"memberships": [{"id": "m", "person_id": "p", "organization_id": "o", "role": "chair"}]},
        report=report,
    )
    assert [p.id for p in s.people] == ["p"]
    assert [(o.id, o.kind) for o in s.organizations] == [("o", "unclassified")]
    assert {p.code for p in report} == {"stub-entity", "declared-term"}


def test_date_times_in_memberships_are_kept_as_dates() -> None:
    report: list[Problem] = []
    s = from_popolo(
        {
            "persons": [{"id": "p"}],
            "organizations": [{"id": "o", "classification": "owners_committee"}],
            "memberships": [
                {
                    "id": "m",
                    "person_id": "p",
                    "organization_id": "o",
                    "start_date": "2020-03-01T09:00:00Z",
                    "end_date": "March 2021",
                }
            ],
        },
        report=report,
    )
    assert (s.posts[0].start, s.posts[0].end) == ("2020-03-01", None)
    assert {(p.code, p.path) for p in report} == {
        ("converted-value", "$.memberships[0].start_date"),
        ("ignored-field", "$.memberships[0].end_date"),
    }


def test_vote_options_other_than_yes_no_abstain_are_reported() -> None:
    report: list[Problem] = []
    s = from_popolo(
        {
            "organizations": [{"id": "c", "classification": "community_council"}],
            "persons": [{"id": "a"}, {"id": "b"}],
            "vote_events": [
                {
                    "id": "v",
                    "organization_id": "c",
                    "result": "pass",
                    "counts": [{"option": "yes", "value": 1}, {"option": "absent", "value": 1}],
                    "votes": [
                        {"voter_id": "a", "option": "YES"},
                        {"voter_id": "b", "option": "absent"},
                    ],
                }
            ],
        },
        report=report,
    )
    d = s.decisions[0]
    assert (d.id, d.outcome, d.count) == ("v", "passed", govmodel.Tally(yes=1))
    assert [(v.person, v.choice) for v in d.votes] == [("a", "yes")]
    assert {(p.code, p.path) for p in report} == {
        ("ignored-object", "$.vote_events[0].counts[1]"),
        ("ignored-object", "$.vote_events[0].votes[1]"),
    }


def _counted(counts: list[dict[str, Any]], report: list[Problem] | None = None) -> Structure:
    return from_popolo(
        {
            "organizations": [{"id": "c", "classification": "community_council"}],
            "vote_events": [{"id": "v", "organization_id": "c", "counts": counts}],
        },
        report=report,
    )


def test_a_second_count_for_an_option_is_reported_and_the_first_kept() -> None:
    report: list[Problem] = []
    s = _counted(
        [
            {"option": "yes", "value": 1},
            {"option": "no", "value": 3},
            {"option": "YES", "value": 2},
        ],
        report,
    )
    assert s.decisions[0].count == govmodel.Tally(yes=1, no=3)
    assert [(p.code, p.path) for p in report] == [
        ("conflicting-field", "$.vote_events[0].counts[2]")
    ]
    assert "$.vote_events[0].counts[0].value is kept" in report[0].message


def test_a_bad_count_is_named_at_its_place_in_counts() -> None:
    with pytest.raises(SpecError) as info:
        _counted([{"option": "no", "value": 2}, {"option": "yes", "value": -1}])
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("negative-count", "$.vote_events[0].counts[1].value")
    ]


# -- errors ---------------------------------------------------------------------------------


def test_errors_carry_paths_into_the_popolo_document() -> None:
    doc = to_popolo(full_structure())
    doc["persons"][1]["name"] = 5
    doc["persons"][0]["govmodel_attributes"] = {"age": [52]}
    doc["memberships"][1]["end_date"] = "2019"  # before its start, 2020-06
    doc["areas"][0]["parent_id"] = "h1"  # a cycle through the containment
    with pytest.raises(SpecError) as info:
        from_popolo(doc)
    paths = {(p.code, p.path) for p in info.value.problems}
    assert ("wrong-type", "$.persons[1].name") in paths
    assert ("wrong-type", "$.persons[0].govmodel_attributes.age") in paths
    assert ("end-before-start", "$.memberships[1].end_date") in paths
    assert any(code == "containment-cycle" and p.startswith("$.areas[") for code, p in paths)


#: A bad value of a field added to the format, as (native path, Popolo path, value): the
#: field of full_structure() at the native path and at the Popolo path is the same.
_NEW_FIELDS = {
    "term_years": ("$.organizations[4].term_years", "$.organizations[4].govmodel_term_years"),
    "term_start": ("$.organizations[5].term_start", "$.organizations[5].govmodel_term_start"),
    "mobility": ("$.people[0].mobility", "$.persons[0].govmodel_mobility"),
    "no_party": ("$.people[1].mobility", "$.persons[1].govmodel_mobility"),
    "proxy": ("$.decisions[0].votes[1].proxy", "$.vote_events[0].votes[1].govmodel_proxy_id"),
}


def _set(doc: Any, path: str, value: Any) -> None:
    parts = re.findall(r"\.(\w+)|\[(\d+)\]", path[1:])
    owner = _resolve(doc, "$" + "".join(f".{n}" if n else f"[{i}]" for n, i in parts[:-1]))
    name, index = parts[-1]
    owner[name if name else int(index)] = value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("term_years", "5"),
        ("term_years", 5.0),
        ("term_years", True),
        ("term_years", 11),
        ("term_years", 0),
        ("term_start", "2020-13"),
        ("term_start", 2020),
        ("mobility", "wandering"),
        ("mobility", 3),
        ("no_party", "mobile"),  # a non-member has no mobility
        ("proxy", "nobody"),
        ("proxy", 3),
    ],
)
def test_bad_new_fields_give_the_codes_of_the_native_format(field: str, value: Any) -> None:
    native_path, popolo_path = _NEW_FIELDS[field]
    data = to_data(full_structure())
    _set(data, native_path, value)
    with pytest.raises(SpecError) as native:
        from_data(data)
    doc = to_popolo(full_structure())
    _set(doc, popolo_path, value)
    with pytest.raises(SpecError) as popolo:
        from_popolo(doc)
    expected = [(p.code, p.path) for p in native.value.problems]
    assert expected
    assert {path for _, path in expected} == {native_path}
    assert [(p.code, p.path) for p in popolo.value.problems] == [
        (code, popolo_path) for code, _ in expected
    ]


def test_new_fields_are_written_as_extensions_of_their_popolo_objects() -> None:
    doc = to_popolo(full_structure())
    orgs = {o["id"]: o for o in doc["organizations"]}
    assert (orgs["rc"]["govmodel_term_start"], orgs["rc"]["govmodel_term_years"]) == (
        "2021-05-15",
        5,
    )
    assert type(orgs["rc"]["govmodel_term_years"]) is int
    assert orgs["oc1"]["govmodel_term_start"] == "2020-06"
    assert "govmodel_term_years" not in orgs["oc1"]
    assert not any("govmodel_term_start" in o for k, o in orgs.items() if k not in {"rc", "oc1"})
    persons = {p["id"]: p for p in doc["persons"]}
    assert {k: p.get("govmodel_mobility") for k, p in persons.items()} == {
        "p1": "mobile",
        "p2": None,
        "p3": None,
        "p4": "normal",
    }
    votes = doc["vote_events"][0]["votes"]
    assert [v.get("govmodel_proxy_id") for v in votes] == [None, "p1", "p3"]


def test_a_proxy_follows_a_renamed_person_and_a_dropped_vote_keeps_the_paths() -> None:
    doc = {
        "organizations": [{"id": "x", "classification": "owners_assembly"}],
        "persons": [{"id": "x"}, {"id": "a"}],
        "vote_events": [
            {
                "id": "v",
                "organization_id": "x",
                "votes": [
                    {"voter_id": "a", "option": "absent"},
                    {"voter_id": "a", "option": "yes", "govmodel_proxy_id": "x"},
                ],
            }
        ],
    }
    report: list[Problem] = []
    s = from_popolo(doc, report=report)
    assert [p.id for p in s.people] == ["x~person", "a"]
    assert [(v.person, v.proxy) for v in s.decisions[0].votes] == [("a", "x~person")]
    # the second Popolo vote is the decision's first: a problem names the Popolo one
    doc["vote_events"][0]["votes"][1]["govmodel_proxy_id"] = "nobody"
    with pytest.raises(SpecError) as info:
        from_popolo(doc, report=[])
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("dangling-reference", "$.vote_events[0].votes[1].govmodel_proxy_id")
    ]


def test_structures_without_the_new_fields_are_written_as_before() -> None:
    s = govmodel.datasets.load(NAMES[0])
    bare = attrs.evolve(
        s,
        organizations=[attrs.evolve(o, term_start=None, term_years=None) for o in s.organizations],
        people=[attrs.evolve(p, mobility=None) for p in s.people],
        decisions=[
            attrs.evolve(d, votes=[attrs.evolve(v, proxy=None) for v in d.votes])
            for d in s.decisions
        ],
    )
    text = export_popolo(bare)
    assert not re.search(r"govmodel_(term_start|term_years|mobility|proxy_id)", text)
    assert text == json.dumps(to_popolo(bare), ensure_ascii=False, indent=2) + "\n"


def test_unknown_format_version_is_refused() -> None:
    doc = to_popolo(full_structure())
    doc["govmodel"]["format_version"] = 99
    with pytest.raises(SpecError) as info:
        from_popolo(doc)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("unknown-version", "$.govmodel.format_version")
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[]", "wrong-type"),
        ('{"persons": {}}', "wrong-type"),
        ('{"persons": [5]}', "wrong-type"),
        ('{"persons": [{"id": 5}]}', "wrong-type"),
        ('{"persons": [], "persons": []}', "duplicate-key"),
        ("{", "invalid-json"),
        ('{"name": "who am I?"}', "unknown-popolo-class"),
    ],
)
def test_bad_documents(text: str, code: str) -> None:
    with pytest.raises(SpecError) as info:
        import_popolo(text)
    assert info.value.codes[0] == code


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown Popolo class"):
        from_popolo({}, kind="planet")


def test_deeply_nested_document_is_refused() -> None:
    doc: dict[str, Any] = {"id": "a0", "classification": "x"}
    inner = doc
    for i in range(1, 5000):
        child: dict[str, Any] = {"id": f"a{i}"}
        inner["children"] = [child]
        inner = child
    with pytest.raises(SpecError) as info:
        from_popolo({"areas": [doc]})
    assert info.value.codes == ("too-deep",)


# -- issue 14 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "at least " + "1" * 5000 + "/2",
        "1" * 5000 + "/" + "3" * 5000,
        "1" * 5000 + ".5%",
        "50." + "5" * 5000 + "%",
        "majority; quorum " + "9" * 5000 + "/" + "9" * 5001,
    ],
)
def test_requirements_with_long_digit_runs_are_not_understood(text: str) -> None:
    rule = _parse_requirement(text)
    assert rule is None or rule.quorum is None
    doc = {
        "organizations": [{"id": "o", "classification": "owners_assembly", "name": "o"}],
        "motions": [{"id": "m", "organization_id": "o", "text": "t", "requirement": text}],
    }
    report: list[Problem] = []
    from_popolo(doc, report=report)
    assert report  # a warning says how the requirement was read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two-thirds majority", VotingRule(Fraction(2, 3), "cast", False)),
        ("at least 2/3 of the members", VotingRule(Fraction(2, 3), "members", False)),
        ("at least 12.5% of the votes cast", VotingRule(Fraction(1, 8), "cast", False)),
        ("1/0 and 50%", VotingRule(Fraction(1, 2), "cast", True)),
        ("majority; quorum 1/0", VotingRule(Fraction(1, 2), "cast", True)),
    ],
)
def test_requirement_words_read_as_before(text: str, expected: VotingRule) -> None:
    assert _parse_requirement(text) == expected


@pytest.mark.parametrize("text", ["at least 2/3.5", "exceeds 50 % ", "more than ２/３", "٥٠%"])
def test_requirements_not_understood(text: str) -> None:
    assert _parse_requirement(text) is None


@pytest.mark.parametrize("value", ["２０２０-01-01", "2020-01-01\n", "2020-01-01\nT"])
def test_popolo_dates_take_ascii_digits_only(value: str) -> None:
    doc = {"memberships": [{"person_id": "p", "organization_id": "o", "start_date": value}]}
    report: list[Problem] = []
    try:
        s = from_popolo(doc, report=report)
    except SpecError:
        return
    assert all(p.start is None for p in s.posts)
    assert "ignored-field" in [p.code for p in report]


def test_a_whole_count_held_as_a_float_is_in_the_vote_events_counts() -> None:
    from govmodel.spec import Tally

    s = Structure(
        organizations=[Organization("oc", "owners_committee")],
        decisions=[Decision("d", "oc", "m", count=Tally(members=5, yes=2.0, no=1))],
    )
    ve = json.loads(govmodel.io.export(s, "popolo"))["vote_events"][0]
    assert ve["counts"] == [{"option": "yes", "value": 2}, {"option": "no", "value": 1}]
    assert type(ve["counts"][0]["value"]) is int
    back = govmodel.io.import_(govmodel.io.export(s, "popolo"), "popolo")
    assert govmodel.dumps(back) == govmodel.dumps(s)  # the tally's own types kept


def test_the_vote_event_of_a_motion_takes_no_part_in_the_ids() -> None:
    import warnings

    s = Structure(
        organizations=[Organization("oc", "owners_committee")],
        decisions=[Decision("x", "oc", "m"), Decision("x/vote", "oc", "m")],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = govmodel.io.import_(govmodel.io.export(s, "popolo"), "popolo")
    assert govmodel.dumps(back) == govmodel.dumps(s)

"""The W3C ORG and Popolo exports and imports at their edges (hostile texts, ids, terms)."""

from __future__ import annotations

import enum
import importlib.util
import json
from typing import Any

import pytest

from govmodel import SpecError
from govmodel.errors import Problem
from govmodel.io.org import export_org_jsonld, export_org_turtle, to_org
from govmodel.io.popolo import check_popolo, export_popolo, from_popolo, import_popolo
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
from govmodel.testing import linear
from tests.io import popolo_folder


def _doc(classifications: list[str], roles: list[str]) -> dict[str, Any]:
    return {
        "organizations": [
            {"id": f"o{i}", "classification": c} for i, c in enumerate(classifications)
        ],
        "persons": [{"id": "p"}],
        "memberships": [
            {"id": f"m{i}", "person_id": "p", "organization_id": "o0", "role": r}
            for i, r in enumerate(roles)
        ],
    }


def test_popolo_terms_of_other_chinese_words_are_not_merged_by_their_slug() -> None:
    # the slugs drop the Chinese letters: "A区业委会" and "A区居委会" are both "a", and
    # "3号楼楼长" and "3号楼党小组长" both "t_3"; each was read as the first one's term
    report: list[Problem] = []
    s = from_popolo(
        _doc(
            ["A区业委会", "A区居委会", "a区居委会", "A", "a"],
            ["3号楼楼长", "3号楼党小组长", "T-3", "t_3"],
        ),
        report=report,
    )
    kinds = [o.kind for o in s.organizations]
    assert kinds[0] != kinds[1]
    assert kinds[1] == kinds[2]  # case apart, the same words
    # the name of the first, a slug of other words, names it no more than its slug does
    assert kinds[3] not in kinds[:3]
    assert kinds[4] == kinds[3]
    roles = [p.role for p in s.posts]
    assert len(set(roles)) == 3
    assert roles[3] == roles[2]
    labels = {(t.category, t.name): t.en for t in s.vocabulary}
    assert labels[("organization_kinds", kinds[1])] == "A区居委会"
    assert labels[("roles", s.posts[1].role)] == "3号楼党小组长"
    declared = [p.path for p in report if p.code == "declared-term"]
    assert declared == [
        "$.organizations[0].classification",
        "$.organizations[1].classification",
        "$.organizations[3].classification",
        "$.memberships[0].role",
        "$.memberships[1].role",
        "$.memberships[2].role",
    ]
    # and the structure goes round as it is
    assert import_popolo(export_popolo(s), report=[]) == s


def test_popolo_terms_of_the_same_words_still_share_a_term() -> None:
    s = from_popolo(
        _doc(
            ["Party-Branch", "党支部 (party branch)", "Kitchen assistant", "KITCHEN-assistant!"],
            ["secretary（书记）", "Secretary."],
        ),
        report=[],
    )
    assert [o.kind for o in s.organizations] == [
        "party_branch",
        "party_branch",
        "kitchen_assistant",
        "kitchen_assistant",
    ]
    assert [p.role for p in s.posts] == ["secretary", "secretary"]


COMMITTEE = {"id": "o", "classification": "owners committee"}
READ_FROM = {
    # a rule read from its words: not at govmodel_rule, which the document does not have
    "requirement": (
        {
            "motions": [
                {"id": "m", "organization_id": "o", "requirement": "at least 1/2; quorum 3/2"}
            ]
        },
        "$.motions[0].requirement",
    ),
    "motion date": (
        {"motions": [{"id": "m", "organization_id": "o", "date": "2020-13-01"}]},
        "$.motions[0].date",
    ),
    # the vote event's date-time, which was reported on the motion
    "vote event date-time": (
        {
            "motions": [{"id": "m", "organization_id": "o"}],
            "vote_events": [{"id": "v", "motion_id": "m", "start_date": "2020-02-30T09:00:00Z"}],
        },
        "$.vote_events[0].start_date",
    ),
    "area identifier": (
        {"areas": [{"id": "a", "classification": "community", "identifier": 5}]},
        "$.areas[0].identifier",
    ),
    # govmodel's own fields stay where they were
    "govmodel_date": (
        {"motions": [{"id": "m", "organization_id": "o", "govmodel_date": "2020-02-30"}]},
        "$.motions[0].govmodel_date",
    ),
    "govmodel_rule": (
        {"motions": [{"id": "m", "organization_id": "o", "govmodel_rule": {"quorum": "3/2"}}]},
        "$.motions[0].govmodel_rule.quorum",
    ),
}


@pytest.mark.parametrize(("doc", "path"), READ_FROM.values(), ids=READ_FROM.keys())
def test_popolo_problem_of_a_value_read_from_another_field_is_at_that_field(
    doc: dict[str, Any], path: str
) -> None:
    with pytest.raises(SpecError) as info:
        from_popolo({"organizations": [COMMITTEE], **doc}, report=[])
    assert [p.path for p in info.value.problems] == [path]


POPOLO = popolo_folder()
needs_schemas = pytest.mark.skipif(
    POPOLO is None or importlib.util.find_spec("jsonschema") is None,
    reason="needs the Popolo standard (set GOVMODEL_POPOLO_DIR to its folder) and jsonschema",
)


@needs_schemas
@pytest.mark.parametrize(
    ("when", "valid"),
    [
        ("2016-12-31T23:59:60Z", True),  # a leap second: RFC 3339 has it
        ("2020-06-01T08:00:00+08:00", True),
        ("2020-06-01T08:00:00.123456789-00:00", True),
        ("2020-06-01T08:00:00+08:60", False),  # an offset of 60 minutes was taken
        ("2020-06-01T08:00:00+24:00", False),
        ("2020-06-01T24:00:00Z", False),
        ("2020-06-31T08:00:00Z", False),
    ],
)
def test_check_popolo_reads_date_times_as_rfc_3339_does(when: str, valid: bool) -> None:
    assert POPOLO is not None
    problems = check_popolo({"motions": [{"id": "m", "date": when}]}, POPOLO / "schemas")
    assert [p.path for p in problems] == ([] if valid else ["$.motions[0].date"])


@pytest.mark.timing
def test_popolo_terms_of_one_slug_are_declared_in_linear_time() -> None:
    # every classification's slug is "a": each is told from the terms of that slug at once
    def make(n: int) -> str:
        texts = [f"A{chr(0x4E00 + i)}" for i in range(n)] + ["a"]
        return json.dumps(_doc(texts, []))

    linear.assert_linear(make, lambda text: import_popolo(text, report=[]), 1500)


# -- ORG: strings of a subclass of str (a StrEnum) ------------------------------------------------


class Term(str, enum.Enum):  # noqa: UP042 (str() of a member is "Term.UNIT")
    UNIT = "compound"
    BRANCH = "compound_party_branch"
    GROUP = "party_branch"
    SECRETARY = "secretary"
    GUIDES = "guides"
    HOUSEHOLDS = "households"
    MEMBERS = "members"
    NAME = "Yuelu"


def _termed(term: Any) -> Structure:
    """A structure whose terms, the rule's basis, one organization's name and the
    structure's name are ``term(...)``: plain strings, or :class:`Term` members."""
    return Structure(
        units=[Unit("u", term("compound"), attributes={"k": term("Yuelu")})],
        organizations=[
            Organization("o", term("compound_party_branch"), term("Yuelu"), unit="u"),
            Organization("g", term("party_branch"), "g", parent="o"),
        ],
        people=[Person("p", term("Yuelu"))],
        posts=[Post("m", "p", "o", term("secretary"))],
        ties=[Tie("t", "o", "g", term("guides"))],
        observations=[Observation("b", "u", term("households"), 3)],
        decisions=[Decision("d", "o", rule=VotingRule(basis=term("members")))],
        metadata=Metadata(name=term("Yuelu"), title=term("Yuelu")),
    )


def test_org_strings_of_a_str_subclass_are_written_as_the_strings_they_hold() -> None:
    # concepts were named "…/unit_kinds/Term.UNIT", the post "secretary, Term.NAME", and
    # to_org's literals "Term.NAME"; the terms' labels, the head of the branch, its
    # org:unitOf and the rule's words were lost (the terms were not found by the member)
    rdflib = pytest.importorskip("rdflib")
    plain, termed = _termed(str), _termed(Term)
    assert export_org_turtle(termed) == export_org_turtle(plain)
    assert export_org_jsonld(termed) == export_org_jsonld(plain)
    want = set(to_org(plain))
    assert set(to_org(termed)) == want
    assert set(rdflib.Graph().parse(data=export_org_turtle(termed), format="turtle")) == want
    assert not [t for t in want if any("Term." in str(x) for x in t)]


def test_popolo_strings_of_a_str_subclass_are_written_as_the_strings_they_hold() -> None:
    # the Popolo post of the secretary was "o#Term.SECRETARY", labelled "secretary, Term.NAME"
    assert export_popolo(_termed(Term)) == export_popolo(_termed(str))


def test_popolo_post_govmodel_did_not_write_is_reported_in_its_document() -> None:
    # a document of govmodel's (its govmodel object) had every post read as one it wrote:
    # a post nobody holds, and a field govmodel never writes, went without a word
    s = Structure(
        organizations=[Organization("o", "owners_committee")],
        people=[Person("p")],
        posts=[Post("m", "p", "o", "member")],
    )
    doc = json.loads(export_popolo(s))
    assert [p["id"] for p in doc["posts"]] == ["o#member"]
    doc["posts"][0]["contact_details"] = [{"type": "email", "value": "c@example.org"}]
    doc["posts"].append({"id": "x", "label": "Mayor", "organization_id": "o", "role": "mayor"})
    report: list[Problem] = []
    assert from_popolo(doc, report=report) == s
    assert [(p.code, p.path) for p in report] == [
        ("ignored-object", "$.posts[1]"),
        ("ignored-field", "$.posts[0].contact_details"),
    ]
    # and nothing of what govmodel writes
    again: list[Problem] = []
    assert from_popolo(json.loads(export_popolo(s)), report=again) == s
    assert again == []


@pytest.mark.parametrize(
    ("motion", "vote_events", "conflict"),
    [
        ("fail", ["pass"], True),  # the motion's result went without a word
        ("pass", ["passed"], False),
        ("fail", ["pass", "pass"], False),  # a motion of two votes: each its own decision
        ("fail", [None], False),
    ],
)
def test_popolo_motion_result_against_its_vote_event_is_reported(
    motion: str, vote_events: list[str | None], conflict: bool
) -> None:
    doc = {
        "organizations": [COMMITTEE],
        "motions": [{"id": "m", "organization_id": "o", "result": motion}],
        "vote_events": [
            {"id": f"v{i}", "motion_id": "m", **({"result": r} if r else {})}
            for i, r in enumerate(vote_events)
        ],
    }
    report: list[Problem] = []
    s = from_popolo(doc, report=report)
    kept = [r or motion for r in vote_events]
    assert [d.outcome for d in s.decisions] == [
        {"pass": "passed", "passed": "passed", "fail": "failed"}[r] for r in kept
    ]
    assert [(p.code, p.path) for p in report] == (
        [("conflicting-field", "$.motions[0].result")] if conflict else []
    )


@needs_schemas
@pytest.mark.parametrize("document", [[], None, "persons", 3])
def test_check_popolo_of_a_document_that_is_no_object(document: Any) -> None:
    # an AttributeError ('list' object has no attribute 'get')
    assert POPOLO is not None
    problems = check_popolo(document, POPOLO / "schemas")
    assert [(p.code, p.path) for p in problems] == [("popolo-schema", "$")]

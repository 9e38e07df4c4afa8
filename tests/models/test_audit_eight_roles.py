"""The eight-roles model against its source where an audit found it wrong.

Each test quotes the passage of ``../shared/seeds/003_e46168819235ee26.txt`` it holds the
model to, on minimal structures built with the edge tests' helpers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import govmodel
from govmodel.models.eight_roles import EIGHT_ROLES
from govmodel.spec import Organization, Person, Structure
from tests.models.test_edges import posts_for, structure

EIGHT = "eight_roles"
ROLES = [r for r, _, _ in EIGHT_ROLES]
ASSOCIATION_RULES = (
    "eight_roles.all_roles",
    "eight_roles.association_branch",
    "eight_roles.from_building_heads",
    "eight_roles.party_led",
)

Found = list[tuple[str | None, dict[str, Any]]]


def run(s: Structure, rule_id: str) -> tuple[str, Found, int]:
    """The status, findings (subject, data) and examined count of a rule on ``s``, after
    checking that the assessment renders to JSON."""
    a = govmodel.assess(s, EIGHT)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return r.status, [(f.subject, dict(f.data)) for f in r.findings], r.examined


# -- which bodies are eight-roles associations ----------------------------------------------
# 003: 以党员牵头,从楼栋长中选出“八大员”,成立了“八大员志愿者协会”……八大员志愿者协会党支部:
# the association is a volunteer association (志愿者协会), not any body with a mediator.


def mediator_in(kind: str, unit: str = "c") -> Structure:
    return structure(
        orgs=[Organization("o", kind, unit=unit)],
        people=[Person("p", party="active")],
        posts=posts_for("o", "dispute_mediator", person="p"),
    )


@pytest.mark.parametrize("rule_id", ASSOCIATION_RULES)
def test_a_residents_committee_with_a_mediator_is_no_association(rule_id: str) -> None:
    assert run(mediator_in("residents_committee"), rule_id) == ("not_applicable", [], 0)
    # nor is a compound's owners' committee with one
    assert run(mediator_in("owners_committee", unit="x"), rule_id) == ("not_applicable", [], 0)


def test_a_residents_committee_with_a_mediator_runs_no_eight_roles() -> None:
    a = govmodel.assess(mediator_in("residents_committee", unit="x"), EIGHT)
    assert a.metrics["eight_roles_adoption"].by_unit == {"x": 0.0}
    assert a.metrics["eight_roles_filled"].by_unit == {}
    assert a.rule("eight_roles.compound_branch").status == "not_applicable"


def test_a_volunteer_association_holding_a_role_is_one_wherever_it_lies() -> None:
    # in the community, not in a compound: still the association, as it holds a role
    status, found, examined = run(mediator_in("volunteer_association"), "eight_roles.all_roles")
    assert (status, examined) == ("failed", 1)
    assert found == [
        ("o", {"missing": ",".join(r for r in ROLES if r != "dispute_mediator"), "filled": 1})
    ]
    assert run(mediator_in("volunteer_association"), "eight_roles.from_building_heads") == (
        "failed",
        [("p", {"roles": "dispute_mediator"})],
        1,
    )


def test_a_role_held_outside_the_association_is_not_checked_against_building_heads() -> None:
    s = structure(
        orgs=[
            Organization("va", "volunteer_association", unit="x"),
            Organization("rc", "residents_committee", unit="c"),
        ],
        people=[Person("h", party="active"), Person("m")],
        posts=[
            *posts_for("va", *ROLES, "building_head", person="h"),
            *posts_for("rc", "dispute_mediator", person="m"),
        ],
    )
    assert run(s, "eight_roles.from_building_heads") == ("passed", [], 1)
    assert run(s, "eight_roles.all_roles") == ("passed", [], 1)

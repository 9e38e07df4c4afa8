"""Tests of the exchange formats (Popolo, W3C ORG, graph files), with their shared fixtures.

:func:`full_structure` is a hand-built structure that uses every field of every entity,
including the awkward cases the formats must survive: an attribute that is an ``int`` on
one unit and a ``float`` on another, empty strings, booleans, declared vocabulary, partial
dates of every precision, a decision with a double-majority rule, tallies by head and by
floor area, votes with floor areas and by proxy, identifiers with and without a scheme, terms
of office with and without a length, and party mobility.

:func:`canonical` is a type-strict fingerprint of a structure: ``==`` on structures takes
``1 == 1.0 == True``, the fingerprint does not.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

from govmodel.io.native import to_data
from govmodel.spec import (
    Decision,
    Identifier,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
)
from govmodel.vocab import Term


def canonical(structure: Structure) -> str:
    """The structure as sorted JSON: equal only if every value has the same type too."""
    return json.dumps(to_data(structure), sort_keys=True, ensure_ascii=False)


def popolo_folder() -> Path | None:
    """The folder of the Popolo standard (schemas/, examples/), or ``None`` if absent.

    ``GOVMODEL_POPOLO_DIR`` overrides the default ``../shared/standards/popolo`` next to the
    repository.
    """
    env = os.environ.get("GOVMODEL_POPOLO_DIR")
    folder = (
        Path(env) if env else Path(__file__).parents[2] / ".." / "shared" / "standards" / "popolo"
    )
    folder = folder.resolve()
    return folder if (folder / "schemas").is_dir() else None


def full_structure() -> Structure:
    """A structure using every field (see the module docstring)."""
    cn = "cn-stats-division"
    return Structure(
        units=[
            Unit("d1", "district", "Yuetang 岳塘区", identifiers=[Identifier(cn, "430304000000")]),
            Unit(
                "s1",
                "street",
                "Shuyuan",
                parent="d1",
                identifiers=[Identifier("local", "S-1"), Identifier(cn, "430304001000")],
            ),
            Unit(
                "c1",
                "community",
                "Qingshan",
                parent="s1",
                attributes={"households": 1200, "residents": 3500, "area_km2": 1.5},
                identifiers=[Identifier(cn, "430304001001")],
            ),
            Unit(
                "x1",
                "compound",
                "Lakeside",
                parent="c1",
                attributes={
                    "households": 420,
                    "origin": "commodity",
                    "management": "professional",
                    "floor_area_m2": 52000.5,
                    "note": "",
                    "flag": True,
                },
            ),
            Unit(
                "x2",
                "super_compound",
                "",
                parent="c1",
                attributes={"households": 10500.0, "floor_area_m2": 3, "note": "超大"},
            ),
            Unit("b 1/东", "building", "Building 1", parent="x1"),
            Unit("h1", "household", "101", parent="b 1/东"),
        ],
        organizations=[
            Organization(
                "spwc",
                "street_party_working_committee",
                "Shuyuan street party working committee",
                unit="s1",
            ),
            Organization("cpc", "community_party_committee", "社区党委", unit="c1", parent="spwc"),
            Organization(
                "pb1",
                "compound_party_branch",
                "Lakeside branch",
                unit="x1",
                parent="cpc",
                identifiers=[Identifier("", "PB-1"), Identifier("uscc", "91430300MA4L")],
            ),
            Organization("bg1", "building_party_group", unit="b 1/东", parent="pb1"),
            Organization(
                "rc",
                "residents_committee",
                "Qingshan residents' committee",
                unit="c1",
                parent="cpc",
                term_start="2021-05-15",
                term_years=5,
            ),
            Organization(
                "oc1",
                "owners_committee",
                "Lakeside owners' committee",
                unit="x1",
                attributes={"seats": 5},
                term_start="2020-06",
            ),
            Organization(
                "pc1", "property_company", "Green property", unit="x1", attributes={"rating": 4.5}
            ),
        ],
        people=[
            Person("p1", "Wang Fang", "active", attributes={"age": 52}, mobility="mobile"),
            Person("p2", "Li Ming", None),
            Person("p3", "", "mobile"),
            Person(
                "p4",
                "Zhao",
                "dormant",
                attributes={"note": 'has "quotes" & <tags>'},
                mobility="normal",
            ),
        ],
        posts=[
            Post("po1", "p1", "pb1", "secretary", "2019", None),
            Post(
                "po2", "p1", "oc1", "chair", "2020-06", "2023-06-30", attributes={"elected": True}
            ),
            Post("po3", "p2", "cpc", "secretary", "2018-01-15"),
            Post("po4", "p2", "rc", "chair"),
            Post("po5", "p3", "pc1", "manager", None, "2022"),
            Post("po6", "p4", "bg1", "building_head"),
            Post("po7", "p4", "pb1", "party_member", "2015-03"),
            Post("po8", "p1", "spwc", "committee_member"),
        ],
        ties=[
            Tie("t1", "pc1", "x1", "manages", "2019", None, {"contract_years": 3}),
            Tie("t2", "oc1", "pc1", "contracts", "2019-05", "2022-05"),
            Tie("t3", "p4", "h1", "responsible_for"),
            Tie("t4", "rc", "pc1", "supervises"),
        ],
        observations=[
            Observation("ob1", "c1", "issues_collected", 1495, "2021/2023", "000.md"),
            Observation("ob2", "c1", "issues_resolved", 1088, "2021/2023"),
            Observation(
                "ob3", "x1", "fee_collection_rate", 0.478, "2020", attributes={"stage": "before"}
            ),
            Observation("ob4", "pb1", "party_members", 23),
        ],
        decisions=[
            Decision(
                "dec1",
                "oc1",
                "Renovate the lifts",
                VotingRule("2/3", "members", False, Fraction(2, 3), True),
                "2021-05-20",
                Tally(members=400, present=300, yes=280, no=15, abstain=5),
                Tally(members=52000.5, yes=40000.25),
                [
                    Vote("p1", "yes", 120.5),
                    Vote("p2", "no", proxy="p1"),
                    Vote("p4", "abstain", 98, proxy="p3"),
                ],
                "passed",
                {"budget_yuan": 36000},
            ),
            Decision("dec2", "cpc"),
            Decision(
                "dec3",
                "rc",
                "Adopt the rules",
                VotingRule("1/2", "cast", True),
                "2022-03",
                Tally(),
                None,
                (),
                "failed",
            ),
        ],
        vocabulary=[
            Term("unit_kinds", "super_compound", "super compound", "超大小区", rank=6),
            Term("indicators", "parking_spaces", "parking spaces", "车位数", type="count"),
        ],
        metadata=Metadata(
            name="full",
            title="Every field",
            description="A hand-built structure",
            place="Xiangtan",
            model=("four_level",),
            source=("004.md",),
            synthetic=True,
            seed=7,
            attributes={"version": 2},
        ),
    )

"""Hypothesis strategies for govmodel structures, published for anyone's property tests.

Needs the ``testing`` extra (``pip install 'govmodel[testing]'``).

* :func:`structures` draws valid structures of bounded size;
* :func:`planted` draws a valid structure with exactly one planted problem of a given code,
  and the JSON path where :func:`govmodel.validate` must report it;
* :func:`documents` and :func:`planted_documents` do the same at the level of the file's
  parsed JSON data, for the problems that only a file can have (wrong types, unknown
  fields, unknown versions, …).

Examples
--------
>>> from hypothesis import given, settings
>>> import govmodel
>>> from govmodel.testing import strategies as gst
>>> @settings(max_examples=20, database=None)
... @given(gst.structures())
... def test_round_trip(s):
...     assert govmodel.loads(govmodel.dumps(s)) == s
>>> test_round_trip()
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs

from govmodel.errors import require
from govmodel.spec import (
    MATTERS,
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
from govmodel.vocab import BUILTIN, OWNS, Term

st: Any = require("hypothesis.strategies", "testing", feature="govmodel.testing.strategies")

__all__ = [
    "DOCUMENT_CODES",
    "PLANTABLE_CODES",
    "dates",
    "documents",
    "planted",
    "planted_documents",
    "structures",
]

_RANKED = sorted(
    (t for t in BUILTIN.category("unit_kinds").values() if t.rank is not None),
    key=lambda t: t.rank or 0,
)
_ORG_KINDS = sorted(BUILTIN.category("organization_kinds"))
_ROLES = sorted(BUILTIN.category("roles"))
# Not 'owns': a tie of the owners' roster makes every vote in an owners' assembly an owner's.
_RELATIONS = sorted(set(BUILTIN.category("relations")) - {OWNS})
_STATUSES = sorted(BUILTIN.category("party_statuses"))
_MOBILITIES = sorted(BUILTIN.category("party_mobilities"))
_ORIGINS = sorted(BUILTIN.category("origins"))
_FREE_INDICATORS = sorted(
    t.name
    for t in BUILTIN.category("indicators").values()
    if t.part_of is None
    and not any(u.part_of == t.name for u in BUILTIN.category("indicators").values())
)

# Text without surrogates (which cannot be written as UTF-8) and without control characters.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_id_tail = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_小区楼栋社区党支部"), max_size=4
)
# Finite floats as large as a structure's numbers may be: a column of up to a hundred of
# them still adds up within a float's range, as validation requires.
_finite = st.floats(-1e306, 1e306, allow_nan=False, allow_infinity=False, width=64)


@st.composite  # type: ignore[untyped-decorator]
def dates(draw: Any) -> str:
    """A partial ISO date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, naming a real day."""
    year = draw(st.integers(1949, 2035))
    precision = draw(st.integers(0, 2))
    if precision == 0:
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == 1:
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, 28))
    return f"{year:04d}-{month:02d}-{day:02d}"


@st.composite  # type: ignore[untyped-decorator]
def _interval(draw: Any) -> tuple[str | None, str | None]:
    start = draw(st.none() | dates())
    end = draw(st.none() | dates())
    if start is not None and end is not None and end[:4] < start[:4]:
        start, end = end, start
    if start is not None and end is not None and end[:4] == start[:4]:
        end = start[:4]  # the same year: end covers the whole year, never before the start
    return start, end


# Attribute keys with one fixed type each, so no structure mixes types under one key.
_ATTRIBUTE_VALUES: dict[str, Any] = {
    "note": _text,
    "code": st.integers(-(2**53), 2**53),
    "score": _finite,
    "flag": st.booleans(),
    "households": st.integers(0, 5000),
    "floor_area_m2": st.floats(0, 1e7, allow_nan=False),
    "origin": st.sampled_from(_ORIGINS),
    "说明": _text,
}


def _attributes(keys: tuple[str, ...]) -> Any:
    return st.fixed_dictionaries({}, optional={k: _ATTRIBUTE_VALUES[k] for k in keys})


_UNIT_KEYS = ("note", "code", "score", "flag", "households", "floor_area_m2", "origin", "说明")
_OTHER_KEYS = ("note", "code", "score", "flag", "说明")


@st.composite  # type: ignore[untyped-decorator]
def _indicator_value(draw: Any, indicator: str) -> int | float:
    t = BUILTIN.term("indicators", indicator)
    if t.type == "count":
        return int(draw(st.integers(0, 10**6)))
    if t.type == "rate":
        return float(draw(st.floats(0, 1, allow_nan=False)))
    if t.type == "amount":
        return float(draw(st.floats(0, 1e9, allow_nan=False)))
    return float(draw(_finite))


@st.composite  # type: ignore[untyped-decorator]
def _tally(draw: Any, whole: bool) -> Tally:
    # Floor areas are written with two decimals and add up as the decimals they are written
    # as (govmodel.spec.exact): drawn in hundredths, then written as such.
    num = st.integers(0, 60) if whole else st.integers(0, 10**7)
    yes, no, abstain = draw(num), draw(num), draw(num)
    present = yes + no + abstain + draw(num)
    members = present + draw(num)
    counts = {"members": members, "present": present, "yes": yes, "no": no, "abstain": abstain}
    fields: dict[str, int | float] = (
        dict(counts) if whole else {k: float(f"{v / 100:.2f}") for k, v in counts.items()}
    )
    keep = draw(st.sets(st.sampled_from(sorted(fields))))
    return Tally(**{k: (v if k in keep else None) for k, v in fields.items()})


@st.composite  # type: ignore[untyped-decorator]
def structures(
    draw: Any,
    *,
    max_units: int = 10,
    max_organizations: int = 8,
    max_people: int = 8,
    max_posts: int = 12,
    max_ties: int = 6,
    max_observations: int = 6,
    max_decisions: int = 3,
) -> Structure:
    """Valid structures of bounded size, exercising every field of the format.

    Every structure drawn passes :func:`govmodel.validate` with ``strict=True``.
    """
    n_units = draw(st.integers(0, max_units))
    kinds = sorted(
        (draw(st.sampled_from(_RANKED)) for _ in range(n_units)), key=lambda t: t.rank or 0
    )
    units: list[Unit] = []
    for i, kind in enumerate(kinds):
        candidates = [
            u for u, k in zip(units, kinds, strict=False) if (k.rank or 0) < (kind.rank or 0)
        ]
        parent = draw(st.none() | st.sampled_from(candidates)) if candidates else None
        idents: tuple[Identifier, ...] = ()
        if draw(st.booleans()) and draw(st.booleans()):
            idents = (Identifier("local", draw(_id_tail) or "x"),)
        start, end = draw(_interval())
        formed = (
            tuple(draw(st.lists(st.sampled_from([u.id for u in units]), max_size=2)))
            if units and draw(st.booleans())
            else ()
        )
        replaced = (
            draw(st.sampled_from([u.id for u in units])) if units and draw(st.booleans()) else None
        )
        units.append(
            Unit(
                f"u{i}.{draw(_id_tail)}",
                kind.name,
                draw(_text),
                parent.id if parent is not None else None,
                draw(_attributes(_UNIT_KEYS)),
                idents,
                start,
                end,
                formed,
                replaced,
            )
        )

    orgs: list[Organization] = []
    for i in range(draw(st.integers(0, max_organizations))):
        unit = draw(st.none() | st.sampled_from(units)) if units else None
        parent = draw(st.none() | st.sampled_from(orgs)) if orgs else None
        start, end = draw(_interval())
        formed = (
            tuple(draw(st.lists(st.sampled_from([o.id for o in orgs]), max_size=2)))
            if orgs and draw(st.booleans())
            else ()
        )
        replaced = (
            draw(st.sampled_from([o.id for o in orgs])) if orgs and draw(st.booleans()) else None
        )
        term_start = draw(st.none() | dates())
        term_years = None if term_start is None else draw(st.none() | st.integers(1, 10))
        orgs.append(
            Organization(
                f"o{i}.{draw(_id_tail)}",
                draw(st.sampled_from(_ORG_KINDS)),
                draw(_text),
                unit.id if unit else None,
                parent.id if parent else None,
                draw(_attributes(_OTHER_KEYS)),
                (),
                start,
                end,
                formed,
                replaced,
                term_start,
                term_years,
            )
        )

    people: list[Person] = []
    for i in range(draw(st.integers(0, max_people))):
        party = draw(st.none() | st.sampled_from(_STATUSES))
        mobilities = ["mobile"] if party == "mobile" else _MOBILITIES
        people.append(
            Person(
                f"p{i}.{draw(_id_tail)}",
                draw(_text),
                party,
                draw(_attributes(_OTHER_KEYS)),
                None if party is None else draw(st.none() | st.sampled_from(mobilities)),
            )
        )

    posts: list[Post] = []
    if people and orgs:
        for i in range(draw(st.integers(0, max_posts))):
            start, end = draw(_interval())
            posts.append(
                Post(
                    f"po{i}.{draw(_id_tail)}",
                    draw(st.sampled_from(people)).id,
                    draw(st.sampled_from(orgs)).id,
                    draw(st.sampled_from(_ROLES)),
                    start,
                    end,
                    draw(_attributes(_OTHER_KEYS)),
                )
            )

    nodes: list[Unit | Organization | Person] = [*units, *orgs, *people]
    ties: list[Tie] = []
    if len(nodes) > 1:  # a tie joins two entities (one to itself is a warning: self-tie)
        for i in range(draw(st.integers(0, max_ties))):
            start, end = draw(_interval())
            source = draw(st.sampled_from(nodes)).id
            ties.append(
                Tie(
                    f"t{i}.{draw(_id_tail)}",
                    source,
                    draw(st.sampled_from([n.id for n in nodes if n.id != source])),
                    draw(st.sampled_from(_RELATIONS)),
                    start,
                    end,
                    draw(_attributes(_OTHER_KEYS)),
                )
            )

    observations: list[Observation] = []
    if nodes:
        for i in range(draw(st.integers(0, max_observations))):
            indicator = draw(st.sampled_from(_FREE_INDICATORS))
            period = draw(st.none() | dates())
            if period is not None and draw(st.booleans()):
                period = f"{period[:4]}/{int(period[:4]) + draw(st.integers(0, 5)):04d}"
            observations.append(
                Observation(
                    f"ob{i}.{draw(_id_tail)}",
                    draw(st.sampled_from(nodes)).id,
                    indicator,
                    draw(_indicator_value(indicator)),
                    period,
                    draw(st.none() | _text),
                    draw(_attributes(_OTHER_KEYS)),
                )
            )

    decisions: list[Decision] = []
    if orgs:
        for i in range(draw(st.integers(0, max_decisions))):
            threshold = (
                Fraction(draw(st.integers(1, 4)), 4) if draw(st.booleans()) else Fraction(2, 3)
            )
            quorum = draw(
                st.none() | st.sampled_from([Fraction(1, 2), Fraction(2, 3), Fraction(1)])
            )
            rule = VotingRule(
                threshold,
                draw(st.sampled_from(["members", "present", "cast"])),
                draw(st.booleans()),
                quorum,
                draw(st.booleans()),
            )
            voters = (
                draw(st.lists(st.sampled_from(people), unique_by=lambda p: p.id, max_size=4))
                if people
                else []
            )
            count = draw(st.none() | _tally(True))
            if count is not None and count.members is not None and count.members < len(voters):
                count = attrs.evolve(count, members=None)
            votes = tuple(
                Vote(
                    p.id,
                    draw(st.sampled_from(["yes", "no", "abstain"])),
                    draw(st.none() | st.floats(0, 500, allow_nan=False)),
                    draw(st.none() | st.sampled_from([q.id for q in people if q.id != p.id]))
                    if len(people) > 1
                    else None,
                )
                for p in voters
            )
            decisions.append(
                Decision(
                    f"d{i}.{draw(_id_tail)}",
                    draw(st.sampled_from(orgs)).id,
                    draw(_text),
                    rule,
                    draw(st.none() | dates()),
                    count,
                    draw(st.none() | _tally(False)),
                    votes,
                    draw(st.none() | st.sampled_from(["passed", "failed"])),
                    draw(_attributes(_OTHER_KEYS)),
                    draw(st.none() | st.sampled_from(MATTERS)),
                )
            )

    vocabulary: tuple[Term, ...] = ()
    if draw(st.booleans()):
        vocabulary = (
            Term("unit_kinds", "super_compound", "super compound", "超大小区", rank=6),
            Term("indicators", "parking_spaces", "parking spaces", "车位数", type="count"),
        )
    metadata = Metadata(
        name=draw(_text),
        title=draw(_text),
        model=tuple(
            draw(
                st.lists(
                    st.sampled_from(["tripartite", "grid", "council"]), max_size=2, unique=True
                )
            )
        ),
        source=tuple(draw(st.lists(_text, max_size=2))),
        synthetic=draw(st.booleans()),
        seed=draw(st.none() | st.integers(0, 2**31)),
    )
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        ties=ties,
        observations=observations,
        decisions=decisions,
        vocabulary=vocabulary,
        metadata=metadata,
    )


# -- planted problems -----------------------------------------------------------------------

Planter = Callable[[Any, Structure], tuple[Structure, str]]


def _append(s: Structure, section: str, *items: Any) -> tuple[Structure, int]:
    current = getattr(s, section)
    changes: dict[str, Any] = {section: (*current, *items)}
    return attrs.evolve(s, **changes), len(current)


def _plant_duplicate_id(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, _ = _append(s, "people", Person("dup-person"))
    s, i = _append(s, "people", Person("dup-person"))
    return s, f"$.people[{i}].id"


def _plant_dangling(draw: Any, s: Structure) -> tuple[Structure, str]:
    which = draw(st.sampled_from(["parent", "formed_from", "replaced_by", "ballot", "proxy"]))
    if which == "proxy":
        s, _ = _append(s, "people", Person("planted-voter"))
        s, _ = _append(s, "organizations", Organization("planted-council", "community_council"))
        proxied = (Vote("planted-voter", "yes", proxy="no-such-person"),)
        s, i = _append(s, "decisions", Decision("planted-proxy", "planted-council", votes=proxied))
        return s, f"$.decisions[{i}].votes[0].proxy"
    if which == "formed_from":
        s, i = _append(s, "units", Unit("planted-new", "community", formed_from=("no-such-unit",)))
        return s, f"$.units[{i}].formed_from[0]"
    if which == "replaced_by":
        s, i = _append(
            s, "organizations", Organization("planted-old", "owners_committee", replaced_by="gone")
        )
        return s, f"$.organizations[{i}].replaced_by"
    if which == "ballot":
        # a roster (an 'owns' tie) and a vote in the owners' assembly from someone owning nothing
        s, _ = _append(s, "units", Unit("planted-flat", "household"))
        s, _ = _append(s, "people", Person("planted-owner"), Person("planted-tenant"))
        s, _ = _append(s, "ties", Tie("planted-owns", "planted-owner", "planted-flat", "owns"))
        s, _ = _append(s, "organizations", Organization("planted-oa", "owners_assembly"))
        votes = (Vote("planted-owner", "yes"), Vote("planted-tenant", "yes"))
        s, i = _append(s, "decisions", Decision("planted-vote", "planted-oa", votes=votes))
        return s, f"$.decisions[{i}].votes[1].person"
    s, i = _append(s, "units", Unit("planted-orphan", "compound", parent="no-such-unit"))
    return s, f"$.units[{i}].parent"


def _plant_containment_cycle(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, i = _append(
        s, "units", Unit("cyc-a", "grid", parent="cyc-b"), Unit("cyc-b", "grid", parent="cyc-a")
    )
    return s, f"$.units[{i}].parent"


def _plant_leadership_cycle(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, i = _append(
        s,
        "organizations",
        Organization("lc-a", "party_branch", parent="lc-b"),
        Organization("lc-b", "party_branch", parent="lc-a"),
    )
    return s, f"$.organizations[{i}].parent"


def _plant_invalid_containment(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, _ = _append(s, "units", Unit("ic-building", "building"))
    s, i = _append(s, "units", Unit("ic-community", "community", parent="ic-building"))
    return s, f"$.units[{i}].parent"


def _plant_end_before_start(draw: Any, s: Structure) -> tuple[Structure, str]:
    start = draw(st.integers(1950, 2030))
    end = start - draw(st.integers(1, 10))
    where = draw(st.sampled_from(["posts", "units", "organizations"]))
    if where == "units":
        s, i = _append(s, "units", Unit("ebs-u", "community", start=str(start), end=str(end)))
        return s, f"$.units[{i}].end"
    if where == "organizations":
        s, i = _append(
            s,
            "organizations",
            Organization("ebs-o", "owners_committee", start=str(start), end=str(end)),
        )
        return s, f"$.organizations[{i}].end"
    s, _ = _append(s, "people", Person("ebs-p"))
    s, _ = _append(s, "organizations", Organization("ebs-o", "owners_committee"))
    s, i = _append(s, "posts", Post("ebs-post", "ebs-p", "ebs-o", "chair", str(start), str(end)))
    return s, f"$.posts[{i}].end"


def _plant_invalid_date(draw: Any, s: Structure) -> tuple[Structure, str]:
    bad = draw(
        st.sampled_from(
            ["2020-13", "2021-02-30", "20-01-01", "2020/01/01", "yesterday", "", "２０２１-05"]
        )
    )
    if draw(st.booleans()):
        org = Organization("id-term", "residents_committee", term_start=bad, term_years=5)
        s, i = _append(s, "organizations", org)
        return s, f"$.organizations[{i}].term_start"
    if draw(st.booleans()):
        s, i = _append(s, "units", Unit("id-u", "community", start=bad))
        return s, f"$.units[{i}].start"
    s, _ = _append(s, "people", Person("id-p"))
    s, _ = _append(s, "organizations", Organization("id-o", "owners_committee"))
    s, i = _append(s, "posts", Post("id-post", "id-p", "id-o", "chair", bad))
    return s, f"$.posts[{i}].start"


def _plant_negative_count(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, _ = _append(s, "units", Unit("nc-unit", "compound"))
    value = -draw(st.integers(1, 10**6))
    s, i = _append(s, "observations", Observation("nc-ob", "nc-unit", "households", value))
    return s, f"$.observations[{i}].value"


def _plant_count_exceeds_total(draw: Any, s: Structure) -> tuple[Structure, str]:
    whole = draw(st.integers(0, 1000))
    part = whole + draw(st.integers(1, 1000))
    s, _ = _append(s, "units", Unit("ce-unit", "community"))
    s, _ = _append(
        s, "observations", Observation("ce-whole", "ce-unit", "issues_collected", whole, "2023")
    )
    s, i = _append(
        s, "observations", Observation("ce-part", "ce-unit", "issues_resolved", part, "2023")
    )
    return s, f"$.observations[{i}].value"


def _plant_rate_out_of_range(draw: Any, s: Structure) -> tuple[Structure, str]:
    value = draw(st.floats(1.0001, 1e6) | st.floats(-1e6, -0.0001))
    s, _ = _append(s, "units", Unit("ro-unit", "compound"))
    s, i = _append(s, "observations", Observation("ro-ob", "ro-unit", "fee_collection_rate", value))
    return s, f"$.observations[{i}].value"


def _plant_votes_exceed_members(draw: Any, s: Structure) -> tuple[Structure, str]:
    members = draw(st.integers(1, 100))
    yes = members + draw(st.integers(1, 50))
    s, _ = _append(s, "organizations", Organization("vm-council", "community_council"))
    s, i = _append(
        s, "decisions", Decision("vm-d", "vm-council", count=Tally(members=members, yes=yes))
    )
    return s, f"$.decisions[{i}].count.members"


def _plant_unknown_term(draw: Any, s: Structure) -> tuple[Structure, str]:
    if draw(st.booleans()):
        matter = draw(st.sampled_from(["rebuilding", "raise_funds", "picnic", ""]))
        s, _ = _append(s, "organizations", Organization("ut-oa", "owners_assembly"))
        s, i = _append(s, "decisions", Decision("ut-d", "ut-oa", matter=matter))
        return s, f"$.decisions[{i}].matter"
    if draw(st.booleans()):
        mobility = draw(st.sampled_from(["floating", "moble", ""]))
        s, i = _append(s, "people", Person("ut-p", party="probationary", mobility=mobility))
        return s, f"$.people[{i}].mobility"
    kind = draw(st.sampled_from(["compund", "comunity", "bulding", "not_a_kind"]))
    s, i = _append(s, "units", Unit("ut-unit", kind))
    return s, f"$.units[{i}].kind"


def _plant_wrong_reference_kind(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, _ = _append(s, "units", Unit("wr-unit", "compound"))
    s, _ = _append(s, "organizations", Organization("wr-org", "owners_committee"))
    s, i = _append(s, "posts", Post("wr-post", "wr-unit", "wr-org", "chair"))
    return s, f"$.posts[{i}].person"


def _plant_reserved_attribute(draw: Any, s: Structure) -> tuple[Structure, str]:
    key = draw(st.sampled_from(["kind", "entity", "name", "level", "rule_basis"]))
    s, i = _append(s, "units", Unit("ra-unit", "compound", attributes={key: "x"}))
    return s, f"$.units[{i}].attributes.{key}"


def _plant_duplicate_vote(draw: Any, s: Structure) -> tuple[Structure, str]:
    s, _ = _append(s, "people", Person("dv-p"))
    s, _ = _append(s, "organizations", Organization("dv-o", "owners_assembly"))
    votes = (Vote("dv-p", "yes"), Vote("dv-p", "no"))
    s, i = _append(s, "decisions", Decision("dv-d", "dv-o", votes=votes))
    return s, f"$.decisions[{i}].votes[1].person"


def _plant_invalid_string(draw: Any, s: Structure) -> tuple[Structure, str]:
    text = draw(_text) + chr(draw(st.integers(0xD800, 0xDFFF))) + draw(_text)
    where = draw(st.sampled_from(["name", "attribute", "motion", "metadata"]))
    if where == "name":
        s, i = _append(s, "units", Unit("is-unit", "compound", text))
        return s, f"$.units[{i}].name"
    if where == "attribute":
        s, i = _append(s, "people", Person("is-p", attributes={"note": text}))
        return s, f"$.people[{i}].attributes.note"
    if where == "motion":
        s, _ = _append(s, "organizations", Organization("is-o", "owners_assembly"))
        s, i = _append(s, "decisions", Decision("is-d", "is-o", text))
        return s, f"$.decisions[{i}].motion"
    return attrs.evolve(s, metadata=attrs.evolve(s.metadata, title=text)), "$.metadata.title"


def _plant_non_finite_number(draw: Any, s: Structure) -> tuple[Structure, str]:
    value = draw(st.sampled_from([math.inf, -math.inf, math.nan]))
    s, _ = _append(s, "people", Person("nf-p"))
    s, _ = _append(s, "organizations", Organization("nf-o", "owners_assembly"))
    if draw(st.booleans()):
        d = Decision("nf-d", "nf-o", area=Tally(members=value))
        s, i = _append(s, "decisions", d)
        return s, f"$.decisions[{i}].area.members"
    s, i = _append(s, "decisions", Decision("nf-d", "nf-o", votes=(Vote("nf-p", "yes", value),)))
    return s, f"$.decisions[{i}].votes[0].area"


def _plant_invalid_value(draw: Any, s: Structure) -> tuple[Structure, str]:
    which = draw(st.sampled_from(["self_proxy", "mobility", "term_attribute", "contradiction"]))
    if which == "self_proxy":
        s, _ = _append(s, "people", Person("iv-p"))
        s, _ = _append(s, "organizations", Organization("iv-o", "owners_assembly"))
        d = Decision("iv-d", "iv-o", votes=(Vote("iv-p", "yes", proxy="iv-p"),))
        s, i = _append(s, "decisions", d)
        return s, f"$.decisions[{i}].votes[0].proxy"
    if which == "mobility":
        # a mobility without a party status, or contradicting the old status 'mobile'
        party = draw(st.sampled_from([None, "mobile"]))
        s, i = _append(s, "people", Person("iv-p", party=party, mobility="normal"))
        return s, f"$.people[{i}].mobility"
    if which == "term_attribute":
        s, i = _append(s, "units", Unit("iv-u", "compound", attributes={"term_years": 5}))
        return s, f"$.units[{i}].attributes.term_years"
    org = Organization(
        "iv-o", "owners_committee", term_start="2021-05", attributes={"term_start": "2020"}
    )
    s, i = _append(s, "organizations", org)
    return s, f"$.organizations[{i}].attributes.term_start"


def _plant_term_without_start(draw: Any, s: Structure) -> tuple[Structure, str]:
    years = draw(st.integers(1, 10))
    s, i = _append(s, "organizations", Organization("tw-o", "owners_committee", term_years=years))
    return s, f"$.organizations[{i}].term_start"


def _plant_number_out_of_range(draw: Any, s: Structure) -> tuple[Structure, str]:
    years = draw(st.integers(-5, 0) | st.integers(11, 1000))
    org = Organization("nr-o", "residents_committee", term_start="2021", term_years=years)
    s, i = _append(s, "organizations", org)
    return s, f"$.organizations[{i}].term_years"


def _plant_wrong_type(draw: Any, s: Structure) -> tuple[Structure, str]:
    # Values outside the closed sets, as a graph file or a hand-built object may hold them.
    bad = draw(st.sampled_from(["maybe", "", "Yes", "all"]))
    field = draw(st.sampled_from(["choice", "basis", "outcome"]))
    s, _ = _append(s, "people", Person("wt-p"))
    s, _ = _append(s, "organizations", Organization("wt-o", "owners_assembly"))
    if field == "choice":
        d = Decision("wt-d", "wt-o", votes=(Vote("wt-p", bad),))
        path = "votes[0].choice"
    elif field == "basis":
        d = Decision("wt-d", "wt-o", rule=VotingRule(basis=bad))
        path = "rule.basis"
    else:
        d = Decision("wt-d", "wt-o", outcome=bad)
        path = "outcome"
    s, i = _append(s, "decisions", d)
    return s, f"$.decisions[{i}].{path}"


_PLANTERS: dict[str, Planter] = {
    "duplicate-id": _plant_duplicate_id,
    "dangling-reference": _plant_dangling,
    "containment-cycle": _plant_containment_cycle,
    "leadership-cycle": _plant_leadership_cycle,
    "invalid-containment": _plant_invalid_containment,
    "end-before-start": _plant_end_before_start,
    "invalid-date": _plant_invalid_date,
    "negative-count": _plant_negative_count,
    "count-exceeds-total": _plant_count_exceeds_total,
    "rate-out-of-range": _plant_rate_out_of_range,
    "votes-exceed-members": _plant_votes_exceed_members,
    "unknown-term": _plant_unknown_term,
    "wrong-reference-kind": _plant_wrong_reference_kind,
    "reserved-attribute": _plant_reserved_attribute,
    "duplicate-vote": _plant_duplicate_vote,
    "invalid-string": _plant_invalid_string,
    "non-finite-number": _plant_non_finite_number,
    "wrong-type": _plant_wrong_type,
    "invalid-value": _plant_invalid_value,
    "missing-field": _plant_term_without_start,
    "number-out-of-range": _plant_number_out_of_range,
}

#: The problem codes :func:`planted` can plant into a structure.
PLANTABLE_CODES: tuple[str, ...] = tuple(_PLANTERS)


@st.composite  # type: ignore[untyped-decorator]
def planted(draw: Any, code: str, base: Any = None) -> tuple[Structure, str]:
    """A structure carrying one planted problem of ``code``, and the path it must be reported at.

    Parameters
    ----------
    code
        One of :data:`PLANTABLE_CODES`.
    base
        The strategy of the valid structure to plant into (default :func:`structures`).
    """
    if code not in _PLANTERS:
        raise ValueError(f"cannot plant {code!r}; plantable codes: {', '.join(PLANTABLE_CODES)}")
    s = draw(
        base if base is not None else structures(max_units=5, max_organizations=4, max_people=4)
    )
    return _PLANTERS[code](draw, s)


# -- documents -----------------------------------------------------------------------------


@st.composite  # type: ignore[untyped-decorator]
def documents(draw: Any, **kwargs: int) -> dict[str, Any]:
    """The parsed JSON data of valid files (see :func:`govmodel.io.native.to_data`)."""
    from govmodel.io.native import to_data

    return to_data(draw(structures(**kwargs)))


def _doc_planters() -> dict[str, Callable[[Any, dict[str, Any]], tuple[dict[str, Any], str]]]:
    def wrong_type(draw: Any, d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        d.setdefault("units", []).append(
            {
                "id": "wt",
                "kind": "compound",
                "name": draw(st.integers() | st.booleans() | st.lists(st.integers(), max_size=2)),
            }
        )
        return d, f"$.units[{len(d['units']) - 1}].name"

    def unknown_field(draw: Any, d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        d.setdefault("people", []).append({"id": "uf", "nmae": "x"})
        return d, f"$.people[{len(d['people']) - 1}].nmae"

    def missing_field(draw: Any, d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        d.setdefault("units", []).append({"id": "mf"})
        return d, f"$.units[{len(d['units']) - 1}].kind"

    def unknown_version(draw: Any, d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        d["format_version"] = draw(st.integers(2, 99) | st.just("1") | st.just(0) | st.just(1.5))
        return d, "$.format_version"

    def missing_version(draw: Any, d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        del d["format_version"]
        return d, "$.format_version"

    def non_finite(draw: Any, d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        value = draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
        d.setdefault("units", []).append(
            {"id": "nf", "kind": "compound", "attributes": {"score": value}}
        )
        return d, f"$.units[{len(d['units']) - 1}].attributes.score"

    return {
        "wrong-type": wrong_type,
        "unknown-field": unknown_field,
        "missing-field": missing_field,
        "unknown-version": unknown_version,
        "missing-version": missing_version,
        "non-finite-number": non_finite,
    }


#: The problem codes :func:`planted_documents` can plant into a file's data.
DOCUMENT_CODES: tuple[str, ...] = tuple(_doc_planters())


@st.composite  # type: ignore[untyped-decorator]
def planted_documents(draw: Any, code: str) -> tuple[dict[str, Any], str]:
    """A file's parsed data with one problem of ``code``, and the path it must be reported at."""
    planters = _doc_planters()
    if code not in planters:
        raise ValueError(f"cannot plant {code!r}; codes: {', '.join(DOCUMENT_CODES)}")
    d = copy.deepcopy(draw(documents(max_units=4, max_organizations=3, max_people=3)))
    return planters[code](draw, d)

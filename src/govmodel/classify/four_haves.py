"""The "four haves" (四有) of a compound: someone in charge, a place to deliberate, rules to
act by and money to act with (000)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import attrs
import networkx as nx

from govmodel.classify.base import (
    ClassDef,
    Classifier,
    GraphIndex,
    Label,
    Reason,
    _str_set,
    _truthy,
)
from govmodel.spec import Scalar

__all__ = ["FOUR_HAVES", "FourHaves", "four_haves"]


#: The four items: key, English and Chinese names, and the attributes that declare them.
FOUR_HAVES: tuple[tuple[str, str, str], ...] = (
    ("person_in_charge", "someone in charge", "有人管事"),
    ("venue", "a place to deliberate", "有场所议事"),
    ("rules", "rules to act by", "有章理事"),
    ("funds", "money to act with", "有钱办事"),
)

_DECLARED: dict[str, tuple[str, ...]] = {
    "person_in_charge": ("has_person_in_charge",),
    "venue": ("has_venue",),
    "rules": ("has_rules", "has_charter"),
    "funds": ("has_funds",),
}

_COUNT_NAMES = (
    ("0/4", "none of the four haves", "四有皆无"),
    ("1/4", "one of the four haves", "四有仅一"),
    ("2/4", "two of the four haves", "四有有二"),
    ("3/4", "three of the four haves", "四有有三"),
    ("4/4", "all four haves", "四有齐全"),
)


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


@attrs.frozen
class FourHaves(Classifier):
    """How many of the "four haves" (四有) a compound has, item by item.

    The compound's *bodies* are the organizations located in the compound or a unit inside
    it, and those with a tie to the compound or a unit inside it (the community's residents'
    committee counts only through such a tie). Each item is decided by the first rule that
    applies; every item gets a reason, present or absent.

    1. Someone in charge (有人管事, ``person_in_charge``): ``declared`` (the compound's
       ``has_person_in_charge`` attribute, true or false); else ``head-post`` (a body with a
       post whose role heads it: ``secretary``, ``chair``, ``manager``, or a declared role
       with ``head``); else ``responsible-person`` (a person with a ``responsible_for`` tie
       to the compound); else ``no-one-in-charge``.
    2. A place to deliberate (有场所议事, ``venue``): ``declared`` (``has_venue``); else
       ``venue-area`` (``venue_area_m2`` > 0 on the compound); else ``service-station`` (a
       body of kind ``service_station``, a party-mass service station); else
       ``venue-observation`` (an observation ``station_area_m2`` > 0 of the compound or a
       body); else ``shares-venue`` (a ``shares_venue`` tie of a body); else ``no-venue``.
    3. Rules to act by (有章理事, ``rules``): ``declared`` (``has_rules`` or
       ``has_charter``); else ``body-charter`` (a body with ``has_charter`` or ``has_rules``
       true); else ``decision-rule`` (a body took a recorded decision, which carries its
       voting rule); else ``no-rules``.
    4. Money to act with (有钱办事, ``funds``): ``declared`` (``has_funds``); else
       ``funds-observation`` (an observation of the compound or a body whose indicator is one
       of ``fund_indicators`` with a value > 0); else ``no-funds``.

    The value is the count, ``"0/4"`` to ``"4/4"`` (ranked 0 to 4).

    Parameters
    ----------
    fund_indicators
        Indicators whose positive value shows money to act with.

    Notes
    -----
    ``details``: one bool per item (``person_in_charge``, ``venue``, ``rules``, ``funds``),
    ``count`` (0–4), ``present`` and ``missing`` (item keys, comma-separated).

    Complexity: :math:`O(n + m)` for the index, then linear in the compound's subtree and
    the posts, ties, observations and decisions of its bodies.

    References
    ----------
    Xihu district, Nanchang (000): every compound to have the "four haves" (四有): 有人管事,
    有场所议事, 有章理事, 有钱办事.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import four_haves
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", has_venue=True)
    >>> G.add_node("oc", entity="organization", kind="owners_committee", has_charter=True)
    >>> _ = G.add_edge("oc", "x1", key="located_in", relation="located_in")
    >>> G.add_node("p1", entity="person")
    >>> _ = G.add_edge("p1", "oc", key="s1", relation="post", role="chair")
    >>> lab = four_haves(G)["x1"]
    >>> lab.value, lab.zh, lab.details["missing"]
    ('3/4', '四有有三', 'funds')
    >>> [r.rule for r in lab.reasons]
    ['head-post', 'declared', 'body-charter', 'no-funds']
    """

    name: ClassVar[str] = "four_haves"
    en: ClassVar[str] = "four haves"
    zh: ClassVar[str] = "四有"
    reference: ClassVar[str] = "Xihu district, Nanchang (000): the four haves of every compound"
    classes: ClassVar[tuple[ClassDef, ...]] = tuple(
        ClassDef(v, en, zh, f"{k} of the four haves present.", k)
        for k, (v, en, zh) in enumerate(_COUNT_NAMES)
    )

    fund_indicators: frozenset[str] = attrs.field(
        default=frozenset({"budget_yuan", "funds_yuan", "maintenance_fund_yuan"}),
        converter=_str_set,
    )

    def classify_in(self, index: GraphIndex, subject: str) -> Label:
        data = index.units[subject]
        units = index.subtree(subject)
        bodies: list[str] = []
        seen: set[str] = set()
        for u in units:
            for o in index.orgs_at.get(u, ()):
                if o not in seen:
                    seen.add(o)
                    bodies.append(o)
            for o, _ in index.unit_ties.get(u, ()):
                if o in index.organizations and o not in seen:
                    seen.add(o)
                    bodies.append(o)

        deciders: dict[str, Callable[[], Reason | None]] = {
            "person_in_charge": lambda: self._in_charge(index, subject, units, bodies),
            "venue": lambda: self._venue(index, subject, bodies),
            "rules": lambda: self._rules(index, bodies),
            "funds": lambda: self._funds(index, subject, bodies),
        }
        absent = {
            "person_in_charge": (
                "no-one-in-charge",
                "no body has a head and no one is responsible",
            ),
            "venue": ("no-venue", "no venue, service station or shared venue is recorded"),
            "rules": ("no-rules", "no charter, rules or recorded decision is found"),
            "funds": ("no-funds", "no funds are declared or observed"),
        }
        reasons: list[Reason] = []
        have: dict[str, bool] = {}
        for key, en, zh in FOUR_HAVES:
            declared = [a for a in _DECLARED[key] if a in data]
            if declared:
                yes = any(_truthy(data[a]) for a in declared)
                reasons.append(
                    Reason(
                        "declared",
                        f"{en} ({zh}): declared {'present' if yes else 'absent'} by "
                        + ", ".join(f"{a}={data[a]!r}" for a in declared),
                        {"item": key, **{a: data[a] for a in declared}},
                    )
                )
                have[key] = yes
                continue
            why = deciders[key]()
            if why is None:
                rule, text = absent[key]
                why = Reason(rule, f"{en} ({zh}): {text}", {"item": key})
                have[key] = False
            else:
                have[key] = True
            reasons.append(why)
        count = sum(have.values())
        details: dict[str, Scalar] = dict(have)
        details.update(
            count=count,
            present=",".join(k for k, _, _ in FOUR_HAVES if have[k]),
            missing=",".join(k for k, _, _ in FOUR_HAVES if not have[k]),
        )
        return self.label(subject, f"{count}/4", reasons, details)

    # -- the items ------------------------------------------------------------------------------
    @staticmethod
    def _in_charge(
        index: GraphIndex, subject: str, units: list[str], bodies: list[str]
    ) -> Reason | None:
        for o in bodies:
            for person, role in index.heads(o):
                return Reason(
                    "head-post",
                    f"someone in charge (有人管事): {person!r} is {role} of {o!r}",
                    {"item": "person_in_charge", "organization": o, "person": person, "role": role},
                )
        for u in units:
            for source, rel in index.unit_ties.get(u, ()):
                if rel == "responsible_for" and source in index.people:
                    return Reason(
                        "responsible-person",
                        f"someone in charge (有人管事): {source!r} is responsible for {u!r}",
                        {"item": "person_in_charge", "person": source, "unit": u},
                    )
        return None

    @staticmethod
    def _venue(index: GraphIndex, subject: str, bodies: list[str]) -> Reason | None:
        area = index.units[subject].get("venue_area_m2")
        if _positive(area):
            assert area is not None
            return Reason(
                "venue-area",
                f"a place to deliberate (有场所议事): a venue of {area} m²",
                {"item": "venue", "venue_area_m2": area},
            )
        for o in bodies:
            if index.kind(o) == "service_station":
                return Reason(
                    "service-station",
                    f"a place to deliberate (有场所议事): service station {o!r}",
                    {"item": "venue", "organization": o},
                )
        for s in (subject, *bodies):
            for indicator, value in index.observed.get(s, ()):
                if indicator == "station_area_m2" and _positive(value):
                    return Reason(
                        "venue-observation",
                        f"a place to deliberate (有场所议事): {s!r} has a station of {value} m²",
                        {"item": "venue", "subject": s, "station_area_m2": value},
                    )
        for o in bodies:
            for other, rel, _ in index.org_ties.get(o, ()):
                if rel == "shares_venue":
                    return Reason(
                        "shares-venue",
                        f"a place to deliberate (有场所议事): {o!r} shares a venue with {other!r}",
                        {"item": "venue", "organization": o, "partner": other},
                    )
        return None

    @staticmethod
    def _rules(index: GraphIndex, bodies: list[str]) -> Reason | None:
        for o in bodies:
            attrs_ = index.organizations[o]
            for a in ("has_charter", "has_rules"):
                if _truthy(attrs_.get(a)):
                    return Reason(
                        "body-charter",
                        f"rules to act by (有章理事): {o!r} has {a.removeprefix('has_')}",
                        {"item": "rules", "organization": o, a: True},
                    )
        for o in bodies:
            decisions = index.decided.get(o, ())
            if decisions:
                d = decisions[0]
                threshold = index.decisions.get(d, {}).get("rule_threshold", "")
                return Reason(
                    "decision-rule",
                    f"rules to act by (有章理事): {o!r} decided {d!r} under a voting rule"
                    + (f" ({threshold})" if threshold else ""),
                    {"item": "rules", "organization": o, "decision": d},
                )
        return None

    def _funds(self, index: GraphIndex, subject: str, bodies: list[str]) -> Reason | None:
        for s in (subject, *bodies):
            for indicator, value in index.observed.get(s, ()):
                if indicator in self.fund_indicators and _positive(value):
                    return Reason(
                        "funds-observation",
                        f"money to act with (有钱办事): {indicator} of {s!r} is {value}",
                        {"item": "funds", "subject": s, "indicator": indicator, "value": value},
                    )
        return None


def four_haves(
    G: nx.MultiDiGraph,
    *,
    fund_indicators: frozenset[str] = frozenset(
        {"budget_yuan", "funds_yuan", "maintenance_fund_yuan"}
    ),
) -> dict[str, Label]:
    """The four haves of every compound of ``G`` (see :class:`FourHaves`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import four_haves
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", has_funds=True)
    >>> lab = four_haves(G)["x1"]
    >>> lab.value, lab.details["funds"], lab.details["venue"]
    ('1/4', True, False)

    >>> import govmodel
    >>> G = govmodel.to_graph(govmodel.datasets.load("xihu"))
    >>> sorted({lab.value for lab in four_haves(G).values()})
    ['3/4', '4/4']
    """
    return FourHaves(fund_indicators=fund_indicators).classify_all(G)

"""The property-management mode of a compound: professional company, owners, original work
unit, community fallback (quasi-property) or none (000, 004)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Literal

import attrs

from govmodel._convert import plain
from govmodel.classify.base import (
    ClassDef,
    Classifier,
    Label,
    Reason,
    Source,
    _cached,
    _reason,
    _says_nothing,
    _truthy,
    _value,
    region,
)
from govmodel.index import StructureIndex
from govmodel.spec import Organization, Scalar
from govmodel.vocab import BUILTIN

__all__ = ["MANAGER_KINDS", "ManagementMode", "management_mode"]

_MODES = ("professional", "self_managed", "work_unit", "quasi_property", "none")

#: The mode an organization of each kind brings when it manages a compound; a kind not
#: listed brings ``quasi_property`` (a community body or volunteers stepping in).
MANAGER_KINDS: dict[str, str] = {
    "property_company": "professional",
    "social_enterprise": "professional",
    "owners_committee": "self_managed",
    "owners_assembly": "self_managed",
    "stationed_unit": "work_unit",
}

# The mode chosen when several managers are found: the first of this order.
_PRECEDENCE = ("professional", "work_unit", "self_managed", "quasi_property")


def _mode_class(value: str, description: str) -> ClassDef:
    t = BUILTIN.term("management_modes", value)
    return ClassDef(value, t.en, t.zh, description)


@attrs.frozen
class ManagementMode(Classifier):
    """How a compound's property is managed: the categories of Yuetang's ledger (004) and
    Xihu's quasi-property compounds (000).

    Rules, in order:

    1. ``management-attribute``: the compound's ``management`` attribute, a term of the
       ``management_modes`` vocabulary (``professional``, ``self_managed``, ``work_unit``,
       ``quasi_property``, ``none``), is the mode (``details["basis"] = "declared"``).
       Another value is noted (``management-unrecognised``) and the next rules are tried.
    2. The compound's managers are found (``basis = "derived"``), each with a reason:

       - ``manages-tie``: an organization with a ``manages`` tie to the compound or to a
         unit inside it;
       - ``owners-contract``: a property company with a ``contracts`` tie (either way) to an
         owners' committee or assembly located in the compound;
       - ``property-company-located``: a property company located in the compound (or a unit
         inside it) that has no ``manages`` tie anywhere (explicit ties outrank location).

       Each manager brings a mode: a property company or social enterprise →
       ``professional``; an owners' committee or assembly → ``self_managed``; the original
       work unit (an organization with attribute ``work_unit`` true, whose id or name is the
       compound's ``former_work_unit``, or of kind ``stationed_unit``) → ``work_unit``; any
       other body (residents' committee, party organization, work station, social
       organization, …) → ``quasi_property``, the community's fallback (社区兜底). With
       several managers the first mode of professional, work unit, self-managed,
       quasi-property wins.
    3. ``no-manager``: no manager is recorded → ``none`` (or ``unknown`` when
       ``missing="unknown"``, for data where absence of a record is not absence of a manager).

    Parameters
    ----------
    missing : {"none", "unknown"}
        The class of a compound with no recorded manager.

    Raises
    ------
    ValueError
        If ``missing`` is neither ``"none"`` nor ``"unknown"``.

    Notes
    -----
    ``details``: ``basis`` (``declared``, ``derived`` or ``none``); for derived labels,
    ``manager`` (the id of the deciding organization) and ``managers`` (every manager's id,
    comma-separated).

    Reads the compound's attributes, its region (:func:`~govmodel.classify.region`:
    the compound and the units inside it), the organizations located there and the ties
    into those units and of its owners' bodies. Complexity: linear in the size of the
    region and of its organizations' ties, so linear in the structure for every compound.

    References
    ----------
    Yuetang district, Xiangtan (004): 565 compounds in a ledger of four categories by
    property-management mode, 100 % under management. Xihu district, Nanchang (000):
    compounds without management become quasi-property compounds (准物业服务小区).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import management_mode
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> G.add_node("x2", entity="unit", kind="compound")
    >>> G.add_node("pc", entity="organization", kind="property_company")
    >>> G.add_node("rc", entity="organization", kind="residents_committee")
    >>> _ = G.add_edge("pc", "x1", key="t1", relation="manages")
    >>> _ = G.add_edge("rc", "x2", key="t2", relation="manages")
    >>> labels = management_mode(G)
    >>> labels["x1"].value, labels["x2"].value, labels["x2"].zh
    ('professional', 'quasi_property', '准物业/社区兜底')
    >>> labels["x2"].reasons[0].rule, labels["x2"].details["manager"]
    ('manages-tie', 'rc')
    """

    name: ClassVar[str] = "management_mode"
    en: ClassVar[str] = "property-management mode"
    zh: ClassVar[str] = "物业管理模式"
    reference: ClassVar[str] = (
        "Yuetang district, Xiangtan (004): ledger by property-management mode; "
        "Xihu district, Nanchang (000): quasi-property compounds"
    )
    classes: ClassVar[tuple[ClassDef, ...]] = (
        _mode_class("professional", "A property-service company (or social enterprise) manages."),
        _mode_class("self_managed", "The owners manage, through their committee or assembly."),
        _mode_class("work_unit", "The work unit that built the compound still manages it."),
        _mode_class(
            "quasi_property",
            "The community steps in with basic services (residents' committee, party, volunteers).",
        ),
        _mode_class("none", "No one manages the compound."),
        ClassDef("unknown", "mode unknown", "模式不明", "No manager is recorded."),
    )

    missing: Literal["none", "unknown"] = attrs.field(
        default="none", converter=plain, validator=attrs.validators.in_(("none", "unknown"))
    )

    def _mode_of(self, org: Organization, former: Scalar | None) -> str:
        # an empty (or blank) former_work_unit names no work unit: an unnamed manager's
        # name is "" too
        if isinstance(former, str) and not former.strip():
            former = None
        if _truthy(_value(org, "work_unit")) or (
            former is not None and former not in (True, False) and former in (org.id, org.name)
        ):
            return "work_unit"
        return MANAGER_KINDS.get(org.kind, "quasi_property")

    def _labeller(self, ix: StructureIndex) -> Callable[[str], Label]:
        if not self._defines_labels(ManagementMode):
            return super()._labeller(ix)
        # a compound whose management attribute is a mode has the label of the mode (shared):
        # read with the lookups bound once; any other compound as classify_in reads it
        shared, again, classify_in = self._shared(ix), self._again, self.classify_in
        units, codes, n_units = ix.units, ix.codes, ix.n_units

        def label(subject: str) -> Label:
            code = codes.get(subject, n_units)
            if code < n_units:
                declared = units[code].attributes.get("management")
                if type(declared) is str:
                    got = shared.get(declared)
                    if got is not None:
                        return again(got, subject)
            return classify_in(ix, subject)

        return label

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        unit = ix.unit(subject)
        assert unit is not None
        notes: list[Reason] = []
        declared = _value(unit, "management")
        if declared is not None and not _says_nothing(declared):  # NaN, "": not noted
            if type(declared) is str and declared in _MODES:
                # decided by the attribute alone: one label a mode, shared
                shared = self._shared(ix)
                got = shared.get(declared)
                if got is None:
                    why = _reason(
                        "management-attribute",
                        f"the compound's management attribute is {declared!r}",
                        {"management": declared},
                    )
                    got = shared[declared] = self.label(
                        subject, declared, [why], {"basis": "declared"}
                    )
                return self._again(got, subject)
            notes.append(
                _reason(
                    "management-unrecognised",
                    f"management {declared!r} is not a known mode; managers looked for",
                    {"management": declared},
                )
            )

        former = _value(unit, "former_work_unit")
        units = region(ix, subject)
        found: dict[str, Reason] = {}
        managers: dict[str, Organization] = {}
        for u in units:
            for source in ix.sources(u, "manages"):
                org = ix.organization(source)
                if org is not None and source not in found:
                    managers[source] = org
                    found[source] = _reason(
                        "manages-tie",
                        f"{org.kind or 'organization'} {source!r} manages {u!r}",
                        {"manager": source, "kind": org.kind, "unit": u},
                    )
        ties = ix.org_ties()
        owners = [
            o
            for u in units
            for o in ix.orgs_at(u)
            if o.kind in ("owners_committee", "owners_assembly")
        ]
        for o in owners:
            for other_id, rel, _ in ties.get(o.id, ()):
                other = ix.organization(other_id)
                if (
                    rel == "contracts"
                    and other is not None
                    and other.kind == "property_company"
                    and other.id not in found
                ):
                    managers[other.id] = other
                    found[other.id] = _reason(
                        "owners-contract",
                        f"property company {other.id!r} has a contract with {o.id!r}",
                        {"manager": other.id, "kind": "property_company", "owners": o.id},
                    )
        managing = _managing(ix)
        for u in units:
            for o in ix.orgs_at(u):
                if o.kind == "property_company" and o.id not in found and o.id not in managing:
                    managers[o.id] = o
                    found[o.id] = _reason(
                        "property-company-located",
                        f"property company {o.id!r} is located in {u!r}",
                        {"manager": o.id, "kind": "property_company", "unit": u},
                    )

        if not found:
            why = _reason(
                "no-manager",
                "no management attribute and no managing organization is recorded",
                {},
            )
            return self.label(subject, self.missing, [*notes, why], {"basis": "none"})

        modes = {org: self._mode_of(managers[org], former) for org in found}
        best = min(modes, key=lambda o: _PRECEDENCE.index(modes[o]))
        reasons = [attrs.evolve(r, data={**r.data, "mode": modes[org]}) for org, r in found.items()]
        details: dict[str, Scalar] = {
            "basis": "derived",
            "manager": best,
            "managers": ",".join(found),
        }
        return self.label(subject, modes[best], [*notes, *reasons], details)


def _managing(ix: StructureIndex) -> frozenset[str]:
    """The organizations and people with a ``manages`` tie to some unit."""

    def build() -> frozenset[str]:
        nu, codes = ix.n_units, ix.codes
        return frozenset(t.source for t in ix.ties_of("manages") if codes[t.target] < nu)

    return _cached(ix, "managing", build)


def management_mode(
    source: Source, *, missing: Literal["none", "unknown"] = "none"
) -> dict[str, Label]:
    """The property-management mode of every compound (see :class:`ManagementMode`).

    ``source`` is a structure, its :class:`~govmodel.index.StructureIndex` or a govmodel
    graph (:func:`~govmodel.classify.read_index`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import management_mode
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", management="self_managed")
    >>> G.add_node("x2", entity="unit", kind="compound")
    >>> {x: lab.value for x, lab in management_mode(G).items()}
    {'x1': 'self_managed', 'x2': 'none'}
    >>> management_mode(G, missing="unknown")["x2"].value
    'unknown'

    Xihu's old neighbourhood is a quasi-property compound, looked after by the community:

    >>> import govmodel
    >>> s = govmodel.datasets.load("xihu")
    >>> labels = management_mode(s)
    >>> [(s.get(x).attributes["origin"], lab.value) for x, lab in labels.items()
    ...  if lab.value != "professional"]
    [('old_neighbourhood', 'quasi_property')]
    """
    return ManagementMode(missing=missing).classify_all(source)

"""Seeded synthetic districts and cities, calibrated to the published figures.

:func:`district` and :func:`city` build a :class:`~govmodel.spec.Structure` of a whole
district or city from a seed: streets, communities and villages, residential compounds and
their buildings (with ``households`` and ``residents``), the four levels of party
organization, residents' committees, owners' committees, property-service companies
serving several compounds, the people holding posts in all of them (with the
cross-appointment of compound party secretaries as owners' committee chairs), and
observations (issues collected and resolved per community, fee-collection rate per
compound).

Every distribution is a field of the frozen :class:`Params` class; the presets
(:data:`PRESETS`) are instances of it calibrated to the five source reports
(``../shared/seeds/``) and to the scale benchmark, so that
``attrs.evolve(preset("xihu"), coverage=1.0)`` is a what-if. The generative model, every
distribution with its parameter and source, and the measured speed are documented in
:doc:`/guide/synthetic`.

The same seed and parameters give an equal structure and byte-identical
:func:`govmodel.dumps` output; only the standard library's :class:`random.Random` is used.

Examples
--------
>>> import govmodel
>>> from govmodel import synth
>>> s = synth.district(40, seed=7, preset="xihu")
>>> govmodel.validate(s, strict=True)
()
>>> s.kinds()["units"]["compound"], s.metadata.model, s.metadata.synthetic
(40, ('tripartite',), True)
>>> s == synth.district(40, seed=7, preset="xihu")
True
"""

from __future__ import annotations

import bisect
import gc
import itertools
import math
import random
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from govmodel.spec import (
    Attributes,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Scalar,
    Structure,
    Tie,
    Unit,
    date_bounds,
)

__all__ = [
    "PRESETS",
    "Params",
    "Shares",
    "city",
    "district",
    "preset",
]

#: Shares of named categories, as ``(name, weight)`` pairs (weights need not sum to 1).
Shares: TypeAlias = tuple[tuple[str, float], ...]
_Management: TypeAlias = tuple[tuple[str, Shares], ...]

_ORIGINS = ("work_unit", "old_neighbourhood", "affordable", "resettlement", "commodity")
_MODES = ("professional", "self_managed", "work_unit", "quasi_property", "none")
_STATUSES = ("active", "probationary", "dormant", "mobile")
_EIGHT_ROLES = (
    "property_supervisor",
    "dispute_mediator",
    "customs_advocate",
    "facility_inspector",
    "law_publicist",
    "civility_persuader",
    "pet_warden",
    "sanitation_warden",
)

# -- parameters --------------------------------------------------------------------------------


def _finite(value: float) -> bool:
    """Whether a number is finite (an int always is, however large)."""
    return isinstance(value, int) or math.isfinite(value)


def _real(value: object) -> bool:
    """Whether a value is an int or a float (a bool is neither here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: object) -> bool:
    """Whether a value is an int (a bool is not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _shares(value: Mapping[str, float] | Iterable[tuple[str, float]], name: str) -> Shares:
    items = tuple(value.items() if isinstance(value, Mapping) else value)
    for k, v in items:
        if not _real(v):
            raise TypeError(f"{name}: the share of {k!r} must be a number, got {v!r}")
    out = tuple((str(k), float(v)) for k, v in items)
    if not out or any(not math.isfinite(v) or v < 0 for _, v in out) or sum(v for _, v in out) <= 0:
        raise ValueError(f"{name}: shares must be non-negative with a positive sum, got {out!r}")
    names = [k for k, _ in out]
    twice = sorted({k for k in names if names.count(k) > 1})
    if twice:
        raise ValueError(f"{name}: {', '.join(map(repr, twice))} given more than once")
    return out


def _origins(value: Mapping[str, float] | Iterable[tuple[str, float]]) -> Shares:
    return _shares(value, "origins")


def _member_statuses(value: Mapping[str, float] | Iterable[tuple[str, float]]) -> Shares:
    return _shares(value, "member_statuses")


def _management(
    value: Mapping[str, Mapping[str, float] | Iterable[tuple[str, float]]]
    | Iterable[tuple[str, Mapping[str, float] | Iterable[tuple[str, float]]]],
) -> _Management:
    items = value.items() if isinstance(value, Mapping) else value
    out = tuple((str(k), _shares(v, f"management[{str(k)!r}]")) for k, v in items)
    names = [k for k, _ in out]
    twice = sorted({k for k in names if names.count(k) > 1})
    if twice:
        raise ValueError(f"management: {', '.join(map(repr, twice))} given more than once")
    return out


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _pair(value: Iterable[Any], name: str, whole: bool) -> tuple[Any, Any]:
    """The range field ``name``: two numbers (whole ones if ``whole``)."""
    items = tuple(value)
    if len(items) != 2 or not all(_whole(x) if whole else _real(x) for x in items):
        what = "whole numbers" if whole else "numbers"
        raise TypeError(f"{name} must be two {what} (smallest, largest), got {value!r}")
    lo, hi = items
    return (lo, hi) if whole else (float(lo), float(hi))


def _residents_per_household(value: Iterable[float]) -> tuple[float, float]:
    return _pair(value, "residents_per_household", whole=False)


def _owners_committee_size(value: Iterable[int]) -> tuple[int, int]:
    return _pair(value, "owners_committee_size", whole=True)


def _residents_committee_size(value: Iterable[int]) -> tuple[int, int]:
    return _pair(value, "residents_committee_size", whole=True)


def _party_committee_size(value: Iterable[int]) -> tuple[int, int]:
    return _pair(value, "party_committee_size", whole=True)


_DEFAULT_ORIGINS: Shares = (
    ("commodity", 0.45),
    ("old_neighbourhood", 0.25),
    ("work_unit", 0.15),
    ("resettlement", 0.10),
    ("affordable", 0.05),
)
_DEFAULT_MANAGEMENT: _Management = (
    ("commodity", (("professional", 0.90), ("self_managed", 0.05), ("quasi_property", 0.05))),
    (
        "old_neighbourhood",
        (("professional", 0.15), ("self_managed", 0.15), ("quasi_property", 0.50), ("none", 0.20)),
    ),
    (
        "work_unit",
        (("professional", 0.20), ("work_unit", 0.50), ("quasi_property", 0.20), ("none", 0.10)),
    ),
    ("resettlement", (("professional", 0.50), ("self_managed", 0.20), ("quasi_property", 0.30))),
    ("affordable", (("professional", 0.70), ("quasi_property", 0.30))),
)
_DEFAULT_STATUSES: Shares = (
    ("active", 0.955),
    ("probationary", 0.02),
    ("mobile", 0.015),
    ("dormant", 0.01),
)


_RATES = (
    "super_share",
    "coverage",
    "party_share",
    "building_groups",
    "owners_committees",
    "cross_appointment",
    "two_committees_in_oc",
    "owners_committee_party",
    "one_shoulder",
    "two_committee_overlap",
    "building_heads",
    "head_party_share",
    "member_party_share",
    "property_branches",
    "resolved_share",
    "eight_roles",
    "partner_deputies",
    "group_councils",
)
_POSITIVE = (
    "compounds",
    "districts",
    "communities_per_street",
    "compounds_per_community",
    "buildings_per_compound",
    "residents_per_compound",
    "super_residents",
    "super_alpha",
    "compounds_per_company",
    "fee_concentration",
    "min_residents",
)
_NON_NEGATIVE = (
    "villages",
    "service_stations",
    "spread",
    "compound_sigma",
    "building_sigma",
    "building_exponent",
    "workers_per_10k",
    "issues_per_1000",
    "partners_per_community",
    "grids_per_community",
    "linked_units",
    "council_members",
)

#: Fields holding whole numbers (counts), other numbers, and strings; those in ``_OPTIONAL``
#: may also be ``None``.
_WHOLE = (
    "compounds",
    "districts",
    "streets",
    "communities",
    "villages",
    "buildings",
    "residents",
    "service_stations",
    "min_residents",
    "super_residents",
    "super_max",
    "linked_units",
    "council_members",
)
_NUMBERS = (
    *_RATES,
    *(name for name in (*_POSITIVE, *_NON_NEGATIVE) if name not in _WHOLE),
    "fee_mean",
    "area_km2",
)
_TEXT = ("name", "model", "place", "period", "community_party_kind")
_OPTIONAL = frozenset({"streets", "communities", "buildings", "residents", "area_km2", "model"})
#: The largest count a parameter may hold: the generator computes with floats, which hold
#: every whole number up to it (and none beyond the float range).
_MAX_COUNT = 2**53


@attrs.frozen(kw_only=True)
class Params:
    """The parameters of the generative model; the presets are instances of this class.

    Counts (``streets``, ``communities``, …) are *reference* counts for ``compounds``
    compounds: a structure of another size scales each by ``n / compounds`` (rounded, with
    at least one street and one community). A count left ``None`` is derived from the ratio
    next to it. The compound-level shares ``coverage``, ``owners_committees``,
    ``cross_appointment`` and ``super_share`` are realised *exactly*
    (``round(share × eligible)`` compounds chosen without replacement), since the reports
    give them as counts; the other probabilities are independent draws. The guide
    (:doc:`/guide/synthetic`) gives the distribution and source of every field.

    Counts are ``int`` (at most ``2**53``), the other numbers ``int`` or ``float``, and a
    ``bool`` is neither: a value of another type than its field's raises
    :class:`TypeError`, one out of range :class:`ValueError`, each listing every problem by
    field name.

    Parameters
    ----------
    name, model, place, source, period
        The preset's name, the governance model it follows (a registered model name, or
        ``None``), the place it imitates, the report files it is calibrated to, and the
        period of its observations.
    compounds
        Reference number of compounds (the default size).
    districts
        Districts of a city (1 for a district preset).
    streets, communities, villages
        Reference numbers of streets/towns, communities (residents' committees) and
        villages; ``None`` derives streets and communities from the ratios below.
    buildings
        Reference number of buildings; ``None``: ``buildings_per_compound`` per compound.
    residents
        Reference number of residents living in compounds, reached exactly; ``None``: the
        mean is ``residents_per_compound`` and the total varies with the seed.
    area_km2
        Reference area of a district (the district's ``area_km2`` attribute), or ``None``.
    service_stations
        Reference number of compound party-mass service stations.
    communities_per_street, compounds_per_community, buildings_per_compound, residents_per_compound
        Ratios used where a count is ``None``.
    spread
        Log-normal sigma of the weights that share communities among streets and compounds
        among communities (0: as even as possible).
    compound_sigma, min_residents
        Log-normal sigma and floor of the residents of an ordinary compound.
    super_share, super_residents, super_alpha, super_max
        Share of super compounds, their threshold (residents), the Pareto tail index of
        their size and its cap.
    building_exponent, building_sigma
        Buildings of a compound grow as households ** ``building_exponent`` times a
        log-normal factor of sigma ``building_sigma``.
    residents_per_household
        Range of the uniform mean household size of a compound.
    origins
        Shares of the five compound origins (work unit, old neighbourhood, affordable,
        resettlement, commodity).
    management
        For each origin, shares of the property-management modes.
    coverage
        Share of compounds with a compound party branch.
    party_share
        Party members per resident (sets a branch's ``party_members``).
    community_party_kind
        ``"community_party_committee"`` or ``"community_party_general_branch"``.
    building_groups
        Probability that a building of a covered compound has a building party group.
    member_statuses
        Party status shares of ordinary party members holding posts.
    owners_committees
        Share of compounds with an owners' committee.
    owners_committee_size
        Smallest and largest owners' committee (odd sizes between them, uniformly).
    cross_appointment
        Share of compounds with both a branch and an owners' committee whose branch
        secretary chairs the owners' committee.
    two_committees_in_oc
        Probability that a community "two committees" member sits on an owners' committee.
    owners_committee_party
        Probability that an owners' committee has its own party group.
    one_shoulder
        Probability that the community party secretary also chairs the residents' committee.
    residents_committee_size, party_committee_size
        Ranges of the residents' committee and community party committee sizes.
    two_committee_overlap
        Share of party committee members (besides the secretary) who also sit on the
        residents' committee.
    workers_per_10k
        Community workers (``staff`` of the residents' committee) per 10,000 residents,
        counting the residents' committee members.
    building_heads
        Probability that a building has a building head.
    head_party_share, member_party_share
        Probability that a building head (or neighbour chief), or another ordinary post
        holder (owners' committee or residents' committee member, community worker, council
        representative, grid worker), is a party member.
    compounds_per_company, property_branches
        Mean compounds a property company manages, and the probability that a company has
        a party branch ("red property").
    issues_per_1000, resolved_share
        Issues collected per 1,000 residents of a community over the period, and the share
        resolved.
    fee_mean, fee_concentration
        Mean and concentration of the Beta distribution of a professionally managed
        compound's fee-collection rate.
    eight_roles
        Share of compounds with an "eight roles" volunteer association and its party branch.
    partners_per_community, partner_deputies
        Mean co-building partner units per community, and the probability that a partner's
        secretary sits on the community party committee as part-time deputy secretary.
    grids_per_community, linked_units
        Unit grids per community (with work stations, grid workers and governance centres
        when positive), and linked disposal units per district.
    council_members, group_councils
        Members of a community council (0: none), and share of compounds with a residents'
        group council.

    Examples
    --------
    >>> import attrs
    >>> from govmodel.synth import preset
    >>> p = attrs.evolve(preset("yuetang"), coverage=1.0)
    >>> p.coverage, p.compounds, p.model
    (1.0, 565, 'four_level')
    """

    name: str = "custom"
    model: str | None = None
    place: str = ""
    source: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    period: str = "2023"
    # sizes
    compounds: int = 1000
    districts: int = 1
    streets: int | None = None
    communities: int | None = None
    villages: int = 0
    buildings: int | None = None
    residents: int | None = None
    area_km2: float | None = None
    service_stations: int = 0
    communities_per_street: float = 11.5
    compounds_per_community: float = 4.56
    buildings_per_compound: float = 10.0
    residents_per_compound: float = 771.0
    spread: float = 0.5
    # compound size
    compound_sigma: float = 0.9
    min_residents: int = 30
    super_share: float = 0.01
    super_residents: int = 10_000
    super_alpha: float = 3.0
    super_max: int = 50_000
    building_exponent: float = 0.6
    building_sigma: float = 0.3
    residents_per_household: tuple[float, float] = attrs.field(
        default=(2.5, 3.0), converter=_residents_per_household
    )
    # compound types
    origins: Shares = attrs.field(default=_DEFAULT_ORIGINS, converter=_origins)
    management: _Management = attrs.field(default=_DEFAULT_MANAGEMENT, converter=_management)
    # party
    coverage: float = 0.8
    party_share: float = 0.07
    community_party_kind: str = "community_party_committee"
    building_groups: float = 0.2
    member_statuses: Shares = attrs.field(default=_DEFAULT_STATUSES, converter=_member_statuses)
    # self-governance
    owners_committees: float = 0.5
    owners_committee_size: tuple[int, int] = attrs.field(
        default=(5, 11), converter=_owners_committee_size
    )
    cross_appointment: float = 0.3
    two_committees_in_oc: float = 0.3
    owners_committee_party: float = 0.1
    one_shoulder: float = 0.8
    residents_committee_size: tuple[int, int] = attrs.field(
        default=(5, 9), converter=_residents_committee_size
    )
    party_committee_size: tuple[int, int] = attrs.field(
        default=(5, 7), converter=_party_committee_size
    )
    two_committee_overlap: float = 0.5
    workers_per_10k: float = 18.0
    building_heads: float = 1.0
    head_party_share: float = 0.3
    member_party_share: float = 0.3
    # market
    compounds_per_company: float = 3.0
    property_branches: float = 0.1
    # observations
    issues_per_1000: float = 3.08
    resolved_share: float = 0.728
    fee_mean: float = 0.85
    fee_concentration: float = 20.0
    # model-specific parts
    eight_roles: float = 0.0
    partners_per_community: float = 0.0
    partner_deputies: float = 0.406
    grids_per_community: float = 0.0
    linked_units: int = 0
    council_members: int = 0
    group_councils: float = 0.0

    def __attrs_post_init__(self) -> None:
        problems = self._type_problems()
        if problems:
            raise TypeError("invalid synthesis parameters: " + "; ".join(problems))
        problems = self._problems()
        if problems:
            raise ValueError("invalid synthesis parameters: " + "; ".join(problems))

    def _type_problems(self) -> list[str]:
        """Fields holding a value of another type than theirs (a bool is no number here)."""
        out: list[str] = []
        for name in _WHOLE:
            v = getattr(self, name)
            if not (_whole(v) or (v is None and name in _OPTIONAL)):
                out.append(f"{name} must be a whole number, got {v!r} ({type(v).__name__})")
        for name in _NUMBERS:
            v = getattr(self, name)
            if not (_real(v) or (v is None and name in _OPTIONAL)):
                out.append(f"{name} must be a number, got {v!r} ({type(v).__name__})")
        for name in _TEXT:
            v = getattr(self, name)
            if not (isinstance(v, str) or (v is None and name in _OPTIONAL)):
                out.append(f"{name} must be a string, got {v!r} ({type(v).__name__})")
        source: tuple[object, ...] = self.source  # what a caller gave may hold anything
        for v in source:
            if not isinstance(v, str):
                out.append(f"source must hold strings, got {v!r} ({type(v).__name__})")
        return out

    def _problems(self) -> list[str]:
        out: list[str] = []
        for name in _RATES:
            v = getattr(self, name)
            if not 0 <= v <= 1:
                out.append(f"{name} must be in [0, 1], got {v!r}")
        if not 0 < self.fee_mean < 1:
            out.append(f"fee_mean must be in (0, 1), got {self.fee_mean!r}")
        for name in _POSITIVE:
            if not getattr(self, name) > 0:
                out.append(f"{name} must be positive, got {getattr(self, name)!r}")
            elif not _finite(getattr(self, name)):
                out.append(f"{name} must be finite, got {getattr(self, name)!r}")
        for name in _NON_NEGATIVE:
            if not _finite(getattr(self, name)):
                out.append(f"{name} must be a finite number, got {getattr(self, name)!r}")
            elif getattr(self, name) < 0:
                out.append(f"{name} cannot be negative, got {getattr(self, name)!r}")
        for name in _WHOLE:
            v = getattr(self, name)
            if v is not None and abs(v) > _MAX_COUNT:
                out.append(f"{name} must be at most 2**53, got {v!r}")
        for name in ("owners_committee_size", "residents_committee_size", "party_committee_size"):
            if max(map(abs, getattr(self, name))) > _MAX_COUNT:
                out.append(f"{name} must be at most 2**53, got {getattr(self, name)!r}")
        area = self.area_km2
        if area is not None and not (_finite(area) and area >= 0):
            out.append(f"area_km2 must be None or a finite non-negative number, got {area!r}")
        for name in ("streets", "communities", "buildings", "residents"):
            v = getattr(self, name)
            if v is not None and v < 1:
                out.append(f"{name} must be None or positive, got {v!r}")
        if self.districts > self.compounds > 0:
            out.append(
                f"districts ({self.districts}) cannot exceed compounds ({self.compounds}): "
                "every district has at least one compound"
            )
        if self.super_max < self.super_residents:
            out.append("super_max must be at least super_residents")
        if self.min_residents >= self.super_residents:
            out.append("min_residents must be below super_residents")
        lo, hi = self.residents_per_household
        if not 1 <= lo <= hi < math.inf:
            out.append(
                f"residents_per_household must satisfy 1 <= lo <= hi (finite), got {(lo, hi)!r}"
            )
        for name in ("owners_committee_size", "residents_committee_size", "party_committee_size"):
            a, b = getattr(self, name)
            if not 1 <= a <= b:
                out.append(f"{name} must satisfy 1 <= smallest <= largest, got {(a, b)!r}")
        a, b = self.owners_committee_size
        if not any(k % 2 for k in range(a, b + 1)):
            out.append("owners_committee_size must include an odd size")
        period = self.period
        try:
            if not isinstance(period, str):
                raise ValueError(f"got {period!r}")
            parts = period.split("/")
            if len(parts) > 2:
                raise ValueError(f"{period!r} has more than one '/'")
            bounds = [date_bounds(part) for part in parts]
            if len(bounds) == 2 and bounds[1][1] < bounds[0][0]:
                raise ValueError(f"{period!r} ends before it starts")
        except ValueError as exc:
            out.append(f"period must be a date or an interval 'start/end': {exc}")
        kind = self.community_party_kind
        if kind not in ("community_party_committee", "community_party_general_branch"):
            out.append(f"community_party_kind must be a community party kind, got {kind!r}")
        for origin, _ in self.origins:
            if origin not in _ORIGINS:
                out.append(f"unknown origin {origin!r}; the origins are {', '.join(_ORIGINS)}")
        given = {o for o, _ in self.management}
        for origin, shares in self.origins:
            if shares > 0 and origin in _ORIGINS and origin not in given:
                out.append(f"management has no shares for origin {origin!r}")
        for origin, modes in self.management:
            for mode, _ in modes:
                if mode not in _MODES:
                    out.append(f"unknown management mode {mode!r} (for {origin!r})")
        for status, _ in self.member_statuses:
            if status not in _STATUSES:
                out.append(f"unknown party status {status!r}")
        if self.model is not None and not self.model:
            out.append("model must be None or a model name")
        return out


# -- presets -----------------------------------------------------------------------------------

_XIHU = Params(
    name="xihu",
    model="tripartite",
    place="Xihu District, Nanchang, Jiangxi (synthetic)",
    source=("000_c5b86c07d7092624.txt",),
    period="2021",
    compounds=629,
    streets=12,
    communities=138,
    villages=13,
    residents=485_000,
    area_km2=35.3,
    issues_per_1000=1495 / 485,
    resolved_share=1088 / 1495,
)

_JINFENG = Params(
    name="jinfeng",
    model="grid",
    place="Jinfeng District, Yinchuan, Ningxia (synthetic)",
    source=("001_710a2e674d3240b8.txt",),
    period="2019",
    compounds=292,
    streets=7,
    communities=64,
    grids_per_community=4.0,
    linked_units=52,
)

_CHENGDU = Params(
    name="chengdu",
    model="council",
    place="Chengdu, Sichuan (synthetic)",
    source=("002_38cd0ae90df957de.txt",),
    period="2018",
    compounds=20_000,
    districts=20,
    streets=400,
    communities=4_000,
    coverage=4328 / 20_000,
    party_share=0.079,
    owners_committee_party=706 / 10_000,
    property_branches=0.088,
    council_members=37,
    group_councils=0.3,
)

_CHANGSHA = Params(
    name="changsha",
    model="eight_roles",
    place="Tianxin District, Changsha, Hunan (synthetic)",
    source=("003_e46168819235ee26.txt",),
    period="2019",
    compounds=400,
    community_party_kind="community_party_general_branch",
    fee_mean=0.92,
    eight_roles=0.5,
    partners_per_community=8.0,
    partner_deputies=13 / 32,
)

_YUETANG = Params(
    name="yuetang",
    model="four_level",
    place="Yuetang District, Xiangtan, Hunan (synthetic)",
    source=("004_5b013051e8bb86b4.txt",),
    period="2023",
    compounds=565,
    streets=12,
    communities=93,
    residents=387_760,
    area_km2=206.03,
    service_stations=143,
    community_party_kind="community_party_general_branch",
    coverage=0.9,
    cross_appointment=0.5,
    two_committees_in_oc=0.5,
    owners_committee_party=0.3,
    building_groups=0.5,
    management={
        origin: tuple((mode, share) for mode, share in modes if mode != "none")
        for origin, modes in _DEFAULT_MANAGEMENT
    },
)

_CITY = Params(
    name="city",
    place="a synthetic city (benchmark scale)",
    compounds=20_000,
    districts=20,
    streets=400,
    communities=4_000,
    buildings=400_000,
    residents_per_compound=750.0,
    owners_committees=0.6,
    building_groups=0.1,
)

_DISTRICT = attrs.evolve(
    _CITY,
    name="district",
    place="a synthetic district (benchmark scale, 1/20 of the city)",
    compounds=1_000,
    districts=1,
    streets=20,
    communities=200,
    buildings=20_000,
)

#: The presets, by name: the five report places and the two benchmark scales.
PRESETS: Mapping[str, Params] = MappingProxyType(
    {p.name: p for p in (_XIHU, _JINFENG, _CHENGDU, _CHANGSHA, _YUETANG, _DISTRICT, _CITY)}
)


def preset(name: str) -> Params:
    """The :class:`Params` of a preset.

    Raises
    ------
    KeyError
        If there is no preset of that name (the message lists the names).
    TypeError
        If ``name`` is no string.

    Examples
    --------
    >>> from govmodel.synth import preset
    >>> preset("xihu").communities, preset("chengdu").coverage
    (138, 0.2164)
    """
    if not isinstance(name, str):
        raise TypeError(
            f"a preset is named by a string, not {name!r}; the presets are {', '.join(PRESETS)}"
        )
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"no preset {name!r}; the presets are {', '.join(PRESETS)}") from None


# -- random helpers ----------------------------------------------------------------------------


def _allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Integers proportional to ``weights``, each at least ``minimum``, summing to ``total``.

    Largest-remainder rounding of the part above the minimum; ties go to the earlier item.
    """
    n = len(weights)
    rest = total - minimum * n
    if rest < 0:
        raise ValueError(f"cannot give {n} parts at least {minimum} each from {total}")
    s = sum(weights)
    if not s > 0:
        weights, s = [1.0] * n, float(n)
    scale = rest / s
    quotas = [w * scale for w in weights]
    out = [int(q) for q in quotas]
    short = rest - sum(out)
    if short > 0:
        order = sorted(range(n), key=lambda i: out[i] - quotas[i])
        for i in order[:short]:
            out[i] += 1
    elif short < 0:  # floating-point excess: take back from the smallest remainders
        order = sorted(range(n), key=lambda i: quotas[i] - out[i])
        for i in order:
            if short == 0:
                break
            if out[i] > 0:
                out[i] -= 1
                short += 1
    if minimum:
        out = [x + minimum for x in out]
    return out


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam < 30:
        limit = math.exp(-lam)
        k = 0
        prod = rng.random()
        while prod > limit:
            k += 1
            prod *= rng.random()
        return k
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def _binomial(rng: random.Random, n: int, p: float) -> int:
    if n < 50:
        rnd = rng.random
        return sum(1 for _ in range(n) if rnd() < p)
    sd = math.sqrt(n * p * (1 - p))
    return min(n, max(0, round(rng.gauss(n * p, sd))))


def _pick(rng: random.Random, population: int, k: int) -> bytearray:
    """Flags of exactly ``k`` of ``population`` items, chosen uniformly without replacement."""
    flags = bytearray(population)
    for i in rng.sample(range(population), min(max(k, 0), population)):
        flags[i] = 1
    return flags


def _chooser(rng: random.Random, shares: Shares) -> Callable[[], str]:
    """A function drawing a name with probability proportional to its share."""
    names = tuple(n for n, _ in shares)
    cum = list(itertools.accumulate(w for _, w in shares))
    total = cum[-1]
    hi = len(cum) - 1
    rnd = rng.random

    def choose() -> str:
        return names[bisect.bisect_right(cum, rnd() * total, 0, hi)]

    return choose


# -- the plan: counts and per-compound draws ---------------------------------------------------


@attrs.define
class _Plan:
    n: int
    streets_in_district: list[int]
    communities_in_street: list[int]
    villages_in_street: list[int]
    compounds_in_community: list[int]
    residents: list[int]
    households: list[int]
    buildings: list[int]
    origin: list[str]
    mode: list[str]
    branch: bytearray
    owners: bytearray
    cross: bytearray
    station: bytearray
    area_km2: float | None


def _scaled(count: int | None, f: float) -> int | None:
    return None if count is None else round(count * f)


def _weights(rng: random.Random, n: int, sigma: float) -> list[float]:
    if sigma <= 0:
        return [1.0] * n
    gauss = rng.gauss
    return _exp_weights([sigma * gauss(0.0, 1.0) for _ in range(n)])


def _exp_weights(logs: list[float]) -> list[float]:
    """``exp`` of each of ``logs``; weights too large for a float (a huge sigma) are all
    divided by the largest, which leaves their proportions as they are."""
    exp = math.exp
    try:
        out = [exp(x) for x in logs]
        if math.isfinite(math.fsum(out)):
            return out
    except OverflowError:
        pass
    top = max(logs)
    return [exp(x - top) for x in logs]


def _reach(total: int, raw: list[float], is_super: bytearray, thr: int) -> list[int]:
    """Whole residents summing to ``total``: super compounds keep their draws (rounded up),
    ordinary compounds share the rest in proportion to theirs and stay below ``thr``."""
    n = len(raw)
    ordinary = [i for i in range(n) if not is_super[i]]
    out = [math.ceil(r) if s else 0 for r, s in zip(raw, is_super, strict=True)]
    rest = total - sum(out)
    if not ordinary or rest < len(ordinary):  # the super compounds alone reach the total
        return _allocate(max(total, n), raw, 1)
    shares = _allocate(rest, [raw[i] for i in ordinary], 1)
    excess = 0
    for i, r in zip(ordinary, shares, strict=True):
        if r >= thr:
            excess += r - (thr - 1)
            r = thr - 1
        out[i] = r
    if excess:  # rare: give what the largest ordinary compounds could not hold to the smallest
        for i in sorted(ordinary, key=out.__getitem__):
            add = min(thr - 1 - out[i], excess)
            out[i] += add
            excess -= add
            if not excess:
                break
    return out


#: Draws of a super compound's residents redrawn above the cap before the truncated
#: distribution is drawn from directly (reached only when the cap is near the threshold or
#: the tail extremely heavy: the presets redraw 1 draw in 125).
_REDRAWS = 64


def _pareto(rnd: Callable[[], float], thr: float, alpha: float, cap: float) -> float:
    """A Pareto draw above ``thr`` with tail index ``alpha``, redrawn above ``cap``."""
    for _ in range(_REDRAWS):
        try:
            r: float = thr * (1.0 - rnd()) ** (-1.0 / alpha)
        except OverflowError:
            continue
        if r <= cap:
            return r
    # the Pareto distribution truncated at the cap, by its inverse distribution function
    # (in logarithms, which neither overflow nor lose a tiny tail index)
    kept = -math.expm1(alpha * (math.log(thr) - math.log(cap)))  # P(draw <= cap)
    return min(thr * math.exp(-math.log1p(-rnd() * kept) / alpha), cap)


def _lognormal(gauss: Callable[[float, float], float], median: float, sigma: float) -> float:
    """A log-normal draw; one too large for a float is infinite."""
    try:
        return median * math.exp(sigma * gauss(0.0, 1.0))
    except OverflowError:
        return math.inf


def _plan(p: Params, n: int, districts: int, rng: random.Random) -> _Plan:
    f = n / p.compounds
    communities = _scaled(p.communities, f)
    if communities is None:
        communities = round(n / p.compounds_per_community)
    communities = min(max(communities, districts, 1), n)
    streets = _scaled(p.streets, f)
    if streets is None:
        streets = round(communities / p.communities_per_street)
    streets = min(max(streets, districts, 1), communities)
    districts = min(districts, streets)
    villages = round(p.villages * f)

    streets_in_district = _allocate(streets, _weights(rng, districts, p.spread * 0.5), 1)
    communities_in_street = _allocate(communities, _weights(rng, streets, p.spread), 1)
    villages_in_street = _allocate(villages, _weights(rng, streets, p.spread), 0)
    compounds_in_community = _allocate(n, _weights(rng, communities, p.spread), 1)

    # residents: ordinary compounds log-normal below the super threshold, super compounds
    # (exactly round(super_share * n) of them) Pareto above it.
    thr = p.super_residents
    alpha = p.super_alpha
    is_super = _pick(rng, n, round(p.super_share * n))
    n_super = sum(is_super)
    mean_super = min(thr * alpha / (alpha - 1), p.super_max) if alpha > 1 else p.super_max
    target_total = _scaled(p.residents, f)
    mean = target_total / n if target_total is not None else p.residents_per_compound
    ordinary_mean = max(
        (mean * n - n_super * mean_super) / max(n - n_super, 1), float(p.min_residents)
    )
    sigma = p.compound_sigma
    # the median of ordinary compounds, kept well below the threshold so that redraws are few
    try:
        median = min(ordinary_mean / math.exp(sigma * sigma / 2), thr * 0.45)
    except OverflowError:  # a huge sigma: every ordinary compound at the floor, or nearly
        median = 0.0
    gauss = rng.gauss
    rnd = rng.random
    floor_, ceiling = float(p.min_residents), 0.9 * thr
    raw: list[float] = []
    for i in range(n):
        if is_super[i]:
            r = _pareto(rnd, thr, alpha, p.super_max)
        else:  # log-normal, redrawn near the threshold, floored
            r = _lognormal(gauss, median, sigma)
            while r >= ceiling:
                r = _lognormal(gauss, median, sigma)
            r = max(r, floor_)
        raw.append(r)
    if target_total is None:
        residents = [max(1, round(r)) for r in raw]
    else:
        residents = _reach(target_total, raw, is_super, thr)
    lo, hi = p.residents_per_household
    households = []
    uni = rng.uniform
    for r in residents:
        households.append(min(r, max(1, round(r / uni(lo, hi)))))

    # buildings: proportional to households ** exponent, times a log-normal factor
    total_b = _scaled(p.buildings, f)
    if total_b is None:
        total_b = round(n * p.buildings_per_compound)
    total_b = min(max(total_b, n), sum(households))
    be, bs = p.building_exponent, p.building_sigma
    factors = [bs * gauss(0.0, 1.0) for _ in households] if bs > 0 else None
    try:
        bw = [h**be for h in households]
        if factors is not None:
            bw = [w * math.exp(f) for w, f in zip(bw, factors, strict=True)]
        if not math.isfinite(math.fsum(bw)):
            raise OverflowError
    except OverflowError:  # weights too large for a float: their logarithms, shifted
        logs = [be * math.log(h) for h in households]
        if factors is not None:
            logs = [x + f for x, f in zip(logs, factors, strict=True)]
        bw = _exp_weights(logs)
    buildings = _allocate(total_b, bw, 1)
    excess = 0
    for i, h in enumerate(households):
        if buildings[i] > h:
            excess += buildings[i] - h
            buildings[i] = h
    if excess:  # give buildings a compound could not hold to the compounds with most room
        for i in sorted(range(n), key=lambda i: buildings[i] - households[i]):
            room = households[i] - buildings[i]
            if room <= 0 or not excess:
                break
            add = min(room, excess)
            buildings[i] += add
            excess -= add

    choose_origin = _chooser(rng, p.origins)
    mode_of = {o: _chooser(rng, s) for o, s in p.management}
    origin = [choose_origin() for _ in range(n)]
    mode = [mode_of[o]() for o in origin]

    branch = _pick(rng, n, round(p.coverage * n))
    owners = _pick(rng, n, round(p.owners_committees * n))
    both = [i for i in range(n) if branch[i] and owners[i]]
    cross = bytearray(n)
    for i in rng.sample(both, round(p.cross_appointment * len(both))):
        cross[i] = 1
    k_station = min(round(p.service_stations * f), n)
    covered = [i for i in range(n) if branch[i]]
    station = bytearray(n)
    if k_station <= len(covered):
        chosen = rng.sample(covered, k_station)
    else:
        rest = [i for i in range(n) if not branch[i]]
        chosen = covered + rng.sample(rest, k_station - len(covered))
    for i in chosen:
        station[i] = 1
    area = p.area_km2 * f if p.area_km2 is not None else None
    return _Plan(
        n,
        streets_in_district,
        communities_in_street,
        villages_in_street,
        compounds_in_community,
        residents,
        households,
        buildings,
        origin,
        mode,
        branch,
        owners,
        cross,
        station,
        area,
    )


# -- emitting the entities -----------------------------------------------------------------------

_NONE = Attributes()
#: The ``source`` of every generated observation.
_SOURCE = "synthetic"


class _Builder:
    """Builds the entities of a structure from a plan, in hierarchical order."""

    def __init__(self, p: Params, plan: _Plan, rng: random.Random, households_as_units: bool):
        self.p = p
        self.plan = plan
        self.rng = rng
        self.hh_units = households_as_units
        self.units: list[Unit] = []
        self.orgs: list[Organization] = []
        self.people: list[Person] = []
        self.posts: list[Post] = []
        self.ties: list[Tie] = []
        self.obs: list[Observation] = []
        self.status = _chooser(rng, p.member_statuses)
        self.x = 0  # global compound index
        self.k = 0  # global community index

    # small helpers -------------------------------------------------------------------------
    def person(self, pid: str, party: str | None = None) -> str:
        self.people.append(Person(pid, "", party))
        return pid

    def member_status(self, share: float) -> str | None:
        return self.status() if self.rng.random() < share else None

    def org(
        self,
        oid: str,
        kind: str,
        unit: str | None,
        parent: str | None = None,
        attributes: Attributes = _NONE,
    ) -> str:
        self.orgs.append(Organization(oid, kind, "", unit, parent, attributes, ()))
        return oid

    def post(self, pid: str, person: str, org: str, role: str) -> None:
        self.posts.append(Post(pid, person, org, role))

    def tie(self, tid: str, source: str, target: str, relation: str) -> None:
        self.ties.append(Tie(tid, source, target, relation))

    # levels --------------------------------------------------------------------------------
    def district(self, did: str, parent: str | None, n_streets: int, s0: int) -> None:
        p = self.p
        attrs_ = _NONE
        if self.plan.area_km2 is not None:
            area = round(self.plan.area_km2 / len(self.plan.streets_in_district), 2)
            attrs_ = Attributes({"area_km2": area})
        self.units.append(Unit(did, "district", "", parent, attrs_, ()))
        dpc = self.org(f"{did}-dpc", "district_party_committee", did)
        self.post(f"{dpc}-1", self.person(f"{did}-p1", "active"), dpc, "secretary")
        gov = None
        if p.grids_per_community > 0 or p.linked_units:
            gov = self.org(f"{did}-gov", "governance_centre", did)
            for j in range(1, p.linked_units + 1):
                lu = self.org(f"{did}-lu{j}", "linked_disposal_unit", did)
                self.tie(f"{lu}-ln", lu, gov, "links")
        for s in range(s0, s0 + n_streets):
            self.street(f"s{s + 1}", did, dpc, gov, s)

    def street(self, sid: str, did: str, dpc: str, gov: str | None, s: int) -> None:
        plan = self.plan
        self.units.append(Unit(sid, "street", "", did, _NONE, ()))
        pwc = self.org(f"{sid}-pwc", "street_party_working_committee", sid, dpc)
        self.post(f"{pwc}-1", self.person(f"{sid}-p1", "active"), pwc, "secretary")
        self.post(f"{pwc}-2", self.person(f"{sid}-p2", "active"), pwc, "deputy_secretary")
        sub = None
        if gov is not None:
            sub = self.org(f"{sid}-gov", "governance_centre", sid)
            self.tie(f"{sub}-es", sub, gov, "escalates_to")
        professional: list[tuple[str, str, str]] = []  # (compound, community party org, community)
        for c in range(1, plan.communities_in_street[s] + 1):
            professional.extend(self.community(f"{sid}-c{c}", sid, pwc, sub))
        for v in range(1, plan.villages_in_street[s] + 1):
            self.village(f"{sid}-v{v}", sid, pwc)
        self.companies(sid, professional)

    def village(self, vid: str, sid: str, pwc: str) -> None:
        p, rng = self.p, self.rng
        self.units.append(Unit(vid, "village", "", sid, _NONE, ()))
        pc = self.org(f"{vid}-pc", p.community_party_kind, vid, pwc)
        vc = self.org(f"{vid}-vc", "villagers_committee", vid, pc)
        sec = self.person(f"{vid}-p1", "active")
        self.post(f"{pc}-1", sec, pc, "secretary")
        if rng.random() < p.one_shoulder:
            self.post(f"{vc}-1", sec, vc, "chair")
        else:
            self.post(f"{vc}-1", self.person(f"{vid}-p2", self.member_status(0.5)), vc, "chair")

    def community(
        self, kid: str, sid: str, pwc: str, sub: str | None
    ) -> list[tuple[str, str, str]]:
        p, plan, rng = self.p, self.plan, self.rng
        k = self.k
        self.k += 1
        n_comp = plan.compounds_in_community[k]
        x0 = self.x
        residents = sum(plan.residents[x0 : x0 + n_comp])
        self.units.append(Unit(kid, "community", "", sid, _NONE, ()))
        pc = self.org(f"{kid}-pc", p.community_party_kind, kid, pwc)
        rc = self.org(f"{kid}-rc", "residents_committee", kid, pc)
        # the "two committees": party committee and residents' committee, cross-appointed
        n_people = 0

        def new(party: str | None) -> str:
            nonlocal n_people
            n_people += 1
            return self.person(f"{kid}-p{n_people}", party)

        pc_n = rc_n = 0
        sec = new("active")
        pc_n += 1
        self.post(f"{pc}-{pc_n}", sec, pc, "secretary")
        two: list[str] = [sec]
        pc_size = rng.randint(*p.party_committee_size)
        rc_size = rng.randint(*p.residents_committee_size)
        pc_members = []
        for j in range(pc_size - 1):
            m = new("active")
            pc_n += 1
            self.post(f"{pc}-{pc_n}", m, pc, "deputy_secretary" if j == 0 else "committee_member")
            pc_members.append(m)
            two.append(m)
        rc_seats: list[str] = []
        if rng.random() < p.one_shoulder:
            chair = sec
        else:
            chair = new(self.member_status(0.5))
            two.append(chair)
        rc_n += 1
        self.post(f"{rc}-{rc_n}", chair, rc, "chair")
        overlap = [m for m in pc_members if rng.random() < p.two_committee_overlap]
        rc_seats.extend(overlap[: rc_size - 1])
        while len(rc_seats) < rc_size - 1:
            m = new(self.member_status(p.member_party_share))
            rc_seats.append(m)
            two.append(m)
        for j, m in enumerate(rc_seats):
            rc_n += 1
            self.post(f"{rc}-{rc_n}", m, rc, "vice_chair" if j == 0 else "member")
        workers = round(residents * p.workers_per_10k / 10_000) - rc_size
        for _ in range(max(workers, 0)):
            rc_n += 1
            self.post(f"{rc}-{rc_n}", new(self.member_status(p.member_party_share)), rc, "staff")
        # model-specific community parts
        council = None
        if p.council_members > 0:
            council = self.org(f"{kid}-cc", "community_council", kid, pc)
            self.post(f"{council}-1", sec, council, "chair")
            for j in range(2, p.council_members + 1):
                member = new(self.member_status(p.member_party_share))
                self.post(f"{council}-{j}", member, council, "representative")
        if p.partners_per_community > 0:
            for j in range(1, _poisson(rng, p.partners_per_community) + 1):
                cb = self.org(f"{kid}-cb{j}", "co_building_unit", None)
                self.tie(f"{cb}-cob", cb, pc, "co_builds")
                psec = self.person(f"{cb}-p1", "active")
                self.post(f"{cb}-1", psec, cb, "secretary")
                if rng.random() < p.partner_deputies:
                    pc_n += 1
                    self.post(f"{pc}-{pc_n}", psec, pc, "part_time_deputy_secretary")
        grids: list[str] = []
        ws = None
        if p.grids_per_community > 0:
            ws = self.org(f"{kid}-ws", "work_station", kid, pc)
            if sub is not None:
                self.tie(f"{ws}-es", ws, sub, "escalates_to")
            n_grids = max(1, round(p.grids_per_community))
            for g in range(1, n_grids + 1):
                gid = f"{kid}-g{g}"
                self.units.append(Unit(gid, "grid", "", kid, _NONE, ()))
                worker = self.person(f"{gid}-p1", self.member_status(p.member_party_share))
                self.post(f"{ws}-{g}", worker, ws, "grid_worker")
                grids.append(gid)
        # observations of the community
        lam = residents * p.issues_per_1000 / 1000
        collected = _poisson(rng, lam)
        resolved = _binomial(rng, collected, p.resolved_share)
        ob = Observation
        self.obs.append(ob(f"{kid}-ic", kid, "issues_collected", collected, p.period, _SOURCE))
        self.obs.append(ob(f"{kid}-ir", kid, "issues_resolved", resolved, p.period, _SOURCE))
        # compounds
        state = _CommunityState(kid, pc, rc, rc_n, two, council)
        professional: list[tuple[str, str, str]] = []
        for j in range(n_comp):
            xid = f"{kid}-x{j + 1}"
            grid = grids[j * len(grids) // n_comp] if grids else None
            if self.compound(xid, state, grid):
                professional.append((xid, pc, kid))
        return professional

    def compound(self, xid: str, st: _CommunityState, grid: str | None) -> bool:
        p, plan, rng = self.p, self.plan, self.rng
        i = self.x
        self.x += 1
        kid, pc, rc = st.kid, st.pc, st.rc
        mode = plan.mode[i]
        kinds = Attributes({"origin": plan.origin[i], "management": mode})
        self.units.append(Unit(xid, "compound", "", kid, kinds, ()))
        if grid is not None:
            self.tie(f"{xid}-ig", xid, grid, "in_grid")
        n_people = 0

        def new(party: str | None) -> str:
            nonlocal n_people
            n_people += 1
            return self.person(f"{xid}-p{n_people}", party)

        residents, households, n_b = plan.residents[i], plan.households[i], plan.buildings[i]
        pb = sec = None
        if plan.branch[i]:
            n_members = max(3, round(residents * p.party_share * rng.uniform(0.7, 1.3)))
            counted = Attributes({"party_members": n_members})
            pb = self.org(f"{xid}-pb", "compound_party_branch", xid, pc, counted)
            sec = new("active")
            self.post(f"{pb}-1", sec, pb, "secretary")
            if n_members >= 7:  # a branch of 7+ full members elects a committee of 3 to 5
                for j in range(2, (5 if n_members >= 50 else 3) + 1):
                    self.post(f"{pb}-{j}", new("active"), pb, "committee_member")
        oc = None
        if plan.owners[i]:
            oc = self.org(f"{xid}-oc", "owners_committee", xid, pb)
            self.tie(f"{oc}-gd", rc, oc, "guides")
            a, b = p.owners_committee_size
            size = rng.choice([s for s in range(a, b + 1) if s % 2])
            with_group = rng.random() < p.owners_committee_party
            if plan.cross[i] and sec is not None:
                chair = sec
            else:
                chair = new("active" if with_group else self.member_status(p.member_party_share))
            self.post(f"{oc}-1", chair, oc, "chair")
            seats = size - 1
            j = 1
            if seats and rng.random() < p.two_committees_in_oc:
                j += 1
                self.post(f"{oc}-{j}", rng.choice(st.two), oc, "member")
                seats -= 1
            for s in range(seats):
                j += 1
                role = "vice_chair" if s == 0 else "member"
                self.post(f"{oc}-{j}", new(self.member_status(p.member_party_share)), oc, role)
            if with_group:
                g = self.org(f"{xid}-ocg", "party_group", xid, pb or pc)
                self.tie(f"{g}-e", g, oc, "embedded_in")
                self.post(f"{g}-1", chair, g, "group_chief")
            if mode == "self_managed":
                self.tie(f"{xid}-man", oc, xid, "manages")
        if mode == "quasi_property":
            self.tie(f"{xid}-man", rc, xid, "manages")
        if plan.station[i]:
            self.org(f"{xid}-ss", "service_station", xid, pb or pc)
        if p.group_councils and rng.random() < p.group_councils:
            gc = self.org(f"{xid}-rg", "residents_group_council", xid, pb)
            for j in range(1, 6):  # five members, as in 002's Beiyuan compound
                member = new(self.member_status(p.member_party_share))
                self.post(f"{gc}-{j}", member, gc, "chair" if j == 1 else "member")
            if st.council is not None:
                self.tie(f"{gc}-pt", gc, st.council, "proposes_to")
        heads, party_heads = self.buildings(xid, residents, households, n_b, pb, st)
        if p.eight_roles and rng.random() < p.eight_roles and heads:
            # 003: an association of eight roles chosen from the building heads, with its
            # own party branch led by a party member among them
            va = self.org(f"{xid}-va", "volunteer_association", xid, pb)
            vpb = self.org(f"{xid}-vpb", "party_branch", xid, pc)
            self.tie(f"{vpb}-e", vpb, va, "embedded_in")
            leader = party_heads[0] if party_heads else new("active")
            self.post(f"{vpb}-1", leader, vpb, "secretary")
            for j, role in enumerate(_EIGHT_ROLES):
                self.post(f"{va}-{j + 1}", heads[j % len(heads)], va, role)
        if mode == "professional":
            mean, kappa = p.fee_mean, p.fee_concentration
            rate = round(rng.betavariate(mean * kappa, (1 - mean) * kappa), 3)
            fee = Observation(f"{xid}-fee", xid, "fee_collection_rate", rate, p.period, _SOURCE)
            self.obs.append(fee)
            return True
        return False

    def buildings(
        self,
        xid: str,
        residents: int,
        households: int,
        n_b: int,
        pb: str | None,
        st: _CommunityState,
    ) -> tuple[list[str], list[str]]:
        """The buildings of a compound, their heads, party groups and (optionally) households.

        Returns the building heads, and those of them who are party members. This is the
        hot loop of a large city: bound methods and classes are held in locals.
        """
        p, rng = self.p, self.rng
        rnd = rng.random
        gauss = rng.gauss
        exp = math.exp
        uni = rng.uniform
        hh = _allocate(households, [exp(0.35 * gauss(0.0, 1.0)) for _ in range(n_b)], 1)
        extra = _allocate(residents - households, [h * uni(0.9, 1.1) for h in hh], 0)
        add_unit, add_person, add_post, add_org = (
            self.units.append,
            self.people.append,
            self.posts.append,
            self.orgs.append,
        )
        unit_, person_, post_, org_, attrs_ = Unit, Person, Post, Organization, Attributes
        p_head, p_group, p_party = p.building_heads, p.building_groups, p.head_party_share
        all_heads = p_head >= 1.0
        status = self.status
        rc = st.rc
        rc_n = st.rc_n
        heads: list[str] = []
        members: list[str] = []
        hh_units = self.hh_units
        for b in range(n_b):
            bid = f"{xid}-b{b + 1}"
            h = hh[b]
            r = h + extra[b]
            add_unit(unit_(bid, "building", "", xid, attrs_({"households": h, "residents": r}), ()))
            group = pb is not None and rnd() < p_group
            head = None
            if all_heads or rnd() < p_head:
                head = f"{bid}-p1"
                party = "active" if group else (status() if rnd() < p_party else None)
                add_person(person_(head, "", party))
                rc_n += 1
                where = attrs_({"building": bid})
                add_post(post_(f"{rc}-{rc_n}", head, rc, "building_head", None, None, where))
                heads.append(head)
                if party is not None:
                    members.append(head)
            if group:
                gid = f"{bid}-pg"
                add_org(org_(gid, "building_party_group", "", bid, pb, _NONE, ()))
                if head is None:
                    head = f"{bid}-p1"
                    add_person(person_(head, "", "active"))
                add_post(post_(f"{gid}-1", head, gid, "group_chief"))
            if hh_units:
                rc_n = self.households(bid, h, r, rc, rc_n)
        st.rc_n = rc_n
        return heads, members

    def households(self, bid: str, h: int, r: int, rc: str, rc_n: int) -> int:
        """Household units of a building and neighbour chiefs serving 5–15 of them (004)."""
        rng = self.rng
        sizes = _allocate(r, [rng.uniform(0.5, 1.5) for _ in range(h)], 1)
        hids = [f"{bid}-h{j + 1}" for j in range(h)]
        for hid, size in zip(hids, sizes, strict=True):
            self.units.append(Unit(hid, "household", "", bid, Attributes({"residents": size}), ()))
        k = 1
        if h >= 5:  # chiefs of about uniform(5, 15) households each, within 5–15
            k = min(max(round(h / rng.uniform(5.0, 15.0)), -(-h // 15)), h // 5)
        start = 0
        for c in range(k):
            n = h // k + (1 if c < h % k else 0)
            chief = self.person(f"{bid}-p{c + 2}", self.member_status(self.p.head_party_share))
            rc_n += 1
            self.post(f"{rc}-{rc_n}", chief, rc, "neighbour_chief")
            for j, hid in enumerate(hids[start : start + n]):
                self.tie(f"{chief}-r{j + 1}", chief, hid, "responsible_for")
            start += n
        return rc_n

    def companies(self, sid: str, professional: list[tuple[str, str, str]]) -> None:
        """Property companies of a street, each managing a run of neighbouring compounds."""
        p, rng = self.p, self.rng
        q = 1.0 / p.compounds_per_company
        log_fail = math.log(1.0 - q) if q < 1 else None
        if log_fail == 0.0:  # q below the float precision of 1 - q: one huge company
            log_fail = math.log1p(-q)
        i = j = 0
        while i < len(professional):
            j += 1
            size = 1
            if log_fail is not None:
                size += int(min(math.log(1.0 - rng.random()) / log_fail, len(professional)))
            run = professional[i : i + size]
            i += size
            home, pc, _ = run[0]
            red = rng.random() < p.property_branches  # a "red property" company
            cid = self.org(f"{sid}-pm{j}", "property_company", home)
            manager = self.person(f"{cid}-p1", "active" if red else None)
            self.post(f"{cid}-1", manager, cid, "manager")
            for m, (xid, _, _) in enumerate(run):
                self.tie(f"{cid}-m{m + 1}", cid, xid, "manages")
            if red:
                b = self.org(f"{cid}-pb", "property_party_branch", home, pc)
                self.tie(f"{b}-e", b, cid, "embedded_in")
                self.post(f"{b}-1", manager, b, "secretary")


@attrs.define
class _CommunityState:
    kid: str
    pc: str
    rc: str
    rc_n: int
    two: list[str]
    council: str | None


# -- public entry points ---------------------------------------------------------------------------


def _resolve(preset_: str | Params | None, default: str, overrides: Mapping[str, Any]) -> Params:
    if preset_ is None:
        preset_ = default
    p = preset(preset_) if isinstance(preset_, str) else preset_
    if not isinstance(p, Params):
        raise TypeError(f"preset must be a preset name or a Params, not {type(p).__name__}")
    if overrides:
        names = {a.name for a in attrs.fields(Params)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            import difflib

            hints = []
            for u in unknown:
                close = difflib.get_close_matches(u, sorted(names), n=1)
                hints.append(f"{u!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise TypeError(f"unknown synthesis parameter {', '.join(hints)}")
        p = attrs.evolve(p, **overrides)
    return p


def _describe(p: Params) -> str:
    """The preset a set of parameters comes from, and what was changed in it."""
    base = PRESETS.get(p.name)
    if base is None:
        return f"custom parameters named {p.name!r}"
    changed = [
        f"{a.name}={getattr(p, a.name)!r}"
        for a in attrs.fields(Params)
        if getattr(p, a.name) != getattr(base, a.name)
    ]
    return f"preset {p.name!r}" + (f" with {', '.join(changed)}" if changed else "")


def _check_arguments(seed: int, households_as_units: bool) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an integer, not {type(seed).__name__}")
    if seed < 0:  # random.Random(-s) is random.Random(s): two seeds, one structure
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    if not isinstance(households_as_units, bool):
        raise TypeError(f"households_as_units must be True or False, not {households_as_units!r}")


def _generate(
    p: Params,
    n: int,
    districts: int,
    *,
    as_city: bool,
    seed: int,
    households_as_units: bool,
) -> Structure:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"compounds must be a positive integer, got {n!r}")
    if isinstance(districts, bool) or not isinstance(districts, int) or districts < 1:
        raise ValueError(f"districts must be a positive integer, got {districts!r}")
    rng = random.Random(seed)
    plan = _plan(p, n, districts, rng)
    b = _Builder(p, plan, rng, households_as_units)
    root: str | None = None
    if as_city:
        root = "city"
        b.units.append(Unit(root, "city", "", None, _NONE, ()))
    # The entities hold no reference cycles: pausing the cyclic collector while a million of
    # them are made saves about a fifth of the time, and changes nothing else.
    paused = gc.isenabled()
    gc.disable()
    try:
        s0 = 0
        for d, n_streets in enumerate(plan.streets_in_district):
            b.district(f"d{d + 1}", root, n_streets, s0)
            s0 += n_streets
    finally:
        if paused:
            gc.enable()

    fn = "city" if as_city else "district"
    params = _describe(p)
    hh = ", households as units" if households_as_units else ""
    description = (
        f"Synthetic data, not a real place: generated by govmodel.synth.{fn} from seed "
        f"{seed} with {params}; {n} compounds{hh}. Distributions calibrated to the source "
        "reports as documented in the guide 'Synthetic structures'."
    )
    info: dict[str, Scalar] = {
        "generator": f"govmodel.synth.{fn}",
        "preset": p.name,
        "compounds": n,
        "households_as_units": households_as_units,
    }
    metadata = Metadata(
        name=f"synthetic-{p.name}",
        title=f"Synthetic {fn} ({p.name})",
        description=description,
        place=p.place,
        model=(p.model,) if p.model else (),
        source=p.source,
        synthetic=True,
        seed=seed,
        attributes=Attributes(info),
    )
    return Structure(
        units=b.units,
        organizations=b.orgs,
        people=b.people,
        posts=b.posts,
        ties=b.ties,
        observations=b.obs,
        metadata=metadata,
    )


def district(
    compounds: int | None = None,
    *,
    seed: int = 0,
    preset: str | Params | None = None,
    households_as_units: bool = False,
    **overrides: Any,
) -> Structure:
    """A synthetic district, generated from a seed.

    Parameters
    ----------
    compounds
        The number of residential compounds; by default the preset's (for a city preset,
        its compounds divided by its districts). The preset's other counts (streets,
        communities, villages, buildings, residents, service stations) scale with it.
    seed
        The seed of the :class:`random.Random` that draws everything, a non-negative
        integer (``random.Random`` reads ``-3`` as ``3``).
    preset
        A preset name (:data:`PRESETS`: ``"xihu"``, ``"jinfeng"``, ``"chengdu"``,
        ``"changsha"``, ``"yuetang"``, ``"district"``, ``"city"``) or a :class:`Params`;
        default ``"district"``, the benchmark's district.
    households_as_units
        Also generate every household as a unit inside its building, with neighbour chiefs
        each ``responsible_for`` 5–15 of them (004). Heavy: about 25 times more units.
    **overrides
        Fields of :class:`Params` to change (``coverage=1.0``).

    Returns
    -------
    Structure
        Valid under ``govmodel.validate(s, strict=True)``; ``metadata.synthetic`` is true,
        ``metadata.seed`` the seed, ``metadata.model`` the preset's model.

    Notes
    -----
    The generative model and every distribution, with its source, are in
    :doc:`/guide/synthetic`. The same arguments always give an equal structure.
    Complexity: linear in the number of entities (about 50 per compound by default).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel import synth
    >>> s = synth.district(60, seed=3, preset="yuetang", coverage=1.0)
    >>> k = s.kinds()
    >>> k["units"]["compound"], k["organizations"]["compound_party_branch"]
    (60, 60)
    >>> s.metadata.model, s.metadata.seed
    (('four_level',), 3)
    >>> again = synth.district(60, seed=3, preset="yuetang", coverage=1.0)
    >>> govmodel.dumps(s) == govmodel.dumps(again)
    True
    """
    _check_arguments(seed, households_as_units)
    p = _resolve(preset, "district", overrides)
    n = compounds if compounds is not None else max(1, round(p.compounds / p.districts))
    return _generate(
        p,
        n,
        1,
        as_city=False,
        seed=seed,
        households_as_units=households_as_units,
    )


def city(
    compounds: int | None = None,
    *,
    seed: int = 0,
    preset: str | Params | None = None,
    districts: int | None = None,
    households_as_units: bool = False,
    **overrides: Any,
) -> Structure:
    """A synthetic city of several districts, generated from a seed.

    Parameters
    ----------
    compounds
        The number of residential compounds in the city; by default the preset's (times
        ``districts`` for a district preset). The other counts scale with it.
    seed
        The seed of the :class:`random.Random` that draws everything, a non-negative
        integer.
    preset
        A preset name or a :class:`Params`; default ``"city"``, the benchmark's city
        (400 streets, 4,000 communities, 20,000 compounds, 400,000 buildings).
    districts
        The number of districts, each with at least one street, community and compound
        (so at most ``compounds``); by default the preset's, scaled with ``compounds``.
    households_as_units
        As for :func:`district`.
    **overrides
        Fields of :class:`Params` to change.

    Returns
    -------
    Structure
        A ``city`` unit containing the districts; valid under strict validation.

    Raises
    ------
    ValueError
        When ``compounds`` or ``districts`` is not a positive integer, ``districts``
        exceeds ``compounds``, or ``seed`` is negative.
    TypeError
        When ``seed`` is not an integer or ``households_as_units`` not a bool.

    Notes
    -----
    The full benchmark city (``city(seed=1)``) has about 1.1 million nodes; its measured
    generation time is in :doc:`/guide/synthetic`.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel import synth
    >>> s = synth.city(200, seed=1, districts=2)
    >>> k = s.kinds()["units"]
    >>> k["city"], k["district"], k["street"], k["community"], k["compound"], k["building"]
    (1, 2, 4, 40, 200, 4000)
    >>> govmodel.validate(s, strict=True)
    ()
    """
    _check_arguments(seed, households_as_units)
    p = _resolve(preset, "city", overrides)
    if type(districts) is int and type(compounds) is int and districts > compounds > 0:
        raise ValueError(
            f"districts ({districts}) cannot exceed compounds ({compounds}): every district "
            "has at least one compound"
        )
    if districts is None:
        if compounds is None:
            districts = p.districts
        else:
            districts = max(1, round(p.districts * compounds / p.compounds))
    n = compounds if compounds is not None else round(p.compounds * districts / p.districts)
    return _generate(
        p,
        n,
        districts,
        as_city=True,
        seed=seed,
        households_as_units=households_as_units,
    )

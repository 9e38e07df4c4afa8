"""The five compound types of Xihu (000): work-unit, old neighbourhood, affordable housing,
resettlement and commodity housing."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import ClassVar, Final

import attrs

from govmodel.classify.base import (
    ClassDef,
    Classifier,
    Label,
    Reason,
    Source,
    _as_int,
    _fact,
    _integer,
    _is_bool,
    _is_int,
    _reason,
    _says_nothing,
    _truthy,
    _value,
)
from govmodel.index import StructureIndex
from govmodel.spec import Scalar, Unit
from govmodel.vocab import BUILTIN

__all__ = [
    "CFPS_CZ701",
    "HOUSING_PROGRAMMES",
    "CfpsCode",
    "CompoundType",
    "compound_type",
]

_ORIGINS = ("work_unit", "old_neighbourhood", "affordable", "resettlement", "commodity")
#: The attributes the label is decided by.
_READS = (
    "origin",
    "cfps_cz701",
    "housing_programme",
    "former_work_unit",
    "management",
    "built_year",
    "built",
)

#: The key of a unit without attributes (:meth:`CompoundType._label_unit`).
_NO_FACTS: Final = tuple(_fact(None) for _ in _READS)


def _origin_class(value: str, description: str) -> ClassDef:
    t = BUILTIN.term("origins", value)
    return ClassDef(value, t.en, t.zh, description)


@attrs.frozen
class CfpsCode:
    """One code of the CFPS community item ``cz701`` and the compound type it maps to.

    ``en`` is the code's label in the CFPS English codebook; ``origin`` the govmodel compound
    type (``None``: the code does not decide one); ``approximate`` marks a mapping that is a
    judgement rather than a match of categories.
    """

    code: int
    en: str
    origin: str | None
    approximate: bool = False


#: The codes of the China Family Panel Studies community ("village/residence", 村居) item
#: ``cz701``, type of the community, as in the CFPS 2012 and 2014 community codebooks (code 7
#: in 2012 only), mapped to compound types. See ``docs/classifiers.md``.
CFPS_CZ701: Mapping[int, CfpsCode] = {
    c.code: c
    for c in (
        CfpsCode(1, "Shantytown", "old_neighbourhood", approximate=True),
        CfpsCode(2, "Old urban neighborhood without renewal", "old_neighbourhood"),
        CfpsCode(
            3, "Residential area of the work unit of an industrial/mining enterprise", "work_unit"
        ),
        CfpsCode(
            4, "Residential area of the work unit of a government/public institution", "work_unit"
        ),
        CfpsCode(5, "Economical housing community", "affordable"),
        CfpsCode(6, "Ordinary commercial housing community", "commodity"),
        CfpsCode(7, "Community of price- and size-controlled housing", "affordable", True),
        CfpsCode(8, "High-quality and high-class commercial housing / villa area", "commodity"),
        CfpsCode(9, "Urban residential area newly transformed from village", "resettlement", True),
        CfpsCode(10, "Migrant community", None),
        CfpsCode(77, "Other", None),
    )
}

#: Values of a unit's ``housing_programme`` attribute and the compound type each implies.
HOUSING_PROGRAMMES: Mapping[str, str] = {
    "affordable": "affordable",  # 保障性住房
    "economical": "affordable",  # 经济适用房
    "public_rental": "affordable",  # 公共租赁住房
    "low_rent": "affordable",  # 廉租房
    "price_controlled": "affordable",  # 限价商品房
    "shared_ownership": "affordable",  # 共有产权房
    "resettlement": "resettlement",  # 安置房
    "relocation": "resettlement",  # 拆迁安置房
    "commodity": "commodity",  # 商品房
    "work_unit": "work_unit",  # 单位房 / 房改房
}


@attrs.frozen
class CompoundType(Classifier):
    """The type of a compound by its origin and residents: the five types of Xihu (000).

    Rules, in order (the first that decides gives the label):

    1. ``origin-attribute``: the unit's ``origin`` attribute, a term of the ``origins``
       vocabulary (``work_unit``, ``old_neighbourhood``, ``affordable``, ``resettlement``,
       ``commodity``), is the type (``details["basis"] = "declared"``). Another value is
       noted (``origin-unrecognised``) and the next rules are tried.
    2. ``cfps-cz701``: the ``cfps_cz701`` attribute, a code of the CFPS community item
       ``cz701`` (:data:`CFPS_CZ701`): 1 shantytown and 2 old unrenovated neighbourhood → old
       neighbourhood; 3, 4 work-unit residential areas → work-unit; 5 economical housing and
       7 price-controlled housing → affordable; 6 ordinary and 8 high-end commodity housing →
       commodity; 9 area newly converted from a village → resettlement (``basis = "survey"``;
       codes 1, 7 and 9 are marked ``approximate``). Codes 10 (migrant community), 77 (other)
       and unknown or negative codes decide nothing (noted: ``cfps-cz701-undecided``).
    3. ``housing-programme``: the ``housing_programme`` attribute (:data:`HOUSING_PROGRAMMES`):
       ``affordable``, ``economical``, ``public_rental``, ``low_rent``, ``price_controlled``,
       ``shared_ownership`` → affordable; ``resettlement``, ``relocation`` → resettlement;
       ``commodity``; ``work_unit`` (``basis = "derived"``); another value is noted
       (``housing-programme-unrecognised``).
    4. ``former-work-unit``: a non-empty ``former_work_unit`` attribute (the name or id of the
       work unit that built the compound, or ``True``) → work-unit (``derived``).
    5. ``managed-by-work-unit``: ``management`` is ``work_unit`` → work-unit (``derived``).
    6. ``built-year`` (when ``use_built_year``): a ``built_year`` (or, when it holds no
       whole number, ``built``) before ``reform_year`` (1998, when welfare allocation of
       housing ended) → old neighbourhood;
       in or after it → commodity (``basis = "heuristic"``: with no other evidence, housing
       built before the reform is taken as old neighbourhood, after it as market housing).
    7. ``no-evidence``: ``unknown``.

    Parameters
    ----------
    use_built_year
        Whether rule 6 applies (``True`` or ``False``).
    reform_year
        The year (an ``int``) dividing old from market housing in rule 6.

    Raises
    ------
    TypeError
        If ``use_built_year`` is not a ``bool`` or ``reform_year`` not an ``int``.

    Notes
    -----
    ``details``: ``basis`` (``declared``, ``survey``, ``derived``, ``heuristic`` or
    ``none``), ``attribute`` (the attribute that decided), and ``approximate`` for CFPS codes.

    Reads each compound's own attributes. Complexity: :math:`O(1)` a compound, once the
    structure is indexed.

    References
    ----------
    Xihu district, Nanchang (source report 000): 629 compounds in "five types". China Family
    Panel Studies (CFPS), Institute of Social Science Survey, Peking University: community
    questionnaire, item ``cz701``.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import compound_type
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", origin="resettlement")
    >>> G.add_node("x2", entity="unit", kind="compound", cfps_cz701=4)
    >>> G.add_node("x3", entity="unit", kind="compound")
    >>> labels = compound_type(G)
    >>> [(x, lab.value, lab.zh) for x, lab in labels.items()]
    [('x1', 'resettlement', '安置型'), ('x2', 'work_unit', '单位型'), ('x3', 'unknown', '类型不明')]
    >>> labels["x2"].reasons[0].rule
    'cfps-cz701'
    """

    name: ClassVar[str] = "compound_type"
    en: ClassVar[str] = "compound type"
    zh: ClassVar[str] = "小区类型"
    reference: ClassVar[str] = (
        "Xihu district, Nanchang (000): five compound types; CFPS community questionnaire cz701"
    )
    classes: ClassVar[tuple[ClassDef, ...]] = (
        _origin_class("work_unit", "Built by a work unit (danwei) for its staff."),
        _origin_class(
            "old_neighbourhood", "An old, often open neighbourhood of long-time residents."
        ),
        _origin_class("affordable", "Government-supported affordable or public rental housing."),
        _origin_class(
            "resettlement", "Built to rehouse residents displaced by demolition or land use."
        ),
        _origin_class("commodity", "Market housing sold by a developer."),
        ClassDef("unknown", "type unknown", "类型不明", "No attribute decides the type."),
    )

    use_built_year: bool = attrs.field(default=True, validator=_is_bool)
    reform_year: int = attrs.field(default=1998, converter=_as_int, validator=_is_int)

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        unit = ix.unit(subject)
        assert unit is not None
        return self._label_unit(unit, subject, self._shared(ix))

    def _labeller(self, ix: StructureIndex) -> Callable[[str], Label]:
        if not self._defines_labels(CompoundType):
            return super()._labeller(ix)
        shared, label, unit = self._shared(ix), self._label_unit, ix.unit

        def one(subject: str) -> Label:
            got = unit(subject)
            assert got is not None
            return label(got, subject, shared)

        return one

    def _label_unit(self, unit: Unit, subject: str, shared: dict[Hashable, Label]) -> Label:
        """The label of ``unit`` (whose id is ``subject``), of those kept in ``shared``
        (:meth:`~govmodel.classify.base.Classifier._shared`) when a unit with the same
        attributes has one."""
        # The label depends on the unit's attributes alone: one label for each combination
        # of them, shared by the units that have it (an origin of the five decides alone).
        attributes = unit.attributes
        origin = attributes.get("origin")
        if type(origin) is str and origin in _ORIGINS:
            key: Hashable = origin
        else:
            key = tuple(_fact(_value(unit, a)) for a in _READS) if attributes else _NO_FACTS
        got = shared.get(key)
        if got is None:
            got = shared[key] = self._decide(unit, subject)
        return self._again(got, subject)

    def _decide(self, unit: Unit, subject: str) -> Label:
        def data(name: str) -> Scalar | None:
            # a value that says nothing (NaN, a blank string) is none: not noted
            got = _value(unit, name)
            return None if got is None or _says_nothing(got) else got

        notes: list[Reason] = []

        origin = data("origin")
        if origin is not None:
            if origin in _ORIGINS:
                why = _reason(
                    "origin-attribute",
                    f"the compound's origin is {origin!r}",
                    {"origin": origin},
                )
                return self._done(subject, str(origin), notes, why, "declared", "origin")
            notes.append(
                _reason(
                    "origin-unrecognised",
                    f"origin {origin!r} is not one of the five types; other attributes tried",
                    {"origin": origin},
                )
            )

        raw = data("cfps_cz701")
        if raw is not None:
            code = _integer(raw)
            entry = CFPS_CZ701.get(code) if code is not None else None
            if entry is not None and entry.origin is not None:
                approx = " (an approximate mapping)" if entry.approximate else ""
                why = _reason(
                    "cfps-cz701",
                    f"CFPS cz701 code {entry.code} ({entry.en}) maps to {entry.origin!r}{approx}",
                    {"cfps_cz701": entry.code, "approximate": entry.approximate},
                )
                return self._done(
                    subject,
                    entry.origin,
                    notes,
                    why,
                    "survey",
                    "cfps_cz701",
                    approximate=entry.approximate,
                )
            what = f"code {code} ({entry.en})" if entry else f"value {raw!r}"
            notes.append(
                _reason(
                    "cfps-cz701-undecided",
                    f"CFPS cz701 {what} does not decide a type",
                    {"cfps_cz701": raw},
                )
            )

        programme = data("housing_programme")
        if programme is not None:
            mapped = HOUSING_PROGRAMMES.get(str(programme))
            if mapped is not None:
                why = _reason(
                    "housing-programme",
                    f"housing programme {programme!r} makes it {mapped!r}",
                    {"housing_programme": programme},
                )
                return self._done(subject, mapped, notes, why, "derived", "housing_programme")
            notes.append(
                _reason(
                    "housing-programme-unrecognised",
                    f"housing programme {programme!r} is not recognised",
                    {"housing_programme": programme},
                )
            )

        former = data("former_work_unit")
        if _truthy(former):
            assert former is not None
            why = _reason(
                "former-work-unit",
                f"the compound was built by a work unit ({former!r})",
                {"former_work_unit": former},
            )
            return self._done(subject, "work_unit", notes, why, "derived", "former_work_unit")

        if data("management") == "work_unit":
            why = _reason(
                "managed-by-work-unit",
                "the compound is managed by its original work unit",
                {"management": "work_unit"},
            )
            return self._done(subject, "work_unit", notes, why, "derived", "management")

        # the first of built_year and built that holds a whole number: a built_year that
        # holds none (NaN, "", "unknown") leaves built to decide
        year_attribute, year = next(
            ((a, y) for a in ("built_year", "built") if (y := _integer(data(a))) is not None),
            (None, None),
        )
        if self.use_built_year and year_attribute and year is not None:
            before = year < self.reform_year
            value = "old_neighbourhood" if before else "commodity"
            side = "before" if before else "in or after"
            why = _reason(
                "built-year",
                f"built in {year}, {side} the {self.reform_year} housing reform, with no other "
                f"evidence: taken as {value!r}",
                {year_attribute: year, "reform_year": self.reform_year},
            )
            return self._done(subject, value, notes, why, "heuristic", year_attribute)

        why = _reason(
            "no-evidence",
            "no origin, CFPS code, housing programme, work unit or building year decides the type",
            {},
        )
        return self.label(subject, "unknown", [*notes, why], {"basis": "none"})

    def _done(
        self,
        subject: str,
        value: str,
        notes: list[Reason],
        why: Reason,
        basis: str,
        attribute: str,
        *,
        approximate: bool = False,
    ) -> Label:
        details: dict[str, Scalar] = {"basis": basis, "attribute": attribute}
        if attribute == "cfps_cz701":
            details["approximate"] = approximate
        return self.label(subject, value, [*notes, why], details)


def compound_type(
    source: Source, *, use_built_year: bool = True, reform_year: int = 1998
) -> dict[str, Label]:
    """The type of every compound, by compound id (see :class:`CompoundType`).

    ``source`` is a structure, its :class:`~govmodel.index.StructureIndex` or a govmodel
    graph (:func:`~govmodel.classify.read_index`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import compound_type
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", built_year=1985)
    >>> lab = compound_type(G)["x1"]
    >>> lab.value, lab.details["basis"]
    ('old_neighbourhood', 'heuristic')
    >>> compound_type(G, use_built_year=False)["x1"].value
    'unknown'

    The Xihu dataset has a compound of each of the five types:

    >>> import govmodel
    >>> s = govmodel.datasets.load("xihu")
    >>> sorted({lab.value for lab in compound_type(s).values()})
    ['affordable', 'commodity', 'old_neighbourhood', 'resettlement', 'work_unit']
    """
    return CompoundType(use_built_year=use_built_year, reform_year=reform_year).classify_all(source)

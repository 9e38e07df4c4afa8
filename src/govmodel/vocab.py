"""The controlled vocabulary of govmodel.

Every ``kind`` of unit and organization, every ``role`` of a post, every ``relation`` of a
tie, every ``indicator`` of an observation and the few enumerated attribute values (party
status, compound origin, property-management mode) are *terms* of this vocabulary. Each term
has an English identifier (its ``name``), an English label and a Chinese label.

A structure may declare terms of its own (see :class:`Term` and ``Structure.vocabulary``);
an undeclared term that is not built in is a problem, reported with the closest known term.

Examples
--------
>>> from govmodel.vocab import BUILTIN
>>> t = BUILTIN.term("unit_kinds", "compound")
>>> t.zh, t.en, t.rank
('小区', 'residential compound', 6)
>>> BUILTIN.suggest("organization_kinds", "owner_committee")
'owners_committee'
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

import attrs

__all__ = [
    "ATTRIBUTE_TERMS",
    "BUILTIN",
    "CATEGORIES",
    "KINSHIP",
    "OWNS",
    "RELATIVE_OF",
    "RESERVED_RELATIONS",
    "SPOUSE_OF",
    "Category",
    "Term",
    "Vocabulary",
]

Category = Literal[
    "unit_kinds",
    "organization_kinds",
    "roles",
    "relations",
    "indicators",
    "party_statuses",
    "party_mobilities",
    "origins",
    "management_modes",
]

#: The categories of the vocabulary, in the order the documentation lists them.
CATEGORIES: tuple[Category, ...] = (
    "unit_kinds",
    "organization_kinds",
    "roles",
    "relations",
    "indicators",
    "party_statuses",
    "party_mobilities",
    "origins",
    "management_modes",
)

#: How messages name one term of each category.
_SINGULAR: Mapping[str, str] = {
    "unit_kinds": "unit kind",
    "organization_kinds": "organization kind",
    "roles": "role",
    "relations": "relation",
    "indicators": "indicator",
    "party_statuses": "party status",
    "party_mobilities": "party mobility",
    "origins": "origin",
    "management_modes": "management mode",
}

IndicatorType = Literal["count", "rate", "amount", "value"]
Sector = Literal["party", "self_governance", "market", "social", "government"]

#: Attribute keys whose values must be terms of a category.
ATTRIBUTE_TERMS: Mapping[str, Category] = {
    "origin": "origins",
    "management": "management_modes",
}

#: The relation of a tie from an owner (a person) to an exclusive part (a unit): the owners'
#: roster that :mod:`govmodel.tally` counts.
OWNS = "owns"

#: The relations of a tie between two people who are spouses, or direct relatives (parents
#: and children, grandparents and grandchildren), read either way: the kin whose work for
#: a hired property-service company disqualifies an owners' committee member.
SPOUSE_OF = "spouse_of"
RELATIVE_OF = "relative_of"
KINSHIP: frozenset[str] = frozenset({SPOUSE_OF, RELATIVE_OF})

#: Relation names used by the graph for structural edges; a tie may not use them.
RESERVED_RELATIONS: frozenset[str] = frozenset(
    {"contains", "located_in", "leads", "post", "observes", "decides", "vote"}
)


def _frozen_str_set(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


@attrs.frozen
class Term:
    """One term of the vocabulary.

    Parameters
    ----------
    category
        The category the term belongs to, one of :data:`CATEGORIES`.
    name
        The identifier used in files and graphs (English, ``snake_case``).
    en, zh
        The English and Chinese labels.
    description
        A sentence on what the term means, with its source where it has one.
    rank
        Unit kinds only: the depth of the kind in the territorial hierarchy (province 1 …
        household 9). A unit must sit inside a unit of a lower rank, or inside a unit of a
        kind listed in ``within``.
    within
        Unit kinds only: kinds of unit that may contain this kind besides those of lower rank
        (for unranked kinds such as grids, the only kinds that may contain it).
    party
        Organization kinds only: whether the organization is a party organization.
    sector
        Organization kinds only: ``party``, ``self_governance``, ``market``, ``social`` or
        ``government``; the groups that brokerage and E-I measures default to.
    type
        Indicators only: ``count`` (a non-negative whole number), ``rate`` (in [0, 1]),
        ``amount`` (a non-negative quantity) or ``value`` (any finite number).
    part_of
        Indicators only: another indicator that bounds this one for the same subject and
        period (``issues_resolved`` is part of ``issues_collected``).
    head
        Roles only: whether the holder heads the organization (secretary, chair).
    """

    category: Category
    name: str
    en: str
    zh: str = ""
    description: str = ""
    rank: int | None = None
    within: frozenset[str] = attrs.field(factory=frozenset, converter=_frozen_str_set)
    party: bool = False
    sector: Sector | None = None
    type: IndicatorType | None = None
    part_of: str | None = None
    head: bool = False

    def label(self, lang: str = "en") -> str:
        """The label in ``"en"`` or ``"zh"`` (falling back to English)."""
        if lang == "zh" and self.zh:
            return self.zh
        return self.en


def _t(
    category: Category, name: str, en: str, zh: str, description: str = "", **kw: object
) -> Term:
    return Term(category, name, en, zh, description, **kw)  # type: ignore[arg-type]


def _unit(name: str, en: str, zh: str, rank: int | None, *within: str, d: str = "") -> Term:
    return Term("unit_kinds", name, en, zh, d, rank=rank, within=frozenset(within))


def _org(name: str, en: str, zh: str, sector: Sector, *, party: bool = False, d: str = "") -> Term:
    return Term("organization_kinds", name, en, zh, d, party=party, sector=sector)


def _ind(
    name: str, en: str, zh: str, type: IndicatorType, part_of: str | None = None, d: str = ""
) -> Term:
    return Term("indicators", name, en, zh, d, type=type, part_of=part_of)


_PARTITION_PARENTS = ("district", "county", "street", "town", "township", "community", "village")

_BUILTIN_TERMS: tuple[Term, ...] = (
    # -- units of territory ------------------------------------------------------------
    _unit("country", "country", "国家", 0),
    _unit("province", "province", "省", 1),
    _unit("autonomous_region", "autonomous region", "自治区", 1),
    _unit("municipality", "municipality", "直辖市", 1),
    _unit("city", "city", "市", 2),
    _unit("district", "district", "区", 3),
    _unit("county", "county", "县", 3),
    _unit("street", "street (subdistrict)", "街道", 4),
    _unit("town", "town", "镇", 4),
    _unit("township", "township", "乡", 4),
    _unit("community", "community", "社区", 5, d="The area of a residents' committee."),
    _unit("village", "village", "村", 5),
    _unit(
        "compound",
        "residential compound",
        "小区",
        6,
        d="The governance unit of the tri-partite model, 'the last 100 metres'.",
    ),
    _unit("courtyard", "courtyard", "院落", 6, d="Chengdu's courtyard, a compound-sized unit."),
    _unit("building", "building", "楼栋", 7, "grid"),
    _unit("entrance", "entrance (unit)", "单元", 8, "grid"),
    _unit("household", "household", "户", 9, "grid", "group"),
    _unit(
        "parking_space",
        "parking space",
        "车位",
        9,
        d="A parking space that is an exclusive part, counted in an owners' roster by its "
        "registered area (SPC interpretation 法释〔2009〕7号 art. 2).",
    ),
    _unit(
        "grid",
        "grid",
        "网格",
        None,
        *_PARTITION_PARENTS,
        "compound",
        "grid",
        d="A cell of grid governance: big, middle and small nets, and unit grids (001).",
    ),
    _unit(
        "area",
        "area",
        "片区",
        None,
        "street",
        "town",
        "community",
        "village",
        d="An area of a community under an area chief (004).",
    ),
    _unit(
        "group",
        "residents' group",
        "小组",
        None,
        "area",
        "community",
        "village",
        "compound",
        d="A group of households under a group chief (004) or a residents' group (002).",
    ),
    # -- organizations -----------------------------------------------------------------
    _org("district_party_committee", "district party committee", "区委", "party", party=True),
    _org(
        "street_party_working_committee",
        "street party working committee",
        "街道党工委",
        "party",
        party=True,
        d="Level 1 of the four-level party structure (004).",
    ),
    _org(
        "community_party_committee",
        "community party committee",
        "社区党委",
        "party",
        party=True,
        d="Level 2 of the four-level party structure; core of the community (001, 003).",
    ),
    _org(
        "community_party_general_branch",
        "community party general branch",
        "社区党总支",
        "party",
        party=True,
    ),
    _org(
        "compound_party_branch",
        "compound party branch",
        "小区党支部",
        "party",
        party=True,
        d="Level 3 of the four-level party structure (004); 4,328 set up in Chengdu (002).",
    ),
    _org(
        "property_party_branch",
        "property-company party branch",
        "物业党支部",
        "party",
        party=True,
        d="A party branch in a property-service company ('red property').",
    ),
    _org("party_branch", "party branch", "党支部", "party", party=True),
    _org(
        "building_party_group",
        "building party group",
        "楼栋党小组",
        "party",
        party=True,
        d="Level 4 of the four-level party structure (004).",
    ),
    _org("party_group", "party group", "党小组", "party", party=True),
    _org("residents_committee", "residents' committee", "社区居委会", "self_governance"),
    _org("villagers_committee", "villagers' committee", "村委会", "self_governance"),
    _org("owners_committee", "owners' committee", "业委会", "self_governance"),
    _org("owners_assembly", "owners' assembly", "业主大会", "self_governance"),
    _org(
        "supervision_committee",
        "residents' affairs supervision committee",
        "居务监督委员会",
        "self_governance",
    ),
    _org(
        "community_council",
        "community council",
        "社区议事会",
        "self_governance",
        d="Chengdu: approves projects by two thirds of its members (002).",
    ),
    _org(
        "residents_group_council",
        "residents' group council",
        "居民小组议事会",
        "self_governance",
        d="Elected by a courtyard's residents; proposes and runs projects (002).",
    ),
    _org("property_company", "property-service company", "物业服务企业", "market"),
    _org("social_enterprise", "social enterprise", "社会企业", "market"),
    _org("social_organization", "social organization", "社会组织", "social"),
    _org("volunteer_association", "volunteer association", "志愿者协会", "social"),
    _org(
        "co_building_unit",
        "co-building unit",
        "共建单位",
        "social",
        d="An outside body whose party organization signs a co-building agreement (003).",
    ),
    _org("stationed_unit", "stationed unit", "驻区单位", "social"),
    _org("party_alliance", "party-building alliance", "党建联盟", "party", party=True),
    _org("street_office", "street office", "街道办事处", "government"),
    _org("government_department", "government department", "政府部门", "government"),
    _org(
        "linked_disposal_unit",
        "linked disposal unit",
        "联动处置单位",
        "government",
        d="A district department that acts on escalated cases (001).",
    ),
    _org(
        "governance_centre",
        "governance centre",
        "综治中心",
        "government",
        d="'Three in one' with police room and grid office (001).",
    ),
    _org("work_station", "community work station", "社区工作站", "government"),
    _org("police_room", "police room", "警务室", "government"),
    _org("service_station", "party-mass service station", "党群服务站", "party"),
    # -- roles -------------------------------------------------------------------------
    _t("roles", "secretary", "secretary", "书记", head=True),
    _t("roles", "deputy_secretary", "deputy secretary", "副书记"),
    _t("roles", "part_time_deputy_secretary", "part-time deputy secretary", "兼职副书记"),
    _t("roles", "committee_member", "committee member", "委员"),
    _t("roles", "chair", "chair", "主任", head=True),
    _t("roles", "vice_chair", "vice chair", "副主任"),
    _t("roles", "member", "member", "成员"),
    _t("roles", "party_member", "party member", "党员"),
    _t("roles", "representative", "representative", "代表"),
    _t("roles", "manager", "manager", "经理", head=True),
    _t("roles", "staff", "staff", "工作人员"),
    _t("roles", "building_head", "building head", "楼栋长"),
    _t("roles", "area_chief", "area chief", "片长"),
    _t("roles", "group_chief", "group chief", "组长"),
    _t(
        "roles",
        "neighbour_chief",
        "neighbour chief",
        "邻长",
        "Serves 5–15 nearby households (004).",
    ),
    _t("roles", "grid_worker", "grid worker", "网格员"),
    _t("roles", "volunteer", "volunteer", "志愿者"),
    _t("roles", "property_supervisor", "property-service supervisor", "物业服务监督员"),
    _t("roles", "dispute_mediator", "dispute mediator", "矛盾纠纷调解员"),
    _t("roles", "customs_advocate", "customs-reform advocate", "移风易俗倡导员"),
    _t("roles", "facility_inspector", "public-facility inspector", "公共设施检查员"),
    _t("roles", "law_publicist", "policy and law publicist", "政策法律宣传员"),
    _t("roles", "civility_persuader", "civility persuader", "小区文明劝导员"),
    _t("roles", "pet_warden", "pet-keeping warden", "宠物饲养管理员"),
    _t("roles", "sanitation_warden", "sanitation warden", "环境卫生治理员"),
    # -- relations of ties -------------------------------------------------------------
    _t("relations", "serves", "serves", "服务"),
    _t("relations", "supervises", "supervises", "监督"),
    _t("relations", "guides", "guides", "指导"),
    _t("relations", "co_builds", "co-builds with", "共建"),
    _t("relations", "joint_meeting", "meets jointly with", "联席会议"),
    _t("relations", "contracts", "contracts", "委托/签约"),
    _t("relations", "manages", "manages (property)", "管理"),
    _t("relations", "links", "is linked with", "联动"),
    _t("relations", "embedded_in", "is set up in", "建在", "A party organization inside a body."),
    _t("relations", "member_of", "is a member unit of", "成员单位"),
    _t("relations", "proposes_to", "proposes to", "提议"),
    _t("relations", "escalates_to", "escalates cases to", "上报"),
    _t("relations", "in_grid", "lies in grid", "属于网格"),
    _t("relations", "responsible_for", "is responsible for", "负责"),
    _t("relations", "shares_venue", "shares a venue with", "阵地联用"),
    _t(
        "relations",
        SPOUSE_OF,
        "is the spouse of",
        "配偶",
        "Between two people, read either way.",
    ),
    _t(
        "relations",
        RELATIVE_OF,
        "is a direct relative of",
        "直系亲属",
        "Between two people, read either way: parents and children, grandparents and "
        "grandchildren.",
    ),
    _t(
        "relations",
        OWNS,
        "owns (an exclusive part)",
        "拥有(专有部分)",
        "A person owns an exclusive part of a building (a dwelling, a parking space), as "
        "the real-estate register records it: the owners' roster (Civil Code art. 272).",
    ),
    # -- indicators --------------------------------------------------------------------
    _ind("households", "households", "户数", "count"),
    _ind("residents", "residents", "居民人数", "count"),
    _ind("party_members", "party members", "党员人数", "count"),
    _ind("compounds", "compounds", "小区数", "count"),
    _ind("buildings", "buildings", "楼栋数", "count"),
    _ind("area_km2", "area (km²)", "面积(平方公里)", "amount"),
    _ind("floor_area_m2", "floor area (m²)", "建筑面积(平方米)", "amount"),
    _ind("issues_collected", "issues collected", "收集问题数", "count"),
    _ind("issues_resolved", "issues resolved", "解决问题数", "count", "issues_collected"),
    _ind("round_tables_held", "round-table meetings held", "圆桌会次数", "count"),
    _ind("micro_wishes", "micro-wishes received", "微心愿数", "count"),
    _ind(
        "micro_wishes_fulfilled",
        "micro-wishes fulfilled",
        "已实现微心愿数",
        "count",
        "micro_wishes",
    ),
    _ind("micro_projects", "micro-projects", "微实事数", "count"),
    _ind("fee_collection_rate", "property-fee collection rate", "物业费收缴率", "rate"),
    _ind("cases_reported", "cases reported", "上报事件数", "count"),
    _ind("cases_resolved", "cases resolved", "办结事件数", "count", "cases_reported"),
    _ind(
        "cases_resolved_in_grid",
        "cases resolved in the grid",
        "网格内解决数",
        "count",
        "cases_resolved",
    ),
    _ind(
        "cases_resolved_in_community",
        "cases resolved in the community",
        "社区内解决数",
        "count",
        "cases_resolved",
    ),
    _ind("service_items", "service items entering the community", "进社区事项数", "count"),
    _ind("renovated_compounds", "old compounds renovated", "改造老旧小区数", "count"),
    _ind("renovated_households", "households in renovated compounds", "改造惠及户数", "count"),
    _ind("demonstration_compounds", "demonstration compounds", "示范小区数", "count"),
    _ind(
        "awarded_compounds", "compounds awarded", "获评小区数", "count", "demonstration_compounds"
    ),
    _ind("partner_units", "partner units", "共建单位数", "count"),
    _ind("pledged_projects", "projects pledged", "认领项目数", "count"),
    _ind("projects_completed", "projects completed", "完成项目数", "count"),
    _ind("budget_yuan", "budget (yuan)", "预算(元)", "amount"),
    _ind("savings_yuan", "savings (yuan)", "节约资金(元)", "amount"),
    _ind(
        "party_members_placed",
        "party members placed in compound branches",
        "党员进小区人数",
        "count",
    ),
    _ind("party_members_with_posts", "party members given posts", "设岗定责党员数", "count"),
    _ind(
        "mobile_members_transferred", "mobile party members transferred", "流动党员转接数", "count"
    ),
    _ind("station_area_m2", "service-station floor area (m²)", "服务站面积(平方米)", "amount"),
    _ind("coverage_rate", "coverage rate", "覆盖率", "rate"),
    # -- enumerated attribute values ---------------------------------------------------
    _t("party_statuses", "active", "full party member", "正式党员"),
    _t("party_statuses", "probationary", "probationary party member", "预备党员"),
    _t("party_statuses", "dormant", "dormant party member", "休眠党员"),
    _t(
        "party_statuses",
        "mobile",
        "mobile party member",
        "流动党员",
        "A full member who is mobile; files written before the field 'mobility' say so here "
        "(party 'active' with mobility 'mobile' says the same).",
    ),
    _t("party_mobilities", "normal", "normal (where the membership is held)", "正常"),
    _t(
        "party_mobilities",
        "mobile",
        "mobile (away from the organization holding the membership)",
        "流动",
    ),
    _t("origins", "work_unit", "work-unit compound", "单位型"),
    _t("origins", "old_neighbourhood", "old neighbourhood", "老街坊"),
    _t("origins", "affordable", "affordable-housing compound", "保障型"),
    _t("origins", "resettlement", "resettlement compound", "安置型"),
    _t("origins", "commodity", "commodity-housing compound", "商品房"),
    _t("management_modes", "professional", "professional property company", "专业物业"),
    _t("management_modes", "self_managed", "managed by the owners", "业主自管"),
    _t("management_modes", "work_unit", "managed by the original work unit", "原单位管理"),
    _t(
        "management_modes",
        "quasi_property",
        "community fallback (quasi-property)",
        "准物业/社区兜底",
    ),
    _t("management_modes", "none", "no management", "无物业"),
)


@attrs.frozen
class Vocabulary:
    """A set of terms, by category and name.

    Use :data:`BUILTIN` for the built-in vocabulary and :meth:`extend` to add the terms a
    structure declares. ``Structure.vocab`` gives the vocabulary in force for a structure.
    """

    terms: Mapping[str, Mapping[str, Term]]

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> Vocabulary:
        """Build a vocabulary from terms (a later term replaces an earlier one)."""
        by_cat: dict[str, dict[str, Term]] = {c: {} for c in CATEGORIES}
        for t in terms:
            by_cat.setdefault(t.category, {})[t.name] = t
        return cls(by_cat)

    def extend(self, terms: Iterable[Term]) -> Vocabulary:
        """A new vocabulary with ``terms`` added (replacing built-in terms of the same name)."""
        terms = tuple(terms)
        if not terms:
            return self
        by_cat = {c: dict(m) for c, m in self.terms.items()}
        for t in terms:
            by_cat.setdefault(t.category, {})[t.name] = t
        return Vocabulary(by_cat)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        category, name = key
        return name in self.terms.get(category, {})

    def category(self, category: Category) -> Mapping[str, Term]:
        """The terms of one category, by name."""
        return self.terms.get(category, {})

    def term(self, category: Category, name: str) -> Term:
        """One term; raises :class:`KeyError` naming the closest known term if unknown.

        Examples
        --------
        >>> from govmodel.vocab import BUILTIN
        >>> BUILTIN.term("party_statuses", "activ")
        Traceback (most recent call last):
        ...
        KeyError: "unknown party status 'activ'; did you mean 'active'?"
        """
        try:
            return self.terms[category][name]
        except KeyError:
            hint = self.suggest(category, name)
            more = f"; did you mean {hint!r}?" if hint else ""
            what = _SINGULAR.get(category)
            if what is None:
                raise KeyError(f"unknown term {name!r} of the category {category!r}") from None
            raise KeyError(f"unknown {what} {name!r}{more}") from None

    def named(self, category: Category, name: str, lang: str = "en") -> str:
        """How reports name a term: its label in ``"en"`` or ``"zh"``
        (:meth:`Term.label`), or ``name`` itself when the vocabulary has no such term or
        it has no label.

        Examples
        --------
        >>> from govmodel.vocab import BUILTIN
        >>> BUILTIN.named("organization_kinds", "supervision_committee", "zh")
        '居务监督委员会'
        >>> BUILTIN.named("indicators", "no_such_figure")
        'no_such_figure'
        """
        term = self.terms.get(category, {}).get(name)
        return (term.label(lang) or name) if term is not None else name

    def suggest(self, category: Category, name: str) -> str | None:
        """The known term of ``category`` closest to ``name``, or ``None``.

        A name in full-width or other compatibility characters is compared in its NFKC
        form (``"ｃｏｍｐｏｕｎｄ"`` suggests ``"compound"``).

        Examples
        --------
        >>> from govmodel.vocab import BUILTIN
        >>> BUILTIN.suggest("unit_kinds", "ｃｏｍｐｏｕｎｄ")
        'compound'
        """
        names = list(self.terms.get(category, {}))
        if not name.isascii():
            name = unicodedata.normalize("NFKC", name)
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if close:
            return close[0]
        lowered = name.lower().replace("-", "_").replace(" ", "_")
        return lowered if lowered in self.terms.get(category, {}) else None

    def __iter__(self) -> Iterator[Term]:
        for category in self.terms.values():
            yield from category.values()

    def is_party(self, organization_kind: str) -> bool:
        """Whether organizations of this kind are party organizations."""
        t = self.terms.get("organization_kinds", {}).get(organization_kind)
        return bool(t and t.party)

    def rank(self, unit_kind: str) -> int | None:
        """The rank of a unit kind in the territorial hierarchy, or ``None``."""
        t = self.terms.get("unit_kinds", {}).get(unit_kind)
        return t.rank if t else None

    def may_contain(self, parent_kind: str, child_kind: str) -> bool:
        """Whether a unit of ``parent_kind`` may contain a unit of ``child_kind``.

        A kind may sit inside a kind listed in its ``within``, or inside any kind of a lower
        rank. Kinds neither ranked nor constrained by ``within`` may sit anywhere.

        Examples
        --------
        >>> from govmodel.vocab import BUILTIN
        >>> BUILTIN.may_contain("community", "compound")
        True
        >>> BUILTIN.may_contain("building", "community")
        False
        """
        units = self.terms.get("unit_kinds", {})
        child = units.get(child_kind)
        parent = units.get(parent_kind)
        if child is None or parent is None:
            return True
        if parent_kind in child.within:
            return True
        if child.rank is not None and parent.rank is not None:
            return parent.rank < child.rank
        return not child.within and child.rank is None


#: The built-in vocabulary.
BUILTIN: Vocabulary = Vocabulary.from_terms(_BUILTIN_TERMS)

"""Tri-partite compound governance ("three carriages", 三驾马车): Xihu district, Nanchang (000).

Under the leadership of the party, the residents' committee (社区居委会), the owners'
committee (业委会) and the property-service company (物业服务企业) govern every residential
compound together, "three in one" (三位一体); every compound is to have the "four haves"
(四有); the district's 629 compounds are sorted into five types (5类小区); a compound left
without management becomes a quasi-property compound (准物业服务小区); and the "happiness
trio" (幸福三重奏) of micro-wishes, micro-projects and round-table meetings brings residents'
issues to the table.

The rules read the labels of the built-in classifiers (:mod:`govmodel.classify`), computed
once per assessment over one index of the graph; the published figures are read from the
structure's observations (the latest value of the outermost units that record one, as
:func:`govmodel.metrics.hierarchy.rollup` totals them) and
:func:`govmodel.metrics.service.resolution_rate`. See ``docs/models/tripartite.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from govmodel.classify import FOUR_HAVES
from govmodel.models import (
    Context,
    Finding,
    FindingBlock,
    GovernanceModel,
    Source,
    builtin_classifier,
    labels,
    measure,
    published_figure,
    rule,
)
from govmodel.models.helpers import as_count, batches, not_a_count, pooled_rate
from govmodel.spec import Observation

__all__ = ["REPORT", "Tripartite"]

#: The source report's file name (in ``../shared/seeds/``).
REPORT = "000_c5b86c07d7092624.txt"

#: The three carriages, with their English and Chinese names, as the ``tripartite``
#: classifier names them in ``details["missing"]``.
_BODY_NAMES: Mapping[str, tuple[str, str]] = {
    "residents_committee": ("residents' committee", "社区居委会"),
    "owners_committee": ("owners' committee", "业委会"),
    "property_company": ("property-service company", "物业服务企业"),
}

#: The bodies a link of the ``tripartite`` classifier joins (``details["links"]``), in Chinese.
_LINK_NAMES_ZH: Mapping[str, str] = {
    **{key: zh for key, (_, zh) in _BODY_NAMES.items()},
    "party": "党组织",
}

_HAVE_NAMES: Mapping[str, tuple[str, str]] = {key: (en, zh) for key, en, zh in FOUR_HAVES}

#: The "happiness trio" (幸福三重奏) and the indicators that record each part of it.
HAPPINESS_TRIO: tuple[tuple[str, str, str], ...] = (
    ("round_tables_held", "round-table meetings", "幸福圆桌会"),
    ("micro_wishes", "micro-wishes", "幸福微心愿"),
    ("micro_projects", "micro-projects", "幸福微实事"),
)

_COMMUNITY_LEVEL = 5
_COMPOUND_LEVEL = 6


def _missing_bodies(ctx: Context) -> dict[str, tuple[str, ...]]:
    """By compound, the carriages it lacks, a quasi-property manager standing in for a company.

    A compound the community manages as a quasi-property compound (management mode
    ``quasi_property``) is not short of a property company: the report's remedy for an
    unmanaged compound is exactly that.
    """

    def build() -> dict[str, tuple[str, ...]]:
        mode_of = labels(ctx, "management_mode").get
        read: dict[tuple[str, bool], tuple[str, ...]] = {}  # each distinct answer read once
        out: dict[str, tuple[str, ...]] = {}
        for uid, lab in labels(ctx, "tripartite").items():
            mode = mode_of(uid)
            key = (
                str(lab.details.get("missing", "")),
                mode is not None and mode.value == "quasi_property",
            )
            missing = read.get(key)
            if missing is None:
                named, quasi = key
                parts = [m for m in named.split(",") if m]
                if quasi and "property_company" in parts:
                    parts.remove("property_company")
                missing = read[key] = tuple(parts)
            out[uid] = missing
        return out

    result: dict[str, tuple[str, ...]] = ctx.cached("tripartite.missing_bodies", build)
    return result


def _links_zh(links: str) -> str:
    """The linked pairs of ``details["links"]`` (``"a+b"``, comma-separated) in Chinese:
    ``"业委会与党组织、…"``, ``"无"`` for none."""
    pairs = [pair.split("+") for pair in links.split(",") if pair]
    return "、".join("与".join(_LINK_NAMES_ZH.get(b, b) for b in pair) for pair in pairs) or "无"


def _listed(missing: tuple[str, ...], names: Mapping[str, tuple[str, str]]) -> tuple[str, str, str]:
    """Names missing in English and in Chinese, and their keys joined, as findings list them."""
    return (
        ", ".join(names[m][0] for m in missing),
        "、".join(names[m][1] for m in missing),
        ",".join(missing),
    )


class Tripartite(GovernanceModel):
    """Tri-partite compound governance of Xihu district, Nanchang (report 000).

    Under party leadership the residents' committee, the owners' committee and the
    property-service company govern each compound together (三驾马车, 三位一体); each compound
    is to have the four haves (四有); compounds are sorted into five types; an unmanaged
    compound becomes a quasi-property compound; the happiness trio of micro-wishes,
    micro-projects and round tables collects and resolves residents' issues.

    Rules: ``tripartite.three_carriages``, ``tripartite.party_led``,
    ``tripartite.three_in_one``, ``tripartite.four_haves``, ``tripartite.five_types``,
    ``tripartite.quasi_property``, ``tripartite.happiness_trio``. Classifiers:
    ``compound_type``, ``management_mode``, ``tripartite``, ``four_haves``. Measures: the
    report's figures (compounds, round tables, issues, resolution rate, micro-wishes,
    demonstration and renovated compounds) and, per compound, the three carriages, party
    leadership and the four haves.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models.tripartite import Tripartite
    >>> a = govmodel.assess(Tripartite.example(), "tripartite")
    >>> a.metrics["round_tables_held"].value, a.metrics["issues_resolved"].value
    (1048.0, 1088.0)
    >>> round(100 * a.metrics["resolution_rate"].value, 1)
    72.8
    >>> a.metrics["compounds"].value, a.metrics["compound_types"].value
    (629.0, 5.0)
    >>> [f.subject for f in a.rule("tripartite.three_carriages").findings]
    ['xh-c3']
    >>> [f.subject for f in a.rule("tripartite.quasi_property").findings]
    ['xh-c2']
    """

    name = "tripartite"
    title = "Tri-partite compound governance"
    title_zh = "小区“三驾马车”治理"
    summary = (
        "Xihu district, Nanchang: under party leadership the residents' committee "
        "(社区居委会), the owners' committee (业委会) and the property-service company "
        "(物业服务企业) govern each residential compound together, the 'three carriages' "
        "(三驾马车) working 'three in one' (三位一体); every compound is to have the 'four "
        "haves' (四有: someone in charge, a place to deliberate, rules to act by, money to act "
        "with); the district's 629 compounds are sorted into five types (单位型, 老街坊, "
        "保障型, 安置型, 商品房) and governed by type; unmanaged old compounds become "
        "quasi-property compounds (准物业服务小区); and the 'happiness trio' (幸福三重奏) of "
        "micro-wishes, micro-projects and round-table meetings collects residents' issues: "
        "1,088 of 1,495 resolved since 2021."
    )
    source = Source(REPORT, "Xihu district, Nanchang, Jiangxi", "江西省南昌市西湖区", 2021)
    example_dataset = "xihu"

    # -- rules -----------------------------------------------------------------------------
    @rule(
        "tripartite.three_carriages",
        "Every compound has the three carriages: a residents' committee serving it, an owners' "
        "committee and a property-service company (or, failing a company, the community's "
        "quasi-property service).",
        "每个小区都有“三驾马车”:社区居委会、业委会和物业服务企业(无物业企业的由社区提供准物业服务)。",
        severity="error",
        source=f"{REPORT}: 形成党领导下的社区居委会、业委会(居民自治组织)、物业服务企业"
        "“三驾马车”“三位一体”小区治理机制",
    )
    def three_carriages(self, ctx: Context) -> Iterator[FindingBlock]:
        """Compounds short of a carriage (``tripartite`` classifier, ``details["missing"]``),
        in blocks (:meth:`Context.findings <govmodel.models.Context.findings>`)."""
        name_of = ctx.index.name_of
        listed: dict[tuple[str, ...], tuple[str, str, str, int]] = {}
        short = []  # (compound, what it lacks as findings name it)
        for uid, missing in ctx.examine(_missing_bodies(ctx).items()):
            if not missing:
                continue
            said = listed.get(missing)
            if said is None:
                said = listed[missing] = (*_listed(missing, _BODY_NAMES), 3 - len(missing))
            short.append((uid, said))
        for batch in batches(short):  # the messages made a block at a time
            names = [name_of(uid) for uid, _ in batch]
            yield from ctx.findings(
                [uid for uid, _ in batch],
                [f"{name} has no {said[0]}" for name, (_, said) in zip(names, batch, strict=True)],
                [f"{name}缺少{said[1]}" for name, (_, said) in zip(names, batch, strict=True)],
                missing=[said[2] for _, said in batch],
                present=[said[3] for _, said in batch],
            )

    @rule(
        "tripartite.party_led",
        "The bodies of every compound work under party leadership: a party organization in the "
        "compound, set up in one of its bodies, or leading one of them.",
        "每个小区的各方主体都在党组织领导下运行(小区内建有党组织、党组织建在或领导其中一方)。",
        severity="error",
        source=f"{REPORT}: 党领导下的……“三驾马车”; 不断完善“大党建”引领小区治理的工作格局",
    )
    def party_led(self, ctx: Context) -> Iterator[FindingBlock]:
        """Compounds whose bodies no party organization leads (``details["led"]``).

        A compound with none of the three bodies (label ``absent``) has no body to lead: it
        is not examined (``three_carriages`` finds it), so a structure of such compounds
        leaves the rule not applicable (000_c5b86c07d7092624.txt: 党领导下的……“三驾马车” is about the bodies)."""
        name_of = ctx.index.name_of
        bodied = [(u, lab) for u, lab in labels(ctx, "tripartite").items() if lab.value != "absent"]
        unled = [uid for uid, lab in ctx.examine(bodied) if not lab.details.get("led", False)]
        for batch in batches(unled):  # the messages made a block at a time
            names = list(map(name_of, batch))
            yield from ctx.findings(
                batch,
                [f"no party organization leads the bodies of {name}" for name in names],
                [f"{name}的各方主体未在党组织领导下运行" for name in names],
            )

    @rule(
        "tripartite.three_in_one",
        "The bodies of every compound are linked into one ('three in one'): by people holding "
        "posts in two of them, or by ties (contracts, guidance, joint meetings, supervision).",
        "每个小区的各方主体“三位一体”协同:有人员交叉任职或有委托、指导、联席会议、监督等联系。",
        severity="warning",
        source=f"{REPORT}: 自推行社区居委会、业委会、物业服务企业“三位一体”协同治理以来,"
        "成功解决了小区多头管理不能有效衔接,甚至推诿塞责的问题",
    )
    def three_in_one(self, ctx: Context) -> Iterator[FindingBlock]:
        """Compounds with two bodies or more that are not all connected (``details["linked"]``).

        Only the compounds with two bodies or more are examined: a compound with one body
        or none has nothing to link (000_c5b86c07d7092624.txt: 三位一体 joins the bodies there are), so a
        structure of such compounds leaves the rule not applicable."""
        name_of = ctx.index.name_of
        several = [
            (uid, lab)
            for uid, lab in labels(ctx, "tripartite").items()
            if isinstance(n := lab.details.get("present", 0), int) and n >= 2
        ]
        apart = [
            (uid, lab.details)
            for uid, lab in ctx.examine(several)
            if not lab.details.get("linked", False)
        ]
        said_zh: dict[str, str] = {}  # each distinct list of links said in Chinese once
        for batch in batches(apart):  # the messages made a block at a time
            names = [name_of(uid) for uid, _ in batch]
            links = [str(details.get("links", "")) for _, details in batch]
            for named in links:
                if named not in said_zh:
                    said_zh[named] = _links_zh(named)
            yield from ctx.findings(
                [uid for uid, _ in batch],
                [
                    f"the bodies of {name} are not linked (links: {named or 'none'})"
                    for name, named in zip(names, links, strict=True)
                ],
                [
                    f"{name}的各方主体之间缺乏联系(已有联系:{said_zh[named]})"
                    for name, named in zip(names, links, strict=True)
                ],
                links=links,
            )

    @rule(
        "tripartite.four_haves",
        "Every compound has the four haves: someone in charge, a place to deliberate, rules to "
        "act by and money to act with.",
        "每个小区实现“四有”:有人管事、有场所议事、有章理事、有钱办事。",
        severity="warning",
        source=f"{REPORT}: 实现每个小区“四有”,即有人管事、有场所议事、有章理事、有钱办事",
    )
    def four_haves(self, ctx: Context) -> Iterator[FindingBlock]:
        """Compounds short of one of the four haves (``four_haves`` classifier), in blocks
        (:meth:`Context.findings <govmodel.models.Context.findings>`)."""
        name_of = ctx.index.name_of
        listed: dict[str, tuple[str, str, str, int]] = {}  # by details["missing"]
        short = []  # (compound, its label's value, what it lacks as findings name it)
        for uid, lab in ctx.examine(labels(ctx, "four_haves").items()):
            named = str(lab.details.get("missing", ""))
            said = listed.get(named)
            if said is None:
                missing = tuple(m for m in named.split(",") if m)
                said = listed[named] = (
                    *_listed(missing, _HAVE_NAMES),
                    len(FOUR_HAVES) - len(missing),
                )
            if said[3] == len(FOUR_HAVES):  # it lacks none
                continue
            short.append((uid, lab.value, said))
        for batch in batches(short):  # the messages made a block at a time
            names = [name_of(uid) for uid, _, _ in batch]
            yield from ctx.findings(
                [uid for uid, _, _ in batch],
                [
                    f"{name} has {value} of the four haves; it lacks {said[0]}"
                    for name, (_, value, said) in zip(names, batch, strict=True)
                ],
                [
                    f"{name}“四有”仅有{value},缺少:{said[1]}"
                    for name, (_, value, said) in zip(names, batch, strict=True)
                ],
                missing=[said[2] for _, _, said in batch],
                count=[said[3] for _, _, said in batch],
            )

    @rule(
        "tripartite.five_types",
        "Every compound is sorted into one of the five types: work-unit, old neighbourhood, "
        "affordable housing, resettlement or commodity housing.",
        "每个小区都归入“5类小区”之一:单位型、老街坊、保障型、安置型、商品房。",
        severity="warning",
        source=f"{REPORT}: 将全区629个小区(治理单元)分为单位型小区、老街坊小区、保障型小区、"
        "安置型小区、商品房小区“5类小区”……通过分类治理",
    )
    def five_types(self, ctx: Context) -> Iterator[Finding]:
        """Compounds the ``compound_type`` classifier cannot type."""
        name_of = ctx.index.name_of
        for uid, lab in ctx.examine(labels(ctx, "compound_type").items()):
            if lab.value == "unknown":
                yield ctx.finding(
                    uid,
                    f"{name_of(uid)} is not sorted into any of the five compound types",
                    f"{name_of(uid)}未归入“5类小区”",
                )

    @rule(
        "tripartite.quasi_property",
        "A compound without a property company is served by the community as a quasi-property "
        "compound (noted).",
        "无物业服务企业的小区由社区提供准物业服务(提示)。",
        severity="info",
        source=f"{REPORT}: 让原来无人管理的老旧小区变成秩序井然的准物业服务小区",
    )
    def quasi_property(self, ctx: Context) -> Iterator[FindingBlock]:
        """Compounds whose management mode is ``quasi_property``."""
        name_of = ctx.index.name_of
        quasi = [
            (uid, str(lab.details.get("manager", "")))
            for uid, lab in ctx.examine(labels(ctx, "management_mode").items())
            if lab.value == "quasi_property"
        ]
        for batch in batches(quasi):  # the messages made a block at a time
            names = [name_of(uid) for uid, _ in batch]
            yield from ctx.findings(
                [uid for uid, _ in batch],
                [
                    f"{name} is a quasi-property compound: the community serves it "
                    "in place of a property company"
                    for name in names
                ],
                [f"{name}为准物业服务小区,由社区兜底提供物业服务" for name in names],
                manager=[manager for _, manager in batch],
            )

    @rule(
        "tripartite.happiness_trio",
        "Every community runs the happiness trio: round-table meetings, micro-wishes and "
        "micro-projects, recorded for the community or for a unit or body inside it.",
        "每个社区开展“幸福三重奏”:幸福圆桌会、幸福微心愿、幸福微实事(记录于社区本身或其内的单元、组织)。",
        severity="warning",
        source=f"{REPORT}: 奏响以“幸福微心愿、幸福微实事、幸福圆桌会”为主要内容的“幸福三重奏”",
    )
    def happiness_trio(self, ctx: Context) -> Iterator[Finding]:
        """Communities with no positive observation of one part of the trio in their subtree.

        A figure of the trio that is not an amount (:func:`as_count`: ``True``, ``"12"``,
        NaN) gives the :func:`not_a_count` warning about its subject, and counts as no
        figure."""
        ix = ctx.index
        seen = _trio_seen(ctx)
        name_of, finding = ix.name_of, ctx.finding
        trio = {t[0]: t[1:] for t in HAPPINESS_TRIO}
        listed: dict[tuple[str, ...], tuple[str, str, str]] = {}
        unreadable = [
            (o.subject, indicator, o.value)
            for indicator in trio
            for obs in ix.observed(indicator).values()
            for o in obs
            if as_count(o.value, whole=False) is None
        ]
        communities = ix.units_at_rank(_COMMUNITY_LEVEL, vocab=ctx.vocab)
        ctx.examine(
            list(dict.fromkeys([*(u.id for u in communities), *(s for s, _, _ in unreadable)]))
        )
        for subject, indicator, value in unreadable:
            yield not_a_count(ctx, subject, indicator, value)
        for u in communities:
            marks = seen.get(u.id, ())
            lacking = tuple(t for t in trio if t not in marks)
            if lacking:
                said = listed.get(lacking)
                if said is None:
                    said = listed[lacking] = _listed(lacking, trio)
                en, zh, keys = said
                name = name_of(u.id)
                yield finding(u.id, f"{name} records no {en}", f"{name}未开展{zh}", missing=keys)

    # -- classifiers -----------------------------------------------------------------------
    compound_type = builtin_classifier("compound_type", "compound type", "小区类型")
    management_mode = builtin_classifier(
        "management_mode", "property-management mode", "物业管理模式"
    )
    tripartite = builtin_classifier("tripartite", "tri-partite status", "三方协同状况")
    four_haves_label = builtin_classifier("four_haves", "four haves", "四有")

    # -- measures: the report's figures ------------------------------------------------------
    compounds = published_figure(
        "compounds",
        "compounds (reported)",
        "小区数(报告)",
        description="The `compounds` observations of the outermost units that record one.",
    )

    @measure(
        "compound_types",
        "compound types present",
        "小区类型数",
        description="The number of the five types that label at least one compound.",
        quantity="count",
    )
    def compound_types(self, ctx: Context) -> int:
        """How many of the five compound types occur among the structure's compounds."""
        return len({lab.value for lab in labels(ctx, "compound_type").values()} - {"unknown"})

    round_tables_held = published_figure(
        "round_tables_held", "round-table meetings held", "幸福圆桌会场次"
    )

    issues_collected = published_figure("issues_collected", "issues collected", "收集问题数")

    issues_resolved = published_figure("issues_resolved", "issues resolved", "解决问题数")

    @measure(
        "resolution_rate",
        "share of issues resolved",
        "问题解决率",
        description="issues_resolved / issues_collected, pooled over the outermost subjects "
        "(govmodel.metrics.service.resolution_rate).",
        quantity="share",
    )
    def resolution_rate(self, ctx: Context) -> float | None:
        """Issues resolved over issues collected (Xihu: 1,088 / 1,495 = 72.8 %)."""
        r = pooled_rate(ctx, "issues_resolved", "issues_collected")
        return None if r is None else r.value

    micro_wishes = published_figure("micro_wishes", "micro-wishes received", "微心愿数")

    @measure(
        "micro_wish_fulfilment",
        "share of micro-wishes fulfilled",
        "微心愿实现率",
        description="micro_wishes_fulfilled / micro_wishes, pooled "
        "(govmodel.metrics.service.micro_wish_fulfilment).",
        quantity="share",
    )
    def micro_wish_fulfilment(self, ctx: Context) -> float | None:
        """Micro-wishes fulfilled over micro-wishes received."""
        r = pooled_rate(ctx, "micro_wishes_fulfilled", "micro_wishes")
        return None if r is None else r.value

    demonstration_compounds = published_figure(
        "demonstration_compounds", "demonstration compounds", "示范小区数"
    )

    renovated_compounds = published_figure(
        "renovated_compounds", "old compounds renovated", "改造老旧小区数"
    )

    renovated_households = published_figure(
        "renovated_households", "households in renovated compounds", "改造惠及户数"
    )

    # -- measures per compound -------------------------------------------------------------
    @measure(
        "three_carriages",
        "compounds with the three carriages",
        "“三驾马车”齐全的小区占比",
        per="compound",
        rollup="mean",
        description="1 when the compound has all three carriages (a quasi-property manager "
        "standing in for a company), else 0.",
        quantity="share",
    )
    def three_carriages_share(self, ctx: Context) -> dict[str, float]:
        """1 for a compound with the three carriages, 0 otherwise."""
        return {uid: float(not missing) for uid, missing in _missing_bodies(ctx).items()}

    @measure(
        "party_led",
        "compounds under party leadership",
        "党建引领的小区占比",
        per="compound",
        rollup="mean",
        description="1 when a party organization leads the compound's bodies, else 0.",
        quantity="share",
    )
    def party_led_share(self, ctx: Context) -> dict[str, float]:
        """1 for a compound whose bodies a party organization leads, 0 otherwise."""
        return {
            uid: float(bool(lab.details.get("led", False)))
            for uid, lab in labels(ctx, "tripartite").items()
        }

    @measure(
        "four_haves_share",
        "share of the four haves",
        "“四有”达成度",
        per="compound",
        rollup="mean",
        description="The number of the four haves the compound has, over 4.",
        quantity="share",
    )
    def four_haves_share(self, ctx: Context) -> dict[str, float]:
        """The compound's four haves, as a share of four."""
        out: dict[str, float] = {}
        for uid, lab in labels(ctx, "four_haves").items():
            count = lab.details.get("count", 0)
            out[uid] = float(count) / len(FOUR_HAVES) if isinstance(count, int) else 0.0
        return out

    @measure(
        "households",
        "households",
        "户数",
        per="compound",
        rollup="sum",
        description="The compound's `households` attribute, where it is a count (as_count: "
        "not a bool, a string, NaN, an infinity, a negative or a fractional number).",
        quantity="count",
    )
    def households(self, ctx: Context) -> dict[str, float]:
        """The households of each compound (its ``households`` attribute); a compound
        without the attribute, or whose attribute is not a count (:func:`as_count`), is
        left out (unknown, never 0)."""
        out: dict[str, float] = {}
        for u in ctx.index.units_at_rank(_COMPOUND_LEVEL, vocab=ctx.vocab):
            n = as_count(u.attributes.get("households"))
            if n is not None:
                out[u.id] = n
        return out


def _positive(observation: Observation) -> bool:
    """Whether an observation's value is an amount above zero (:func:`as_count`: not
    ``True``, not a string, not NaN)."""
    amount = as_count(observation.value, whole=False)
    return amount is not None and amount > 0


def _trio_seen(ctx: Context) -> dict[str, set[str]]:
    """By unit, the parts of the happiness trio observed (an amount above zero) on it or
    inside it.

    One pass over the observations; each observed unit (an organization stands for the unit
    it is located in) marks itself and its ancestors.
    """

    def build() -> dict[str, set[str]]:
        ix = ctx.index
        seen: dict[str, set[str]] = {}
        for indicator, _, _ in HAPPINESS_TRIO:
            for subject, obs in ix.observed(indicator).items():
                org = ix.organization(subject)
                here = org.unit if org is not None else subject  # None: in no unit
                if here is None or ix.unit(here) is None or not any(map(_positive, obs)):
                    continue
                for a in (here, *ix.ancestors(here)):
                    marks = seen.setdefault(a, set())
                    if indicator in marks:
                        break  # the units above were marked by an earlier subject
                    marks.add(indicator)
        return seen

    result: dict[str, set[str]] = ctx.cached("tripartite.trio", build)
    return result

"""Owners' committees under the national guidance on owners' assemblies and committees
(业主大会和业主委员会指导规则, 建房〔2009〕274号), as a rule pack.

The guidance was issued by the Ministry of Housing on 2009-12-01 and applies from
2010-01-01 [S: reprints and local notices; the ministry's PDF was not read]:

- an owners' committee has 5 to 11 members, an odd number (art. 31);
- its term is at most 5 years, and its members may be re-elected (art. 32);
- it holds its first meeting, electing its chair, within 7 days of its election (the
  digest gives no article for this);
- its meetings are held with more than half of its members present, and decide by more
  than half of **all** its members (the digest gives no article for this);
- it files with the district housing department and the street office within 30 days of
  its election (art. 33; Property Management Regulations art. 16);
- a member, or a spouse or direct relative, working for the property-service company the
  owners hired, or for its affiliates, is disqualified [S: local rules, e.g. the model
  rules of several cities]. What is checked is the posts of the member and of their
  spouses and direct relatives (ties ``spouse_of`` and ``relative_of`` between two people,
  read either way): a post in a hired company, or in an organization it leads (whose chain
  of ``parent`` organizations reaches it);
- the first owners' assembly [S: the digest's summary; variants by city] is due once more
  than half of the area is delivered (超过50%: half is not enough), or two years after the
  first delivery with at least 20 % delivered (20%以上: 20 % is enough);
- vacancies [S: local rules, e.g. the model rules of several cities]: alternates
  (候补委员) fill vacant seats in the order of their rank, and the committee is re-elected
  when its members number fewer than half of its set size (不足总数的二分之一) or fewer
  than 5 (不足5人): both exclude the number (Civil Code art. 1259), so 5 of 10 seats, or 5
  members, are not yet a re-election.

The data these rules read: an ``owners_committee`` organization's posts (its members), its
fields ``term_start`` (the election) and ``term_years`` (the term the assembly set), its
attributes ``filed`` and ``first_meeting`` (dates) and ``seats`` (the set size, the
number of members the assembly elects), the posts of role ``alternate`` (its alternates,
each with the post attribute ``rank``, 1 the first), and the ``count`` of its decisions;
a compound's attributes ``floor_area_m2`` (its total floor area, else the latest
observation of that indicator), ``delivered_area_m2`` (the area delivered to buyers) and
``first_delivery`` (the day the first dwelling was delivered); the hired company is a
``property_company`` with a ``manages`` or ``contracts`` tie to the committee's compound,
to the committee or to the owners' assembly of the compound; its affiliates are the
organizations it leads (:func:`led_by`).

Examples
--------
>>> from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
>>> [r.id.split(".")[1] for r in OwnersCommitteeGuidance.rules()]
['size', 'term', 'first_meeting', 'meeting', 'filing', 'conflict', 're_election', 'alternates', 'first_assembly']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

from govmodel.errors import Problem, SpecError
from govmodel.models.base import Context, Finding, GovernanceModel, Source
from govmodel.models.law import (
    COMMITTEE_ROLES,
    LAST_DAY,
    add_days,
    assessment_day,
    count_text,
    decided_from,
    gap,
    last_day,
    law_rule,
    meeting_counts,
    meeting_shortfall,
    meeting_shortfall_zh,
    members,
    overdue,
    read_count,
    read_day,
    read_outcome,
    read_term_start,
    read_term_years,
    term_end,
    wrong_type,
)
from govmodel.spec import (
    Organization,
    Scalar,
    Structure,
    Unit,
    date_bounds,
    exact,
    is_finite_number,
)
from govmodel.vocab import KINSHIP, RELATIVE_OF, SPOUSE_OF, Term

#: The rank of compound-level units (compounds, courtyards).
_COMPOUND_LEVEL = 6

__all__ = [
    "ALTERNATE",
    "OwnersCommitteeGuidance",
    "alternate_ranks",
    "first_assembly_due",
    "hired_companies",
    "kin_of",
    "lawful_term",
    "led_by",
    "read_area",
    "read_seats",
    "term_years",
]

LAW = "Guidance on owners' assemblies and committees (业主大会和业主委员会指导规则, 建房〔2009〕274号)"
VERSION = "2009-12-01"
IN_FORCE = ("2010-01-01", None)
SOURCE = "[S] 建房〔2009〕274号 as reprinted by local housing departments"
LOCAL_SOURCE = "[S] local rules implementing the 2009 guidance"
#: The role of an alternate member (候补委员) of an owners' committee.
ALTERNATE = "alternate"


def term_years(org: Organization, default: int) -> int:
    """The term an organization's members were elected for: its field ``term_years`` (else
    the attribute of that name of files written before the field), else ``default``.

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> from govmodel.models.law.owners_committee import term_years
    >>> term_years(Organization("oc", "owners_committee", term_start="2023", term_years=3), 5)
    3
    >>> term_years(Organization("oc", "owners_committee"), 5)
    5

    Raises
    ------
    SpecError
        ``wrong-type`` when the term recorded is no whole number of years from 1 to 10
        (:func:`~govmodel.models.law.read_term_years`: ``True`` is not 1).
    """
    years = read_term_years(org)
    return default if years is None else years


def lawful_term(years: int, shortest: int, longest: int) -> int:
    """The years a term of ``years`` runs for under a law allowing ``shortest`` to
    ``longest`` (both included): ``years`` itself when allowed, else the nearest allowed
    length. A committee elected for longer than the law allows must be re-elected once
    the longest term has run; one elected for less is read as elected for the shortest.

    The term rules (:meth:`OwnersCommitteeGuidance.term_findings`) flag the term outside
    the band and date the re-election by this length, and every deadline counted from the
    term's end (Hangzhou's report before expiry) uses it too.

    Examples
    --------
    >>> from govmodel.models.law.owners_committee import lawful_term
    >>> lawful_term(6, 3, 5), lawful_term(2, 3, 5), lawful_term(4, 3, 5), lawful_term(2, 1, 5)
    (5, 3, 4, 2)
    """
    return min(max(years, shortest), longest)


def hired_companies(ctx: Context, committee: Organization) -> frozenset[str]:
    """The property-service companies the owners of a committee's compound hired: those
    tied by ``manages`` or ``contracts`` (either way) to the compound, to the committee, or
    to an owners' assembly of the compound."""
    own = _companies_linked(ctx, (committee.id,))
    if not committee.unit:
        return own
    # what the compound and its assemblies hired, found once per compound: committees
    # sharing one compound do not each read all of its organizations again
    at_unit: dict[str, frozenset[str]] = ctx.cached("owners_committee.hired_at", dict)
    hired = at_unit.get(committee.unit)
    if hired is None:
        assemblies = ctx.cached("owners_committee.assemblies_at", lambda: _assemblies_at(ctx))
        hired = at_unit[committee.unit] = _companies_linked(
            ctx, (committee.unit, *assemblies.get(committee.unit, ()))
        )
    return hired | own if own else hired


def _assemblies_at(ctx: Context) -> dict[str, list[str]]:
    """The owners' assemblies located in each unit."""
    out: dict[str, list[str]] = {}
    for o in ctx.index.orgs_of_kind("owners_assembly"):
        if o.unit is not None:
            out.setdefault(o.unit, []).append(o.id)
    return out


def _companies_linked(ctx: Context, around: Iterable[str]) -> frozenset[str]:
    """The property companies tied by ``manages`` or ``contracts`` (either way) to any of
    ``around``."""
    ix = ctx.index
    hired: set[str] = set()
    for x in around:
        for relation in ("manages", "contracts"):
            for c in ix.linked(x, relation):
                company = ix.organization(c)
                if company is not None and company.kind == "property_company":
                    hired.add(c)
    return frozenset(hired)


def led_by(ctx: Context, organization: str, companies: frozenset[str]) -> str | None:
    """The one of ``companies`` that ``organization`` is, or that leads it: the nearest
    found up its chain of ``parent`` organizations; ``None`` when none is.

    This is how the conflict rule reads "the company or its affiliates": a subsidiary or a
    branch recorded with the hired company as its ``parent`` (or its parent's parent, and
    so on) is the company's. A company that leads the hired one, or a sister company, is
    not counted.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law.owners_committee import led_by
    >>> from govmodel.spec import Organization, Structure
    >>> s = Structure(organizations=[
    ...     Organization("pc", "property_company"),
    ...     Organization("pc-sub", "property_company", parent="pc"),
    ...     Organization("pc-shop", "property_company", parent="pc-sub"),
    ...     Organization("other", "property_company")])
    >>> ctx = Context(s, GovernanceModel())
    >>> [led_by(ctx, o, frozenset({"pc"})) for o in ("pc", "pc-sub", "pc-shop", "other")]
    ['pc', 'pc', 'pc', None]

    What each organization up a chain answers is kept for the run, for each set of
    ``companies``: the members' posts of a long chain of subsidiaries read each link once,
    not once per post.
    """
    kept: dict[frozenset[str], dict[str, str | None]] = ctx.cached("owners_committee.led_by", dict)
    answers = kept.setdefault(companies, {})
    path: list[str] = []
    seen: set[str] = set()
    found: str | None = None
    current: str | None = organization
    while current is not None and current not in seen:
        if current in answers:
            found = answers[current]
            break
        if current in companies:
            found = current
            break
        seen.add(current)
        path.append(current)
        o = ctx.index.organization(current)
        current = o.parent if o is not None else None
    for x in path:  # each link of the chain walked leads to what its end does
        answers[x] = found
    return found


def _company_posts(ctx: Context, person: str) -> tuple[str, ...]:
    """The organizations ``person`` holds a post in that are property companies or are led
    by one (up their chain of ``parent`` organizations), sorted: the only ones a hired
    company can lead (:func:`led_by`). Kept for the run, with what each organization up a
    chain answers: a member of many committees is not read whole for each of them."""
    ix = ctx.index
    kept: dict[str, tuple[str, ...]] = ctx.cached("owners_committee.company_posts", dict)
    got = kept.get(person)
    if got is not None:
        return got
    under: dict[str, bool] = ctx.cached("owners_committee.under_company", dict)

    def led(organization: str) -> bool:
        path: list[str] = []
        seen: set[str] = set()
        found = False
        current: str | None = organization
        while current is not None and current not in seen:
            if current in under:
                found = under[current]
                break
            o = ix.organization(current)
            if o is not None and o.kind == "property_company":
                found = True
                break
            seen.add(current)
            path.append(current)
            current = o.parent if o is not None else None
        for x in (organization, *path):
            under[x] = found
        return found

    got = kept[person] = tuple(
        sorted(org for org in {p.organization for p in ix.posts_of(person)} if led(org))
    )
    return got


def _percent(share: Fraction) -> str:
    """A share as a percentage to one decimal, or to as many more (up to 12) as it takes
    not to show a share above half as 50.0 % (which is not more than half).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from govmodel.models.law.owners_committee import _percent
    >>> _percent(F(6, 10)), _percent(F(50001, 100000)), _percent(F(1, 2)), _percent(F(1, 5))
    ('60.0%', '50.001%', '50.0%', '20.0%')
    """
    text = f"{float(share):.1%}"
    for digits in range(2, 13):
        if share <= Fraction(1, 2) or Fraction(text[:-1]) / 100 != Fraction(1, 2):
            break
        text = f"{float(share):.{digits}%}"
    return text


def _invalid(where: str, why: str) -> SpecError:
    return SpecError([Problem("wrong-type", where, why)])


def _at_least_one(entity: object, name: str, value: object) -> int:
    """A whole number of at least 1 recorded as ``name`` (``read_count``'s reading, with 0
    refused); a missing value is ``missing-field``, any other a ``wrong-type`` saying so."""
    if value is None:
        return read_count(entity, name, value)  # raises missing-field
    try:
        n = read_count(entity, name, value)
    except SpecError:
        n = 0
    if n < 1:
        raise wrong_type(entity, name, value, "a whole number of at least 1")
    return n


def read_seats(org: Organization) -> int | None:
    """The set size of a committee: its attribute ``seats``, the number of members the
    owners' assembly elects; ``None`` when it is not recorded.

    A whole number of at least 1: ``5.0`` is 5, but ``True``, ``"7"``, ``7.5``, ``0`` and
    negative numbers are malformed.

    Raises
    ------
    SpecError
        ``wrong-type`` when the value is no whole number of at least 1.

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> from govmodel.models.law.owners_committee import read_seats
    >>> read_seats(Organization("oc", "owners_committee", attributes={"seats": 9.0}))
    9
    >>> read_seats(Organization("oc", "owners_committee")) is None
    True
    """
    value = org.attributes.get("seats")
    if value is None:
        return None
    return _at_least_one(org, "seats", value)


def read_area(ctx: Context, unit: Unit, name: str) -> Fraction:
    """An area recorded on a unit, in m², as the exact decimal it is written as: its
    attribute ``name``, else (for ``floor_area_m2``, an indicator) the latest observation of
    that indicator.

    Raises
    ------
    SpecError
        ``missing-field`` when neither records it; ``wrong-type`` when it is no finite
        number of at least 0 (``True``, ``"1200"``, NaN and negative numbers are not areas).

    Examples
    --------
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law.owners_committee import read_area
    >>> from govmodel.spec import Structure, Unit
    >>> x = Unit("x", "compound", attributes={"floor_area_m2": 30.67})
    >>> read_area(Context(Structure(units=[x]), GovernanceModel()), x, "floor_area_m2")
    Fraction(3067, 100)
    """
    value, where = _area_recorded(ctx, unit, name)
    if value is None:
        raise SpecError([Problem("missing-field", where, f"{name} is not recorded")])
    if not (is_finite_number(value) and isinstance(value, int | float) and value >= 0):
        why = f"{name} is an area in m², a number of at least 0, not {value!r}"
        raise SpecError([Problem("wrong-type", where, why)])
    return exact(value)


def _area_recorded(ctx: Context, unit: Unit, name: str) -> tuple[object, str]:
    """The value :func:`read_area` reads (``None`` when none is recorded) and its path."""
    value: object = unit.attributes.get(name)
    where = f"$.units[?(@.id=={unit.id!r})].attributes.{name}"
    if value is None and name == "floor_area_m2":
        o = ctx.index.latest(name, unit.id)
        if o is not None:
            value = o.value
            where = f"$.observations[?(@.id=={o.id!r})].value"
    return value, where


def first_assembly_due(
    delivered: Fraction, total: Fraction, first_delivery: str | None
) -> tuple[str, str | None] | None:
    """Why the first owners' assembly of a compound is due, or ``None`` when it is not.

    ``("half", None)`` when more than half of ``total`` is ``delivered`` (half is not
    enough: 超过, Civil Code art. 1259); else ``("two_years", day)`` when at least a fifth
    is delivered (20%以上: a fifth is enough) and two years have run from
    ``first_delivery`` (a partial date is read as its last day): ``day`` is the first day
    after the two years (the second anniversary is their last day, Civil Code arts.
    201-203, not moved past a statutory holiday). Shares are compared exactly. Two years
    that end after 9999-12-31 (the last day a date names) have not run on any day.

    Raises
    ------
    ValueError
        When at least a fifth but no more than half is delivered and ``first_delivery`` is
        ``None`` (whether two years have run cannot be told), or is no date.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from govmodel.models.law.owners_committee import first_assembly_due
    >>> first_assembly_due(F(5001), F(10000), None)
    ('half', None)
    >>> first_assembly_due(F(2000), F(10000), "2022-03-15")
    ('two_years', '2024-03-16')
    >>> first_assembly_due(F(1999), F(10000), "2022-03-15") is None
    True
    """
    if 2 * delivered > total:
        return ("half", None)
    if 5 * delivered < total:
        return None
    if first_delivery is None:
        raise ValueError("first_delivery is needed")
    last_day(first_delivery)  # a ValueError when it is no date
    end = term_end(first_delivery, 2)
    if end == LAST_DAY:
        return None  # the two years end on 9999-12-31, the last day a date names, or after
    return ("two_years", add_days(end, 1))


def _formed_by(history: Structure, day: str) -> Iterator[str]:
    """The units in which an owners' assembly or committee of ``history`` is located that
    started on or before ``day`` (or records no start), in force then or not; one whose
    start is no date is left to the rules that read it."""
    for o in history.organizations:
        if o.kind in ("owners_assembly", "owners_committee") and o.unit is not None:
            try:
                if o.start is None or date_bounds(o.start)[0] <= day:
                    yield o.unit
            except ValueError:
                continue


def alternate_ranks(ctx: Context, committee: Organization) -> dict[str, int]:
    """The alternates of a committee and their ranks: each person holding a post of role
    :data:`ALTERNATE` in it, with the post attribute ``rank`` (1 the first), in post order.
    A person with two such posts keeps the better (smaller) rank, whatever the order of
    the posts: the other rank is not theirs, and another person may hold it.

    Raises
    ------
    SpecError
        ``missing-field`` when an alternate's post records no ``rank``; ``wrong-type`` when
        a rank is no whole number of at least 1 (``True`` is not 1), or when two people
        keep the same rank (the order would not be told).

    Examples
    --------
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law.owners_committee import alternate_ranks
    >>> from govmodel.spec import Organization, Person, Post, Structure
    >>> s = Structure(organizations=[Organization("oc", "owners_committee")],
    ...               people=[Person("p1"), Person("p2")],
    ...               posts=[Post("a", "p1", "oc", "alternate", attributes={"rank": 2}),
    ...                      Post("b", "p2", "oc", "alternate", attributes={"rank": 1})])
    >>> alternate_ranks(Context(s, GovernanceModel()), s.organizations[0])
    {'p1': 2, 'p2': 1}
    """
    ranks: dict[str, int] = {}
    kept: dict[str, str] = {}  # each person's post of the better rank
    for post in ctx.index.posts_in(committee.id):
        if post.role != ALTERNATE:
            continue
        rank = _at_least_one(post, "rank", post.attributes.get("rank"))
        if post.person not in ranks or rank < ranks[post.person]:
            ranks[post.person] = rank
            kept[post.person] = post.id
    # the ranks kept, compared once all are read: a rank a person holds besides a better
    # one is not theirs, whichever post comes first
    holder: dict[int, str] = {}
    for post in ctx.index.posts_in(committee.id):
        if post.role != ALTERNATE or kept[post.person] != post.id:
            continue
        rank = ranks[post.person]
        other = holder.setdefault(rank, post.person)
        if other != post.person:
            where = f"$.posts[?(@.id=={post.id!r})].attributes.rank"
            why = f"rank {count_text(rank)} is held by both {other} and {post.person}"
            raise _invalid(where, why)
    return ranks


#: How a finding names a member's kin, in English and Chinese.
_KIN_WORDS = {
    SPOUSE_OF: ("their spouse", "配偶"),
    RELATIVE_OF: ("their direct relative", "直系亲属"),
}


def kin_of(ctx: Context) -> dict[str, tuple[tuple[str, str], ...]]:
    """Every person's spouses and direct relatives, with the relation: the ties
    ``spouse_of`` and ``relative_of`` between two people, read either way, in tie order
    (kept for the run).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel, measure
    >>> from govmodel.models.law.owners_committee import kin_of
    >>> from govmodel.spec import Person, Structure, Tie
    >>> class Kin(GovernanceModel):
    ...     name = "kin_example"
    ...     @measure("kin", "people with kin")
    ...     def kin(self, ctx):
    ...         return len(kin_of(ctx))
    >>> s = Structure(people=[Person("a"), Person("b")], ties=[Tie("t", "a", "b", "spouse_of")])
    >>> govmodel.assess(s, Kin).metrics["kin"].value
    2.0
    """

    def build() -> dict[str, tuple[tuple[str, str], ...]]:
        ix = ctx.index
        out: dict[str, list[tuple[str, str]]] = {}
        for relation in sorted(KINSHIP):
            for tie in ix.ties_of(relation):
                a, b = tie.source, tie.target
                if a == b or ix.person(a) is None or ix.person(b) is None:
                    continue  # kinship is between two people
                out.setdefault(a, []).append((b, relation))
                out.setdefault(b, []).append((a, relation))
        return {p: tuple(dict.fromkeys(k)) for p, k in out.items()}

    got: dict[str, tuple[tuple[str, str], ...]] = ctx.cached("owners_committee.kin", build)
    return got


class OwnersCommitteeGuidance(GovernanceModel):
    """Owners' committees under the 2009 national guidance: size, term, first meeting,
    meetings, filing, conflicts of interest; and, from local rules and summaries [S],
    vacancies (re-election, alternates) and the first owners' assembly."""

    name = "owners_committee_guidance"
    title = "Owners' committees (national guidance, 2009)"
    title_zh = "业主大会和业主委员会指导规则"
    summary = (
        "An owners' committee has 5-11 members, an odd number, elected for at most 5 years; "
        "it meets within 7 days of its election and files within 30 days; its meetings need "
        "more than half of the members present and decide by more than half of all members; "
        "no member works for the property-service company the owners hired; alternates fill "
        "vacant seats in rank order, and a committee of fewer than half its seats or fewer "
        "than 5 is re-elected; a compound's first assembly is due once more than half of its "
        "area is delivered, or two years after the first delivery with 20 % delivered."
    )
    source = Source("建房〔2009〕274号 [S]", "PRC", "中国", 2009)
    vocabulary = (
        Term(
            "roles",
            ALTERNATE,
            "alternate member",
            "候补委员",
            "An alternate member of an owners' committee, elected with it; the post's "
            "attribute rank (1 the first) is the order in which alternates fill vacant "
            "seats [S: local rules].",
        ),
    )

    #: The least and most members, and whether their number must be odd.
    size_band: tuple[int, int] = (5, 11)
    #: The longest term, in years, and the term assumed when a committee records none.
    max_term: int = 5
    #: A committee with fewer members than this is re-elected (不足5人), unless the least
    #: size it may have (:meth:`allowed_sizes`) is smaller.
    re_election_floor: int = 5

    def committees(self, ctx: Context) -> tuple[Organization, ...]:
        """The owners' committees of the structure."""
        return ctx.index.orgs_of_kind("owners_committee")

    def allowed_sizes(self, ctx: Context, committee: Organization) -> tuple[int, int]:
        """The least and most members a committee may have (a city overrides this)."""
        return self.size_band

    @law_rule(
        "owners_committee_guidance.size",
        "An owners' committee has 5 to 11 members, an odd number.",
        "业主委员会由5至11人单数组成。",
        law=LAW,
        article="31",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def size(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees whose members number outside the allowed band, or evenly."""
        yield from self.size_findings(ctx)

    def size_findings(self, ctx: Context) -> Iterator[Finding]:
        """The findings of the size rule, with the band of :meth:`allowed_sizes`: what a
        city's rule that replaces ``owners_committee_guidance.size`` yields. Both ends of
        the band are allowed (5至11人: art. 1259), and the number must be odd (单数); when
        :meth:`allowed_sizes` cannot tell the band (a :class:`~govmodel.errors.SpecError`:
        the data it needs are missing), a warning says so."""
        ix = ctx.index
        for o in ctx.examine(self.committees(ctx)):
            n = len(members(ctx, o.id))
            try:
                low, high = self.allowed_sizes(ctx, o)
            except SpecError as e:
                yield gap(ctx, o.id, e, "the committee's size")
                continue
            if not low <= n <= high or n % 2 == 0:
                band = f"{low}" if low == high else f"{low} to {high}, an odd number"
                band_zh = f"{low} 名" if low == high else f"{low} 至 {high} 名中的单数"
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} has {n} members; it should have {band}",
                    f"{ix.name_of(o.id)} 有 {n} 名委员,应为 {band_zh}",
                    members=n,
                )

    @law_rule(
        "owners_committee_guidance.term",
        "An owners' committee is elected for at most 5 years; an overdue re-election is flagged.",
        "业主委员会每届任期不超过5年,可连选连任。",
        law=LAW,
        article="32",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def term(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees elected for longer than allowed (``term_years``), or whose
        term (from ``term_start``) has ended before the assessment day."""
        yield from self.term_findings(ctx, 1, self.max_term)

    def term_findings(self, ctx: Context, shortest: int, longest: int) -> Iterator[Finding]:
        """The findings of the term rule for terms of ``shortest`` to ``longest`` years
        (both included): what a city's rule that replaces ``owners_committee_guidance.term``
        yields. A committee that records no term is elected for ``longest``; a term outside
        the band is an error, and the re-election is then due after the nearest allowed
        length (:func:`lawful_term`); a missing or malformed ``term_start`` or ``term_years`` is a warning.
        The band is the one the law of the committee's election set (:meth:`term_bands`)."""
        ix = ctx.index
        for o in ctx.examine(self.committees(ctx)):
            try:
                start = read_term_start(o)
                years = term_years(o, longest)
            except SpecError as e:
                yield gap(ctx, o.id, e, "the committee's term")
                continue
            (low, high), due_band = self.term_bands(start, shortest, longest)
            if not low <= years <= high:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} is elected for {count_text(years)} years; a term is "
                    + (f"at most {high}" if low <= 1 else f"{low} to {high}")
                    + " years",
                    f"{ix.name_of(o.id)} 任期 {count_text(years)} 年,"
                    + (f"每届任期不超过 {high} 年" if low <= 1 else f"每届任期 {low} 至 {high} 年"),
                    term_years=years,
                )
            found = overdue(ctx, o, start, lawful_term(years, *due_band))
            if found is not None:
                yield found

    def term_bands(
        self, start: str, shortest: int, longest: int
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """The terms, ``(shortest, longest)`` years, allowed to a committee elected on
        ``start``: the band within which a recorded term is lawful, and the band its
        re-election is dated by (:func:`lawful_term`). Both are the term rule's band here;
        a city whose rules came into force later overrides this, so that a committee keeps
        the term the law of its election set."""
        return (shortest, longest), (shortest, longest)

    def _within(
        self, ctx: Context, attribute: str, days: int, since: str, what: str, what_zh: str
    ) -> Iterator[Finding]:
        """Committees that did ``attribute`` later than ``days`` days after their election,
        or have not recorded it once those days have passed.

        The days are counted from the day after the election (Civil Code art. 201), so
        the last day allowed is the election's date plus ``days``, and it is allowed
        whole (art. 203 para. 2). That day is not moved past a statutory holiday: art.
        203 para. 1 (a period whose last day is a statutory holiday ends on the day after
        it) is not applied, since no official calendar of the holidays is bundled, so an
        act on the first working day after a holiday that held the last day is flagged a
        day or more early. Partial dates are read so that a finding is sure: the election
        as the last day it covers, the act as the first. A committee whose last day fell
        before ``since`` (the rule's first day in force) is not subject to the rule. As of
        a day (``as_of``), a committee elected after it is not examined, and an act dated
        after it had not yet been done."""
        ix = ctx.index
        day = assessment_day(ctx)
        subject = []
        for o in self.committees(ctx):
            try:
                start: str | None = read_term_start(o)
            except SpecError:
                start = None
            if start is not None and date_bounds(start)[0] > day:
                continue  # elected after the day assessed: nothing was due yet
            if start is None or add_days(last_day(start), days) >= since:
                subject.append(o)
        for o in ctx.examine(subject):
            try:
                start = read_term_start(o)
                done = read_day(o, attribute, o.attributes.get(attribute))
            except SpecError as e:
                yield gap(ctx, o.id, e, f"the {what} deadline")
                continue
            if done is not None and date_bounds(done)[0] > day:
                done = None  # done after the day assessed: not yet done on it
            deadline = add_days(last_day(start), days)
            if done is None:
                if deadline < day:
                    yield ctx.finding(
                        o.id,
                        f"{ix.name_of(o.id)} was elected {start}; no {what} is recorded "
                        f"(due by {deadline})",
                        f"{ix.name_of(o.id)} 于 {start} 选举产生,未见{what_zh}记录"
                        f"(应于 {deadline} 前)",
                        severity="warning",
                        due=deadline,
                    )
            elif last_day(done) < date_bounds(start)[0]:
                where = f"$.organizations[?(@.id=={o.id!r})].attributes.{attribute}"
                why = f"{attribute} ({done}) is before the election ({start})"
                before = SpecError([Problem("invalid-value", where, why)])
                yield gap(ctx, o.id, before, f"the {what} deadline")
            elif date_bounds(done)[0] > deadline:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} was elected {start}; its {what} on {done} is later "
                    f"than {days} days ({deadline})",
                    f"{ix.name_of(o.id)} 于 {start} 选举产生,{what_zh}日期 {done} 晚于选举后 "
                    f"{days} 日({deadline})",
                    due=deadline,
                )

    @law_rule(
        "owners_committee_guidance.first_meeting",
        "An owners' committee holds its first meeting, electing its chair, within 7 days "
        "of its election.",
        "业主委员会应当自选举产生之日起7日内召开首次会议,推选产生业主委员会主任和副主任。",
        law=LAW,
        article="first meeting (article not given)",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def first_meeting(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees whose attribute ``first_meeting`` is later than 7 days after
        ``term_start`` (or missing once those days have passed). The 7th day is not moved
        past a statutory holiday (Civil Code art. 203 para. 1 is not applied)."""
        yield from self._within(ctx, "first_meeting", 7, IN_FORCE[0], "first meeting", "首次会议")

    @law_rule(
        "owners_committee_guidance.meeting",
        "An owners' committee meeting is held with more than half of its members present, "
        "and decides by more than half of all its members.",
        "业主委员会会议应当有过半数委员出席,作出的决定必须经全体委员过半数同意。",
        law=LAW,
        article="meetings (article not given)",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def meeting(self, ctx: Context) -> Iterator[Finding]:
        """Decisions of an owners' committee recorded as passed without more than half of
        its members present, or without more than half of **all** its members voting yes
        (not of those present: 4 yes of 5 present pass a committee of 7, 3 do not).

        Read from the decision's ``count`` (:func:`~govmodel.models.law.meeting_counts`);
        a decision with no count, or counts that do not fit together, is a warning that
        the rule cannot check it. A decision dated before 2010-01-01 is not examined."""
        ix = ctx.index
        committees = {o.id for o in ix.orgs_of_kind("owners_committee")}
        since = IN_FORCE[0]
        for d in ctx.examine(
            d for d in ix.decisions if d.body in committees and decided_from(d, since)
        ):
            try:
                m, p, y = meeting_counts(d)
            except SpecError as e:
                yield gap(ctx, d.id, e, "the meeting rule")
                continue
            why = meeting_shortfall(m, p, y, of_all=True)  # 全体委员过半数同意
            if why is None:
                continue
            try:
                recorded = read_outcome(d)
            except SpecError as e:  # it fails: whether it is recorded as passed is unknown
                yield gap(ctx, d.id, e, "the meeting rule")
                continue
            if recorded == "passed":
                yield ctx.finding(
                    d.id,
                    f"{ix.name_of(d.id)} is recorded as passed, but {why}",
                    f"{ix.name_of(d.id)} 记为通过,但{meeting_shortfall_zh(m, p, y, of_all=True)}",
                    members=m,
                    present=p,
                    yes=y,
                )

    @law_rule(
        "owners_committee_guidance.filing",
        "An owners' committee files with the district housing department and the street "
        "office within 30 days of its election.",
        "业主委员会应当自选举产生之日起30日内,向物业所在地的区、县房地产行政主管部门和街道办事处、"
        "乡镇人民政府办理备案手续。",
        law=LAW,
        article="33",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE + "; Property Management Regulations art. 16",
    )
    def filing(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees whose attribute ``filed`` is later than 30 days after
        ``term_start`` (or missing once those days have passed). The 30th day is not moved
        past a statutory holiday (Civil Code art. 203 para. 1 is not applied): a committee
        elected on 2023-09-01 that filed on 2023-10-07, the first working day after the
        National Day holiday that held its 30th day, is flagged, though the law allowed
        it."""
        yield from self._within(ctx, "filed", 30, IN_FORCE[0], "filing", "备案")

    @law_rule(
        "owners_committee_guidance.conflict",
        "No member of an owners' committee works for the property-service company the "
        "owners hired, or for an organization it leads.",
        "业主委员会委员不得在本物业管理区域的物业服务企业任职。",
        law=LAW,
        article="conflict of interest (local rules; article not given)",
        version=VERSION,
        in_force=IN_FORCE,
        source="[S] local rules implementing the 2009 guidance",
    )
    def conflict(self, ctx: Context) -> Iterator[Finding]:
        """Members of an owners' committee who, or whose spouse or direct relative (a tie
        ``spouse_of`` or ``relative_of`` between two people, either way), hold a post in a
        property-service company hired for the committee's compound
        (:func:`hired_companies`), or in an organization that company leads
        (:func:`led_by`).

        Only a committee whose owners hired a company is examined: with none there is
        nothing to compare, so a structure with no such committee leaves the rule *not
        applicable*."""
        kin = kin_of(ctx)
        hired_by = {o.id: hired_companies(ctx, o) for o in self.committees(ctx)}
        for o in ctx.examine(o for o in self.committees(ctx) if hired_by[o.id]):
            hired = hired_by[o.id]
            for person in sorted(members(ctx, o.id)):
                for who, relation in ((person, None), *kin.get(person, ())):
                    for org in _company_posts(ctx, who):
                        company = led_by(ctx, org, hired)
                        if company is None:
                            continue
                        yield self._conflicted(ctx, person, o.id, company, org, who, relation)

    def _conflicted(
        self,
        ctx: Context,
        person: str,
        committee: str,
        company: str,
        org: str,
        who: str,
        relation: str | None,
    ) -> Finding:
        """The finding that ``person`` sits on ``committee`` while ``who`` (the person, or
        their kin by ``relation``) holds a post in ``org``, ``company`` or led by it."""
        name = ctx.index.name_of
        where = "" if org == company else f" through {name(org)}, which it leads"
        where_zh = "" if org == company else f"(经其下属 {name(org)})"
        extra: dict[str, Scalar] = {} if org == company else {"affiliate": org}
        if relation is None:
            en = f"{name(person)} sits on {name(committee)} and works for"
            zh = f"{name(person)} 任 {name(committee)} 委员,又在本小区物业服务企业"
        else:
            kind, kind_zh = _KIN_WORDS[relation]
            en = f"{name(person)} sits on {name(committee)}, and {kind} {name(who)} works for"
            zh = f"{name(person)} 任 {name(committee)} 委员,其{kind_zh} {name(who)} 在本小区物业服务企业"
            extra.update(relative=who, relation=relation)
        return ctx.finding(
            person,
            f"{en} {name(company)}, the property-service company the owners hired{where}",
            f"{zh} {name(company)}{where_zh} 任职",
            committee=committee,
            company=company,
            severity=None,
            **extra,
        )

    @law_rule(
        "owners_committee_guidance.re_election",
        "An owners' committee whose members number fewer than half of its set size, or "
        "fewer than 5, is re-elected.",
        "业主委员会委员人数不足总数的二分之一或者不足5人的,应当召开业主大会会议重新选举业主委员会。",
        law=LAW,
        article="vacancies (local rules; article not given)",
        version=VERSION,
        in_force=IN_FORCE,
        source=LOCAL_SOURCE,
    )
    def re_election(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees whose members (posts of :data:`COMMITTEE_ROLES
        <govmodel.models.law.COMMITTEE_ROLES>`, alternates not counted) number fewer than
        half of ``seats`` (``2 * members < seats``: 5 of 10 seats is half, not fewer), or
        fewer than 5 [S: local rules only].

        Both thresholds exclude the number (不足, Civil Code art. 1259). The floor of 5 is
        lowered to the least size the committee may have (:meth:`allowed_sizes`: 3 for a
        small compound in Hangzhou), so that a lawful committee is never due for
        re-election. A committee that records no ``seats`` is checked against the largest
        size it may have: with at least half of it (6 members when 11 are allowed) it
        cannot be below half of any lawful set size and passes; with fewer it gets a
        warning that the rule cannot check it, as does one whose ``seats`` is no whole
        number of at least 1 (:func:`read_seats`), found besides to be re-elected when it
        has fewer members than the floor. Where the allowed sizes cannot be told
        (Hangzhou's compound without households), a committee recording ``seats`` is still
        found below half of them, or passes with 5 members or more and at least half; any
        other gets a warning."""
        for o in ctx.examine(self.committees(ctx)):
            n = len(members(ctx, o.id))
            try:
                seats = read_seats(o)
            except SpecError as e:
                # fewer than the floor are re-elected whatever the set size
                try:
                    floor = min(self.re_election_floor, self.allowed_sizes(ctx, o)[0])
                except SpecError:
                    floor = 0  # the floor cannot be told either: the warning says so
                if n < floor:
                    yield self._below_floor(ctx, o.id, n, floor, {})
                yield gap(ctx, o.id, e, "the re-election threshold")
                continue
            below_half = seats is not None and 2 * n < seats
            try:
                low, high = self.allowed_sizes(ctx, o)
            except SpecError as e:
                # the band sets only the floor under 5, and the largest size when no seats
                if below_half:
                    yield self._below_half(ctx, o.id, n, seats or 0)
                elif seats is None or n < self.re_election_floor:
                    yield gap(ctx, o.id, e, "the re-election threshold")
                continue
            floor = min(self.re_election_floor, low)
            known: dict[str, Scalar] = {} if seats is None else {"seats": seats}
            if n < floor:
                yield self._below_floor(ctx, o.id, n, floor, known)
            elif below_half:
                yield self._below_half(ctx, o.id, n, seats or 0)
            elif seats is None and 2 * n < high:
                where = f"$.organizations[?(@.id=={o.id!r})].attributes.seats"
                why = "seats (the number of members the assembly elects) is not recorded"
                missing = SpecError([Problem("missing-field", where, why)])
                yield gap(ctx, o.id, missing, "the re-election threshold")

    def _below_floor(
        self, ctx: Context, committee: str, n: int, floor: int, known: dict[str, Scalar]
    ) -> Finding:
        """The finding that ``committee``'s ``n`` members are fewer than ``floor``."""
        name = ctx.index.name_of(committee)
        return ctx.finding(
            committee,
            f"{name} has {n} members, fewer than {floor}; it is to be re-elected",
            f"{name} 委员 {n} 人,不足 {floor} 人,应当重新选举业主委员会",
            severity=None,
            members=n,
            floor=floor,
            **known,
        )

    def _below_half(self, ctx: Context, committee: str, n: int, seats: int) -> Finding:
        """The finding that ``committee``'s ``n`` members are fewer than half its seats."""
        name = ctx.index.name_of(committee)
        return ctx.finding(
            committee,
            f"{name} has {n} members, fewer than half of its {count_text(seats)} seats; it is to "
            "be re-elected",
            f"{name} 委员 {n} 人,不足总数 {count_text(seats)} 人的二分之一,应当重新选举业主委员会",
            members=n,
            seats=seats,
        )

    @law_rule(
        "owners_committee_guidance.alternates",
        "Alternates fill an owners' committee's vacant seats in the order of their rank.",
        "业主委员会委员出缺的,由候补委员按照排名顺序依次递补。",
        law=LAW,
        article="vacancies (local rules; article not given)",
        version=VERSION,
        in_force=IN_FORCE,
        source=LOCAL_SOURCE,
    )
    def alternates(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees whose alternates did not fill seats in rank order [S: local
        rules only].

        An alternate is a person holding a post of role ``alternate`` in the committee,
        ranked by the post attribute ``rank`` (:func:`alternate_ranks`); one who also
        holds a member's post in it has filled a seat. An error for each alternate seated
        while one of a better rank still waits (the data ``seated``, ``rank``,
        ``passed_over`` and ``passed_over_rank``); a warning when fewer members sit than
        ``seats`` while alternates wait (``vacant`` seats, the ``next`` alternate). Only
        committees with alternates are examined: a structure recording none leaves the
        rule *not applicable*. A rank missing, malformed or held by two people, or, while
        alternates wait, a ``seats`` missing or malformed, is a warning that the rule
        cannot check the committee."""
        ix = ctx.index
        with_alternates = [
            o for o in self.committees(ctx) if any(p.role == ALTERNATE for p in ix.posts_in(o.id))
        ]
        for o in ctx.examine(with_alternates):
            seated = members(ctx, o.id, COMMITTEE_ROLES)
            try:
                ranks = alternate_ranks(ctx, o)
            except SpecError as e:
                yield gap(ctx, o.id, e, "the order of the alternates")
                continue
            name = ix.name_of(o.id)
            waiting = sorted((r, p) for p, r in ranks.items() if p not in seated)
            for r, p in sorted((r, p) for p, r in ranks.items() if p in seated):
                if waiting and waiting[0][0] < r:
                    q, w = waiting[0]
                    yield ctx.finding(
                        o.id,
                        f"{ix.name_of(p)}, alternate no. {count_text(r)}, took a seat on {name} "
                        f"while {ix.name_of(w)}, alternate no. {count_text(q)}, still waits",
                        f"{name} 第 {count_text(r)} 名候补委员 {ix.name_of(p)} 先于第 "
                        f"{count_text(q)} 名候补委员 "
                        f"{ix.name_of(w)} 递补",
                        seated=p,
                        rank=r,
                        passed_over=w,
                        passed_over_rank=q,
                    )
            if not waiting:
                continue
            try:
                seats = read_seats(o)
                if seats is None:
                    where = f"$.organizations[?(@.id=={o.id!r})].attributes.seats"
                    why = "seats (the number of members the assembly elects) is not recorded"
                    raise SpecError([Problem("missing-field", where, why)])
            except SpecError as e:
                yield gap(ctx, o.id, e, "whether alternates should fill vacant seats")
                continue
            if len(seated) < seats:
                vacant = seats - len(seated)
                nxt = waiting[0][1]
                yield ctx.finding(
                    o.id,
                    f"{name} has {len(seated)} members of {count_text(seats)} seats; "
                    f"{count_text(vacant)} vacant seat{'s' if vacant > 1 else ''} should be "
                    f"filled by the alternates, first {ix.name_of(nxt)} "
                    f"(no. {count_text(waiting[0][0])})",
                    f"{name} 委员 {len(seated)} 人,缺额 {count_text(vacant)} 人,应由候补委员 "
                    f"{ix.name_of(nxt)} 等依次递补",
                    severity="warning",
                    members=len(seated),
                    seats=seats,
                    vacant=vacant,
                    next=nxt,
                )

    @law_rule(
        "owners_committee_guidance.first_assembly",
        "A compound's first owners' assembly is due once more than half of its area is "
        "delivered, or two years after the first delivery with at least 20 % delivered.",
        "房屋出售并交付使用的建筑面积超过物业管理区域建筑物总面积50%,或者首套房屋交付之日起满两年"
        "且交付使用的建筑面积达到20%以上的,应当召开首次业主大会会议。",
        law=LAW,
        article="first owners' assembly (article not given; variants by city)",
        version=VERSION,
        in_force=IN_FORCE,
        severity="warning",
        source=SOURCE + "; the digest's summary, with variants by city",
    )
    def first_assembly(self, ctx: Context) -> Iterator[Finding]:
        """Compounds whose first owners' assembly is due (:func:`first_assembly_due`) on
        the assessment day while none is recorded: no ``owners_assembly`` and no
        ``owners_committee`` is located in the compound [S only], now or before
        (``ctx.history``: one that started on or before the assessment day and has since
        ended was formed, so the first assembly was held). A compound is a unit of the
        compound level (rank 6: a compound, a Chengdu courtyard).

        Read from the compound's ``floor_area_m2`` (the total, :func:`read_area`),
        ``delivered_area_m2`` and ``first_delivery`` (a date). Only compounds with neither
        an assembly nor a committee that record ``delivered_area_m2`` or ``first_delivery``
        are examined: a structure whose compounds record no delivery leaves the rule *not
        applicable*. An area missing or malformed, a delivered area above the total, a
        total of 0, a ``first_delivery`` that is no date, or a missing one when 20 % to
        50 % is delivered, is a warning that the rule cannot check the compound. The areas
        are undated and read as recorded; a compound whose first delivery is dated after
        the assessment day had nothing delivered on it, and its assembly is not yet due
        (its areas are not read)."""
        ix = ctx.index
        day = assessment_day(ctx)
        held = {
            o.unit
            for kind in ("owners_assembly", "owners_committee")
            for o in ix.orgs_of_kind(kind)
            if o.unit is not None
        }
        if ctx.history is not ctx.structure:  # those formed and since ended, too
            held.update(_formed_by(ctx.history, day))
        subject = [
            u
            for u in ix.units_at_rank(_COMPOUND_LEVEL, vocab=ctx.vocab)  # a courtyard too
            if u.id not in held
            and ("delivered_area_m2" in u.attributes or "first_delivery" in u.attributes)
        ]
        for u in ctx.examine(subject):
            name = ix.name_of(u.id)
            try:
                first = read_day(u, "first_delivery", u.attributes.get("first_delivery"))
                if first is not None and date_bounds(first)[0] > day:
                    continue  # nothing was delivered yet on the day assessed, whatever the areas
                total = read_area(ctx, u, "floor_area_m2")
                delivered = read_area(ctx, u, "delivered_area_m2")
                if total == 0:
                    where = _area_recorded(ctx, u, "floor_area_m2")[1]
                    why = "floor_area_m2 is 0: no share of it can be delivered"
                    raise SpecError([Problem("wrong-type", where, why)])
                where = f"$.units[?(@.id=={u.id!r})].attributes.delivered_area_m2"
                if delivered > total:
                    why = "delivered_area_m2 is more than floor_area_m2"
                    raise SpecError([Problem("invalid-value", where, why)])
                try:
                    due = first_assembly_due(delivered, total, first)
                except ValueError:
                    where = f"$.units[?(@.id=={u.id!r})].attributes.first_delivery"
                    why = "first_delivery is not recorded"
                    raise SpecError([Problem("missing-field", where, why)]) from None
            except SpecError as e:
                yield gap(ctx, u.id, e, "whether the first owners' assembly is due")
                continue
            if due is None or (due[1] is not None and due[1] > day):
                continue
            shown = _percent(delivered / total)
            data: dict[str, Scalar] = {
                "basis": due[0],
                "delivered_area_m2": u.attributes["delivered_area_m2"],
            }
            if due[1] is None:
                why_en = f"{shown} of its area is delivered, more than half"
                why_zh = f"已交付面积占 {shown},超过50%"
            else:
                why_en = (
                    f"{shown} of its area is delivered, at least 20 %, and two years have "
                    f"run since the first delivery ({first})"
                )
                why_zh = f"首套房屋于 {first} 交付已满两年,且已交付面积占 {shown},达到20%以上"
                data["since"] = due[1]
            yield ctx.finding(
                u.id,
                f"{name}: {why_en}; its first owners' assembly is due, and none is recorded",
                f"{name}:{why_zh},应当召开首次业主大会会议,未见记录",
                severity=None,
                **data,
            )

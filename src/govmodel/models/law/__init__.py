"""The law as dated rule packs: national statutes, regulations and local rules as governance
models.

Each pack is a :class:`~govmodel.models.GovernanceModel` written on the public contract and
registered through the ``govmodel.models`` entry points like any plug-in:

========================== ============================================================ =========
name                       law                                                          source
========================== ============================================================ =========
civil_code                 Civil Code, book two, chapter 6 (arts. 278, 279, 283)         [P]
residents_committee_law    Organic Law of Urban Residents' Committees, 2018 and 2026     [P]/[S]
owners_committee_guidance  Guidance on owners' assemblies and committees (2009)          [S]
party_organizations        Party Constitution; branch work regulations (2018)            [S]
hangzhou_owners_committee  Hangzhou's owners' committees (extends the 2009 guidance)     [P]
========================== ============================================================ =========

Every rule names its law, article and version and the days it is in force
(:func:`law_rule`); a pack applies on a date only the rules in force on it. The date is
``assess(..., as_of=DATE)`` (``ctx.as_of``), or today when none is given. A rule not in
force examines nothing, so the assessment lists it as *not applicable*.

A city's pack extends a national one by subclassing it: a rule declared with the id of an
inherited rule replaces it, other rules are added (see
``govmodel.models.law.hangzhou``, :doc:`/law/hangzhou`).

Examples
--------
>>> from govmodel.models.law import rules_in_force
>>> from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
>>> [r.id for r in rules_in_force(ResidentsCommitteeLaw, "2025-06-30") if "scale" in r.id]
['residents_committee_law.scale_2018']
>>> [r.id for r in rules_in_force(ResidentsCommitteeLaw, "2026-01-01") if "scale" in r.id]
['residents_committee_law.scale_2026']
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import Any, Literal, TypeVar

from govmodel.errors import Problem, SpecError
from govmodel.metrics.voting import exact
from govmodel.models.base import Context, Finding, GovernanceModel, RuleSpec, Severity, rule
from govmodel.spec import (
    Decision,
    Observation,
    Organization,
    Person,
    Post,
    Unit,
    about_size,
    date_bounds,
)

__all__ = [
    "COMMITTEE_ROLES",
    "LAST_DAY",
    "add_days",
    "add_years",
    "assessment_day",
    "count_text",
    "day_of",
    "decided_from",
    "gap",
    "households",
    "in_force_on",
    "last_day",
    "law_rule",
    "meeting_counts",
    "meeting_shortfall",
    "meeting_shortfall_zh",
    "members",
    "overdue",
    "problem_zh",
    "read_count",
    "read_day",
    "read_households",
    "read_outcome",
    "read_term_start",
    "read_term_years",
    "read_yes_no",
    "rules_in_force",
    "term_end",
    "term_start",
    "wrong_type",
]

F = TypeVar("F", bound=Callable[..., Any])

#: The roles that make a person a member of a committee (not staff, not volunteers).
COMMITTEE_ROLES = frozenset(
    {
        "chair",
        "vice_chair",
        "committee_member",
        "member",
        "secretary",
        "deputy_secretary",
    }
)


def in_force_on(dates: RuleSpec | tuple[str | None, str | None], day: str) -> bool:
    """Whether a rule (or a ``(start, end)`` pair of partial ISO dates) is in force on a day.

    A rule is in force from the first day its ``start`` covers to the last day its ``end``
    covers (``"2025"`` as an end is in force through 2025-12-31); ``None`` is open.

    Parameters
    ----------
    dates
        A :class:`~govmodel.models.RuleSpec` or ``(start, end)``.
    day
        A partial ISO date; it stands for its first day.

    Returns
    -------
    bool

    Examples
    --------
    >>> from govmodel.models.law import in_force_on
    >>> in_force_on(("2026-01-01", None), "2025-12-31"), in_force_on(("2026-01-01", None), "2026")
    (False, True)
    >>> in_force_on((None, "2025"), "2025-12-31")
    True
    """
    start, end = (dates.start, dates.end) if isinstance(dates, RuleSpec) else dates
    first = date_bounds(day)[0]
    if start is not None and date_bounds(start)[0] > first:
        return False
    return end is None or date_bounds(end)[1] >= first


def rules_in_force(
    model: type[GovernanceModel] | GovernanceModel, as_of: str | None = None
) -> tuple[RuleSpec, ...]:
    """The rules of a model in force on a date (today when ``as_of`` is ``None``).

    Examples
    --------
    >>> from govmodel.models.law import rules_in_force
    >>> from govmodel.models.law.civil_code import CivilCode
    >>> [r.id for r in rules_in_force(CivilCode, "2020-12-31")]
    []
    >>> len(rules_in_force(CivilCode, "2021-01-01")) == len(CivilCode.rules())
    True
    """
    day = as_of if as_of is not None else datetime.date.today().isoformat()
    return tuple(r for r in model.rules() if in_force_on(r, day))


def assessment_day(ctx: Context) -> str:
    """The day a structure is assessed on: the first day of ``ctx.as_of``, or today.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law import assessment_day
    >>> assessment_day(Context(govmodel.datasets.load("xihu"), GovernanceModel(), as_of="2026-03"))
    '2026-03-01'
    """
    if ctx.as_of is None:
        return datetime.date.today().isoformat()
    return date_bounds(ctx.as_of)[0]


def law_rule(
    id: str,
    description: str,
    description_zh: str = "",
    *,
    law: str,
    article: str,
    version: str = "",
    in_force: tuple[str | None, str | None] = (None, None),
    severity: Severity = "error",
    source: str = "",
) -> Callable[[F], F]:
    """Declare a rule of a law, applied only on the days it is in force.

    :func:`govmodel.models.rule` with the law's name, article, version and dates; the rule
    runs only when :func:`assessment_day` falls within ``in_force`` and examines nothing
    otherwise (its result is then *not applicable*).

    Parameters
    ----------
    id, description, description_zh, severity
        As for :func:`~govmodel.models.rule` (``severity`` defaults to ``"error"``: what a
        law requires outright).
    law, article, version
        The law's name (English, then Chinese), the article, the version of the text.
    in_force
        ``(start, end)`` partial ISO dates, either ``None``.
    source
        Where the text was read, marked ``[P]`` (the law itself) or ``[S]`` (a secondary
        source).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel
    >>> from govmodel.models.law import law_rule
    >>> class Toy(GovernanceModel):
    ...     name = "toy_law"
    ...     title = "A law from 2030"
    ...     @law_rule("toy_law.units", "Every unit is named.", law="Toy Act", article="1",
    ...               in_force=("2030-01-01", None))
    ...     def units(self, ctx):
    ...         for u in ctx.examine(ctx.units()):
    ...             if not u.name:
    ...                 yield ctx.finding(u.id, f"{u.id} has no name")
    >>> s = govmodel.datasets.load("xihu")
    >>> govmodel.assess(s, Toy, as_of="2029-12-31").rule("toy_law.units").status
    'not_applicable'
    >>> govmodel.assess(s, Toy, as_of="2030").rule("toy_law.units").status in ("passed", "failed")
    True
    """
    start, end = in_force
    if start is not None and end is not None and date_bounds(end)[1] < date_bounds(start)[0]:
        raise ValueError(f"rule {id!r} ends ({end}) before it starts ({start})")

    def deco(fn: F) -> F:
        @functools.wraps(fn)
        def run(self: GovernanceModel, ctx: Context) -> Iterator[Finding]:
            if in_force_on(in_force, assessment_day(ctx)):
                yield from fn(self, ctx)
            else:
                ctx.examine(())  # nothing: the rule is not applicable on this day

        declare = rule(
            id,
            description,
            description_zh,
            severity=severity,
            source=source,
            law=law,
            article=article,
            version=version,
            in_force=in_force,
        )
        return declare(run)  # type: ignore[return-value]

    return deco


# ------------------------------------------------------------------------------------------------
# Readings the packs share


def add_years(day: str, years: int) -> str:
    """The day ``years`` after ``day`` (29 February goes to 28 February).

    Examples
    --------
    >>> from govmodel.models.law import add_years
    >>> add_years("2021-06-30", 5), add_years("2024-02-29", 1)
    ('2026-06-30', '2025-02-28')

    A day beyond the last a date can be is that last day, 9999-12-31 (:data:`LAST_DAY`):
    no deadline beyond it falls before an assessment day.

    >>> add_years("9998-03-01", 5)
    '9999-12-31'
    """
    d = datetime.date.fromisoformat(date_bounds(day)[0])
    year = d.year + years
    if year > datetime.MAXYEAR:
        return LAST_DAY
    if year < datetime.MINYEAR:
        return FIRST_DAY
    try:
        return d.replace(year=year).isoformat()
    except ValueError:
        return d.replace(year=year, day=28).isoformat()


#: The last and the first day a date can be; the day :func:`add_years` and
#: :func:`add_days` give for one beyond them.
LAST_DAY = datetime.date.max.isoformat()
FIRST_DAY = datetime.date.min.isoformat()


def last_day(day: str) -> str:
    """The last day a partial ISO date covers (``"2023"``: 2023-12-31).

    Examples
    --------
    >>> from govmodel.models.law import last_day
    >>> last_day("2023"), last_day("2024-02"), last_day("2024-02-29")
    ('2023-12-31', '2024-02-29', '2024-02-29')
    """
    return date_bounds(day)[1]


def term_end(start: str, years: int) -> str:
    """The last day of a term of ``years`` begun (elected) on ``start``.

    Civil Code arts. 201-202 [P]: a period counted in years starts the day after the
    election, and its last day is the day of the same date in its last year (the month's
    last day when there is none: 29 February goes to 28 February); art. 203 para. 2: it
    runs to the end (24:00) of that day. A partial date covers its whole month or year
    (:doc:`/guide/format`), so a term begun in ``"2021-05"`` has surely ended only after
    the last day counted from 2021-05-31.

    Art. 203 para. 1 is **not** applied: a period whose last day is a statutory holiday
    ends on the day after the holiday (以法定休假日结束的次日为期间的最后一日), but govmodel
    bundles no official calendar of the holidays (the State Council sets them each year,
    with make-up working days), so the last day is never moved. A last day that falls in
    a holiday is therefore a day or more earlier than the law's, and a rule may flag an
    act or a re-election as late a day or more early.

    Examples
    --------
    >>> from govmodel.models.law import term_end
    >>> term_end("2021-05-15", 5), term_end("2021-05", 5), term_end("2024-02-29", 1)
    ('2026-05-15', '2026-05-31', '2025-02-28')
    """
    return add_years(last_day(start), years)


def overdue(ctx: Context, org: Organization, start: str, years: int) -> Finding | None:
    """The finding that ``org``'s term of ``years`` from ``start`` had ended before the
    assessment day with no re-election recorded, or ``None`` while it runs.

    The term runs through its last day (:func:`term_end`, Civil Code arts. 201-203): on
    that day it is not yet overdue, on the next it is. The last day is not moved past a
    statutory holiday (art. 203 para. 1 is not applied, :func:`term_end`), so a term
    whose last day falls in a holiday is flagged a day or more early.

    Examples
    --------
    >>> import govmodel
    >>> a = govmodel.assess(govmodel.datasets.load("qingshan"), "residents_committee_law",
    ...                     as_of="2026-06-30")
    >>> [f.data["due"] for f in a.rule("residents_committee_law.term").findings]
    ['2026-05-15']
    """
    due = term_end(start, years)
    if due >= assessment_day(ctx):
        return None
    name = ctx.index.name_of(org.id)
    return ctx.finding(
        org.id,
        f"{name} was elected {start}; its {count_text(years)}-year term ended {due}, "
        "and no re-election is recorded",
        f"{name} 于 {start} 选举产生,{count_text(years)} 年任期已于 {due} 届满,未见换届",
        term_start=start,
        due=due,
    )


def add_days(day: str, days: int) -> str:
    """The day ``days`` after ``day``: the last day of a period of ``days`` days from the
    event on ``day`` (Civil Code art. 201: counted from the next day), not moved past a
    statutory holiday (art. 203 para. 1 is not applied: no official calendar of the
    holidays is bundled, see :func:`term_end`). A day beyond 9999-12-31 is that day
    (:data:`LAST_DAY`), as for :func:`add_years`.

    Examples
    --------
    >>> from govmodel.models.law import add_days
    >>> add_days("2023-03-01", 30), add_days("9999-12-20", 30)
    ('2023-03-31', '9999-12-31')
    """
    d = datetime.date.fromisoformat(date_bounds(day)[0])
    try:
        return (d + datetime.timedelta(days=days)).isoformat()
    except OverflowError:
        return LAST_DAY if days > 0 else FIRST_DAY


def day_of(value: object) -> str | None:
    """The first day of a partial ISO date given as an attribute value, or ``None`` when it
    is no date (a rule then treats it as not recorded).

    Examples
    --------
    >>> from govmodel.models.law import day_of
    >>> day_of("2021-06"), day_of("June"), day_of(2021)
    ('2021-06-01', None, None)
    """
    if not isinstance(value, str):
        return None
    try:
        return date_bounds(value)[0]
    except ValueError:
        return None


def term_start(org: Organization) -> str | None:
    """When the organization's current term began (its election), or ``None``.

    Read from the field ``term_start`` (a partial ISO date), else from the attribute of that
    name that files written before the field carry (:meth:`Organization.term
    <govmodel.spec.Organization.term>`); ``None`` when neither records a date.

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> from govmodel.models.law import term_start
    >>> term_start(Organization("rc", "residents_committee", term_start="2021-05"))
    '2021-05'
    >>> term_start(Organization("rc", "residents_committee", attributes={"term_start": "2021"}))
    '2021'
    """
    value = org.term()[0]
    return value if value is not None and day_of(value) is not None else None


def households(ctx: Context, unit: str) -> int | None:
    """The households of a unit: its ``households`` attribute, else the latest observation
    of the indicator ``households``, else ``None`` (also when the value recorded is no
    whole number: :func:`read_households` says why).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law import households
    >>> ctx = Context(govmodel.datasets.load("xihu"), GovernanceModel())
    >>> households(ctx, "xh-cm")
    4220
    """
    try:
        return read_households(ctx, unit)
    except SpecError:
        return None


def members(ctx: Context, org: str, roles: Iterable[str] = COMMITTEE_ROLES) -> frozenset[str]:
    """The people holding a post of one of ``roles`` in an organization.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law import members
    >>> ctx = Context(govmodel.datasets.load("chengdu"), GovernanceModel())
    >>> len(members(ctx, "cd-jy-rc")) > 0
    True
    """
    wanted = frozenset(roles)
    return frozenset(p.person for p in ctx.index.posts_in(org) if p.role in wanted)


def count_text(n: int, *, grouped: bool = False) -> str:
    """A whole number for a message: its digits (in groups of three with ``grouped``), or,
    for one of more digits than Python writes out (``sys.get_int_max_str_digits``), about
    its size (``about 1.00e+5000``), as :func:`govmodel.metrics.voting.outcome` shows it.

    Examples
    --------
    >>> from govmodel.models.law import count_text
    >>> count_text(3001, grouped=True), count_text(10**5000)
    ('3,001', 'about 1.00e+5000')
    """
    try:
        return f"{n:,}" if grouped else str(n)
    except ValueError:  # more digits than Python writes out
        return about_size(n)


def share(part: int | float, whole: int | float) -> Fraction:
    """``part / whole`` exactly (:func:`~govmodel.metrics.voting.exact`); 0 for no whole."""
    w = exact(whole)
    return exact(part) / w if w else Fraction(0)


# ------------------------------------------------------------------------------------------------
# Reading what a rule examines: a value that is missing or malformed is a SpecError naming it
# and where it is, which the rules report as a warning finding (:func:`gap`), never a pass.


def _where(entity: object, name: str, attribute: bool = True) -> str:
    section = {
        Unit: "units",
        Organization: "organizations",
        Person: "people",
        Decision: "decisions",
        Observation: "observations",
        Post: "posts",
    }.get(type(entity), "entities")
    ident = getattr(entity, "id", "?")
    return f"$.{section}[?(@.id=={ident!r})].{'attributes.' if attribute else ''}{name}"


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer too long to write out: about its size
        if not isinstance(value, int):
            raise
        text = count_text(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _missing(entity: object, name: str, attribute: bool = True) -> SpecError:
    where = _where(entity, name, attribute)
    return SpecError([Problem("missing-field", where, f"{name} is not recorded")])


def wrong_type(
    entity: object, name: str, value: object, want: str, *, attribute: bool = True
) -> SpecError:
    """The ``wrong-type`` error of a value recorded on ``entity`` as ``name`` that is not
    what a rule reads: ``"{name} is {want}, not {value}"`` at the path of the attribute
    (or, with ``attribute=False``, of the field), as the readers here raise it and
    :func:`gap` reports it.

    The value is shown by its ``repr``, cut to 40 characters; an integer of more digits
    than Python writes out, as about its size (:func:`count_text`).

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> from govmodel.models.law import wrong_type
    >>> oc = Organization("oc", "owners_committee")
    >>> e = wrong_type(oc, "seats", "nine", "a whole number of at least 1")
    >>> p = e.problems[0]
    >>> p.code, p.path
    ('wrong-type', "$.organizations[?(@.id=='oc')].attributes.seats")
    >>> p.message
    "seats is a whole number of at least 1, not 'nine'"
    """
    where = _where(entity, name, attribute)
    return SpecError([Problem("wrong-type", where, f"{name} is {want}, not {_shown(value)}")])


def _whole(value: object) -> int | None:
    """A whole number given as an ``int`` (not a ``bool``) or an integral ``float``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def read_count(entity: object, name: str, value: object, *, attribute: bool = True) -> int:
    """A count recorded on ``entity`` as ``name``: a whole number, at least 0.

    ``True`` is not 1 and ``"600"`` is not 600: a boolean, a string, a fraction or a negative
    number is malformed.

    Raises
    ------
    SpecError
        ``missing-field`` when ``value`` is ``None``; ``wrong-type`` otherwise when it is
        no count.

    Examples
    --------
    >>> from govmodel.spec import Unit
    >>> from govmodel.models.law import read_count
    >>> read_count(Unit("c", "community"), "households", 600.0)
    600
    >>> read_count(Unit("c", "community"), "households", True)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.units[?(@.id=='c')].attributes.households: wrong-type: households is a whole number of at least 0, not True
    """
    if value is None:
        raise _missing(entity, name, attribute)
    n = _whole(value)
    if n is None or n < 0:
        raise wrong_type(entity, name, value, "a whole number of at least 0", attribute=attribute)
    return n


def decided_from(decision: Decision, day: str) -> bool:
    """Whether a decision may have been taken on or after ``day``, so that a law in force
    from that day governs it: one recording no date (read as taken under the law in
    force), or one whose date, partial or not, ends on or after ``day``; a date that is no
    date is not read (the decision is taken to be governed).

    Examples
    --------
    >>> from govmodel.spec import Decision
    >>> from govmodel.models.law import decided_from
    >>> [decided_from(Decision("d", "b", date=d), "2021-01-01") for d in ("2020-12-31", "2021", None)]
    [False, True, True]
    """
    if decision.date is None:
        return True
    try:
        return last_day(decision.date) >= day
    except ValueError:
        return True


def meeting_counts(decision: Decision) -> tuple[int, int, int]:
    """The members (those entitled to attend), those present and the yes votes of a
    meeting's decision (its ``count``), as whole numbers that fit together.

    Raises
    ------
    SpecError
        ``missing-tally`` when the decision records no count; ``missing-field`` or
        ``wrong-type`` for a number that is absent or no count (:func:`read_count`; the
        ``no`` votes and abstentions may be absent); ``inconsistent-tally`` when more are
        present than there are members, or more voted yes than were present, or the yes and
        no votes and the abstentions recorded together outnumber those present (one count
        is then wrong, and whether more than half said yes cannot be told).

    Examples
    --------
    >>> from govmodel.spec import Decision, Tally
    >>> from govmodel.models.law import meeting_counts
    >>> meeting_counts(Decision("d", "oc", count=Tally(members=7, present=5, yes=4)))
    (7, 5, 4)
    >>> meeting_counts(Decision("d", "oc", count=Tally(members=7, present=8, yes=4)))
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.decisions[?(@.id=='d')].count: inconsistent-tally: more are present than there are members
    """
    c = decision.count
    where = f"$.decisions[?(@.id=={decision.id!r})].count"
    if c is None:
        raise SpecError(
            [
                Problem(
                    "missing-tally",
                    where,
                    "the members, those present and the yes votes are not recorded",
                )
            ]
        )
    m, p, y = (
        read_count(decision, f"count.{name}", getattr(c, name), attribute=False)
        for name in ("members", "present", "yes")
    )
    others = [
        read_count(decision, f"count.{name}", value, attribute=False)
        for name in ("no", "abstain")
        if (value := getattr(c, name)) is not None
    ]
    if p > m or y > p or y + sum(others) > p:
        why = (
            "more are present than there are members"
            if p > m
            else "more voted yes than were present"
            if y > p
            else "the yes and no votes and the abstentions outnumber those present"
        )
        raise SpecError([Problem("inconsistent-tally", where, why)])
    return m, p, y


def meeting_shortfall(members: int, present: int, yes: int, *, of_all: bool) -> str | None:
    """Why a meeting's decision does not pass, or ``None`` when it does.

    A meeting is held with more than half of its ``members`` present (过半数出席: half is
    not enough), and a decision passes with more than half of those ``present`` voting yes,
    or, with ``of_all``, more than half of **all** the members (全体委员过半数同意).

    Examples
    --------
    >>> from govmodel.models.law import meeting_shortfall
    >>> meeting_shortfall(7, 5, 3, of_all=False) is None  # 3 of the 5 present
    True
    >>> meeting_shortfall(7, 5, 3, of_all=True)
    '3 of all 7 members voted yes, not more than half'
    >>> meeting_shortfall(6, 3, 3, of_all=True)
    '3 of 6 attended, not more than half'
    """
    short = _short_of(members, present, yes, of_all=of_all)
    if short is None:
        return None
    m, p, y = count_text(members), count_text(present), count_text(yes)
    if short == "attended":
        return f"{p} of {m} attended, not more than half"
    if short == "all":
        return f"{y} of all {m} members voted yes, not more than half"
    return f"{y} of {p} present voted yes, not more than half"


def meeting_shortfall_zh(members: int, present: int, yes: int, *, of_all: bool) -> str | None:
    """Why a meeting's decision does not pass, in Chinese, as :func:`meeting_shortfall` says
    it in English, or ``None`` when it does.

    Examples
    --------
    >>> from govmodel.models.law import meeting_shortfall_zh
    >>> meeting_shortfall_zh(7, 5, 3, of_all=False) is None  # 3 of the 5 present
    True
    >>> meeting_shortfall_zh(7, 5, 3, of_all=True)
    '同意 3 人,未过全体 7 人的半数'
    >>> meeting_shortfall_zh(6, 3, 3, of_all=True)
    '出席 3 人,未过全体 6 人的半数'
    """
    short = _short_of(members, present, yes, of_all=of_all)
    if short is None:
        return None
    m, p, y = count_text(members), count_text(present), count_text(yes)
    if short == "attended":
        return f"出席 {p} 人,未过全体 {m} 人的半数"
    if short == "all":
        return f"同意 {y} 人,未过全体 {m} 人的半数"
    return f"同意 {y} 人,未过出席 {p} 人的半数"


def _short_of(
    members: int, present: int, yes: int, *, of_all: bool
) -> Literal["attended", "all", "present"] | None:
    """What a meeting's decision falls short of (:func:`meeting_shortfall`): half the
    members attending, half of all the members voting yes, half of those present voting
    yes; ``None`` when it passes."""
    if not 2 * present > members:
        return "attended"
    if of_all and not 2 * yes > members:
        return "all"
    if not of_all and not 2 * yes > present:
        return "present"
    return None


def read_households(ctx: Context, unit: str) -> int:
    """The households of a unit: its ``households`` attribute, else the latest observation
    of the indicator ``households``.

    Raises
    ------
    SpecError
        ``missing-field`` when neither records them; ``wrong-type`` when the one read is no
        whole number (:func:`read_count`).
    """
    u = ctx.index.unit(unit)
    if u is not None and "households" in u.attributes:
        return read_count(u, "households", u.attributes["households"])
    o = ctx.index.latest("households", unit)
    if o is not None:
        return read_count(o, "value", o.value, attribute=False)
    raise _missing(u if u is not None else Unit(unit, "unit"), "households")


def read_day(entity: object, name: str, value: object, *, attribute: bool = True) -> str | None:
    """A partial ISO date recorded on ``entity`` as ``name``, or ``None`` when absent.

    Raises
    ------
    SpecError
        ``wrong-type`` when a value is given that is no ``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD`` date of a real day.

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> from govmodel.models.law import read_day
    >>> oc = Organization("oc", "owners_committee")
    >>> read_day(oc, "filed", "2023-03"), read_day(oc, "filed", None)
    ('2023-03', None)
    """
    if value is None:
        return None
    if day_of(value) is None:
        want = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        raise wrong_type(entity, name, value, want, attribute=attribute)
    assert isinstance(value, str)
    return value


def read_term_start(org: Organization) -> str:
    """When an organization's current term began: its field ``term_start``, else (files
    written before the field) its attribute of that name.

    Raises
    ------
    SpecError
        ``missing-field`` when neither records it; ``wrong-type`` when it is no date.
    """
    if org.term_start is not None:
        day = read_day(org, "term_start", org.term_start, attribute=False)
    else:
        day = read_day(org, "term_start", org.attributes.get("term_start"))
    if day is None:
        raise _missing(org, "term_start", attribute=False)
    return day


def read_term_years(org: Organization) -> int | None:
    """The length of an organization's term in whole years: its field ``term_years``, else
    its attribute of that name, else ``None``. A length the format does not allow (above
    10) is still read, for the rule to say how it compares with the law.

    Raises
    ------
    SpecError
        ``wrong-type`` when it is no whole number of at least 1 (``True`` is not 1).

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> from govmodel.models.law import read_term_years
    >>> read_term_years(Organization("oc", "owners_committee", term_years=3))
    3
    >>> read_term_years(Organization("oc", "owners_committee", attributes={"term_years": True}))
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.organizations[?(@.id=='oc')].attributes.term_years: wrong-type: term_years is a whole number of years, at least 1, not True
    """
    attribute = org.term_years is None
    value = org.attributes.get("term_years") if attribute else org.term_years
    if value is None:
        return None
    n = value if isinstance(value, int) and not isinstance(value, bool) else None
    if n is None or n < 1:
        want = "a whole number of years, at least 1"
        raise wrong_type(org, "term_years", value, want, attribute=attribute)
    return n


_YES = frozenset({"true", "yes", "1"})
_NO = frozenset({"false", "no", "0"})


def read_yes_no(entity: object, name: str, value: object) -> bool | None:
    """A yes-or-no attribute: a boolean, or one of the strings ``true``/``yes``/``1`` and
    ``false``/``no``/``0`` (case and surrounding space ignored); ``None`` when absent.

    Raises
    ------
    SpecError
        ``wrong-type`` for anything else (``"maybe"``, ``2``, and also ``""`` and
        ``"none"``, which say neither yes nor no): a rule does not read consent, or its
        refusal, into a value that does not say it.

    Examples
    --------
    >>> from govmodel.spec import Unit
    >>> from govmodel.models.law import read_yes_no
    >>> h = Unit("h", "household")
    >>> read_yes_no(h, "consent", " Yes "), read_yes_no(h, "consent", "0"), read_yes_no(h, "consent", None)
    (True, False, None)
    >>> read_yes_no(h, "consent", "none")
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.units[?(@.id=='h')].attributes.consent: wrong-type: consent is true or false, not 'none'
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise wrong_type(entity, name, value, "true or false")


def read_outcome(decision: Decision) -> str | None:
    """A decision's recorded outcome: ``"passed"``, ``"failed"``, or ``None`` when none is
    recorded.

    Raises
    ------
    SpecError
        ``wrong-type`` for anything else (``"PASSED"``, ``"yes"``, which
        :func:`govmodel.validate` reports too): a rule does not read a decision as recorded
        passed, or not, from a value that says neither.

    Examples
    --------
    >>> from govmodel.spec import Decision
    >>> from govmodel.models.law import read_outcome
    >>> read_outcome(Decision("d", "oc", outcome="passed")), read_outcome(Decision("d", "oc"))
    ('passed', None)
    >>> read_outcome(Decision("d", "oc", outcome="PASSED"))
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.decisions[?(@.id=='d')].outcome: wrong-type: outcome is passed or failed, not 'PASSED'
    """
    value = decision.outcome
    if value is None or value in ("passed", "failed"):
        return value
    raise wrong_type(decision, "outcome", value, "passed or failed", attribute=False)


#: What a problem is, in Chinese, as :func:`gap` says it: a value absent, malformed, out of
#: place, or counts that do not fit together.
_PROBLEM_ZH = {
    "missing-field": "未记录",
    "missing-tally": "未记录",
    "wrong-type": "格式有误",
    "invalid-value": "取值有误",
    "inconsistent-tally": "计数前后矛盾",
    "duplicate-vote": "重复投票",
}


def problem_zh(code: str) -> str:
    """What a problem of a record is, in Chinese, by its :class:`~govmodel.errors.Problem`
    code, as :func:`gap` says it: 未记录 (``missing-field``, ``missing-tally``), 格式有误
    (``wrong-type``), 取值有误 (``invalid-value``), 计数前后矛盾 (``inconsistent-tally``),
    重复投票 (``duplicate-vote``); 缺失或格式有误 for any other code.

    Examples
    --------
    >>> from govmodel.models.law import problem_zh
    >>> problem_zh("missing-field"), problem_zh("inconsistent-tally"), problem_zh("too-large")
    ('未记录', '计数前后矛盾', '缺失或格式有误')
    """
    return _PROBLEM_ZH.get(code, "缺失或格式有误")


def gap(ctx: Context, subject: str | None, error: SpecError, rule_text: str) -> Finding:
    """The warning finding that a rule cannot examine ``subject``: what is missing or
    malformed, where, and which rule it leaves unchecked.

    Its data are the problem's ``problem`` code (``missing-field``, ``wrong-type``,
    ``inconsistent-tally``) and ``path``; its Chinese message names the path and the kind
    of problem (未记录, 格式有误, 取值有误, 计数前后矛盾).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.spec import Organization, Structure, Unit
    >>> s = Structure(units=[Unit("c", "community", "Old Lane")],
    ...               organizations=[Organization("rc", "residents_committee", unit="c")])
    >>> a = govmodel.assess(s, "residents_committee_law", as_of="2026-06-30")
    >>> f = a.rule("residents_committee_law.scale_2026").findings[0]
    >>> f.severity, f.data["problem"], f.data["path"]
    ('warning', 'missing-field', "$.units[?(@.id=='c')].attributes.households")
    """
    p = error.problems[0]
    name = ctx.index.name_of(subject) if subject is not None else "the structure"
    return ctx.finding(
        subject,
        f"{name}: {p.message}, so {rule_text} cannot be checked",
        f"{name}:{p.path} {problem_zh(p.code)},无法核查",
        severity="warning",
        problem=p.code,
        path=p.path,
    )

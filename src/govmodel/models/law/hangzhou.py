"""Hangzhou's owners' committees: a local pack that extends the national guidance.

A city's rules are a subclass of the national pack. A rule declared with the id of an
inherited rule replaces it; a rule with a new id is added; the rest is inherited unchanged.
Hangzhou [P: the Hangzhou Housing Security and Real Estate Management Bureau's answer of
2019-02-16, fgj.hangzhou.gov.cn] keeps the national 5-11 members, an odd number, **but** a
compound of at most 100 households elects 3; terms are **3 to 5 years**; and the committee
reports to the street office **3 months before** its term expires.

The overriding rules are in force from 2019-02-16, the date of the answer that states them
(the regulation behind it was not read); on earlier dates the pack applies only the rules
it inherits, and the national pack covers those dates.

Examples
--------
>>> from govmodel.models.law.hangzhou import HangzhouOwnersCommittee
>>> [(r.id, r.law.split(" (")[0]) for r in HangzhouOwnersCommittee.rules()][:2]
[('owners_committee_guidance.size', "Hangzhou's rules on owners' committees"), ('owners_committee_guidance.term', "Hangzhou's rules on owners' committees")]
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator

from govmodel.errors import Problem, SpecError
from govmodel.models.base import Context, Finding, Source
from govmodel.models.law import (
    assessment_day,
    gap,
    in_force_on,
    last_day,
    law_rule,
    read_day,
    read_households,
    read_term_start,
    term_end,
)
from govmodel.models.law.owners_committee import (
    OwnersCommitteeGuidance,
    lawful_term,
    term_years,
)
from govmodel.spec import Organization, date_bounds

__all__ = ["HangzhouOwnersCommittee"]

LAW = "Hangzhou's rules on owners' committees (杭州市业主委员会)"
VERSION = "answer of 2019-02-16"
IN_FORCE = ("2019-02-16", None)
SOURCE = "[P] fgj.hangzhou.gov.cn, Q&A of 2019-02-16"
#: The shortest and longest term, in years (任期3至5年).
TERM_BAND = (3, 5)


def _months_before(day: str, months: int) -> str:
    """The same day ``months`` earlier (the month's last day when it has fewer days)."""
    y, m, d = (int(x) for x in day.split("-"))
    m -= months
    while m < 1:
        m += 12
        y -= 1
    return f"{y:04d}-{m:02d}-{min(d, calendar.monthrange(y, m)[1]):02d}"


class HangzhouOwnersCommittee(OwnersCommitteeGuidance):
    """Hangzhou: 3 members for compounds of at most 100 households; terms of 3-5 years;
    a report 3 months before the term expires."""

    name = "hangzhou_owners_committee"
    title = "Owners' committees in Hangzhou"
    title_zh = "杭州市业主委员会"
    summary = (
        "The national guidance as Hangzhou applies it: 5-11 members, an odd number, but 3 "
        "in compounds of at most 100 households; terms of 3 to 5 years; a report to the "
        "street office 3 months before the term expires."
    )
    source = Source("fgj.hangzhou.gov.cn Q&A, 2019-02-16 [P]", "Hangzhou", "杭州", 2019)

    #: Compounds of at most this many households elect :attr:`small_size` members.
    small_compound: int = 100
    small_size: int = 3

    def allowed_sizes(self, ctx: Context, committee: Organization) -> tuple[int, int]:
        """3 for a compound of at most 100 households (100 included: 以下, art. 1259); else
        the national band. Before 2019-02-16, when Hangzhou's rules come into force, the
        national band: the rules the pack inherits (the re-election's floor) do not apply
        Hangzhou's 3 before its rules do.

        Raises
        ------
        SpecError
            When the committee's compound, or its households, are not recorded (or not as
            a whole number): the band cannot be told, and the rule warns so.
        """
        if not in_force_on(IN_FORCE, assessment_day(ctx)):
            return self.size_band
        if committee.unit is None:
            where = f"$.organizations[?(@.id=={committee.id!r})].unit"
            raise SpecError(
                [
                    Problem(
                        "missing-field",
                        where,
                        "unit (the compound whose households set the size) is not recorded",
                    )
                ]
            )
        n = read_households(ctx, committee.unit)
        if n <= self.small_compound:
            return (self.small_size, self.small_size)
        return self.size_band

    def term_bands(
        self, start: str, shortest: int, longest: int
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """Hangzhou's 3 to 5 years for a committee elected from 2019-02-16; the national
        guidance's terms (at most 5 years) for one elected before: a term is the one the law
        of its election set (:func:`_term_bands`)."""
        return _term_bands(start, (shortest, longest), (1, self.max_term))

    @law_rule(
        "owners_committee_guidance.size",
        "An owners' committee has 5 to 11 members, an odd number; 3 in a compound of at most "
        "100 households.",
        "业主委员会由5至11人单数组成;100户以下的小区,业主委员会委员为3人。",
        law=LAW,
        article="owners' committee size",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def size_hangzhou(self, ctx: Context) -> Iterator[Finding]:
        """As the national rule, with Hangzhou's band (:meth:`allowed_sizes`)."""
        yield from self.size_findings(ctx)

    @law_rule(
        "owners_committee_guidance.term",
        "An owners' committee is elected for 3 to 5 years; an overdue re-election is flagged.",
        "业主委员会每届任期3至5年。",
        law=LAW,
        article="owners' committee term",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def term_hangzhou(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees elected for fewer than 3 or more than 5 years, or whose term
        has ended; a committee elected before 2019-02-16 keeps the national guidance's
        terms (:meth:`term_bands`)."""
        yield from self.term_findings(ctx, *TERM_BAND)

    @law_rule(
        "hangzhou_owners_committee.report_expiry",
        "An owners' committee reports to the street office 3 months before its term expires.",
        "业主委员会应在任期届满3个月前向街道办事处报告。",
        law=LAW,
        article="re-election",
        version=VERSION,
        in_force=IN_FORCE,
        severity="warning",
        source=SOURCE,
    )
    def report_expiry(self, ctx: Context) -> Iterator[Finding]:
        """Owners' committees within 3 months of the end of their term (or past it) with no
        report recorded (attribute ``expiry_reported``) by 3 months before it, or reporting
        later.

        The term ends where the term rule (``owners_committee_guidance.term``) reads it:
        ``term_years`` (5 when none is recorded) brought into Hangzhou's 3 to 5 years
        (:func:`~govmodel.models.law.owners_committee.lawful_term`), or, for a committee
        elected before 2019-02-16, into the national guidance's at most 5. The answer gives
        terms of 3 to 5 years and the report 3 months before expiry, so a term recorded
        as 6 years expires, for the law, after 5, and one of 2 is read, as the term rule
        reads it, as 3: the report is due 3 months before the day from which the term rule
        flags an overdue re-election. A committee whose report fell due before
        2019-02-16, when the rule came into force, is not examined. As of a day
        (``as_of``), a report dated after it had not yet been made: it is neither late nor
        on time, and its absence is found only once the report was due. A report dated
        before the election (surely, whatever days partial dates stand for) is one of an
        earlier term: a warning that the rule cannot check the committee, as for the first
        meeting and the filing."""
        ix = ctx.index
        day = assessment_day(ctx)
        subject = []
        for o in self.committees(ctx):
            try:
                by: str | None = _report_due(o)[1]
            except SpecError:
                by = None  # examined, to warn that the deadline cannot be told
            if by is None or by >= IN_FORCE[0]:
                subject.append(o)
        for o in ctx.examine(subject):
            try:
                due, by = _report_due(o)
                reported = read_day(o, "expiry_reported", o.attributes.get("expiry_reported"))
            except SpecError as e:
                yield gap(ctx, o.id, e, "the report before expiry")
                continue
            if reported is not None and date_bounds(reported)[0] > day:
                reported = None  # reported after the day assessed: not yet reported on it
            start = read_term_start(o)
            if reported is not None and last_day(reported) < date_bounds(start)[0]:
                # a report of an earlier term, not of this one's expiry
                where = f"$.organizations[?(@.id=={o.id!r})].attributes.expiry_reported"
                why = f"expiry_reported ({reported}) is before the election ({start})"
                before = SpecError([Problem("invalid-value", where, why)])
                yield gap(ctx, o.id, before, "the report before expiry")
                continue
            late = reported is not None and date_bounds(reported)[0] > by
            missing = reported is None and by < day
            if late or missing:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)}'s term ends {due}; it should have reported to the "
                    f"street office by {by}"
                    + (f", and reported on {reported}" if late else ", and no report is recorded"),
                    f"{ix.name_of(o.id)} 任期 {due} 届满,应于 {by} 前向街道办事处报告,"
                    + (f"实际于 {reported} 报告" if late else "未见报告记录"),
                    due=due,
                    by=by,
                )


def _term_bands(
    start: str, local: tuple[int, int], national: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The band a committee elected on ``start`` may have been elected for, and the band
    its term's end is read with: ``local`` (Hangzhou's) for an election from 2019-02-16,
    ``national`` before. A partial date covering days either side (``"2019"``,
    ``"2019-02"``) allows a term lawful under either (a 2-year term is not surely
    unlawful), and its end is read with Hangzhou's band, under which it comes last: a
    re-election is found overdue only once it surely is."""
    if last_day(start) < IN_FORCE[0]:
        return national, national
    if date_bounds(start)[0] >= IN_FORCE[0]:
        return local, local
    return (min(local[0], national[0]), max(local[1], national[1])), local


def _report_due(o: Organization) -> tuple[str, str]:
    """The last day of a committee's term (:func:`lawful_term` in the band the term rule
    reads, :func:`_term_bands`: :data:`TERM_BAND`, or the national guidance's for a
    committee elected before 2019-02-16) and the day, 3 months before it, by which it
    reports; a SpecError when its election or its term is not recorded as the rules read
    them."""
    start = read_term_start(o)
    band = _term_bands(start, TERM_BAND, (1, OwnersCommitteeGuidance.max_term))[1]
    years = lawful_term(term_years(o, TERM_BAND[1]), *band)
    due = term_end(start, years)
    end = last_day(start)
    year = int(end[:4]) + years
    if year <= datetime.MAXYEAR:
        return due, _months_before(due, 3)
    # a term ending after 9999-12-31 (term_end gives that day): its report may fall due
    # before, 3 months before the day the term ends, counted on the calendar beyond (the
    # day named as it is, "10000-01-15")
    month, day = int(end[5:7]), int(end[8:10])
    if (month, day) == (2, 29) and not calendar.isleap(year):
        day = 28
    beyond = f"{year}-{month:02d}-{day:02d}"
    report = _months_before(beyond, 3)
    return beyond, report if int(report[: report.index("-")]) <= datetime.MAXYEAR else due

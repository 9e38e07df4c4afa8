"""Helpers for writing a governance model, the same ones the built-in models use.

A model reads the structure through ``ctx.index`` (:class:`govmodel.index.StructureIndex`:
units, organizations, posts, ties and observations by id, and the published figure of an
indicator) and the labels of the built-in classifiers through :func:`labels`. The helpers
here add what a model declares over and over: a measure that is a published figure
(:func:`published_figure`), a classifier that passes a built-in classifier's labels through
(:func:`builtin_classifier`), the reading of a yes/no attribute (:func:`truthy`) and of a
count (:func:`as_count`), the finding of a value that is not a count (:func:`not_a_count`),
and a figure written in a message without a rounding that reads as another (:func:`written`).

Examples
--------
>>> import govmodel
>>> from govmodel.models import GovernanceModel, rule
>>> from govmodel.models.helpers import builtin_classifier, published_figure
>>> class Figures(GovernanceModel):
...     name = "figures"
...     title = "Published figures"
...     compounds = published_figure("compounds", "compounds (published)", "小区数")
...     management_mode = builtin_classifier("management_mode", "property management", "物业管理模式")
>>> a = govmodel.assess(govmodel.datasets.load("yuetang"), Figures)
>>> a.metrics["compounds"].value, a.labels["management_mode"]["yt-c1"].value
(565.0, 'quasi_property')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from govmodel._convert import short_repr
from govmodel.classify.base import _truthy
from govmodel.index import StructureIndex
from govmodel.models.base import BLOCK_ROWS, Context, Finding, Quantity, classifier, measure

if TYPE_CHECKING:
    from govmodel.classify.base import Label
    from govmodel.metrics import Rate
    from govmodel.spec import Observation

__all__ = [
    "as_count",
    "batches",
    "builtin_classifier",
    "fewer_published",
    "labels",
    "not_a_count",
    "period_key",
    "pooled_rate",
    "published_figure",
    "truthy",
    "written",
]

#: The order of periods (:meth:`govmodel.index.StructureIndex.period_key`): by their end,
#: then their start; no period first.
period_key = StructureIndex.period_key


T = TypeVar("T")


def batches(items: Iterable[T], size: int = BLOCK_ROWS) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter; none for no item).

    A rule that finds the same thing about many subjects can make its messages a batch at
    a time with list comprehensions and pass each batch to :meth:`Context.findings
    <govmodel.models.Context.findings>`: batches of :data:`~govmodel.models.base.BLOCK_ROWS`
    make the same blocks as one call with every subject, without holding them all.

    Examples
    --------
    >>> from govmodel.models.helpers import batches
    >>> list(batches(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"a batch holds a whole number of items, at least one, not {size!r}")
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def truthy(value: object) -> bool:
    """Whether an attribute value says yes.

    Parameters
    ----------
    value
        An attribute value.

    Returns
    -------
    bool
        For a string, whether it is anything but ``""``, ``"false"``, ``"no"``, ``"n"``,
        ``"off"``, ``"0"``, ``"none"``, ``"null"``, ``"n/a"``, ``"否"`` (no), ``"无"`` or
        ``"没有"`` (none) and ``"不是"`` (is not), case and surrounding space ignored (``"是"``,
        yes, says yes); for a float that is not a number
        (NaN), ``False``: it says nothing; for anything else, ``bool(value)``.

    Examples
    --------
    >>> from govmodel.models.helpers import truthy
    >>> truthy(" Yes "), truthy("no"), truthy(0), truthy(None), truthy(float("nan"))
    (True, False, False, False, False)
    >>> truthy("是"), truthy("否"), truthy(" N/A ")
    (True, False, False)
    """
    return _truthy(value)


def as_count(value: object, *, whole: bool = True) -> float | None:
    """An attribute or observed value read as a count, or ``None`` when it is not one.

    A count is an ``int`` or a ``float`` (never a ``bool``: ``True`` is not 1, and never a
    string: ``"12"`` is not 12), finite (an ``int`` beyond a float's range, ``10**400``,
    is not), not negative and, with ``whole`` (the default), a whole number (``12.0`` is 12, ``2.5`` households are not a count). With
    ``whole=False`` the value is an amount (a floor area, a published figure) and may have
    a fraction. :func:`govmodel.validate` reports each of these values as a problem; the
    built-in models, which may run on a structure that was not validated, read them with
    this function and report the subject with :func:`not_a_count` instead of checking it.

    Parameters
    ----------
    value
        An attribute value, an observation's value, or ``None`` (absent).
    whole
        Whether the count must be a whole number.

    Returns
    -------
    float or None

    Examples
    --------
    >>> from govmodel.models.helpers import as_count
    >>> as_count(12), as_count(12.0), as_count(0)
    (12.0, 12.0, 0.0)
    >>> [as_count(v) for v in (True, "12", float("nan"), float("inf"), -3, 2.5, None, 10**400)]
    [None, None, None, None, None, None, None, None]
    >>> as_count(2.5, whole=False)
    2.5
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value < 0 or (whole and isinstance(value, float) and not value.is_integer()):
        return None
    try:
        return float(value)
    except OverflowError:  # an int beyond a float's range, which validate reports too
        return None


def written(x: float) -> str:
    """A count or an amount as a message writes it: as ``:g`` writes it where that reads
    back as ``x``, else with all its digits, never a rounding that reads as another figure.

    Parameters
    ----------
    x
        An ``int`` (written as it is) or a ``float``.

    Returns
    -------
    str
        ``f"{x:g}"`` when ``float`` of it is ``x``; else, for a whole float, its digits
        (``f"{x:.0f}"``), and for any other float ``repr(x)``, the shortest text that reads
        back as ``x``.

    Examples
    --------
    >>> from govmodel.models.helpers import written
    >>> written(12), written(2.5), written(1e20), written(1234567.0), written(1234567.25)
    ('12', '2.5', '1e+20', '1234567', '1234567.25')
    >>> f"{1234567.0:g}"  # what it avoids: this reads as 1,234,570
    '1.23457e+06'
    """
    if isinstance(x, int):
        return str(x)
    text = f"{x:g}"
    if float(text) == x:
        return text
    return f"{x:.0f}" if x.is_integer() else repr(float(x))


def not_a_count(ctx: Context, subject: str, name: str, value: object) -> Finding:
    """The finding of the running rule that ``subject``'s ``name`` is not a count
    (:func:`as_count`), so that the rule cannot check the subject.

    It is a warning whatever the rule's severity: the structure is wrong (run
    :func:`govmodel.validate`), and a rule that cannot check a subject never passes it
    silently. Its data are ``invalid`` (the attribute or indicator) and ``value`` (the
    value's ``repr``).

    Parameters
    ----------
    ctx
        The context of the running rule.
    subject
        The entity whose value it is.
    name
        The attribute or indicator.
    value
        The value.

    Returns
    -------
    Finding

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel, rule
    >>> from govmodel.models.helpers import as_count, not_a_count
    >>> class Sized(GovernanceModel):
    ...     name = "sized"
    ...     @rule("sized.households", "Every compound records its households.", severity="info")
    ...     def households(self, ctx):
    ...         for u in ctx.examine(ctx.units("compound")):
    ...             n = u.attributes.get("households")
    ...             if n is not None and as_count(n) is None:
    ...                 yield not_a_count(ctx, u.id, "households", n)
    >>> s = govmodel.Structure(units=[govmodel.Unit("x", "compound", attributes={"households": True})])
    >>> f, = govmodel.assess(s, Sized).rule("sized.households").findings
    >>> f.severity, dict(f.data)
    ('warning', {'invalid': 'households', 'value': 'True'})
    >>> f.message
    'x: households is True, not a count; it cannot be checked'
    """
    try:
        shown = repr(value)
    except ValueError:  # an int of more digits than Python writes out: about its size
        shown = short_repr(value)
    name_of = ctx.index.name_of(subject)
    if value is None:  # nothing recorded where the rule needs a count
        en = f"{name_of}: records no {name}; it cannot be checked"
        zh = f"{name_of} 未记录 {name}，无法检查"
    else:
        en = f"{name_of}: {name} is {shown}, not a count; it cannot be checked"
        zh = f"{name_of} 的 {name} 为 {shown}，不是有效数量，无法检查"
    return ctx.finding(
        subject,
        en,
        zh,
        severity="warning",
        invalid=name,
        value=shown,
    )


def labels(ctx: Context, name: str) -> dict[str, Label]:
    """The labels a built-in classifier gives the structure under assessment, by unit id.

    Computed once for all the models assessed together (:meth:`Context.classify`) and kept
    for the assessment, so that the rules, classifiers and measures of a model read them
    as often as they like.

    Parameters
    ----------
    ctx
        The context of the assessment.
    name
        A classifier of :data:`govmodel.classify.CLASSIFIERS` (``"management_mode"``).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel, measure
    >>> from govmodel.models.helpers import labels
    >>> class Managed(GovernanceModel):
    ...     name = "managed"
    ...     @measure("quasi", "quasi-property compounds", "准物业小区数")
    ...     def quasi(self, ctx):
    ...         modes = labels(ctx, "management_mode")
    ...         return sum(lab.value == "quasi_property" for lab in modes.values())
    >>> govmodel.assess(govmodel.datasets.load("xihu"), Managed).metrics["quasi"].value
    1.0
    """
    got: dict[str, Label] = ctx.cached(
        f"govmodel.labels.{name}", lambda: ctx.classify([name])[name]
    )
    return got


def published_figure(
    indicator: str,
    en: str,
    zh: str = "",
    *,
    name: str | None = None,
    description: str = "",
    where: Callable[[Observation], bool] | None = None,
    quantity: Quantity = "count",
) -> Callable[[Any, Context], float | None]:
    """A measure whose value is the structure's published figure of ``indicator``.

    Assign it in a model's class body (``compounds = published_figure("compounds", …)``):
    it is the method ``ctx.index.published(indicator, where=where)``
    (:meth:`govmodel.index.StructureIndex.published`: each subject's latest observation,
    summed over the outermost subjects), declared with :func:`~govmodel.models.measure`.
    When a figure summed is not an amount (:func:`as_count` with ``whole=False``:
    ``True``, text, NaN, an infinity, a negative number) the total is unknown: ``None``,
    never a sum that reads ``True`` as 1.

    Parameters
    ----------
    indicator
        The indicator observed.
    en, zh
        The measure's English and Chinese names.
    name
        The measure's name; the indicator's by default.
    description
        What the measure is; by default, that it is the published figure of ``indicator``.
    where
        Only the observations it accepts count.
    quantity
        What kind of number it is (:func:`~govmodel.models.measure`): a ``"count"`` by
        default, as published figures mostly are.

    Returns
    -------
    callable
        The measure method.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel
    >>> from govmodel.models.helpers import published_figure
    >>> class Stations(GovernanceModel):
    ...     name = "stations_published"
    ...     stations = published_figure("service_stations", "service stations", "服务站数")
    >>> govmodel.assess(govmodel.datasets.load("yuetang"), Stations).metrics["service_stations"].value
    143.0
    """

    def figure(self: Any, ctx: Context) -> float | None:
        return ctx.index.published(indicator, where=where)

    figure.__name__ = figure.__qualname__ = name or indicator
    figure.__doc__ = f"The published figure of ``{indicator}``."
    text = description or f"The published figure of `{indicator}` (latest, outermost subjects)."
    return measure(name or indicator, en, zh, description=text, quantity=quantity)(figure)


def pooled_rate(ctx: Context, numerator: str, denominator: str) -> Rate | None:
    """The pooled ratio of two indicators (:func:`govmodel.metrics.service.ratio`) as a
    measure reads it: ``None`` where the figures cannot be read.

    .. math:: r = \\frac{\\sum_{s \\in S} a_s}{\\sum_{s \\in S} b_s}

    over the outermost subjects :math:`S` that report both, each at its latest common
    period (see :func:`~govmodel.metrics.service.ratio`). Where an observation of either
    indicator has a value that is not a finite number, or a subject has two observations of
    one of them for one period, :func:`~govmodel.metrics.service.ratio` refuses the figures
    (a :class:`~govmodel.errors.SpecError`, which :func:`govmodel.validate` also reports);
    a measure, which may run on a structure that was not validated, then has no value
    instead of stopping the assessment, as :func:`published_figure` has none. So too where
    a value is not an amount (:func:`as_count` with ``whole=False``: a negative number, an
    int beyond a float's range), which :func:`govmodel.validate` reports as well: never a
    share below 0, never an ``OverflowError``.

    Parameters
    ----------
    ctx
        The context of the running measure.
    numerator, denominator
        The indicators (``"issues_resolved"``, ``"issues_collected"``).

    Returns
    -------
    Rate or None
        The :class:`~govmodel.metrics.Rate` (its value NaN when no subject reports both,
        which an assessment shows as no value), or ``None`` when the figures cannot be read
        (or their ratio is beyond a float's range).

    Examples
    --------
    >>> import attrs, govmodel
    >>> from govmodel.models import GovernanceModel, measure
    >>> from govmodel.models.helpers import pooled_rate
    >>> class Resolution(GovernanceModel):
    ...     name = "resolution_example"
    ...     @measure("resolved", "share of issues resolved", quantity="share")
    ...     def resolved(self, ctx):
    ...         r = pooled_rate(ctx, "issues_resolved", "issues_collected")
    ...         return None if r is None else r.value
    >>> s = govmodel.datasets.load("xihu")
    >>> round(govmodel.assess(s, Resolution).metrics["resolved"].value, 3)
    0.728
    >>> nan = [attrs.evolve(o, value=float("nan")) if o.indicator == "issues_resolved" else o
    ...        for o in s.observations]
    >>> print(govmodel.assess(attrs.evolve(s, observations=nan), Resolution).metrics["resolved"].value)
    None
    """
    from govmodel.errors import SpecError
    from govmodel.metrics import service

    ix = ctx.index
    for indicator in (numerator, denominator):
        for series in ix.observed(indicator).values():
            for ob in series:
                value = ob.value
                # a number that is no amount: negative, or an int beyond a float's range
                # (anything else not a finite number: ratio refuses it, invalid-value); a
                # float of another type (numpy's float64) is a float
                number = type(value) is int or (isinstance(value, float) and math.isfinite(value))
                if number and as_count(value, whole=False) is None:
                    return None
    try:
        return service.ratio(ix, numerator, denominator)
    except SpecError as exc:
        if all(p.code in _UNREADABLE_FIGURES for p in exc.problems):
            return None
        raise
    except OverflowError:  # figures whose ratio is beyond a float's range
        return None


#: The problems of :func:`~govmodel.metrics.service.ratio` that make a pooled ratio
#: unknown (:func:`pooled_rate`) rather than stop an assessment.
_UNREADABLE_FIGURES = frozenset({"invalid-value", "duplicate-observation"})


def builtin_classifier(
    name: str, en: str, zh: str = ""
) -> Callable[[Any, Context], Mapping[str, Label]]:
    """A classifier of the model that gives the labels of the built-in classifier ``name``.

    Assign it in a model's class body
    (``management_mode = builtin_classifier("management_mode", …)``): it is the method
    returning :func:`labels` of ``name``, declared with :func:`~govmodel.models.classifier`.

    Parameters
    ----------
    name
        A classifier of :data:`govmodel.classify.CLASSIFIERS`; also the model's classifier's
        name.
    en, zh
        Its English and Chinese names.

    Returns
    -------
    callable
        The classifier method.

    Raises
    ------
    ModelError
        If ``name`` is not a classifier of :data:`govmodel.classify.CLASSIFIERS` (the
        message lists them).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel
    >>> from govmodel.models.helpers import builtin_classifier
    >>> class Types(GovernanceModel):
    ...     name = "types"
    ...     compound_type = builtin_classifier("compound_type", "compound type", "小区类型")
    >>> a = govmodel.assess(govmodel.datasets.load("xihu"), Types)
    >>> sorted(a.labels) == ["compound_type"]
    True
    """

    from govmodel.classify import chosen_classifiers

    chosen_classifiers([name])  # a name of no classifier: refused with the names, now

    def passed_through(self: Any, ctx: Context) -> Mapping[str, Label]:
        return labels(ctx, name)

    passed_through.__name__ = passed_through.__qualname__ = name
    passed_through.__doc__ = f"The labels of :func:`govmodel.classify.{name}`."
    return classifier(name, en, zh)(passed_through)


def fewer_published(
    ctx: Context, indicator: str, places: Iterable[str | None]
) -> Iterator[Finding]:
    """Findings of the units that publish fewer of something than the structure holds.

    For a rule that holds published counts against the structure: each unit with an
    observation of ``indicator`` (its latest, :meth:`~govmodel.index.StructureIndex.latest`)
    is examined (:meth:`Context.examine`) and found when the ``places`` inside it (itself
    included) outnumber the figure it publishes. A figure that is not a whole count
    (:func:`as_count`: ``True``, ``"12"``, NaN, ``1.5``) gives the :func:`not_a_count`
    finding instead. Linear in the number of units.

    Parameters
    ----------
    ctx
        The context of the running rule.
    indicator
        The indicator of the published count (``"work_stations"``).
    places
        The unit id of each thing the structure holds (an id once per thing: the unit each
        work station is located in, …); ``None`` for a thing in no unit, which counts
        nowhere (``""`` is the id of a unit like any other).

    Yields
    ------
    Finding
        About the unit, with data ``indicator``, ``published`` and ``modelled``.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models import GovernanceModel, rule
    >>> from govmodel.models.helpers import fewer_published
    >>> class Stations(GovernanceModel):
    ...     name = "stations_held"
    ...     @rule("stations_held.figures", "No more stations than published.")
    ...     def figures(self, ctx):
    ...         stations = [o.unit for o in ctx.index.orgs_of_kind("service_station")]
    ...         yield from fewer_published(ctx, "service_stations", stations)
    >>> a = govmodel.assess(govmodel.datasets.load("yuetang"), Stations)
    >>> a.rule("stations_held.figures").examined, a.rule("stations_held.figures").findings
    (1, ())
    """
    ix = ctx.index
    latest = {s: obs[-1].value for s, obs in ix.observed(indicator).items() if ix.unit(s)}
    if not ctx.examine(latest):
        return
    observed: dict[str, float] = {}
    for s, v in latest.items():
        value = as_count(v)  # a number of things: whole (1.5 compounds is no count)
        if value is None:
            yield not_a_count(ctx, s, indicator, v)
        else:
            observed[s] = value
    held: dict[str, int] = {}
    for place in places:
        if place is not None:
            held[place] = held.get(place, 0) + 1
    for uid in reversed(ix.top_down()):  # each unit's count over its subtree
        n = held.get(uid)
        u = ix.unit(uid)
        if n and u is not None and u.parent is not None and ix.unit(u.parent) is not None:
            held[u.parent] = held.get(u.parent, 0) + n
    name_of = ix.name_of
    en, zh = (ctx.vocab.named("indicators", indicator, lang) for lang in ("en", "zh"))
    for s, value in observed.items():
        n = held.get(s, 0)
        if n > value:
            yield ctx.finding(
                s,
                f"{name_of(s)} publishes {written(value)} {en} but the structure holds {n}",
                f"{name_of(s)} 公布的{zh}为 {written(value)}，但结构中有 {n} 个",
                indicator=indicator,
                published=value,
                modelled=n,
            )

"""Helpers for writing a governance model, the same ones the built-in models use.

A model reads the structure through ``ctx.index`` (:class:`govmodel.index.StructureIndex`:
units, organizations, posts, ties and observations by id, and the published figure of an
indicator) and the labels of the built-in classifiers through :func:`labels`. The helpers
here add what a model declares over and over: a measure that is a published figure
(:func:`published_figure`), a classifier that passes a built-in classifier's labels through
(:func:`builtin_classifier`), and the reading of a yes/no attribute (:func:`truthy`).

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

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from govmodel.index import StructureIndex
from govmodel.models.base import Context, classifier, measure

if TYPE_CHECKING:
    from govmodel.classify.base import Label
    from govmodel.spec import Observation

__all__ = ["builtin_classifier", "labels", "period_key", "published_figure", "truthy"]

#: The order of periods (:meth:`govmodel.index.StructureIndex.period_key`): by their end,
#: then their start; no period first.
period_key = StructureIndex.period_key

_NO = frozenset({"", "false", "no", "0", "none"})


def truthy(value: object) -> bool:
    """Whether an attribute value says yes.

    Parameters
    ----------
    value
        An attribute value.

    Returns
    -------
    bool
        For a string, whether it is anything but ``""``, ``"false"``, ``"no"``, ``"0"`` or
        ``"none"`` (case and surrounding space ignored); for anything else, ``bool(value)``.

    Examples
    --------
    >>> from govmodel.models.helpers import truthy
    >>> truthy(" Yes "), truthy("no"), truthy(0), truthy(None)
    (True, False, False, False)
    """
    if isinstance(value, str):
        return value.strip().lower() not in _NO
    return bool(value)


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
) -> Callable[[Any, Context], float | None]:
    """A measure whose value is the structure's published figure of ``indicator``.

    Assign it in a model's class body (``compounds = published_figure("compounds", …)``):
    it is the method ``ctx.index.published(indicator, where=where)``
    (:meth:`govmodel.index.StructureIndex.published`: each subject's latest observation,
    summed over the outermost subjects), declared with :func:`~govmodel.models.measure`.

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
    return measure(name or indicator, en, zh, description=text)(figure)


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

    def passed_through(self: Any, ctx: Context) -> Mapping[str, Label]:
        return labels(ctx, name)

    passed_through.__name__ = passed_through.__qualname__ = name
    passed_through.__doc__ = f"The labels of :func:`govmodel.classify.{name}`."
    return classifier(name, en, zh)(passed_through)

"""Panels: structures assessed at a series of dates and side by side, as one tidy frame.

A panel holds the measures of one or more governance models for several places (cities,
districts, compounds: one :class:`~govmodel.spec.Structure` each) at several dates (each
structure as it stood then, :meth:`Structure.as_of <govmodel.spec.Structure.as_of>`), in
the *long* ("tidy") shape that pandas, R (``tidyr``, ``plm``, ``fixest``) and Stata
(``xtset``, ``reshape wide``) all read: one row per observation, one column per variable.

=========== ========================= =========================================================
column      dtype                     what it holds
=========== ========================= =========================================================
``place``   ``str``                   the place's name: the mapping's key, else the structure's
                                      ``metadata.name``
``date``    ``str``                   the date asked for, as given (a partial ISO date:
                                      ``"2021"``, ``"2021-06"``, ``"2021-06-30"``); ``""`` for
                                      a structure taken as it is (``dates=None``)
``model``   ``str``                   the model's registered name
``measure`` ``str``                   the measure's name (``MeasureSpec.name``)
``unit``    ``str``                   ``""`` for the value of the whole structure; else the id
                                      of the unit the value belongs to
``value``   ``float64``               the value; ``NaN`` when the model cannot compute it
=========== ========================= =========================================================

``unit`` is the empty string rather than a missing value for the whole structure because
Stata has no missing string and R's ``NA`` and pandas' ``NaN`` would each read it differently:
``""`` is the same in all three (``df[df.unit == ""]``, ``subset(df, unit == "")``,
``keep if unit == ""``). ``str`` is pandas' string dtype (``pd.StringDtype``, the default
for text from pandas 3); a column holding a lone surrogate (in a unit id or a place's name),
which ``str`` cannot store, is of ``object``.

Needs the ``pandas`` extra. :doc:`/guide/research` shows a panel from start to end.

Examples
--------
>>> import govmodel
>>> from govmodel import synth
>>> from govmodel.panel import panel
>>> places = {"north": synth.district(10, seed=1), "south": synth.district(10, seed=2)}
>>> df = panel(places, "four_level", dates=["2020", "2021"], units="none")
>>> list(df.columns)
['place', 'date', 'model', 'measure', 'unit', 'value']
>>> sorted(set(zip(df.place, df.date)))
[('north', '2020'), ('north', '2021'), ('south', '2020'), ('south', '2021')]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from govmodel.assess import compare
from govmodel.errors import GovModelError, SpecError, require
from govmodel.spec import Structure, date_bounds

if TYPE_CHECKING:
    import pandas as pd

    from govmodel.models.base import GovernanceModel

__all__ = ["COLUMNS", "PanelError", "panel"]

#: The columns of a panel, in order.
COLUMNS: Final[tuple[str, ...]] = ("place", "date", "model", "measure", "unit", "value")

_FEATURE: Final = "govmodel.panel"

Units = Literal["none", "measured", "all"]


class PanelError(GovModelError, ValueError):
    """A panel was asked for with a bad place, date or option (the message says which)."""


def _array(pd: Any, values: list[Any], dtype: str) -> Any:
    """``values`` as a pandas array of ``dtype``; of objects for strings no ``str`` holds (a
    lone surrogate in a unit id or a place's name)."""
    try:
        return pd.array(values, dtype=dtype)
    except UnicodeEncodeError:
        return pd.array(values, dtype=object)


def _places(
    places: Structure | Mapping[str, Structure] | Iterable[Structure],
) -> dict[str, Structure]:
    if isinstance(places, Structure):
        items: list[tuple[str, Any]] = [(places.metadata.name, places)]
    elif isinstance(places, Mapping):
        items = [(k, v) for k, v in places.items()]
    else:
        items = [(s.metadata.name if isinstance(s, Structure) else "", s) for s in places]
    out: dict[str, Structure] = {}
    for i, (name, s) in enumerate(items):
        if not isinstance(s, Structure):
            raise PanelError(f"place {name or i!r}: expected a Structure, not {type(s).__name__}")
        if not isinstance(name, str) or not name:
            raise PanelError(
                f"place {i}: a place needs a non-empty name: give a mapping "
                "{name: structure} or structures with metadata.name"
            )
        if name in out:
            raise PanelError(f"place {name!r} is given twice: names must be unique")
        out[name] = s
    if not out:
        raise PanelError("a panel needs at least one place")
    return out


def _dates(dates: Sequence[str] | None) -> list[str | None]:
    if dates is None:
        return [None]
    if isinstance(dates, str | bytes):  # bytes would give their byte values as dates
        raise PanelError(f"dates must be a sequence of dates, not the string {dates!r}")
    out: list[str | None] = []
    for i, d in enumerate(dates):
        try:
            date_bounds(d)
        except ValueError as exc:
            raise PanelError(f"dates[{i}]: {exc}") from None
        if d in out:
            raise PanelError(f"dates[{i}]: {d!r} is given twice")
        out.append(d)
    if not out:
        raise PanelError("dates is empty: give at least one date, or None")
    return out


def panel(
    places: Structure | Mapping[str, Structure] | Iterable[Structure],
    models: str | type[GovernanceModel] | Iterable[str | type[GovernanceModel]],
    *,
    dates: Sequence[str] | None = None,
    units: Units = "measured",
) -> pd.DataFrame:
    """Measures of places at dates under models, as one tidy long data frame.

    Each place is assessed at each date, as it stood then (only the units, organizations,
    posts and ties in force on the date's first day, and the observations and decisions made
    by then: :func:`govmodel.assess` with ``as_of``), under each model
    (the models of one place and date share their lookups, as in :func:`govmodel.compare`).
    Every measure gives one row for the whole structure and, per ``units``, one row per unit.

    Parameters
    ----------
    places
        One structure, a mapping ``{place name: structure}``, or structures named by their
        ``metadata.name`` (names must be unique and non-empty).
    models
        A model name or class, or several.
    dates
        Partial ISO dates (``"2019"``, ``"2019-07"``, ``"2019-07-01"``), in the order the
        rows should follow; ``None`` takes each structure as it is (``date`` is then ``""``).
    units
        ``"none"``: only the value of the whole structure (``unit == ""``).
        ``"measured"``: also one row per measured unit (``MeasureResult.by_unit``).
        ``"all"``: also the rollups to every unit above the measured ones
        (``MeasureResult.by_level``; each is the sum or mean of the units inside it).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`, with the dtypes of the table in
        :mod:`govmodel.panel`; rows ordered by place, date, model, the model's measures,
        then the whole structure first and the units in the model's order. The frame's
        ``attrs["govmodel"]`` records the arguments (places, dates, models, units).

    Raises
    ------
    PanelError
        For a place that is not a structure or has no name, a name given twice, a date that
        is not a partial ISO date (or is given twice), a model given twice, an empty list,
        or an unknown ``units``.
    govmodel.ModelError
        For an unknown model.
    govmodel.SpecError
        For a place with a unit, organization, post or tie whose ``start`` or ``end`` is not
        a date, when ``dates`` are given (:meth:`Structure.as_of
        <govmodel.spec.Structure.as_of>`): the problems, ``in place 'name'``.

    Notes
    -----
    Complexity: one assessment per place, date and model, each linear in the structure's
    size for the built-in models; the frame has
    :math:`\\sum_{p,d,m} \\sum_{\\text{measures}} (1 + \\text{units})` rows.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.panel import panel
    >>> df = panel(govmodel.datasets.load("yuetang"), ["four_level"], dates=["2018", "2022"])
    >>> df.dtypes.astype(str).tolist()
    ['str', 'str', 'str', 'str', 'str', 'float64']
    >>> row = df[(df.measure == "cross_appointment") & (df.unit == "")]
    >>> row[["place", "date", "value"]].to_dict("records")
    [{'place': 'yuetang', 'date': '2018', 'value': 0.0}, {'place': 'yuetang', 'date': '2022', 'value': 0.4}]
    """
    pd: Any = require("pandas", "pandas", feature=_FEATURE)
    if units not in ("none", "measured", "all"):
        raise PanelError(f"units must be 'none', 'measured' or 'all', not {units!r}")
    named = _places(places)
    when = _dates(dates)
    if isinstance(models, str | type):
        chosen: list[str | type[GovernanceModel]] = [models]
    else:
        chosen = list(models)
    if not chosen:
        raise PanelError("models is empty: give at least one model")
    seen: dict[str, int] = {}
    for i, given in enumerate(chosen):
        # the rows of a model given twice (by name, or by name and class) would repeat
        # every key (place, date, model, measure, unit) of a panel
        name = given if isinstance(given, str) else getattr(given, "name", None)
        if isinstance(name, str) and name:
            if name in seen:
                raise PanelError(f"models[{i}]: {name!r} is given twice (models[{seen[name]}])")
            seen[name] = i

    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    place_col, date_col, model_col = cols["place"], cols["date"], cols["model"]
    measure_col, unit_col, value_col = cols["measure"], cols["unit"], cols["value"]

    def add(place: str, date: str, model: str, measure: str, unit: str, value: float) -> None:
        place_col.append(place)
        date_col.append(date)
        model_col.append(model)
        measure_col.append(measure)
        unit_col.append(unit)
        value_col.append(value)

    for place, s in named.items():
        for d in when:
            try:
                assessed = compare(s, chosen, as_of=d).assessments
            except SpecError as exc:  # of which of the places: say so
                raise SpecError(exc.problems, source=f"place {place!r}") from None
            for a in assessed:
                day = d if d is not None else ""
                for name, m in a.metrics.items():
                    add(place, day, a.model, name, "", math.nan if m.value is None else m.value)
                    if units == "none":
                        continue
                    for uid, v in m.by_unit.items():
                        add(place, day, a.model, name, uid, v)
                    if units == "all":
                        for level in m.by_level.values():
                            for uid, v in level.items():
                                add(place, day, a.model, name, uid, v)
    data = {c: _array(pd, cols[c], "float64" if c == "value" else "str") for c in COLUMNS}
    # as series of their own dtypes: pandas would read an object array of strings as str
    df = pd.DataFrame({c: pd.Series(a, dtype=a.dtype) for c, a in data.items()})
    df.attrs["govmodel"] = {
        "places": list(named),
        "dates": [d if d is not None else "" for d in when],
        "models": sorted(set(df["model"])) if len(df) else [],
        "units": units,
    }
    return df

"""The measures of the built-in models and how an assessment reports them, at their edges:
cases found missing in a review of the measures against their docstrings and the tables of
``docs/models``.

Each case is a minimal hand-made structure (or a model made for the case) and asserts the
measure's exact value.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import govmodel
from govmodel.models import GovernanceModel, measure
from govmodel.spec import Observation, Structure, Unit


def _one_measure(value: Any, per: str | None = None) -> type[GovernanceModel]:
    """A model whose one measure gives ``value`` (``per=None``) or ``{"x": value}``."""

    class Given(GovernanceModel):
        name = "given_measure"
        title = "A measure giving what it is told"

        @measure("given", "given", per=per, rollup="sum")
        def given(self, ctx: Any) -> Any:
            return value if per is None else {"x": value}

    return Given


_COMPOUND = Structure(units=[Unit("c", "community"), Unit("x", "compound", parent="c")])


# -- assess: what a measure gives ----------------------------------------------------------------


@pytest.mark.parametrize("per", [None, "compound"])
@pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["huge", "-huge"])
def test_int_beyond_a_float_is_no_value(value: int, per: str | None) -> None:
    """An int beyond a float's range reads as an infinity: "cannot be computed" (``None``),
    never an ``OverflowError`` out of :func:`govmodel.assess`."""
    m = govmodel.assess(_COMPOUND, _one_measure(value, per)).metrics["given"]
    assert (m.value, dict(m.by_unit), dict(m.by_level)) == (None, {}, {})


@pytest.mark.parametrize("per", [None, "compound"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.442"), 0.442),
        (Decimal("-3"), -3.0),
        (Decimal("1e400"), None),
        (Decimal("NaN"), None),
        (Decimal("sNaN"), None),
        (Decimal("-Infinity"), None),
        (Fraction(1, 4), 0.25),
    ],
    ids=str,
)
def test_decimal_is_a_number(value: Any, expected: float | None, per: str | None) -> None:
    """A :class:`~decimal.Decimal` (exact arithmetic on the decimals written) is a number,
    as a :class:`~fractions.Fraction` is: never a ``ModelError`` that it is no number."""
    m = govmodel.assess(_COMPOUND, _one_measure(value, per)).metrics["given"]
    assert m.value == expected
    assert dict(m.by_unit) == ({} if per is None or expected is None else {"x": expected})


# -- pooled rates: figures that cannot be read ----------------------------------------------------


def _figures(model: str, **values: object) -> Structure:
    return Structure(
        units=[Unit("m", "community")],
        observations=[
            Observation(f"o{i}", "m", name, value, period="2020")  # type: ignore[arg-type]
            for i, (name, value) in enumerate(values.items())
        ],
    )


_RATES = [
    ("tripartite", "resolution_rate", "issues_resolved", "issues_collected"),
    ("tripartite", "micro_wish_fulfilment", "micro_wishes_fulfilled", "micro_wishes"),
    ("grid", "resolution_rate", "cases_resolved", "cases_reported"),
    ("council", "project_savings_rate", "savings_yuan", "budget_yuan"),
]


@pytest.mark.parametrize(("model", "name", "top", "bottom"), _RATES)
@pytest.mark.parametrize(
    ("top_value", "bottom_value"),
    [(10**400, 10), (10**400, 10**400), (-1, 10), (5, -10)],
    ids=["huge/10", "huge/huge", "-1/10", "5/-10"],
)
def test_pooled_rate_of_figures_that_are_no_amount_is_none(
    model: str, name: str, top: str, bottom: str, top_value: int, bottom_value: int
) -> None:
    """A figure beyond a float's range or negative (both of which :func:`govmodel.validate`
    reports) makes the pooled rate unknown, as it makes a published figure unknown: never an
    ``OverflowError``, never a share below 0."""
    s = _figures(model, **{top: top_value, bottom: bottom_value})
    assert govmodel.assess(s, model).metrics[name].value is None


@pytest.mark.parametrize(("model", "name", "top", "bottom"), _RATES)
def test_pooled_rate_of_readable_figures(model: str, name: str, top: str, bottom: str) -> None:
    s = _figures(model, **{top: 3, bottom: 4})
    assert govmodel.assess(s, model).metrics[name].value == 0.75


# -- four_level.property_management_coverage: a published rate ------------------------------------


def _coverage(*figures: tuple[str, object]) -> Structure:
    return Structure(
        units=[Unit("d1", "district"), Unit("d2", "district"), Unit("s1", "street", parent="d1")],
        observations=[
            Observation(f"o{i}", subject, "coverage_rate", value, period="2020")  # type: ignore[arg-type]
            for i, (subject, value) in enumerate(figures)
        ],
    )


def _management(s: Structure) -> float | None:
    return govmodel.assess(s, "four_level").metrics["property_management_coverage"].value


def test_coverage_of_one_outermost_unit() -> None:
    assert _management(_coverage(("d1", 0.9), ("s1", 0.5))) == 0.9


def test_coverage_rates_of_two_units_are_not_added() -> None:
    """Two districts publishing 90 % and 80 % do not make 170 %: rates of several units
    cannot be pooled without what they are rates of."""
    assert _management(_coverage(("d1", 0.9), ("d2", 0.8))) is None


@pytest.mark.parametrize("value", [1.5, -0.1, True, "0.9", float("nan")])
def test_coverage_that_is_no_rate_is_none(value: object) -> None:
    assert _management(_coverage(("d1", value))) is None


# -- reports: how a value is shown -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quantity", "lang", "shown"),
    [
        (1e300, "count", "en", "1e+300"),
        (-1e300, "count", "en", "-1e+300"),
        (1e16, "count", "en", "1e+16"),
        (1.5e20, "count", "en", "1.5e+20"),
        (1e300, "share", "en", "1e+302 %"),
        (1e300, "share", "zh", "1e+302%"),
        (1.7e308, "share", "en", "1.7e+310 %"),
        (1e13, "share", "en", "1e+15 %"),
        (-0.001, "count", "en", "0"),
        (0.001, "count", "en", "0"),
        (1e-05, "number", "en", "1e-05"),
        (-4e-05, "number", "en", "-4e-05"),
        (1e-300, "number", "en", "1e-300"),
    ],
)
def test_number_shows_extremes(value: float, quantity: str, lang: str, shown: str) -> None:
    """A huge count or share is shown with four significant digits, as a huge number is
    (not hundreds of digits that break the table); a count that rounds to nothing is ``0``,
    never ``-0``; a number too small for four decimals keeps its four significant digits."""
    from govmodel.render import number

    assert number(value, quantity, lang) == shown


@pytest.mark.parametrize("quantity", ["count", "share", "number"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_huge_measure_in_a_report(quantity: str, fmt: str) -> None:
    class Huge(GovernanceModel):
        name = "huge_measure"
        title = "A huge measure"

        @measure("huge", "huge", quantity=quantity)  # type: ignore[arg-type]
        def huge(self, ctx: Any) -> float:
            return 1e300

    shown = govmodel.assess(_COMPOUND, Huge).render(fmt)
    assert "1e+30" in shown
    assert "0" * 50 not in shown


# -- to_frame ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["four_level", "eight_roles", "council"])
def test_frame_of_no_measured_unit_has_the_types_of_one_with_units(model: str) -> None:
    pytest.importorskip("pandas")
    empty = govmodel.assess(Structure(), model).to_frame()
    full = govmodel.assess(_COMPOUND, model).to_frame()
    assert len(empty) == 0 < len(full)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert str(empty["value"].dtype) == "float64"


# -- eight_roles.partner_units_*: nested figures -----------------------------------------------


def _partners(*figures: tuple[str, object, str]) -> dict[str, float | None]:
    s = Structure(
        units=[
            Unit("st", "street"),
            Unit("cm", "community", parent="st"),
            Unit("cn", "community", parent="st"),
        ],
        observations=[
            Observation(f"o{i}", subject, "partner_units", value, period=period)  # type: ignore[arg-type]
            for i, (subject, value, period) in enumerate(figures)
        ],
    )
    m = govmodel.assess(s, "eight_roles").metrics
    return {k: m[k].value for k in ("partner_units_first", "partner_units_latest")}


def test_partner_units_of_a_unit_inside_a_reporting_unit_are_not_added_twice() -> None:
    """A street's 50 partner units hold its community's 32: 50, as ``projects_completed``
    reads nested figures, never 82."""
    got = _partners(("st", 40, "2012"), ("st", 50, "2019"), ("cm", 3, "2012"), ("cm", 32, "2019"))
    assert got == {"partner_units_first": 40.0, "partner_units_latest": 50.0}


def test_partner_units_of_sibling_units_are_added() -> None:
    got = _partners(("cm", 3, "2012"), ("cm", 32, "2019"), ("cn", 1, "2015"))
    assert got == {"partner_units_first": 4.0, "partner_units_latest": 33.0}


def test_partner_units_an_undated_outer_figure_leaves_the_inner_ones() -> None:
    """Only dated figures are read: a street whose figure names no date does not hide the
    figures of its communities."""
    got = _partners(("st", 99, "soon"), ("cm", 3, "2012"), ("cn", 5, "2019"))
    assert got == {"partner_units_first": 8.0, "partner_units_latest": 8.0}


# -- rollups beyond a float's range ----------------------------------------------------------------


def _big(how: str, values: dict[str, float]) -> type[GovernanceModel]:
    class Big(GovernanceModel):
        name = "big_values"
        title = "Values near a float's largest"

        @measure("big", "big", per="compound", rollup=how)  # type: ignore[arg-type]
        def big(self, ctx: Any) -> dict[str, float]:
            return values

    return Big


_TWO = Structure(
    units=[
        Unit("s", "street"),
        Unit("c", "community", parent="s"),
        Unit("d", "community", parent="s"),
        Unit("x", "compound", parent="c"),
        Unit("y", "compound", parent="c"),
        Unit("z", "compound", parent="d"),
    ]
)


def test_mean_of_huge_values_is_their_mean() -> None:
    """The mean of 1.5e308 and 1.5e308 is 1.5e308, never an ``OverflowError`` of the sum on
    the way, nor an infinity."""
    a = govmodel.assess(_TWO, _big("mean", {"x": 1.5e308, "y": 1.5e308, "z": 1.0}))
    m = a.metrics["big"]
    assert m.value == 1.5e308 / 3 * 2 + 1.0 / 3
    assert dict(m.by_level["community"]) == {"c": 1.5e308, "d": 1.0}
    assert dict(m.by_level["street"]) == {"s": 1.5e308 / 3 * 2 + 1.0 / 3}
    a.to_json()  # no infinity for JSON to refuse


def test_sum_beyond_a_float_is_no_value() -> None:
    """A sum beyond a float's range cannot be computed: overall ``None`` and no value for
    the units whose sum it is; the others keep theirs."""
    a = govmodel.assess(_TWO, _big("sum", {"x": 1.5e308, "y": 1.5e308, "z": 1.0}))
    m = a.metrics["big"]
    assert m.value is None
    assert {k: dict(v) for k, v in m.by_level.items()} == {"community": {"d": 1.0}}
    a.to_json()


def test_sum_of_huge_values_of_both_signs() -> None:
    a = govmodel.assess(_TWO, _big("sum", {"x": 1.5e308, "y": 1.5e308, "z": -1.5e308}))
    m = a.metrics["big"]
    assert m.value == 1.5e308
    assert {k: dict(v) for k, v in m.by_level.items()} == {"community": {"d": -1.5e308}}


# -- order independence ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", govmodel.datasets.names())
def test_measures_whatever_the_order_of_the_entities(name: str) -> None:
    """Shuffled entities give the same measures: values and values per unit exactly, the
    rollups to the last bits of a sum of floats (which adds the values in their order)."""
    import math
    import random

    import attrs

    from govmodel.models import names

    s = govmodel.datasets.load(name)
    rng = random.Random(name)
    shuffled = {}
    for field in ("units", "organizations", "people", "posts", "ties", "observations"):
        items = list(getattr(s, field))
        rng.shuffle(items)
        shuffled[field] = tuple(items)
    t = attrs.evolve(s, **shuffled)
    for model in names():
        if not govmodel.models.get(model).__module__.startswith("govmodel."):
            continue  # built-in models only
        before, after = govmodel.assess(s, model).metrics, govmodel.assess(t, model).metrics
        for k, m in before.items():
            n = after[k]
            assert (m.value, dict(m.by_unit)) == (n.value, dict(n.by_unit)), (model, k)
            assert {lv: set(d) for lv, d in m.by_level.items()} == {
                lv: set(d) for lv, d in n.by_level.items()
            }, (model, k)
            for lv, d in m.by_level.items():
                for u, v in d.items():
                    assert math.isclose(v, n.by_level[lv][u], rel_tol=1e-12), (model, k, u)

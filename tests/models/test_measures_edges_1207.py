"""The measures of the built-in models and how an assessment reports them, at their edges:
cases found missing in a review of the measures against their docstrings and the tables of
``docs/models``.

Each case is a minimal hand-made structure (or a model made for the case) and asserts the
measure's exact value.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.models import GovernanceModel, measure
from govmodel.spec import Structure, Unit


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

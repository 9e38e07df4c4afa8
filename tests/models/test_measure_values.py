"""What a measure per unit gives is read the same whatever its shape: finite floats by unit
id (the common case, read at C speed) as they are; other numbers as floats; ``None``,
NaN, the infinities and numbers beyond a float's range left out; anything else refused."""

from __future__ import annotations

import math
from collections import OrderedDict
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import pytest

import govmodel
from govmodel.errors import ModelError
from govmodel.models import GovernanceModel, measure
from govmodel.spec import Structure, Unit

# compounds "a", "b" and "c": a measure per unit gives values of units of the structure
_S = Structure(units=[Unit("d", "community"), *(Unit(x, "compound", parent="d") for x in "abc")])


def _per_compound(values: Any) -> dict[str, Any]:
    class Given(GovernanceModel):
        name = "given"
        title = "A measure that gives what it is given"
        given: ClassVar[Any] = values

        @measure("m", "m", per="compound")
        def m(self, ctx: Any) -> Any:
            return self.given

    r = govmodel.assess(_S, Given).metrics["m"]
    return dict(r.by_unit)


@pytest.mark.parametrize("make", [dict, OrderedDict])
@pytest.mark.parametrize(
    ("values", "read"),
    [
        ({"a": 0.5, "b": 1e-300, "c": -2.0}, {"a": 0.5, "b": 1e-300, "c": -2.0}),
        ({"a": 0.5, "b": math.nan, "c": 1.0}, {"a": 0.5, "c": 1.0}),
        ({"a": math.inf, "b": -math.inf}, {}),
        ({"a": 0.5, "b": 2, "c": None}, {"a": 0.5, "b": 2.0}),
        ({"a": Fraction(1, 4), "b": Decimal("0.5"), "c": 10**400}, {"a": 0.25, "b": 0.5}),
        ({}, {}),
    ],
)
def test_a_measure_per_unit_is_read_type_exactly(
    make: type, values: dict[str, Any], read: dict[str, float]
) -> None:
    got = _per_compound(make(values))
    assert got == read
    assert [type(v) for v in got.values()] == [float] * len(read)
    assert list(got) == list(read)  # in the order given


def test_what_a_measure_gives_is_not_kept_as_its_own() -> None:
    given = {"a": 0.5}
    got = _per_compound(given)
    given["b"] = 1.0  # changed afterwards: the assessment is not
    assert got == {"a": 0.5}


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"a": 0.5, 1: 0.5}, "keyed by unit id \\(str\\), but gave the key int 1"),
        ({"a": 0.5, "b": "0.5"}, "must give a number or None for unit 'b', but gave str"),
        ({"a": 0.5, "b": True}, None),
    ],
)
def test_a_measure_per_unit_of_other_values_is_refused(
    values: dict[Any, Any], says: str | None
) -> None:
    if says is None:  # a bool is a number (numbers.Real): 1.0, as before
        assert _per_compound(values) == {"a": 0.5, "b": 1.0}
        return
    with pytest.raises(ModelError, match=says):
        _per_compound(values)

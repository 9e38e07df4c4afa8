"""Testing helpers for govmodel and for projects that build on it.

:mod:`govmodel.testing.strategies` holds Hypothesis strategies (needs the ``testing``
extra).
"""

__all__: list[str] = []

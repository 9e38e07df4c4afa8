"""Shared test configuration: Hypothesis profiles, and the timed tests first.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs more examples than the default ``dev``.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the timed tests (``-m timing``, the linear-time guards) before the others.

    In one serial run of everything (``python -m pytest``) they then time their doublings
    in a small, fresh process, as CI's own ``-m timing`` run does, rather than in one that
    has run thousands of tests and holds their heap. The order within each group is kept.
    """
    items.sort(key=lambda item: item.get_closest_marker("timing") is None)

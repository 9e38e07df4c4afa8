"""Shared test configuration: Hypothesis profiles, the timed tests first, and one local
Spark session for the tests that run PySpark.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs more examples than the default ``dev``.
"""

import os
import shutil
from collections.abc import Iterator
from typing import Any

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


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A local PySpark session (two cores, no UI, partition values read as text). Skipped
    without pyspark, pyarrow, pandas or a Java runtime, but under CI, which installs them."""
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):  # CI installs a Java runtime: there, these tests must run
            pytest.fail("no Java runtime for PySpark; .ci/run installs default-jre-headless")
        pytest.skip("PySpark needs a Java runtime (apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("govmodel-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()

"""The external plug-in package in tests/plugin_example is discovered through its entry point.

CI installs the package (``pip install ./tests/plugin_example``). Where it is not installed,
the test puts an equivalent ``.dist-info`` with the same entry point on ``sys.path``, so the
discovery path exercised is the same: ``importlib.metadata`` entry points.
"""

from __future__ import annotations

import importlib.metadata
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import govmodel
from govmodel.models import registry

PLUGIN = Path(__file__).parents[1] / "plugin_example"


def _installed() -> bool:
    try:
        importlib.metadata.distribution("govmodel-example-plugin")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.fixture
def plugin_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if _installed():
        yield "installed"
    else:
        if os.environ.get("CI"):
            pytest.fail("CI must install tests/plugin_example (see .ci/run)")
        info = tmp_path / "govmodel_example_plugin-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: govmodel-example-plugin\nVersion: 0.1.0\n"
        )
        (info / "entry_points.txt").write_text(
            "[govmodel.models]\nbuilding_groups = govmodel_example_plugin:BuildingGroups\n"
        )
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.syspath_prepend(str(PLUGIN / "src"))
        yield "on sys.path"
        sys.modules.pop("govmodel_example_plugin", None)
    registry.refresh()


def test_external_plugin_is_found_and_works(plugin_on_path: str) -> None:
    registry.refresh()
    assert "building_groups" in govmodel.models.names(), plugin_on_path
    model = govmodel.models.get("building_groups")
    assert model.__module__ == "govmodel_example_plugin"
    a = govmodel.assess(govmodel.datasets.load("yuetang"), "building_groups")
    buildings = {u.id for u in govmodel.datasets.load("yuetang").units if u.kind == "building"}
    hosted = {
        o.unit
        for o in govmodel.datasets.load("yuetang").organizations
        if o.kind == "building_party_group"
    }
    assert {f.subject for f in a.findings} == buildings - hosted
    assert a.metrics["group_coverage"].value == pytest.approx(
        len(buildings & hosted) / len(buildings)
    )


def test_the_plugin_source_uses_the_built_in_helpers() -> None:
    # the source in this tree (the installed copy may be older): it reads what the built-in
    # models read, through the same public helpers
    import importlib.util

    path = PLUGIN / "src" / "govmodel_example_plugin" / "__init__.py"
    spec = importlib.util.spec_from_file_location("_plugin_source", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    s = govmodel.datasets.load("yuetang")
    a = govmodel.assess(s, module.BuildingGroups)
    built_in = govmodel.assess(s, "four_level")
    buildings = [u.id for u in s.units if u.kind == "building"]
    assert a.rule("building_groups.every_building").examined == len(buildings)
    assert a.metrics["compounds"].value == built_in.metrics["compounds"].value == 565
    assert a.labels["management_mode"] == built_in.labels["management_mode"]

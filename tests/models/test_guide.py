"""The code of the "write your own model" guide (docs/guide/models.md) runs and does what the
guide says: its ```python blocks are executed in order, in one namespace."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.models import registry

from .conftest import without

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "models.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")
MODELS_DATASETS = ("xihu", "jinfeng", "chengdu", "changsha", "yuetang")


def blocks() -> list[str]:
    """The fenced ```python blocks of the guide, in order."""
    return FENCE.findall(GUIDE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run() -> Iterator[tuple[dict[str, Any], str]]:
    """Every block executed in order in one namespace: the namespace and what was printed."""
    namespace: dict[str, Any] = {"__name__": "guide"}
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            for i, code in enumerate(blocks(), 1):
                exec(compile(code, f"{GUIDE.name}, python block {i}", "exec"), namespace)
        yield namespace, out.getvalue()
    finally:
        registry.unregister("stations")


def test_the_guide_has_its_code_blocks() -> None:
    assert len(blocks()) >= 8


def test_the_custom_model_finds_what_the_guide_says(run: tuple[dict[str, Any], str]) -> None:
    ns, printed = run
    a = ns["assessment"]
    assert a.model == "stations"
    assert [f.subject for f in a.rule("stations.every_branch").findings] == ["yt-c3"]
    assert a.rule("stations.every_branch").findings[0].data["branch"] is True
    assert a.metrics["stations"].value == 3
    assert a.metrics["station_share"].by_level["community"] == {"yt-xt": pytest.approx(0.6)}
    assert a.metrics["stations_published"].value == 143
    assert a.labels["management_mode"]["yt-c1"].value == "quasi_property"
    assert a.ok
    assert ns["missing"] == ["yt-c3"]
    assert "['yt-c3']" in printed
    assert "stations.every_branch" in printed  # the text report


def test_the_model_declares_what_the_guide_says(run: tuple[dict[str, Any], str]) -> None:
    model = run[0]["ServiceStations"]
    assert [r.id for r in model.rules()] == ["stations.every_branch"]
    assert [c.name for c in model.classifiers()] == ["management_mode"]
    assert [(m.name, m.per, m.rollup) for m in model.measures()] == [
        ("stations", "compound", "sum"),
        ("station_share", "compound", "mean"),
        ("stations_published", None, "mean"),
    ]
    assert model.example() == govmodel.datasets.load("yuetang")


def test_registered_by_name_and_named_by_a_file(run: tuple[dict[str, Any], str]) -> None:
    ns, printed = run
    assert [f.subject for f in ns["by_name"].findings] == ["yt-c3"]
    assert ns["loaded"].metadata.model == ("stations",)
    assert ns["from_file"].model == "stations"
    assert "True" in printed


def test_a_subclass_changes_a_built_in_model(run: tuple[dict[str, Any], str]) -> None:
    wide = run[0]["wide"]
    assert wide.rule("four_level.neighbour_chief_band").passed
    assert wide.rule("four_level.neighbour_chief_band").findings == ()
    # the built-in model is unchanged
    a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
    assert len(a.rule("four_level.neighbour_chief_band").findings) == 2


def test_a_file_cannot_name_code(run: tuple[dict[str, Any], str]) -> None:
    ns, printed = run
    assert "no governance model named 'mypackage.models:Evil'" in ns["refused"]
    assert "did you mean 'stations'?" in printed


def test_the_guide_leaves_the_registry_as_it_found_it(run: tuple[dict[str, Any], str]) -> None:
    assert "stations" not in govmodel.models.names()
    assert set(MODELS) <= set(govmodel.models.names())


def test_the_guide_links_and_includes_the_five_model_pages() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    linked = re.findall(r"\{doc\}`[^`<]*<\.\./models/(\w+)>`", text)
    assert sorted(linked) == sorted(MODELS)
    toctree = re.search(r"```\{toctree\}\n(.*?)```", text, re.DOTALL)
    assert toctree is not None
    assert ":hidden:" in toctree.group(1)
    assert re.findall(r"^\.\./models/(\w+)$", toctree.group(1), re.MULTILINE) == list(MODELS)
    for name in ("grid", "four_level"):
        assert (GUIDE.parents[1] / "models" / f"{name}.md").is_file()


@pytest.mark.parametrize(
    "structure",
    [*MODELS_DATASETS, "synth"],
)
def test_the_guide_model_gives_the_numbers_of_the_built_in_it_imitates(
    run: tuple[dict[str, Any], str], structure: str
) -> None:
    # written from the guide alone, the service-station model reads what the four-level
    # model reads: its per-compound stations, the published figure and the ledger's labels
    s = (
        govmodel.synth.district(15, seed=2, preset="yuetang")
        if structure == "synth"
        else govmodel.datasets.load(structure)
    )
    ours = govmodel.assess(s, run[0]["ServiceStations"])
    built_in = govmodel.assess(s, "four_level")
    mine, theirs = ours.metrics["stations"], built_in.metrics["has_service_station"]
    assert (mine.value, mine.by_unit, mine.by_level) == (
        theirs.value,
        theirs.by_unit,
        theirs.by_level,
    )
    assert ours.metrics["stations_published"].value == built_in.metrics["service_stations"].value
    assert ours.labels["management_mode"] == built_in.labels["management_mode"]


def test_a_guide_rule_with_nothing_to_examine_is_not_applicable(
    run: tuple[dict[str, Any], str],
) -> None:
    s = govmodel.datasets.load("yuetang")
    bare = without(s, *(o.id for o in s.organizations if "branch" in o.kind))
    r = govmodel.assess(bare, run[0]["ServiceStations"]).rule("stations.every_branch")
    assert (r.examined, r.status) == (0, "not_applicable")

"""The streaming writers hold a batch of records at a time, not every record.

The dicts a writer draws (a unit's node data, a post's edge data, a unit's JSON object) are
made trackable here, and the most of them alive at once is counted while the structure is
written to a file with batches of 100: at most two batches (the one in hand, and the next
as it is drawn). Before the writers drew their records a batch at a time, every one of them
was alive at the end.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import graph as g
from govmodel.io import graphfiles as gf
from govmodel.io import native
from govmodel.spec import Structure

BATCH = 100


class Tracked(dict[str, Any]):
    """A dict that can be watched (a plain dict takes no weak reference)."""


class Census:
    """Counts the tracked dicts alive, and the most alive at once."""

    def __init__(self) -> None:
        self.alive = self.most = self.made = 0

    def track(self, make: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def made(*args: Any, **kwargs: Any) -> dict[str, Any]:
            d = Tracked(make(*args, **kwargs))
            self.alive += 1
            self.made += 1
            self.most = max(self.most, self.alive)
            weakref.finalize(d, self.gone)
            return d

        return made

    def gone(self) -> None:
        self.alive -= 1


@pytest.fixture(scope="module")
def structure() -> Structure:
    s = govmodel.synth.district(40, seed=4)
    assert len(s.units) > 5 * BATCH
    assert len(s.posts) > 5 * BATCH
    return s


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link"])
def test_graph_exports_hold_a_batch_of_records(
    fmt: str, structure: Structure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = {"graphml": gf.export_graphml, "gexf": gf.export_gexf}.get(fmt, gf.export_node_link)
    expected = export(structure)
    monkeypatch.setattr(gf, "_BATCH", BATCH)
    units, posts = Census(), Census()
    monkeypatch.setattr(g._NodeData, "unit", units.track(g._NodeData.unit))
    monkeypatch.setattr(g, "_post_edge", posts.track(g._post_edge))
    export(structure, tmp_path / "out")
    assert (units.made, posts.made) == (len(structure.units), len(structure.posts))
    assert 0 < units.most <= 2 * BATCH
    assert 0 < posts.most <= 2 * BATCH
    written = (tmp_path / "out").read_bytes()
    assert written == (expected if isinstance(expected, bytes) else expected.encode())


def test_the_dump_holds_a_batch_of_entities(
    structure: Structure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native, "_BATCH", BATCH)
    units = Census()
    monkeypatch.setitem(native._UNSTRUCTURE, "units", units.track(native._UNSTRUCTURE["units"]))
    govmodel.dump(structure, tmp_path / "s.json")
    assert units.made == len(structure.units)
    assert 0 < units.most <= 2 * BATCH
    monkeypatch.undo()
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == govmodel.dumps(structure)

"""The streaming writers hold a batch of records at a time, not every record.

The dicts a writer draws (a unit's node data, a post's edge data, a unit's JSON object) are
made trackable here, and the most of them alive at once is counted while the structure is
written to a file with batches of 100: at most two batches (the one in hand, and the next
as it is drawn). Before the writers drew their records a batch at a time, every one of them
was alive at the end.

Each piece a writer hands to the file is also kept to a size that does not grow with the
structure, however long the entities' texts: a piece of tens of megabytes would leave the
processor's caches, so that writing twice the text took more than twice the time.
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
from govmodel.io import native, org, popolo
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


def _no_columns(s: Structure, plan: Any) -> Any:
    raise gf._Unusual


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link"])
@pytest.mark.parametrize("columns", [True, False], ids=["columns", "dicts"])
def test_graph_exports_hold_a_batch_of_records(
    fmt: str, columns: bool, structure: Structure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Node-link JSON, and GraphML and GEXF where they are left to the dicts, hold a batch
    of the dicts at a time; GraphML and GEXF drawn as columns make no dict per row at all."""
    export = {"graphml": gf.export_graphml, "gexf": gf.export_gexf}.get(fmt, gf.export_node_link)
    expected = export(structure)
    monkeypatch.setattr(gf, "_BATCH", BATCH)
    if not columns:
        monkeypatch.setattr(gf, "_columnar", _no_columns)
    units, posts = Census(), Census()
    monkeypatch.setattr(g._NodeData, "unit", units.track(g._NodeData.unit))
    monkeypatch.setattr(g, "_post_edge", posts.track(g._post_edge))
    export(structure, tmp_path / "out")
    written = (tmp_path / "out").read_bytes()
    assert written == (expected if isinstance(expected, bytes) else expected.encode())
    if columns and fmt != "node-link":
        assert (units.made, posts.made) == (0, 0)
        return
    assert (units.made, posts.made) == (len(structure.units), len(structure.posts))
    assert 0 < units.most <= 2 * BATCH
    assert 0 < posts.most <= 2 * BATCH


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


def _long_texts(n: int) -> Structure:
    """``n`` compounds, each with a long name and a long note."""
    units = [govmodel.Unit("s", "street", "street"), govmodel.Unit("c", "community", "c", "s")]
    for i in range(n):
        text = f"{i}-" + "长" * 3000
        units.append(govmodel.Unit(f"x{i}", "compound", text, "c", {"note": text}))
    return Structure(units=units)


#: The writers with a path, and the module whose ``_write_stream`` takes their pieces.
_STREAMED = {
    "json": (lambda s, p: govmodel.dump(s, p), native),
    "popolo": (popolo.export_popolo, popolo),
    "org-jsonld": (org.export_org_jsonld, org),
    "org-turtle": (org.export_org_turtle, org),
    "graphml": (gf.export_graphml, gf),
    "gexf": (gf.export_gexf, gf),
    "node-link": (gf.export_node_link, gf),
}


@pytest.mark.parametrize("fmt", list(_STREAMED))
def test_the_pieces_written_do_not_grow_with_the_structure(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export, module = _STREAMED[fmt]
    written = module._write_stream
    largest: list[int] = []

    def measured(path: Any, chunks: Any, *structure: Any) -> None:
        sizes: list[int] = []

        def each() -> Any:
            for chunk in chunks:
                sizes.append(len(chunk))
                yield chunk

        written(path, each(), *structure)
        largest.append(max(sizes))

    monkeypatch.setattr(module, "_write_stream", measured)
    for n in (100, 1000):
        s = _long_texts(n)
        export(s, tmp_path / f"{n}.json")
    small, large = largest
    # a tenth of the structure's text or all of it: the same pieces (the whole text of
    # 1,000 compounds is some 18 MB)
    assert large <= 1.25 * small, largest
    # and the text is the whole text, of which a piece is a small part
    monkeypatch.undo()
    whole = export(s, None) if fmt != "json" else govmodel.dumps(s)
    out = (tmp_path / "1000.json").read_bytes()
    assert large < len(out) / 8
    assert out == (whole if isinstance(whole, bytes) else whole.encode("utf-8"))

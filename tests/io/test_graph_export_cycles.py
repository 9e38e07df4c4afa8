"""The XML exports leave no reference cycle behind: what they build to write (the columns
of every row) is freed by reference counting as the writing ends, not kept alive until
the cyclic collector's next pass (which would traverse every value again)."""

import gc

import pytest

import govmodel
from govmodel.io.graphfiles import export_gexf, export_graphml


@pytest.mark.parametrize("export", [export_graphml, export_gexf])
def test_export_leaves_no_cycle(export, tmp_path):
    s = govmodel.datasets.load("xihu")
    export(s, tmp_path / "warm")  # imports and caches made once
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        export(s)
        export(s, tmp_path / "out")
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()

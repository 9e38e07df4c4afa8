"""Files are data: nothing in a file is imported or evaluated; plug-ins are contained.

A file names governance models only by their registered names. A name that looks like an
import path (``"os:system"``, ``"subprocess.Popen"``) is just an unknown name: loading the
file imports nothing, and assessing it by that name is a :class:`~govmodel.ModelError`.
Installed plug-ins are code the user chose to install, but one that is broken (raises on
import, is not a model class, takes a built-in's name) is reported and skipped, never fatal.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path

import pytest

import govmodel
from govmodel import ModelError
from govmodel.cli import main
from govmodel.io import graphfiles, native, popolo

EVIL = "govmodel_fuzz_evil_module"

NAMES = [
    "os:system",
    "os.system",
    "subprocess:Popen",
    "subprocess.Popen",
    "antigravity",
    "this",
    f"{EVIL}",
    f"{EVIL}:Model",
    f"{EVIL}.Model",
    "govmodel.models.tripartite:Tripartite",
    "govmodel.models.tripartite.Tripartite",
    "__import__('os').system('true')",
]


@pytest.fixture
def evil_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable module that leaves a marker file behind if anything imports it."""
    marker = tmp_path / "imported.marker"
    (tmp_path / f"{EVIL}.py").write_text(
        f"open({str(marker)!r}, 'w').write('imported')\nclass Model: pass\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield marker
    sys.modules.pop(EVIL, None)


def _structure_naming(models: list[str]) -> govmodel.Structure:
    doc = {
        "format_version": 1,
        "metadata": {"name": "evil", "model": models},
        "units": [{"id": "c1", "kind": "community"}],
    }
    return govmodel.loads(json.dumps(doc))


def _new_modules(before: set[str]) -> set[str]:
    # govmodel may import its own modules lazily; nothing else may appear
    return {
        m for m in set(sys.modules) - before if m != "govmodel" and not m.startswith("govmodel.")
    }


def _read_everywhere(s: govmodel.Structure) -> None:
    govmodel.loads(native.dumps(s))
    govmodel.loads(native.dumps(s, format="yaml"), format="yaml")
    graphfiles.import_graphml(graphfiles.export_graphml(s))
    graphfiles.import_gexf(graphfiles.export_gexf(s))
    graphfiles.import_node_link(graphfiles.export_node_link(s))
    popolo.import_popolo(json.dumps(popolo.to_popolo(s)), report=[])


def test_a_file_naming_import_paths_imports_nothing(evil_module: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        govmodel.models.names()  # the installed plug-ins are loaded before we look
        _read_everywhere(_structure_naming(["tripartite"]))  # and the readers' own imports
        govmodel.assess(_structure_naming(["tripartite"]), "tripartite")
    before = set(sys.modules)
    s = _structure_naming(NAMES)
    assert s.metadata.model == tuple(NAMES)
    for name in s.metadata.model:
        with pytest.raises(ModelError, match="no governance model named"):
            govmodel.assess(s, name)
    with pytest.raises(ModelError):
        govmodel.compare(s, list(s.metadata.model))
    _read_everywhere(s)
    assert _new_modules(before) == set()
    assert not evil_module.exists()
    assert EVIL not in sys.modules


def test_the_command_line_imports_nothing_a_file_names(evil_module: Path, tmp_path: Path) -> None:
    f = tmp_path / "evil.json"
    govmodel.dump(_structure_naming([f"{EVIL}:Model"]), f)
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["report", str(f)], stdout=io.StringIO())
    assert code == 2
    assert "no governance model named" in err.getvalue()
    with redirect_stderr(err):
        code = main(["compare", str(f), "--models", f"{EVIL},os:system"], stdout=io.StringIO())
    assert code == 2
    assert not evil_module.exists()
    assert EVIL not in sys.modules


def test_yaml_tags_that_would_run_code_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in (
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/module:os",
        f"format_version: 1\nmetadata: !!python/object/apply:os.system ['touch {marker}']",
    ):
        with pytest.raises(govmodel.SpecError) as info:
            govmodel.loads(tag + "\n", format="yaml")
        assert info.value.codes == ("invalid-yaml",)
    assert not marker.exists()


# -- plug-ins through real entry points ---------------------------------------------------------

_PLUGINS = {
    "govmodel_fuzz_raises.py": "raise RuntimeError('broken at import')\n",
    "govmodel_fuzz_missing.py": "import govmodel_fuzz_no_such_dependency\n",
    "govmodel_fuzz_wrong.py": "def model():\n    return 42\nnumber = 42\n",
    "govmodel_fuzz_good.py": textwrap.dedent(
        """
        from govmodel.models import GovernanceModel

        class Good(GovernanceModel):
            name = "fuzz_good"
            title = "A good plug-in"

        class Shadow(GovernanceModel):
            name = "tripartite"
            title = "A plug-in that takes a built-in's name"
        """
    ),
}
_ENTRY_POINTS = """\
[govmodel.models]
fuzz_raises = govmodel_fuzz_raises:Model
fuzz_missing = govmodel_fuzz_missing:Model
fuzz_wrong_function = govmodel_fuzz_wrong:model
fuzz_wrong_number = govmodel_fuzz_wrong:number
fuzz_no_attribute = govmodel_fuzz_good:Nothing
fuzz_good = govmodel_fuzz_good:Good
tripartite = govmodel_fuzz_good:Shadow
bad-name = govmodel_fuzz_good:Good
"""
_CHILD = textwrap.dedent(
    """
    import json, warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import govmodel
        names = govmodel.models.names()
    tri = govmodel.models.get("tripartite")
    print(json.dumps({
        "names": list(names),
        "warnings": [str(w.message) for w in caught],
        "tripartite": tri.__module__,
        "ok": govmodel.assess(govmodel.datasets.load("xihu"), "fuzz_good").model,
    }))
    """
)


def _install_plugins(folder: Path, files: dict[str, str], entry_points: str) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    info = folder / "govmodel_fuzz_plugins-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: govmodel-fuzz-plugins\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def _run_child(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(folder), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_broken_plugins_are_reported_and_skipped(tmp_path: Path) -> None:
    _install_plugins(tmp_path, _PLUGINS, _ENTRY_POINTS)
    out = _run_child(tmp_path, _CHILD)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    names = set(result["names"])
    assert "fuzz_good" in names
    assert result["ok"] == "fuzz_good"
    for bad in (
        "fuzz_raises",
        "fuzz_missing",
        "fuzz_wrong_function",
        "fuzz_wrong_number",
        "fuzz_no_attribute",
        "bad-name",
    ):
        assert bad not in names
        assert any(f"'{bad}'" in w for w in result["warnings"]), bad
    # the built-in keeps its name
    assert result["tripartite"] == "govmodel.models.tripartite"
    assert any(
        "govmodel_fuzz_good:Shadow" in w and "already taken" in w for w in result["warnings"]
    )
    assert any("RuntimeError: broken at import" in w for w in result["warnings"])


def test_a_plugin_that_exits_at_import_is_contained(tmp_path: Path) -> None:
    files = {"govmodel_fuzz_exits.py": "import sys\nsys.exit(3)\n"}
    entry_points = "[govmodel.models]\nfuzz_exits = govmodel_fuzz_exits:Model\n"
    _install_plugins(tmp_path, files, entry_points)
    out = _run_child(tmp_path, _CHILD.replace('"fuzz_good"', '"tripartite"'))
    assert out.returncode == 0, (out.returncode, out.stderr[-500:])
    result = json.loads(out.stdout)
    assert "fuzz_exits" not in result["names"]
    assert any("'fuzz_exits'" in w for w in result["warnings"])

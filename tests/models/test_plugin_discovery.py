"""The external plug-in package in tests/plugin_example is discovered through its entry point.

CI installs the package (``pip install ./tests/plugin_example``). Where it is not installed,
the test puts an equivalent ``.dist-info`` with the same entry point on ``sys.path``, so the
discovery path exercised is the same: ``importlib.metadata`` entry points.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.metadata
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.models import GovernanceModel, registry

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


# -- plug-ins that misbehave ------------------------------------------------------------------


class FakeEntryPoint:
    """An entry point whose ``load`` runs ``action`` (and counts the calls)."""

    def __init__(self, name: str, value: str, action: Any) -> None:
        self.name, self.value, self.action, self.calls = name, value, action, 0

    def load(self) -> Any:
        self.calls += 1
        return self.action()


class OwnBaseException(BaseException):
    pass


def _raiser(exc: BaseException) -> Any:
    def action() -> Any:
        raise exc

    return action


def _builtin(name: str) -> FakeEntryPoint:
    cls = importlib.import_module(f"govmodel.models.{name}")
    obj = next(
        v
        for v in vars(cls).values()
        if isinstance(v, type) and issubclass(v, GovernanceModel) and v.name == name
    )
    return FakeEntryPoint(name, f"govmodel.models.{name}:{obj.__name__}", lambda: obj)


@pytest.fixture
def fake_entry_points(monkeypatch: pytest.MonkeyPatch) -> list[FakeEntryPoint]:
    """The registry, empty, reading the entry points put in the returned list."""
    fakes: list[FakeEntryPoint] = []
    monkeypatch.setattr(registry, "entry_points", lambda group: list(fakes))
    monkeypatch.setattr(registry, "_models", {})
    monkeypatch.setattr(registry, "_origins", {})
    monkeypatch.setattr(registry, "_removed", set(), raising=False)
    monkeypatch.setattr(registry, "_loaded", False)
    return fakes


BASE_EXCEPTIONS = [
    KeyboardInterrupt(),
    SystemExit(3),
    GeneratorExit(),
    asyncio.CancelledError(),
    OwnBaseException("mine"),
    MemoryError(),
    RecursionError(),
]


@pytest.mark.parametrize("exc", BASE_EXCEPTIONS, ids=lambda e: type(e).__name__)
def test_a_plugin_raising_any_base_exception_is_skipped_with_a_warning(
    fake_entry_points: list[FakeEntryPoint], exc: BaseException
) -> None:
    fake_entry_points += [
        _builtin("four_level"),
        FakeEntryPoint("bad_plugin", "bad_pkg:Model", _raiser(exc)),
        _builtin("tripartite"),
    ]
    with pytest.warns(registry.PluginWarning) as caught:
        assert registry.names() == ("four_level", "tripartite")
    (message,) = [str(w.message) for w in caught]
    assert "'bad_plugin' (bad_pkg:Model) failed to load" in message
    assert type(exc).__name__ in message


def test_a_plugin_whose_exception_cannot_be_printed_is_skipped(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise KeyboardInterrupt

    fake_entry_points += [FakeEntryPoint("odd", "odd:M", _raiser(Unprintable())), _builtin("grid")]
    with pytest.warns(registry.PluginWarning, match="'odd'.*unprintable Unprintable"):
        assert registry.names() == ("grid",)


def test_a_real_interrupt_during_a_plugin_import_still_interrupts(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    def slow_import() -> Any:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the signal interrupts this
        raise AssertionError("not interrupted")

    fake_entry_points += [FakeEntryPoint("slow", "slow:M", slow_import), _builtin("grid")]
    # Python's own handler, as a program run from a terminal has it: a shell that starts
    # the tests in the background (``pytest &``) has them ignore SIGINT instead
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        before = signal.getsignal(signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            registry.names()
        assert signal.getsignal(signal.SIGINT) is before  # the handler is put back
    finally:
        signal.signal(signal.SIGINT, inherited)


def test_keyboard_interrupt_from_a_plugin_in_a_thread_is_the_plugins(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    fake_entry_points += [
        FakeEntryPoint("bad_plugin", "bad:M", _raiser(KeyboardInterrupt())),
        _builtin("grid"),
    ]
    seen: list[object] = []

    def run() -> None:
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            try:
                seen.append(registry.names())
            except BaseException as exc:
                seen.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert seen == [("grid",)]


def test_get_imports_only_the_model_asked_for(fake_entry_points: list[FakeEntryPoint]) -> None:
    hang = FakeEntryPoint("hangs", "evil:Hang", _raiser(AssertionError("imported")))
    exits = FakeEntryPoint("exits", "evil:Exit", _raiser(AssertionError("imported")))
    four = _builtin("four_level")
    fake_entry_points += [hang, four, exits, _builtin("grid")]
    assert registry.get("four_level").name == "four_level"
    a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
    assert a.model == "four_level"
    assert (hang.calls, exits.calls, four.calls) == (0, 0, 1)
    assert not registry._loaded
    # listing the models imports them all (and reports the broken ones)
    with pytest.warns(registry.PluginWarning):
        assert registry.names() == ("four_level", "grid")
    assert (hang.calls, exits.calls, four.calls) == (1, 1, 1)


def test_get_by_name_keeps_the_builtin_before_a_plugin_of_the_same_name(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    shadow = FakeEntryPoint("grid", "evil:Grid", _raiser(AssertionError("imported")))
    fake_entry_points += [shadow, _builtin("grid")]
    with pytest.warns(registry.PluginWarning, match="evil:Grid.*already taken"):
        assert registry.get("grid").__module__ == "govmodel.models.grid"
    assert shadow.calls == 0


def test_an_entry_point_read_again_is_passed_over_silently(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    # read by name first, then in full; and the same name and value listed twice, as when
    # a distribution is on sys.path twice (an installed copy and a source checkout)
    grid, again = _builtin("grid"), _builtin("grid")
    fake_entry_points += [grid, _builtin("council"), again]
    with warnings.catch_warnings():
        warnings.simplefilter("error", registry.PluginWarning)
        assert registry.get("grid").__module__ == "govmodel.models.grid"
        assert registry.names() == ("council", "grid")
        registry.refresh()
        assert registry.names() == ("council", "grid")
    assert (grid.calls, again.calls) == (2, 0)


def test_another_entry_point_of_a_taken_name_still_warns_after_the_first_is_read(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    shadow = FakeEntryPoint("grid", "evil:Grid", _raiser(AssertionError("imported")))
    fake_entry_points += [_builtin("grid"), shadow]
    with pytest.warns(registry.PluginWarning, match="evil:Grid.*already taken"):
        registry.get("grid")  # the first read warns
    with pytest.warns(registry.PluginWarning, match="evil:Grid.*already taken"):
        assert registry.names() == ("grid",)  # and a later one again
    assert shadow.calls == 0


def test_unregistered_plugin_stays_away_until_refresh(
    fake_entry_points: list[FakeEntryPoint],
) -> None:
    fake_entry_points += [_builtin("grid"), _builtin("council")]
    registry.unregister("grid")
    assert registry.names() == ("council",)
    registry.refresh()
    assert registry.names() == ("council", "grid")


_EVIL_PLUGINS = {
    "exits": "import os\nos._exit(7)\n",
    "loops": "while True:\n    pass\n",
    "interrupts": "raise KeyboardInterrupt\n",
}


@pytest.fixture
def evil_plugins(tmp_path: Path) -> dict[str, str]:
    """A distribution on a fresh ``sys.path`` entry with three hostile entry points."""
    info = tmp_path / "govmodel_evil-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govmodel-evil\nVersion: 0.1.0\n")
    lines = [f"{name} = govmodel_evil_{name}:Model" for name in _EVIL_PLUGINS]
    (info / "entry_points.txt").write_text("[govmodel.models]\n" + "\n".join(lines) + "\n")
    for name, code in _EVIL_PLUGINS.items():
        (tmp_path / f"govmodel_evil_{name}.py").write_text(code)
    src = str(Path(govmodel.__file__).parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), src])}


def _cli(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from govmodel.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, timeout=60
    )


def test_report_for_a_builtin_model_ignores_hostile_plugins(evil_plugins: dict[str, str]) -> None:
    done = _cli(evil_plugins, "report", "--dataset", "yuetang", "--model", "four_level")
    assert done.returncode in (0, 1), done.stderr
    assert "four_level" in done.stdout or "Four-level" in done.stdout
    # the file's own model, named in the file, the same way
    done = _cli(evil_plugins, "report", "--dataset", "yuetang", "--format", "json")
    assert done.returncode in (0, 1), done.stderr


def test_a_plugin_interrupting_its_import_does_not_stop_models(tmp_path: Path) -> None:
    info = tmp_path / "govmodel_ki-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govmodel-ki\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[govmodel.models]\nki = govmodel_ki:Model\n")
    (tmp_path / "govmodel_ki.py").write_text("raise KeyboardInterrupt\n")
    src = str(Path(govmodel.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), src])}
    done = _cli(env, "models")
    assert done.returncode == 0, done.stderr
    assert "four_level" in done.stdout
    assert "'ki' (govmodel_ki:Model) failed to load: KeyboardInterrupt" in done.stderr
    done = _cli(env, "compare", "--dataset", "yuetang")
    assert done.returncode == 0, done.stderr
    assert "tripartite" in done.stdout

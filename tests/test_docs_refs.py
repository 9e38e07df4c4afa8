"""The docs build resolves references to public re-exports (``govmodel.SpecError``) to the
object's documentation where it is defined; ``docs/conf.py`` holds the resolver, and the
build (``sphinx-build -W``, nitpicky) fails on any govmodel reference left unresolved."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

import pytest

pytest.importorskip("sphinx")

CONF = Path(__file__).resolve().parents[1] / "docs" / "conf.py"


@pytest.fixture(scope="module")
def conf() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("govmodel_docs_conf", CONF)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_name_that_is_both_a_module_and_a_function_reads_as_the_function(conf) -> None:
    import govmodel
    import govmodel.errors

    assert conf._object("govmodel.assess") is govmodel.assess
    assert conf._object("govmodel.SpecError") is govmodel.errors.SpecError
    assert isinstance(conf._object("govmodel.metrics"), types.ModuleType)
    assert conf._object("govmodel.metrics").__name__ == "govmodel.metrics"


def test_names_of_nothing_read_as_none(conf) -> None:
    assert conf._object("govmodel.no_such_thing") is None
    assert conf._object("govmodel.errors.SpecError.no_such_method") is None
    assert conf._object("no_such_package.at_all") is None


def test_a_classmethod_read_twice_is_the_same(conf) -> None:
    from govmodel.models import GovernanceModel
    from govmodel.models.base import GovernanceModel as Defined

    assert conf._same(GovernanceModel.example, Defined.example)
    assert not conf._same(GovernanceModel.example, GovernanceModel.classifiers)
    assert not conf._same(frozenset({1}), frozenset({1}))


def test_only_other_projects_and_type_variables_go_unchecked(conf) -> None:
    import re

    def ignored(target: str) -> bool:
        return any(
            re.fullmatch(kind, "py:class") and re.fullmatch(pattern, target)
            for kind, pattern in conf.nitpick_ignore_regex
        )

    assert conf.nitpicky is True
    assert ignored("collections.abc.Mapping")
    assert ignored("govmodel.models.base.F")
    assert not ignored("govmodel.SpecError")
    assert not ignored("govmodel.models.base.ClassifierSpec")
    assert ignored("govmodelx.Thing")  # another project, whose name begins alike

"""Governance models: the contract, the registry and the built-in models.

The built-in models, one per source report, are registered through govmodel's own
``govmodel.models`` entry points, exactly as a plug-in package registers its models:

============ ===================================================== ==========================
name         system                                                source report
============ ===================================================== ==========================
tripartite   tri-partite compound governance, Xihu (Nanchang)      000_c5b86c07d7092624.txt
grid         grid governance "1+2+N", Jinfeng (Yinchuan)           001_710a2e674d3240b8.txt
council      council deliberation and party coverage, Chengdu      002_38cd0ae90df957de.txt
eight_roles  eight roles and co-building alliances, Changsha       003_e46168819235ee26.txt
four_level   four-level party structure and three chiefs, Yuetang  004_5b013051e8bb86b4.txt
============ ===================================================== ==========================

A model reads the structure through ``ctx.index`` (:class:`govmodel.index.StructureIndex`)
and the built-in classifiers through :func:`labels`; :func:`published_figure` and
:func:`builtin_classifier` declare the measures and classifiers that only pass those on
(:mod:`govmodel.models.helpers`). The built-in models use nothing else, so that each is a
template for a plug-in.
"""

from govmodel.classify import Label, Reason
from govmodel.models.base import (
    ClassifierSpec,
    Context,
    Finding,
    FindingBlock,
    GovernanceModel,
    MeasureSpec,
    Messages,
    RuleSpec,
    Source,
    classifier,
    measure,
    rule,
)
from govmodel.models.helpers import (
    builtin_classifier,
    fewer_published,
    labels,
    period_key,
    published_figure,
    truthy,
)
from govmodel.models.registry import (
    ENTRY_POINT_GROUP,
    PluginWarning,
    get,
    names,
    refresh,
    register,
    unregister,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "ClassifierSpec",
    "Context",
    "Finding",
    "FindingBlock",
    "GovernanceModel",
    "Label",
    "MeasureSpec",
    "Messages",
    "PluginWarning",
    "Reason",
    "RuleSpec",
    "Source",
    "builtin_classifier",
    "classifier",
    "fewer_published",
    "get",
    "labels",
    "measure",
    "names",
    "period_key",
    "published_figure",
    "refresh",
    "register",
    "rule",
    "truthy",
    "unregister",
]

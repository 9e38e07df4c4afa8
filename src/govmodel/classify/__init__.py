"""Classifiers: labels for compounds and communities, each with the rules that fired.

Five classifiers, each a function ``f(G, *, options) -> dict[unit id, Label]`` and a
classifier object registered in :data:`CLASSIFIERS` by name:

=================== ============================== ==========================================
name                function                       classes
=================== ============================== ==========================================
compound_type       :func:`compound_type`          the five types of Xihu (000), or unknown
management_mode     :func:`management_mode`        professional, self-managed, work unit,
                                                   quasi-property, none
tripartite          :func:`tripartite`             complete_led_linked … partial, absent
four_haves          :func:`four_haves`             ``"0/4"`` … ``"4/4"``
network_mode        :func:`network_mode`           shared, lead organization, NAO, none
=================== ============================== ==========================================

A :class:`Label` carries the class (``value``, ``en``, ``zh``), its :class:`Reason` objects
(rule, text, data) and ``details``. :func:`classify` runs several classifiers over one index of
the graph.

Examples
--------
>>> import networkx as nx
>>> import govmodel.classify as gc
>>> G = nx.MultiDiGraph()
>>> G.add_node("x1", entity="unit", kind="compound", origin="commodity")
>>> gc.compound_type(G)["x1"].name("zh")
'商品房'
>>> sorted(gc.CLASSIFIERS)
['compound_type', 'four_haves', 'management_mode', 'network_mode', 'tripartite']
>>> labels = gc.classify(G, ["compound_type", "tripartite"])
>>> labels["tripartite"]["x1"].value
'absent'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import networkx as nx

from govmodel.classify.base import ClassDef, Classifier, GraphIndex, Label, Reason
from govmodel.classify.compound_type import (
    CFPS_CZ701,
    HOUSING_PROGRAMMES,
    CfpsCode,
    CompoundType,
    compound_type,
)
from govmodel.classify.four_haves import FOUR_HAVES, FourHaves, four_haves
from govmodel.classify.management_mode import MANAGER_KINDS, ManagementMode, management_mode
from govmodel.classify.network_mode import ADMINISTRATIVE_KINDS, NetworkMode, network_mode
from govmodel.classify.tripartite import BODIES, BODY_KINDS, Tripartite, tripartite

__all__ = [
    "ADMINISTRATIVE_KINDS",
    "BODIES",
    "BODY_KINDS",
    "CFPS_CZ701",
    "CLASSIFIERS",
    "FOUR_HAVES",
    "HOUSING_PROGRAMMES",
    "MANAGER_KINDS",
    "CfpsCode",
    "ClassDef",
    "Classifier",
    "CompoundType",
    "FourHaves",
    "GraphIndex",
    "Label",
    "ManagementMode",
    "NetworkMode",
    "Reason",
    "Tripartite",
    "classify",
    "compound_type",
    "four_haves",
    "management_mode",
    "network_mode",
    "tripartite",
]

#: The built-in classifiers with their default options, by name. For other options build the
#: class (``NetworkMode(lead_threshold=0.6)``) or use :func:`attrs.evolve` on an entry.
CLASSIFIERS: Mapping[str, Classifier] = MappingProxyType(
    {
        c.name: c
        for c in (CompoundType(), ManagementMode(), Tripartite(), FourHaves(), NetworkMode())
    }
)


def classify(
    G: nx.MultiDiGraph, classifiers: Iterable[str | Classifier] | None = None
) -> dict[str, dict[str, Label]]:
    """Run several classifiers over one index of ``G``: labels by classifier name, then unit.

    Parameters
    ----------
    G
        A govmodel graph.
    classifiers
        Names in :data:`CLASSIFIERS` or classifier objects; all the built-in ones by default.

    Raises
    ------
    KeyError
        If a name is not in :data:`CLASSIFIERS` (the message lists the names).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import NetworkMode, classify
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> sorted(classify(G))
    ['compound_type', 'four_haves', 'management_mode', 'network_mode', 'tripartite']
    >>> classify(G, [NetworkMode(levels=(6,))])["network_mode"]["x1"].value
    'none'
    """
    chosen: list[Classifier] = []
    for c in CLASSIFIERS.values() if classifiers is None else classifiers:
        if isinstance(c, str):
            try:
                c = CLASSIFIERS[c]
            except KeyError:
                names = ", ".join(sorted(CLASSIFIERS))
                raise KeyError(f"no classifier {c!r}; the classifiers are {names}") from None
        chosen.append(c)
    index = GraphIndex(G)
    return {c.name: c.classify_index(index) for c in chosen}

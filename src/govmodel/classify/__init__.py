"""Classifiers: labels for compounds and communities, each with the rules that fired.

Five classifiers, each a function ``f(source, *, options) -> dict[unit id, Label]`` and a
classifier object registered in :data:`CLASSIFIERS` by name. ``source`` is a
:class:`~govmodel.spec.Structure`, its :class:`~govmodel.index.StructureIndex` or a govmodel
networkx graph; every classifier reads the index (:func:`~govmodel.classify.read_index`):

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
(rule, text, data) and ``details``. :func:`classify` runs several classifiers over one index.

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
>>> import govmodel
>>> s = govmodel.datasets.load("xihu")
>>> gc.classify(s) == gc.classify(govmodel.to_graph(s))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from govmodel.classify.base import ClassDef, Classifier, Label, Reason, Source, read_index, region
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
from govmodel.errors import ModelError

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
    "Label",
    "ManagementMode",
    "NetworkMode",
    "Reason",
    "Source",
    "Tripartite",
    "chosen_classifiers",
    "classify",
    "compound_type",
    "four_haves",
    "management_mode",
    "network_mode",
    "read_index",
    "region",
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
    source: Source, classifiers: Iterable[str | Classifier] | None = None
) -> dict[str, dict[str, Label]]:
    """Run several classifiers over one index: labels by classifier name, then unit.

    Parameters
    ----------
    source
        A :class:`~govmodel.spec.Structure`, its :class:`~govmodel.index.StructureIndex`,
        or a govmodel networkx graph (read with :func:`govmodel.from_graph`); see
        :func:`read_index`.
    classifiers
        Names in :data:`CLASSIFIERS` or classifier objects (or one of either); all the
        built-in ones by default.

    Raises
    ------
    ModelError
        If a name is not in :data:`CLASSIFIERS` (a :class:`LookupError`; the message lists
        the names), or two different classifiers share a name (see
        :func:`chosen_classifiers`).
    SpecError
        If ``source`` cannot be read: not a graph, structure or index, or a graph that does
        not follow govmodel's conventions (every problem, with the node or edge it is on).

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
    >>> classify(G, ["compund_type"])
    Traceback (most recent call last):
    ...
    govmodel.errors.ModelError: no classifier 'compund_type'; the classifiers are compound_type, four_haves, management_mode, network_mode, tripartite
    """
    chosen = chosen_classifiers(CLASSIFIERS.values() if classifiers is None else classifiers)
    ix = read_index(source)
    return {c.name: c.classify_all(ix) for c in chosen}


def chosen_classifiers(classifiers: Iterable[str | Classifier]) -> list[Classifier]:
    """Classifier objects for names in :data:`CLASSIFIERS` or objects, in order.

    Raises
    ------
    ModelError
        If a name is not in :data:`CLASSIFIERS` (the message lists the names), or two
        different classifiers share a name (labels are kept by classifier name, where one
        would hide the other; the same classifier given twice is one).

    Examples
    --------
    >>> from govmodel.classify import NetworkMode, chosen_classifiers
    >>> [c.name for c in chosen_classifiers(["tripartite", NetworkMode(levels=(5,))])]
    ['tripartite', 'network_mode']
    """
    if isinstance(classifiers, str | Classifier):  # one, not the characters of a name
        classifiers = [classifiers]
    chosen: list[Classifier] = []
    for c in classifiers:
        if isinstance(c, str):
            got = CLASSIFIERS.get(c)
            if got is None:
                names = ", ".join(sorted(CLASSIFIERS))
                raise ModelError(f"no classifier {c!r}; the classifiers are {names}")
            c = got
        chosen.append(c)
    named: dict[str, Classifier] = {}
    for c in chosen:
        first = named.setdefault(c.name, c)
        if first is not c and first != c:
            raise ModelError(
                f"two different classifiers are named {c.name!r} ({first!r} and {c!r}); "
                "labels are kept by classifier name, so give each its own name or give one"
            )
    return chosen

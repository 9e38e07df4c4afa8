"""govmodel: the governance of Chinese urban residential compounds and communities as graphs.

Load a structure, check it, turn it into a graph, assess it against a governance model:

>>> import govmodel
>>> s = govmodel.datasets.load("xihu")
>>> G = govmodel.to_graph(s)
>>> govmodel.from_graph(G) == s
True
"""

from govmodel import datasets, metrics, models, synth
from govmodel._convert import Limits
from govmodel._version import __version__
from govmodel.assess import Assessment, Comparison, assess, compare
from govmodel.errors import GovModelError, MissingDependencyError, ModelError, Problem, SpecError
from govmodel.graph import from_graph, to_graph
from govmodel.io.native import dump, dumps, load, loads
from govmodel.spec import (
    Decision,
    Identifier,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
)
from govmodel.validate import validate
from govmodel.vocab import BUILTIN as vocabulary

__all__ = [
    "Assessment",
    "Comparison",
    "Decision",
    "GovModelError",
    "Identifier",
    "Limits",
    "Metadata",
    "MissingDependencyError",
    "ModelError",
    "Observation",
    "Organization",
    "Person",
    "Post",
    "Problem",
    "SpecError",
    "Structure",
    "Tally",
    "Tie",
    "Unit",
    "Vote",
    "VotingRule",
    "__version__",
    "assess",
    "compare",
    "datasets",
    "dump",
    "dumps",
    "from_graph",
    "load",
    "loads",
    "metrics",
    "models",
    "synth",
    "to_graph",
    "validate",
    "vocabulary",
]

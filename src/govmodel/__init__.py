"""govmodel: the governance of Chinese urban residential compounds and communities as graphs.

Load a structure, check it, turn it into a graph, assess it against a governance model:

>>> import govmodel
>>> s = govmodel.datasets.load("xihu")
>>> G = govmodel.to_graph(s)
>>> govmodel.from_graph(G) == s
True
"""

from govmodel import datasets
from govmodel._convert import Limits
from govmodel._version import __version__
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
    "datasets",
    "dump",
    "dumps",
    "from_graph",
    "load",
    "loads",
    "to_graph",
    "validate",
    "vocabulary",
]

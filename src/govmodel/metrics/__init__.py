"""Measures of governance structures: plain functions of a govmodel graph.

Each function takes a graph (``f(G, *, ...)``) with keyword-only options and returns one
type; its docstring gives the formula, the reference and the complexity.

- :mod:`govmodel.metrics.structural` — Krackhardt's dimensions, centralization, brokerage
  (with z-scores), E-I index, constraint, effective size, global reaching centrality,
  transitivity and reciprocity (agreeing with R's sna);
- :mod:`govmodel.metrics.hierarchy` — depth, span of control, rollups;
- :mod:`govmodel.metrics.governance` — coverage, cross-appointment, key people;
- :mod:`govmodel.metrics.service` — resolution, fee collection, households per chief;
- :mod:`govmodel.metrics.voting` — outcomes of decisions under their rules.
"""

from govmodel.metrics.governance import (
    Coverage,
    CrossAppointment,
    KeyLink,
    coverage,
    cross_appointment,
    key_people,
    org_coverage,
)
from govmodel.metrics.hierarchy import Rollup, SpanStats, depth, rollup, span_of_control
from govmodel.metrics.service import (
    Change,
    ChiefLoad,
    Rate,
    fee_collection_change,
    households_per_chief,
    micro_wish_fulfilment,
    ratio,
    resolution_rate,
)
from govmodel.metrics.structural import (
    BrokerageRoles,
    brokerage,
    brokerage_roles,
    centralization,
    constraint,
    effective_size,
    ei_index,
    global_reaching_centrality,
    grecip,
    gtrans,
    krackhardt,
)
from govmodel.metrics.voting import (
    Majority,
    Outcome,
    council_rule,
    outcome,
    outcome_from_graph,
    owners_assembly_rule,
)

__all__ = [
    "BrokerageRoles",
    "Change",
    "ChiefLoad",
    "Coverage",
    "CrossAppointment",
    "KeyLink",
    "Majority",
    "Outcome",
    "Rate",
    "Rollup",
    "SpanStats",
    "brokerage",
    "brokerage_roles",
    "centralization",
    "constraint",
    "council_rule",
    "coverage",
    "cross_appointment",
    "depth",
    "effective_size",
    "ei_index",
    "fee_collection_change",
    "global_reaching_centrality",
    "grecip",
    "gtrans",
    "households_per_chief",
    "key_people",
    "krackhardt",
    "micro_wish_fulfilment",
    "org_coverage",
    "outcome",
    "outcome_from_graph",
    "owners_assembly_rule",
    "ratio",
    "resolution_rate",
    "rollup",
    "span_of_control",
]

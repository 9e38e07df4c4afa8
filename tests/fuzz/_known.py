"""Bugs the fuzzer found that are not fixed yet, so that the fuzz tests stay green meanwhile.

Each entry recognises the failures of one open bug. The fuzz tests count those failures
(and warn that the bug is still reachable) instead of failing; every entry has a regression
input under ``regressions/`` that is marked ``xfail(strict=True)``, so that the fix of the
bug turns that test red until its entry here and its mark there are removed.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.fuzz._engine import Failure

__all__ = ["KNOWN", "known_issue"]

_CLI_ESCAPES = {
    "ValueError",
    "OSError",
    "FileNotFoundError",
    "IsADirectoryError",
    "NotADirectoryError",
    "PermissionError",
}

#: id → (what is wrong, where to fix it; a predicate on (entrance, failure)).
KNOWN: dict[str, tuple[str, Callable[[str, Failure], bool]]] = {
    "closed-sets": (
        "validate() does not check Vote.choice, VotingRule.basis and Decision.outcome, and "
        "from_graph reads them with _str: a graph file with choice 'maybe' is accepted, "
        "and the structure dumped cannot be loaded again (fix in validate.py _decisions)",
        lambda e, f: (
            f.signature.startswith("accepted-but:")
            and any(f"wrong-type@{x}" in f.signature for x in ("choice", "basis", "outcome"))
        ),
    ),
    "lone-surrogates": (
        "validate() accepts strings holding lone surrogates (from node-link JSON \\ud800 "
        "escapes, GraphML type tables, Python); dump() then raises UnicodeEncodeError "
        "(fix in validate.py: report invalid-string)",
        lambda e, f: (
            f.signature.startswith("accepted-but:")
            and ("invalid-string" in f.signature or "UnicodeEncodeError" in f.signature)
        ),
    ),
    "graph-limits": (
        "the graph importers (from_graph, GraphML, GEXF, node-link, frames) ignore "
        "Limits.max_string and max_entities: a 200,000-character name is accepted, and the "
        "structure dumped is refused by load() with string-too-long (fix in graph.py "
        "from_graph(G, *, limits=...) and graphfiles.py/frames.py passing limits)",
        lambda e, f: f.signature.startswith("accepted-but:") and "string-too-long" in f.signature,
    ),
    "non-finite-areas": (
        "validate() does not check that floor-area tallies (Decision.area) and vote areas "
        "are finite, nor does from_graph's _number: a graph file with "
        "area_tally_members = Infinity or a vote area of NaN is accepted, and dumps() then "
        "raises ValueError (fix in validate.py _tally and _decisions: non-finite-number)",
        lambda e, f: f.signature == "accepted-but:ValueError" and "not JSON compliant" in str(f),
    ),
    "graph-identifiers": (
        "from_graph keeps an 'identifiers' value the converter refused (a JSON number or "
        "null) and Unit(identifiers=5) raises TypeError (fix in graph.py _Reader.nodes)",
        lambda e, f: f.signature.startswith("TypeError@spec.py:_tuple"),
    ),
    "graph-attributes-not-a-mapping": (
        'from_graph assumes G.graph is a dict; node-link JSON with "graph": "x" makes it '
        "a str and AttributeError escapes (fix in graph.py _Reader.graph)",
        lambda e, f: f.signature.startswith("AttributeError@graph.py:graph"),
    ),
}


def known_issue(entrance: str, failure: Failure) -> str | None:
    """The id of the open bug this failure is an instance of, or ``None`` if it is new."""
    for key, (_, matches) in KNOWN.items():
        if matches(entrance, failure):
            return key
    return None

"""The benchmark's workloads: govmodel's own, and the baselines they are held against.

The *tree aggregates* ("rollups") are the same in every implementation. For every unit
:math:`u`, over the subtree of :math:`u` (itself and every unit below it):

* ``households`` and ``residents``: the sums of the units' attributes of those names;
* ``party_members``: the sum of the ``party_members`` attribute of the compound party
  branches located in those units;
* ``compounds``: the number of compounds;
* ``covered``: the compounds where a compound party branch is located;
* ``cross``: the compounds where one person is both the secretary of a compound party branch
  located there and the chair of an owners' committee located there (交叉任职).

govmodel computes them on its :class:`~govmodel.index.StructureIndex`; the baselines are
polars on flat tables of the same records, and networkx summing over ``nx.descendants`` of
each unit of the containment tree. Each returns ``{column: per-unit totals}`` and
:func:`checksum` reduces that to a few numbers that must agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COLUMNS = ("households", "residents", "party_members", "compounds", "covered", "cross")
BRANCH = "compound_party_branch"
COMMITTEE = "owners_committee"


def checksum(totals: Mapping[str, Any], root_totals: Mapping[str, int]) -> dict[str, list[int]]:
    """``{column: [sum over every unit, total of the roots]}``: equal for equal rollups."""
    return {c: [int(sum(int(x) for x in totals[c])), int(root_totals[c])] for c in COLUMNS}


# ------------------------------------------------------------------------------------------------
# govmodel


def govmodel_rollups(ix: Any) -> dict[str, Any]:
    """The tree aggregates on a :class:`~govmodel.index.StructureIndex` (numpy or python)."""
    nu = ix.n_units
    forest = ix.containment()
    households, _ = ix.unit_numbers("households")
    residents, _ = ix.unit_numbers("residents")
    compound = ix.unit_kinds.index("compound") if "compound" in ix.unit_kinds else -1
    branches = ix.orgs_selected([BRANCH])
    committees = ix.orgs_selected([COMMITTEE])
    members = ix.org_attribute("party_members")
    secretary, chair = ix.role_code("secretary"), ix.role_code("chair")
    if ix.backend == "numpy":
        import numpy as np

        org_unit = ix.org_unit
        is_compound = (np.asarray(ix.unit_kind) == compound).astype(np.int64)
        branch_units = org_unit[branches]
        weights = np.fromiter((members[i] or 0 for i in branches.tolist()), dtype=np.int64)
        party = ix.count_by(branch_units, nu, weights)
        covered = (ix.count_by(branch_units, nu) > 0).astype(np.int64) * is_compound
        is_branch = np.zeros(ix.n_organizations, dtype=bool)
        is_branch[branches] = True
        is_committee = np.zeros(ix.n_organizations, dtype=bool)
        is_committee[committees] = True
        role, person, org = ix.post_role, ix.post_person, ix.post_org
        sec = (role == secretary) & is_branch[org]
        cha = (role == chair) & is_committee[org]
        key_s = person[sec] * nu + org_unit[org[sec]]
        key_c = person[cha] * nu + org_unit[org[cha]]
        both = np.intersect1d(key_s, key_c) % nu
        cross = np.zeros(nu, dtype=np.int64)
        cross[both] = 1
        cross *= is_compound
    else:
        org_unit = ix.org_unit
        kinds = ix.unit_kind
        is_compound = ix.ints(int(k == compound) for k in kinds)
        branch_units = ix.ints(org_unit[i] for i in branches)
        party = ix.count_by(branch_units, nu, ix.ints(members[i] or 0 for i in branches))
        hosts = ix.count_by(branch_units, nu)
        covered = ix.ints(int(h > 0) * c for h, c in zip(hosts, is_compound, strict=True))
        bset, cset = set(branches), set(committees)
        role, person, org = ix.post_role, ix.post_person, ix.post_org
        sec = {
            (person[i], org_unit[org[i]])
            for i in range(len(role))
            if role[i] == secretary and org[i] in bset
        }
        cha = {
            (person[i], org_unit[org[i]])
            for i in range(len(role))
            if role[i] == chair and org[i] in cset
        }
        crossed = {u for _, u in sec & cha}
        cross = ix.ints(int(u in crossed) * is_compound[u] for u in range(nu))
    columns = {
        "households": households,
        "residents": residents,
        "party_members": party,
        "compounds": is_compound,
        "covered": covered,
        "cross": cross,
    }
    totals = {c: ix.subtree_sums(v, forest) for c, v in columns.items()}
    roots = forest.roots()
    return {
        "totals": totals,
        "roots": {c: sum(int(t[r]) for r in roots) for c, t in totals.items()},
    }


# ------------------------------------------------------------------------------------------------
# Flat tables of the raw records (input of the baselines)


def flat_tables(records: Mapping[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """Columns of units, organizations and posts from the parsed JSON records."""
    units = records.get("units", [])
    orgs = records.get("organizations", [])
    posts = records.get("posts", [])

    def attr(e: Mapping[str, Any], name: str) -> Any:
        return e.get("attributes", {}).get(name)

    return {
        "units": {
            "id": [u["id"] for u in units],
            "parent": [u.get("parent") for u in units],
            "kind": [u["kind"] for u in units],
            "households": [attr(u, "households") for u in units],
            "residents": [attr(u, "residents") for u in units],
        },
        "organizations": {
            "id": [o["id"] for o in orgs],
            "unit": [o.get("unit") for o in orgs],
            "kind": [o["kind"] for o in orgs],
            "party_members": [attr(o, "party_members") for o in orgs],
        },
        "posts": {
            "person": [p["person"] for p in posts],
            "organization": [p["organization"] for p in posts],
            "role": [p["role"] for p in posts],
        },
    }


def own_values(tables: Mapping[str, Mapping[str, list[Any]]]) -> dict[str, dict[str, int]]:
    """Each unit's own values of the columns (the input of the networkx baseline)."""
    u, o, p = tables["units"], tables["organizations"], tables["posts"]
    own = {
        "households": {i: h or 0 for i, h in zip(u["id"], u["households"], strict=True)},
        "residents": {i: r or 0 for i, r in zip(u["id"], u["residents"], strict=True)},
        "party_members": dict.fromkeys(u["id"], 0),
        "compounds": {i: int(k == "compound") for i, k in zip(u["id"], u["kind"], strict=True)},
        "covered": dict.fromkeys(u["id"], 0),
        "cross": dict.fromkeys(u["id"], 0),
    }
    org_unit = dict(zip(o["id"], o["unit"], strict=True))
    org_kind = dict(zip(o["id"], o["kind"], strict=True))
    for kind, unit, pm in zip(o["kind"], o["unit"], o["party_members"], strict=True):
        if kind == BRANCH and unit is not None:
            own["party_members"][unit] += pm or 0
            if own["compounds"].get(unit):
                own["covered"][unit] = 1
    sec, cha = set(), set()
    for person, org, role in zip(p["person"], p["organization"], p["role"], strict=True):
        kind = org_kind.get(org)
        if role == "secretary" and kind == BRANCH:
            sec.add((person, org_unit[org]))
        elif role == "chair" and kind == COMMITTEE:
            cha.add((person, org_unit[org]))
    for _, unit in sec & cha:
        if own["compounds"].get(unit):
            own["cross"][unit] = 1
    return own


# ------------------------------------------------------------------------------------------------
# networkx


def nx_bare_graph(records: Mapping[str, Any]) -> Any:
    """The bare govmodel graph built with networkx from the raw records.

    Nodes keyed by id with ``entity`` (and ``kind`` for units and organizations); every edge
    of :func:`govmodel.to_graph` with its key and ``relation`` (and a post's ``role``), but no
    other attribute.
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    units = records.get("units", [])
    orgs = records.get("organizations", [])
    G.add_nodes_from((u["id"], {"entity": "unit", "kind": u["kind"]}) for u in units)
    G.add_nodes_from((o["id"], {"entity": "organization", "kind": o["kind"]}) for o in orgs)
    G.add_nodes_from((p["id"], {"entity": "person"}) for p in records.get("people", []))
    obs = records.get("observations", [])
    G.add_nodes_from((o["id"], {"entity": "observation"}) for o in obs)
    decisions = records.get("decisions", [])
    G.add_nodes_from((d["id"], {"entity": "decision"}) for d in decisions)
    G.add_edges_from(
        (u["parent"], u["id"], "contains", {"relation": "contains"}) for u in units if "parent" in u
    )
    G.add_edges_from(
        (o["id"], o["unit"], "located_in", {"relation": "located_in"}) for o in orgs if "unit" in o
    )
    G.add_edges_from(
        (o["parent"], o["id"], "leads", {"relation": "leads"}) for o in orgs if "parent" in o
    )
    G.add_edges_from(
        (p["person"], p["organization"], p["id"], {"relation": "post", "role": p["role"]})
        for p in records.get("posts", [])
    )
    G.add_edges_from(
        (t["source"], t["target"], t["id"], {"relation": t["relation"]})
        for t in records.get("ties", [])
    )
    G.add_edges_from((o["id"], o["subject"], "observes", {"relation": "observes"}) for o in obs)
    G.add_edges_from((d["body"], d["id"], "decides", {"relation": "decides"}) for d in decisions)
    G.add_edges_from(
        (v["person"], d["id"], "vote", {"relation": "vote"})
        for d in decisions
        for v in d.get("votes", [])
    )
    return G


def nx_containment_tree(tables: Mapping[str, Mapping[str, list[Any]]]) -> Any:
    """The containment tree of the units as a networkx DiGraph."""
    import networkx as nx

    u = tables["units"]
    T = nx.DiGraph()
    T.add_nodes_from(u["id"])
    T.add_edges_from((p, c) for c, p in zip(u["id"], u["parent"], strict=True) if p is not None)
    return T


def nx_descendant_rollups(T: Any, own: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """The tree aggregates, summing each unit's values over ``nx.descendants`` of it."""
    import networkx as nx

    columns = [own[c] for c in COLUMNS]
    totals: dict[str, list[int]] = {c: [] for c in COLUMNS}
    lists = [totals[c] for c in COLUMNS]
    for u in T:
        below = nx.descendants(T, u)
        for values, out in zip(columns, lists, strict=True):
            out.append(values[u] + sum(values[d] for d in below))
    roots = [i for i, u in enumerate(T) if T.in_degree(u) == 0]
    return {
        "totals": totals,
        "roots": {c: sum(totals[c][i] for i in roots) for c in COLUMNS},
    }


# ------------------------------------------------------------------------------------------------
# polars


def polars_frames(tables: Mapping[str, Mapping[str, list[Any]]]) -> dict[str, Any]:
    """The flat tables as polars DataFrames."""
    import polars as pl

    return {
        "units": pl.DataFrame(
            tables["units"],
            schema={
                "id": pl.String,
                "parent": pl.String,
                "kind": pl.String,
                "households": pl.Int64,
                "residents": pl.Int64,
            },
        ),
        "organizations": pl.DataFrame(
            tables["organizations"],
            schema={
                "id": pl.String,
                "unit": pl.String,
                "kind": pl.String,
                "party_members": pl.Int64,
            },
        ),
        "posts": pl.DataFrame(
            tables["posts"],
            schema={"person": pl.String, "organization": pl.String, "role": pl.String},
        ),
    }


def polars_rollups(frames: Mapping[str, Any]) -> dict[str, Any]:
    """The tree aggregates with polars: own values by joins, then one group-by per level."""
    import polars as pl

    units, orgs, posts = frames["units"], frames["organizations"], frames["posts"]
    branches = orgs.filter(pl.col("kind") == BRANCH).select("id", "unit", "party_members")
    by_unit = branches.group_by("unit").agg(
        pl.col("party_members").fill_null(0).sum().alias("party_members"),
        pl.len().alias("n_branches"),
    )
    committees = orgs.filter(pl.col("kind") == COMMITTEE).select("id", "unit")
    sec = posts.filter(pl.col("role") == "secretary").join(
        branches.select("id", "unit"), left_on="organization", right_on="id"
    )
    cha = posts.filter(pl.col("role") == "chair").join(
        committees, left_on="organization", right_on="id"
    )
    crossed = (
        sec.select("person", "unit")
        .join(cha.select("person", "unit"), on=["person", "unit"])
        .select("unit")
        .unique()
        .with_columns(pl.lit(1, dtype=pl.Int64).alias("crossed"))
    )
    is_compound = (pl.col("kind") == "compound").cast(pl.Int64)
    own = (
        units.join(by_unit, left_on="id", right_on="unit", how="left")
        .join(crossed, left_on="id", right_on="unit", how="left")
        .select(
            "id",
            "parent",
            pl.col("households").fill_null(0),
            pl.col("residents").fill_null(0),
            pl.col("party_members").fill_null(0),
            is_compound.alias("compounds"),
            (is_compound * (pl.col("n_branches").fill_null(0) > 0).cast(pl.Int64)).alias("covered"),
            (is_compound * pl.col("crossed").fill_null(0)).alias("cross"),
        )
    )
    # Depth of every unit, one join per level from the roots down.
    depth = own.filter(pl.col("parent").is_null()).select("id", pl.lit(1).alias("depth"))
    frontier = depth
    level = 1
    links = own.select("id", "parent").filter(pl.col("parent").is_not_null())
    while frontier.height:
        level += 1
        frontier = links.join(frontier.select("id"), left_on="parent", right_on="id").select(
            "id", pl.lit(level).alias("depth")
        )
        depth = pl.concat([depth, frontier])
    table = own.join(depth, on="id")
    cols = list(COLUMNS)
    for d in range(level - 1, 1, -1):
        below = (
            table.filter(pl.col("depth") == d)
            .group_by("parent")
            .agg([pl.col(c).sum().alias(f"_{c}") for c in cols])
        )
        table = table.join(below, left_on="id", right_on="parent", how="left").select(
            "id",
            "parent",
            "depth",
            *[(pl.col(c) + pl.col(f"_{c}").fill_null(0)).alias(c) for c in cols],
        )
    roots = table.filter(pl.col("parent").is_null())
    return {
        "totals": {c: table[c] for c in cols},
        "roots": {c: int(roots[c].sum()) for c in cols},
    }

"""Assessing a whole nation on a Dask cluster: one file per district, merged exactly.

A nation is too large for one process, but its districts are not: store it as one file per
district (or per city), each a self-contained structure, and :func:`assess_files` loads and
assesses every file on a worker of a Dask cluster, then merges the per-district
:class:`Summary` objects into one for the nation.

Everything a :class:`Summary` holds merges *exactly*: counts, and sums carried with their
counts (never averages of averages). A per-unit measure is carried as the exact sum of its
values (a :class:`~fractions.Fraction`) and their number, so the national mean is the mean
over every unit of the nation, the very number :func:`govmodel.assess` gives on the merged
structure; a coverage is carried as its numerator and denominator. Merging is associative
and commutative, so the order in which districts finish does not matter, and the result
equals :func:`summarize` of the merged structure (tested).

Needs the ``dask`` extra (``pip install 'govmodel[dask]'``). The scheduler is yours: pass a
``distributed.Client`` connected to any cluster (``client=Client("tcp://scheduler:8786")``),
or let :func:`assess_files` start a ``LocalCluster`` on this machine.

Examples
--------
>>> import tempfile, os, govmodel
>>> from govmodel import distributed, synth
>>> parts = distributed.split(synth.city(40, seed=2, districts=2), "district")
>>> sorted(parts)
['d1', 'd2']
>>> total = distributed.summarize(govmodel.Structure().merge(*parts.values()), ["council"])
>>> total == distributed.merge(*(distributed.summarize(p, ["council"]) for p in parts.values()))
True
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal, TypeVar

import attrs

from govmodel import progress as _progress
from govmodel.errors import require
from govmodel.io.parquet import _org_places, _place_linked
from govmodel.spec import Structure, date_bounds

__all__ = [
    "BUILTIN_MODELS",
    "MeasureTotal",
    "National",
    "Summary",
    "assess_files",
    "map_summaries",
    "merge",
    "split",
    "summarize",
    "summarize_file",
]

#: The built-in governance models, assessed by default.
BUILTIN_MODELS: tuple[str, ...] = ("tripartite", "grid", "council", "eight_roles", "four_level")

_BRANCHES = ("compound_party_branch", "property_party_branch")

K = TypeVar("K")


def _check_as_of(as_of: str | None) -> None:
    """Refuse an ``as_of`` that is not a partial ISO date before any file is read or task
    submitted (a ``ValueError`` naming it)."""
    if as_of is not None:
        try:
            date_bounds(as_of)
        except ValueError as exc:
            raise ValueError(f"as_of: {exc}") from None


def _chosen(models: Iterable[str] | None) -> list[str]:
    """The models asked for, each once, in order, the built-in ones by default (a model
    named twice would count its findings twice); one string is refused (a
    ``TypeError``), which would be read as the models ``"c"``, ``"o"``, … of its letters."""
    if isinstance(models, str):
        raise TypeError(f"models is a list of model names, not one string ({models!r})")
    return list(dict.fromkeys(BUILTIN_MODELS if models is None else models))


def _add_counts(out: dict[str, int], b: Mapping[str, int]) -> None:
    """Add the counts of ``b`` into ``out``."""
    for k, v in b.items():
        out[k] = out.get(k, 0) + v


def _add_nested(
    out: dict[str, dict[str, Any]], b: Mapping[str, Mapping[str, Any]], add: Any
) -> None:
    """Add the nested values of ``b`` into ``out``, with ``add`` where a key is in both."""
    for k, inner in b.items():
        mine = out.setdefault(k, {})
        for key, value in inner.items():
            if key not in mine:
                mine[key] = value
                continue
            try:
                mine[key] = add(mine[key], value)
            except ValueError as exc:
                raise ValueError(f"model {k!r}, {key!r}: {exc}") from None


def _sorted_nested(out: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


@attrs.frozen
class MeasureTotal:
    """A per-unit measure over some units, kept so that it merges exactly.

    Attributes
    ----------
    rollup
        ``"sum"`` or ``"mean"``: how the measure's values combine (its declaration).
    total
        The exact sum of the values, as a :class:`~fractions.Fraction`.
    count
        How many units have a value.
    """

    rollup: Literal["sum", "mean"]
    total: Fraction
    count: int

    @property
    def value(self) -> float | None:
        """The sum, or the mean over the units: what :func:`govmodel.assess` reports for the
        whole structure (``None`` when no unit has a value).

        ``float(total)`` is the correctly rounded sum, which is what ``math.fsum`` gives on
        the values themselves. A sum beyond a float's range is ``None``, and a mean of such
        a sum is the exact mean rounded, as :func:`govmodel.assess` has them.
        """
        if not self.count:
            return None
        try:
            s = float(self.total)
        except OverflowError:
            if self.rollup == "sum":
                return None
            try:
                return float(self.total / self.count)
            except OverflowError:  # pragma: no cover - a mean of finite floats is finite
                return None
        return s if self.rollup == "sum" else s / self.count

    def __add__(self, other: MeasureTotal) -> MeasureTotal:
        if not isinstance(other, MeasureTotal):
            return NotImplemented
        if other.rollup != self.rollup:
            # the sum of a "sum" and a "mean" is neither: keeping either rollup would make
            # the merged figure depend on the order of the summaries
            raise ValueError(
                f"cannot add a measure that rolls up by {self.rollup!r} to one that rolls up "
                f"by {other.rollup!r}"
            )
        return MeasureTotal(self.rollup, self.total + other.total, self.count + other.count)


@attrs.frozen
class Summary:
    """What the assessments of one or more structures add up to, merging exactly.

    Attributes
    ----------
    names
        The structures summed up (their file names or ``metadata.name``), in order (not
        compared: equal summaries may sum up different files).
    nodes, edges
        The size of their graphs.
    counts
        Counts and sums over the structures: ``units:<kind>``, ``organizations:<kind>``,
        ``posts:<role>``, ``people``, ``party_members`` (people with a party status),
        ``households`` and ``residents`` (the sums of those unit attributes where recorded),
        ``compounds``, ``compounds_with_branch`` (a compound or property party branch
        located in the compound), ``cross_appointed`` (compounds whose branch secretary
        chairs their owners' committee).
    findings
        By model, ``"<rule>:<severity>"`` to the number of findings about an entity.
    labels
        By model, ``"<classifier>:<class>"`` to the number of units labelled so.
    measures
        By model, each per-unit measure as a :class:`MeasureTotal`.
    structure_findings
        By model, the number of findings about a whole structure (subject ``None``),
        summed. Unlike everything else these need not add up to the findings of the merged
        structure (a figure of the whole can differ from the figures of its parts), so they
        are not compared.
    seconds
        The time spent loading and assessing, summed over the structures (not compared).
    """

    names: tuple[str, ...] = attrs.field(eq=False)
    nodes: int
    edges: int
    counts: Mapping[str, int]
    findings: Mapping[str, Mapping[str, int]]
    labels: Mapping[str, Mapping[str, int]]
    measures: Mapping[str, Mapping[str, MeasureTotal]]
    structure_findings: Mapping[str, int] = attrs.field(factory=dict, eq=False)
    seconds: float = attrs.field(default=0.0, eq=False)

    def measure(self, model: str, name: str) -> float | None:
        """The national (merged) value of a per-unit measure: its sum, or its mean."""
        return self.measures[model][name].value

    def rate(self, numerator: str, denominator: str) -> float | None:
        """``counts[numerator] / counts[denominator]`` (``None`` when the denominator is 0)."""
        d = self.counts.get(denominator, 0)
        return self.counts.get(numerator, 0) / d if d else None


def merge(*summaries: Summary) -> Summary:
    """One :class:`Summary` of several: counts and sums added (exactly), names concatenated.

    Associative and commutative (up to the order of ``names``), with the summary of
    nothing as its identity: ``merge()`` is the empty summary (no names, every count
    zero), what a national run over no district gives, and ``merge(s) == s``. The
    summaries are added in one pass, in order, and the keys sorted once: time linear in
    the size of the summaries (plus sorting the keys of the result), however many there
    are.

    Raises
    ------
    ValueError
        If one measure of a model rolls up by ``"sum"`` in one summary and by ``"mean"``
        in another.

    Examples
    --------
    >>> from govmodel import distributed
    >>> nothing = distributed.merge()
    >>> nothing.names, nothing.nodes, dict(nothing.counts)
    ((), 0, {})
    """
    names: list[str] = []
    nodes = edges = 0
    counts: dict[str, int] = {}
    findings: dict[str, dict[str, Any]] = {}
    labels: dict[str, dict[str, Any]] = {}
    measures: dict[str, dict[str, Any]] = {}
    structure_findings: dict[str, int] = {}
    seconds = 0.0
    for s in summaries:
        names.extend(s.names)
        nodes += s.nodes
        edges += s.edges
        _add_counts(counts, s.counts)
        _add_nested(findings, s.findings, int.__add__)
        _add_nested(labels, s.labels, int.__add__)
        _add_nested(measures, s.measures, MeasureTotal.__add__)
        _add_counts(structure_findings, s.structure_findings)
        seconds += s.seconds
    return Summary(
        names=tuple(names),
        nodes=nodes,
        edges=edges,
        counts=dict(sorted(counts.items())),
        findings=_sorted_nested(findings),
        labels=_sorted_nested(labels),
        measures=_sorted_nested(measures),
        structure_findings=dict(sorted(structure_findings.items())),
        seconds=seconds,
    )


def _exact(value: float) -> Fraction:
    return Fraction(value)


def _heads(assessment: Any) -> Iterator[tuple[Any, Any, Any]]:
    """The ``(rule, severity, subject)`` of each finding of an assessment, its messages
    (which may be :class:`~govmodel.models.Messages`) left unmade."""
    from govmodel.assess import _found

    for result in assessment.rules:
        yield from _found(result).heads()


def summarize(
    structure: Structure,
    models: Iterable[str] | None = None,
    *,
    name: str | None = None,
    as_of: str | None = None,
) -> Summary:
    """The :class:`Summary` of one structure's assessments (in this process).

    Parameters
    ----------
    structure
        The structure (validate it first).
    models
        Registered model names (one named twice is assessed once); the built-in models by
        default.
    name
        Its name in :attr:`Summary.names` (default ``metadata.name``).
    as_of
        Assess the structure as it stood on this date.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.distributed import summarize
    >>> s = summarize(govmodel.datasets.load("yuetang"), ["four_level"])
    >>> s.counts["compounds"], s.counts["cross_appointed"]
    (5, 2)
    """
    from govmodel import compare
    from govmodel.index import StructureIndex
    from govmodel.metrics.governance import coverage, cross_appointment

    _check_as_of(as_of)
    t0 = time.perf_counter()
    chosen = tuple(_chosen(models))
    s = structure.as_of(as_of) if as_of is not None else structure
    ix = StructureIndex.of(s)
    counts: dict[str, int] = {"people": len(s.people)}
    for section, key in (("units", "kind"), ("organizations", "kind"), ("posts", "role")):
        for e in getattr(s, section):
            k = f"{section}:{getattr(e, key)}"
            counts[k] = counts.get(k, 0) + 1
    counts["party_members"] = sum(p.party is not None for p in s.people)
    for attribute in ("households", "residents"):
        counts[attribute] = sum(v for v in ix.unit_attribute(attribute) if type(v) is int)
    cover = coverage(ix, _BRANCHES, "compound")
    counts["compounds"] = cover.total
    counts["compounds_with_branch"] = cover.covered
    counts["cross_appointed"] = len(cross_appointment(ix).appointed)
    findings: dict[str, dict[str, int]] = {}
    whole: dict[str, int] = {}
    labels: dict[str, dict[str, int]] = {}
    measures: dict[str, dict[str, MeasureTotal]] = {}
    for a in compare(s, chosen).assessments:
        model = a.model
        mine = findings.setdefault(model, {})
        for rule_id, severity, subject in _heads(a):  # the messages left unmade
            if subject is None:
                whole[model] = whole.get(model, 0) + 1
            else:
                key = f"{rule_id}:{severity}"
                mine[key] = mine.get(key, 0) + 1
        seen = labels.setdefault(model, {})
        for classifier, by_unit in a.labels.items():
            for label in by_unit.values():
                key = f"{classifier}:{getattr(label, 'value', label)}"
                seen[key] = seen.get(key, 0) + 1
        totals = measures.setdefault(model, {})
        for measure_name, m in a.metrics.items():
            if m.spec.per is None:
                continue
            values = list(m.by_unit.values())
            total = sum((_exact(v) for v in values), Fraction(0))
            totals[measure_name] = MeasureTotal(m.spec.rollup, total, len(values))
    return Summary(
        names=(name if name is not None else s.metadata.name,),
        nodes=ix.n_nodes,
        edges=ix.n_edges,
        counts=dict(sorted(counts.items())),
        findings={m: dict(sorted(v.items())) for m, v in sorted(findings.items())},
        labels={m: dict(sorted(v.items())) for m, v in sorted(labels.items())},
        measures={m: dict(sorted(v.items())) for m, v in sorted(measures.items())},
        structure_findings=dict(sorted(whole.items())),
        seconds=time.perf_counter() - t0,
    )


def summarize_file(
    path: str | os.PathLike[str],
    models: Iterable[str] | None = None,
    *,
    validate: bool = True,
    as_of: str | None = None,
) -> Summary:
    """Load one file (:func:`govmodel.load`) and :func:`summarize` it; the unit of work of
    :func:`assess_files`, named after the file.

    Raises
    ------
    SpecError
        If the file is not a valid structure (with ``validate``).
    """
    from govmodel.io.native import load

    _check_as_of(as_of)
    t0 = time.perf_counter()
    structure = load(path, validate=validate)
    loaded = time.perf_counter() - t0
    out = summarize(structure, models, name=os.path.basename(os.fspath(path)), as_of=as_of)
    return attrs.evolve(out, seconds=out.seconds + loaded)


@attrs.frozen
class National:
    """The result of :func:`assess_files`.

    Attributes
    ----------
    total
        The merged :class:`Summary` of every file: the nation.
    districts
        The summary of each file, in the order of the paths.
    seconds
        Wall time, from submitting the first file to the merged result.
    cores
        The worker threads of the cluster that did the work.
    """

    total: Summary
    districts: tuple[Summary, ...]
    seconds: float
    cores: int

    @property
    def per_core_throughput(self) -> float:
        """Files assessed per second per worker thread."""
        return len(self.districts) / self.seconds / max(1, self.cores)


def assess_files(
    paths: Sequence[str | os.PathLike[str]],
    models: Iterable[str] | None = None,
    *,
    client: Any = None,
    validate: bool = True,
    as_of: str | None = None,
    n_workers: int | None = None,
    progress: bool | None = None,
) -> National:
    """Assess one structure per file on a Dask cluster and merge the results exactly.

    Parameters
    ----------
    paths
        The files, one self-contained structure each (a district, a city); their ids must
        not clash and their references must not cross files (see :func:`split`).
    models
        Registered model names, assessed on every file; the built-in models by default.
        (Models of plug-in packages must be installed on the workers too.)
    client
        A ``distributed.Client`` of the cluster to use. ``None``: the current client if
        there is one, otherwise a ``LocalCluster`` of ``n_workers`` single-threaded
        processes, started for the call and closed after it.
    validate
        Validate every file as it is loaded.
    as_of
        Assess every structure as it stood on this date.
    n_workers
        Workers of the local cluster (default: the number of CPUs), a whole number of at
        least 1; never more than the files, whose number caps it.
    progress
        A bar counting the files as they are done: ``None`` when standard error is a
        terminal or in Jupyter, ``True`` always, ``False`` never (see
        :mod:`govmodel.progress`).

    Returns
    -------
    National

    Raises
    ------
    MissingDependencyError
        Without the ``dask`` extra (or, with ``progress=True``, the ``progress`` extra).
    ValueError
        Before any file is read, if ``as_of`` is not a partial ISO date, a file is given
        twice, by its path or through a symbolic link (which would count it twice), or
        ``n_workers`` is not a whole number of at least 1.
    TypeError
        If ``paths`` is one path rather than a list of them, or ``models`` one model
        name.
    SpecError
        From the first file that is not a valid structure.

    Examples
    --------
    >>> import tempfile, os, govmodel
    >>> from govmodel import distributed, synth
    >>> parts = distributed.split(synth.city(40, seed=2, districts=2), "district")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = [os.path.join(d, f"{k}.json") for k in parts]
    ...     for p, s in zip(paths, parts.values()):
    ...         govmodel.dump(s, p)
    ...     from distributed import Client, LocalCluster
    ...     with LocalCluster(n_workers=1, processes=False) as c, Client(c) as client:
    ...         result = distributed.assess_files(paths, ["council"], client=client)
    >>> result.total.names, result.total.counts["compounds"]
    (('d1.json', 'd2.json'), 40)
    """
    _check_as_of(as_of)
    chosen = _chosen(models)
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("paths is a list of files, not one path")
    files = [os.fspath(p) for p in paths]
    seen: dict[str, int] = {}
    for i, f in enumerate(files):
        # a file given twice (or through a symbolic link) would count its district twice
        key = os.path.normcase(os.path.realpath(f))
        if key in seen:
            raise ValueError(f"paths[{i}]: {f!r} is paths[{seen[key]}] given again")
        seen[key] = i
    return map_summaries(
        summarize_file,
        files,
        client=client,
        n_workers=n_workers,
        progress=progress,
        unit="file",
        models=chosen,
        validate=validate,
        as_of=as_of,
    )


def map_summaries(
    task: Callable[..., Summary],
    *iterables: Sequence[Any],
    client: Any = None,
    n_workers: int | None = None,
    progress: bool | None = None,
    unit: str = "part",
    **options: Any,
) -> National:
    """Run ``task(*args, **options)`` on a Dask cluster, one task per element of the
    ``iterables`` (zipped, as :func:`map` does), and merge the summaries exactly.

    What :func:`assess_files` and :func:`govmodel.national.assess_parquet` do with their
    files and districts; call it to assess any other kind of part on a cluster.

    Parameters
    ----------
    task
        A function returning a :class:`Summary`, importable on the workers.
    iterables
        The arguments of the tasks, one sequence per positional argument.
    client
        A ``distributed.Client``; ``None``: the current client if there is one, otherwise a
        ``LocalCluster`` of ``n_workers`` single-threaded processes, started for the call and
        closed after it.
    n_workers
        Workers of the local cluster (default: the number of CPUs), a whole number of at
        least 1; never more than the tasks, whose number caps it. Read only when a local
        cluster is started (no ``client`` given or current).
    progress
        A bar counting the tasks as they finish: ``None`` when standard error is a
        terminal or in Jupyter, ``True`` always, ``False`` never (see
        :mod:`govmodel.progress`).
    unit
        What one task is, for the bar (``"file"``, ``"district"``).
    options
        Keyword arguments of every task.

    Returns
    -------
    National
        The merged total, every task's summary in order, the seconds and the cores used.

    Raises
    ------
    MissingDependencyError
        Without the ``dask`` extra (or, with ``progress=True``, the ``progress`` extra).
    ValueError
        If ``n_workers`` is given and is not a whole number of at least 1.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel import distributed
    >>> from distributed import Client, LocalCluster
    >>> def sized(name):
    ...     return distributed.summarize(govmodel.datasets.load(name), ["grid"], name=name)
    >>> with LocalCluster(n_workers=1, processes=False) as c, Client(c) as client:
    ...     result = distributed.map_summaries(sized, ["xihu", "chengdu"], client=client,
    ...                                        progress=False)
    >>> result.total.names
    ('xihu', 'chengdu')
    """
    if n_workers is not None and (
        isinstance(n_workers, bool) or not isinstance(n_workers, int) or n_workers < 1
    ):
        raise ValueError(f"n_workers is a whole number of at least 1, not {n_workers!r}")
    show = _progress.wanted(progress)
    require("dask", "dask", feature="govmodel.distributed")
    dist: Any = require("distributed", "dask", feature="govmodel.distributed")
    owned = None
    if client is None:
        try:
            client = dist.get_client()
        except ValueError:
            # a worker per task at most: those beyond the tasks would only be started
            tasks = min(map(len, iterables), default=0)
            cluster = dist.LocalCluster(
                n_workers=max(1, min(n_workers or os.cpu_count() or 1, tasks)),
                threads_per_worker=1,
                processes=True,
                # any free port: None still takes 8787, and warns when another cluster
                # of this machine has it
                dashboard_address=":0",
            )
            owned = (cluster, dist.Client(cluster))
            client = owned[1]
    try:
        cores = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        t0 = time.perf_counter()
        futures = client.map(task, *iterables, pure=False, **options)
        if show:  # count the tasks as they finish, in any order; the results keep theirs
            finished = dist.as_completed(futures)
            for _ in _progress.track(
                finished, desc="assess", total=len(futures), unit=unit, progress=True
            ):
                pass
        parts = tuple(client.gather(futures))
        total = merge(*parts)
        seconds = time.perf_counter() - t0
    finally:
        if owned is not None:
            owned[1].close()
            owned[0].close()
    return National(total=total, districts=parts, seconds=seconds, cores=cores)


# ------------------------------------------------------------------------------------------------
# Splitting a structure into self-contained parts


def split(structure: Structure, kind: str = "district") -> dict[str, Structure]:
    """One self-contained structure per unit of ``kind``: the files of :func:`assess_files`.

    Each part holds a unit of ``kind`` and every unit inside it, the organizations located
    in those units (and those without a unit led by one of them), the posts in those
    organizations and the people holding them, and the ties, observations and decisions
    about its entities: a decision goes with its body, an observation with its subject and
    a tie with its source (else its target), whatever their kind (an observation, a
    decision, another tie), and a person without posts (an owner in a roster) with what
    the first tie naming them links them to, else with the first decision they vote in, as
    :func:`govmodel.io.parquet.write_parquet` places them.
    The part's top unit is detached
    from the units above it (its ``parent`` is dropped), as is an organization led from
    outside the part; units above the parts, and everything attached to them, are left out.
    ``Structure().merge(*parts.values())`` is then a valid structure whose assessments are
    those :func:`assess_files` merges.

    Parameters
    ----------
    structure
        The structure to split.
    kind
        The unit kind of the parts (``"district"``, ``"city"``, ``"street"``).

    Returns
    -------
    dict[str, Structure]
        By the id of each unit of ``kind``, in order; each keeps the vocabulary and gets
        ``metadata.name`` set to that id.

    Raises
    ------
    ValueError
        If an entity belongs to two parts (a person holding posts in two, a tie between
        two): such a structure cannot be split into self-contained parts.

    Examples
    --------
    >>> from govmodel import synth, validate
    >>> from govmodel.distributed import split
    >>> parts = split(synth.city(60, seed=1, districts=3))
    >>> [validate(p) for p in parts.values()]
    [(), (), ()]
    >>> sum(len(p.units) for p in parts.values()) == len(synth.city(60, seed=1, districts=3).units) - 1
    True
    """
    s = structure
    part_of: dict[str, str] = {}
    units = {u.id: u for u in s.units}
    tops = [u.id for u in s.units if u.kind == kind]

    def find(uid: str) -> str | None:
        seen: set[str] = set()
        path: list[str] = []
        cur: str | None = uid
        found: str | None = None
        while cur is not None and cur in units and cur not in seen:
            if cur in part_of:
                found = part_of[cur]
                break
            seen.add(cur)
            path.append(cur)
            if units[cur].kind == kind:
                found = cur
                break
            cur = units[cur].parent
        for p in path:
            part_of[p] = found  # type: ignore[assignment]
        return found

    for u in s.units:
        find(u.id)
    # located by its unit, else by the organization leading it (as write_parquet does)
    org_part: dict[str, str | None] = _org_places(s.organizations, units, part_of.get, None)
    person_part: dict[str, str | None] = {}
    for post in s.posts:
        where = org_part.get(post.organization)
        had = person_part.setdefault(post.person, where)
        if had != where:
            raise ValueError(
                f"person {post.person!r} holds posts in two parts ({had!r} and {where!r})"
            )

    post_part = {post.id: org_part.get(post.organization) for post in s.posts}
    decision_part = {d.id: org_part.get(d.body) for d in s.decisions}

    def part(ref: str) -> str | None:
        for where in (part_of, org_part, person_part, post_part, decision_part):
            if ref in where:
                return where[ref]
        return None

    unposted, tie_parts, observation_parts = _place_linked(s, part, person_part)
    person_part.update(unposted)

    out: dict[str, dict[str, list[Any]]] = {
        t: {
            k: []
            for k in (
                "units",
                "organizations",
                "people",
                "posts",
                "ties",
                "observations",
                "decisions",
            )
        }
        for t in tops
    }
    for u in s.units:
        p = part_of.get(u.id)
        if p is None:
            continue
        if u.id == p and u.parent is not None:
            u = attrs.evolve(u, parent=None)
        out[p]["units"].append(u)
    for o in s.organizations:
        p = org_part[o.id]
        if p is None:
            continue
        if o.parent is not None and org_part.get(o.parent) != p:
            o = attrs.evolve(o, parent=None)
        out[p]["organizations"].append(o)
    for person in s.people:
        p = person_part.get(person.id)
        if p is not None:
            out[p]["people"].append(person)
    for post in s.posts:
        p = org_part.get(post.organization)
        if p is not None:
            out[p]["posts"].append(post)
    tie_part = dict(zip((t.id for t in s.ties), tie_parts, strict=True))
    observation_part = dict(zip((o.id for o in s.observations), observation_parts, strict=True))

    def linked(ref: str) -> str | None:
        if ref in tie_part:
            return tie_part[ref]
        if ref in observation_part:
            return observation_part[ref]
        return part(ref)

    for tie, p in zip(s.ties, tie_parts, strict=True):
        a, b = linked(tie.source), linked(tie.target)
        if a != b:
            raise ValueError(f"tie {tie.id!r} links two parts ({a!r} and {b!r})")
        if p is not None:
            out[p]["ties"].append(tie)
    for ob, p in zip(s.observations, observation_parts, strict=True):
        if p is not None:
            out[p]["observations"].append(ob)
    for d in s.decisions:
        p = org_part.get(d.body)
        if p is not None:
            out[p]["decisions"].append(d)
    return {
        t: Structure(
            **sections,
            vocabulary=s.vocabulary,
            metadata=attrs.evolve(s.metadata, name=t),
        )
        for t, sections in out.items()
    }

"""Inference on governance networks: QAP tests and regressions as R package sna's, and
permutation tests between groups of units.

Observations on a network are not independent: the ties of one node share that node. The
quadratic assignment procedure (QAP; Krackhardt 1988) keeps that dependence by permuting the
nodes of a graph, rows and columns together, instead of its ties one by one:

- :func:`qap` correlates two graphs on the same nodes and tests the correlation against its
  permutation distribution, as sna's ``qaptest(list(g1, g2), gcor, g1 = 1, g2 = 2)``;
- :func:`netlm` and :func:`netlogit` regress one graph on others, as sna's ``netlm`` and
  ``netlogit``: the coefficients equal sna's, and the p-values come from permutations under
  Dekker, Krackhardt and Snijders' (2007) semi-partialling null (``nullhyp="qapspp"``);
- :func:`permutation_test` compares any measure between two groups of units (compounds,
  communities) by permuting the group labels.

Graphs are read as sna reads an adjacency matrix: directed (an undirected edge is a tie both
ways), the diagonal (self-loops) left out, parallel edges collapsed to one tie, or with
``weight=`` summed into a valued tie. Every graph of one call must have the same nodes, which
are matched by label (see :func:`qap`). The adjacency matrices are dense: these functions are
for graphs of up to a few thousand nodes (one community, one street), as sna is.

numpy is needed (``pip install 'govmodel[stats]'``); pandas too for ``to_frame()``, and scipy
for ``nullhyp="classical"``. Permutations are drawn in batches with
:func:`numpy.random.default_rng` and ``seed``, so a seeded call gives the same result on
every run; they cannot reproduce sna's draws, only their distribution.

References
----------
Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression analysis
of dyadic data. *Social Networks*, 10(4), 359-381. Dekker, D., Krackhardt, D., & Snijders,
T. A. B. (2007). Sensitivity of MRQAP tests to collinearity and autocorrelation conditions.
*Psychometrika*, 72(4), 563-581. Butts, C. T. (2008). Social network analysis with sna.
*Journal of Statistical Software*, 24(6).
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs
import networkx as nx

from govmodel.errors import require

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.intp]

__all__ = [
    "MAX_EXACT_NODES",
    "TIE_TOLERANCE",
    "NetworkRegression",
    "NullHypothesis",
    "PermutationTest",
    "netlm",
    "netlogit",
    "permutation_test",
    "qap",
]

#: The null hypotheses of :func:`netlm` and :func:`netlogit`.
NullHypothesis = Literal["qapspp", "qapy", "classical"]

_NULLS: Final = ("qapspp", "qapy", "classical")
_SNA_ONLY_NULLS: Final = ("qapx", "qapallx", "cugtie", "cugden", "cuguman")
_STATISTICS: Final = ("gcor", "gcov")
_GROUP_STATISTICS: Final = ("mean", "median")

#: A permuted statistic within this distance of the observed one counts as equal to it, towards
#: both ``p_greater`` and ``p_less``: relative to the larger of the observed statistic's size
#: and the size its terms are measured in, 1 for a correlation or a t- or z-value, and for a
#: covariance or a difference of summaries the largest tie value times the largest one of the
#: other graph, or the largest value, so that small values (1e-6, say) keep their order.
TIE_TOLERANCE: Final = 1e-10

#: The largest graph whose node permutations ``reps="all"`` enumerates (9! = 362,880).
MAX_EXACT_NODES: Final = 9

#: How many numbers one batch of permuted values may hold (about 32 MB of float64).
_BATCH_CELLS: Final = 1 << 22


def _numpy() -> Any:
    return require("numpy", "stats", feature="govmodel.stats")


# ------------------------------------------------------------------------------------------------
# Results.


@attrs.frozen
class PermutationTest:
    """The result of a permutation test (:func:`qap`, :func:`permutation_test`).

    Attributes
    ----------
    statistic
        The observed statistic.
    p_greater
        The share of permutations whose statistic is at least the observed one (sna's
        ``pgreq``, one-sided test of a positive effect).
    p_less
        The share of permutations whose statistic is at most the observed one (sna's
        ``pleeq``). A permutation that ties with the observed statistic (within
        :data:`TIE_TOLERANCE`) counts in both, so ``p_greater + p_less >= 1``. The
        p-values are NaN when the observed statistic or any permuted one is NaN (sna's
        ``NA``).
    p_abs
        The share of permutations whose statistic is at least as far from 0 as the observed
        one (two-sided).
    reps
        The number of permutations.
    distribution
        The permuted statistics, a read-only numpy array of ``reps`` floats (not compared by
        ``==`` and not shown in the repr).
    """

    statistic: float
    p_greater: float
    p_less: float
    p_abs: float
    reps: int
    distribution: FloatArray = attrs.field(eq=False, repr=False)


@attrs.frozen
class NetworkRegression:
    """The result of :func:`netlm` or :func:`netlogit`, one entry a coefficient.

    Attributes
    ----------
    model
        ``"netlm"`` (ordinary least squares) or ``"netlogit"`` (logistic regression).
    names
        The names of the coefficients: ``"(intercept)"`` first, then one a predictor.
    coefficients
        The estimates, equal to sna's ``coefficients``.
    statistics
        The test statistics: t-values (netlm) or z-values (netlogit), sna's ``tstat``.
    p_less, p_greater, p_abs
        The shares of permuted statistics at most, at least, and at least as far from 0 as
        the observed ones (sna's ``pleeq``, ``pgreq`` and ``pgreqabs``); for
        ``nullhyp="classical"`` the probabilities of Student's t distribution with
        ``df_residual`` degrees of freedom, as sna computes them. NaN for a coefficient
        whose statistic, or any of whose permuted statistics, is NaN (a degenerate refit,
        where sna's are ``NA``).
    nullhyp
        The null hypothesis used (``"qapy"`` when ``"qapspp"`` was asked for a model with no
        predictor, as in sna).
    reps
        The number of permutations (0 for ``"classical"``).
    n
        The number of dyads (ordered pairs of distinct nodes).
    df_residual
        ``n`` minus the number of coefficients.
    goodness_of_fit
        netlm: ``r_squared``, ``adj_r_squared`` and ``residual_se``; netlogit: ``deviance``,
        ``aic`` and ``bic`` (sna's BIC: deviance + k log n). sna's ``null.deviance`` of
        netlogit is not given.
    converged
        Whether the logistic fit converged in 25 iterations (as R's ``glm.fit``); always
        true for netlm.
    distribution
        The permuted statistics, a read-only ``reps`` x ``len(names)`` numpy array (empty
        for ``"classical"``; not compared by ``==`` and not shown in the repr).
    """

    model: Literal["netlm", "netlogit"]
    names: tuple[str, ...]
    coefficients: tuple[float, ...]
    statistics: tuple[float, ...]
    p_less: tuple[float, ...]
    p_greater: tuple[float, ...]
    p_abs: tuple[float, ...]
    nullhyp: NullHypothesis
    reps: int
    n: int
    df_residual: int
    goodness_of_fit: Mapping[str, float]
    converged: bool = True
    distribution: FloatArray = attrs.field(eq=False, repr=False, default=None)

    def summary(self) -> str:
        """A table of the coefficients with their statistics and p-values, as text.

        Examples
        --------
        >>> import networkx as nx
        >>> from govmodel.stats import netlm
        >>> y = nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 2)])
        >>> x = nx.DiGraph([(0, 1), (1, 2), (2, 3)])
        >>> x.add_nodes_from(y)
        >>> y.add_nodes_from(x)
        >>> print(netlm(y, [x], reps=100, seed=1).summary())
        netlm: OLS network regression on 12 dyads; null hypothesis qapspp, 100 permutations
        name          estimate   t value  Pr(<=b)  Pr(>=b)  Pr(>=|b|)
        (intercept)      0.2222    1.4142   0.7200   0.3100     0.3100
        x1               0.4444    1.4142   1.0000   0.2500     0.4400
        r_squared 0.1667, adj_r_squared 0.08333, residual_se 0.4714; 10 residual degrees of freedom
        """
        statistic = "t value" if self.model == "netlm" else "z value"
        kind = "OLS" if self.model == "netlm" else "logistic"
        how = "classical p-values" if self.nullhyp == "classical" else f"{self.reps} permutations"
        lines = [
            f"{self.model}: {kind} network regression on {self.n} dyads; "
            f"null hypothesis {self.nullhyp}, {how}"
        ]
        width = max(len("name"), *(len(name) for name in self.names))
        lines.append(
            f"{'name':<{width}}  {'estimate':>10}  {statistic:>8}  {'Pr(<=b)':>7}  "
            f"{'Pr(>=b)':>7}  {'Pr(>=|b|)':>9}"
        )
        for row in zip(
            self.names,
            self.coefficients,
            self.statistics,
            self.p_less,
            self.p_greater,
            self.p_abs,
            strict=True,
        ):
            name, b, t, p_less, p_greater, p_abs = row
            lines.append(
                f"{name:<{width}}  {b:>10.4f}  {t:>8.4f}  {p_less:>7.4f}  {p_greater:>7.4f}  "
                f"{p_abs:>9.4f}"
            )
        fit = ", ".join(f"{key} {value:.4g}" for key, value in self.goodness_of_fit.items())
        lines.append(f"{fit}; {self.df_residual} residual degrees of freedom")
        if not self.converged:
            lines.append("warning: the logistic fit did not converge in 25 iterations")
        return "\n".join(lines)

    def to_frame(self) -> Any:
        """The coefficients as a pandas DataFrame, one row a coefficient.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``name``, with columns ``coefficient``, ``statistic``, ``p_less``,
            ``p_greater`` and ``p_abs``.

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.

        Examples
        --------
        >>> import networkx as nx
        >>> from govmodel.stats import netlm
        >>> y = nx.complete_graph(4, create_using=nx.DiGraph)
        >>> y.remove_edges_from([(0, 1), (2, 3)])
        >>> x = nx.DiGraph([(1, 0), (3, 2), (0, 2)])
        >>> frame = netlm(y, {"kin": x}, reps=50, seed=3).to_frame()
        >>> list(frame.index), list(frame.columns)
        (['(intercept)', 'kin'], ['coefficient', 'statistic', 'p_less', 'p_greater', 'p_abs'])
        """
        pd: Any = require("pandas", "pandas", feature="NetworkRegression.to_frame")
        return pd.DataFrame(
            {
                "coefficient": self.coefficients,
                "statistic": self.statistics,
                "p_less": self.p_less,
                "p_greater": self.p_greater,
                "p_abs": self.p_abs,
            },
            index=pd.Index(self.names, name="name"),
        )


# ------------------------------------------------------------------------------------------------
# Graphs as matrices.


def _check_reps(reps: object, *, allow_all: bool = False) -> int:
    """``reps`` as an int: any integer type (numpy's too), not a bool, at least 1."""
    if isinstance(reps, bool) or not isinstance(reps, numbers.Integral) or reps < 1:
        extra = ' or "all"' if allow_all else ""
        raise ValueError(f"reps must be a positive integer{extra}, not {reps!r}")
    return int(reps)


def _rng(seed: object) -> Any:
    """:func:`numpy.random.default_rng` of ``seed``, with an error that names ``seed``; a
    bool is no seed (numpy would read ``True`` as 1)."""
    np = _numpy()
    if isinstance(seed, (bool, np.bool_)):
        raise TypeError(
            f"seed must be a non-negative integer, a numpy.random.Generator or None, "
            f"not the bool {seed!r}"
        )
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError) as error:
        raise type(error)(
            f"seed must be a non-negative integer, a numpy.random.Generator or None, "
            f"not {seed!r} ({error})"
        ) from error


def _aligned(graphs: Sequence[tuple[str, nx.Graph]]) -> list[Hashable]:
    """The common node list (in the first graph's order); a clear error if the sets differ."""
    for what, G in graphs:
        if not isinstance(G, nx.Graph):
            raise TypeError(f"{what} must be a networkx graph, not {type(G).__name__}")
    first_name, first = graphs[0]
    nodes = list(first)
    wanted = set(nodes)
    for what, G in graphs[1:]:
        if set(G) != wanted:
            missing = [v for v in nodes if v not in G]
            extra = [v for v in G if v not in wanted]
            parts = []
            if missing:
                parts.append(
                    f"{len(missing)} node(s) of {first_name} are not in it: {_few(missing)}"
                )
            if extra:
                parts.append(f"{len(extra)} node(s) are not in {first_name}: {_few(extra)}")
            raise ValueError(
                f"{what} does not have the same nodes as {first_name} ({'; '.join(parts)}); "
                "nodes are matched by label: add the missing ones as isolates "
                "(G.add_nodes_from(other)) if they have no ties, or take the subgraph "
                "of the common nodes"
            )
    if len(nodes) < 3:
        raise ValueError(
            f"{first_name} has {len(nodes)} node(s); QAP needs at least 3 (and more to mean much)"
        )
    return nodes


def _few(values: list[Hashable], k: int = 5) -> str:
    shown = ", ".join(repr(v) for v in values[:k])
    return shown + (", ..." if len(values) > k else "")


def _shown(value: object) -> str:
    """``repr(value)`` cut to 40 characters; an int of many digits by its size (its repr may
    be refused by Python's limit on int digits)."""
    if isinstance(value, numbers.Integral) and (bits := abs(int(value)).bit_length()) > 128:
        return f"an integer of about {round(bits * math.log10(2))} digits"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


#: The ints below this size are floats of the same value or rounded, never infinite.
_TOP: Final = 2**1023


def _check_weight_name(weight: object, graphs: Sequence[tuple[str, nx.Graph]]) -> None:
    """``weight`` is None or the name of an attribute that some edge of ``graphs`` holds: a
    name no edge holds (a misspelt one) would read every tie as 1, silently."""
    if weight is None:
        return
    if not isinstance(weight, str):
        raise TypeError(
            f"weight must be the name of an edge attribute (a str) or None, not {weight!r}"
        )
    if any(G.number_of_edges() for _, G in graphs) and not any(
        weight in data for _, G in graphs for *_, data in G.edges(data=True)
    ):
        names = ", ".join(what for what, _ in graphs)
        raise ValueError(
            f"no edge of {names} has the attribute {weight!r}, so that every tie would be 1: "
            "check its name, or leave weight out to read the ties as 0 or 1"
        )


def _check_weights(G: nx.Graph, weight: str, what: str) -> None:
    """Every tie value of ``G`` is a finite real number (a bool reads as 0 or 1, as in R); a
    clear error naming the graph, the attribute and the edge otherwise."""
    isfinite = math.isfinite
    for u, v, value in G.edges(data=weight, default=1):
        kind = type(value)  # the common cases first, without a message
        if (kind is float and isfinite(value)) or (kind is int and -_TOP < value < _TOP):
            continue
        problem = _weight_problem(value)
        if problem:
            raise ValueError(
                f"an edge attribute {weight!r} of {what} {problem}: {_shown(value)} "
                f"on the edge ({u!r}, {v!r})"
            )


def _weight_problem(value: object) -> str:
    """What is wrong with a tie value, or ``""``."""
    if isinstance(value, (str, bytes, bytearray)) or (
        isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real)
    ):
        return "is not a number"
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        return "is beyond a float's range"
    except (TypeError, ValueError):
        return "is not a number"
    return "" if math.isfinite(number) else "is not a finite number"


def _matrix(G: nx.Graph, nodes: list[Hashable], weight: str | None, what: str) -> FloatArray:
    """sna's adjacency matrix: dichotomized (weight None) or summed weights, diagonal 0."""
    np = _numpy()
    if weight is not None:
        _check_weights(G, weight, what)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight, dtype=float)
    if weight is None:
        A = (A != 0).astype(float)
    elif not np.all(np.isfinite(A)):
        raise ValueError(
            f"the edge attribute {weight!r} of parallel edges of {what} adds up beyond a "
            "float's range"
        )
    np.fill_diagonal(A, 0.0)
    result: FloatArray = A
    return result


def _cells(n: int) -> tuple[IntArray, IntArray]:
    """The row and column indices of the off-diagonal cells of an n x n matrix."""
    np = _numpy()
    rows, cols = np.nonzero(~np.eye(n, dtype=bool))
    return rows, cols


def _permutations(n: int, reps: int, rng: Any, batch: int) -> Iterator[IntArray]:
    """``reps`` random permutations of ``range(n)``, in arrays of at most ``batch`` rows."""
    np = _numpy()
    done = 0
    while done < reps:
        b = min(batch, reps - done)
        yield np.argsort(rng.random((b, n)), axis=1)
        done += b


def _all_permutations(n: int, batch: int) -> Iterator[IntArray]:
    np = _numpy()
    iterator = itertools.permutations(range(n))
    while True:
        chunk = list(itertools.islice(iterator, batch))
        if not chunk:
            return
        yield np.array(chunk, dtype=np.intp)


def _p_values(
    distribution: FloatArray, observed: FloatArray, scale: float = 1.0
) -> tuple[Any, Any, Any]:
    """sna's ``pleeq``, ``pgreq`` and ``pgreqabs`` with ties within TIE_TOLERANCE times the
    larger of ``scale`` (the size of the terms of the statistic; 1 if that is not finite) and
    the size of the observed statistic. Not the size of the permuted ones: a refit of netlm
    that fits exactly has a t-value of rounding noise, 1e8 or more.

    NaN where the observed statistic is NaN or any permuted one is (sna's ``mean`` of a
    comparison with ``NA`` is ``NA``): a permutation without a statistic is neither at
    least nor at most the observed one, and counting it would break
    ``p_greater + p_less >= 1``.
    """
    np = _numpy()
    if not math.isfinite(scale):
        scale = 1.0
    tolerance = TIE_TOLERANCE * np.maximum(scale, np.abs(observed))
    p_less = np.mean(distribution <= observed + tolerance, axis=0)
    p_greater = np.mean(distribution >= observed - tolerance, axis=0)
    p_abs = np.mean(np.abs(distribution) >= np.abs(observed) - tolerance, axis=0)
    undefined = np.isnan(observed) | np.isnan(distribution).any(axis=0)
    p_less = np.where(undefined, np.nan, p_less)
    p_greater = np.where(undefined, np.nan, p_greater)
    p_abs = np.where(undefined, np.nan, p_abs)
    return p_less, p_greater, p_abs


def _distribution(reps: int, k: int | None = None) -> FloatArray:
    """An empty array for ``reps`` permuted statistics (``k`` each), allocated before any is
    drawn: a ``MemoryError`` naming ``reps`` if it does not fit (numpy's ValueError for a
    size beyond any memory too)."""
    np = _numpy()
    shape = (reps,) if k is None else (reps, k)
    try:
        result: FloatArray = np.empty(shape)
    except (MemoryError, ValueError) as error:
        raise MemoryError(
            f"reps={reps}: the {reps * (k or 1)} permuted statistics do not fit in memory "
            f"({error}); give fewer permutations"
        ) from None
    return result


def _frozen(array: Any) -> Any:
    array.setflags(write=False)
    return array


# ------------------------------------------------------------------------------------------------
# QAP correlation.


def qap(
    G1: nx.Graph,
    G2: nx.Graph,
    *,
    statistic: Literal["gcor", "gcov"] = "gcor",
    reps: int | Literal["all"] = 1000,
    seed: int | np.random.Generator | None = None,
    weight: str | None = None,
) -> PermutationTest:
    r"""The QAP test of the correlation of two graphs on the same nodes, as sna's ``qaptest``.

    The statistic is the Pearson correlation (``"gcor"``, sna's ``gcor``) or covariance
    (``"gcov"``, denominator :math:`N - 1`) of the two adjacency matrices over the
    :math:`N = n(n - 1)` ordered pairs of distinct nodes:

    .. math::

        r = \frac{\sum_{i \ne j} (x_{ij} - \bar x)(y_{ij} - \bar y)}
                 {\sqrt{\sum_{i \ne j} (x_{ij} - \bar x)^2 \sum_{i \ne j} (y_{ij} - \bar y)^2}}

    Under the null of no association, relabelling the nodes of one graph by a random
    permutation :math:`\pi` (:math:`y_{ij} \mapsto y_{\pi(i)\pi(j)}`) leaves its structure
    intact and gives a statistic as likely as the observed one. The p-values are the shares of
    ``reps`` permutations whose statistic is at least (``p_greater``), at most (``p_less``)
    or at least as far from 0 as (``p_abs``) the observed one. As in sna (``>=`` and ``<=``),
    a tie counts towards both one-sided p-values; a tie is a difference within
    :data:`TIE_TOLERANCE` times the size of the statistic's terms (1 for a correlation), so
    that rounding does not decide it. On small graphs many permutations tie. sna compares
    exactly, so where permuted statistics equal the observed one only up to rounding its
    p-values are decided by the rounding and differ from these: for a correlation of 0
    (which sna may compute as :math:`-4 \cdot 10^{-20}`) every permutation with a correlation
    of 0 counts here towards both one-sided p-values and towards ``p_abs``, in sna towards
    some of them.

    Parameters
    ----------
    G1, G2 : networkx graph
        Two graphs on the same nodes, matched by label (their node order does not matter).
        A directed graph is read as is, an undirected one as a symmetric digraph; self-loops
        are ignored, as sna's ``diag = FALSE``.
    statistic : {"gcor", "gcov"}
        The graph correlation or covariance.
    reps : int or "all"
        The number of random permutations; ``"all"`` enumerates all :math:`n!` permutations
        (at most :data:`MAX_EXACT_NODES` nodes), which gives the exact p-values.
    seed : int or numpy.random.Generator, optional
        The seed of the permutations; the same seed gives the same result. A bool is no
        seed.
    weight : str, optional
        The edge attribute holding tie values (summed over parallel edges; missing means 1).
        By default ties are dichotomized, as sna does with a 0/1 matrix. A value must be a
        finite real number (a bool reads as 0 or 1, as in R): a NaN, which sna reads as a
        missing tie and leaves out with its dyad, is refused, as is a string. Some edge of
        the graphs must hold the attribute (a misspelt name is refused, not read as 1
        everywhere).

    Returns
    -------
    PermutationTest
        ``statistic``, ``p_greater``, ``p_less``, ``p_abs``, ``reps`` and ``distribution``.
        With ``"gcor"`` all are NaN when a graph has no variance (no tie, or every tie),
        where the correlation is undefined (sna gives ``NA``); the covariance of such a
        graph is 0, with every p-value 1. The correlation is scale-free and computed on the
        tie values multiplied by a power of 2, so that values from the smallest to the
        largest float neither overflow nor underflow (sna's ``gcor`` is inexact or NaN for
        tie values below about 1e-154, whose squares underflow); a covariance of tie values
        whose products exceed the largest float is infinite or NaN, and one of products
        below the smallest is 0, as sna's.

    Raises
    ------
    ValueError
        If the graphs do not have the same nodes (the message names some that differ), have
        fewer than 3 nodes, a tie value is not a finite real number (the message names the
        edge), no edge holds the attribute ``weight`` names, or ``statistic``, ``reps`` or
        ``seed`` (negative) is not valid.
    TypeError
        If ``seed`` is not an integer, a :class:`numpy.random.Generator` or None, or
        ``weight`` not a str or None.
    MemoryError
        If the ``reps`` permuted statistics do not fit in memory (before any is drawn),
        a ``reps`` beyond any memory too.
    MissingDependencyError
        If numpy is not installed.

    Notes
    -----
    Only the cross-product :math:`\sum x_{ij} y_{\pi(i)\pi(j)}` changes with the
    permutation, and only over the ties of ``G1``: each batch of :math:`b` permutations
    costs :math:`O(b\, m_1)` for :math:`m_1` ties of ``G1``, after drawing the permutations
    themselves (a sort of :math:`n` random numbers each), so ``reps`` permutations take
    :math:`O(\mathrm{reps} \cdot (n \log n + m_1) + n^2)` time. Memory holds the dense
    :math:`n \times n` matrices.

    References
    ----------
    Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks*,
    9(2), 171-186. Krackhardt, D. (1988). Predicting with networks: nonparametric multiple
    regression analysis of dyadic data. *Social Networks*, 10(4), 359-381. Butts, C. T.
    (2008). Social network analysis with sna. *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.stats import qap
    >>> party = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "e"), ("b", "c")])
    >>> owners = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "d"), ("d", "e")])
    >>> test = qap(party, owners, reps=2000, seed=1)
    >>> round(test.statistic, 4), test.p_greater, test.reps
    (0.5774, 0.04, 2000)
    >>> exact = qap(party, owners, reps="all")   # all 5! = 120 relabellings
    >>> exact.reps, exact.p_greater, exact.p_less   # 6 of the 120 tie or exceed
    (120, 0.05, 1.0)
    """
    np = _numpy()
    if statistic not in _STATISTICS:
        raise ValueError(
            f"unknown statistic {statistic!r}; expected one of {', '.join(_STATISTICS)}"
        )
    exact = isinstance(reps, str) and reps == "all"
    count = 0 if exact else _check_reps(reps, allow_all=True)
    rng = _rng(seed)
    nodes = _aligned([("G1", G1), ("G2", G2)])
    n = len(nodes)
    if exact and n > MAX_EXACT_NODES:
        raise ValueError(
            f'reps="all" enumerates all n! permutations, for at most {MAX_EXACT_NODES} nodes; '
            f"the graphs have {n}: give a number of random permutations"
        )
    _check_weight_name(weight, [("G1", G1), ("G2", G2)])
    X = _matrix(G1, nodes, weight, "G1")
    Y = _matrix(G2, nodes, weight, "G2")
    if statistic == "gcor":  # scale-free: bring huge or tiny tie values to 1, by a power of 2
        X, Y = _tamed(X), _tamed(Y)
    rows, cols = _cells(n)
    x, y = X[rows, cols], Y[rows, cols]
    cells = len(x)
    x_mean, y_mean = x.mean(), y.mean()
    sxx = float(((x - x_mean) ** 2).sum())
    syy = float(((y - y_mean) ** 2).sum())
    scale = math.sqrt(sxx * syy) if statistic == "gcor" else float(cells - 1)
    offset = cells * x_mean * y_mean
    tied = np.nonzero(x)[0]
    weights, tail, head = x[tied], rows[tied], cols[tied]

    def value(cross: Any) -> Any:
        if scale == 0:
            return np.full(np.shape(cross), np.nan)
        return (cross - offset) / scale

    observed = value(np.array([(weights * Y[tail, head]).sum()]))
    # the size of the terms of a covariance: no product of tie values is larger
    terms = float(np.abs(x).max(initial=0.0)) * float(np.abs(y).max(initial=0.0))
    # a batch holds its permutations (n numbers each) and their cells of Y (m_1 each)
    batch = max(1, _BATCH_CELLS // max(n, len(tied)))
    batches = _all_permutations(n, batch) if exact else _permutations(n, count, rng, batch)
    # allocated first: a reps beyond memory fails at once, not after hours of permutations
    distribution = _distribution(math.factorial(n) if exact else count)
    start = 0
    for P in batches:
        distribution[start : start + len(P)] = value(
            (Y[P[:, tail], P[:, head]] * weights).sum(axis=1)
        )
        start += len(P)
    p_less, p_greater, p_abs = _p_values(
        distribution, observed, terms if statistic == "gcov" else 1.0
    )
    return PermutationTest(
        statistic=float(observed[0]),
        p_greater=float(p_greater[0]),
        p_less=float(p_less[0]),
        p_abs=float(p_abs[0]),
        reps=len(distribution),
        distribution=_frozen(distribution),
    )


def _exponent(A: FloatArray) -> int:
    """The power of 2 that brings the largest size of ``A`` into [1/2, 1) when that is at least
    2**64 or below 2**-64, so that sums of squares and cross-products neither overflow nor
    underflow; 0 otherwise, or if ``A`` is all 0."""
    np = _numpy()
    top = float(np.abs(A).max(initial=0.0))
    if top == 0 or 2.0**-64 <= top < 2.0**64:
        return 0
    return math.frexp(top)[1]


def _tamed(A: FloatArray) -> FloatArray:
    """``A`` divided by ``2 ** _exponent(A)`` (exactly); ``A`` itself if that is 1. For the
    correlation, whose denominator multiplies two sums of squares."""
    np = _numpy()
    exponent = _exponent(A)
    if not exponent:
        return A
    result: FloatArray = np.ldexp(A, -exponent)
    return result


# ------------------------------------------------------------------------------------------------
# Network regression.


class _Design:
    """The dyads of a network regression: the response ``y`` and the columns of ``X``
    (intercept first) over the off-diagonal cells, with the full matrices for permuting."""

    def __init__(
        self,
        y: nx.Graph,
        xs: Sequence[nx.Graph] | Mapping[str, nx.Graph],
        weight: str | None,
        *,
        binary: bool,
    ) -> None:
        np = _numpy()
        if isinstance(xs, nx.Graph):
            raise TypeError("xs must be a sequence or a mapping of graphs, not one graph")
        if not isinstance(xs, Iterable) or isinstance(xs, (str, bytes)):
            raise TypeError(
                f"xs must be a sequence or a mapping of graphs, not {type(xs).__name__}"
            )
        if isinstance(xs, Mapping):
            labelled = [(str(name), G) for name, G in xs.items()]
        else:
            labelled = [(f"x{i}", G) for i, G in enumerate(xs, start=1)]
        self.names = ("(intercept)", *(name for name, _ in labelled))
        if len(set(self.names)) < len(self.names):
            keys = list(xs) if isinstance(xs, Mapping) else []
            raise ValueError(
                f"the keys of xs ({', '.join(repr(k) for k in keys)}) name two coefficients "
                f"alike ({', '.join(self.names)}): give each predictor its own name, other "
                "than '(intercept)'"
            )
        where = [
            f"xs[{name!r}]" if isinstance(xs, Mapping) else f"xs[{i}]"
            for i, (name, _) in enumerate(labelled)
        ]
        self.nodes = _aligned(
            [("y", y), *((w, G) for w, (_, G) in zip(where, labelled, strict=True))]
        )
        n = self.n = len(self.nodes)
        self.rows, self.cols = _cells(n)
        _check_weight_name(
            weight, [("y", y), *((w, G) for w, (_, G) in zip(where, labelled, strict=True))]
        )
        self.Y = _matrix(y, self.nodes, None if binary else weight, "y")
        self.matrices = [np.ones((n, n))] + [
            _matrix(G, self.nodes, weight, w) for w, (_, G) in zip(where, labelled, strict=True)
        ]
        # tie values far from 1 are brought to it by a power of 2, graph by graph, so that
        # squares and cross-products neither overflow nor underflow; the coefficients are
        # scaled back (t- and z-values, r-squared and deviances do not change)
        self.y_exponent = _exponent(self.Y)
        self.exponents = np.array([_exponent(M) for M in self.matrices])
        self.Y = np.ldexp(self.Y, -self.y_exponent)
        self.matrices = [
            np.ldexp(M, -e) for M, e in zip(self.matrices, self.exponents, strict=True)
        ]
        self.y = self.Y[self.rows, self.cols]
        self.X = np.column_stack([M[self.rows, self.cols] for M in self.matrices])
        aliased = _aliased(self.X)
        if aliased:
            k = self.X.shape[1]
            which = ", ".join(self.names[j] for j in aliased)
            raise ValueError(
                f"the predictors {', '.join(self.names)} are collinear (rank "
                f"{k - len(aliased)} of {k}): {which} "
                f"{'is' if len(aliased) == 1 else 'are'} a combination of the columns before, "
                f"to within {_QR_TOLERANCE:g} of {'its' if len(aliased) == 1 else 'their'} "
                "size (R's qr with sna's tol, where sna gives NA); drop a predictor that is "
                "constant or a combination of the others"
            )

    def permuted(self, M: FloatArray, P: IntArray) -> FloatArray:
        """The off-diagonal cells of ``M`` relabelled by each permutation (row) of ``P``."""
        result: FloatArray = M[P[:, self.rows], P[:, self.cols]]
        return result


#: sna's ``tol`` of ``netlm`` (R's ``qr``): a column whose part outside the span of the
#: columns before it is smaller than this share of its size is collinear with them.
_QR_TOLERANCE: Final = 1e-7


def _aliased(X: FloatArray) -> list[int]:
    """The columns of ``X`` that R's ``qr(X, tol = 1e-7)`` (LINPACK's ``dqrdc2``, which sna's
    netlm uses) leaves out: those whose residual on the columns kept before them is below
    ``_QR_TOLERANCE`` times their norm (1 for a column of zeros)."""
    np = _numpy()
    basis: list[FloatArray] = []
    aliased = []
    for j in range(X.shape[1]):
        column = X[:, j]
        top = float(np.abs(column).max(initial=0.0))
        if top:  # sizes are compared, as by R's scaled norms: bring the column to 1 first
            column = column / top
        rest = column.copy()
        for _ in range(2):  # Gram-Schmidt twice: orthogonal to the working precision
            for q in basis:
                rest -= (q @ rest) * q
        size = float(np.linalg.norm(rest))
        if size < _QR_TOLERANCE * (float(np.linalg.norm(column)) or 1.0):
            aliased.append(j)
        else:
            basis.append(rest / size)
    return aliased


def _least_squares(X: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Coefficients, residuals and the inverse of the R factor of ``X`` (QR, as R's lm)."""
    np = _numpy()
    Q, R = np.linalg.qr(X)
    coef = np.linalg.solve(R, Q.T @ y)
    return coef, y - X @ coef, np.linalg.inv(R)


_THRESH: Final = 30.0


def _linkinv(eta: FloatArray) -> FloatArray:
    """R's ``binomial()$linkinv``: the logistic function, clamped as R's C code does."""
    np = _numpy()
    eps = np.finfo(float).eps
    with np.errstate(over="ignore"):
        tmp = np.where(eta < -_THRESH, eps, np.where(eta > _THRESH, 1 / eps, np.exp(eta)))
    result: FloatArray = tmp / (1 + tmp)
    return result


def _mu_eta(eta: FloatArray) -> FloatArray:
    """R's ``binomial()$mu.eta``."""
    np = _numpy()
    with np.errstate(over="ignore"):
        e = np.exp(np.clip(eta, -_THRESH, _THRESH))
    result: FloatArray = np.where(
        np.abs(eta) > _THRESH, np.finfo(float).eps, e / ((1 + e) * (1 + e))
    )
    return result


def _deviance(y: FloatArray, mu: FloatArray) -> FloatArray:
    np = _numpy()
    result: FloatArray = -2 * np.sum(np.where(y > 0, np.log(mu), np.log1p(-mu)), axis=-1)
    return result


def _solve(A: FloatArray, b: FloatArray) -> tuple[FloatArray, Any]:
    """Solve each system ``A[j] c = b[j]``; rows of NaN, and False, where one is singular."""
    np = _numpy()
    try:
        c: FloatArray = np.linalg.solve(A, b[..., None])[..., 0]
    except np.linalg.LinAlgError:  # rare: solve the batch one by one to find the singular ones
        c = np.full(b.shape, np.nan)
        for j in range(len(A)):
            try:
                c[j] = np.linalg.solve(A[j], b[j])
            except np.linalg.LinAlgError:
                pass
    return c, np.isfinite(c).all(axis=1)


def _logit(
    X: FloatArray, y: FloatArray, *, qr: bool = False
) -> tuple[FloatArray, FloatArray, FloatArray, Any]:
    """Logistic regressions of each ``y[b]`` on ``X[b]``, by R's ``glm.fit`` iterations.

    ``X`` is ``(b, N, K)`` and ``y`` ``(b, N)``. The start (``mu = (y + 1/2) / 2``), the
    iteratively reweighted least squares steps and the stopping rule
    (``|dev - dev_old| / (|dev| + 0.1) < 1e-8``, at most 25 iterations) are R's, so that
    the coefficients equal R's. R solves each step by a QR decomposition of
    :math:`W^{1/2} X`; so does this function with ``qr`` (the observed fit), one fit at a
    time, and otherwise by the normal equations, batched (the permuted refits): they agree
    with R's to about 1e-12 on well-conditioned data, and lose the square of the condition
    number of ``X`` (1e-5 for predictors within 1e-5 of collinear), where QR loses it once.
    Returns coefficients, standard errors (from the weights of the last step, as R's
    ``chol2inv(qr)``), deviances and whether each fit converged. A fit whose step cannot be
    solved (``X'WX`` singular, as when the weights of most dyads vanish near separation)
    stops there with NaN coefficients, standard errors and deviance, and is not converged;
    R's ``glm.fit`` gives ``NA`` for the coefficient it finds aliased.
    """
    np = _numpy()
    b, _, k = X.shape
    mu = (y + 0.5) / 2
    eta = np.log(mu / (1 - mu))
    dev_old = _deviance(y, mu)
    coef = np.zeros((b, k))
    information = np.zeros((b, k, k))
    converged = np.zeros(b, dtype=bool)
    failed = np.zeros(b, dtype=bool)
    active = np.arange(b)
    for _ in range(25):
        Xa, ya, eta_a, mu_a = X[active], y[active], eta[active], mu[active]
        d = _mu_eta(eta_a)
        z = eta_a + (ya - mu_a) / d
        w = d * d / (mu_a * (1 - mu_a))  # the squared IRLS weights
        if qr:  # as R: c = R^-1 Q' W^1/2 z for W^1/2 X = QR; kept: R^-1 for the errors
            c = np.full((len(active), k), np.nan)
            XtWX = np.full((len(active), k, k), np.nan)
            for j in range(len(active)):
                root = np.sqrt(w[j])
                Q, R = np.linalg.qr(Xa[j] * root[:, None])
                try:
                    XtWX[j] = np.linalg.inv(R)
                except np.linalg.LinAlgError:
                    continue
                c[j] = XtWX[j] @ (Q.T @ (z[j] * root))
            solved = np.isfinite(c).all(axis=1) & np.isfinite(XtWX).all(axis=(1, 2))
        else:  # the weighted least-squares step by its normal equations: X'WX c = X'Wz
            XtW = Xa.transpose(0, 2, 1) * w[:, None, :]
            XtWX = np.matmul(XtW, Xa)
            c, solved = _solve(XtWX, np.matmul(XtW, z[..., None])[..., 0])
        if not solved.all():
            failed[active[~solved]] = True
            active, Xa, ya, c, XtWX = (
                active[solved],
                Xa[solved],
                ya[solved],
                c[solved],
                XtWX[solved],
            )
            if len(active) == 0:
                break
        eta_new = np.matmul(Xa, c[..., None])[..., 0]
        mu_new = _linkinv(eta_new)
        dev = _deviance(ya, mu_new)
        done = np.abs(dev - dev_old[active]) / (np.abs(dev) + 0.1) < 1e-8
        coef[active], information[active] = c, XtWX
        eta[active], mu[active], dev_old[active] = eta_new, mu_new, dev
        converged[active[done]] = True
        active = active[~done]
        if len(active) == 0:
            break
    se = np.full((b, k), np.nan)
    kept = ~failed
    if qr:  # diag((R'R)^-1): the sums of squares of the rows of R^-1
        se[kept] = np.sqrt(np.sum(information[kept] ** 2, axis=2))
    else:
        se[kept] = np.sqrt(np.diagonal(np.linalg.inv(information[kept]), axis1=1, axis2=2))
    coef[failed] = np.nan
    dev_old[failed] = np.nan
    return coef, se, dev_old, converged


def _regression(
    model: Literal["netlm", "netlogit"],
    y: nx.Graph,
    xs: Sequence[nx.Graph] | Mapping[str, nx.Graph],
    reps: int,
    seed: int | np.random.Generator | None,
    nullhyp: str,
    weight: str | None,
) -> NetworkRegression:
    np = _numpy()
    if nullhyp not in _NULLS:
        hint = ""
        if nullhyp == "qap":
            hint = ' (sna\'s "qap" is its "qapspp", the default here)'
        elif nullhyp in _SNA_ONLY_NULLS:
            hint = f" (sna's {nullhyp!r} is not offered)"
        raise ValueError(f"unknown nullhyp {nullhyp!r}; expected one of {', '.join(_NULLS)}{hint}")
    reps = _check_reps(reps)
    rng = _rng(seed)
    design = _Design(y, xs, weight, binary=model == "netlogit")
    X, yv = design.X, design.y
    cells, k = X.shape
    df_residual = cells - k
    converged = True
    if model == "netlm":
        coef, resid, R_inv = _least_squares(X, yv)
        rss = float(resid @ resid)
        unscaled = np.sum(R_inv**2, axis=1)  # diag((X'X)^-1)
        with np.errstate(divide="ignore", invalid="ignore"):  # an exact fit: rss 0
            observed = coef / np.sqrt(unscaled * rss / df_residual)
        if np.ptp(yv) == 0 or not df_residual:
            # a constant response: each t is 0 / 0 up to rounding; as many coefficients as
            # dyads: no residual variance to divide by (sna's t-values are NaN)
            observed = np.full(k, np.nan)
        tss = float(((yv - yv.mean()) ** 2).sum())
        if not tss:
            r_squared = math.nan
        elif k == 1:  # the intercept alone explains nothing: exactly 0, not rounding
            r_squared = 0.0
        else:
            r_squared = 1 - rss / tss
        fit = {
            "r_squared": r_squared,
            "adj_r_squared": (
                1 - (1 - r_squared) * (cells - 1) / df_residual if df_residual else math.nan
            ),
            "residual_se": (
                math.ldexp(math.sqrt(rss / df_residual), design.y_exponent)
                if df_residual
                else math.nan
            ),
        }
    else:
        if not np.isin(yv, (0.0, 1.0)).all():  # pragma: no cover - y is dichotomized
            raise ValueError("netlogit needs a 0/1 response")
        c, se, dev, ok = _logit(X[None], yv[None], qr=True)
        if np.isnan(c[0]).any():
            raise ValueError(
                "the logistic fit is singular (X'WX cannot be solved): the predictors "
                "separate the ties of y (nearly) perfectly, so that the weights of the fit "
                "vanish; drop or merge a predictor"
            )
        coef, observed, deviance, converged = c[0], c[0] / se[0], float(dev[0]), bool(ok[0])
        fit = {
            "deviance": deviance,
            "aic": deviance + 2 * k,
            "bic": deviance + k * math.log(cells),
        }
    if nullhyp == "qapspp" and k == 1:
        nullhyp = "qapy"  # as sna: no other predictor to partial out
    if nullhyp == "classical":
        t_dist: Any = require("scipy.stats", "fast", feature='nullhyp="classical"').t  # type: ignore[attr-defined]
        p_less = t_dist.cdf(observed, df_residual)
        p_greater = t_dist.sf(observed, df_residual)
        p_abs = 2 * t_dist.sf(np.abs(observed), df_residual)
        distribution = np.empty((0, k))
        used = 0
    else:
        stat = _ols_permutations if model == "netlm" else _logit_permutations
        with np.errstate(divide="ignore", invalid="ignore"):  # a degenerate refit is NaN
            distribution = stat(design, nullhyp, reps, rng)
        p_less, p_greater, p_abs = _p_values(distribution, observed)
        used = reps
    return NetworkRegression(
        model=model,
        names=design.names,
        # back to the tie values given: exact, as the tamed ones were by powers of 2
        coefficients=tuple(float(v) for v in np.ldexp(coef, design.y_exponent - design.exponents)),
        statistics=tuple(float(v) for v in observed),
        p_less=tuple(float(v) for v in p_less),
        p_greater=tuple(float(v) for v in p_greater),
        p_abs=tuple(float(v) for v in p_abs),
        nullhyp=nullhyp,  # type: ignore[arg-type]
        reps=used,
        n=cells,
        df_residual=df_residual,
        goodness_of_fit=fit,
        converged=converged,
        distribution=_frozen(distribution),
    )


def _ols_permutations(design: _Design, nullhyp: str, reps: int, rng: Any) -> FloatArray:
    """The permuted t-values of netlm, one column a coefficient, without refitting.

    ``qapy`` permutes ``y``; as ``X`` stays fixed, each permutation needs only
    ``X' y_perm`` and the residuals ``y_perm - X beta``. ``qapspp`` permutes, for coefficient
    ``i``, the residuals ``r`` of ``x_i`` on the other columns ``Z`` and refits
    ``y ~ Z + r_perm``; by Frisch-Waugh the t of ``r_perm`` needs only the part of ``r_perm``
    outside the span of ``Z`` and the residuals ``M_Z y`` of ``y`` on ``Z``; where that part
    is below R's ``qr`` tolerance of ``r_perm``, sna's refit drops ``r_perm`` and its t is
    ``NA``, here NaN. The residual
    sums of squares are summed from the residuals, as a refit does, not taken as a
    difference (``y'y - beta' X' y``), which cancels to rounding noise, negative as often as
    not, where a relabelling fits ``y`` exactly.
    """
    np = _numpy()
    X, y = design.X, design.y
    cells, k = X.shape
    df = cells - k
    batch = max(1, _BATCH_CELLS // cells)
    distribution = _distribution(reps, k)
    if not df:  # as many coefficients as dyads: no t-value, observed or permuted
        distribution.fill(np.nan)
        return distribution
    if nullhyp == "qapy":
        _, _, R_inv = _least_squares(X, y)
        XtX_inv = R_inv @ R_inv.T
        start = 0
        for P in _permutations(design.n, reps, rng, batch):
            yp = design.permuted(design.Y, P)
            beta = (yp @ X) @ XtX_inv
            rss = np.sum((yp - beta @ X.T) ** 2, axis=1)
            se = np.sqrt(np.outer(rss / df, np.diag(XtX_inv)))
            distribution[start : start + len(P)] = beta / se
            start += len(P)
        return distribution
    for i in range(k):
        Z = np.delete(X, i, axis=1)
        _, r, _ = _least_squares(Z, X[:, i])
        _, y_tilde, Z_R_inv = _least_squares(Z, y)
        ZtZ_inv = Z_R_inv @ Z_R_inv.T
        residuals = np.zeros((design.n, design.n))
        residuals[design.rows, design.cols] = r
        start = 0
        for P in _permutations(design.n, reps, rng, batch):
            rp = design.permuted(residuals, P)
            size = np.sum(rp * rp, axis=1)
            rp = rp - ((rp @ Z) @ ZtZ_inv) @ Z.T  # the part outside the span of Z
            rtr = np.sum(rp * rp, axis=1)
            beta = (rp @ y_tilde) / rtr
            rss = np.sum((y_tilde - beta[:, None] * rp) ** 2, axis=1)
            # within R's qr tolerance of the span of Z, sna's refit leaves r_perm out: NA
            distribution[start : start + len(P), i] = np.where(
                rtr < _QR_TOLERANCE**2 * size, np.nan, beta / np.sqrt(rss / df / rtr)
            )
            start += len(P)
    return distribution


def _logit_permutations(design: _Design, nullhyp: str, reps: int, rng: Any) -> FloatArray:
    """The permuted z-values of netlogit: batches of logistic fits, as sna refits each."""
    np = _numpy()
    X, y = design.X, design.y
    cells, k = X.shape
    batch = max(1, _BATCH_CELLS // (cells * (k + 1)))
    distribution = _distribution(reps, k)
    if nullhyp == "qapy":
        start = 0
        for P in _permutations(design.n, reps, rng, batch):
            yp = design.permuted(design.Y, P)
            c, se, _, _ = _logit(np.broadcast_to(X, (len(P), cells, k)), yp)
            distribution[start : start + len(P)] = c / se
            start += len(P)
        return distribution
    for i in range(k):
        Z = np.delete(X, i, axis=1)
        _, r, _ = _least_squares(Z, X[:, i])  # sna partials x_i by least squares
        residuals = np.zeros((design.n, design.n))
        residuals[design.rows, design.cols] = r
        start = 0
        for P in _permutations(design.n, reps, rng, batch):
            rp = design.permuted(residuals, P)
            Xp = np.concatenate([np.broadcast_to(Z, (len(P), cells, k - 1)), rp[..., None]], axis=2)
            c, se, _, _ = _logit(Xp, np.broadcast_to(y, (len(P), cells)))
            distribution[start : start + len(P), i] = c[:, -1] / se[:, -1]
            start += len(P)
    return distribution


def netlm(
    y: nx.Graph,
    xs: Sequence[nx.Graph] | Mapping[str, nx.Graph],
    *,
    reps: int = 1000,
    seed: int | np.random.Generator | None = None,
    nullhyp: NullHypothesis = "qapspp",
    weight: str | None = None,
) -> NetworkRegression:
    r"""OLS regression of one graph on others, with QAP p-values, as sna's ``netlm``.

    Over the :math:`N = n(n - 1)` ordered pairs of distinct nodes,

    .. math:: y_{ij} = \beta_0 + \sum_k \beta_k\, x^{(k)}_{ij} + \varepsilon_{ij},

    fitted by least squares (a QR decomposition, as R's ``lm``). The t-value of each
    coefficient, :math:`t_k = \hat\beta_k / \widehat{\mathrm{se}}(\hat\beta_k)`, is compared
    with its distribution under a null hypothesis:

    ``"qapspp"`` (default; sna's ``"qap"`` and ``"qapspp"``)
        Dekker, Krackhardt and Snijders' semi-partialling: for coefficient :math:`k`, regress
        :math:`x^{(k)}` on the other columns (the intercept included), relabel the nodes of
        the residual matrix by a random permutation, refit :math:`y` on the other columns and
        the permuted residuals, and keep the t-value of the latter. Robust to collinear
        predictors and to autocorrelation in the dyads.
    ``"qapy"``
        Relabel the nodes of :math:`y` and refit (Krackhardt 1988); used for a model without
        predictors, as sna does.
    ``"classical"``
        Student's t with :math:`N - K` degrees of freedom, as if the dyads were independent
        (they are not: for comparison only). Needs scipy.

    Parameters
    ----------
    y : networkx graph
        The response: ties dichotomized, or valued with ``weight``.
    xs : sequence or mapping of networkx graphs
        The predictors, on the same nodes as ``y`` (matched by label). With a mapping its keys
        name the coefficients (``str(key)``, each its own, not ``"(intercept)"``); with a
        sequence they are ``x1``, ``x2``, ... as in sna.
    reps : int
        The number of permutations for each coefficient.
    seed : int or numpy.random.Generator, optional
        The seed of the permutations (not a bool).
    nullhyp : {"qapspp", "qapy", "classical"}
        The null hypothesis (see above). sna's default ``"qap"`` is ``"qapspp"``; sna's
        ``"qapx"``, ``"qapallx"`` and CUG nulls are not offered.
    weight : str, optional
        The edge attribute holding tie values, in ``y`` and in every ``xs`` (summed over
        parallel edges; missing means 1); ties are dichotomized by default. Values are read
        as by :func:`qap`: a NaN (a dyad sna leaves out as missing) is refused.

    Returns
    -------
    NetworkRegression
        ``names``, ``coefficients`` (intercept first, then one a predictor, equal to sna's),
        t-values in ``statistics``, ``p_less``, ``p_greater`` and ``p_abs``, and
        ``goodness_of_fit`` (``r_squared``, ``adj_r_squared``, ``residual_se``). Its
        ``summary()`` prints a table, ``to_frame()`` gives a pandas DataFrame. With a
        constant response (no tie or every tie) the t-values, p-values and ``r_squared``
        are NaN; a permuted refit without a t-value makes that coefficient's p-values NaN.
        When the predictors fit ``y`` exactly (its residuals are 0 up to rounding, as when
        ``y`` is one of the ``xs``), the t-values divide by a standard error of rounding
        noise: they are huge or arbitrary, as sna's are, and differ from sna's. With as many
        coefficients as dyads (``df_residual`` 0) the t-values, p-values,
        ``adj_r_squared`` and ``residual_se`` are NaN, as sna's are.

    Raises
    ------
    ValueError
        If the graphs do not have the same nodes or have fewer than 3, the predictors are
        collinear (among them a predictor with no tie or every tie, which equals the
        intercept), a tie value is not a finite real number, or an option is not valid.
        Collinear is judged as sna's ``netlm`` does (R's ``qr`` with ``tol = 1e-7``): a
        predictor whose part outside the span of the columns before it is below
        :math:`10^{-7}` of its size, where sna gives ``NA`` for its coefficient; the message
        names it.
    TypeError
        If ``y`` or one of ``xs`` is not a networkx graph, ``xs`` is not a sequence or a
        mapping of graphs (one graph, say), ``seed`` is not an integer, a
        :class:`numpy.random.Generator` or None, or ``weight`` not a str or None.
    MemoryError
        If the ``reps`` permuted statistics do not fit in memory (before any is drawn),
        a ``reps`` beyond any memory too.
    MissingDependencyError
        If numpy (or scipy, for ``"classical"``) is not installed.

    Notes
    -----
    Self-loops are ignored (sna's ``diag = FALSE``), an undirected graph is a symmetric
    digraph (sna's default ``mode = "digraph"``). With sna's ``mode = "graph"``, which counts
    each pair of nodes once, the coefficients are the same, and so are the permutation
    p-values over the same relabellings (each t-value is scaled by one constant), but the
    t-values, the classical p-values and ``adj_r_squared`` differ: each undirected tie
    counts twice here. Tie values far from 1 (beyond :math:`2^{\pm 64}`) are brought to it
    by a power of 2, graph by graph, and the coefficients scaled back exactly, so that the
    t-values stay exact where sna's squares underflow or overflow (tie values beyond about
    :math:`10^{\pm 154}`, where sna's t-values are 0 or infinite; the same holds for
    :func:`netlogit`). Each permutation costs a few matrix-vector products, not a refit: with
    :math:`K` coefficients, ``qapspp`` takes :math:`O(\mathrm{reps} \cdot K^2 N)` time. As in
    sna, a permutation that ties with the observed t-value counts towards both one-sided
    p-values.

    References
    ----------
    Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression
    analysis of dyadic data. *Social Networks*, 10(4), 359-381. Dekker, D., Krackhardt, D., &
    Snijders, T. A. B. (2007). Sensitivity of MRQAP tests to collinearity and autocorrelation
    conditions. *Psychometrika*, 72(4), 563-581. Butts, C. T. (2008). Social network analysis
    with sna. *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.stats import netlm
    >>> same_building = nx.Graph([("a", "b"), ("c", "d"), ("e", "f")])
    >>> advice = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "d"), ("e", "f"), ("a", "e")])
    >>> fit = netlm(advice, {"same_building": same_building}, reps=500, seed=7)
    >>> fit.names
    ('(intercept)', 'same_building')
    >>> [round(b, 4) for b in fit.coefficients]
    [0.0417, 0.625]
    >>> fit.p_greater[1]   # share of the 500 permutations with a t-value at least as large
    0.066
    """
    return _regression("netlm", y, xs, reps, seed, nullhyp, weight)


def netlogit(
    y: nx.Graph,
    xs: Sequence[nx.Graph] | Mapping[str, nx.Graph],
    *,
    reps: int = 1000,
    seed: int | np.random.Generator | None = None,
    nullhyp: NullHypothesis = "qapspp",
    weight: str | None = None,
) -> NetworkRegression:
    r"""Logistic regression of one graph's ties on other graphs, as sna's ``netlogit``.

    Over the :math:`N = n(n - 1)` ordered pairs of distinct nodes,

    .. math::

        \log \frac{P(y_{ij} = 1)}{P(y_{ij} = 0)} = \beta_0 + \sum_k \beta_k\, x^{(k)}_{ij},

    fitted by maximum likelihood with R's ``glm.fit`` iterations (the same start, steps and
    stopping rule), so that the coefficients equal sna's. The z-value of each coefficient,
    :math:`\hat\beta_k / \widehat{\mathrm{se}}(\hat\beta_k)`, is tested under the null
    hypotheses of :func:`netlm`: ``"qapspp"`` permutes the residuals of each predictor on the
    others (a least-squares regression, as in sna) and refits the logistic model for every
    permutation; ``"qapy"`` permutes :math:`y`; ``"classical"`` uses Student's t with
    :math:`N - K` degrees of freedom, as sna does.

    Parameters
    ----------
    y : networkx graph
        The response: its ties are dichotomized (``weight`` does not apply to it).
    xs : sequence or mapping of networkx graphs
        The predictors, on the same nodes as ``y``; a mapping names them.
    reps, seed, nullhyp
        As in :func:`netlm`.
    weight : str, optional
        The edge attribute holding the tie values of the predictors.

    Returns
    -------
    NetworkRegression
        As :func:`netlm`, with z-values in ``statistics`` and ``goodness_of_fit`` holding
        ``deviance``, ``aic`` and ``bic`` (sna's: deviance + k log N); ``converged`` is false
        if the fit took all 25 iterations (perfect separation, say). Where the maximum
        likelihood estimates do not exist (the predictors separate the ties of ``y``
        perfectly, or ``y`` has every tie or none) the fit stops, as R's does, at
        coefficients in the tens with z-values near 0; they are then determined to about
        7 digits only, and a coefficient that should be 0 is rounding noise, so that they
        differ from sna's beyond those digits.

    Raises
    ------
    ValueError
        As :func:`netlm` (collinear predictors by netlm's tolerance, :math:`10^{-7}`: sna's
        netlogit fits through ``glm.fit``, whose tolerance is :math:`10^{-11}`, and gives
        huge coefficients of opposite signs for predictors collinear within
        :math:`10^{-7}` but not :math:`10^{-11}`), or if a step of the observed fit cannot be
        solved (``X'WX`` singular as the weights vanish near perfect separation). A permuted
        refit that cannot be solved gives NaN for its statistic (R's ``glm.fit`` gives
        ``NA``), and the p-values of that coefficient are NaN.
    MemoryError
        If the ``reps`` permuted statistics do not fit in memory (before any is drawn),
        a ``reps`` beyond any memory too.
    MissingDependencyError
        If numpy (or scipy, for ``"classical"``) is not installed.

    Notes
    -----
    Every permutation refits the model, in batches solved together: with :math:`K`
    coefficients and :math:`I` iterations (usually 4-6), ``qapspp`` takes
    :math:`O(\mathrm{reps} \cdot K \cdot I \cdot N K^2)` time.

    References
    ----------
    Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression
    analysis of dyadic data. *Social Networks*, 10(4), 359-381. Dekker, D., Krackhardt, D., &
    Snijders, T. A. B. (2007). Sensitivity of MRQAP tests to collinearity and autocorrelation
    conditions. *Psychometrika*, 72(4), 563-581. Butts, C. T. (2008). Social network analysis
    with sna. *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.stats import netlogit
    >>> kin = nx.Graph([("a", "b"), ("c", "d"), ("e", "f"), ("a", "c")])
    >>> help_ = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "d"), ("e", "f"), ("b", "e")])
    >>> help_.add_nodes_from(kin)
    >>> fit = netlogit(help_, {"kin": kin}, reps=200, seed=7)
    >>> [round(b, 4) for b in fit.coefficients]
    [-3.0445, 3.0445]
    >>> print(fit.summary())
    netlogit: logistic network regression on 30 dyads; null hypothesis qapspp, 200 permutations
    name           estimate   z value  Pr(<=b)  Pr(>=b)  Pr(>=|b|)
    (intercept)     -3.0445   -2.9748   0.1700   0.8350     0.1700
    kin              3.0445    2.4475   1.0000   0.0700     0.0700
    deviance 19.23, aic 23.23, bic 26.03; 28 residual degrees of freedom
    """
    return _regression("netlogit", y, xs, reps, seed, nullhyp, weight)


# ------------------------------------------------------------------------------------------------
# Two groups of units.


def _values(values: Iterable[float] | Mapping[Any, float], what: str) -> FloatArray:
    np = _numpy()
    if not isinstance(values, Iterable) or isinstance(values, (str, bytes)):
        raise TypeError(
            f"group {what} must be an iterable of numbers or a mapping to numbers, not "
            f"{type(values).__name__}"
        )
    items = list(values.values() if isinstance(values, Mapping) else values)
    if not items:
        raise ValueError(f"group {what} is empty")
    array = np.empty(len(items))
    for i, v in enumerate(items):
        number = math.nan
        if not isinstance(v, bool) and isinstance(v, numbers.Real):
            try:
                number = float(v)
            except OverflowError:
                raise ValueError(
                    f"group {what}, value {i}: {_shown(v)} is beyond a float's range"
                ) from None
        if not math.isfinite(number):
            raise ValueError(f"group {what}, value {i}: {_shown(v)} is not a finite number")
        array[i] = number
    result: FloatArray = array
    return result


def permutation_test(
    a: Iterable[float] | Mapping[Any, float],
    b: Iterable[float] | Mapping[Any, float],
    *,
    statistic: Literal["mean", "median"] = "mean",
    reps: int = 1000,
    seed: int | np.random.Generator | None = None,
) -> PermutationTest:
    r"""A permutation test of the difference of a measure between two groups of units.

    With the values :math:`a_1 \dots a_p` of a measure in one group of units (compounds,
    communities) and :math:`b_1 \dots b_q` in the other, the statistic is

    .. math:: D = s(a) - s(b)

    for :math:`s` the mean or the median. Under the null that the group labels do not matter,
    every split of the :math:`p + q` values into groups of :math:`p` and :math:`q` is as
    likely: ``reps`` random splits give the distribution of :math:`D`, and the p-values are
    the shares at least (``p_greater``), at most (``p_less``) or at least as far from 0 as
    (``p_abs``) the observed :math:`D`, ties (within :data:`TIE_TOLERANCE`) counting towards
    both one-sided p-values as in :func:`qap`. The mean of 0/1 values is a rate, so this
    compares rates too (the cross-appointment rate of old and new compounds, say).

    Parameters
    ----------
    a, b : iterable of numbers, or mapping to numbers
        The values of the measure in each group, one a unit (a mapping's values are used,
        so ``{unit: value}`` works).
    statistic : {"mean", "median"}
        The summary compared.
    reps : int
        The number of random splits.
    seed : int or numpy.random.Generator, optional
        The seed of the splits (not a bool).

    Returns
    -------
    PermutationTest
        ``statistic`` is :math:`D`; ``distribution`` holds the permuted differences. Values
        near the largest float are summarized without overflow: a difference is infinite
        only where it is beyond the largest float itself.

    Raises
    ------
    ValueError
        If a group is empty, a value is not a finite number, or an option is not valid.
    TypeError
        If a group is not an iterable of numbers or a mapping to numbers (a str, say), or
        ``seed`` is not an integer, a :class:`numpy.random.Generator` or None.
    MemoryError
        If the ``reps`` permuted statistics do not fit in memory (before any is drawn),
        a ``reps`` beyond any memory too.
    MissingDependencyError
        If numpy is not installed.

    Notes
    -----
    All splits of a batch are drawn at once (:meth:`numpy.random.Generator.permuted`):
    :math:`O(\mathrm{reps} \cdot (p + q))` time for the mean, times
    :math:`\log(p + q)` for the median.

    References
    ----------
    Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of Hypotheses* (3rd
    ed.). New York: Springer.

    Examples
    --------
    >>> from govmodel.stats import permutation_test
    >>> old = {"c1": 1, "c2": 1, "c3": 1, "c4": 0, "c5": 1}   # cross-appointed or not
    >>> new = {"c6": 0, "c7": 0, "c8": 1, "c9": 0, "c10": 0}
    >>> test = permutation_test(old, new, reps=5000, seed=2)
    >>> round(test.statistic, 4), test.p_greater, test.p_abs
    (0.6, 0.1096, 0.214)
    """
    np = _numpy()
    if statistic not in _GROUP_STATISTICS:
        raise ValueError(
            f"unknown statistic {statistic!r}; expected one of {', '.join(_GROUP_STATISTICS)}"
        )
    reps = _check_reps(reps)
    rng = _rng(seed)
    x, y = _values(a, "a"), _values(b, "b")
    p = len(x)
    # values far from 1 are brought to it by a power of 2 (exactly), so that a sum of values
    # near the largest float does not overflow: the summaries and the p-values are taken on
    # them, and the differences scaled back
    exponent = _exponent(np.concatenate([x, y]))
    pooled = np.ldexp(np.concatenate([x, y]), -exponent)
    summary = np.mean if statistic == "mean" else np.median
    observed = np.array([summary(pooled[:p]) - summary(pooled[p:])])
    batch = max(1, _BATCH_CELLS // len(pooled))
    distribution = _distribution(reps)  # first: a reps beyond memory fails at once
    done = 0
    while done < reps:
        size = min(batch, reps - done)
        shuffled = rng.permuted(np.broadcast_to(pooled, (size, len(pooled))), axis=1)
        distribution[done : done + size] = summary(shuffled[:, :p], axis=1) - summary(
            shuffled[:, p:], axis=1
        )
        done += size
    # the size of the terms of the difference: no value is larger
    p_less, p_greater, p_abs = _p_values(distribution, observed, float(np.abs(pooled).max()))
    if exponent:  # a difference beyond the largest float is infinite, as it is
        with np.errstate(over="ignore"):
            observed, distribution = np.ldexp(observed, exponent), np.ldexp(distribution, exponent)
    return PermutationTest(
        statistic=float(observed[0]),
        p_greater=float(p_greater[0]),
        p_less=float(p_less[0]),
        p_abs=float(p_abs[0]),
        reps=reps,
        distribution=_frozen(distribution),
    )

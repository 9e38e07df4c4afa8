#!/usr/bin/env Rscript
# Generate the reference values of govmodel.metrics.structural from R package sna.
#
# Usage (from the repository root):
#     Rscript tools/sna/make_fixtures.R [tests/fixtures/sna/structural.json] \
#         [tests/fixtures/sna/stats.json]
#
# Needs R with the packages sna and jsonlite (Debian: apt-get install r-cran-sna
# r-cran-jsonlite). The output is deterministic for a given sna version: every graph is drawn
# from a seeded generator, and the sna and R versions are recorded in the file.
#
# For each digraph the file holds its edge list (0-based node ids; self-loops included on
# purpose in some graphs, which sna ignores by default), its size n, a random assignment of the
# nodes to 3-5 groups, and sna's results on the digraph ("digraph", mode = "digraph") and on its
# weak symmetrization ("graph", mode = "graph"). Values that sna returns as NaN/NA/Inf, or that
# sna fails to compute (an error), are written as null.

suppressPackageStartupMessages({
  library(sna)
  library(jsonlite)
})

# With --edges first, only the edge cases of govmodel.stats are written (to the path after it),
# leaving the other two files alone:
#     Rscript tools/sna/make_fixtures.R --edges [tests/fixtures/sna/edges_1207b.json]
args <- commandArgs(trailingOnly = TRUE)
edges_only <- length(args) >= 1 && args[[1]] == "--edges"
if (edges_only) args <- args[-1]
out_path <- if (!edges_only && length(args) >= 1) args[[1]] else "tests/fixtures/sna/structural.json"
stats_path <- if (!edges_only && length(args) >= 2) args[[2]] else "tests/fixtures/sna/stats.json"
edges_path <- if (edges_only && length(args) >= 1) {
  args[[1]]
} else if (length(args) >= 3) {
  args[[3]]
} else {
  "tests/fixtures/sna/edges_1207b.json"
}

SEED <- 20240917L
set.seed(SEED)

# ---------------------------------------------------------------------------------------------
# Edge cases of govmodel.stats (tests/test_stats_edges_1207b.py), written to their own file,
# with their own seed (SEED + 3), so that they change nothing else. Defined here, so that
# --edges can run it alone; a full run writes it last.
#
# - qap: pairs of 3 to 6 nodes (self-loops in the edge lists, which sna ignores; undirected
#   graphs, `directed` false, as symmetric matrices; negative and fractional tie values; a
#   complete and an empty graph; isolates) with gcor, gcov and their p-values over all n!
#   relabellings of g2, compared with a tie tolerance of 1e-10 as govmodel does;
# - netlm and netlogit: small models with their coefficients, t- or z-values, classical
#   p-values and goodness of fit, and the t- or z-values of every relabelling under "qapy"
#   (y relabelled) and "qapspp" (the residuals of each predictor on the others relabelled),
#   computed by sna's own netlm / netlogit refits, with the exact p-values over them;
# - collinear: predictors collinear within sna's tolerance (1e-7, R's qr), with sna's
#   coefficients (null where sna gives NA).
edge_cases <- function(path) {
  set.seed(SEED + 3L)
  fmt <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
  num <- function(x) structure(fmt(as.numeric(x)), class = "json")
  nums <- function(x) structure(paste0("[", paste(fmt(as.numeric(x)), collapse = ","), "]"),
                                class = "json")
  edges <- function(M) {  # the diagonal kept: the self-loops that sna ignores
    e <- which(M != 0, arr.ind = TRUE)
    e <- e[order(e[, 1], e[, 2]), , drop = FALSE]
    unname(cbind(e - 1, M[e]))
  }
  perms <- function(n) {
    if (n == 1) return(matrix(1L, 1, 1))
    P <- perms(n - 1)
    do.call(rbind, lapply(seq_len(n), function(i) cbind(i, ifelse(P >= i, P + 1L, P))))
  }
  # ties within 1e-10 of the larger of the observed statistic's size and the size of its
  # terms (1 for a correlation or a t- or z-value, the largest tie value times the largest of
  # the other graph for a covariance), as govmodel counts them
  exact_p <- function(dist, value, scale = 1) {
    tol <- 1e-10 * max(scale, abs(value))
    list(pgreq = num(mean(dist >= value - tol)), pleeq = num(mean(dist <= value + tol)),
         pabs = num(mean(abs(dist) >= abs(value) - tol)))
  }
  rnd <- function(n, p) { M <- matrix(rbinom(n * n, 1, p), n, n); diag(M) <- 0; M }
  sym <- function(M) ((M + t(M)) > 0) + 0

  qap_case <- function(name, G1, G2, directed = c(TRUE, TRUE)) {
    P <- perms(nrow(G1))
    r <- gcor(G1, G2); v <- gcov(G1, G2)
    dr <- apply(P, 1, function(p) gcor(G1, G2[p, p]))
    dv <- apply(P, 1, function(p) gcov(G1, G2[p, p]))
    list(name = name, n = nrow(G1), directed = directed, g1 = edges(G1), g2 = edges(G2),
         perms = nrow(P), gcor = num(r), gcov = num(v),
         gcor_p = exact_p(dr, r),
         gcov_p = exact_p(dv, v, max(abs(G1[!diag(nrow(G1))])) * max(abs(G2[!diag(nrow(G2))]))))
  }
  qaps <- list()
  A <- matrix(0, 3, 3); A[1, 2] <- A[2, 3] <- 1
  B <- matrix(0, 3, 3); B[1, 2] <- B[3, 1] <- B[2, 3] <- 1
  qaps[[1]] <- qap_case("directed-3", A, B)
  U <- matrix(0, 3, 3); U[1, 2] <- U[2, 1] <- 1
  D <- matrix(0, 3, 3); D[1, 3] <- D[3, 2] <- 1
  qaps[[2]] <- qap_case("undirected-directed-3", U, D, c(FALSE, TRUE))
  L1 <- rnd(4, 0.5); diag(L1) <- c(0, 1, 0, 1)
  L2 <- rnd(4, 0.5); diag(L2) <- c(5, 0, 0, 0)
  qaps[[3]] <- qap_case("self-loops-4", L1, L2)
  V1 <- matrix(sample(c(-2, -0.5, 0, 1.5, 3), 16, replace = TRUE), 4, 4); diag(V1) <- 0
  V2 <- matrix(sample(c(-1, 0, 0.25, 2), 16, replace = TRUE), 4, 4); diag(V2) <- 0
  qaps[[4]] <- qap_case("negative-weights-4", V1, V2)
  K <- matrix(1, 4, 4); diag(K) <- 0
  Pth <- matrix(0, 4, 4); Pth[1, 2] <- Pth[2, 3] <- Pth[3, 4] <- 1
  qaps[[5]] <- qap_case("complete-path-4", K, Pth)
  qaps[[6]] <- qap_case("empty-star-4", matrix(0, 4, 4), t(matrix(c(0, 1, 1, 1, rep(0, 12)), 4, 4)))
  I1 <- matrix(0, 6, 6); I1[1, 2] <- I1[2, 3] <- I1[3, 1] <- I1[1, 4] <- 1
  I2 <- matrix(0, 6, 6); I2[1, 2] <- I2[2, 1] <- I2[4, 3] <- I2[2, 4] <- 1
  qaps[[7]] <- qap_case("isolates-6", I1, I2)
  S1 <- sym(rnd(5, 0.3)); S2 <- sym(rnd(5, 0.4))
  qaps[[8]] <- qap_case("undirected-5", S1, S2, c(FALSE, FALSE))
  # tie values of 1e-6 (a covariance of 1e-13) and of 1e-150 (whose squares sna's gcor still
  # holds; below about 1e-154 they underflow, and sna's correlation is inexact, then NaN)
  T1 <- matrix(0, 5, 5); T1[1, 2] <- T1[2, 3] <- T1[3, 1] <- T1[1, 3] <- T1[4, 5] <- 1
  T2 <- matrix(0, 5, 5); T2[1, 2] <- T2[2, 3] <- T2[4, 5] <- T2[5, 1] <- 1
  qaps[[9]] <- qap_case("small-values-5", 1e-6 * T1, 1e-6 * T2)
  qaps[[10]] <- qap_case("tiny-values-5", 1e-150 * T1, 1e-150 * T2)

  # sna's own refits: the t- (z-) values of y relabelled ("qapy") and, for each coefficient,
  # of the residuals of its predictor on the others relabelled ("qapspp"), over all n!
  # relabellings; the intercept is given as a matrix of ones, as sna does inside netlm.
  regression_case <- function(name, FUN, y, xs, directed) {
    n <- nrow(y)
    base <- FUN(y, xs, nullhyp = "classical")
    g <- c(list(y, matrix(1, n, n)), xs)
    k <- length(g) - 1
    P <- perms(n)
    # a refit that sna cannot make (chol2inv of a singular R) is NA, as govmodel's NaN
    tval <- function(resp, cols) tryCatch(
      FUN(resp, cols, intercept = FALSE, nullhyp = "classical")$tstat,
      error = function(e) rep(NA_real_, k))
    qapy <- t(apply(P, 1, function(p) tval(y[p, p], g[-1])))
    xsel <- !diag(n)
    qapspp <- sapply(seq_len(k), function(i) {
      others <- g[-1][-i]
      fit <- qr(sapply(others, function(M) M[xsel]), tol = 1e-7)
      xres <- g[[1 + i]]
      xres[xsel] <- qr.resid(fit, g[[1 + i]][xsel])
      apply(P, 1, function(p) tval(y, c(others, list(xres[p, p])))[k])
    })
    stat <- base$tstat
    gof <- if (inherits(base, "netlogit")) {
      list(deviance = num(base$deviance), aic = num(base$aic), bic = num(base$bic))
    } else {
      mss <- sum((base$fitted.values - mean(base$fitted.values))^2)
      rss <- sum(base$residuals^2)
      r2 <- mss / (mss + rss)
      list(r_squared = num(r2), adj_r_squared = num(1 - (1 - r2) * (base$n - 1) / base$df.residual),
           residual_se = num(sqrt(rss / base$df.residual)))
    }
    list(name = name, n = n, directed = directed, y = edges(y), xs = lapply(xs, edges),
         coefficients = nums(base$coefficients), tstat = nums(stat),
         df_residual = base$df.residual,
         classical = list(pleeq = nums(base$pleeq), pgreq = nums(base$pgreq),
                          pgreqabs = nums(base$pgreqabs)),
         goodness_of_fit = gof, perms = nrow(P),
         qapy = list(values = lapply(seq_len(k), function(i) nums(qapy[, i])),
                     p = lapply(seq_len(k), function(i) exact_p(qapy[, i], stat[i]))),
         qapspp = list(values = lapply(seq_len(k), function(i) nums(qapspp[, i])),
                       p = lapply(seq_len(k), function(i) exact_p(qapspp[, i], stat[i]))))
  }
  cells3 <- which(!diag(3), arr.ind = TRUE)
  cells3 <- cells3[order(cells3[, 1], cells3[, 2]), ]
  on3 <- function(v) { M <- matrix(0, 3, 3); M[cells3] <- v; M }
  lms <- list()
  # as many coefficients as dyads: no residual degree of freedom, t-values NaN
  lms[[1]] <- regression_case("netlm-no-residual-df-3", netlm, on3(c(1, 0, 2, 0, 3, 1)),
                              lapply(1:5, function(m) on3(as.numeric(1:6 == m))), rep(TRUE, 6))
  lms[[2]] <- regression_case("netlm-valued-3", netlm, on3(c(-1.5, 0, 2, 0.5, -3, 1)),
                              list(on3(c(1, 0, 0, 1, 1, 0))), c(TRUE, TRUE))
  Y4 <- matrix(round(rnorm(16), 1), 4, 4); diag(Y4) <- c(2, 0, -1, 0)
  X4 <- sym(rnd(4, 0.5)); diag(X4) <- c(1, 0, 0, 0)
  W4 <- matrix(sample(c(-1, 0, 0.5, 2), 16, replace = TRUE), 4, 4); diag(W4) <- c(0, 3, 0, 0)
  lms[[3]] <- regression_case("netlm-loops-undirected-4", netlm, Y4, list(X4, W4),
                              c(TRUE, FALSE, TRUE))
  Y5 <- matrix(0, 5, 5); Y5[1, 2] <- 2; Y5[2, 1] <- 1; Y5[3, 1] <- -1; Y5[1, 3] <- 0.5
  X5 <- matrix(0, 5, 5); X5[1, 2] <- X5[2, 3] <- X5[3, 1] <- 1
  lms[[4]] <- regression_case("netlm-isolates-5", netlm, Y5, list(X5), c(TRUE, TRUE))

  logits <- list()
  YL <- matrix(0, 4, 4); YL[1, 2] <- YL[2, 1] <- YL[3, 4] <- YL[2, 3] <- YL[4, 1] <- 1
  diag(YL) <- c(1, 0, 1, 0)
  XL <- matrix(0, 4, 4); XL[1, 2] <- XL[2, 1] <- XL[3, 4] <- XL[4, 3] <- XL[1, 3] <- XL[3, 1] <- 1
  WL <- matrix(c(0, 0.5, -1, 2, 1, 0, 0.5, -0.5, 0, 2, 0, 1, -1, 0.5, 1, 0), 4, 4, byrow = TRUE)
  logits[[1]] <- regression_case("netlogit-4", netlogit, YL, list(XL, WL), c(TRUE, FALSE, TRUE))
  logits[[2]] <- regression_case("netlogit-valued-3", netlogit, on3(c(1, 0, 1, 1, 0, 0)),
                                 list(on3(c(2, -1, 0.5, 1, 1, -0.5))), c(TRUE, TRUE))

  # with, where sna fits them, netlogit's coefficients and z-values on y's ties (y > 0)
  collinear_case <- function(name, y, xs) {
    fit <- netlm(y, xs, nullhyp = "classical")
    record <- list(name = name, n = nrow(y), y = edges(y), xs = lapply(xs, edges),
                   rank = fit$rank, coefficients = nums(fit$coefficients),
                   tstat = nums(fit$tstat))
    if (fit$rank == length(xs) + 1) {
      logit <- netlogit((y > 0) + 0, xs, nullhyp = "classical")
      record$netlogit <- list(coefficients = nums(logit$coefficients), tstat = nums(logit$tstat))
    }
    record
  }
  col <- list()
  n <- 6
  C1 <- matrix(round(runif(n * n, 0, 5)), n, n); diag(C1) <- 0
  E <- matrix(c(1, -1), n, n); diag(E) <- 0
  CY <- matrix(round(runif(n * n, 0, 5)), n, n); diag(CY) <- 0
  col[[1]] <- collinear_case("nearly-equal-6", CY, list(C1, C1 + 1e-9 * E))
  col[[2]] <- collinear_case("multiple-6", CY, list(C1, 3 * C1))
  Kc <- matrix(1, 4, 4); diag(Kc) <- 0
  col[[3]] <- collinear_case("complete-4", CY[1:4, 1:4], list(Kc))
  col[[4]] <- collinear_case("close-not-collinear-6", CY, list(C1, C1 + 1e-5 * E))
  # a predictor of small tie values is not collinear with the intercept: R's qr judges each
  # column against its own size
  col[[5]] <- collinear_case("small-values-6", CY, list(1e-14 * C1))
  col[[6]] <- collinear_case("tiny-values-6", CY, list(1e-150 * C1))
  col[[7]] <- collinear_case("underflowing-values-6", CY, list(1e-170 * C1))

  doc <- list(
    description = paste(
      "Reference values of R package sna for the edge cases of govmodel.stats; generated by",
      "tools/sna/make_fixtures.R --edges. Graphs are valued edge lists [tail, head, value],",
      "0-based, self-loops included (sna ignores them); 'directed' false marks an undirected",
      "graph (a symmetric matrix). p-values are exact over all n! relabellings, with ties",
      "within 1e-10 of the size of their terms; null stands for NaN, NA or Inf."
    ),
    sna_version = as.character(packageVersion("sna")),
    r_version = paste(R.version$major, R.version$minor, sep = "."),
    seed = SEED + 3L,
    qap = qaps, netlm = lms, netlogit = logits, collinear = col
  )
  writeLines(toJSON(doc, auto_unbox = TRUE, na = "null", null = "null", json_verbatim = TRUE,
                    pretty = FALSE, digits = NA), path)
  cat(sprintf("wrote %d QAP, %d netlm, %d netlogit and %d collinear edge cases to %s\n",
              length(qaps), length(lms), length(logits), length(col), path))
}

if (edges_only) {
  edge_cases(edges_path)
  quit(save = "no")
}

# ---------------------------------------------------------------------------------------------
# Generators: each returns an n x n 0/1 adjacency matrix (row sends to column).

shuffle <- function(M) {
  p <- sample.int(nrow(M))
  M[p, p, drop = FALSE]
}

out_tree <- function(n) {
  M <- matrix(0, n, n)
  if (n >= 2) for (i in 2:n) M[sample.int(i - 1, 1), i] <- 1
  M
}

non_adjacent_pairs <- function(M) {
  A <- (M + t(M)) > 0
  idx <- which(!A & upper.tri(A), arr.ind = TRUE)
  idx
}

add_cross_ties <- function(M, k) {
  for (r in seq_len(k)) {
    idx <- non_adjacent_pairs(M)
    if (nrow(idx) == 0) break
    e <- idx[sample.int(nrow(idx), 1), ]
    if (runif(1) < 0.5) M[e[1], e[2]] <- 1 else M[e[2], e[1]] <- 1
  }
  M
}

add_reciprocal_ties <- function(M, k) {
  arcs <- which(M > 0 & t(M) == 0, arr.ind = TRUE)
  arcs <- arcs[arcs[, 1] != arcs[, 2], , drop = FALSE]
  if (nrow(arcs) == 0) return(M)
  pick <- arcs[sample.int(nrow(arcs), min(k, nrow(arcs))), , drop = FALSE]
  for (r in seq_len(nrow(pick))) M[pick[r, 2], pick[r, 1]] <- 1
  M
}

add_upward_ties <- function(M, k) {
  # a tie from a node to one of its proper ancestors (creates a cycle)
  R <- reachability(M)
  diag(R) <- 0
  idx <- which(R > 0 & M == 0 & t(M) == 0, arr.ind = TRUE)  # row reaches col
  if (nrow(idx) == 0) return(M)
  pick <- idx[sample.int(nrow(idx), min(k, nrow(idx))), , drop = FALSE]
  for (r in seq_len(nrow(pick))) M[pick[r, 2], pick[r, 1]] <- 1
  M
}

add_loops <- function(M, k) {
  v <- sample.int(nrow(M), min(k, nrow(M)))
  for (i in v) M[i, i] <- 1
  M
}

multi_root <- function(n, roots, max_bosses) {
  # a DAG: every non-root node has 1..max_bosses superiors among the earlier nodes
  M <- matrix(0, n, n)
  for (i in (roots + 1):n) {
    k <- min(i - 1, sample.int(max_bosses, 1))
    for (b in sample.int(i - 1, k)) M[b, i] <- 1
  }
  M
}

directed_cycle <- function(n) {
  M <- matrix(0, n, n)
  for (i in 1:n) M[i, (i %% n) + 1] <- 1
  M
}

block_diag <- function(blocks) {
  n <- sum(sapply(blocks, nrow))
  M <- matrix(0, n, n)
  off <- 0
  for (B in blocks) {
    k <- nrow(B)
    M[off + seq_len(k), off + seq_len(k)] <- B
    off <- off + k
  }
  M
}

random_digraph <- function(n, p) {
  M <- matrix(rbinom(n * n, 1, p), n, n)
  diag(M) <- 0
  M
}

# ---------------------------------------------------------------------------------------------
# The graphs.

graphs <- list()
add <- function(name, kind, M) {
  graphs[[length(graphs) + 1]] <<- list(name = name, kind = kind, M = M)
}

# special cases
add("single-node", "special", matrix(0, 1, 1))
add("single-node-loop", "special", matrix(1, 1, 1))
add("one-arc", "special", matrix(c(0, 1, 0, 0), 2, 2))
add("mutual-dyad", "special", matrix(c(0, 1, 1, 0), 2, 2))
add("two-isolates", "special", matrix(0, 2, 2))
add("empty-4", "special", matrix(0, 4, 4))
M <- matrix(0, 6, 6); M[1, 2:6] <- 1; add("out-star-6", "special", M)
add("in-star-6", "special", t(M))
M2 <- M + t(M); add("mutual-star-6", "special", M2)
M <- matrix(1, 5, 5); diag(M) <- 0; add("complete-5", "special", M)
M <- matrix(0, 6, 6); for (i in 1:5) M[i, i + 1] <- 1; add("path-6", "special", M)
M <- matrix(0, 5, 5); M[1, 3] <- 1; M[2, 3] <- 1; M[3, 4] <- 1; M[3, 5] <- 1
add("two-bosses-one-deputy", "special", M)
M <- matrix(0, 7, 7); M[1, 2:3] <- 1; M[2, 4:5] <- 1; M[3, 6:7] <- 1
add("balanced-tree-2-2", "special", M)
add("balanced-tree-2-2-loops", "special", add_loops(M, 3))
add("in-tree-7", "special", t(M))
add("directed-cycle-3", "special", directed_cycle(3))
add("two-components-one-isolate", "special",
    block_diag(list(out_tree(4), directed_cycle(3), matrix(0, 1, 1))))

# out-trees of various sizes
for (n in c(3, 5, 8, 12, 17, 23, 30)) add(sprintf("out-tree-%d", n), "out-tree", shuffle(out_tree(n)))

# out-trees with extra ties
for (n in c(6, 9, 14, 20, 27)) {
  add(sprintf("tree-cross-%d", n), "tree+cross", shuffle(add_cross_ties(out_tree(n), sample(1:4, 1))))
  add(sprintf("tree-upward-%d", n), "tree+upward", shuffle(add_upward_ties(out_tree(n), sample(1:3, 1))))
  add(sprintf("tree-reciprocal-%d", n), "tree+reciprocal",
      shuffle(add_reciprocal_ties(out_tree(n), sample(1:3, 1))))
}
add("tree-mixed-loops-16", "tree+mixed",
    shuffle(add_loops(add_upward_ties(add_cross_ties(out_tree(16), 3), 2), 2)))

# several roots sharing subordinates
for (cfg in list(c(6, 2, 2), c(10, 2, 3), c(15, 3, 2), c(21, 3, 3), c(28, 4, 2)))
  add(sprintf("multi-root-%d-%d", cfg[1], cfg[2]), "multi-root", shuffle(multi_root(cfg[1], cfg[2], cfg[3])))

# cycles
for (n in c(4, 7, 11)) add(sprintf("cycle-%d", n), "cycle", shuffle(directed_cycle(n)))
for (n in c(8, 13, 19)) add(sprintf("cycle-chords-%d", n), "cycle+chords",
                            shuffle(add_cross_ties(directed_cycle(n), sample(2:5, 1))))

# several weak components, with isolates
for (r in 1:6) {
  k <- sample(2:4, 1)
  blocks <- lapply(seq_len(k), function(z) {
    m <- sample(1:8, 1)
    switch(sample(1:3, 1), out_tree(m), add_cross_ties(out_tree(m), 1), random_digraph(m, 0.4))
  })
  isolates <- sample(0:3, 1)
  if (isolates > 0) blocks <- c(blocks, list(matrix(0, isolates, isolates)))
  add(sprintf("components-%d", r), "components", shuffle(block_diag(blocks)))
}

# small dense digraphs
for (cfg in list(c(3, 0.7), c(4, 0.6), c(5, 0.5), c(6, 0.8), c(7, 0.45), c(8, 0.6)))
  add(sprintf("dense-%d-%.2f", cfg[1], cfg[2]), "dense", random_digraph(cfg[1], cfg[2]))

# sparse random digraphs
for (cfg in list(c(10, 0.15), c(14, 0.1), c(18, 0.08), c(24, 0.06), c(30, 0.05), c(30, 0.1)))
  add(sprintf("sparse-%d-%.2f", cfg[1], cfg[2]), "sparse", random_digraph(cfg[1], cfg[2]))

# random digraphs with self-loops (sna ignores loops by default: diag = FALSE)
for (cfg in list(c(9, 0.3), c(15, 0.15)))
  add(sprintf("random-loops-%d", cfg[1]), "random+loops", add_loops(random_digraph(cfg[1], cfg[2]), 3))

# ---------------------------------------------------------------------------------------------
# sna's results.

# Numbers are written with 17 significant digits (enough to round-trip a double exactly)
# as verbatim JSON; jsonlite itself stops at 15. NaN, NA, Inf and sna errors become null.
fmt <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
num <- function(expr) {
  x <- tryCatch(as.numeric(expr), error = function(e) NA_real_)
  if (length(x) != 1) x <- NA_real_
  structure(fmt(x), class = "json")
}
nums <- function(expr) {
  x <- tryCatch(as.numeric(expr), error = function(e) NA_real_)
  structure(paste0("[", paste(fmt(x), collapse = ","), "]"), class = "json")
}

brok <- function(M, cl) {
  tryCatch({
    b <- brokerage(M, cl)$raw.nli
    stopifnot(identical(colnames(b), c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")))
    unname(b)
  }, error = function(e) NULL)
}

rows <- function(m) lapply(seq_len(nrow(m)), function(i) nums(m[i, 1:5]))

# brokerage()'s expected values and z-scores use the density m / (N (N - 1)) with m the
# number of ties of the edge list, which counts self-loops; govmodel ignores self-loops, so
# these are computed on the graph without them.
brok_roles <- function(M, cl) {
  diag(M) <- 0
  tryCatch({
    b <- brokerage(M, cl)
    stopifnot(identical(names(b$raw.gli), c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")))
    list(raw_nli = rows(b$raw.nli), exp_nli = rows(b$exp.nli), z_nli = rows(b$z.nli),
         raw_gli = nums(b$raw.gli[1:5]), exp_gli = nums(b$exp.gli[1:5]),
         z_gli = nums(b$z.gli[1:5]))
  }, error = function(e) NULL)
}

# Some sna functions draw random numbers; the measures added after the first version of this
# script leave the random stream as they found it, so that the graphs and groups stay the same.
keep_rng <- function(expr) {
  state <- .Random.seed
  on.exit(assign(".Random.seed", state, envir = globalenv()))
  expr
}

results <- function(M, mode, cl) {
  first <- list(
    connectedness = num(connectedness(M)),
    hierarchy = num(hierarchy(M, measure = "krackhardt")),
    efficiency = num(efficiency(M)),
    lubness = num(lubness(M)),
    centralization = list(
      degree = num(centralization(M, degree, mode = mode)),
      betweenness = num(centralization(M, betweenness, mode = mode)),
      closeness = num(centralization(M, closeness, mode = mode))
    ),
    degree = nums(degree(M, gmode = mode)),
    betweenness = nums(betweenness(M, gmode = mode)),
    closeness = nums(closeness(M, gmode = mode)),
    brokerage = brok(M, cl)
  )
  added <- keep_rng(list(
    brokerage_roles = brok_roles(M, cl),
    gtrans = num(gtrans(M)),
    gtrans_edgelist = num(gtrans(M, use.adjacency = FALSE)),
    grecip = list(
      dyadic = num(grecip(M, measure = "dyadic")),
      dyadic.nonnull = num(grecip(M, measure = "dyadic.nonnull")),
      edgewise = num(grecip(M, measure = "edgewise")),
      edgewise.lrr = num(grecip(M, measure = "edgewise.lrr"))
    )
  ))
  c(first, added)
}

same <- function(a, b) isTRUE(all.equal(a, b))

records <- lapply(graphs, function(g) {
  M <- g$M
  n <- nrow(M)
  dimnames(M) <- NULL
  cl <- paste0("g", sample.int(sample(3:5, 1), n, replace = TRUE))
  S <- M
  if (n >= 2) S <- symmetrize(M, rule = "weak")
  dir <- results(M, "digraph", cl)
  und <- results(S, "graph", cl)
  # sna ignores self-loops by default: check it, so that govmodel may do the same.
  if (any(diag(M) != 0)) {
    M0 <- M; diag(M0) <- 0
    S0 <- S; diag(S0) <- 0
    stopifnot(same(dir, results(M0, "digraph", cl)), same(und, results(S0, "graph", cl)))
  }
  e <- which(M != 0, arr.ind = TRUE)
  e <- e[order(e[, 1], e[, 2]), , drop = FALSE] - 1
  list(name = g$name, kind = g$kind, n = n, edges = unname(e), groups = I(cl),
       digraph = dir, graph = und)
})

doc <- list(
  description = paste(
    "Reference values of R package sna for govmodel.metrics.structural;",
    "generated by tools/sna/make_fixtures.R. Node ids are 0-based; 'digraph' holds sna's",
    "results on the digraph (mode = 'digraph'), 'graph' on its weak symmetrization",
    "(mode = 'graph'); null stands for NaN, NA, Inf or an sna error."
  ),
  sna_version = as.character(packageVersion("sna")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  seed = SEED,
  brokerage_columns = c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t"),
  graphs = records
)

dir.create(dirname(out_path), recursive = TRUE, showWarnings = FALSE)
writeLines(toJSON(doc, auto_unbox = TRUE, na = "null", null = "null", json_verbatim = TRUE,
                  pretty = FALSE), out_path)
cat(sprintf("wrote %d graphs to %s (sna %s)\n", length(records), out_path, doc$sna_version))

# =============================================================================================
# Inference: gcor, qaptest, netlm and netlogit, for govmodel.stats.
#
# Each case holds its graphs as valued edge lists (0-based [tail, head, value], the diagonal
# left out: sna ignores it by default) with n. The permutation p-values come from REPS random
# permutations; govmodel's tests compare them with their own within a binomial tolerance.
# Everything else (correlations, coefficients, t- and z-values, classical p-values, goodness of
# fit) is exact.

set.seed(SEED + 1L)
REPS <- 2000L

valued_edges <- function(M) {
  diag(M) <- 0
  e <- which(M != 0, arr.ind = TRUE)
  e <- e[order(e[, 1], e[, 2]), , drop = FALSE]
  unname(cbind(e - 1, M[e]))
}

symmetric <- function(M) {
  S <- (M + t(M)) > 0
  S + 0
}

p_abs <- function(dist, value) mean(abs(dist) >= abs(value))

qap_case <- function(name, G1, G2) {
  q <- qaptest(list(G1, G2), gcor, g1 = 1, g2 = 2, reps = REPS)
  list(name = name, n = nrow(G1), g1 = valued_edges(G1), g2 = valued_edges(G2),
       gcor = num(gcor(G1, G2)), gcov = num(gcov(G1, G2)),
       qaptest = list(testval = num(q$testval), pgreq = num(q$pgreq), pleeq = num(q$pleeq),
                      pabs = num(p_abs(q$dist, q$testval)), reps = REPS))
}

fit_record <- function(fit) {
  list(pleeq = nums(fit$pleeq), pgreq = nums(fit$pgreq), pgreqabs = nums(fit$pgreqabs))
}

regression_case <- function(name, FUN, y, xs) {
  fits <- lapply(c("qapspp", "qapy", "classical"), function(h) FUN(y, xs, nullhyp = h, reps = REPS))
  base <- fits[[3]]
  list(name = name, n = nrow(y), y = valued_edges(y), xs = lapply(xs, valued_edges),
       coefficients = nums(base$coefficients), tstat = nums(base$tstat),
       qapspp = fit_record(fits[[1]]), qapy = fit_record(fits[[2]]),
       classical = fit_record(fits[[3]]), goodness_of_fit = goodness_of_fit(base), reps = REPS)
}

# The deterministic goodness of fit: for netlm what summary.lm reports (sna's netlm keeps the
# fitted values and residuals), for netlogit sna's deviance, AIC and BIC.
goodness_of_fit <- function(fit) {
  if (inherits(fit, "netlogit"))
    return(list(deviance = num(fit$deviance), aic = num(fit$aic), bic = num(fit$bic)))
  mss <- sum((fit$fitted.values - mean(fit$fitted.values))^2)
  rss <- sum(fit$residuals^2)
  r2 <- mss / (mss + rss)
  list(r_squared = num(r2), adj_r_squared = num(1 - (1 - r2) * (fit$n - 1) / fit$df.residual),
       residual_se = num(sqrt(rss / fit$df.residual)))
}

qap_cases <- list()
n <- 12; A <- random_digraph(n, 0.3); B <- A; flip <- matrix(rbinom(n * n, 1, 0.15), n, n)
B[flip == 1] <- 1 - B[flip == 1]; diag(B) <- 0
qap_cases[[1]] <- qap_case("correlated-12", A, B)
qap_cases[[2]] <- qap_case("independent-20", random_digraph(20, 0.2), random_digraph(20, 0.25))
S1 <- symmetric(random_digraph(15, 0.15)); S2 <- S1; S2[1:5, ] <- symmetric(random_digraph(15, 0.3))[1:5, ]
S2 <- symmetric(S2); diag(S2) <- 0
qap_cases[[3]] <- qap_case("symmetric-15", S1, S2)
V <- matrix(rpois(100, 1.5), 10, 10); diag(V) <- 0
qap_cases[[4]] <- qap_case("valued-10", V, (V + random_digraph(10, 0.2)) > 2)
M5 <- matrix(0, 5, 5); M5[1, 2] <- M5[2, 3] <- M5[3, 1] <- M5[4, 5] <- 1
N5 <- matrix(0, 5, 5); N5[1, 2] <- N5[2, 1] <- N5[4, 5] <- N5[3, 4] <- 1
qap_cases[[5]] <- qap_case("small-ties-5", M5, N5)

same_group <- function(cl) outer(cl, cl, "==") + 0

regression_cases <- list()
n <- 25
cl <- sample.int(3, n, replace = TRUE)
X1 <- random_digraph(n, 0.2); X2 <- same_group(cl); X3 <- matrix(round(runif(n * n, 0, 3), 1), n, n)
diag(X2) <- 0; diag(X3) <- 0
Y <- matrix(rpois(n * n, exp(-0.5 + 0.8 * X1 + 0.6 * X2 + 0.1 * X3)), n, n); diag(Y) <- 0
regression_cases[[1]] <- regression_case("netlm-3x-25", netlm, Y, list(X1, X2, X3))
n <- 15
X <- random_digraph(n, 0.3); Y <- X; flip <- matrix(rbinom(n * n, 1, 0.3), n, n)
Y[flip == 1] <- 1 - Y[flip == 1]; diag(Y) <- 0
regression_cases[[2]] <- regression_case("netlm-1x-15", netlm, Y, list(X))
S <- symmetric(random_digraph(18, 0.2)); T <- symmetric(random_digraph(18, 0.2))
YS <- symmetric((S + T + symmetric(random_digraph(18, 0.1))) > 1)
regression_cases[[3]] <- regression_case("netlm-symmetric-18", netlm, YS, list(S, T))
n <- 20
W1 <- random_digraph(n, 0.3); W2 <- matrix(round(rnorm(n * n), 2), n, n); diag(W2) <- 0
Y <- matrix(round(rnorm(n * n, 1 + 0.12 * W1 + 0.06 * W2), 2), n, n); diag(Y) <- 0
regression_cases[[4]] <- regression_case("netlm-weak-20", netlm, Y, list(W1, W2))

logit_cases <- list()
n <- 20
cl <- sample.int(2, n, replace = TRUE)
X1 <- random_digraph(n, 0.25); X2 <- matrix(round(rnorm(n * n), 2), n, n); diag(X2) <- 0
P <- plogis(-1.5 + 1.2 * X1 + 0.7 * X2 + 0.8 * same_group(cl))
Y <- matrix(rbinom(n * n, 1, P), n, n); diag(Y) <- 0
X3 <- same_group(cl); diag(X3) <- 0
logit_cases[[1]] <- regression_case("netlogit-3x-20", netlogit, Y, list(X1, X2, X3))
n <- 14
X <- random_digraph(n, 0.3)
Y <- matrix(rbinom(n * n, 1, plogis(-1 + 1.5 * X)), n, n); diag(Y) <- 0
logit_cases[[2]] <- regression_case("netlogit-1x-14", netlogit, Y, list(X))
n <- 16
W1 <- random_digraph(n, 0.3); W2 <- matrix(round(rnorm(n * n), 2), n, n); diag(W2) <- 0
Y <- matrix(rbinom(n * n, 1, plogis(-0.8 + 0.3 * W1 + 0.15 * W2)), n, n); diag(Y) <- 0
logit_cases[[3]] <- regression_case("netlogit-weak-16", netlogit, Y, list(W1, W2))

# Exact QAP p-values: sna's gcor of g1 and g2 relabelled by every permutation of the nodes
# (sna's qaptest draws random ones), compared as qaptest does (>=, <= and abs(dist) >=
# abs(testval), exactly), and the same with a difference within 1e-10 (relative to
# max(1, |testval|)) counted as a tie, as govmodel does. Drawn with the seed SEED + 2, after
# everything above, so that it changes nothing there.

set.seed(SEED + 2L)

all_permutations <- function(n) {
  if (n == 1) return(matrix(1L, 1, 1))
  P <- all_permutations(n - 1)
  do.call(rbind, lapply(seq_len(n), function(i) cbind(i, ifelse(P >= i, P + 1L, P))))
}

exact_case <- function(name, G1, G2) {
  P <- all_permutations(nrow(G1))
  testval <- gcor(G1, G2)
  dist <- apply(P, 1, function(p) gcor(G1, G2[p, p]))
  tol <- 1e-10 * max(1, abs(testval))
  list(name = name, n = nrow(G1), g1 = valued_edges(G1), g2 = valued_edges(G2),
       gcor = num(testval), perms = nrow(P),
       exact = list(pgreq = num(mean(dist >= testval)), pleeq = num(mean(dist <= testval)),
                    pabs = num(mean(abs(dist) >= abs(testval)))),
       tolerant = list(pgreq = num(mean(dist >= testval - tol)),
                       pleeq = num(mean(dist <= testval + tol)),
                       pabs = num(mean(abs(dist) >= abs(testval) - tol))))
}

exact_cases <- list()
exact_cases[[1]] <- exact_case("directed-5", random_digraph(5, 0.4), random_digraph(5, 0.4))
A <- random_digraph(6, 0.5); B <- A; B[sample.int(36, 8)] <- 0; diag(B) <- 0
exact_cases[[2]] <- exact_case("correlated-6", A, B)
exact_cases[[3]] <- exact_case("symmetric-6", symmetric(random_digraph(6, 0.25)),
                               symmetric(random_digraph(6, 0.25)))
V1 <- matrix(rpois(25, 1.2), 5, 5); diag(V1) <- 0
V2 <- matrix(round(runif(25, 0, 4), 1), 5, 5) * random_digraph(5, 0.6)
exact_cases[[4]] <- exact_case("valued-5", V1, V2)
M <- matrix(0, 4, 4); M[1, 2:4] <- 1
exact_cases[[5]] <- exact_case("out-star-in-star-4", M, t(M))
# a pair whose correlation is 0; sna computes it as -3.8e-20, and its exact comparisons
# with the permuted correlations (0 again, up to rounding) are decided by rounding
Z1 <- matrix(c(0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1,
               1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0), 6, 6, byrow = TRUE)
Z2 <- matrix(c(0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1,
               1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0), 6, 6, byrow = TRUE)
exact_cases[[6]] <- exact_case("zero-correlation-6", Z1, Z2)

stats_doc <- list(
  description = paste(
    "Reference values of R package sna for govmodel.stats; generated by",
    "tools/sna/make_fixtures.R. Graphs are valued edge lists [tail, head, value] with",
    "0-based node ids and no diagonal; permutation p-values come from 'reps' random",
    "permutations (pabs is mean(abs(dist) >= abs(testval))); null stands for NaN or NA."
  ),
  sna_version = as.character(packageVersion("sna")),
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  seed = SEED + 1L,
  qap = qap_cases,
  netlm = regression_cases,
  netlogit = logit_cases,
  qap_exact = exact_cases
)
writeLines(toJSON(stats_doc, auto_unbox = TRUE, na = "null", null = "null", json_verbatim = TRUE,
                  pretty = FALSE, digits = NA), stats_path)
cat(sprintf("wrote %d QAP, %d netlm, %d netlogit and %d exact QAP cases to %s\n",
            length(qap_cases), length(regression_cases), length(logit_cases),
            length(exact_cases), stats_path))

edge_cases(edges_path)

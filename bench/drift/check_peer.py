"""Peer of bench:drift figure 3e: one whole drift check done with numpy/scipy, column by column,
with the test our check chose for that column (`defaultStattest`), on the same values.

usage: python3 check_peer.py <manifest.json> <runs>

The manifest lists the columns (the features, then the model's prediction), each
{name, type, test, current, reference_rows, reference_missing, ...}: `current` is the path of a
little-endian float64 file of the current column (NaN/inf = missing; a categorical column as the
code of its category: the sorted reference categories 0..k-1, then the categories only the
current side has, sorted, k, k+1, ...). A numeric column also has `reference_sample` (a float64
file: the stored sample), `bin_edges`, `bin_counts` and `value_counts` ({values, counts} or
null); a categorical one has `reference_counts` (in code order).

One check, per column, as shared/drift/check/columnDrift.ts does it:
  - drop the missing values (np.isfinite) and test the missing share (two-proportion z-test);
  - the statistic: wasserstein = scipy.stats.wasserstein_distance(sample, current) /
    max(np.std(sample), 0.001), or with stored value counts wasserstein_distance(values, current,
    u_weights=counts) / max(weighted std, 0.001); ks = scipy.stats.ks_2samp (method 'auto'); jensenshannon =
    scipy.spatial.distance.jensenshannon (natural log) on the bin counts; chisquare =
    scipy.stats.chisquare(current, f_exp) with the reference shares (a bin the reference never saw
    gets 1/(n_ref + 1), then renormalized); z = the pooled two-proportion z-test on the first bin,
    p = 2 norm.sf(|z|);
  - the bins: categorical = np.bincount of the codes; numeric with stored value counts and at most
    5 distinct values in both = np.unique; other numerics = the stored decile edges
    (np.searchsorted side 'left' + np.bincount), which also give the histogram of a sample test.
Timing: one warm-up check, then the median wall seconds (time.perf_counter) of <runs> checks.
Prints one JSON object: {"scipy", "numpy", "seconds", "runs",
 "results": [{"name", "test", "statistic", "p_value", "histogram", "missing", "missing_p_value"}, ...]}
(the results in manifest order).
"""
import json
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import chisquare, ks_2samp, norm, wasserstein_distance

FEW_VALUES = 5
STD_FLOOR = 0.001


def two_proportion_p(successes1, total1, successes2, total2):
    if total1 == 0 or total2 == 0:
        return 0.0, 1.0
    pooled = (successes1 + successes2) / (total1 + total2)
    variance = pooled * (1 - pooled) * (1 / total1 + 1 / total2)
    if not variance > 0:
        return 0.0, 1.0
    z = (successes1 / total1 - successes2 / total2) / np.sqrt(variance)
    return float(z), float(2 * norm.sf(abs(z)))


def edge_histogram(values, edges):
    return np.bincount(np.searchsorted(edges, values, side="left"), minlength=len(edges) + 1)


def bins(column, values):
    """The reference and current counts over the bins the binned tests use."""
    if column["type"] == "categorical":
        reference = column["reference_counts_array"]
        current = np.bincount(values.astype(np.int64), minlength=len(reference))
        return np.concatenate([reference, np.zeros(len(current) - len(reference))]), current
    value_counts = column["value_counts"]
    if value_counts is not None:
        seen, counts = np.unique(values, return_counts=True)
        union = np.union1d(value_counts["values"], seen)
        if len(union) <= FEW_VALUES:
            reference = np.zeros(len(union))
            reference[np.searchsorted(union, value_counts["values"])] = value_counts["counts"]
            current = np.zeros(len(union))
            current[np.searchsorted(union, seen)] = counts
            return reference, current
    return column["bin_counts_array"], edge_histogram(values, column["bin_edges_array"])


def statistic(column, values):
    test = column["test"]
    if test == "wasserstein":
        value_counts = column["value_counts"]
        if value_counts is not None:  # the whole reference, each distinct value weighted by its count
            support, weights = np.asarray(value_counts["values"]), np.asarray(value_counts["counts"], dtype=float)
            mean = np.average(support, weights=weights)
            spread = np.sqrt(np.average((support - mean) ** 2, weights=weights))
            distance = wasserstein_distance(support, values, u_weights=weights) / max(spread, STD_FLOOR)
        else:
            sample = column["sample"]
            distance = wasserstein_distance(sample, values) / max(np.std(sample), STD_FLOOR)
        return float(distance), None, edge_histogram(values, column["bin_edges_array"])
    if test == "ks":
        result = ks_2samp(column["sample"], values)
        return float(result.statistic), float(result.pvalue), edge_histogram(values, column["bin_edges_array"])
    reference, current = bins(column, values)
    if test == "jensenshannon":
        return float(jensenshannon(reference, current)), None, current
    if test == "chisquare":
        if len(reference) == 1:
            return 0.0, 1.0, current
        total = reference.sum()
        shares = np.where(reference > 0, reference / total, 1 / (total + 1))
        result = chisquare(current, f_exp=shares / shares.sum() * current.sum())
        return float(result.statistic), float(result.pvalue), current
    if test == "z":
        z, p = two_proportion_p(reference[0], reference.sum(), current[0], current.sum())
        return z, p, current
    raise ValueError(f"column {column['name']}: no peer for test {test}")


def check_column(column):
    values = column["values"]
    finite = values[np.isfinite(values)]
    missing = len(values) - len(finite)
    reference_total = column["reference_rows"] + column["reference_missing"]
    _, missing_p = two_proportion_p(column["reference_missing"], reference_total, missing, len(values))
    value, p_value, histogram = statistic(column, finite)
    return {"name": column["name"], "test": column["test"], "statistic": value, "p_value": p_value, "histogram": histogram, "missing": missing, "missing_p_value": missing_p}


def check(columns):
    return [check_column(column) for column in columns]


def load(column):
    loaded = dict(column)
    loaded["values"] = np.fromfile(column["current"], dtype="<f8")
    if column["type"] == "categorical":
        loaded["reference_counts_array"] = np.asarray(column["reference_counts"], dtype=np.float64)
    else:
        loaded["sample"] = np.fromfile(column["reference_sample"], dtype="<f8")
        loaded["bin_edges_array"] = np.asarray(column["bin_edges"], dtype=np.float64)
        loaded["bin_counts_array"] = np.asarray(column["bin_counts"], dtype=np.float64)
    return loaded


def main():
    manifest_path, runs = sys.argv[1], int(sys.argv[2])
    with open(manifest_path, encoding="utf8") as f:
        manifest = json.load(f)
    columns = [load(c) for c in manifest["columns"]]
    results = check(columns)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        results = check(columns)
        times.append(time.perf_counter() - start)
    for result in results:
        result["histogram"] = [int(c) for c in result["histogram"]]
        result["missing"] = int(result["missing"])
    print(json.dumps({
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "seconds": statistics.median(times),
        "runs": runs,
        "results": results,
    }))


if __name__ == "__main__":
    main()

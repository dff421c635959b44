#!/usr/bin/env python3
"""scipy oracle for test/driftStatisticsParity.test.ts.

Reads one JSON object of cases from stdin and prints scipy's answers as JSON on stdout:
  chi2sf:        [[x, df], ...]            -> scipy.stats.chi2.sf(x, df)
  erfc:          [x, ...]                  -> scipy.special.erfc(x)
  normsf:        [z, ...]                  -> scipy.stats.norm.sf(z)
  chisquare:     [[reference, current]]    -> scipy.stats.chisquare(current, f_exp=expected),
                 expected = reference shares × Σ current, a reference bin of 0 getting the share
                 1 / (n_ref + 1) before the shares are renormalized
  ztest:         [[s1, n1, s2, n2], ...]   -> pooled two-proportion z and 2 · norm.sf(|z|)
                 (statistic 0, p 1 when the pooled variance is 0)
  wasserstein:   [[u, v], ...]             -> wasserstein_distance(u, v) / max(np.std(u), 0.001)
                 (and the raw distance)
  weighted_wasserstein: [[u, v, u_weights, v_weights], ...]
                 -> wasserstein_distance(u, v, u_weights, v_weights) (raw) and the raw distance
                 over the weighted std of u (np.average with weights), floored at 0.001
  jensenshannon: [[p, q], ...]             -> scipy.spatial.distance.jensenshannon(p, q) (base e)
  ks_exact:      [[u, v], ...]             -> scipy.stats.ks_2samp(u, v, method='exact'): statistic, pvalue
Python, numpy and scipy are the oracle only; nothing here is used by the TypeScript code.
"""
import json
import math
import sys

import numpy as np
from scipy import special, stats
from scipy.spatial import distance


def chisquare(reference, current):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    n_ref = reference.sum()
    shares = np.where(reference > 0, reference / n_ref, 1.0 / (n_ref + 1.0))
    expected = shares / shares.sum() * current.sum()
    result = stats.chisquare(current, f_exp=expected)
    return [float(result.statistic), float(result.pvalue)]


def ztest(s1, n1, s2, n2):
    pooled = (s1 + s2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if not variance > 0:
        return [0.0, 1.0]
    z = (s1 / n1 - s2 / n2) / math.sqrt(variance)
    return [z, float(2 * stats.norm.sf(abs(z)))]


def wasserstein(u, v):
    raw = float(stats.wasserstein_distance(u, v))
    return [raw, raw / max(float(np.std(u)), 0.001)]


def weighted_wasserstein(u, v, u_weights, v_weights):
    raw = float(stats.wasserstein_distance(u, v, u_weights, v_weights))
    mean = np.average(u, weights=u_weights)
    std = math.sqrt(float(np.average((np.asarray(u) - mean) ** 2, weights=u_weights)))
    return [raw, raw / max(std, 0.001)]


def ks_exact(u, v):
    result = stats.ks_2samp(u, v, alternative="two-sided", method="exact")
    return [float(result.statistic), float(result.pvalue)]


def main():
    cases = json.load(sys.stdin)
    out = {
        "chi2sf": [float(stats.chi2.sf(x, df)) for x, df in cases.get("chi2sf", [])],
        "erfc": [float(special.erfc(x)) for x in cases.get("erfc", [])],
        "normsf": [float(stats.norm.sf(z)) for z in cases.get("normsf", [])],
        "chisquare": [chisquare(r, c) for r, c in cases.get("chisquare", [])],
        "ztest": [ztest(*case) for case in cases.get("ztest", [])],
        "wasserstein": [wasserstein(u, v) for u, v in cases.get("wasserstein", [])],
        "weighted_wasserstein": [weighted_wasserstein(*case) for case in cases.get("weighted_wasserstein", [])],
        "jensenshannon": [float(distance.jensenshannon(p, q)) for p, q in cases.get("jensenshannon", [])],
        "ks_exact": [ks_exact(u, v) for u, v in cases.get("ks_exact", [])],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

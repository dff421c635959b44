"""Peer of bench:drift figure 3c: scipy.stats.ks_2samp (method 'auto', two-sided) on the same
column pairs our ksTwoSample is timed on.

usage: python3 ks_peer.py <manifest.json> <runs> <single column name>

The manifest lists {name, reference, current}: paths of little-endian float64 files written by
the bench. Timing: one warm-up call, then the median wall seconds (time.perf_counter) of <runs>
calls, for the single column, and for one pass over every column. Prints one JSON object:
{"scipy", "numpy", "single": {"name", "seconds"}, "all": {"columns", "seconds"},
 "results": {name: {"statistic", "pvalue", "n_reference", "n_current"}}}.
"""
import json
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.stats import ks_2samp


def median_seconds(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    manifest_path, runs, single = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(manifest_path, encoding="utf8") as f:
        manifest = json.load(f)
    pairs = [
        (c["name"], np.fromfile(c["reference"], dtype="<f8"), np.fromfile(c["current"], dtype="<f8"))
        for c in manifest["columns"]
    ]
    by_name = {name: (ref, cur) for name, ref, cur in pairs}
    ref, cur = by_name[single]
    single_s = median_seconds(lambda: ks_2samp(ref, cur), runs)
    all_s = median_seconds(lambda: [ks_2samp(r, c) for _, r, c in pairs], runs)
    results = {}
    for name, r, c in pairs:
        res = ks_2samp(r, c)
        results[name] = {"statistic": float(res.statistic), "pvalue": float(res.pvalue), "n_reference": len(r), "n_current": len(c)}
    print(json.dumps({
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "single": {"name": single, "seconds": single_s},
        "all": {"columns": len(pairs), "seconds": all_s},
        "results": results,
    }))


if __name__ == "__main__":
    main()

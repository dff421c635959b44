#!/usr/bin/env python3
"""scipy oracle for test/ksParity.test.ts (the asymptotic branch of the two-sample KS test).

Reads one JSON object of cases from stdin and prints scipy's answers as JSON on stdout:
  kstwo_sf: [[x, n], ...]  -> scipy.stats.kstwo.sf(x, n), the one-sample two-sided KS survival
                              function for a finite n
  ks_2samp: [[u, v], ...]  -> scipy.stats.ks_2samp(u, v, alternative='two-sided', method='auto'):
                              [statistic, pvalue]
Python, numpy and scipy are the oracle only; nothing here is used by the TypeScript code.
"""
import json
import sys

from scipy import stats


def ks_2samp(u, v):
    result = stats.ks_2samp(u, v, alternative="two-sided", method="auto")
    return [float(result.statistic), float(result.pvalue)]


def main():
    cases = json.load(sys.stdin)
    out = {
        "kstwo_sf": [float(stats.kstwo.sf(x, n)) for x, n in cases.get("kstwo_sf", [])],
        "ks_2samp": [ks_2samp(u, v) for u, v in cases.get("ks_2samp", [])],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

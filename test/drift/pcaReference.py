#!/usr/bin/env python3
"""numpy oracle for test/multivariatePcaParity.test.ts: NannyML's data reconstruction fit, with numpy only.

Reads one JSON object from stdin: {"share": 0.65, "reference": [column, ...], "current": [column, ...]}, a
column being {"type": "numeric" | "categorical", "values": [number | string | null, ...]}. Prints JSON:
  impute, frequencies (per column), mean, scale    SimpleImputer(mean / most_frequent, ties to the smallest),
                                                   CountEncoder(normalize=True, unseen -> 0), StandardScaler
  pca_mean, components, explained_variance, ratio  PCA(n_components=share, svd_solver='full') by np.linalg.svd of
                                                   the centred scaled matrix, svd_flip(u_based_decision=False)
  reference_errors, current_errors                 np.linalg.norm(X - inverse_transform(transform(X)), axis=1)
Python and numpy are the oracle only; nothing here is used by the TypeScript code.
"""
import json
import sys

import numpy as np


def fit_column(column):
    values = column["values"]
    if column["type"] == "numeric":
        present = np.array([v for v in values if v is not None], dtype=float)
        impute = float(present.mean()) if present.size else 0.0
        return {"type": "numeric", "impute": impute}
    counts = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    top = max(counts.values()) if counts else 0
    impute = min(c for c, n in counts.items() if n == top) if counts else None
    imputed = [impute if v is None else v for v in values]
    frequencies = {}
    for v in imputed:
        if v is not None:
            frequencies[v] = frequencies.get(v, 0) + 1
    return {"type": "categorical", "impute": impute, "frequencies": {c: n / len(values) for c, n in frequencies.items()}}


def encode(fitted, column):
    if fitted["type"] == "numeric":
        return np.array([fitted["impute"] if v is None else v for v in column["values"]], dtype=float)
    out = []
    for v in column["values"]:
        c = fitted["impute"] if v is None else v
        out.append(fitted["frequencies"].get(c, 0.0) if c is not None else 0.0)
    return np.array(out, dtype=float)


def main():
    case = json.load(sys.stdin)
    fitted = [fit_column(c) for c in case["reference"]]
    X = np.column_stack([encode(f, c) for f, c in zip(fitted, case["reference"])])
    n = X.shape[0]
    mean = X.mean(axis=0)
    var = X.var(axis=0)
    constant = var <= n * np.finfo(np.float64).eps * var + (n * mean * np.finfo(np.float64).eps) ** 2
    scale = np.where(constant, 1.0, np.sqrt(var))
    Z = (X - mean) / scale
    pca_mean = Z.mean(axis=0)
    U, S, Vt = np.linalg.svd(Z - pca_mean, full_matrices=False)
    signs = np.sign(Vt[np.arange(Vt.shape[0]), np.argmax(np.abs(Vt), axis=1)])
    Vt = Vt * signs[:, None]
    explained = S**2 / (n - 1)
    ratio = explained / explained.sum()
    k = int(np.searchsorted(np.cumsum(ratio), case["share"], side="right") + 1)
    W = Vt[:k]

    def errors(M):
        C = M - pca_mean
        return np.linalg.norm(C - (C @ W.T) @ W, axis=1)

    Y = np.column_stack([encode(f, c) for f, c in zip(fitted, case["current"])])
    json.dump(
        {
            "impute": [f["impute"] for f in fitted],
            "frequencies": [f.get("frequencies") for f in fitted],
            "mean": mean.tolist(),
            "scale": scale.tolist(),
            "pca_mean": pca_mean.tolist(),
            "components": W.tolist(),
            "explained_variance": explained.tolist(),
            "ratio": ratio.tolist(),
            "reference_errors": errors(Z).tolist(),
            "current_errors": errors((Y - mean) / scale).tolist(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()

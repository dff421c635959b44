"""LightGBM timings for bench:train where ../shared/reference/peer.py has none: one JSON line.

usage: python lightgbm_peer.py TRAIN.csv --target COL [--test TEST.csv] [--predict-repeats N]

The model is peer.py's: LGBMClassifier(n_estimators=100, random_state=42, n_jobs=1, verbose=-1)
(LightGBM's defaults otherwise: 31 leaves, learning rate 0.1, min 20 rows per leaf) behind the
same preprocessing (most-frequent imputation + one-hot for text columns, median imputation +
StandardScaler for the others), for a binary or a multiclass integer target alike.

Prints {"fit_s", "max_rss_kb", "classes"} and, with --test, "batch_rows_per_s" (the pipeline's
predict_proba on the test rows, preprocessing included, best of N) and "booster_rows_per_s" (the
fitted LightGBM model alone on the already transformed test matrix, best of N). fit_s is the wall
time of the pipeline's fit() (preprocessing and Dataset construction included), as in peer.py;
max_rss_kb is this process's peak resident set size after the fit (ru_maxrss).
"""
import argparse, json, os, resource, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np, pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
import lightgbm as lgb

ap = argparse.ArgumentParser()
ap.add_argument("train"); ap.add_argument("--target", required=True); ap.add_argument("--test")
ap.add_argument("--predict-repeats", type=int, default=5)
a = ap.parse_args()
tr = pd.read_csv(a.train)
ytr = tr.pop(a.target).values
cat = [c for c in tr.columns if tr[c].dtype == object]; num = [c for c in tr.columns if c not in cat]
pre = ColumnTransformer([
    ("c", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), cat),
    ("n", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num)])
model = make_pipeline(pre, lgb.LGBMClassifier(n_estimators=100, random_state=42, n_jobs=1, verbose=-1))
t = time.perf_counter(); model.fit(tr, ytr); fit_s = time.perf_counter() - t
row = dict(fit_s=fit_s, max_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, classes=int(len(np.unique(ytr))))

def best_rate(predict, n):
    best = float("inf")
    for _ in range(a.predict_repeats):
        t = time.perf_counter(); predict(); best = min(best, time.perf_counter() - t)
    return n / best

if a.test:
    te = pd.read_csv(a.test); te.pop(a.target)
    row["batch_rows_per_s"] = best_rate(lambda: model.predict_proba(te), len(te))
    transformed = model[0].transform(te)
    booster = model[-1]
    row["booster_rows_per_s"] = best_rate(lambda: booster.predict_proba(transformed), len(te))
print(json.dumps(row), flush=True)

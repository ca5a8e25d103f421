#!/usr/bin/python3
# suggest-vs-sklearn.py — Tandem's suggested model against scikit-learn on the same split
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   /usr/bin/python3 bench/suggest-vs-sklearn.py TANDEM-CLI WORKSPACE [suggest options…]
#
# Runs `tandem-cli suggest WORKSPACE --json` with the hidden --features
# option, which writes every lead with an outcome, its side of the split
# (train/holdout) and the value of every candidate condition the fit saw.
# Then fits scikit-learn's LogisticRegression (solver liblinear, the same
# library Tandem links) on the training rows of those same features, and
# prints both models' holdout AUC and top-decile lift side by side.  Tandem's
# figures are those of its rounded, at-most-N-rules model; scikit-learn's
# uses every candidate with unrounded coefficients.  Not part of the test
# suite (Debian's python3-sklearn and python3-pandas).

import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def top_decile_lift(y, score):
    """Conversion of the best-scored 10 % over the base rate; a tied group at
    the edge counts pro rata (as Tandem's back-test does)."""
    order = np.argsort(-score, kind="stable")
    y, score = y[order], score[order]
    want, taken, won, i, n = 0.1 * len(y), 0.0, 0.0, 0, len(y)
    while i < n and taken < want:
        j = i
        while j < n and score[j] == score[i]:
            j += 1
        size = j - i
        part = min(1.0, (want - taken) / size)
        taken += part * size
        won += part * y[i:j].sum()
        i = j
    return (won / taken) / y.mean()


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: suggest-vs-sklearn.py TANDEM-CLI WORKSPACE [suggest options…]")
    cli, workspace, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        features = os.path.join(tmp, "features.csv")
        out = subprocess.run([cli, "suggest", workspace, "--json", "--features", features] + extra,
                             check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        data = pd.read_csv(features, dtype={"id": str})
    x_cols = [c for c in data.columns if c not in ("id", "split", "won")]
    train, test = data[data.split == "train"], data[data.split == "holdout"]
    y_train, y_test = train.won.to_numpy(), test.won.to_numpy()

    fits = {}
    for name, model in (("L2, C=1", LogisticRegression(solver="liblinear", penalty="l2", C=1.0, max_iter=1000)),
                        ("L1, C=1", LogisticRegression(solver="liblinear", penalty="l1", C=1.0, max_iter=1000))):
        model.fit(train[x_cols].to_numpy(), y_train)
        p = model.decision_function(test[x_cols].to_numpy())
        fits[name] = (roc_auc_score(y_test, p), top_decile_lift(y_test, p), int((model.coef_ != 0).sum()))

    s = report["backtest"]["suggested"]
    n_rules = len(report["rules"])
    print(f"workspace {workspace}: outcome {report['outcome']!r}, {len(train)} train / {len(test)} holdout leads, "
          f"{len(x_cols)} candidate conditions, seed {report['split']['seed']}")
    print(f"  {'model':<34} {'AUC':>6} {'top-decile lift':>16} {'conditions':>11}")
    print(f"  {'Tandem suggest (whole points)':<34} {s['auc']:6.3f} {s['top_decile_lift']:16.2f} {n_rules:11d}")
    for name, (auc, lift, nz) in fits.items():
        print(f"  {'scikit-learn liblinear ' + name:<34} {auc:6.3f} {lift:16.2f} {nz:11d}")
    live = report["backtest"]["live"]
    if live:
        print(f"  {'live model (' + report['backtest']['live_name'] + ')':<34} {live['auc']:6.3f} "
              f"{live['top_decile_lift']:16.2f}")


if __name__ == "__main__":
    main()

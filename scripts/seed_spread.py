#!/usr/bin/env python3
"""Variants of a recipe read against the spread of its seeds: for each run family PREFIX (the runs PREFIX-seedN of
docs/results/CORPUS/, or results/CORPUS/ for a run still going on), each seed's best dev F1 of its training log
(network only; every epoch it logged, so a run stopped by --min-lr counts as it stopped), the family's mean, and its
difference from the baseline family's mean in units of the standard error of that difference, the variance taken
from the baseline's seeds alone (the variants have too few seeds for their own).

    python3 scripts/seed_spread.py CORPUS BASELINE_PREFIX VARIANT_PREFIX [...]

With --tagged FOLDER..., the same for devel as `tag` tags by default: the families are then the names NAME-seedN of
scored models (`scripts/dev-score.sh` writes FOLDER/NAME-seedN/CORPUS.span.json and .token.json), read from the
folders given (the first folder holding a seed counts), and each line adds the paper's metric's mean and difference.

    python3 scripts/seed_spread.py CORPUS BASELINE_NAME VARIANT_NAME [...] --tagged FOLDER [...]
"""
import argparse
import json
import math
import pathlib
import re
import statistics
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_curves import ROOT, curve  # noqa: E402


def family(corpus, prefix):
    """{seed: best dev F1} of the runs PREFIX-seedN, from either results folder."""
    pattern = re.compile(re.escape(prefix) + r"-seed(\d+)$")
    best = {}
    for folder in (ROOT / "docs" / "results" / corpus, ROOT / "results" / corpus):
        for run in sorted(folder.glob(prefix + "-seed*")) if folder.is_dir() else []:
            m = pattern.match(run.name)
            if m and int(m.group(1)) not in best and (run / "training.tsv").exists():
                best[int(m.group(1))] = max(f1 for _, f1, _ in curve(corpus, run.name))
    if not best:
        sys.exit(f"seed_spread.py: no runs {prefix}-seedN with a training.tsv for {corpus}")
    return dict(sorted(best.items()))


def tagged_family(corpus, name, folders):
    """{seed: (exact-span F1, paper's-metric F1)} of the scored models NAME-seedN in the folders, the first one wins."""
    pattern = re.compile(re.escape(name) + r"-seed(\d+)$")
    scores = {}
    for folder in map(pathlib.Path, folders):
        for model in sorted(folder.glob(name + "-seed*")):
            m = pattern.match(model.name)
            span, token = model / f"{corpus}.span.json", model / f"{corpus}.token.json"
            if m and int(m.group(1)) not in scores and span.exists() and token.exists():
                scores[int(m.group(1))] = tuple(100 * json.loads(f.read_text())["micro"]["f1"] for f in (span, token))
    if not scores:
        sys.exit(f"seed_spread.py: no scored models {name}-seedN for {corpus} in {', '.join(folders)}")
    return dict(sorted(scores.items()))


def standard_error(sd_base, n_variant, n_base):
    """The standard error of a difference of two means, both with the baseline's seed spread sd_base."""
    return sd_base * math.sqrt(1 / n_variant + 1 / n_base)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("baseline")
    ap.add_argument("variants", nargs="+")
    ap.add_argument("--tagged", nargs="+", metavar="FOLDER", help="read devel as tagged from these score folders")
    a = ap.parse_args()
    if a.tagged:
        tagged(a)
        return
    base = family(a.corpus, a.baseline)
    if len(base) < 2:
        sys.exit("seed_spread.py: the baseline needs at least two seeds for a spread")
    mean_b, sd_b = statistics.mean(base.values()), statistics.stdev(base.values())
    print(f"{a.baseline}: {len(base)} seeds " + " / ".join(f"{v:.2f}" for v in base.values())
          + f"; mean {mean_b:.2f}, sd {sd_b:.2f}, range {min(base.values()):.2f}-{max(base.values()):.2f}")
    for prefix in a.variants:
        runs = family(a.corpus, prefix)
        mean_v = statistics.mean(runs.values())
        se = standard_error(sd_b, len(runs), len(base))
        print(f"{prefix}: {len(runs)} seed(s) " + " / ".join(f"{v:.2f}" for v in runs.values())
              + f"; mean {mean_v:.2f}, {mean_v - mean_b:+.2f} ({(mean_v - mean_b) / se:+.1f} se)")


def tagged(a):
    base = tagged_family(a.corpus, a.baseline, a.tagged)
    if len(base) < 2:
        sys.exit("seed_spread.py: the baseline needs at least two seeds for a spread")
    span_b = [v[0] for v in base.values()]
    mean_b, sd_b, paper_b = statistics.mean(span_b), statistics.stdev(span_b), statistics.mean(v[1] for v in base.values())
    line = lambda runs: " / ".join(f"{v[0]:.2f} ({v[1]:.2f})" for v in runs.values())
    print(f"{a.baseline}: {len(base)} seeds {line(base)}; mean {mean_b:.2f} ({paper_b:.2f}), sd {sd_b:.2f}, "
          f"range {min(span_b):.2f}-{max(span_b):.2f}")
    for name in a.variants:
        runs = tagged_family(a.corpus, name, a.tagged)
        mean_v, paper_v = statistics.mean(v[0] for v in runs.values()), statistics.mean(v[1] for v in runs.values())
        se = standard_error(sd_b, len(runs), len(base))
        print(f"{name}: {len(runs)} seed(s) {line(runs)}; mean {mean_v:.2f} ({paper_v:.2f}), "
              f"{mean_v - mean_b:+.2f} ({(mean_v - mean_b) / se:+.1f} se; paper's metric {paper_v - paper_b:+.2f})")


if __name__ == "__main__":
    main()

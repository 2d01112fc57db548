#!/usr/bin/env python3
"""Session 38: summaries of the devel curves of runs with weight averages (docs/results/NCBI-disease/RUN/): for the
run's training.tsv and each training-averaged-H.tsv, the best dev F1 and its epoch, the mean over the last ten
epochs and over epochs 11-20, and the dev F1 of the epochs given with --epochs (e.g. 13-16).

    python3 docs/results/session38/curve_means.py [--epochs 13-16] RUN...
"""
import argparse
import csv
import glob
import os


def f1s(path):
    with open(path) as f:
        return [100 * float(r['dev_f1']) for r in csv.DictReader(f, delimiter='\t')]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', help='first-last: also print these epochs\' dev F1')
    ap.add_argument('runs', nargs='+')
    a = ap.parse_args()
    for run in a.runs:
        folder = os.path.join('docs/results/NCBI-disease', run)
        logs = [os.path.join(folder, 'training.tsv')] + sorted(glob.glob(os.path.join(folder, 'training-averaged-*.tsv')),
                                                                key=lambda p: int(p.rsplit('-', 1)[1][:-4]))
        for log in logs:
            v = f1s(log)
            best = max(range(len(v)), key=lambda i: v[i])
            line = (f'{run} {os.path.basename(log)}: best {v[best]:.2f} (epoch {best + 1} of {len(v)}), '
                    f'mean of the last 10 {sum(v[-10:]) / len(v[-10:]):.2f}, of epochs 11-20 {sum(v[10:20]) / len(v[10:20]):.2f}')
            if a.epochs:
                lo, hi = (int(x) for x in a.epochs.split('-'))
                line += ', epochs %s: %s' % (a.epochs, ' / '.join(f'{x:.2f}' for x in v[lo - 1:hi]))
            print(line)


if __name__ == '__main__':
    main()

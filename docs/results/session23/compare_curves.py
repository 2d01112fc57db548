#!/usr/bin/env python3
"""Session 23: dev F1 curves (training logs, network only) of the taggers with the continued backward LM (v2)
against the same recipe with the shipped backward h1024 LM, at equal epochs (scripts/compare_curves.py says what
each figure is).

    python3 docs/results/session23/compare_curves.py
"""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.exit(subprocess.call([sys.executable, str(ROOT / "scripts" / "compare_curves.py"),
                          "NCBI-disease:flair1024+glove-s19:flair1024bv2+glove-s23",
                          "BC5CDR-disease:flair1024+glove-s23:flair1024bv2+glove-s23"]))

#!/usr/bin/env python3
"""Collects results/CORPUS/RUN/ (written by scripts/experiment.sh) into the markdown table of docs/RESULTS.md.

Usage: python3 scripts/results_table.py [--copy-curves]   (prints the table; --copy-curves also copies each
run's training.tsv and training.png to docs/results/CORPUS/RUN/ so they can be committed)."""
import json, pathlib, shutil, sys, zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAPER = {"NCBI-disease": 91.1, "BC5CDR-disease": 86.8, "BC5CDR-chem": 91.9, "BC4CHEMD": 94.0,
         "BC2GM": 90.2, "JNLPBA": 88.7, "linnaeus": 90.1, "s800": 85.5}
# BioBERT v1.1 test F1 as listed in the BioNerFlair paper, Table 2 (../shared/paper/BioNerFlair.txt)
BIOBERT = {"NCBI-disease": 89.71, "BC5CDR-disease": 87.15, "BC5CDR-chem": 93.47, "BC4CHEMD": 92.36,
           "BC2GM": 84.72, "JNLPBA": 77.49, "linnaeus": 88.24, "s800": 74.06}


def meta(model):
    with zipfile.ZipFile(model) as z:
        out = {}
        for line in z.read("meta.properties").decode("utf-8").splitlines():
            if line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            out[k.strip()] = v.strip().replace("\\:", ":").replace("\\=", "=")
        return out


def main():
    rows = []
    for run in sorted((ROOT / "results").glob("*/*")):
        model = run / "tagger.bnm"
        # results/CORPUS/RUN/test-eval.json (scripts/experiment.sh) or
        # results/union-TYPE/RUN/test-eval-CORPUS.json (scripts/union-model.sh: one model, one row per corpus)
        evals = [(run.parent.name, run.name, run / "test-eval.json")] if (run / "test-eval.json").exists() else [
            (ev.stem[len("test-eval-"):], f"{run.parent.name}/{run.name}", ev) for ev in sorted(run.glob("test-eval-*.json"))]
        if not model.exists() or not evals:
            continue
        m = meta(model)
        epochs = sum(1 for l in (run / "training.tsv").read_text().splitlines()[1:] if l.strip())
        wall = sum(int(x) for x in (run / "wall-seconds.txt").read_text().split()) if (run / "wall-seconds.txt").exists() else 0
        for corpus, label, ev in evals:
            e = json.loads(ev.read_text())["micro"]
            rows.append((corpus, label, m.get("embeddings.spec", "?"), epochs, m.get("x.train.epoch", "?"),
                         # a replayed schedule (train --replay-schedule) selects nothing on dev, which it may train on
                         float("nan") if "x.train.schedule" in m else float(m.get("x.train.dev.f1", "nan")) * 100,
                         e["precision"] * 100, e["recall"] * 100,
                         e["f1"] * 100, PAPER.get(corpus), BIOBERT.get(corpus), wall / 60,
                         (run / "command.txt").read_text().strip()))
        if "--copy-curves" in sys.argv:
            dest = ROOT / "docs" / "results" / run.parent.name / run.name
            dest.mkdir(parents=True, exist_ok=True)
            for f in ("training.tsv", "training.png", "command.txt"):
                if (run / f).exists():
                    shutil.copy(run / f, dest / f)
    rows.sort(key=lambda r: (list(PAPER).index(r[0]) if r[0] in PAPER else 99, "/" in r[1], r[1]))
    print("| corpus | run | epochs run | best epoch | dev F1 | test P | test R | test F1 | paper F1 | BioBERT v1.1 F1 | wall (min) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[3]} | {r[4]} | {r[5]:.2f} | {r[6]:.2f} | {r[7]:.2f} | **{r[8]:.2f}** | "
              f"{r[9] if r[9] else '–'} | {r[10] if r[10] else '–'} | {r[11]:.0f} |")
    print()
    print("Commands (run from the repository root; each is resumable):")
    print()
    seen = set()
    for r in rows:
        if r[12] not in seen:  # a union model's command once, not once per corpus
            seen.add(r[12])
            print(f"- {r[1] if '/' in r[1] else r[0] + ' / ' + r[1]} (embeddings `{r[2]}`): `{r[12]}`")


if __name__ == "__main__":
    main()

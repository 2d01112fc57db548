#!/usr/bin/env python3
"""Compares `bioner embed` output with PyTorch's Flair embeddings for a real Flair LM file.

/usr/bin/python3 verify_lm.py MODEL.pt SENTENCES.txt JAVA_VECTORS.tsv
(JAVA_VECTORS.tsv from: bioner embed --flair-lm MODEL(.pt|.bnm) --in SENTENCES.txt --out JAVA_VECTORS.tsv)
Prints the largest absolute difference per token vector and overall.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402

from make_fixtures import LanguageModel, flair_embeddings, read_sentences  # noqa: E402  (also installs the flair.data stub)


def main(model_path, sentences_path, java_path):
    state = torch.load(model_path, map_location="cpu")
    sd = {k: v.float() for k, v in state["state_dict"].items()}
    lm = LanguageModel(state["dictionary"], state["is_forward_lm"], state["hidden_size"], state["nlayers"],
                       state["embedding_size"], state["nout"])
    lm.load_state_dict(sd)
    lm.eval()
    sentences = read_sentences(sentences_path)
    with torch.no_grad():
        ref = flair_embeddings(lm, sentences)
        # float64 run: how far float32 itself is from exact, to judge the Java-vs-PyTorch difference
        ref64 = flair_embeddings(lm.double(), sentences)
    worst, worst64, torch64, n = 0.0, 0.0, 0.0, 0
    with open(java_path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            s, t = int(p[0]), int(p[1])
            v = torch.tensor([float(x) for x in p[3:]], dtype=torch.float64)
            worst = max(worst, (v - ref[s][t].double()).abs().max().item())
            worst64 = max(worst64, (v - ref64[s][t]).abs().max().item())
            torch64 = max(torch64, (ref[s][t].double() - ref64[s][t]).abs().max().item())
            n += 1
    print(f"{model_path}: torch {torch.__version__}, {n} tokens, {sum(map(len, sentences))} expected, max abs diff "
          f"java-torch {worst:.3g}; against float64: java {worst64:.3g}, torch float32 {torch64:.3g}")


if __name__ == "__main__":
    main(*sys.argv[1:4])

#!/usr/bin/env python3
"""Merges `bioner gpu-check`'s JSON and torch_gpu_reference.py's JSON lines into one report with the
Java / PyTorch throughput ratios (same GPU, same networks, same data). Usage: gpu_report.py java.json torch.jsonl JAVA_EXIT"""
import json
import sys


def main():
    java_path, torch_path, java_rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
    try:
        with open(java_path) as f:
            java = json.load(f)
    except (OSError, ValueError) as e:
        java = {"error": "no Java report: %s" % e}
    torch = []
    with open(torch_path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    torch.append(json.loads(line))
                except ValueError:
                    torch.append({"error": "unparsable line", "line": line})

    def pick(mode, batch):
        for r in torch:
            if r.get("mode") == mode and r.get("batch") == batch and "error" not in r:
                return r
        return None

    tp = java.get("throughput", {})
    ratios = {}

    def ratio(name, jv, t, key):
        if jv is not None and t is not None and t.get(key):
            ratios[name] = round(jv / t[key], 3)

    e, tg, tr = tp.get("embed", {}), tp.get("tag", {}), tp.get("train_epoch", {})
    ratio("embed_chars_per_s_java_batch512_vs_torch_batch512", e.get("gpu_chars_per_s"), pick("embed", 512), "chars_per_s")
    ratio("embed_chars_per_s_java_batch512_vs_torch_batch32", e.get("gpu_chars_per_s"), pick("embed", 32), "chars_per_s")
    ratio("tag_tokens_per_s_batch32", tg.get("gpu_tokens_per_s"), pick("tag", 32), "tokens_per_s")
    ratio("tag_tokens_per_s_batch512", tg.get("gpu_tokens_per_s_batch_512"), pick("tag", 512), "tokens_per_s")
    ratio("train_tokens_per_s_batch32", tr.get("tokens_per_s"), pick("train", 32), "tokens_per_s")
    report = {"java_exit": java_rc, "equal": java.get("equal"), "java": java, "torch": torch,
              "ratios_java_over_torch": ratios}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

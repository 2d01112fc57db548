#!/usr/bin/env python3
"""One line from the JSON of `bioner evaluate --compare ... --json`: both F1s, their difference and its interval.

    python3 scripts/compare_line.py FILE.json LABEL [FIRST_NAME SECOND_NAME]
"""
import json
import sys

path, label = sys.argv[1], sys.argv[2]
first, second = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else ("pred", "compare")
d = json.load(open(path))
b = d["bootstrap"]
print("%s %s %.2f %s %.2f difference %+.2f interval [%+.2f, %+.2f] %s not better in %.1f%%" % (
    label, first, 100 * d["pred"]["micro"]["f1"], second, 100 * d["compare"]["micro"]["f1"],
    100 * b["f1_difference"], 100 * b["lower"], 100 * b["upper"], second, 100 * b["not_better_share"]))

"""Reading `token<TAB>...<TAB>tag` files (a blank line between sentences) for the Python scripts here."""
import sys


def read_sentences(path):
    """The sentences of an IOB file as lists of (token, tag): the first and the last column of each line."""
    sentences, current = [], []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                sys.exit(f"{path}:{line_no}: expected token<TAB>tag, got {line!r}")
            current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    return sentences

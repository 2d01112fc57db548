#!/usr/bin/env python3
"""PyTorch performance reference for the Java Flair-style biomedical NER pipeline, on CPU or GPU.

Copied from ../shared/bench/torch_reference.py (the CPU reference of docs/BENCHMARKS.md) with one change:
--device cuda runs the same networks on the GPU (weights, inputs and the gathered embedding table on the
device; pack_padded_sequence's lengths stay on the host as PyTorch requires; torch.cuda.synchronize() before
a timer stops). Used by scripts/device/gpu-check.sh beside `bioner gpu-check`.

Runs, with random (seeded) weights, the same computation the Java project does and
prints ONE JSON line with the measured throughput:

  embed  Flair contextual string embeddings: a forward and a backward character LSTM LM
         over "\\n" + text + " " (backward: over the reversed text), chunked at 512 chars
         with the LSTM state carried across chunks; per token the forward hidden state at
         the whitespace after the token and the backward one at the whitespace before it
         -> 2*H floats per token.
  train  one epoch of Flair's SequenceTagger training (word dropout 0.05, locked dropout
         0.5, reprojection Linear(D, D), BiLSTM 256, Linear to tags, CRF NLL with
         START/STOP, SGD lr 0.1, grad-norm clip 5.0, summed loss) on fixed random
         per-token-type input vectors of size D (stand-in for precomputed embeddings).
  tag    the same network in eval mode + Viterbi decoding (with Flair's softmax
         confidences).

Usage: python3 torch_gpu_reference.py {embed,train,tag} --data test.tsv [--device cuda] [--threads 2] ...
"""
import argparse
import json
import os
import random
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["embed", "train", "tag"])
    p.add_argument("--data", required=True, help="token<TAB>B|I|O file, blank line between sentences")
    p.add_argument("--threads", type=int, default=2, help="torch intra-op threads (also OMP/MKL/OPENBLAS_NUM_THREADS)")
    p.add_argument("--batch", type=int, default=32, help="sentences per mini-batch")
    p.add_argument("--hidden", type=int, default=512, help="character LM hidden size H")
    p.add_argument("--layers", type=int, default=1, help="character LM layers")
    p.add_argument("--emb-dim", type=int, default=100, help="character embedding size E of the LM")
    p.add_argument("--vocab", type=int, default=300, help="character vocabulary size (index 0 = <unk>)")
    p.add_argument("--chars-per-chunk", type=int, default=512, help="Flair's chars_per_chunk")
    p.add_argument("--word-dim", type=int, default=100, help="static word embedding size (GloVe) for D")
    p.add_argument("--input-dim", type=int, default=None, help="tagger input size D (default 2*hidden+word-dim)")
    p.add_argument("--tagger-hidden", type=int, default=256, help="BiLSTM hidden size per direction")
    p.add_argument("--no-reproject", action="store_true", help="drop the Linear(D, D) reprojection")
    p.add_argument("--max-sentences", type=int, default=None, help="use only the first N sentences")
    p.add_argument("--max-batches", type=int, default=None, help="train/tag: stop after N timed batches")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    return p.parse_args()


ARGS = parse_args()
# Thread counts must be in the environment before torch (and its OpenMP/BLAS) loads.
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)

import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: E402

if ARGS.device == "cuda" and not torch.cuda.is_available():
    sys.exit("torch_gpu_reference.py: --device cuda but torch.cuda.is_available() is False (torch "
             + torch.__version__ + ", CUDA build " + str(torch.version.cuda) + ")")
DEV = torch.device(ARGS.device)


def sync():
    if DEV.type == "cuda":
        torch.cuda.synchronize()


def blas_libraries():
    """Which BLAS shared objects this process actually mapped (BLAS_INFO=generic on Debian
    means 'whatever libblas.so.3 the alternatives system points at')."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if any(k in path for k in ("blas", "mkl", "lapack")) and path.startswith("/"):
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


def read_iob(path, limit):
    """Reads token<TAB>tag lines; returns [(tokens, tags)]."""
    sents, toks, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            tok, tag = line.split("\t")[:2]
            toks.append(tok)
            tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents[:limit] if limit else sents


def iob_to_bioes(tags):
    """B/I/O (optionally B-X/I-X) -> BIOES with the type 'Entity' when none is given.
    An I that does not continue a span starts one (as Flair's span reader does)."""
    spans, out = [], ["O"] * len(tags)
    for i, t in enumerate(tags):
        kind, typ = t[0], (t[2:] or "Entity")
        if kind == "B" or (kind == "I" and (not spans or spans[-1][1] != i - 1 or spans[-1][2] != typ)):
            spans.append([i, i, typ])
        elif kind == "I":
            spans[-1][1] = i
    for s, e, typ in spans:
        if s == e:
            out[s] = "S-" + typ
        else:
            out[s], out[e] = "B-" + typ, "E-" + typ
            for k in range(s + 1, e):
                out[k] = "I-" + typ
    return out


def report(mode, n_sent, n_tok, seconds, **extra):
    res = {"mode": mode, "torch": torch.__version__, "device": ARGS.device, "threads": torch.get_num_threads(),
           "batch": ARGS.batch, "sentences": n_sent, "tokens": n_tok, "seconds": round(seconds, 4),
           "sentences_per_s": round(n_sent / seconds, 2), "tokens_per_s": round(n_tok / seconds, 1)}
    res.update(extra)
    if DEV.type == "cuda":
        res["gpu"] = torch.cuda.get_device_name(DEV)
        res["torch_cuda"] = torch.version.cuda
        res["tf32_matmul"] = torch.backends.cuda.matmul.allow_tf32
        res["cudnn"] = torch.backends.cudnn.version()
    res["blas"] = blas = blas_libraries()
    if any("/blas/libblas" in b for b in blas):
        res["warning"] = "reference (netlib) BLAS: install libopenblas0-openmp"
    elif any("openblas-pthread" in b for b in blas) and ARGS.threads > 1:
        res["warning"] = "pthread OpenBLAS oversubscribes with torch's OpenMP threads: use libopenblas0-openmp"
    print(json.dumps(res))


# ----------------------------------------------------------------------------- embed
class CharLM(nn.Module):
    """Flair LanguageModel without decoder: Embedding(V, E) -> LSTM(E, H, layers)."""

    def __init__(self, vocab, emb, hidden, layers):
        super().__init__()
        self.encoder = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hidden, layers)
        self.hidden, self.layers = hidden, layers

    def represent(self, ids, chunk):
        """ids: (T, B) char indices; runs chunks of `chunk` steps carrying (h, c) -> (T, B, H)."""
        state = (ids.new_zeros(self.layers, ids.size(1), self.hidden, dtype=torch.float),) * 2
        outs = []
        for begin in range(0, ids.size(0), chunk):
            out, state = self.rnn(self.encoder(ids[begin:begin + chunk]), state)
            outs.append(out)
        return torch.cat(outs)


def run_embed(sents):
    chars = sorted({c for toks, _ in sents for t in toks for c in t} | {"\n", " "})
    char2idx = {c: i + 1 for i, c in enumerate(chars[:ARGS.vocab - 1])}  # 0 = <unk>
    space = char2idx[" "]
    fwd = CharLM(ARGS.vocab, ARGS.emb_dim, ARGS.hidden, ARGS.layers).eval().to(DEV)
    bwd = CharLM(ARGS.vocab, ARGS.emb_dim, ARGS.hidden, ARGS.layers).eval().to(DEV)
    # Flair's predict() sorts by length; sort by character length and cut into batches.
    texts = sorted((" ".join(toks) for toks, _ in sents), key=len, reverse=True)
    batches = [texts[i:i + ARGS.batch] for i in range(0, len(texts), ARGS.batch)]

    def embed_batch(batch):
        encoded = []
        for lm_texts in (batch, [t[::-1] for t in batch]):  # forward LM, backward LM
            padded = ["\n" + t + " " for t in lm_texts]
            width = max(len(s) for s in padded)
            ids = [[char2idx.get(c, 0) for c in s] + [space] * (width - len(s)) for s in padded]
            encoded.append(torch.tensor(ids, dtype=torch.long).t().to(DEV))
        out_f = fwd.represent(encoded[0], ARGS.chars_per_chunk)
        out_b = bwd.represent(encoded[1], ARGS.chars_per_chunk)
        pos_f, pos_b, col = [], [], []
        for b, text in enumerate(batch):
            start = 0  # character offset of the token in text
            for tok in text.split(" "):
                pos_f.append(1 + start + len(tok))   # whitespace after token (forward string)
                pos_b.append(1 + len(text) - start)  # whitespace before token (reversed string)
                col.append(b)
                start += len(tok) + 1
        col = torch.tensor(col, device=DEV)
        emb = torch.cat([out_f[torch.tensor(pos_f, device=DEV), col], out_b[torch.tensor(pos_b, device=DEV), col]], dim=1)
        return emb.shape[0]

    with torch.no_grad():
        embed_batch(batches[0])  # warm-up, not timed
        sync()
        t0 = time.perf_counter()
        n_tok = sum(embed_batch(b) for b in batches[1:])
        sync()
        dt = time.perf_counter() - t0
    timed = [t for b in batches[1:] for t in b]
    n_chars = sum(len(t) + 2 for t in timed)  # what the LM reads per direction, with markers
    report("embed", len(timed), n_tok, dt, chars=n_chars, chars_per_s=round(n_chars / dt, 1),
           lm_hidden=ARGS.hidden, lm_layers=ARGS.layers, char_emb=ARGS.emb_dim, vocab=ARGS.vocab,
           embedding_dim=2 * ARGS.hidden, chars_per_chunk=ARGS.chars_per_chunk)


# ----------------------------------------------------------------------- train / tag
class Tagger(nn.Module):
    """Flair SequenceTagger(use_rnn=True, use_crf=True, reproject_embeddings=True)."""

    def __init__(self, dim, hidden, n_tags, start, stop, reproject):
        super().__init__()
        self.embedding2nn = nn.Linear(dim, dim) if reproject else None
        self.rnn = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
        self.linear = nn.Linear(2 * hidden, n_tags)
        self.transitions = nn.Parameter(torch.randn(n_tags, n_tags))  # [to, from]
        with torch.no_grad():
            self.transitions[start, :] = -10000.0  # nothing goes to START
            self.transitions[:, stop] = -10000.0   # nothing leaves STOP
        self.start, self.stop = start, stop

    def locked_dropout(self, x, p=0.5):  # one mask per sentence, shared over time
        if not self.training:
            return x
        return x * x.new_empty(x.size(0), 1, x.size(2)).bernoulli_(1 - p) / (1 - p)

    def forward(self, x, lengths):
        """x: (B, T, D) zero-padded, lengths sorted descending -> emissions (B, T, K)."""
        if self.training:  # word dropout 0.05: zero whole token vectors (no rescaling)
            x = x * x.new_empty(x.size(0), x.size(1), 1).bernoulli_(0.95)
        x = self.locked_dropout(x)
        if self.embedding2nn is not None:
            x = self.embedding2nn(x)
        packed = pack_padded_sequence(x, lengths, batch_first=True)
        x, _ = pad_packed_sequence(self.rnn(packed)[0], batch_first=True)
        return self.linear(self.locked_dropout(x))

    def nll(self, em, tags, mask):
        """Summed CRF negative log-likelihood; em (B,T,K), tags (B,T), mask (B,T) bool."""
        B, T, K = em.shape
        trans, lengths = self.transitions, mask.sum(1)
        # gold path score: emissions + START->t0 + t(i-1)->t(i) + last->STOP
        gold = (em.gather(2, tags.unsqueeze(2)).squeeze(2) * mask).sum()
        gold = gold + trans[tags[:, 0], self.start].sum()
        gold = gold + (trans[tags[:, 1:], tags[:, :-1]] * mask[:, 1:]).sum()
        gold = gold + trans[self.stop, tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)].sum()
        # forward algorithm, alpha[b, j] = logsumexp over paths ending in tag j
        alpha = em[:, 0] + trans[:, self.start].unsqueeze(0)
        for t in range(1, T):
            nxt = torch.logsumexp(alpha.unsqueeze(1) + trans.unsqueeze(0), dim=2) + em[:, t]
            alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
        return torch.logsumexp(alpha + trans[self.stop].unsqueeze(0), dim=1).sum() - gold

    def viterbi(self, em, lengths):
        """Best tag paths and Flair's confidences (max softmax of the running scores)."""
        B, T, K = em.shape
        trans = self.transitions
        score = em[:, 0] + trans[:, self.start].unsqueeze(0)
        history, conf = [], [torch.softmax(score, 1).max(1).values]
        for t in range(1, T):
            best, arg = (score.unsqueeze(1) + trans.unsqueeze(0)).max(dim=2)
            live = (lengths > t).unsqueeze(1)
            score = torch.where(live, best + em[:, t], score)
            history.append(arg)
            conf.append(torch.softmax(score, 1).max(1).values)
        last = (score + trans[self.stop].unsqueeze(0)).argmax(1)
        # backtrack all sentences at once; each one starts from its own last position
        path, cur = torch.zeros(B, T, dtype=torch.long, device=em.device), last
        for t in range(T - 1, -1, -1):
            cur = torch.where(lengths - 1 == t, last, cur)
            path[:, t] = cur
            if t > 0:
                cur = history[t - 1].gather(1, cur.unsqueeze(1)).squeeze(1)
        paths = [path[b, :int(lengths[b])].tolist() for b in range(B)]
        return paths, torch.stack(conf, 1)


def make_batches(sents, tag_idx, type_idx, shuffle):
    order = list(range(len(sents)))
    if shuffle:
        random.Random(ARGS.seed).shuffle(order)
    out = []
    for i in range(0, len(order), ARGS.batch):
        chunk = sorted((sents[j] for j in order[i:i + ARGS.batch]), key=lambda s: len(s[0]), reverse=True)
        lengths = torch.tensor([len(t) for t, _ in chunk])
        T = int(lengths[0])
        words = torch.zeros(len(chunk), T, dtype=torch.long)  # row 0 of the table is zeros
        tags = torch.zeros(len(chunk), T, dtype=torch.long)
        for b, (toks, iob) in enumerate(chunk):
            words[b, :len(toks)] = torch.tensor([type_idx[w] for w in toks])
            tags[b, :len(toks)] = torch.tensor([tag_idx[t] for t in iob_to_bioes(iob)])
        out.append((words, tags, lengths))
    return out


def run_tagger(sents, train):
    types = {w for toks, _ in sents for w in toks}
    type_idx = {w: i + 1 for i, w in enumerate(sorted(types))}
    dim = ARGS.input_dim or 2 * ARGS.hidden + ARGS.word_dim
    table = torch.randn(len(types) + 1, dim)  # fixed "precomputed" embedding per token type
    table[0] = 0.0                            # padding row
    table = table.to(DEV)
    # Flair's label dictionary for one span type in BIOES, then <START>, <STOP>
    entity_types = sorted({(t[2:] or "Entity") for _, tags in sents for t in tags if t != "O"}) or ["Entity"]
    names = ["O"] + [p + e for e in entity_types for p in ("S-", "B-", "E-", "I-")] + ["<START>", "<STOP>"]
    tag_idx = {n: i for i, n in enumerate(names)}
    model = Tagger(dim, ARGS.tagger_hidden, len(names), tag_idx["<START>"], tag_idx["<STOP>"],
                   not ARGS.no_reproject).to(DEV)
    batches = make_batches(sents, tag_idx, type_idx, shuffle=train)

    def step(words, tags, lengths):
        words, tags, dev_lengths = words.to(DEV), tags.to(DEV), lengths.to(DEV)
        x = table[words]  # (B, T, D) gather of the precomputed vectors
        mask = torch.arange(words.size(1), device=DEV).unsqueeze(0) < dev_lengths.unsqueeze(1)
        if train:
            opt.zero_grad()
            loss = model.nll(model(x, lengths), tags, mask)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            return loss.item()
        paths, _ = model.viterbi(model(x, lengths), dev_lengths)
        return sum(len(p) for p in paths)

    if train:
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        ctx = torch.enable_grad()
    else:
        model.eval()
        ctx = torch.no_grad()
    with ctx:
        step(*batches[0])  # warm-up, not timed (in train mode it is a real update)
        timed = batches[1:][:ARGS.max_batches] if ARGS.max_batches else batches[1:]
        sync()
        t0 = time.perf_counter()
        results = [step(*b) for b in timed]
        sync()
        dt = time.perf_counter() - t0
    n_sent = sum(int(b[2].numel()) for b in timed)
    n_tok = sum(int(b[2].sum()) for b in timed)
    extra = {"input_dim": dim, "tagger_hidden": ARGS.tagger_hidden, "reproject": not ARGS.no_reproject,
             "tags": len(names), "batches": len(timed)}
    if train:
        extra["mean_loss_per_sentence"] = round(sum(results) / n_sent, 4)
    report("train" if train else "tag", n_sent, n_tok, dt, **extra)


def main():
    torch.manual_seed(ARGS.seed)
    if DEV.type == "cuda":
        torch.cuda.manual_seed_all(ARGS.seed)
    random.seed(ARGS.seed)
    torch.set_num_threads(ARGS.threads)
    sents = read_iob(ARGS.data, ARGS.max_sentences)
    if len(sents) < 2 * ARGS.batch:
        sys.exit("need at least two batches of sentences (the first one is warm-up)")
    if ARGS.mode == "embed":
        run_embed(sents)
    else:
        run_tagger(sents, train=ARGS.mode == "train")


if __name__ == "__main__":
    main()

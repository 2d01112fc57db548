#!/usr/bin/env python3
"""Pretrain Flair-style character language models (forward or backward) and save them in
exactly Flair's LanguageModel .pt format, so that Flair itself and our Java importer load them.

Sub-commands:
  sentences  rebuild TRAIN splits (and all.tsv files) of token-per-line TSV corpora as one sentence per line (gz)
  prepare    build the character dictionary, hold out validation documents, encode the text
  train      train one LM (time budget, Adam, fp16 autocast + loss scaling, truncated BPTT) and save it
  eval       bits per character of a saved LM on the held-out documents (or on TSV sentences: --tsv)
  from-bnm   a character LM of this project's model format (`bioner import-flair-lm` output, e.g.
             models/lm-biomed-forward-h1024.bnm) back to a Flair checkpoint, to continue its pretraining

Works with torch 1.13 (CPU, for tests) and torch 2.x (CUDA). Flair is not needed: a minimal
`flair.data.Dictionary` is registered so that pickle records the class Flair expects.
"""
import argparse
import collections
import contextlib
import gzip
import json
import math
import os
import random
import sys
import time
import types
import zlib

import numpy as np
import torch
import torch.nn as nn

LN2 = math.log(2.0)
DOCUMENT_DELIMITER = "\n"
UNK = "<unk>"


# ----------------------------------------------------------------------------------------------
# flair.data.Dictionary: the class Flair pickles into its LM files. Only its attributes are
# pickled, so a stub with the same module path and attributes is byte-compatible.
# ----------------------------------------------------------------------------------------------
def flair_dictionary_class():
    try:  # the real one, if Flair happens to be installed
        from flair.data import Dictionary  # type: ignore
        return Dictionary
    except ImportError:
        pass
    if "flair.data" in sys.modules and hasattr(sys.modules["flair.data"], "Dictionary"):
        return sys.modules["flair.data"].Dictionary

    class Dictionary:
        def __init__(self, add_unk=True):
            self.item2idx = {}
            self.idx2item = []
            self.add_unk = add_unk
            self.multi_label = False
            self.span_labels = False
            if add_unk:
                self.add_item(UNK)

        def add_item(self, item):
            b = item.encode("utf-8")
            if b not in self.item2idx:
                self.idx2item.append(b)
                self.item2idx[b] = len(self.idx2item) - 1
            return self.item2idx[b]

        def get_idx_for_item(self, item):
            b = item.encode("utf-8")
            if b in self.item2idx:
                return self.item2idx[b]
            if self.add_unk:
                return 0
            raise KeyError(item)

        def get_items(self):
            return [b.decode("utf-8") for b in self.idx2item]

        def __len__(self):
            return len(self.idx2item)

    Dictionary.__module__ = "flair.data"
    Dictionary.__qualname__ = "Dictionary"
    flair_pkg = sys.modules.get("flair") or types.ModuleType("flair")
    data_mod = types.ModuleType("flair.data")
    data_mod.Dictionary = Dictionary
    flair_pkg.data = data_mod
    sys.modules["flair"] = flair_pkg
    sys.modules["flair.data"] = data_mod
    return Dictionary


def make_dictionary(chars):
    d = flair_dictionary_class()(add_unk=True)
    for c in chars:
        d.add_item(c)
    return d


# ----------------------------------------------------------------------------------------------
# The model: same module names and forward pass as flair.models.LanguageModel (nout=None).
# ----------------------------------------------------------------------------------------------
class FlairLanguageModel(nn.Module):
    def __init__(self, n_tokens, hidden_size, nlayers=1, embedding_size=100, dropout=0.1):
        super().__init__()
        self.hidden_size = hidden_size
        self.nlayers = nlayers
        self.embedding_size = embedding_size
        self.dropout = dropout
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(n_tokens, embedding_size)
        if nlayers == 1:
            self.rnn = nn.LSTM(embedding_size, hidden_size, nlayers)
        else:
            self.rnn = nn.LSTM(embedding_size, hidden_size, nlayers, dropout=dropout)
        self.decoder = nn.Linear(hidden_size, n_tokens)
        # Flair's init_weights
        nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -0.1, 0.1)

    def init_hidden(self, batch, device, dtype=torch.float32):
        z = torch.zeros(self.nlayers, batch, self.hidden_size, device=device, dtype=dtype)
        return (z, z.clone())

    def forward(self, ids, hidden):
        emb = self.drop(self.encoder(ids))
        out, hidden = self.rnn(emb, hidden)
        out = self.drop(out)
        return self.decoder(out), hidden


def save_flair_checkpoint(model, dictionary, is_forward, path, dtype):
    state = collections.OrderedDict(
        (k, v.detach().to(device="cpu", dtype=dtype).clone()) for k, v in model.state_dict().items())
    ckpt = dict(state_dict=state, dictionary=dictionary, is_forward_lm=bool(is_forward),
                hidden_size=int(model.hidden_size), nlayers=int(model.nlayers),
                embedding_size=int(model.embedding_size), nout=None,
                document_delimiter=DOCUMENT_DELIMITER, dropout=float(model.dropout),
                recurrent_type="LSTM", has_decoder=True)
    tmp = path + ".tmp"
    torch.save(ckpt, tmp, pickle_protocol=4)
    os.replace(tmp, path)


def load_checkpoint(path):
    flair_dictionary_class()
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:  # torch without weights_only
        return torch.load(path, map_location="cpu")


def model_from_checkpoint(ckpt):
    model = FlairLanguageModel(len(ckpt["dictionary"].idx2item), ckpt["hidden_size"], ckpt["nlayers"],
                               ckpt["embedding_size"], ckpt["dropout"])
    model.load_state_dict(ckpt["state_dict"])  # casts float16 weights back to float32
    return model


def read_bnm(path):
    """The arrays, string lists and metadata of a ModelArchive file (src/main/java/org/bioner/model/ModelArchive.java:
    a zip of meta.properties, arrays/NAME = dtype byte ('f' float32, 'h' float16, 'i' int32), rank byte, int32 dims,
    little-endian data; strings/NAME = int32 count, then int32 length and UTF-8 bytes each)."""
    import zipfile
    arrays, strings, meta = {}, {}, {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            raw = z.read(name)
            if name == "meta.properties":
                for line in raw.decode("utf-8").splitlines():
                    if line and not line.startswith("#") and "=" in line:
                        k, v = line.split("=", 1)
                        meta[k] = v.encode("latin-1").decode("unicode_escape")  # java.util.Properties escapes
            elif name.startswith("arrays/"):
                dtype = {"f": "<f4", "h": "<f2", "i": "<i4"}[chr(raw[0])]
                rank = raw[1]
                shape = tuple(int(d) for d in np.frombuffer(raw, "<i4", rank, 2))
                arrays[name[len("arrays/"):]] = np.frombuffer(raw, dtype, offset=2 + 4 * rank).reshape(shape)
            elif name.startswith("strings/"):
                n, o, items = int(np.frombuffer(raw, "<i4", 1, 0)[0]), 4, []
                for _ in range(n):
                    ln = int(np.frombuffer(raw, "<i4", 1, o)[0])
                    items.append(raw[o + 4:o + 4 + ln].decode("utf-8"))
                    o += 4 + ln
                strings[name[len("strings/"):]] = items
    if meta.get("format") != "bioner-model" or meta.get("kind") != "char-lm":
        sys.exit("%s: not a bioner character LM (format %s, kind %s)" % (path, meta.get("format"), meta.get("kind")))
    return arrays, strings, meta


def cmd_from_bnm(args):
    arrays, strings, meta = read_bnm(args.input)
    if int(meta.get("nout", "0")) != 0 or int(meta["layers"]) != 1:
        sys.exit("%s: only 1-layer LMs without a projection are supported here" % args.input)
    items = strings["dictionary"]
    if items[0] != UNK:
        sys.exit("%s: dictionary does not start with %s" % (args.input, UNK))
    dictionary = make_dictionary(items[1:])
    model = FlairLanguageModel(len(items), int(meta["hidden_size"]), 1, int(meta["embedding_size"]),
                               float(meta.get("dropout", "0.1")))
    state = model.state_dict()
    for k in state:
        if k not in arrays or tuple(arrays[k].shape) != tuple(state[k].shape):
            sys.exit("%s: array %s missing or of shape %s, expected %s"
                     % (args.input, k, None if k not in arrays else arrays[k].shape, tuple(state[k].shape)))
        state[k] = torch.from_numpy(arrays[k].astype(np.float32))
    model.load_state_dict(state)
    save_flair_checkpoint(model, dictionary, meta["is_forward_lm"] == "true", args.out, torch.float32)
    print("from-bnm: %s -> %s (hidden %d, dictionary %d, forward %s)"
          % (args.input, args.out, model.hidden_size, len(items), meta["is_forward_lm"]))


# ----------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------
def tsv_sentences(path):
    """The sentences of a token-per-line TSV file (token<TAB>tag, a blank line after each sentence), each as
    the LM reads it at tagging time: its tokens joined by single spaces. The one reading of that format here."""
    tokens = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if tokens:
                    yield " ".join(tokens)
                    tokens = []
                continue
            tok = line.split("\t")[0]
            if not tok or " " in tok:
                sys.exit("%s:%d: bad token line %r" % (path, lineno, line))
            tokens.append(tok)
    if tokens:
        sys.exit("%s: file does not end with a blank line" % path)


def cmd_sentences(args):
    """TSV training files -> one sentence per line (gz), as `tsv_sentences` reads them. Only TRAIN splits and
    `all.tsv` files (corpora without splits: all of it is training data); duplicate sentences kept once; a sentence
    that also occurs in an --exclude file (devel and test splits: corpora share documents) is left out."""
    excluded = set()
    for path in args.exclude:
        excluded.update(tsv_sentences(path))
    seen, n_in, n_out, n_excluded = set(), 0, 0, 0
    with gzip.open(args.out, "wt", encoding="utf-8") as out:
        for path in args.tsv:
            base = os.path.basename(path)
            if not (base.startswith("train") or base == "all.tsv"):
                sys.exit("refusing %s: only TRAIN splits and all.tsv files may be used for LM pretraining" % path)
            for s in tsv_sentences(path):
                n_in += 1
                if s in excluded:
                    n_excluded += 1
                elif s not in seen:
                    seen.add(s)
                    out.write(s + "\n")
                    n_out += 1
    print("sentences: %d read, %d in --exclude files left out, %d unique written to %s"
          % (n_in, n_excluded, n_out, args.out))


def read_documents(path):
    import lzma
    opener = gzip.open if path.endswith(".gz") else lzma.open if path.endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        text = f.read()
    return [d for d in text.split(DOCUMENT_DELIMITER) if d.strip()]


def is_held_out(source, index, permille):
    # crc32 of (file name, line index): independent of Python/numpy versions and of machine.
    return zlib.crc32(("%s:%d" % (source, index)).encode("utf-8")) % 1000 < permille


def encode_codepoints(text):
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def cmd_prepare(args):
    t0 = time.time()
    os.makedirs(args.cache, exist_ok=True)
    train_docs, valid_docs, sources = [], [], []
    repeat = {}
    for r in args.repeat:
        name, _, k = r.rpartition("=")
        if not name or not k.isdigit() or int(k) < 1:
            sys.exit("--repeat %s: expected NAME=K (K >= 1)" % r)
        repeat[name] = int(k)
    for arg in args.corpus:
        path, _, key = arg.partition("=")
        docs = read_documents(path)
        src = key or os.path.basename(path)
        tr = [d for i, d in enumerate(docs) if not is_held_out(src, i, args.holdout_permille)]
        va = [d for i, d in enumerate(docs) if is_held_out(src, i, args.holdout_permille)]
        k = repeat.pop(src, 1)
        sources.append(dict(file=src, path=path, documents=len(docs), train_documents=len(tr),
                            valid_documents=len(va), train_chars=sum(len(d) + 1 for d in tr),
                            valid_chars=sum(len(d) + 1 for d in va), repeat=k))
        train_docs += tr * k  # the held-out documents stay once, as they are
        valid_docs += va
    if repeat:
        sys.exit("--repeat: no corpus named %s" % ", ".join(sorted(repeat)))
    random.Random(args.seed).shuffle(train_docs)  # mix sources along the BPTT streams
    train_text = DOCUMENT_DELIMITER.join(train_docs) + DOCUMENT_DELIMITER
    valid_text = DOCUMENT_DELIMITER.join(valid_docs) + DOCUMENT_DELIMITER
    del train_docs, valid_docs
    codes = encode_codepoints(train_text)
    counts = np.bincount(codes)
    if args.chars_from:  # the dictionary of the LM to be continued, in its order; other characters are <unk>
        items = [b.decode("utf-8") for b in load_checkpoint(args.chars_from)["dictionary"].idx2item]
        if items[0] != UNK or any(len(c) != 1 for c in items[1:]):
            sys.exit("%s: not a character dictionary starting with %s" % (args.chars_from, UNK))
        order = np.array([ord(c) for c in items[1:]], dtype=np.int64)
        counts = np.concatenate([counts, np.zeros(max(0, int(order.max()) + 1 - len(counts)), dtype=counts.dtype)])
    else:
        present = np.nonzero(counts >= args.min_count)[0]
        order = present[np.argsort(-counts[present], kind="stable")]  # by frequency, like Flair's
    chars = [chr(int(c)) for c in order]
    lut = np.zeros(max(int(codes.max()), 0x10FFFF) + 1, dtype=np.int16)
    lut[order] = np.arange(1, len(order) + 1, dtype=np.int16)
    train_ids = lut[codes]
    valid_ids = lut[encode_codepoints(valid_text)]
    np.save(os.path.join(args.cache, "train_ids.npy"), train_ids)
    np.save(os.path.join(args.cache, "valid_ids.npy"), valid_ids)
    with open(os.path.join(args.cache, "valid.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(valid_text)
    n_unk_chars = int(np.setdiff1d(np.nonzero(counts > 0)[0], order).size)
    meta = dict(chars=chars, min_count=args.min_count, chars_from=args.chars_from, holdout_permille=args.holdout_permille,
                seed=args.seed, sources=sources, train_chars=int(len(train_ids)),
                valid_chars=int(len(valid_ids)), distinct_chars=int((counts > 0).sum()),
                rare_chars_mapped_to_unk=n_unk_chars,
                train_unk_occurrences=int(counts.sum() - counts[order].sum()),
                valid_unk_rate=float((valid_ids == 0).mean()) if len(valid_ids) else 0.0)
    with open(os.path.join(args.cache, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    print("prepare: %d train chars, %d valid chars, dictionary %d (+<unk>), %d distinct chars, "
          "%.1fs" % (len(train_ids), len(valid_ids), len(chars), meta["distinct_chars"],
                     time.time() - t0), flush=True)


def load_cache(cache):
    with open(os.path.join(cache, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    return meta


def batchify(ids, batch):
    """1-D ids -> (steps, batch): `batch` contiguous streams side by side, as Flair batchifies."""
    n = ids.shape[0] // batch
    return ids[: n * batch].view(batch, n).t().contiguous()


def autocast_ctx(device, precision):
    # fp16, not bf16: autocast runs cuDNN RNNs in float16 whatever dtype it is given, so the
    # LSTM needs loss scaling either way (as Flair's own use_amp training does).
    if device.type == "cuda" and precision == "fp16":
        return torch.autocast(device_type="cuda", dtype=torch.float16)
    return contextlib.nullcontext()


def grad_scaler(enabled):
    if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler"):  # torch >= 2.3
        return torch.amp.GradScaler("cuda", enabled=enabled)
    return torch.cuda.amp.GradScaler(enabled=enabled)


@torch.no_grad()
def evaluate(model, ids, device, precision, batch=64, seq_len=250, max_chars=0):
    """Bits per character over `ids` (1-D LongTensor), `batch` streams with carried state."""
    if max_chars and ids.shape[0] > max_chars:
        ids = ids[:max_chars]
    batch = max(1, min(batch, ids.shape[0] // (seq_len + 1)))
    data = batchify(ids, batch).to(device)
    was_training = model.training
    model.eval()
    hidden = model.init_hidden(batch, device)
    total, count = 0.0, 0
    for i in range(0, data.shape[0] - 1, seq_len):
        n = min(seq_len, data.shape[0] - 1 - i)
        x = data[i:i + n].long()
        y = data[i + 1:i + 1 + n].long()
        with autocast_ctx(device, precision):
            logits, hidden = model(x, hidden)
        loss = nn.functional.cross_entropy(logits.float().view(-1, logits.shape[-1]), y.view(-1),
                                           reduction="sum")
        total += float(loss)
        count += y.numel()
    model.train(was_training)
    return total / max(count, 1) / LN2


def valid_ids_for(cache, dictionary, is_forward):
    """Held-out text encoded with `dictionary` (that of a checkpoint), reversed for backward."""
    with open(os.path.join(cache, "valid.txt"), encoding="utf-8", newline="") as f:
        return ids_for_text(f.read(), dictionary, is_forward)


def ids_for_text(text, dictionary, is_forward):
    """`text` encoded with `dictionary` (characters it lacks -> <unk>, id 0), reversed for backward."""
    codes = encode_codepoints(text)
    lut = np.zeros(max(int(codes.max()), 0x10FFFF) + 1, dtype=np.int64)
    for i, b in enumerate(dictionary.idx2item):
        s = b.decode("utf-8")
        if i > 0 and len(s) == 1:
            lut[ord(s)] = i
    ids = torch.from_numpy(lut[codes])
    return ids if is_forward else ids.flip(0)


def log(args, msg):
    line = "[%s] %s" % (args.tag, msg) if args.tag else msg
    print(line, flush=True)


def cmd_train(args):
    t_start = time.time()
    torch.manual_seed(args.seed)
    device = torch.device(args.device if args.device else ("cuda" if torch.cuda.is_available() else "cpu"))
    meta = load_cache(args.cache)
    dictionary = make_dictionary(meta["chars"])
    n_tokens = len(dictionary.idx2item)
    is_forward = args.direction == "forward"

    train = torch.from_numpy(np.load(os.path.join(args.cache, "train_ids.npy")))
    valid = torch.from_numpy(np.load(os.path.join(args.cache, "valid_ids.npy")).astype(np.int64))
    if args.max_train_chars:
        train = train[: args.max_train_chars]
    if not is_forward:  # Flair's backward LM reads the text reversed
        train = train.flip(0)
        valid = valid.flip(0)
    data = batchify(train, args.batch).to(device)  # int16 on the device
    del train

    if args.init:
        ckpt = load_checkpoint(args.init)
        if [b.decode("utf-8") for b in ckpt["dictionary"].idx2item] != [UNK] + meta["chars"]:
            sys.exit("%s: its dictionary differs from the prepared cache %s" % (args.init, args.cache))
        if bool(ckpt["is_forward_lm"]) != is_forward:
            sys.exit("%s: is_forward_lm=%s, but --direction %s" % (args.init, ckpt["is_forward_lm"], args.direction))
        model = model_from_checkpoint(ckpt).to(device)
        log(args, "resumed from %s" % args.init)
    else:
        model = FlairLanguageModel(n_tokens, args.hidden, args.nlayers, args.embedding_size, args.dropout).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    precision = args.precision if device.type == "cuda" else "fp32"
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True

    scaler = grad_scaler(precision == "fp16")

    def step(x, y, hidden):
        with autocast_ctx(device, precision):
            logits, hidden = model(x, hidden)
        loss = nn.functional.cross_entropy(logits.float().view(-1, n_tokens), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.unscale_(opt)
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        scaler.step(opt)  # skips the update if a gradient overflowed
        scaler.update()
        return loss, tuple(h.detach() for h in hidden)

    if precision == "fp16":  # probe once: fall back to fp32 (TF32) if mixed precision fails here
        probe = {k: v.clone() for k, v in model.state_dict().items()}
        try:
            step(data[:8].long(), data[1:9].long(), model.init_hidden(args.batch, device))
        except RuntimeError as e:
            log(args, "fp16 autocast failed (%s); using fp32/TF32" % str(e).splitlines()[0])
            precision = "fp32"
            scaler = grad_scaler(False)
        model.load_state_dict(probe)
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)

    if args.end_at:
        budget = max(1.0, args.end_at - time.time())
    else:
        budget = args.minutes * 60.0
    log(args, "%s LM hidden=%d layers=%d emb=%d dict=%d params=%d batch=%d seq=%d precision=%s "
              "device=%s train_chars=%d valid_chars=%d budget=%.0fs"
        % (args.direction, model.hidden_size, model.nlayers, model.embedding_size, n_tokens, n_params,
           args.batch, args.seq_len, precision, device, data.numel(), valid.numel(), budget))

    # Divergence guard: the best state by quick validation is kept on the CPU (the starting one counts: an --init
    # model is validated before its first update). A quick validation worse than the best by more than
    # --diverge-margin bits restores the best state, starts a fresh Adam and halves the rate (warm-up again); the
    # saved model is the best state seen, so a run that diverged and never recovered returns what it started from.
    # (A forward h1024 LM continued at lr 4e-4 diverged within 30 s on the device in session 23; the backward did not.)
    lr_scale, warm_from = 1.0, 0

    def lr_at(step_i, frac):
        warm = min(1.0, (step_i - warm_from + 1) / max(1, args.warmup))
        cos = args.min_lr_frac + (1 - args.min_lr_frac) * 0.5 * (1 + math.cos(math.pi * min(1.0, frac)))
        return args.lr * lr_scale * warm * cos

    def quick_valid():
        return evaluate(model, valid, device, "fp32", max_chars=args.quick_valid_chars, seq_len=args.seq_len)

    def snapshot():
        return {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}

    best_bpc, best_step, best_state = float("inf"), 0, None
    if args.valid_every:
        best_bpc, best_state = quick_valid(), snapshot()
        log(args, "step 0 quick_valid_bpc %.4f (first %d held-out chars)" % (best_bpc, args.quick_valid_chars))

    model.train()
    hidden = model.init_hidden(args.batch, device)
    t0 = time.time()
    t_log = t_valid = t0
    steps = chars = 0
    run_loss, run_n = torch.zeros((), device=device), 0
    epoch, pos = 0, random.Random(args.seed).randrange(args.seq_len)
    max_steps = args.max_steps
    while True:
        now = time.time()
        frac = (now - t0) / budget
        if frac >= 1.0 or (max_steps and steps >= max_steps):
            break
        if pos + 2 > data.shape[0]:
            epoch += 1
            pos = random.Random(args.seed + epoch).randrange(args.seq_len)
            hidden = model.init_hidden(args.batch, device)
        n = min(args.seq_len, data.shape[0] - 1 - pos)
        x = data[pos:pos + n].long()
        y = data[pos + 1:pos + 1 + n].long()
        pos += n
        for g in opt.param_groups:
            g["lr"] = lr_at(steps, frac)
        loss, hidden = step(x, y, hidden)
        run_loss += loss.detach()
        run_n += 1
        steps += 1
        chars += y.numel()
        if now - t_log >= args.log_every:
            el = now - t0
            log(args, "step %d epoch %d.%02d chars %.1fM %.0f chars/s lr %.2e train_bpc %.4f elapsed %.0fs"
                % (steps, epoch, int(100 * pos / data.shape[0]), chars / 1e6, chars / max(el, 1e-9),
                   opt.param_groups[0]["lr"], float(run_loss) / run_n / LN2, el))
            run_loss.zero_()
            run_n = 0
            t_log = now
        if args.valid_every and now - t_valid >= args.valid_every:
            vb = quick_valid()
            log(args, "step %d quick_valid_bpc %.4f (first %d held-out chars)" % (steps, vb, args.quick_valid_chars))
            if vb < best_bpc:
                best_bpc, best_step, best_state = vb, steps, snapshot()
            elif vb > best_bpc + args.diverge_margin:
                model.load_state_dict(best_state)
                opt = torch.optim.Adam(model.parameters(), lr=args.lr)
                scaler = grad_scaler(precision == "fp16")
                lr_scale, warm_from = lr_scale * 0.5, steps
                hidden = model.init_hidden(args.batch, device)
                log(args, "step %d diverged (%.4f > best %.4f + %.2f): back to the state of step %d, lr x%.3g"
                    % (steps, vb, best_bpc, args.diverge_margin, best_step, lr_scale))
            t_valid = time.time()

    train_s = time.time() - t0
    if best_state is not None:
        vb = quick_valid()
        if vb < best_bpc:
            best_bpc, best_step = vb, steps
        else:
            model.load_state_dict(best_state)
        log(args, "keeping the state of step %d of %d (quick_valid_bpc %.4f)" % (best_step, steps, best_bpc))
    vb = evaluate(model, valid, device, "fp32", max_chars=args.max_valid_chars, seq_len=args.seq_len)
    log(args, "FINAL %s h%d: steps %d chars_trained %d (%.2f epochs) train_time %.0fs %.0f chars/s "
              "valid_bpc %.4f on %d held-out chars (trained in %s, evaluated in fp32)"
        % (args.direction, model.hidden_size, steps, chars, chars / data.numel(), train_s,
           chars / max(train_s, 1e-9), vb, min(valid.numel(), args.max_valid_chars or valid.numel()), precision))
    save_flair_checkpoint(model, dictionary, is_forward, args.out, torch.float16 if args.fp16 else torch.float32)
    log(args, "saved %s (%s, %d bytes)" % (args.out, "float16" if args.fp16 else "float32", os.path.getsize(args.out)))
    if args.out_fp32:
        save_flair_checkpoint(model, dictionary, is_forward, args.out_fp32, torch.float32)
        log(args, "saved %s (float32, %d bytes)" % (args.out_fp32, os.path.getsize(args.out_fp32)))
    log(args, "total wall %.0fs" % (time.time() - t_start))


def cmd_eval(args):
    ckpt = load_checkpoint(args.model)
    model = model_from_checkpoint(ckpt)
    is_forward = bool(ckpt["is_forward_lm"])
    if args.tsv:
        # evaluation only (e.g. a benchmark's devel text): one sentence per line, nothing is written
        text = "".join(s + "\n" for path in args.tsv for s in tsv_sentences(path))
        ids, what = ids_for_text(text, ckpt["dictionary"], is_forward), "TSV"
    else:
        ids, what = valid_ids_for(args.cache, ckpt["dictionary"], is_forward), "held-out"
    t0 = time.time()
    device = torch.device(args.device if args.device else "cpu")
    vb = evaluate(model.to(device), ids, device, "fp32", batch=args.batch, max_chars=args.max_chars)
    n = min(ids.numel(), args.max_chars or ids.numel())
    print("%s: is_forward_lm=%s hidden=%d valid_bpc %.4f on %d %s chars (%.0fs)"
          % (args.model, ckpt["is_forward_lm"], ckpt["hidden_size"], vb, n, what, time.time() - t0))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd")
    s = sub.add_parser("sentences", help="TRAIN tsv splits and all.tsv files -> one sentence per line (gz)")
    s.add_argument("--out", required=True)
    s.add_argument("--exclude", nargs="*", default=[], metavar="TSV",
                   help="leave out every sentence that also occurs in these files (devel and test splits)")
    s.add_argument("tsv", nargs="+")
    s = sub.add_parser("prepare", help="dictionary, held-out split, encoded ids")
    s.add_argument("--cache", required=True)
    s.add_argument("--min-count", type=int, default=20, help="keep characters seen at least this often")
    s.add_argument("--holdout-permille", type=int, default=7, help="documents held out for validation, per mille")
    s.add_argument("--seed", type=int, default=13)
    s.add_argument("--chars-from", help="take the dictionary of this Flair LM checkpoint (to continue its training) "
                                        "instead of building one; --min-count then does not apply")
    s.add_argument("corpus", nargs="+", help="text files (.gz, .xz ok), one document per line; FILE=NAME draws FILE's "
                                             "held-out documents by NAME instead of its file name (a recompressed copy "
                                             "keeps the held-out documents of the original)")
    s.add_argument("--repeat", action="append", default=[], metavar="NAME=K",
                   help="put the training documents of the corpus NAME (its held-out name) K times into the training "
                        "text, e.g. to weight in-domain text when continuing an LM; repeatable")
    s = sub.add_parser("train", help="train one LM")
    s.add_argument("--cache", required=True)
    s.add_argument("--direction", choices=["forward", "backward"], required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--out-fp32", help="also save a float32 copy here")
    s.add_argument("--fp16", type=int, default=1, help="1: save --out in float16 (Flair casts on load)")
    s.add_argument("--hidden", type=int, default=1024)
    s.add_argument("--nlayers", type=int, default=1)
    s.add_argument("--embedding-size", type=int, default=100)
    s.add_argument("--dropout", type=float, default=0.1)
    s.add_argument("--batch", type=int, default=256, help="parallel character streams")
    s.add_argument("--seq-len", type=int, default=250)
    s.add_argument("--lr", type=float, default=2e-3)
    s.add_argument("--min-lr-frac", type=float, default=0.05, help="cosine decay (over the time budget) to this")
    s.add_argument("--warmup", type=int, default=100)
    s.add_argument("--clip", type=float, default=0.25)
    s.add_argument("--precision", choices=["fp16", "fp32"], default="fp16",
                   help="fp16: autocast + dynamic loss scaling (CUDA only); fp32 uses TF32 on CUDA")
    s.add_argument("--minutes", type=float, default=10.0)
    s.add_argument("--end-at", type=float, default=0.0, help="unix time to stop training (overrides --minutes)")
    s.add_argument("--max-steps", type=int, default=0)
    s.add_argument("--max-train-chars", type=int, default=0)
    s.add_argument("--max-valid-chars", type=int, default=0)
    s.add_argument("--quick-valid-chars", type=int, default=200000)
    s.add_argument("--valid-every", type=float, default=90.0)
    s.add_argument("--log-every", type=float, default=30.0)
    s.add_argument("--diverge-margin", type=float, default=0.05,
                   help="a quick validation this many bits worse than the best restores the best state, lr x0.5")
    s.add_argument("--init", help="resume from this Flair LM checkpoint")
    s.add_argument("--device")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--tag", default="")
    s = sub.add_parser("eval", help="valid bpc of a saved LM (CPU unless --device)")
    what = s.add_mutually_exclusive_group(required=True)
    what.add_argument("--cache", help="the held-out documents of this `prepare` cache")
    what.add_argument("--tsv", nargs="+", help="the sentences of these token-per-line TSV files instead, one per "
                                                "line as `sentences` writes them (evaluation only: any split)")
    s.add_argument("--model", required=True)
    s.add_argument("--max-chars", type=int, default=100000)
    s.add_argument("--batch", type=int, default=16)
    s.add_argument("--device")
    s = sub.add_parser("from-bnm", help="a bioner char-lm model file -> a Flair LM checkpoint (float32)")
    s.add_argument("--in", dest="input", required=True)
    s.add_argument("--out", required=True)
    args = p.parse_args(argv)
    if args.cmd == "sentences":
        cmd_sentences(args)
    elif args.cmd == "prepare":
        cmd_prepare(args)
    elif args.cmd == "train":
        cmd_train(args)
    elif args.cmd == "eval":
        cmd_eval(args)
    elif args.cmd == "from-bnm":
        cmd_from_bnm(args)
    else:
        p.print_help()
        sys.exit(2)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes small random Flair-format character LMs and the Flair embeddings PyTorch computes for them.

Run with Debian's PyTorch (torch 1.13):  /usr/bin/python3 make_fixtures.py  (in this folder)

Each model is saved as Flair's LanguageModel.save() does: torch.save of a dict
{state_dict, dictionary, is_forward_lm, hidden_size, nlayers, embedding_size, nout,
 document_delimiter, dropout, recurrent_type, has_decoder}, the dictionary being a pickled
flair.data.Dictionary (a stub class of that name here, so the pickle names it as Flair's does).
Reference vectors follow FlairEmbeddings._add_embeddings_internal + LanguageModel.get_representation
(flair 0.12): text "\n" + tokens joined by " " + " ", backward LM on the reversed string, chunks of
512 characters carrying the LSTM state, padding with " ", unknown characters -> index 0, forward
vector at the space after the token, backward at the space before it (with_whitespace=True).
"""
import sys
import types

import torch
from torch import nn

# ---- stub of flair.data.Dictionary (only its pickled state matters)
flair_mod = types.ModuleType("flair")
data_mod = types.ModuleType("flair.data")


class Dictionary:
    def __init__(self, add_unk=True):
        self.item2idx = {}
        self.idx2item = []
        self.add_unk = add_unk
        self.multi_label = False
        self.span_labels = False
        if add_unk:
            self.add_item("<unk>")

    def add_item(self, item):
        b = item.encode("utf-8")
        if b not in self.item2idx:
            self.idx2item.append(b)
            self.item2idx[b] = len(self.idx2item) - 1
        return self.item2idx[b]

    def get_idx_for_item(self, item):
        return self.item2idx.get(item.encode("utf-8"), 0)

    def __len__(self):
        return len(self.idx2item)


Dictionary.__module__ = "flair.data"
data_mod.Dictionary = Dictionary
flair_mod.data = data_mod
sys.modules["flair"] = flair_mod
sys.modules["flair.data"] = data_mod


class LanguageModel(nn.Module):
    """flair.models.LanguageModel (the parts used for embeddings)."""

    def __init__(self, dictionary, is_forward_lm, hidden_size, nlayers, embedding_size=100, nout=None):
        super().__init__()
        self.dictionary, self.is_forward_lm = dictionary, is_forward_lm
        self.hidden_size, self.nlayers, self.embedding_size, self.nout = hidden_size, nlayers, embedding_size, nout
        self.encoder = nn.Embedding(len(dictionary), embedding_size)
        self.rnn = nn.LSTM(embedding_size, hidden_size, nlayers)
        if nout is not None:
            self.proj = nn.Linear(hidden_size, nout)
            self.decoder = nn.Linear(nout, len(dictionary))
        else:
            self.proj = None
            self.decoder = nn.Linear(hidden_size, len(dictionary))

    def forward(self, inp, hidden):
        output, hidden = self.rnn(self.encoder(inp), hidden)
        if self.proj is not None:
            output = self.proj(output)
        return self.decoder(output), output, hidden

    def get_representation(self, strings, start_marker, end_marker, chars_per_chunk=512):
        len_longest_str = len(max(strings, key=len))
        padded_strings = []
        for string in strings:
            if not self.is_forward_lm:
                string = string[::-1]
            padded_strings.append(f"{start_marker}{string}{end_marker}")
        longest_padded_str = len_longest_str + len(start_marker) + len(end_marker)
        chunks, splice_begin = [], 0
        for splice_end in range(chars_per_chunk, longest_padded_str, chars_per_chunk):
            chunks.append([text[splice_begin:splice_end] for text in padded_strings])
            splice_begin = splice_end
        chunks.append([text[splice_begin:longest_padded_str] for text in padded_strings])
        hidden = (torch.zeros(self.nlayers, len(strings), self.hidden_size, dtype=self.encoder.weight.dtype),) * 2
        pad = self.dictionary.get_idx_for_item(" ")
        outs = []
        for chunk in chunks:
            longest = len(max(chunk, key=len))
            ids = [[self.dictionary.get_idx_for_item(c) for c in s] + [pad] * (longest - len(s)) for s in chunk]
            _, out, hidden = self.forward(torch.tensor(ids, dtype=torch.long).t(), hidden)
            outs.append(out)
        return torch.cat(outs)


def flair_embeddings(lm, sentences):
    """FlairEmbeddings._add_embeddings_internal with with_whitespace=True, no fine-tuning."""
    texts = [" ".join(toks) for toks in sentences]
    states = lm.get_representation(texts, "\n", " ", 512)
    result = []
    for i, toks in enumerate(sentences):
        off_f, off_b = 1, len(texts[i]) + 1
        vecs = []
        for tok in toks:
            off_f += len(tok)
            vecs.append(states[off_f if lm.is_forward_lm else off_b, i, :])
            off_f += 1
            off_b -= 1
            off_b -= len(tok)
        result.append(vecs)
    return result


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split(" ") for line in f if line.strip()]


def build(seed, forward, hidden, layers, emb, nout, chars):
    torch.manual_seed(seed)
    d = Dictionary()
    for c in chars:
        d.add_item(c)
    lm = LanguageModel(d, forward, hidden, layers, emb, nout).eval()
    with torch.no_grad():  # larger weights than the default init, so that errors show
        for p in lm.parameters():
            p.uniform_(-0.6, 0.6)
    return lm


def model_state(lm, dtype, old_keys):
    sd = lm.state_dict()
    if dtype is not None:
        sd = type(sd)((k, v.to(dtype)) for k, v in sd.items())
    state = {"state_dict": sd, "dictionary": lm.dictionary, "is_forward_lm": lm.is_forward_lm,
             "hidden_size": lm.hidden_size, "nlayers": lm.nlayers, "embedding_size": lm.embedding_size,
             "nout": lm.nout, "document_delimiter": "\n", "dropout": 0.1}
    if not old_keys:
        state.update({"recurrent_type": "LSTM", "has_decoder": True})
    else:
        del state["document_delimiter"]
    return state


def strided(lm):
    """Stores the encoder transposed (non-contiguous strides) and both layer-0 biases in one storage
    (second at an offset), so that the importer must honour _rebuild_tensor_v2's offset and strides."""
    with torch.no_grad():
        w = lm.encoder.weight.data
        lm.encoder.weight.data = w.t().contiguous().t()
        b = torch.cat([lm.rnn.bias_ih_l0.data, lm.rnn.bias_hh_l0.data])
        n = lm.rnn.bias_ih_l0.numel()
        lm.rnn.bias_ih_l0.data = b[:n]
        lm.rnn.bias_hh_l0.data = b[n:]


MODELS = [
    # name, seed, forward, hidden, layers, emb, nout, zip, dtype, protocol, old keys, strided
    ("fwd-1layer-zip", 1, True, 16, 1, 8, None, True, None, 4, False, True),
    ("bwd-1layer-zip", 2, False, 16, 1, 8, None, True, None, 4, False, False),
    ("fwd-2layer-proj-legacy", 3, True, 12, 2, 6, 10, False, None, 2, True, False),
    ("bwd-2layer-proj-zip", 4, False, 12, 2, 6, 10, True, None, 4, False, False),
    ("fwd-1layer-legacy-strided", 5, True, 16, 1, 8, None, False, None, 4, False, True),
    ("fwd-half-zip", 6, True, 16, 1, 8, None, True, torch.float16, 4, False, False),
    ("bwd-bf16-legacy", 7, False, 16, 2, 8, None, False, torch.bfloat16, 4, False, False),
]


def main():
    sentences = read_sentences("sentences.txt")
    # the dictionary lacks some characters on purpose ("Z", "é", "𝛼"): they map to <unk> = 0
    chars = [c for c in "\n abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY0123456789-().,;:%/'\"[]+=<>αβγ"]
    for name, seed, fwd, hidden, layers, emb, nout, use_zip, dtype, proto, old, strd in MODELS:
        lm = build(seed, fwd, hidden, layers, emb, nout, chars)
        if strd:
            strided(lm)
        if dtype is not None:  # the reference uses exactly the rounded weights the file holds
            with torch.no_grad():
                for p in lm.parameters():
                    p.copy_(p.to(dtype).float())
        torch.save(model_state(lm, dtype, old), name + ".pt", pickle_protocol=proto,
                   _use_new_zipfile_serialization=use_zip)
        with torch.no_grad():
            vecs = flair_embeddings(lm, sentences)
        with open(name + ".expected.tsv", "w", encoding="utf-8") as f:
            for s, (toks, vs) in enumerate(zip(sentences, vecs)):
                for t, (tok, v) in enumerate(zip(toks, vs)):
                    f.write(f"{s}\t{t}\t{tok}\t" + "\t".join(repr(float(x)) for x in v.tolist()) + "\n")
        print(name, "ok")


if __name__ == "__main__":
    main()

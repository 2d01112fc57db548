#!/usr/bin/env python3
"""Writes small random Flair SequenceTagger checkpoints and the tags, scores and spans Flair computes for them.

Run with Debian's PyTorch (python3-torch):  /usr/bin/python3 make_tagger_fixtures.py  (in this folder)

Stand-in classes carry Flair's (and gensim 3.x's) module and class names, so the pickles record them as real
checkpoints do. Files written:
  v1-zip.pt, v1-legacy.pt   the Flair 0.5.1-0.12 (HunFlair v1) layout: torch.save of a dict whose 'embeddings' is a
                            pickled StackedEmbeddings module (WordEmbeddings holding a gensim Word2VecKeyedVectors
                            with its numpy vectors, FlairEmbeddings holding a LanguageModel module), CRF key
                            'transitions', tag dictionary with '<unk>'; zip and pre-1.6 legacy format. The legacy file
                            spells the reprojection flag 'relearn_embeddings' (Flair 0.4/0.5), the zip one
                            'reproject_embeddings'. gensim word counts are numpy scalars.
  v2-3layers-zip.pt         as v2-zip.pt with three stacked BiLSTM layers (rnn_layers=3).
  v2-zip.pt                 the Flair 0.13+ layout: embeddings as dicts with '__cls__', word vectors as
                            'embeddings.list_embedding_0.embedding.weight' (all-zero last row for unknown words),
                            CRF key 'crf.transitions', no '<unk>' tag, tags in a non-canonical order, a
                            model_card naming the optimizer class, with a path and a device.
  transformer.pt            a 0.13 tagger on TransformerWordEmbeddings (out of scope: must be refused).
  transformer-v1-legacy.pt  the same in the older layout (a pickled TransformerWordEmbeddings object).
  evil-legacy.pt            a pickle naming os.system (must be refused, naming it).
  <name>.expected.tsv       per token: sentence, token index, token, Flair's tag, Flair's score; per span:
                            'span', sentence, start, end (exclusive), value, score.

The reference follows Flair at inference: embeddings concatenated in sorted order of their names
(DataPoint.get_each_embedding), WordEmbeddings' lookup (exact, lower, lower with digits -> '#', -> '0', else
the zero vector), FlairEmbeddings with_whitespace (as ../flair/make_fixtures.py), embedding2nn, a bidirectional
nn.LSTM, linear, then CRF features[t, to, from] = emission[t, to] + transitions[to, from] decoded by
flair.models.sequence_tagger_utils.viterbi.ViterbiDecoder (the decoder Flair uses for both generations, since
it renames an old 'transitions' key to 'crf.transitions' on load): score = max of softmax over the Viterbi
scores at each token; spans by flair's get_spans_from_bio (span score = mean of token scores). The numpy decoder of
Flair <= 0.9 (_viterbi_decode) is run too and must agree (same paths, scores within 1e-6).
"""
import collections
import pathlib
import pickle
import sys
import types

import numpy as np
import torch
from torch import nn


def module(name):
    m = types.ModuleType(name)
    sys.modules[name] = m
    return m


def place(cls, modname):
    cls.__module__ = modname
    setattr(sys.modules[modname], cls.__name__, cls)
    return cls


for _m in ["flair", "flair.data", "flair.embeddings", "flair.embeddings.token", "flair.models",
           "flair.models.language_model", "gensim", "gensim.models", "gensim.models.keyedvectors"]:
    module(_m)


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

    def get_item_for_index(self, i):
        return self.idx2item[i].decode("utf-8")

    def __len__(self):
        return len(self.idx2item)


place(Dictionary, "flair.data")


class Vocab:  # gensim 3.x
    def __init__(self, index, count):
        self.index = index
        self.count = count


class Word2VecKeyedVectors:  # gensim 3.x, as pickled inside Flair 0.5 checkpoints
    def __init__(self, words, vectors):
        self.vectors = vectors
        self.vocab = {w: Vocab(i, np.int64(100 - i)) for i, w in enumerate(words)}  # counts as numpy scalars
        self.vector_size = vectors.shape[1]
        self.index2word = list(words)
        self.vectors_norm = None


place(Vocab, "gensim.models.keyedvectors")
place(Word2VecKeyedVectors, "gensim.models.keyedvectors")


class LanguageModel(nn.Module):
    def __init__(self, dictionary, is_forward_lm, hidden_size, nlayers, embedding_size, nout=None):
        super().__init__()
        self.dictionary, self.is_forward_lm = dictionary, is_forward_lm
        self.hidden_size, self.nlayers, self.embedding_size, self.nout = hidden_size, nlayers, embedding_size, nout
        self.dropout = 0.1
        self.document_delimiter = "\n"
        self.drop = nn.Dropout(0.1)
        self.encoder = nn.Embedding(len(dictionary), embedding_size)
        self.rnn = nn.LSTM(embedding_size, hidden_size, nlayers)
        self.hidden = None
        if nout is not None:
            self.proj = nn.Linear(hidden_size, nout)
            self.decoder = nn.Linear(nout, len(dictionary))
        else:
            self.proj = None
            self.decoder = nn.Linear(hidden_size, len(dictionary))

    def representation(self, text):
        """Output states for one string (start marker '\\n', end marker ' '), as get_representation."""
        s = text if self.is_forward_lm else text[::-1]
        s = "\n" + s + " "
        ids = torch.tensor([[self.dictionary.get_idx_for_item(c)] for c in s], dtype=torch.long)
        out, _ = self.rnn(self.encoder(ids))
        if self.proj is not None:
            out = self.proj(out)
        return out[:, 0, :]

    def model_params(self):
        return {"dictionary": self.dictionary, "is_forward_lm": self.is_forward_lm, "hidden_size": self.hidden_size,
                "nlayers": self.nlayers, "embedding_size": self.embedding_size, "nout": self.nout,
                "document_delimiter": self.document_delimiter, "dropout": self.dropout, "recurrent_type": "LSTM"}


place(LanguageModel, "flair.models.language_model")


class FlairEmbeddings(nn.Module):
    def __init__(self, lm, name):
        super().__init__()
        self.lm = lm
        self.name = name
        self.is_forward_lm = lm.is_forward_lm
        self.chars_per_chunk = 512
        self.static_embeddings = True
        self.fine_tune = False
        self.with_whitespace = True
        self.tokenized_lm = True
        self.is_lower = False

    def vectors(self, tokens):
        text = " ".join(tokens)
        states = self.lm.representation(text)
        off_f, off_b, out = 1, len(text) + 1, []
        for tok in tokens:
            off_f += len(tok)
            out.append(states[off_f if self.lm.is_forward_lm else off_b])
            off_f += 1
            off_b -= 1 + len(tok)
        return out

    def params(self):
        return {"fine_tune": False, "chars_per_chunk": 512, "is_lower": False,
                "model_params": self.lm.model_params(), "name": self.name, "__cls__": "FlairEmbeddings"}


class WordEmbeddings(nn.Module):
    def __init__(self, words, vectors, name):
        super().__init__()
        self.words = list(words)
        self.table = vectors
        self.name = name
        self.static_embeddings = True
        self.field = None

    def lookup(self, word):
        import re
        for w in (word, word.lower(), re.sub(r"\d", "#", word.lower()), re.sub(r"\d", "0", word.lower())):
            if w in self.words:
                return self.words.index(w)
        return len(self.words)

    def vectors(self, tokens):
        full = np.vstack([self.table, np.zeros((1, self.table.shape[1]), dtype=np.float32)])
        return [torch.tensor(full[self.lookup(t)]) for t in tokens]

    def as_v1(self):
        """The 0.5-era pickled state: gensim vectors inline, no parameters."""
        self.precomputed_word_embeddings = Word2VecKeyedVectors(self.words, self.table)
        self._WordEmbeddings__embedding_length = self.table.shape[1]
        for attr in ("words", "table"):
            delattr(self, attr)

    def as_v2(self):
        full = np.vstack([self.table, np.zeros((1, self.table.shape[1]), dtype=np.float32)])
        self.embedding = nn.Embedding.from_pretrained(torch.tensor(full))
        return {"vocab": {w: i for i, w in enumerate(self.words)}, "stable": False, "fine_tune": False,
                "force_cpu": True, "field": None, "name": self.name, "embedding_length": self.table.shape[1],
                "__cls__": "WordEmbeddings"}


class StackedEmbeddings(nn.Module):
    def __init__(self, embeddings):
        super().__init__()
        self.embeddings = embeddings
        for i, e in enumerate(embeddings):
            self.add_module(f"list_embedding_{i}", e)
        self.name = "Stack"
        self.static_embeddings = True
        self._StackedEmbeddings__embedding_length = 0

    def vectors(self, tokens):
        per = {e.name: e.vectors(tokens) for e in self.embeddings}
        return torch.stack([torch.cat([per[n][t] for n in sorted(per)]) for t in range(len(tokens))])


class TransformerWordEmbeddings(nn.Module):
    pass


for _c in (FlairEmbeddings, WordEmbeddings, StackedEmbeddings, TransformerWordEmbeddings):
    place(_c, "flair.embeddings")


class Tagger(nn.Module):
    def __init__(self, embeddings, dim, hidden, ntags, layers=1):
        super().__init__()
        self.embeddings = embeddings
        self.embedding2nn = nn.Linear(dim, dim)
        # Flair: dropout 0.5 between stacked layers (training only; these are evaluated in eval mode)
        self.rnn = nn.LSTM(dim, hidden, num_layers=layers, bidirectional=True, batch_first=True,
                           dropout=0.0 if layers == 1 else 0.5)
        self.linear = nn.Linear(2 * hidden, ntags)


def viterbi(feats, transitions, start, stop):
    """flair ViterbiDecoder.decode for one sentence; feats [T, K] emissions."""
    T, K = feats.shape
    crf = feats.unsqueeze(-1).expand(T, K, K) + transitions.unsqueeze(0)  # [t, to, from]
    scores = torch.zeros(T + 1, K)
    back = torch.full((T + 1, K), stop, dtype=torch.long)
    for t in range(T):
        if t == 0:
            scores[t] = crf[t, :, start]
            back[t] = start
        else:
            scores[t], back[t] = torch.max(crf[t] + scores[t - 1].unsqueeze(0), dim=1)
        if t == T - 1:
            scores[t + 1], back[t + 1] = torch.max(scores[t].unsqueeze(0) + transitions[stop].unsqueeze(0), dim=1)
    decoded = torch.zeros(T + 1, dtype=torch.long)
    pointer = stop
    for t in reversed(range(T + 1)):
        decoded[t] = back[t, pointer]
        pointer = decoded[t].item()
    assert decoded[0].item() == start
    conf = torch.max(torch.softmax(scores[:-1], dim=1), dim=1).values
    return decoded[1:].tolist(), conf.tolist()


def viterbi_legacy(feats, transitions, start, stop):
    """The numpy decoder of Flair <= 0.9 (SequenceTagger._viterbi_decode), which HunFlair v1 was written with:
    the reference checks that it agrees with ViterbiDecoder on the v1 fixture (docs/FLAIR_TAGGERS.md)."""
    feats, transitions = feats.numpy(), transitions.numpy()
    k = transitions.shape[0]
    backpointers = np.empty((feats.shape[0], k), dtype=np.int_)
    backscores = np.empty((feats.shape[0], k), dtype=np.float32)
    forward_var = np.expand_dims(np.repeat(-10000.0, k), axis=0).astype(np.float32)
    forward_var[0][start] = 0
    for index, feat in enumerate(feats):
        next_tag_var = forward_var + transitions
        bptrs_t = next_tag_var.argmax(axis=1)
        forward_var = next_tag_var[np.arange(k), bptrs_t] + feat
        backscores[index] = forward_var
        forward_var = forward_var[np.newaxis, :]
        backpointers[index] = bptrs_t
    terminal_var = forward_var.squeeze() + transitions[stop]
    terminal_var[stop] = -10000.0
    terminal_var[start] = -10000.0
    best = terminal_var.argmax()
    path = [best]
    for bptrs_t in reversed(backpointers):
        best = bptrs_t[best]
        path.append(best)
    assert path.pop() == start
    path.reverse()
    x = backscores - backscores.max(axis=1, keepdims=True)
    y = np.exp(x)
    return [int(i) for i in path], (y / y.sum(axis=1, keepdims=True)).max(axis=1).tolist()


def spans_from_bio(tags, scores):
    """flair get_spans_from_bio."""
    tags = list(tags) + ["O"]
    found, weights, previous, span, span_scores = [], collections.defaultdict(float), "O-", [], []
    for idx, tag in enumerate(tags):
        if tag in ("", "O", "_"):
            tag = "O-"
        in_span = tag != "O-"
        new = tag[0:2] in ("B-", "S-")
        if tag[0:2] == "I-" and previous[2:] != tag[2:]:
            new = True
        if tag[0:2] == "S-" and previous[2:] != tag[2:]:
            new = True
        if (new or not in_span) and span:
            found.append((span, sum(span_scores) / len(span_scores),
                          sorted(weights.items(), key=lambda kv: kv[1], reverse=True)[0][0]))
            span, span_scores, weights = [], [], collections.defaultdict(float)
        if in_span:
            span.append(idx)
            span_scores.append(scores[idx])
            weights[tag[2:]] += 1.1 if new else 1.0
        previous = tag
    return found


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split(" ") for line in f if line.strip()]


# lookups exercised: exact (BRCA1, 12), lower case (Brca1, Cancer, HeLa), digits -> '#' before '0' (IL-2: il-# and
# il-0 both exist), digits -> '0' (P5: no p#), unknown words (zero vector)
WORDS = ["the", "of", "disease", "cancer", "brca1", "BRCA1", "il-#", "il-0", "p0", "cells", "(", ")", ".", ",", "and",
         "gene", "mutation", "α", "hela", "12", "##-##"]
CHARS = list("\n abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY0123456789-().,;:%/'\"[]+=<>αβγ")


def build(seed, tags, with_unk, wdim=5, hidden_lm=8, emb_lm=4, hidden=6, layers=1):
    torch.manual_seed(seed)
    chars = Dictionary()
    for c in CHARS:
        chars.add_item(c)
    fwd = LanguageModel(chars, True, hidden_lm, 1, emb_lm)
    bwd = LanguageModel(chars, False, hidden_lm, 1, emb_lm, nout=7)
    table = (torch.rand(len(WORDS), wdim) * 2 - 1).numpy().astype(np.float32)
    words = WordEmbeddings(WORDS, table, "0-.flair/embeddings/pubmed_pmc_wiki_sg_1M.gensim")
    stack = StackedEmbeddings([words, FlairEmbeddings(fwd, "1-.flair/embeddings/pubmed-forward.pt"),
                               FlairEmbeddings(bwd, "2-.flair/embeddings/pubmed-backward.pt")])
    tag_dict = Dictionary(add_unk=with_unk)
    for t in tags + ["<START>", "<STOP>"]:
        tag_dict.add_item(t)
    dim = wdim + hidden_lm + 7
    tagger = Tagger(stack, dim, hidden, len(tag_dict), layers)
    tagger.rnn.eval()  # no dropout between stacked layers in the reference (the rnn is saved as a state_dict only)
    with torch.no_grad():
        for name, p in tagger.named_parameters():
            if not name.startswith("embeddings.list_embedding_0"):
                p.uniform_(-0.6, 0.6)
        transitions = torch.randn(len(tag_dict), len(tag_dict))
        transitions[tag_dict.get_idx_for_item("<START>"), :] = -10000
        transitions[:, tag_dict.get_idx_for_item("<STOP>")] = -10000
    return tagger, tag_dict, transitions, words


def reference(tagger, tag_dict, transitions, sentences, out_name):
    start, stop = tag_dict.get_idx_for_item("<START>"), tag_dict.get_idx_for_item("<STOP>")
    with open(out_name + ".expected.tsv", "w", encoding="utf-8") as f, torch.no_grad():
        for s, toks in enumerate(sentences):
            x = tagger.embeddings.vectors(toks).unsqueeze(0)
            x = tagger.embedding2nn(x)
            y, _ = tagger.rnn(x)
            feats = tagger.linear(y)[0]
            path, conf = viterbi(feats, transitions, start, stop)
            legacy_path, legacy_conf = viterbi_legacy(feats, transitions, start, stop)
            assert legacy_path == path and np.allclose(legacy_conf, conf, atol=1e-6), (s, path, legacy_path)
            tags = [tag_dict.get_item_for_index(i) for i in path]
            for t, (tok, tag, c) in enumerate(zip(toks, tags, conf)):
                f.write(f"{s}\t{t}\t{tok}\t{tag}\t{c!r}\n")
            for span, score, value in spans_from_bio(tags, conf):
                f.write(f"span\t{s}\t{span[0]}\t{span[-1] + 1}\t{value}\t{score!r}\n")


def common_state(tagger, tag_dict, hidden):
    return {"hidden_size": hidden, "train_initial_hidden_state": False, "tag_dictionary": tag_dict,
            "tag_type": "ner", "use_crf": True, "use_rnn": True, "rnn_layers": tagger.rnn.num_layers,
            "use_word_dropout": 0.05, "use_locked_dropout": 0.5, "weight_dict": None}


def main():
    sentences = read_sentences("sentences.txt")
    # v1: Flair 0.5.1-0.12 (HunFlair v1)
    tags_v1 = ["O", "S-Disease", "B-Disease", "E-Disease", "I-Disease", "S-CellLine", "B-CellLine", "E-CellLine",
               "I-CellLine"]
    tagger, tag_dict, transitions, words = build(19, tags_v1, True)
    reference(tagger, tag_dict, transitions, sentences, "v1")
    words.as_v1()
    sd = tagger.state_dict()
    sd["transitions"] = transitions
    for use_zip, name, flag in ((True, "v1-zip", "reproject_embeddings"), (False, "v1-legacy", "relearn_embeddings")):
        state = {"state_dict": sd, "embeddings": tagger.embeddings, **common_state(tagger, tag_dict, 6),
                 "rnn_type": "LSTM", "beta": 1.0, flag: True}
        torch.save(state, name + ".pt", _use_new_zipfile_serialization=use_zip)
        print(name, "ok")
    # v2: Flair 0.13+
    tags_v2 = ["O", "B-Chemical", "I-Chemical", "E-Chemical", "S-Chemical", "S-Gene", "B-Gene", "E-Gene", "I-Gene"]
    tagger, tag_dict, transitions, words = build(12, tags_v2, False)
    reference(tagger, tag_dict, transitions, sentences, "v2")
    wparams = words.as_v2()
    emb = tagger.embeddings.embeddings
    sd = tagger.state_dict()
    sd["crf.transitions"] = transitions
    state = {"state_dict": sd, "__cls__": "SequenceTagger",
             "embeddings": {"__cls__": "StackedEmbeddings", "embeddings": [wparams, emb[1].params(), emb[2].params()]},
             **common_state(tagger, tag_dict, 6), "tag_format": "BIOES", "use_dropout": 0.0, "rnn_type": "LSTM",
             "reproject_embeddings": True,
             # trainers record classes by reference (never called): the reader must carry them inertly
             "model_card": {"flair_version": "0.13.1", "pytorch_version": torch.__version__,
                            "training_parameters": {"optimizer": torch.optim.SGD, "learning_rate": 0.1,
                                                    "base_path": pathlib.PosixPath("resources/taggers/x"),
                                                    "device": torch.device("cpu")}}}
    torch.save(state, "v2-zip.pt")
    print("v2-zip ok")
    # v2 with a stacked BiLSTM (rnn_layers=3: Flair's nn.LSTM names rnn.*_l0, _l1, _l2 and *_reverse)
    tagger3, tag_dict3, transitions3, words3 = build(23, tags_v2, False, layers=3)
    reference(tagger3, tag_dict3, transitions3, sentences, "v2-3layers")
    wparams3 = words3.as_v2()
    emb3 = tagger3.embeddings.embeddings
    sd3 = tagger3.state_dict()
    sd3["crf.transitions"] = transitions3
    torch.save({**state, "state_dict": sd3, **common_state(tagger3, tag_dict3, 6),
                "embeddings": {"__cls__": "StackedEmbeddings",
                               "embeddings": [wparams3, emb3[1].params(), emb3[2].params()]}}, "v2-3layers-zip.pt")
    print("v2-3layers-zip ok")
    state["embeddings"] = {"__cls__": "StackedEmbeddings",
                           "embeddings": [{"__cls__": "TransformerWordEmbeddings", "model": "bert-base-cased"}]}
    state["state_dict"] = collections.OrderedDict((k, v) for k, v in sd.items() if not k.startswith("embeddings."))
    torch.save(state, "transformer.pt")
    # the older layout pickles the embeddings object itself
    torch.save({"state_dict": {}, "embeddings": TransformerWordEmbeddings(), "tag_dictionary": tag_dict, "use_crf": True,
                "hidden_size": 6}, "transformer-v1-legacy.pt", _use_new_zipfile_serialization=False)
    # a pickle that names a function no checkpoint needs
    import os
    class Evil:
        def __reduce__(self):
            return (os.system, ("true",))
    torch.save({"state_dict": {}, "embeddings": Evil()}, "evil-legacy.pt", _use_new_zipfile_serialization=False)
    print("negative fixtures ok")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference numbers for LmTrainerPyTorchTest: a tiny Flair LanguageModel (the module layout of
scripts/pretrain_flair_lm.py, dropout 0) trained for two truncated-BPTT updates on fixed chunks, with
the hidden state carried (detached) from the first to the second, loss = mean cross-entropy, gradient
norm clipped to 0.25, then SGD (lr 2.0) or Adam (lr 0.01). Writes lm_reference.tsv: name<TAB>shape<TAB>values.
Run with torch 1.13: /usr/bin/python3 make_lm_reference.py > lm_reference.tsv
"""
import torch
import torch.nn as nn

V, E, H, B, L = 7, 4, 5, 3, 6
torch.manual_seed(3)


class LM(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Embedding(V, E)
        self.rnn = nn.LSTM(E, H, 1)
        self.decoder = nn.Linear(H, V)

    def forward(self, ids, hidden):
        out, hidden = self.rnn(self.encoder(ids), hidden)
        return self.decoder(out), hidden


def emit(name, t):
    t = t.detach().double().contiguous()
    print("%s\t%s\t%s" % (name, " ".join(str(d) for d in t.shape) or "1",
                          " ".join(repr(float(v)) for v in t.reshape(-1))))


# streams x (2 * L + 1) characters: two chunks of L inputs and their next-character targets
stream = torch.randint(0, V, (B, 2 * L + 1))
emit("streams", stream.float())
base = LM()
init = {k: v.clone() for k, v in base.state_dict().items()}
for k, v in init.items():
    emit("init." + k, v)

for opt_name in ("sgd", "adam"):
    model = LM()
    model.load_state_dict(init)
    opt = torch.optim.SGD(model.parameters(), lr=2.0) if opt_name == "sgd" else torch.optim.Adam(model.parameters(), lr=0.01)
    hidden = (torch.zeros(1, B, H), torch.zeros(1, B, H))
    for step in range(2):
        x = stream[:, step * L: step * L + L].t().contiguous()          # (L, B): time-major, as Flair
        y = stream[:, step * L + 1: step * L + L + 1].t().contiguous()
        logits, hidden = model(x, hidden)
        loss = nn.functional.cross_entropy(logits.view(-1, V), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
        opt.step()
        hidden = tuple(h.detach() for h in hidden)
        emit("%s.loss%d" % (opt_name, step), loss)
        emit("%s.norm%d" % (opt_name, step), norm)
    for k, v in model.state_dict().items():
        emit("%s.final.%s" % (opt_name, k), v)
    emit("%s.final.h" % opt_name, hidden[0][0])
    emit("%s.final.c" % opt_name, hidden[1][0])

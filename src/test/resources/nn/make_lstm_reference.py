#!/usr/bin/env python3
"""Reference numbers for LstmLayerTest: PyTorch nn.LSTM on a tiny fixed batch of variable-length sequences.

Run with Debian's PyTorch (torch 1.13), in this folder:  /usr/bin/python3 make_lstm_reference.py > lstm_reference.tsv

One nn.LSTM (input 5, hidden 3, seeded random float32 weights) reads three sequences of lengths 4, 1 and 3,
once as they are ("forward") and once with each sequence reversed within its own length ("reversed", the
backward direction of a BiLSTM; its outputs are put back in token order). The loss is sum(y * R) for a fixed
random R, so dL/dy = R; the file holds the outputs y and the gradients of the loss w.r.t. weight_ih_l0,
weight_hh_l0, b (= b_ih + b_hh, one gradient for both) and the input. Computed in float64 from the float32
values. Lines: name <TAB> comma-separated shape <TAB> space-separated values (row-major, PyTorch layouts:
weight_ih [4H, in], weight_hh [4H, H]); token-order rows = sequence after sequence.
"""
import torch
from torch import nn

torch.manual_seed(20240601)
IN, H = 5, 3
LENGTHS = [4, 1, 3]
lstm = nn.LSTM(IN, H)
x32 = [torch.randn(n, IN) for n in LENGTHS]
r32 = {d: [torch.randn(n, H) for n in LENGTHS] for d in ("forward", "reversed")}


def emit(name, t):
    t = t.detach().to(torch.float64).reshape(-1) if t.dim() > 0 else t.detach().to(torch.float64).reshape(1)
    print(name + "\t" + shape_of[name] + "\t" + " ".join(repr(float(v)) for v in t))


shape_of = {}


def put(name, t):
    shape_of[name] = ",".join(str(s) for s in t.shape)
    emit(name, t)


put("lengths", torch.tensor(LENGTHS, dtype=torch.float64))
put("weight_ih", lstm.weight_ih_l0)
put("weight_hh", lstm.weight_hh_l0)
put("bias_ih", lstm.bias_ih_l0)
put("bias_hh", lstm.bias_hh_l0)
put("x", torch.cat(x32))

for direction in ("forward", "reversed"):
    ref = nn.LSTM(IN, H).double()
    with torch.no_grad():
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            getattr(ref, name).copy_(getattr(lstm, name).double())
    xs = [x.double().requires_grad_(True) for x in x32]
    ys = []
    for x in xs:
        inp = x.flip(0) if direction == "reversed" else x
        y, _ = ref(inp.unsqueeze(1))  # [len, 1, H], zero initial state
        y = y.squeeze(1)
        ys.append(y.flip(0) if direction == "reversed" else y)
    y = torch.cat(ys)
    r = torch.cat(r32[direction]).double()
    loss = (y * r).sum()
    loss.backward()
    put(direction + ".dy", r)
    put(direction + ".y", y)
    put(direction + ".grad_weight_ih", ref.weight_ih_l0.grad)
    put(direction + ".grad_weight_hh", ref.weight_hh_l0.grad)
    put(direction + ".grad_bias", ref.bias_ih_l0.grad)  # equals bias_hh_l0.grad
    assert torch.allclose(ref.bias_ih_l0.grad, ref.bias_hh_l0.grad)
    put(direction + ".grad_x", torch.cat([x.grad for x in xs]))

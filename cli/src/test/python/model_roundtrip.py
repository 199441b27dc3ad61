#!/usr/bin/env python3
"""Rebuilds a fit's model.safetensors as a torch.nn model and checks it against fields.csv.

    python3 model_roundtrip.py RUN_FOLDER [TOLERANCE]

RUN_FOLDER is the --out folder of `mollify fit`. The model is read with numpy alone (the safetensors
layout: an 8-byte little-endian header length, a JSON header, the raw tensors), built as torch.nn
Linear layers, evaluated at the grid coordinates of fields.csv, and compared with its FIELD_net
columns and the columns of the learned fields (named as the field): the largest difference relative
to the column's largest value must be under TOLERANCE (default 1e-6). Prints one line per field and the coefficients; exits 0 when every field agrees,
1 when one does not, 2 on a usage or file error. The format is described in the Javadoc of
dev.mollify.pde.pinn.PinnExport.
"""
import csv
import json
import struct
import sys

import numpy as np
import torch

DTYPES = {"F64": np.float64, "F32": np.float32}


class Sin(torch.nn.Module):
    def forward(self, x):
        return torch.sin(x)


ACTIVATIONS = {
    "tanh": torch.nn.Tanh,
    "sin": Sin,
    "softplus": torch.nn.Softplus,
    "gelu": lambda: torch.nn.GELU(approximate="tanh"),
    "identity": torch.nn.Identity,
}


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, spec in header.items():
        lo, hi = spec["data_offsets"]
        tensors[name] = np.frombuffer(data[lo:hi], dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"]).astype(np.float64)
    return tensors, meta


def mlp(tensors, prefix, layers, activation):
    modules = []
    for i in range(layers):
        w = tensors[f"{prefix}{i}.weight"]
        lin = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(w))
            lin.bias.copy_(torch.from_numpy(tensors[f"{prefix}{i}.bias"]))
        modules.append(lin)
        if i < layers - 1:
            modules.append(ACTIVATIONS[activation]())
    return torch.nn.Sequential(*modules)


def numbers(text):
    return np.array([float(v) for v in text.split(",")])


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = argv[1].rstrip("/")
    tolerance = float(argv[2]) if len(argv) > 2 else 1e-6
    try:
        tensors, meta = read_safetensors(f"{folder}/model.safetensors")
        with open(f"{folder}/fields.csv", newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        print(f"model_roundtrip: {e}", file=sys.stderr)
        return 2
    if meta.get("format") != "mollify-model-1":
        print(f"model_roundtrip: {folder}/model.safetensors is not a mollify-model-1 file", file=sys.stderr)
        return 2
    header, body = rows[0], rows[1:]
    inputs, outputs = meta["inputs"].split(","), meta["outputs"].split(",")
    x = np.array([[float(r[header.index(c)]) for c in inputs] for r in body])
    z = torch.from_numpy((x - numbers(meta["input.centre"])) / numbers(meta["input.halfWidth"]))
    act = meta["activation"]
    with torch.no_grad():
        y = mlp(tensors, "net.", int(meta["net.layers"]), act)(z)
        if int(meta["unknown_net.layers"]) > 0:
            y = torch.cat([y, mlp(tensors, "unknown_net.", int(meta["unknown_net.layers"]), act)(z)], dim=1)
        for name in filter(None, meta.get("field_nets", "").split(",")):
            own = [inputs.index(c) for c in meta[f"field_net.{name}.inputs"].split(",")]
            net = mlp(tensors, f"field_net.{name}.", int(meta[f"field_net.{name}.layers"]), act)
            y = torch.cat([y, net(z[:, own])], dim=1)
    y = numbers(meta["output.shift"]) + numbers(meta["output.scale"]) * y.numpy()
    ok = True
    for j, name in enumerate(outputs):
        column = f"{name}_net" if f"{name}_net" in header else name  # a learned field's column is its name
        if column not in header:
            continue
        col = np.array([float(r[header.index(column)]) for r in body])
        diff = np.max(np.abs(y[:, j] - col)) / max(np.max(np.abs(col)), 1e-300)
        print(f"{name}: max relative difference {diff:.3g} over {len(col)} points (tolerance {tolerance:g})")
        ok &= bool(diff <= tolerance)
    for name in filter(None, meta.get("coefficients", "").split(",")):
        print(f"coefficient {name} = {float(meta['coefficient.' + name])!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

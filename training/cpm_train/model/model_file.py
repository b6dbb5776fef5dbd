"""The app's model format: model.json (a `cpm` block + a tfjs weightsManifest) and one binary shard.

Kernels are stored HWIO (depthwise H x W x C x 1) as tfjs expects; batch norm is folded into the convolutions.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch

from ..backbone.manifest import decode_manifest
from ..paths import MODELS
from .extractors import attach_exported_backbone
from .network import CPM, SameConv

SHARD = "weights.bin"


def folded(module: SameConv) -> tuple[np.ndarray, np.ndarray]:
    """(kernel HWIO or HWC1, bias) with the module's batch norm folded in."""
    weight = module.conv.weight.detach().double()
    bias = module.conv.bias.detach().double()
    if module.bn is not None:
        bn = module.bn
        scale = bn.weight.detach().double() / torch.sqrt(bn.running_var.double() + bn.eps)
        weight = weight * scale[:, None, None, None]
        bias = (bias - bn.running_mean.double()) * scale + bn.bias.detach().double()
    if module.layer["op"] == "depthwiseConv":
        kernel = weight[:, 0].permute(1, 2, 0)[..., None]
    else:
        kernel = weight.permute(2, 3, 1, 0)
    return kernel.numpy(), bias.numpy()


def write_model(model: CPM, folder: Path, cpm_block: dict[str, Any], float16: bool = True) -> int:
    """Writes model.json + weights.bin; returns the shard's size in bytes."""
    entries, blobs = [], []
    dtype = np.float16 if float16 else np.float32
    for name, module in model.named_layers():
        if not isinstance(module, SameConv):
            continue
        for suffix, array in zip(("kernel", "bias"), folded(module)):
            entry: dict[str, Any] = {"name": f"{name}/{suffix}", "shape": list(array.shape), "dtype": "float32"}
            if float16:
                entry["quantization"] = {"dtype": "float16", "original_dtype": "float32"}
            entries.append(entry)
            blobs.append(array.astype(dtype).tobytes())
    folder.mkdir(parents=True, exist_ok=True)
    data = b"".join(blobs)
    (folder / SHARD).write_bytes(data)
    manifest = [{"paths": [SHARD], "weights": entries}]
    document = {"format": "cpm-weights", "cpm": cpm_block, "weightsManifest": manifest}
    (folder / "model.json").write_text(json.dumps(document, indent=1) + "\n")
    return len(data)


def read_model(folder: Path) -> tuple[CPM, dict[str, Any]]:
    """Builds a batch-norm-free CPM from a model folder (any member), for golden fixtures and evaluation."""
    document = json.loads((folder / "model.json").read_text())
    cpm = document["cpm"]
    model = CPM(cpm["member"], batch_norm=False, spec=cpm["architecture"])
    model.frozen = set()
    arrays = decode_manifest(folder, document["weightsManifest"])
    for name, module in model.named_layers():
        if not isinstance(module, SameConv):
            continue
        kernel = torch.from_numpy(arrays[f"{name}/kernel"])
        if module.layer["op"] == "depthwiseConv":
            weight = kernel[..., 0].permute(2, 0, 1)[:, None]
        else:
            weight = kernel.permute(3, 2, 0, 1)
        module.conv.weight.data.copy_(weight)
        module.conv.bias.data.copy_(torch.from_numpy(arrays[f"{name}/bias"]))
    if "backbone" in cpm["architecture"]:
        attach_exported_backbone(model, folder)
    return model.eval(), cpm


def default_model() -> Path:
    """The folder of the app's default model (the one public/models/index.json marks "default")."""
    index = json.loads((MODELS / "index.json").read_text())
    return MODELS / next(entry["id"] for entry in index if entry.get("default"))


def model_member(folder: Path) -> str:
    """The architecture member an exported model is an instance of."""
    return json.loads((folder / "model.json").read_text())["cpm"]["member"]

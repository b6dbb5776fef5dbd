"""Per-channel 8-bit weights for a tfjs graph, which itself only knows per-tensor uint8.

Each convolution kernel K is stored as K / s, with s its per-output-channel absolute maximum, in uint8 over [-1, 1];
a Mul by s (float16) after the convolution restores the scale, and the activation the convolution had fused moves
after that Mul. Per-tensor uint8 moved MoveNet's heatmap peaks on 23-58 % of joints; this keeps 8 bits per channel.
"""
from __future__ import annotations

import base64
import copy
from typing import Any

import numpy as np

from .graph_backbone import CONVS, fused_ops, input_names

UINT8_RANGE = {"min": -1.0, "scale": 2.0 / 255}


def uint8_codes(normalised: np.ndarray) -> np.ndarray:
    """Values in [-1, 1] -> uint8 codes (tfjs decodes code q as q * scale + min)."""
    return np.clip(np.round((normalised - UINT8_RANGE["min"]) / UINT8_RANGE["scale"]), 0, 255).astype(np.uint8)


def from_uint8(codes: np.ndarray) -> np.ndarray:
    return codes.astype(np.float32) * np.float32(UINT8_RANGE["scale"]) + np.float32(UINT8_RANGE["min"])


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def const_node(name: str, value: np.ndarray) -> dict[str, Any]:
    dtype = "DT_INT32" if value.dtype == np.int32 else "DT_FLOAT"
    dims = [{"size": str(d)} for d in value.shape]
    return {"name": name, "op": "Const", "attr": {"dtype": {"type": dtype},
                                                   "value": {"tensor": {"dtype": dtype, "tensorShape": {"dim": dims}}}}}


def quantise_graph(topology: dict[str, Any], weights: dict[str, np.ndarray]
                   ) -> tuple[dict[str, Any], dict[str, np.ndarray], set[str]]:
    """(rewritten topology, its weights as tfjs will decode them, names of the weights to store as uint8)."""
    nodes: list[dict[str, Any]] = []
    values = dict(weights)
    uint8: set[str] = set()
    for original in topology["node"]:
        if original["op"] not in CONVS:
            nodes.append(original)
            continue
        node = copy.deepcopy(original)
        name = node["name"]
        inputs = input_names(node)
        kernel = weights[inputs[1]]
        axis = 3 if node["op"] == "_FusedConv2D" else 2
        reduce = tuple(a for a in range(4) if a != axis)
        scale = np.abs(kernel).max(axis=reduce)
        scale[scale == 0] = 1.0
        codes_name, scale_name = f"{name}/kernel_q", f"{name}/channel_scale"
        values[codes_name] = from_uint8(uint8_codes(kernel / scale.reshape([1] * axis + [-1] + [1] * (3 - axis))))
        uint8.add(codes_name)
        values[scale_name] = scale.reshape(1, 1, 1, -1).astype(np.float32)
        ops = fused_ops(node)
        node["name"] = f"{name}/q"
        node["input"] = [node["input"][0], codes_name] + node["input"][2:]
        if ops:
            bias_name = f"{name}/bias_scaled"
            values[bias_name] = (weights[inputs[2]] / scale).astype(np.float32)
            node["input"][2] = bias_name
            node["attr"]["fused_ops"] = {"list": {"s": [b64("BiasAdd")]}}
            nodes.append(const_node(bias_name, values[bias_name]))
        nodes += [const_node(codes_name, values[codes_name]), const_node(scale_name, values[scale_name]), node]
        scaled = {"name": name if len(ops) < 2 else f"{name}/scaled", "op": "Mul", "input": [node["name"], scale_name],
                  "attr": {}}
        nodes.append(scaled)
        if len(ops) == 2:
            nodes.append({"name": name, "op": ops[1], "input": [scaled["name"]], "attr": {}})
    used = {i for n in nodes for i in input_names(n)}
    nodes = [n for n in nodes if n["op"] != "Const" or n["name"] in used]
    kept = {n["name"] for n in nodes}
    return {**topology, "node": nodes}, {k: v for k, v in values.items() if k in kept}, uint8


def dequantise_graph(topology: dict[str, Any], values: dict[str, np.ndarray]
                     ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """quantise_graph undone: each `X/q` convolution and the Mul by its channel scale (and the activation after it)
    become one float convolution `X` again, with kernel `X/kernel` = codes x scale and bias `X/bias` (the original
    constants' names are not kept). For fine-tuning a shipped backbone."""
    nodes = {n["name"]: n for n in topology["node"]}
    weights = dict(values)
    dropped: set[str] = set()
    rebuilt: dict[str, dict[str, Any]] = {}
    for node in topology["node"]:
        if node["op"] not in CONVS or not node["name"].endswith("/q"):
            continue
        name = node["name"][:-2]
        inputs = input_names(node)
        scale_name = f"{name}/channel_scale"
        scale = values[scale_name].reshape(-1)
        axis = 3 if node["op"] == "_FusedConv2D" else 2
        conv = copy.deepcopy(node)
        conv["name"] = name
        conv["input"] = [node["input"][0], f"{name}/kernel"]
        weights[f"{name}/kernel"] = values[inputs[1]] * scale.reshape([1] * axis + [-1] + [1] * (3 - axis))
        ops = fused_ops(node)
        if ops:
            conv["input"].append(f"{name}/bias")
            weights[f"{name}/bias"] = values[inputs[2]] * scale
            dropped.add(inputs[2])
        after = nodes.get(name)
        if after is not None and after["op"] != "Mul":
            ops = ops + [after["op"]]
            dropped.add(f"{name}/scaled")
        if ops:
            conv["attr"]["fused_ops"] = {"list": {"s": [b64(op) for op in ops]}}
        rebuilt[name] = conv
        dropped |= {node["name"], inputs[1], scale_name}
    kept: list[dict[str, Any]] = []
    for node in topology["node"]:
        if node["name"] not in dropped and node["name"] not in rebuilt:
            kept.append(node)
    kept += [const_node(f"{name}/kernel", weights[f"{name}/kernel"]) for name in rebuilt]
    kept += [const_node(f"{name}/bias", weights[f"{name}/bias"]) for name in rebuilt if f"{name}/bias" in weights]
    kept += list(rebuilt.values())
    names = {n["name"] for n in kept}
    return {**topology, "node": kept}, {k: v for k, v in weights.items() if k in names}

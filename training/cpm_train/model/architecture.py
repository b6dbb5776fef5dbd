"""Reads src/cpm/architectures.json, the one description of the CPM family shared with the app."""
from __future__ import annotations

import json
from typing import Any

from ..paths import REPO

ARCHITECTURES = REPO / "src" / "cpm" / "architectures.json"

Layer = dict[str, Any]


def load_family() -> dict[str, Any]:
    return json.loads(ARCHITECTURES.read_text())


def member(member_id: str) -> dict[str, Any]:
    family = load_family()
    if member_id not in family["members"]:
        raise KeyError(f"unknown CPM member {member_id!r}; known: {sorted(family['members'])}")
    return family["members"][member_id]


def stage_layers(spec: dict[str, Any], stage: int) -> list[Layer]:
    """Layers of stage `stage` (1-based): stage 1 has its own list, later stages share a template."""
    if stage == 1:
        return spec["stage1"]
    return [{**layer, "name": layer["name"].replace("{t}", str(stage))} for layer in spec["stageN"]]


def joint_names() -> list[str]:
    return load_family()["joints"]


def flip_permutation() -> list[int]:
    """Index map that swaps left and right joints (applied when an image is mirrored)."""
    family = load_family()
    perm = list(range(len(family["joints"])))
    for a, b in family["flipPairs"]:
        perm[a], perm[b] = b, a
    return perm


NUM_JOINTS = len(load_family()["joints"])
NUM_MAPS = NUM_JOINTS + 1  # a belief map per joint, and the background's
# Every joint but head top and neck (joints 0 and 1): the arms' and legs', which the limb figures count.
LIMBS = list(range(2, NUM_JOINTS))

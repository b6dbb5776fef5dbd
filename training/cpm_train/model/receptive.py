"""Receptive field of each stage's belief maps in input pixels (mirrors receptiveFields in architecture.ts)."""
from __future__ import annotations

from typing import Any

from .architecture import stage_layers


def grow(layers: list[dict[str, Any]], field: int, jump: int) -> tuple[int, int]:
    for layer in layers:
        field += (layer["kernel"] - 1) * layer.get("dilation", 1) * jump
        jump *= layer["stride"]
    return field, jump


def receptive_fields(spec: dict[str, Any]) -> list[int]:
    backbone = spec.get("backbone", {})
    features, jump = grow(spec["features"], backbone.get("receptiveField", 1), backbone.get("stride", 1))
    local = backbone.get("local")
    first = local["receptiveField"] if local else features
    fields: list[int] = []
    for stage in range(1, spec["stages"] + 1):
        start = first if stage == 1 else max(features, fields[-1])
        fields.append(grow(stage_layers(spec, stage), start, jump)[0])
    return fields

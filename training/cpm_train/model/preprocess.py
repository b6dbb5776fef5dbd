"""Pixel normalisation as the member's architecture entry states it."""
from __future__ import annotations

import torch


def normalise(pixels: torch.Tensor, normalization: dict) -> torch.Tensor:
    """(B,3,H,W) RGB 0..255 -> the network's input (channel order, scale, offset)."""
    if normalization["channelOrder"] == "BGR":
        pixels = pixels.flip(1)
    return pixels * normalization["scale"] + normalization["offset"]

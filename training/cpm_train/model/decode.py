"""Belief maps -> joint positions: per-joint argmax with quadratic sub-cell refinement, confidence = peak.

Positions are input pixels in the project's pixel convention (pixels.py): cell g's centre is cell_centre(g).
"""
from __future__ import annotations

import torch

from .pixels import cell_centre


def refine(left: torch.Tensor, centre: torch.Tensor, right: torch.Tensor) -> torch.Tensor:
    """Vertex of the parabola through three samples, clipped to half a cell."""
    curvature = left - 2 * centre + right
    safe = torch.where(curvature < 0, curvature, torch.full_like(curvature, -1.0))
    offset = torch.where(curvature < 0, 0.5 * (left - right) / safe, torch.zeros_like(curvature))
    return offset.clamp(-0.5, 0.5)


def decode_peaks(maps: torch.Tensor, stride: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(B,J,g,g) -> input-pixel coordinates (B,J,2) and confidences (B,J)."""
    batch, joints, grid, _ = maps.shape
    flat = maps.reshape(batch, joints, -1).float()
    peak, index = flat.max(-1)
    gy, gx = index // grid, index % grid
    padded = torch.nn.functional.pad(maps.float(), (1, 1, 1, 1), mode="replicate")
    b = torch.arange(batch)[:, None]
    j = torch.arange(joints)[None, :]
    at = lambda dy, dx: padded[b, j, gy + 1 + dy, gx + 1 + dx]  # noqa: E731
    # No refinement on the border, where one neighbour is missing (as src/pose/decode.ts).
    dx = torch.where((gx > 0) & (gx < grid - 1), refine(at(0, -1), at(0, 0), at(0, 1)), torch.zeros_like(peak))
    dy = torch.where((gy > 0) & (gy < grid - 1), refine(at(-1, 0), at(0, 0), at(1, 0)), torch.zeros_like(peak))
    return torch.stack([cell_centre(gx.float() + dx, stride), cell_centre(gy.float() + dy, stride)], -1), peak

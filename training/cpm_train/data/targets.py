"""Belief-map targets and center maps on the stride-8 grid, in the project's pixel convention (model/pixels.py)."""
from __future__ import annotations

import torch

from ..model.pixels import cell_centre

CENTER_POOL = 9  # the paper average-pools the full-resolution center map 9x9, stride 8


def label_maps(joints: torch.Tensor, present: torch.Tensor, grid: int, stride: int,
               sigma_cells: float, peaks: torch.Tensor | None = None) -> torch.Tensor:
    """(B,J,2) input-pixel joints, (B,J) bool -> (B,J+1,g,g): a Gaussian per present joint, of height `peaks` (B,J)
    where given (1 otherwise), background = 1 - max."""
    centres = cell_centre(torch.arange(grid, dtype=torch.float32), stride)
    sigma = sigma_cells * stride
    gx = torch.exp(-((centres[None, None, :] - joints[..., 0:1]) ** 2) / (2 * sigma**2))
    gy = torch.exp(-((centres[None, None, :] - joints[..., 1:2]) ** 2) / (2 * sigma**2))
    heights = present.float() if peaks is None else present.float() * peaks
    maps = gy[..., :, None] * gx[..., None, :] * heights[..., None, None]
    background = 1 - maps.max(1, keepdim=True).values
    return torch.cat([maps, background], 1)


def pooled_gaussian_1d(centre: torch.Tensor, size: int, stride: int, sigma: float) -> torch.Tensor:
    """(B,) -> (B,g): a 1-D Gaussian averaged over each 9-pixel SAME pooling window (padding not counted)."""
    grid = -(-size // stride)
    pad_total = max((grid - 1) * stride + CENTER_POOL - size, 0)
    start = torch.arange(grid) * stride - pad_total // 2
    offsets = torch.arange(CENTER_POOL)
    pixels = (start[:, None] + offsets[None, :]).float()
    inside = (pixels >= 0) & (pixels < size)
    values = torch.exp(-((pixels[None] - centre[:, None, None]) ** 2) / (2 * sigma**2)) * inside
    return values.sum(-1) / inside.sum(-1)


def center_maps(centres: torch.Tensor, size: int, stride: int, sigma: float) -> torch.Tensor:
    """(B,2) input-pixel person centres -> (B,1,g,g) pooled Gaussian center maps (separable, so exact)."""
    vx = pooled_gaussian_1d(centres[:, 0], size, stride, sigma)
    vy = pooled_gaussian_1d(centres[:, 1], size, stride, sigma)
    return (vy[:, :, None] * vx[:, None, :])[:, None]


def masked_stage_loss(beliefs: torch.Tensor, target: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Sum of squared errors over a stage's maps, unlabelled joints left out, averaged over the batch."""
    error = (beliefs.float() - target) ** 2 * mask[:, :, None, None]
    return error.sum() / beliefs.shape[0]

"""The project's one pixel convention (src/pose/box.ts states the same for TypeScript); every Python module that
crops, makes targets, warps or decodes maps coordinates through this module.

Coordinates are pixel-index coordinates: pixel i of an image, of the S x S network input or of a map is centred at
coordinate i (OpenCV's convention). So:
- A square crop box centred at (cx, cy) with side `side` (image pixels), resampled to S x S, maps output pixel j to
  source x = (j - S/2) * side/S + cx, y likewise (crop_to_source; crop_matrix is the inverse, the matrix
  cv2.warpAffine takes): the box's top-left corner lands on output pixel 0 and its centre on output pixel S/2, where
  the center map peaks.
- Belief-map cell g of a stride-`stride` map is centred at input pixel stride*g + (stride - 1)/2 (cell_centre): it
  covers input pixels stride*g ... stride*g + stride - 1.
- Mirroring an S-wide input maps x to S - 1 - x.
- Resizing a whole region (cv2.resize, F.interpolate with align_corners=False) maps pixel edges to edges instead:
  region pixel x -> (x - first + 1/2) * S/side - 1/2 (resize_matrix).
"""
from __future__ import annotations

from typing import TypeVar

import numpy as np
import torch

Coordinate = TypeVar("Coordinate", float, np.ndarray, torch.Tensor)


def cell_centre(cell: Coordinate, stride: int) -> Coordinate:
    """Input-pixel coordinate of map cell `cell` (fractional cells too, as a refined peak)."""
    return cell * stride + (stride - 1) / 2


def pixel_to_cell(pixel: Coordinate, stride: int) -> Coordinate:
    """The inverse of cell_centre."""
    return (pixel - (stride - 1) / 2) / stride


def pixels_to_cells(stride: int) -> np.ndarray:
    """3x3 matrix: input pixel -> map cell (pixel_to_cell on both axes)."""
    offset = (stride - 1) / 2
    return np.array([[1 / stride, 0, -offset / stride], [0, 1 / stride, -offset / stride], [0, 0, 1]])


def crop_to_source(points: np.ndarray, centre: float | np.ndarray, side: float, size: int) -> np.ndarray:
    """Output pixels of a size x size crop -> source pixels: (j - S/2) * side/S + centre (per axis, or (..., 2)
    points with centre (cx, cy))."""
    return (points - size / 2) * (side / size) + centre


def crop_matrix(cx: float, cy: float, side: float, size: int) -> np.ndarray:
    """3x3 matrix: source pixel -> output pixel of the crop box (the inverse of crop_to_source)."""
    scale = size / side
    return np.array([[scale, 0, size / 2 - cx * scale], [0, scale, size / 2 - cy * scale], [0, 0, 1]])


def resize_matrix(first: int, side: int, size: int) -> np.ndarray:
    """3x3 matrix: pixel of an image -> pixel of its square region [first, first + side) resized to size x size."""
    scale = size / side
    offset = (0.5 - first) * scale - 0.5
    return np.array([[scale, 0, offset], [0, scale, offset], [0, 0, 1]])

"""Batched augmentation: the paper's rotation, scale and mirror, plus shifts, colour jitter and truncation.

Per-sample geometry is a few 3x3 matrices in numpy, in the project's pixel convention (model/pixels.py); the pixels
move in one batched grid_sample.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from ..model.pixels import pixel_to_cell, pixels_to_cells
from .crop_cache import GREY

HIPS, KNEES = (8, 11), (9, 12)
# Crop context range of a member that trains from a backbone's cached maps: around the maps' region (feature_cache's
# 2.2), since the extractor saw that.
MAP_CONTEXT = (1.5, 2.6)


@dataclass
class AugmentConfig:
    size: int = 256
    context_min: float = 1.2  # crop side / person box side; evaluation uses the member's evalCropScale
    context_max: float = 2.8
    rotation: float = 40.0
    rotation_prob: float = 0.6
    flip_prob: float = 0.5
    shift: float = 0.05  # of the crop side, standard deviation
    truncation_prob: float = 0.15
    colour: float = 0.3


def train_context(spec: dict) -> tuple[float, float]:
    """Range of training crop sides, in units of the person's box: the member's own (trainCropScale), or its kind's
    default."""
    if "trainCropScale" in spec:
        low, high = spec["trainCropScale"]
        return low, high
    return MAP_CONTEXT if "backbone" in spec else (AugmentConfig.context_min, AugmentConfig.context_max)


@dataclass
class Batch:
    images: torch.Tensor  # (B,3,S,S) float 0..255 RGB, or a frozen extractor's maps (see `maps`)
    joints: torch.Tensor  # (B,J,2) output pixels
    labelled: torch.Tensor  # (B,J) bool: has a label
    in_frame: torch.Tensor  # (B,J) bool: labelled and visible in the output
    centres: torch.Tensor  # (B,2) person centre, output pixels
    maps: bool = False  # images holds a frozen extractor's maps (augment_maps), not pixels
    peaks: torch.Tensor | None = None  # (B,J) float: each label's peak height (composite.py's hidden joints); 1 if None
    weights: torch.Tensor | None = None  # (B,J) float: each label's weight in the loss (composite.py's hidden joints); 1 if None


def similarity(scale: float, angle_deg: float, src_centre: np.ndarray, dst_centre: np.ndarray) -> np.ndarray:
    """3x3 matrix mapping src_centre to dst_centre, rotating by angle and scaling around it."""
    a = np.deg2rad(angle_deg)
    rot = scale * np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    m = np.eye(3)
    m[:2, :2] = rot
    m[:2, 2] = dst_centre - rot @ src_centre
    return m


def box(points: np.ndarray) -> tuple[np.ndarray, float]:
    low, high = points.min(0), points.max(0)
    return (low + high) / 2, float(max((high - low).max(), 8.0))


def apply(m: np.ndarray, points: np.ndarray) -> np.ndarray:
    return points @ m[:2, :2].T + m[:2, 2]


def sample_geometry(joints: np.ndarray, labelled: np.ndarray, cfg: AugmentConfig, rng: np.random.Generator,
                    flip_perm: list[int]) -> "Geometry":
    """One sample: matrix cache->output, output joints, labelled and in-frame flags (mirrored with the joints),
    person centre, first grey row."""
    size = cfg.size
    centre, side = box(joints[labelled])
    context = np.exp(rng.uniform(np.log(cfg.context_min), np.log(cfg.context_max)))
    angle = rng.uniform(-cfg.rotation, cfg.rotation) if rng.random() < cfg.rotation_prob else 0.0
    shift = rng.normal(0, cfg.shift * size, 2)
    m = similarity(size / (context * side), angle, centre, np.full(2, size / 2) + shift)
    out = apply(m, joints)
    cut = float(size)
    pair = HIPS if rng.random() < 0.5 else KNEES
    if rng.random() < cfg.truncation_prob and labelled[list(pair)].all():
        cut_y = out[list(pair), 1].mean() + rng.uniform(0, 0.1) * size
        visible = labelled & (out[:, 1] < cut_y)
        if visible.sum() >= 4:
            vis_centre, vis_side = box(out[visible])
            context = np.exp(rng.uniform(np.log(cfg.context_min), np.log(cfg.context_max)))
            reframe = similarity(size / (context * vis_side), 0.0, vis_centre, np.full(2, size / 2))
            m = reframe @ m
            cut = float(apply(reframe, np.array([[0.0, cut_y]]))[0, 1])
            out = apply(m, joints)
    if rng.random() < cfg.flip_prob:
        mirror = np.array([[-1.0, 0, size - 1], [0, 1, 0], [0, 0, 1]])
        m = mirror @ m
        out = apply(m, joints)[flip_perm]
        labelled = labelled[flip_perm]
    in_frame = labelled & (out >= 0).all(1) & (out[:, 0] <= size - 1) & (out[:, 1] <= min(cut, size) - 1)
    person_centre, _ = box(out[labelled & in_frame]) if (labelled & in_frame).any() else (np.full(2, size / 2), 0)
    return m, out, labelled, in_frame, person_centre, cut


def warp(images: torch.Tensor, matrices: np.ndarray, size: int, cuts: np.ndarray, fill: float = GREY) -> torch.Tensor:
    """(B,K,C,C) float images or maps, (B,3,3) source->output pixel matrices -> (B,K,S,S), `fill` outside the
    source and on rows at or below cuts."""
    batch, _, cache, _ = images.shape
    device = images.device
    inverse = torch.from_numpy(np.linalg.inv(matrices)[:, :2]).float().to(device)  # output pixel -> cache pixel
    axis = torch.arange(size, dtype=torch.float32, device=device)
    ys, xs = torch.meshgrid(axis, axis, indexing="ij")
    pixels = torch.stack([xs, ys, torch.ones_like(xs)], -1).reshape(-1, 3)
    source = torch.einsum("bij,nj->bni", inverse, pixels)
    grid = ((2 * source + 1) / cache - 1).reshape(batch, size, size, 2)
    out = F.grid_sample(images - fill, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + fill
    below = axis[None, :] >= torch.from_numpy(cuts).float().to(device)[:, None]
    return torch.where(below[:, None, :, None], torch.full_like(out, fill), out)


def jitter_colour(images: torch.Tensor, strength: float, rng: np.random.Generator) -> torch.Tensor:
    batch = images.shape[0]

    def factors() -> torch.Tensor:
        return torch.from_numpy(rng.uniform(1 - strength, 1 + strength, (batch, 1, 1, 1))).float().to(images.device)

    images = images * factors()
    mean = images.mean((1, 2, 3), keepdim=True)
    images = (images - mean) * factors() + mean
    grey = images.mean(1, keepdim=True)
    images = (images - grey) * factors() + grey
    return images.clamp(0, 255)


def augment(images: np.ndarray | torch.Tensor, joints: np.ndarray, labelled: np.ndarray, cfg: AugmentConfig,
            rng: np.random.Generator, flip_perm: list[int]) -> Batch:
    """images (B,C,C,3) uint8 cache crops (a tensor already on a GPU keeps the pixel work there); joints (B,J,2)
    cache pixels; labelled (B,J)."""
    results = [sample_geometry(j, l, cfg, rng, flip_perm) for j, l in zip(joints, labelled)]
    matrices = np.stack([r[0] for r in results])
    cuts = np.array([r[5] for r in results])
    pixels = torch.as_tensor(images).permute(0, 3, 1, 2).float()
    pixels = jitter_colour(pixels, cfg.colour, rng)
    return batch_of(results, warp(pixels, matrices, cfg.size, cuts))


Geometry = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]


def batch_of(results: list[Geometry], inputs: torch.Tensor, maps: bool = False) -> Batch:
    return Batch(
        images=inputs,
        joints=torch.from_numpy(np.stack([r[1] for r in results])).float(),
        labelled=torch.from_numpy(np.stack([r[2] for r in results])),
        in_frame=torch.from_numpy(np.stack([r[3] for r in results])),
        centres=torch.from_numpy(np.stack([r[4] for r in results])).float(),
        maps=maps,
    )


def augment_maps(maps: np.ndarray, joints: np.ndarray, labelled: np.ndarray, cfg: AugmentConfig,
                 rng: np.random.Generator, flip_perm: list[int], map_flip: list[int], cache_to_input: np.ndarray,
                 map_stride: int) -> Batch:
    """The same geometry as `augment`, applied to a frozen extractor's cached maps instead of its input pixels.

    maps (B,K,G,G): the extractor's output on each cache crop's input region (cache_to_input maps cache pixels
    there); map_flip permutes the K channels when a sample is mirrored. Batch.images holds the warped maps
    (B,K,S/map_stride,S/map_stride), zero outside the source and below a truncation cut."""
    results = [sample_geometry(j, l, cfg, rng, flip_perm) for j, l in zip(joints, labelled)]
    cells = pixels_to_cells(map_stride)
    to_cells = np.stack([cells @ r[0] @ np.linalg.inv(cache_to_input) @ np.linalg.inv(cells) for r in results])
    cuts = np.array([pixel_to_cell(r[5], map_stride) for r in results])
    source = torch.from_numpy(np.asarray(maps, np.float32))
    mirrored = np.linalg.det(to_cells[:, :2, :2]) < 0
    source[mirrored] = source[mirrored][:, map_flip]
    return batch_of(results, warp(source, to_cells, cfg.size // map_stride, cuts, fill=0.0), maps=True)

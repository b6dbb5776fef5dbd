"""Two people in one training crop, the center map on one of them (issue 14: the center map decides whom the
stages read).

The target is moved off centre (its center map with it) and a second augmented person is pasted beside them, past a
vertical seam clear of the target's joints. Only the target is labelled: the other person's joints are background,
so the stages learn to read whoever the center map marks, not the most central or the biggest person. The two-person
check (src/eval/pairs.ts) puts the target a quarter of the crop off centre with the other person in the other half;
training spans that and milder layouts.

With `overlap`, a share of the composites put the other person in front of the target instead: the seam falls inside
the target's span (npm run crowd-check's overlapping pairs), and the target's joints behind it stay labelled where
they are, so that the stages learn to place a hidden limb from the visible body, never on the neighbour's. With
`hidden_peak` below 1 their labels peak at that height: a hidden joint is there but unsure, so that the app, which
draws a joint below the card's `weakPeak` hollow, draws it hollow where it is. With `hidden_weight` below 1 they
count that much in the loss: at 0 the stages are taught nothing about where a hidden joint is, only the rest.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch

from .augment import Batch
from .crop_cache import GREY

TARGET_CENTRE = (0.25, 0.5)  # where the target's centre moves, in crop widths from the side away from the other
SEAM_MARGIN = 0.06  # crop widths between the target's outermost joint and the seam
GAP = 0.1  # at most this many crop widths between the seam and the other person's nearest joint
LEAST_ROOM = 0.15  # no composite when less than this share of the crop is left beyond the seam
OVERLAP_SHARE = (0.15, 0.5)  # how much of the target's joint span an overlapping neighbour covers, from its side


def shifted(image: torch.Tensor, dx: int, dy: int, fill: float = GREY) -> torch.Tensor:
    """(C,S,S) image moved by whole pixels, `fill` where it uncovers."""
    size = image.shape[-1]
    out = torch.full_like(image, fill)
    if abs(dx) >= size or abs(dy) >= size:
        return out
    out[:, max(dy, 0):size + min(dy, 0), max(dx, 0):size + min(dx, 0)] = \
        image[:, max(-dy, 0):size - max(dy, 0), max(-dx, 0):size - max(dx, 0)]
    return out


def extent(joints: torch.Tensor, present: torch.Tensor) -> tuple[float, float] | None:
    """Leftmost and rightmost x of the present joints, or None."""
    if not bool(present.any()):
        return None
    xs = joints[present, 0]
    return float(xs.min()), float(xs.max())


def compose(target: Batch, other: Batch, probability: float, rng: np.random.Generator, overlap: float = 0.0,
            hidden_peak: float = 1.0, hidden_weight: float = 1.0) -> Batch:
    """Each sample of `target` (pixels), with `probability`, moved off centre with the same sample of `other` pasted
    beside it (with `overlap`, of those, over its side, the joints it hides labelled at `hidden_peak` and weighted
    `hidden_weight` in the loss); the labels, in-frame flags and centres are the target's, moved with it."""
    if target.maps or other.maps:
        raise ValueError("composites are made of pixels, not a backbone's cached maps")
    size = target.images.shape[-1]
    images, joints = target.images.clone(), target.joints.clone()
    in_frame, centres = target.in_frame.clone(), target.centres.clone()
    peaks = torch.ones(in_frame.shape) if target.peaks is None else target.peaks.clone()
    weights = torch.ones(in_frame.shape) if target.weights is None else target.weights.clone()
    for i in range(len(images)):
        span, other_span = extent(joints[i], in_frame[i]), extent(other.joints[i], other.in_frame[i])
        if rng.random() >= probability or span is None or other_span is None:
            continue
        right = rng.random() < 0.5  # the other person goes on the right of the target
        goal = rng.uniform(*TARGET_CENTRE) * size
        dx = round(goal - float(centres[i, 0])) if right else round(size - goal - float(centres[i, 0]))
        # Moving away from the other person never pushes the target's own joints out of the crop.
        dx = max(dx, round(-span[0])) if right else min(dx, round(size - 1 - span[1]))
        # Drawn only with `overlap`: without it, the random stream (and a seeded run) is what it was before.
        covered = overlap > 0 and rng.random() < overlap
        if covered:
            share = rng.uniform(*OVERLAP_SHARE) * (span[1] - span[0])
            seam = span[1] + dx - share if right else span[0] + dx + share
        else:
            seam = span[1] + dx + SEAM_MARGIN * size if right else span[0] + dx - SEAM_MARGIN * size
        room = size - seam if right else seam
        if room < LEAST_ROOM * size:
            continue
        gap = rng.uniform(0, GAP) * size
        other_dx = round(seam + gap - other_span[0]) if right else round(seam - gap - other_span[1])
        other_dy = round(rng.normal(0, 0.05) * size)
        moved = shifted(images[i], dx, 0)
        pasted = shifted(other.images[i], other_dx, other_dy)
        columns = torch.arange(size, dtype=torch.float32)
        beyond = columns >= seam if right else columns < seam
        images[i] = torch.where(beyond[None, None, :], pasted, moved)
        joints[i, :, 0] += dx
        xs = joints[i, :, 0]
        behind = (xs >= seam) if right else (xs < seam)
        inside = (xs >= 0) & (xs <= size - 1) & (covered | ~behind)
        in_frame[i] &= inside
        if covered:
            peaks[i, behind] = hidden_peak
            weights[i, behind] = hidden_weight
        centres[i, 0] += dx
    return replace(target, images=images, joints=joints, in_frame=in_frame, centres=centres, peaks=peaks,
                   weights=weights)

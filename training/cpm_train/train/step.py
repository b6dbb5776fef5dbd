"""One training step and the augmented batches it learns from, shared by the training loop, the overfitting check
and the benchmark."""
from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import Dataset

from ..backbone.movenet import COCO_FLIP
from ..data.augment import AugmentConfig, Batch, train_context
from ..data.feature_cache import build as build_feature_cache, cache_to_input
from ..data.targets import center_maps, label_maps, masked_stage_loss
from ..data.training_set import AugmentedCrops, AugmentedMaps
from ..model.architecture import flip_permutation
from ..model.network import CPM, local_tap
from ..model.preprocess import normalise


def forward_batch(model: CPM, inputs: torch.Tensor, centres: torch.Tensor, maps: bool) -> list[torch.Tensor]:
    """Every stage's maps for a batch of inputs: pixels (0..255), or (`maps`) a frozen backbone's cached, augmented
    maps (see data/feature_cache.py), which skip the backbone."""
    if maps:
        return model.run_stages(model.features_from(inputs.contiguous(memory_format=torch.channels_last)), centres)
    pixels = normalise(inputs, model.spec["normalization"]).contiguous(memory_format=torch.channels_last)
    return model(pixels, centres)


def loss_mask(batch: Batch) -> torch.Tensor:
    """(B,J+1) weight of each map in the loss: labelled joints by their weight (1 unless a composite lowered it),
    unlabelled ones 0, the background 1."""
    joints = batch.labelled.float() if batch.weights is None else batch.labelled.float() * batch.weights
    return torch.cat([joints, torch.ones(len(batch.labelled), 1)], 1)


def training_step(model: CPM, optimiser: torch.optim.Optimizer, batch: Batch, spec: dict, device: str,
                  bf16: bool = False) -> list[float]:
    size, stride = spec["inputSize"], spec["stride"]
    grid = size // stride
    target = label_maps(batch.joints, batch.in_frame, grid, stride, spec["labelSigma"], batch.peaks).to(device)
    mask = loss_mask(batch).to(device)
    centres = center_maps(batch.centres, size, stride, spec["centerSigma"]).to(device)
    with torch.autocast(device, dtype=torch.bfloat16, enabled=bf16):
        beliefs = forward_batch(model, batch.images.to(device), centres, batch.maps)
    losses = [masked_stage_loss(b, target, mask) for b in beliefs]
    optimiser.zero_grad(set_to_none=True)
    sum(losses).backward()
    optimiser.step()
    return [float(loss) for loss in losses]


def reads_pixels(spec: dict, fine_tune_backbone: bool) -> bool:
    """Whether the member trains on pixels: it has no backbone, its backbone is fine-tuned, or its stage 1 reads a
    backbone layer that the feature cache lacks (a local tap). Otherwise it trains from the cached maps."""
    return "backbone" not in spec or fine_tune_backbone or local_tap(spec) is not None


def training_set(spec: dict, cache: dict, rng: np.random.Generator, cfg: AugmentConfig | None = None,
                 maps: np.ndarray | None = None, pixels: bool = False) -> Dataset:
    """The cache's crops, augmented: pixels, or for a member with a backbone (unless `pixels`) its maps of the
    cache's crops (`maps`, by default the whole feature cache, built if missing)."""
    flip_perm = flip_permutation()
    size = spec["inputSize"]
    if cfg is None:
        low, high = train_context(spec)
        cfg = AugmentConfig(size=size, context_min=low, context_max=high)
    if "backbone" not in spec or pixels:
        return AugmentedCrops(cache, cfg, rng, flip_perm)
    if local_tap(spec):
        raise ValueError("stage 1 of this member reads a backbone layer that the feature cache lacks: "
                         "train it on pixels (--fine-tune-backbone)")
    maps = build_feature_cache(spec["backbone"]["source"], size) if maps is None else maps
    return AugmentedMaps(maps, cache, cfg, rng, flip_perm, COCO_FLIP, cache_to_input(size), spec["backbone"]["stride"])


def parameter_groups(model: CPM, lr: float, backbone_lr: float | None = None, backbone_first: int = 0) -> list[dict]:
    """Optimiser groups: the CPM's trainable layers, and with `backbone_lr` the backbone's convolutions from the
    `backbone_first`-th on, fine-tuned (GraphBackbone.fine_tune)."""
    groups = [{"params": model.trainable_parameters(), "lr": lr}]
    if backbone_lr is not None:
        if model.backbone is None:
            raise ValueError(f"{model.member_id} has no backbone to fine-tune")
        groups.append({"params": model.backbone.fine_tune(backbone_first), "lr": backbone_lr})
    return groups

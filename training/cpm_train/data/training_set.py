"""The training crops as a torch Dataset, augmented anew at every read, and the DataLoader that batches them.

Augmentation is batched (one grid_sample for a whole batch: augment.py), so an item here is a batch: the loader's
BatchSampler hands the dataset a list of cache indices and automatic batching is off (batch_size=None). One process
(num_workers=0): the augmentation already uses the cores through torch, and a CPU run has two of them.
"""
from __future__ import annotations

from typing import Iterator, Sequence

import numpy as np
import torch
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler, Sampler, WeightedRandomSampler

from .augment import AugmentConfig, Batch, augment, augment_maps


class AugmentedCrops(Dataset):
    """Cache crops (images (N,C,C,3) uint8, a tensor already on a GPU keeps the pixel work there; joints (N,J,2) in
    their pixels; labelled (N,J)), augmented."""

    def __init__(self, cache: dict, cfg: AugmentConfig, rng: np.random.Generator, flip_perm: list[int]) -> None:
        self.cache, self.cfg, self.rng, self.flip_perm = cache, cfg, rng, flip_perm

    def __len__(self) -> int:
        return len(self.cache["joints"])

    def __getitem__(self, index: Sequence[int]) -> Batch:
        pick = np.sort(index)
        return augment(self.cache["images"][pick], self.cache["joints"][pick], self.cache["labelled"][pick], self.cfg,
                       self.rng, self.flip_perm)


class AugmentedMaps(Dataset):
    """A frozen backbone's maps of the cache crops (maps (N,K,G,G), feature_cache.py), warped as augmentation would
    warp the crops (augment_maps), so that the stages train without running the backbone."""

    def __init__(self, maps: np.ndarray, cache: dict, cfg: AugmentConfig, rng: np.random.Generator,
                 flip_perm: list[int], map_flip: list[int], cache_to_input: np.ndarray, map_stride: int) -> None:
        self.maps, self.cache, self.cfg, self.rng = maps, cache, cfg, rng
        self.flip_perm, self.map_flip = flip_perm, map_flip
        self.cache_to_input, self.map_stride = cache_to_input, map_stride

    def __len__(self) -> int:
        return len(self.cache["joints"])

    def __getitem__(self, index: Sequence[int]) -> Batch:
        pick = np.sort(index)  # in file order: the maps are a memory-mapped array
        return augment_maps(self.maps[pick], self.cache["joints"][pick], self.cache["labelled"][pick], self.cfg,
                            self.rng, self.flip_perm, self.map_flip, self.cache_to_input, self.map_stride)


def batches(dataset: Dataset, batch: int, seed: int, weights: np.ndarray | None = None) -> Iterator[Batch]:
    """Random batches without end: every epoch a fresh permutation of the crops, its last incomplete batch dropped;
    with `weights` (one a crop), an epoch's crops drawn with replacement in those proportions instead."""
    generator = torch.Generator().manual_seed(seed)
    order: Sampler[int] = RandomSampler(dataset, generator=generator) if weights is None else \
        WeightedRandomSampler(torch.as_tensor(weights, dtype=torch.double), len(weights), generator=generator)
    loader = DataLoader(dataset, sampler=BatchSampler(order, batch, drop_last=True), batch_size=None)
    while True:
        yield from loader


def share_weights(in_set: np.ndarray, share: float) -> np.ndarray:
    """Sampling weights, one a crop, under which the crops marked `in_set` make up `share` of what is drawn (the
    smaller of two sources drawn more often than its size alone would give)."""
    count = int(in_set.sum())
    if not 0 < share < 1 or count in (0, len(in_set)):
        raise ValueError(f"a share of {share} over {count} of {len(in_set)} crops")
    return np.where(in_set, share / count, (1 - share) / (len(in_set) - count))

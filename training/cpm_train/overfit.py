"""Sanity check before any long run: the model must overfit a handful of training images in a few minutes.

Trains on N fixed crops (no augmentation) and prints the training-set PCK of every stage as it goes.

    /usr/bin/python3 -m cpm_train.overfit --images 64 --steps 300
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

from .augment import AugmentConfig, Batch
from .data_split import training_cache
from .decode import decode_peaks
from .evaluate import torso
from .extractors import attach_pretrained
from .feature_cache import build as build_feature_cache
from .network import CPM
from .targets import center_maps
from .train import batch_sampler, forward_batch, training_step


def subset(batch: Batch, pick: np.ndarray) -> Batch:
    return Batch(batch.images[pick], batch.joints[pick], batch.labelled[pick], batch.in_frame[pick],
                 batch.centres[pick], batch.maps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--member", default="cpm-lite")
    parser.add_argument("--images", type=int, default=64)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--no-batch-norm", action="store_true", help="train the stages without batch norm")
    parser.add_argument("--lr", type=float, default=2e-3)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    model = CPM(args.member, batch_norm=not args.no_batch_norm).to(memory_format=torch.channels_last)
    attach_pretrained(model)
    spec = model.spec
    cache = training_cache()
    fixed = AugmentConfig(size=spec["inputSize"], context_min=2.0, context_max=2.0, rotation_prob=0.0,
                          flip_prob=0.0, shift=0.0, truncation_prob=0.0, colour=0.0)
    maps = build_feature_cache(spec["inputSize"], args.images) if "backbone" in spec else None
    batch = batch_sampler(spec, cache, np.random.default_rng(0), fixed, maps)(np.arange(args.images))
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    start = time.time()
    for step in range(1, args.steps + 1):
        pick = np.random.default_rng(step).choice(args.images, 16, replace=False)
        losses = training_step(model.train(), optimiser, subset(batch, pick), spec, "cpu")
        if step % 50 == 0:
            print(f"step {step} ({time.time() - start:.0f} s) loss {[round(v, 1) for v in losses]} "
                  f"train PCK {train_pck(model, batch, spec)}", flush=True)


@torch.no_grad()
def train_pck(model: CPM, batch: Batch, spec: dict) -> list[float]:
    """Share of labelled joints within 0.2 x torso (crop pixels) on the images being memorised."""
    model.eval()
    centres = center_maps(batch.centres, spec["inputSize"], spec["stride"], spec["centerSigma"])
    beliefs = forward_batch(model, batch.images, centres, batch.maps)
    result = []
    for maps in beliefs:
        points, _ = decode_peaks(maps[:, :14], spec["stride"])
        hits = total = 0
        for n in range(len(points)):
            joints, labelled = batch.joints[n].numpy(), batch.in_frame[n].numpy()
            length = torso(joints, labelled)
            if length is None:
                continue
            error = np.linalg.norm(points[n].numpy() - joints, axis=1)
            hits += int((labelled & (error <= 0.2 * length)).sum())
            total += int(labelled.sum())
        result.append(round(100 * hits / max(total, 1), 1))
    return result


if __name__ == "__main__":
    main()

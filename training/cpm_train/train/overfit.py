"""Sanity check before any long run: the model must overfit a handful of training images in a few minutes.

Trains on the first --images training persons (default 64), each cropped once at the member's evaluation crop scale
(no augmentation), for --steps steps (default 300) at --lr (default 2e-3), and prints the training-set PCK of every
stage every 50 steps. The member is by default the app's default model's. A member with a frozen backbone learns from
the backbone's cached maps (data/feature_cache.py), as train does; one whose stage 1 reads a local tap of the
backbone (or with --fine-tune-backbone) reads pixels through the backbone of an exported model (--backbone-from, by
default the app's default model).

    /usr/bin/python3 -m cpm_train.train.overfit
    /usr/bin/python3 -m cpm_train.train.overfit --member cpm-movenet --steps 150 --lr 1e-3   # docs/model.md's check

(cpm-movenet learns from the feature cache, built by `python3 -m cpm_train.data.feature_cache` if missing.)
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import torch

from ..data.augment import AugmentConfig, Batch
from ..data.crop_cache import crop_persons
from ..data.data_split import training_persons
from ..data.feature_cache import build as build_feature_cache
from ..data.targets import center_maps
from ..evaluate.pck import torso
from ..model.architecture import NUM_JOINTS, member
from ..model.decode import decode_peaks
from ..model.extractors import attach_exported_backbone, attach_pretrained
from ..model.model_file import default_model, model_member
from ..model.network import CPM
from .step import forward_batch, parameter_groups, reads_pixels, training_set, training_step


def subset(batch: Batch, pick: np.ndarray) -> Batch:
    return Batch(batch.images[pick], batch.joints[pick], batch.labelled[pick], batch.in_frame[pick],
                 batch.centres[pick], batch.maps)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.train.overfit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--member", help="the architectures.json member (default: the app's default model's)")
    parser.add_argument("--images", type=int, default=64)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--no-batch-norm", action="store_true", help="train the stages without batch norm")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--backbone-from", type=Path,
                        help="exported model folder whose backbone graph reads the pixels (default: the app's "
                             "default model)")
    parser.add_argument("--fine-tune-backbone", action="store_true", help="train the backbone too, on pixels")
    parser.add_argument("--backbone-lr", type=float, default=1e-4)
    return parser


def arguments() -> argparse.Namespace:
    """The command line, with the defaults that depend on public/models/index.json filled in."""
    args = parser().parse_args()
    args.backbone_from = args.backbone_from or default_model()
    args.member = args.member or model_member(default_model())
    return args


def overfit_model(args: argparse.Namespace, pixels: bool) -> CPM:
    """The member with what its inputs need: PoseNet's frozen layers, or on pixels a backbone graph (none for
    cached maps, which skip it)."""
    model = CPM(args.member, batch_norm=not args.no_batch_norm)
    if "backbone" not in model.spec:
        attach_pretrained(model)
    elif pixels:
        attach_exported_backbone(model, args.backbone_from, float_graph=args.fine_tune_backbone)
    return model.to(memory_format=torch.channels_last)


def main() -> None:
    args = arguments()
    torch.set_num_threads(os.cpu_count() or 1)
    pixels = reads_pixels(member(args.member), args.fine_tune_backbone)
    model = overfit_model(args, pixels)
    spec = model.spec
    context = spec.get("evalCropScale", 2)
    fixed = AugmentConfig(size=spec["inputSize"], context_min=context, context_max=context, rotation_prob=0.0,
                          flip_prob=0.0, shift=0.0, truncation_prob=0.0, colour=0.0)
    cache = crop_persons(training_persons()[:args.images])  # the training cache's first crops, without the rest
    maps = None if pixels else build_feature_cache(spec["backbone"]["source"], spec["inputSize"], args.images)
    batch = training_set(spec, cache, np.random.default_rng(0), fixed, maps, pixels)[np.arange(args.images)]
    groups = parameter_groups(model, args.lr, args.backbone_lr if args.fine_tune_backbone else None)
    optimiser = torch.optim.AdamW(groups, lr=args.lr)
    start = time.time()
    for step in range(1, args.steps + 1):
        pick = np.random.default_rng(step).choice(args.images, min(args.batch, args.images), replace=False)
        losses = training_step(model.train(), optimiser, subset(batch, pick), spec, "cpu")
        if step % 50 == 0 or step == args.steps:
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
        points, _ = decode_peaks(maps[:, :NUM_JOINTS], spec["stride"])
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

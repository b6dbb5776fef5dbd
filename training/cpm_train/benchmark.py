"""Prints training throughput (images/s, augmentation included) of each member on this machine.

A member with a frozen backbone trains from the backbone's cached maps (feature_cache.py, a one-off pass at about
8 crops/s here), so its figure is the stages' own speed.

    /usr/bin/python3 -m cpm_train.benchmark [--steps 5] [--bf16]
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

from .architecture import load_family
from .network import CPM
from .train import batch_sampler, training_step


def throughput(member_id: str, steps: int, batch: int, bf16: bool) -> float:
    model = CPM(member_id).to(memory_format=torch.channels_last)
    spec = model.spec
    size = spec["inputSize"]
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    rng = np.random.default_rng(0)
    cache = {"images": rng.integers(0, 255, (batch, 320, 320, 3), dtype=np.uint8),
             "joints": rng.uniform(110, 210, (batch, 14, 2)).astype(np.float32), "labelled": np.ones((batch, 14), bool)}
    backbone = spec.get("backbone")
    maps = None
    if backbone:
        grid = size // backbone["stride"]
        maps = rng.random((batch, backbone["channels"], grid, grid)).astype(np.float16)
    sampler = batch_sampler(spec, cache, rng, maps=maps)
    index = np.arange(batch)
    timings = []
    for _ in range(steps + 1):
        start = time.time()
        data = sampler(index)
        training_step(model.train(), optimiser, data, spec, "cpu", bf16)
        timings.append(time.time() - start)
    return batch / float(np.median(timings[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--bf16", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    for member_id in load_family()["members"]:
        steps = 2 if member_id == "cpm-vgg" else args.steps
        rate = throughput(member_id, steps, args.batch, args.bf16)
        print(f"{member_id}: {rate:.1f} training images/s ({os.cpu_count()} cores, "
              f"{'bf16' if args.bf16 else 'fp32'}, batch {args.batch})", flush=True)


if __name__ == "__main__":
    main()

"""Prints training throughput (images/s, augmentation included) of each member on this machine, on synthetic data.

Each member trains as the training loop trains it: a member with a frozen backbone from the backbone's cached maps
(data/feature_cache.py, a one-off pass at about 8 crops/s here), so its figure is the stages' own speed; a member
whose stage 1 reads a local tap of the backbone on pixels, with the backbone (an exported model's, --backbone-from)
fine-tuned end to end. On a GPU when there is one (--device).

    /usr/bin/python3 -m cpm_train.train.benchmark [--members cpm-movenet,cpm-movenet-local] [--steps 5] [--bf16] \
        [--device cpu]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import torch

from ..model.architecture import NUM_JOINTS, load_family
from ..model.extractors import attach_exported_backbone
from ..model.model_file import default_model
from ..model.network import CPM, local_tap
from .step import parameter_groups, training_set, training_step


def synthetic_cache(batch: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Random cache crops with a person in the middle (the training cache's shapes)."""
    return {"images": rng.integers(0, 255, (batch, 320, 320, 3), dtype=np.uint8),
            "joints": rng.uniform(110, 210, (batch, NUM_JOINTS, 2)).astype(np.float32),
            "labelled": np.ones((batch, NUM_JOINTS), bool)}


def throughput(member_id: str, steps: int, batch: int, bf16: bool, backbone_from: Path, device: str = "cpu") -> float:
    model = CPM(member_id)
    spec = model.spec
    fine_tune = local_tap(spec) is not None
    if fine_tune:
        attach_exported_backbone(model, backbone_from, float_graph=True)
    model = model.to(device).to(memory_format=torch.channels_last)
    optimiser = torch.optim.AdamW(parameter_groups(model, 1e-4, 1e-4 if fine_tune else None))
    rng = np.random.default_rng(0)
    cache = synthetic_cache(batch, rng)
    if fine_tune:
        cache["images"] = torch.from_numpy(cache["images"]).to(device)  # augmentation runs where the model does
    backbone = spec.get("backbone")
    maps = None
    if backbone and not fine_tune:
        grid = spec["inputSize"] // backbone["stride"]
        maps = rng.random((batch, backbone["channels"], grid, grid)).astype(np.float16)
    crops = training_set(spec, cache, rng, maps=maps, pixels=fine_tune)
    index = np.arange(batch)
    timings = []
    for _ in range(steps + 1):
        start = time.time()
        data = crops[index]
        training_step(model.train(), optimiser, data, spec, device, bf16)  # its losses as floats: synchronised
        timings.append(time.time() - start)
    return batch / float(np.median(timings[1:]))


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.train.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=lambda text: text.split(","), default=list(load_family()["members"]),
                        help="comma-separated members (default: all)")
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--bf16", action="store_true")
    parser.add_argument("--backbone-from", type=Path,
                        help="exported model folder whose backbone a member with a local tap fine-tunes (default: "
                             "the app's default model)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu",
                        help="where to train (default: cuda when there is a GPU)")
    return parser


def hardware(device: str) -> str:
    return torch.cuda.get_device_name(device) if device.startswith("cuda") else f"{os.cpu_count()} CPU cores"


def main() -> None:
    args = parser().parse_args()
    backbone_from = args.backbone_from or default_model()
    torch.set_num_threads(os.cpu_count() or 1)
    for member_id in args.members:
        steps = 2 if member_id == "cpm-vgg" else args.steps
        rate = throughput(member_id, steps, args.batch, args.bf16, backbone_from, args.device)
        print(f"{member_id}: {rate:.1f} training images/s ({hardware(args.device)}, "
              f"{'bf16' if args.bf16 else 'fp32'}, batch {args.batch})", flush=True)


if __name__ == "__main__":
    main()

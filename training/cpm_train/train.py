"""Trains a CPM member for a time budget, with intermediate supervision, checkpoints and periodic evaluation.

    /usr/bin/python3 -m cpm_train.train --member cpm-lite --minutes 120 --run lite [--resume] [--device cuda]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch

from .architecture import flip_permutation
from .augment import AugmentConfig, Batch, augment, augment_maps
from .data_split import held_out_persons, training_cache
from .evaluate import evaluation_crops, predict_stages, score
from .extractors import attach_pretrained
from .feature_cache import build as build_feature_cache, cache_to_input
from .movenet import COCO_FLIP
from .network import CPM
from .slim_state import load_slim_state
from .preprocess import normalise
from .targets import center_maps, label_maps, masked_stage_loss

RUNS = Path(__file__).resolve().parents[1] / "runs"
# Crop context range when augmenting cached maps: around the cached region's (2.2), since the extractor saw that.
MAP_CONTEXT = (1.5, 2.6)


def learning_rate(base: float, progress: float, warmup: float = 0.02) -> float:
    """Linear warm-up, then cosine decay to 2 % over the time budget."""
    if progress < warmup:
        return base * progress / warmup
    return base * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0))))


def forward_batch(model: CPM, inputs: torch.Tensor, centres: torch.Tensor) -> list[torch.Tensor]:
    """Every stage's maps for a batch of inputs: pixels (0..255), or for a member with a frozen backbone its cached,
    augmented maps (see feature_cache.py), which skip the backbone."""
    spec = model.spec
    if "backbone" in spec:
        return model.run_stages(model.features_from(inputs.contiguous(memory_format=torch.channels_last)), centres)
    pixels = normalise(inputs, spec["normalization"]).contiguous(memory_format=torch.channels_last)
    return model(pixels, centres)


def training_step(model: CPM, optimiser: torch.optim.Optimizer, batch: Batch, spec: dict, device: str,
                  bf16: bool = False) -> list[float]:
    size, stride = spec["inputSize"], spec["stride"]
    grid = size // stride
    target = label_maps(batch.joints, batch.in_frame, grid, stride, spec["labelSigma"]).to(device)
    mask = torch.cat([batch.labelled.float(), torch.ones(len(batch.labelled), 1)], 1).to(device)
    centres = center_maps(batch.centres, size, stride, spec["centerSigma"]).to(device)
    with torch.autocast(device, dtype=torch.bfloat16, enabled=bf16):
        beliefs = forward_batch(model, batch.images.to(device), centres)
    losses = [masked_stage_loss(b, target, mask) for b in beliefs]
    optimiser.zero_grad(set_to_none=True)
    sum(losses).backward()
    optimiser.step()
    return [float(loss) for loss in losses]


def batch_sampler(spec: dict, cache: dict[str, np.ndarray], rng: np.random.Generator,
                  cfg: AugmentConfig | None = None, maps: np.ndarray | None = None) -> Callable[[np.ndarray], Batch]:
    """Augmented batches by cache index: pixels, or for a member with a frozen backbone its maps of the cache's
    crops (`maps`, by default the whole feature cache, built if missing)."""
    flip_perm = flip_permutation()
    size = spec["inputSize"]
    if "backbone" not in spec:
        cfg = cfg or AugmentConfig(size=size)
        return lambda index: augment(cache["images"][index], cache["joints"][index], cache["labelled"][index], cfg,
                                     rng, flip_perm)
    maps = build_feature_cache(size) if maps is None else maps
    cfg = cfg or AugmentConfig(size=size, context_min=MAP_CONTEXT[0], context_max=MAP_CONTEXT[1])
    to_input = cache_to_input(size)
    stride = spec["backbone"]["stride"]
    return lambda index: augment_maps(maps[index], cache["joints"][index], cache["labelled"][index], cfg, rng,
                                      flip_perm, COCO_FLIP, to_input, stride)


def save_atomic(state: dict, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def checkpoint(member_id: str, model: CPM, optimiser: torch.optim.Optimizer, elapsed: float, step: int, best: float,
               report: dict | None) -> dict:
    return {"member": member_id, "model": model.state_dict(), "optimiser": optimiser.state_dict(),
            "elapsed": elapsed, "step": step, "best": best, "report": report}


def log(run: Path, record: dict) -> None:
    print(json.dumps(record), flush=True)
    with open(run / "log.jsonl", "a") as handle:
        handle.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--member", default="cpm-lite")
    parser.add_argument("--minutes", type=float, required=True, help="total training time budget (resume included)")
    parser.add_argument("--run", default="lite")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--no-batch-norm", action="store_true", help="train the stages without batch norm")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--eval-every", type=float, default=10.0, help="minutes")
    parser.add_argument("--checkpoint-every", type=float, default=2.0, help="minutes")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--init-from", type=Path, help="warm start from a committed slim state (training/states/)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bf16", action="store_true", help="autocast to bfloat16 (fast only where the CPU has AVX-512 bf16)")
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)

    run = RUNS / args.run
    run.mkdir(parents=True, exist_ok=True)
    model = CPM(args.member, batch_norm=not args.no_batch_norm)
    attach_pretrained(model)
    model = model.to(args.device).to(memory_format=torch.channels_last)
    if args.init_from:
        model.load_state_dict(load_slim_state(args.init_from), strict=False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=1e-4)
    elapsed, step, best = 0.0, 0, -1.0
    if args.resume and (run / "last.pt").exists():
        state = torch.load(run / "last.pt", map_location=args.device)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        elapsed, step, best = state["elapsed"], state["step"], state["best"]
    budget = args.minutes * 60
    cache = training_cache()
    held_out = held_out_persons()
    eval_crops, eval_kept = evaluation_crops(held_out, model.spec)
    rng = np.random.default_rng(args.seed + step)
    sampler = batch_sampler(model.spec, cache, rng)
    next_eval = (elapsed // (args.eval_every * 60) + 1) * args.eval_every * 60
    next_checkpoint = elapsed + args.checkpoint_every * 60
    window: list[list[float]] = []
    images_seen, window_start = 0, time.time()
    while elapsed < budget:
        tick = time.time()
        for group in optimiser.param_groups:
            group["lr"] = learning_rate(args.lr, elapsed / budget)
        model.train()
        batch = sampler(np.sort(rng.choice(len(cache["joints"]), args.batch, replace=False)))
        window.append(training_step(model, optimiser, batch, model.spec, args.device, args.bf16))
        step += 1
        images_seen += args.batch
        elapsed += time.time() - tick
        if step % 50 == 0:
            losses = np.mean(window, 0)
            log(run, {"step": step, "minutes": round(elapsed / 60, 2), "lr": optimiser.param_groups[0]["lr"],
                      "loss": [round(float(v), 3) for v in losses],
                      "images_per_s": round(images_seen / (time.time() - window_start), 1)})
            window, images_seen, window_start = [], 0, time.time()
        if elapsed >= next_checkpoint:
            next_checkpoint = elapsed + args.checkpoint_every * 60
            save_atomic(checkpoint(args.member, model, optimiser, elapsed, step, best, None), run / "last.pt")
        if elapsed >= next_eval or elapsed >= budget:
            next_eval += args.eval_every * 60
            report = score(held_out, eval_kept, predict_stages(model, eval_crops), model.spec)
            pcks = [round(s["pck"], 1) for s in report["stages"]]
            log(run, {"step": step, "minutes": round(elapsed / 60, 2), "held_out_pck": pcks,
                      "limbs": round(report["stages"][-1]["limbs"], 1)})
            state = checkpoint(args.member, model, optimiser, elapsed, step, max(best, pcks[-1]), report)
            if pcks[-1] > best:
                best = pcks[-1]
                save_atomic(state, run / "best.pt")
            save_atomic(state, run / "last.pt")
            window_start = time.time()


if __name__ == "__main__":
    main()

"""Trains a CPM member for a time budget, with intermediate supervision, checkpoints and periodic evaluation.

    /usr/bin/python3 -m cpm_train.train --member cpm-lite --minutes 120 --run lite [--resume] [--device cuda]

A member with a frozen backbone trains its stages on the backbone's cached maps; `--fine-tune-backbone` trains the
backbone too, end to end on pixels (meant for a GPU: see docs/model.md).
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
from .crop_pack import read_pack
from .evaluate import evaluation_crops, predict_stages, score
from .extractors import attach_exported_backbone, attach_pretrained
from .feature_cache import build as build_feature_cache, cache_to_input
from .graph_backbone import GraphBackbone
from .movenet import COCO_FLIP, Graph
from .network import CPM, local_tap
from .slim_state import load_slim_state
from .preprocess import normalise
from .targets import center_maps, label_maps, masked_stage_loss

RUNS = Path(__file__).resolve().parents[1] / "runs"
# Crop context range of a member with a backbone: around the cached maps' region (2.2), since the extractor saw that.
MAP_CONTEXT = (1.5, 2.6)


def train_context(spec: dict) -> tuple[float, float]:
    """Range of training crop sides, in units of the person's box: the member's own, or its kind's default."""
    if "trainCropScale" in spec:
        low, high = spec["trainCropScale"]
        return low, high
    return MAP_CONTEXT if "backbone" in spec else (AugmentConfig.context_min, AugmentConfig.context_max)


def learning_rate(base: float, progress: float, warmup: float = 0.02) -> float:
    """Linear warm-up, then cosine decay to 2 % over the time budget."""
    if progress < warmup:
        return base * progress / warmup
    return base * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0))))


def forward_batch(model: CPM, inputs: torch.Tensor, centres: torch.Tensor, maps: bool) -> list[torch.Tensor]:
    """Every stage's maps for a batch of inputs: pixels (0..255), or (`maps`) a frozen backbone's cached, augmented
    maps (see feature_cache.py), which skip the backbone."""
    if maps:
        return model.run_stages(model.features_from(inputs.contiguous(memory_format=torch.channels_last)), centres)
    pixels = normalise(inputs, model.spec["normalization"]).contiguous(memory_format=torch.channels_last)
    return model(pixels, centres)


def training_step(model: CPM, optimiser: torch.optim.Optimizer, batch: Batch, spec: dict, device: str,
                  bf16: bool = False) -> list[float]:
    size, stride = spec["inputSize"], spec["stride"]
    grid = size // stride
    target = label_maps(batch.joints, batch.in_frame, grid, stride, spec["labelSigma"]).to(device)
    mask = torch.cat([batch.labelled.float(), torch.ones(len(batch.labelled), 1)], 1).to(device)
    centres = center_maps(batch.centres, size, stride, spec["centerSigma"]).to(device)
    with torch.autocast(device, dtype=torch.bfloat16, enabled=bf16):
        beliefs = forward_batch(model, batch.images.to(device), centres, batch.maps)
    losses = [masked_stage_loss(b, target, mask) for b in beliefs]
    optimiser.zero_grad(set_to_none=True)
    sum(losses).backward()
    optimiser.step()
    return [float(loss) for loss in losses]


def batch_sampler(spec: dict, cache: dict, rng: np.random.Generator, cfg: AugmentConfig | None = None,
                  maps: np.ndarray | None = None, pixels: bool = False) -> Callable[[np.ndarray], Batch]:
    """Augmented batches by cache index: pixels, or for a member with a backbone (unless `pixels`) its maps of the
    cache's crops (`maps`, by default the whole feature cache, built if missing)."""
    flip_perm = flip_permutation()
    size = spec["inputSize"]
    if cfg is None:
        low, high = train_context(spec)
        cfg = AugmentConfig(size=size, context_min=low, context_max=high)
    if "backbone" not in spec or pixels:
        return lambda index: augment(cache["images"][index], cache["joints"][index], cache["labelled"][index], cfg,
                                     rng, flip_perm)
    if local_tap(spec):
        raise ValueError("stage 1 of this member reads a backbone layer that the feature cache lacks: "
                         "train it with --fine-tune-backbone")
    maps = build_feature_cache(size) if maps is None else maps
    to_input = cache_to_input(size)
    stride = spec["backbone"]["stride"]
    return lambda index: augment_maps(maps[index], cache["joints"][index], cache["labelled"][index], cfg, rng,
                                      flip_perm, COCO_FLIP, to_input, stride)


def save_atomic(state: dict, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def checkpoint(member_id: str, model: CPM, optimiser: torch.optim.Optimizer, elapsed: float, step: int, best: float,
               report: dict | None, fine_tuned: bool) -> dict:
    """The training state; a fine-tuned backbone's weights ride along in the graph's layout ("backbone")."""
    state = {"member": member_id, "model": model.state_dict(), "optimiser": optimiser.state_dict(),
             "elapsed": elapsed, "step": step, "best": best, "report": report}
    if fine_tuned and isinstance(model.backbone, GraphBackbone):
        state["backbone"] = {"topology": model.backbone.topology, "weights": {
            k: torch.from_numpy(v) for k, v in model.backbone.graph_weights().items()}}
    return state


def saved_backbone(state: dict) -> Graph | None:
    """A checkpoint's fine-tuned backbone graph (written by `checkpoint`), float constants as float32 and integer
    ones (resize sizes) kept integer, or None."""
    if "backbone" not in state:
        return None
    weights = {k: (v.float() if v.is_floating_point() else v).numpy() for k, v in state["backbone"]["weights"].items()}
    return state["backbone"]["topology"], weights


def log(run: Path, record: dict) -> None:
    print(json.dumps(record), flush=True)
    with open(run / "log.jsonl", "a") as handle:
        handle.write(json.dumps(record) + "\n")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--member", default="cpm-lite")
    parser.add_argument("--minutes", type=float, required=True, help="total training time budget (resume included)")
    parser.add_argument("--run", default="lite")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--no-batch-norm", action="store_true", help="train the stages without batch norm")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--eval-every", type=float, default=10.0,
                        help="minutes between held-out evaluations; 0 for none (a machine without ../shared)")
    parser.add_argument("--checkpoint-every", type=float, default=2.0, help="minutes")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--init-from", type=Path, help="warm start from a committed slim state (training/states/)")
    parser.add_argument("--crops", type=Path, help="training crops from a crop_pack file instead of ../shared/data")
    parser.add_argument("--backbone-from", type=Path, help="read the backbone graph from this exported model "
                        "folder (e.g. ../public/models/cpm-movenet) instead of the npm package")
    parser.add_argument("--fine-tune-backbone", action="store_true",
                        help="train the backbone too, end to end on augmented pixels")
    parser.add_argument("--backbone-lr", type=float, default=1e-4)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bf16", action="store_true", help="autocast to bfloat16 (fast only where the CPU has AVX-512 bf16)")
    return parser.parse_args()


def build_model(args: argparse.Namespace) -> tuple[CPM, torch.optim.Optimizer]:
    """The member with its extractor attached, on the device, and an optimiser over what trains (base learning
    rates in each group's "base")."""
    model = CPM(args.member, batch_norm=not args.no_batch_norm)
    if args.backbone_from:
        attach_exported_backbone(model, args.backbone_from, float_graph=args.fine_tune_backbone)
    else:
        attach_pretrained(model)
    model = model.to(args.device).to(memory_format=torch.channels_last)
    if args.init_from:
        own = model.state_dict()
        saved = load_slim_state(args.init_from)
        # A warm start takes every tensor whose name and shape match (another member's stages 2..T, say).
        model.load_state_dict({k: v for k, v in saved.items() if k in own and own[k].shape == v.shape}, strict=False)
    groups = [{"params": [p for p in model.parameters() if p.requires_grad], "lr": args.lr, "base": args.lr}]
    if isinstance(model.backbone, GraphBackbone):
        model.backbone.to(args.device).to(memory_format=torch.channels_last)
        if args.fine_tune_backbone:
            groups.append({"params": model.backbone.fine_tune(), "lr": args.backbone_lr, "base": args.backbone_lr})
    return model, torch.optim.AdamW(groups, weight_decay=1e-4)


def main() -> None:
    args = arguments()
    torch.set_num_threads(os.cpu_count() or 1)
    torch.backends.cudnn.benchmark = True
    run = RUNS / args.run
    run.mkdir(parents=True, exist_ok=True)
    model, optimiser = build_model(args)
    elapsed, step, best = 0.0, 0, -1.0
    if args.resume and (run / "last.pt").exists():
        state = torch.load(run / "last.pt", map_location=args.device)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        tuned = saved_backbone(state)
        if tuned and isinstance(model.backbone, GraphBackbone):
            model.backbone.load_graph_weights(tuned[1])  # same graph: same --backbone-from
        elapsed, step, best = state["elapsed"], state["step"], state["best"]
    budget = args.minutes * 60
    cache = read_pack(args.crops) if args.crops else training_cache()
    if args.fine_tune_backbone:
        cache["images"] = torch.from_numpy(cache["images"]).to(args.device)  # augmentation runs where the model does
    evaluating = args.eval_every > 0
    held_out = held_out_persons() if evaluating else []
    eval_crops, eval_kept = evaluation_crops(held_out, model.spec) if evaluating else (None, [])
    rng = np.random.default_rng(args.seed + step)
    sampler = batch_sampler(model.spec, cache, rng, pixels=args.fine_tune_backbone)
    every = (args.eval_every if evaluating else args.minutes) * 60
    next_eval = (elapsed // every + 1) * every
    next_checkpoint = elapsed + args.checkpoint_every * 60
    window: list[list[float]] = []
    images_seen, window_start = 0, time.time()
    while elapsed < budget:
        tick = time.time()
        for group in optimiser.param_groups:
            group["lr"] = learning_rate(group["base"], elapsed / budget)
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
            save_atomic(checkpoint(args.member, model, optimiser, elapsed, step, best, None, args.fine_tune_backbone),
                        run / "last.pt")
        if elapsed >= next_eval or elapsed >= budget:
            next_eval += every
            report = score(held_out, eval_kept, predict_stages(model, eval_crops), model.spec) if evaluating else None
            pcks = [round(s["pck"], 1) for s in report["stages"]] if report else [best]
            if report:
                log(run, {"step": step, "minutes": round(elapsed / 60, 2), "held_out_pck": pcks,
                          "limbs": round(report["stages"][-1]["limbs"], 1)})
            state = checkpoint(args.member, model, optimiser, elapsed, step, max(best, pcks[-1]), report,
                               args.fine_tune_backbone)
            if pcks[-1] > best or not report:
                best = pcks[-1]
                save_atomic(state, run / "best.pt")
            save_atomic(state, run / "last.pt")
            window_start = time.time()


if __name__ == "__main__":
    main()

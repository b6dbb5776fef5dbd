"""Trains a CPM member for a time budget, with intermediate supervision, checkpoints and periodic evaluation.

    /usr/bin/python3 -m cpm_train.train --member cpm-movenet-local --minutes 30 --run my-run \
        --init-from states/cpm-movenet-local.pt --backbone-from ../public/models/cpm-movenet-local \
        --fine-tune-backbone --batch 8 [--resume] [--device cuda]

The example fine-tunes the app's default model further, from its committed state and its exported backbone, into
runs/my-run/ (export it with `python3 -m cpm_train.export`). A member with a frozen backbone trains its stages on the
backbone's cached maps (on pixels when its stage 1 reads a backbone layer the cache lacks); `--fine-tune-backbone`
trains the backbone too, end to end on pixels (meant for a GPU: see docs/model.md). `--composite` pastes a second
person beside the target in a share of the crops and `--train-from-stage` keeps the earlier stages as they are:
together, they teach a trained model's later stages to read whom the center map marks (see data/composite.py).
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR

from ..backbone.graph_backbone import GraphBackbone
from ..backbone.movenet import backbone_state, saved_backbone
from ..data.composite import compose
from ..data.crop_pack import read_pack
from ..data.data_split import from_folder, held_out_persons, training_cache, training_persons
from ..data.training_set import batches, share_weights
from ..evaluate.pck import evaluation_crops, predict_stages, score
from ..model.extractors import attach_extractor
from ..model.network import CPM
from ..model.slim_state import warm_start
from ..paths import RUNS
from .schedule import Clock, time_budget_scheduler
from .step import parameter_groups, reads_pixels, training_set, training_step


def save_atomic(state: dict, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def checkpoint(member_id: str, model: CPM, optimiser: torch.optim.Optimizer, scheduler: LambdaLR, clock: Clock,
               step: int, best: float, report: dict | None, carries_backbone: bool) -> dict:
    """The training state; a fine-tuned backbone's weights, or one read from an exported model, ride along in the
    graph's layout ("backbone"), so that export ships the backbone the stages were trained over."""
    state = {"member": member_id, "model": model.cpm_state(), "optimiser": optimiser.state_dict(),
             "scheduler": scheduler.state_dict(), "elapsed": clock.elapsed, "step": step, "best": best,
             "report": report}
    if carries_backbone and isinstance(model.backbone, GraphBackbone):
        state["backbone"] = backbone_state(model.backbone)
    return state


def log(run: Path, record: dict) -> None:
    print(json.dumps(record), flush=True)
    with open(run / "log.jsonl", "a") as handle:
        handle.write(json.dumps(record) + "\n")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--member", required=True, help="the architectures.json member to train")
    parser.add_argument("--minutes", type=float, required=True, help="total training time budget (resume included)")
    parser.add_argument("--run", help="folder under runs/ (default: the member's id)")
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
    parser.add_argument("--fine-tune-from-conv", type=int, default=0,
                        help="with --fine-tune-backbone, train the backbone's convolutions from this one on (the order "
                        "the graph runs them; 0: all); the early, high-resolution ones stay as they are")
    parser.add_argument("--composite", type=float, default=0.0,
                        help="share of crops with a second person pasted beside the target (trains on pixels)")
    parser.add_argument("--overlap", type=float, default=0.0,
                        help="share of the composites whose second person stands in front of the target's side, the "
                        "target's hidden joints labelled where they are")
    parser.add_argument("--hidden-peak", type=float, default=1.0,
                        help="with --overlap, the height of the hidden joints' label peaks (below the card's weakPeak: "
                        "there, but unsure, drawn hollow)")
    parser.add_argument("--hidden-weight", type=float, default=1.0,
                        help="with --overlap, the weight of the hidden joints' maps in the loss (0: not taught)")
    parser.add_argument("--mpii-share", type=float, default=0.0,
                        help="share of the training crops drawn from MPII (0: as many as it has, about 14 %%); "
                        "the MPII crops are then drawn more often, with replacement")
    parser.add_argument("--train-from-stage", type=int, default=1,
                        help="train stages from this one on; the feature layers and earlier stages stay as they are")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bf16", action="store_true", help="autocast to bfloat16 (fast only where the CPU has AVX-512 bf16)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="CPU threads (default: all; 1 leaves a core to whoever shares the machine)")
    return parser


def build_model(args: argparse.Namespace, saved: dict | None) -> CPM:
    """The member, resumed from a checkpoint (`saved`) or warm-started from a committed state, with its extractor
    attached, on the device."""
    model = CPM(args.member, batch_norm=not args.no_batch_norm)
    # A checkpoint holds the feature layers' and stages' state (CPM.cpm_state): loaded before a backbone is attached.
    if saved:
        model.load_state_dict(saved["model"])
    elif args.init_from:
        warm_start(model, args.init_from)
    # A graph read from an exported model rides along in the checkpoints, as float convolutions (export re-encodes).
    attach_extractor(model, args.backbone_from, float_graph=args.fine_tune_backbone or args.backbone_from is not None)
    tuned = saved_backbone(saved) if saved else None
    if tuned and isinstance(model.backbone, GraphBackbone):
        model.backbone.load_graph_weights(tuned[1])  # same graph: same --backbone-from
    model.freeze_before_stage(args.train_from_stage)
    return model.to(args.device).to(memory_format=torch.channels_last)  # the backbone with it


def build_optimiser(model: CPM, args: argparse.Namespace, saved: dict | None,
                    clock: Clock) -> tuple[torch.optim.Optimizer, LambdaLR]:
    """AdamW over what trains and its learning-rate schedule over the time budget, as a checkpoint left them."""
    groups = parameter_groups(model, args.lr, args.backbone_lr if args.fine_tune_backbone else None,
                              args.fine_tune_from_conv)
    optimiser = torch.optim.AdamW(groups, weight_decay=1e-4)
    if saved:
        optimiser.load_state_dict(saved["optimiser"])
    scheduler = time_budget_scheduler(optimiser, clock)
    if saved:
        scheduler.load_state_dict(saved["scheduler"])
    return optimiser, scheduler


def main() -> None:
    args = parser().parse_args()
    if args.crops and args.mpii_share:
        raise SystemExit("--mpii-share weighs the crops of ../shared/data, not a --crops pack")
    torch.set_num_threads(args.threads)
    torch.backends.cudnn.benchmark = True
    run = RUNS / (args.run or args.member)
    run.mkdir(parents=True, exist_ok=True)
    resuming = args.resume and (run / "last.pt").exists()
    saved = torch.load(run / "last.pt", map_location=args.device) if resuming else None
    clock = Clock(args.minutes * 60, saved["elapsed"] if saved else 0.0)
    step, best = (saved["step"], saved["best"]) if saved else (0, -1.0)
    model = build_model(args, saved)
    optimiser, scheduler = build_optimiser(model, args, saved, clock)
    cache = read_pack(args.crops) if args.crops else training_cache()
    pixels = reads_pixels(model.spec, args.fine_tune_backbone) or args.composite > 0
    if args.fine_tune_backbone:
        cache["images"] = torch.from_numpy(cache["images"]).to(args.device)  # augmentation runs where the model does
    evaluating = args.eval_every > 0
    held_out = held_out_persons() if evaluating else []
    eval_crops, eval_kept = evaluation_crops(held_out, model.spec) if evaluating else (None, [])
    rng = np.random.default_rng(args.seed + step)
    crops = training_set(model.spec, cache, rng, pixels=pixels)
    weights = share_weights(from_folder(training_persons(), "mpii-crops"), args.mpii_share) if args.mpii_share else None
    targets = batches(crops, args.batch, args.seed + step, weights)
    others = batches(crops, args.batch, args.seed + step + 1)  # the people pasted beside the targets (--composite)
    carries_backbone = args.fine_tune_backbone or args.backbone_from is not None
    every = (args.eval_every if evaluating else args.minutes) * 60
    next_eval = (clock.elapsed // every + 1) * every
    next_checkpoint = clock.elapsed + args.checkpoint_every * 60
    window: list[list[float]] = []
    images_seen, window_start = 0, time.time()
    while clock.elapsed < clock.budget:
        tick = time.time()
        model.train()
        batch = next(targets)
        if args.composite > 0:
            batch = compose(batch, next(others), args.composite, rng, args.overlap, args.hidden_peak,
                            args.hidden_weight)
        window.append(training_step(model, optimiser, batch, model.spec, args.device, args.bf16))
        step += 1
        images_seen += args.batch
        clock.elapsed += time.time() - tick
        scheduler.step()
        if step % 50 == 0:
            losses = np.mean(window, 0)
            log(run, {"step": step, "minutes": round(clock.elapsed / 60, 2), "lr": scheduler.get_last_lr()[0],
                      "loss": [round(float(v), 3) for v in losses],
                      "images_per_s": round(images_seen / (time.time() - window_start), 1)})
            window, images_seen, window_start = [], 0, time.time()
        if clock.elapsed >= next_checkpoint:
            next_checkpoint = clock.elapsed + args.checkpoint_every * 60
            save_atomic(checkpoint(args.member, model, optimiser, scheduler, clock, step, best, None,
                                   carries_backbone), run / "last.pt")
        if clock.elapsed >= next_eval or clock.elapsed >= clock.budget:
            next_eval += every
            report = score(held_out, eval_kept, predict_stages(model, eval_crops), model.spec) if evaluating else None
            pcks = [round(s["pck"], 1) for s in report["stages"]] if report else [best]
            if report:
                log(run, {"step": step, "minutes": round(clock.elapsed / 60, 2), "held_out_pck": pcks,
                          "limbs": round(report["stages"][-1]["limbs"], 1)})
            state = checkpoint(args.member, model, optimiser, scheduler, clock, step, max(best, pcks[-1]), report,
                               carries_backbone)
            if pcks[-1] > best or not report:
                best = pcks[-1]
                save_atomic(state, run / "best.pt")
            save_atomic(state, run / "last.pt")
            window_start = time.time()


if __name__ == "__main__":
    main()

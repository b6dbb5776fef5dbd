"""Held-out PCK@0.2 per stage and per joint of an exported model or a checkpoint: the training-time curve.

Label crops, one scale, no flip (evaluate/pck.py), as the training loop's held-out curve. The figure of record, the
one the README and docs/model.md report, is `npm run eval`, which reads each person through the app's own estimator.

    /usr/bin/python3 -m cpm_train.evaluate ../../shared/data/lspet ../../shared/data/mpii-crops --held-out \\
        --model ../public/models/cpm-movenet-local
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import torch

from ..data.datasets import load_folder
from ..model.extractors import attach_checkpoint_backbone
from ..model.model_file import read_model
from ..model.network import CPM
from .pck import evaluate

CURVE = "training-time curve (label crops, one scale, no flip); the figure of record is `npm run eval`"


def print_report(report: dict) -> None:
    print(CURVE)
    for stage in report["stages"]:
        print(f"stage {stage['stage']} PCK@0.2 {stage['pck']:.1f}%")
    last = report["stages"][-1]
    print(f"limbs PCK@0.2 {last['limbs']:.1f}%")
    for name, joint in last["joints"].items():
        print(f"  {name:<15} {100 * joint['hits'] / max(joint['total'], 1):5.1f}%  ({joint['hits']}/{joint['total']})")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, nargs="+")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", type=Path, help="an exported model folder (public/models/<id>)")
    source.add_argument("--checkpoint", type=Path, help="a training checkpoint (runs/<run>/best.pt)")
    parser.add_argument("--held-out", action="store_true", help="only the fixed held-out split")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--soften", type=float, metavar="PX", help="diagnostic: blur each crop to the resolution "
                        "of a person PX pixels long (the training pack's ~100 or ~131) before the model reads it")
    return parser


def main() -> None:
    args = parser().parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    if args.model:
        model, cpm = read_model(args.model)
        name = cpm["id"]
    else:
        state = torch.load(args.checkpoint, map_location="cpu")
        model, name = CPM(state["member"]), state["member"]
        model.load_state_dict(state["model"])
        attach_checkpoint_backbone(model, state)
    persons = [p for folder in args.folder for p in load_folder(folder)]
    if args.held_out:
        persons = [p for p in persons if p.held_out]
    softened = {"softenedTo": args.soften} if args.soften else {}
    report = {"model": name, "curve": CURVE, **softened, **evaluate(model, persons, args.soften)}
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()

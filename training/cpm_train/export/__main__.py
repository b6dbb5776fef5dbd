"""Exports a training checkpoint as an app model: public/models/<id>/ model.json + weights.bin (float16),
its backbone graph if the member has one, its golden fixture and its model card; and the slim state of every trained
stage in states/<id>.pt, for later warm starts. An id that public/models/index.json lists replaces that model.

    /usr/bin/python3 -m cpm_train.export runs/my-run/best.pt --id my-cpm --name "My CPM" \
        [--stages 4] [--uint8-backbone]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from ..backbone.graph_backbone import GraphBackbone
from ..backbone.movenet import write_backbone
from ..model.model_file import write_model
from ..paths import MODELS, STATES
from .card import cpm_block, model_card
from .golden import write_golden
from .shipped import save_trained_state, shipped_model


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--id", required=True, help="the model's folder name under public/models")
    parser.add_argument("--name", required=True, help="the model's name in the app and on its card")
    parser.add_argument("--report", type=Path, help="held-out figures for the card from `evaluate --json` on this "
                        "export (default: the trainer's own last evaluation, before export)")
    parser.add_argument("--stages", type=int, help="ship only the first N stages of the trained model")
    parser.add_argument("--uint8-backbone", action="store_true",
                        help="ship the backbone's kernels as per-channel uint8 (half the bytes of float16)")
    return parser


def main() -> None:
    args = parser().parse_args()
    state = torch.load(args.checkpoint, map_location="cpu")
    model, tuned = shipped_model(state, args.stages)
    report = json.loads(args.report.read_text()) if args.report else state.get("report")
    folder = MODELS / args.id
    block = cpm_block(args.id, args.name, state["member"], model.spec, report, tuned is not None)
    size = write_model(model, folder, block)
    if "backbone" in model.spec:
        size += write_backbone(folder, model.spec, args.uint8_backbone, tuned)
    parameters = sum(p.numel() for layers in (model.features, model.stages) for n, p in layers.named_parameters()
                     if ".bn." not in n and p.requires_grad)
    backbone = model.backbone.parameter_count() if isinstance(model.backbone, GraphBackbone) else 0
    (folder / "README.md").write_text(model_card(block, report, size, parameters, backbone))
    write_golden(folder)
    save_trained_state(state, STATES / f"{args.id}.pt")
    print(f"exported {folder} ({size} bytes)")


if __name__ == "__main__":
    main()

"""Exports a training checkpoint as an app model: public/models/<id>/ model.json + weights.bin (float16),
its backbone graph if the member has one, its golden fixture and its model card.

    /usr/bin/python3 -m cpm_train.export runs/<run>/best.pt --id cpm-movenet --name "..."
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import torch

from .architecture import REPO, load_family, member
from .golden import write_golden
from .graph_backbone import GraphBackbone
from .model_file import write_model
from .network import CPM
from .extractors import attach_graph, attach_pretrained, credit
from .movenet import write_backbone
from .receptive import receptive_fields
from .slim_state import STATES, save_slim_state
from .train import saved_backbone, train_context

DATA_NOTE = ("Trained on LSP Extended (Johnson & Everingham 2011, research use) and MPII Human Pose person crops "
             "(Andriluka et al. 2014; annotations BSD, images research-only); held-out: every 20th LSPET image "
             "(offset 10) and MPII photos with crc32(name) % 20 == 0.")


# The labelled joints of a person who fills a photo span about this share of its larger side.
PERSON_FILL = 0.85


def default_box_size(spec: dict[str, Any]) -> float:
    """The app's default person box (units of the image's larger side): the training crops' typical context."""
    low, high = train_context(spec)
    return round(math.sqrt(low * high) * PERSON_FILL, 1)


def shipped_spec(member_id: str, stages: int | None) -> dict[str, Any]:
    """The member's architecture, or with only its first `stages` stages (a model trained with more)."""
    trained = member(member_id)
    if stages is None:
        return trained
    if not 1 <= stages <= trained["stages"]:
        raise ValueError(f"--stages must be 1..{trained['stages']} for {member_id}")
    return {**trained, "stages": stages}


def cpm_block(model_id: str, name: str, member_id: str, spec: dict[str, Any], report: dict[str, Any] | None,
              fine_tuned: bool) -> dict[str, Any]:
    family = load_family()
    trained = family["members"][member_id]
    notes = " ".join(part for part in (DATA_NOTE, credit(spec, fine_tuned)) if part)
    block: dict[str, Any] = {
        "id": model_id, "name": name, "member": member_id, "trained": True,
        "heldOutPck": round(report["stages"][-1]["pck"], 1) if report else None, "boxSize": default_box_size(spec),
        "architecture": spec, "joints": family["joints"], "background": family["background"],
        "edges": family["edges"], "flipPairs": family["flipPairs"], "notes": notes,
    }
    if "backbone" in spec:
        block["backboneFineTuned"] = fine_tuned
    if spec["stages"] != trained["stages"]:
        block["trainedStages"] = trained["stages"]
    return block


def model_card(block: dict[str, Any], report: dict[str, Any] | None, size: int, parameters: int,
               backbone_parameters: int) -> str:
    spec = block["architecture"]
    fields = receptive_fields(spec)
    lines = [f"# {block['name']} (`{block['id']}`)", "", spec["description"], "",
             f"- Input {spec['inputSize']}² ({spec['normalization']['channelOrder']}), stride {spec['stride']}, "
             f"{spec['stages']} stages, {parameters:,} parameters in the feature layers and stages, "
             f"{size / 1e6:.2f} MB of weights in all.",
             "- Receptive field per stage (input pixels): " + ", ".join(f"stage {t + 1}: {f}" for t, f in enumerate(fields)),
             f"- {block['notes']}", ""]
    if "trainedStages" in block:
        lines.insert(-2, f"- Trained with {block['trainedStages']} stages (intermediate supervision on each); the first "
                         f"{spec['stages']} are shipped, the later ones did not improve held-out PCK.")
    if backbone_parameters:
        state = "fine-tuned" if block.get("backboneFineTuned") else "frozen"
        lines.insert(-2, f"- Backbone ({spec['backbone']['source']}, {state}, `{spec['backbone']['graph']}`): "
                         f"{backbone_parameters:,} parameters; its output cell sees {spec['backbone']['receptiveField']} "
                         f"input pixels at stride {spec['backbone']['stride']}."
                         + local_note(spec["backbone"]))
    if report:
        lines += [f"Held-out PCK@0.2 ({report['persons']} persons, crop = {spec['evalCropScale']}× the joints' box):", "",
                  "| stage | all 14 joints | 12 limb joints |", "|---|---|---|"]
        lines += [f"| {s['stage']} | {s['pck']:.1f} % | {s['limbs']:.1f} % |" for s in report["stages"]]
    return "\n".join(lines) + "\n"


def local_note(backbone: dict[str, Any]) -> str:
    local = backbone.get("local")
    if not local:
        return ""
    return (f" Stage 1 alone reads `{local['output']}` ({local['channels']} channels at stride {local['stride']}, "
            f"{local['receptiveField']} px).")


def save_trained_state(state: dict[str, Any], path: Path) -> None:
    """The slim state of every stage the checkpoint trained, shipped or not: a later warm start wants them all."""
    trained = CPM(state["member"])
    trained.load_state_dict(state["model"])
    save_slim_state(trained, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--id", required=True)
    parser.add_argument("--name", default="CPM-lite on PoseNet features (trained by this project)")
    parser.add_argument("--report", type=Path, help="held-out figures for the card from `evaluate --json` on this "
                        "export (default: the trainer's own last evaluation, before export)")
    parser.add_argument("--stages", type=int, help="ship only the first N stages of the trained model")
    parser.add_argument("--uint8-backbone", action="store_true",
                        help="ship the backbone's kernels as per-channel uint8 (half the bytes of float16)")
    args = parser.parse_args()
    state = torch.load(args.checkpoint, map_location="cpu")
    spec = shipped_spec(state["member"], args.stages)
    model = CPM(state["member"], spec=spec)
    dropped = tuple(f"stages.{i}." for i in range(spec["stages"], member(state["member"])["stages"]))  # not shipped
    model.load_state_dict({k: v for k, v in state["model"].items() if not k.startswith(dropped)})
    tuned = saved_backbone(state)
    if tuned:
        attach_graph(model, *tuned)
    else:
        attach_pretrained(model)
    model.eval()
    report = json.loads(args.report.read_text()) if args.report else state.get("report")
    folder = REPO / "public" / "models" / args.id
    block = cpm_block(args.id, args.name, state["member"], spec, report, tuned is not None)
    size = write_model(model, folder, block)
    if "backbone" in model.spec:
        size += write_backbone(folder, model.spec, args.uint8_backbone, tuned)
    parameters = sum(p.numel() for n, p in model.named_parameters() if ".bn." not in n and p.requires_grad)
    backbone = model.backbone.parameter_count() if isinstance(model.backbone, GraphBackbone) else 0
    (folder / "README.md").write_text(model_card(block, report, size, parameters, backbone))
    write_golden(folder)
    save_trained_state(state, STATES / f"{args.id}.pt")
    print(f"exported {folder} ({size} bytes)")


if __name__ == "__main__":
    main()

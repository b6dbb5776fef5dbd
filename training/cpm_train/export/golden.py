"""Golden fixture: one real input, its center map and every stage's maps from PyTorch, for the app's parity tests.

The input is a lossless PNG from ../shared/samples, cropped by nearest-neighbour sampling (integer arithmetic that the
TypeScript test repeats exactly), so no image data is committed: only the crop box and our model's outputs.

    /usr/bin/python3 -m cpm_train.export.golden ../public/models/<id>
"""
from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path

import cv2
import numpy as np
import torch

from ..data.targets import center_maps
from ..model.model_file import read_model
from ..model.preprocess import normalise
from ..paths import SHARED

SAMPLES = SHARED / "samples" / "cpm-release"
SOURCE = "nadal.png"
# A box around the right-hand player in nadal.png (640x360): x, y, side in image pixels.
BOX = (300, 20, 320)


def nearest_crop(image: np.ndarray, box: tuple[int, int, int], size: int, pad: int) -> np.ndarray:
    """Output pixel (i, j) takes source pixel floor(x0 + (j + 0.5) * side / size): exact in any language. This is
    the nearest pixel under a resize of the box (edges to edges, model/pixels.resize_matrix), not under a crop
    box's map: the fixture only has to be the same input on both sides."""
    x0, y0, side = box
    index = np.arange(size)
    xs = x0 + ((2 * index + 1) * side) // (2 * size)
    ys = y0 + ((2 * index + 1) * side) // (2 * size)
    out = np.full((size, size, 3), pad, np.uint8)
    inside_x = (xs >= 0) & (xs < image.shape[1])
    inside_y = (ys >= 0) & (ys < image.shape[0])
    out[np.ix_(inside_y, inside_x)] = image[np.ix_(ys[inside_y], xs[inside_x])]
    return out


def b64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array, np.float32).tobytes()).decode()


@torch.no_grad()
def write_golden(folder: Path) -> Path:
    model, cpm = read_model(folder)
    spec = cpm["architecture"]
    size, stride = spec["inputSize"], spec["stride"]
    image = cv2.cvtColor(cv2.imread(str(SAMPLES / SOURCE), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    crop = nearest_crop(image, BOX, size, spec["normalization"]["padValue"])
    centre = (size / 2, size / 2)
    center = center_maps(torch.tensor([centre]), size, stride, spec["centerSigma"])
    pixels = torch.from_numpy(crop).permute(2, 0, 1)[None].float()
    beliefs = model(normalise(pixels, spec["normalization"]), center)
    stages = torch.stack([b[0].permute(1, 2, 0) for b in beliefs])  # T x g x g x (J+1), HWC like tfjs
    golden = {
        "model": cpm["id"], "source": f"samples/cpm-release/{SOURCE}", "box": list(BOX), "inputSize": size,
        "center": list(centre), "centerMap": b64(center[0, 0].numpy()), "stages": b64(stages.numpy()),
        "shape": list(stages.shape),
    }
    path = folder / "golden.json"
    path.write_text(json.dumps(golden) + "\n")
    return path


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.export.golden", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="an exported model's folder; its golden.json is written there")
    return parser


def main() -> None:
    print(write_golden(parser().parse_args().folder))


if __name__ == "__main__":
    main()

"""Pictures for docs/model.md: one photo's belief maps (all joints) and skeleton at stage 1 and stage T.

    /usr/bin/python3 -m cpm_train.evaluate.visualize ../public/models/cpm-movenet-local \
        ../../shared/samples/cpm-release/LSP_test/im1640.jpg runs/im1640-stages.png
"""
from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np
import torch

from ..data.targets import center_maps
from ..model.architecture import NUM_JOINTS, load_family
from ..model.decode import decode_peaks
from ..model.model_file import read_model
from ..model.pixels import crop_matrix
from ..model.preprocess import normalise


def letterbox(image: np.ndarray, size: int, pad: int) -> np.ndarray:
    """The app's default box: the whole image, centred in a square of side max(w, h)."""
    height, width = image.shape[:2]
    matrix = crop_matrix(width / 2, height / 2, max(width, height), size)[:2].astype(np.float32)
    return cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_AREA, borderValue=(pad, pad, pad))


def panel(crop: np.ndarray, maps: torch.Tensor, stride: int, edges: list[list[int]], title: str) -> np.ndarray:
    size = crop.shape[0]
    heat = maps[:NUM_JOINTS].max(0).values.clamp(0, 1).numpy()
    heat = cv2.resize(heat, (size, size), interpolation=cv2.INTER_CUBIC)
    colour = cv2.applyColorMap((heat * 255).astype(np.uint8), cv2.COLORMAP_VIRIDIS)
    out = cv2.addWeighted(cv2.cvtColor(crop, cv2.COLOR_RGB2BGR), 0.45, colour, 0.55, 0)
    points, _ = decode_peaks(maps[None, :NUM_JOINTS], stride)
    p = points[0].numpy()
    for a, b in edges:
        cv2.line(out, tuple(int(v) for v in p[a]), tuple(int(v) for v in p[b]), (255, 255, 255), 2, cv2.LINE_AA)
    for x, y in p:
        cv2.circle(out, (int(x), int(y)), 3, (0, 0, 255), -1, cv2.LINE_AA)
    cv2.putText(out, title, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (255, 255, 255), 1, cv2.LINE_AA)
    return out


@torch.no_grad()
def render(model_dir: Path, image_path: Path, out: Path) -> None:
    model, cpm = read_model(model_dir)
    spec = cpm["architecture"]
    size, stride = spec["inputSize"], spec["stride"]
    image = cv2.cvtColor(cv2.imread(str(image_path), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    crop = letterbox(image, size, spec["normalization"]["padValue"])
    pixels = torch.from_numpy(crop).permute(2, 0, 1)[None].float()
    center = center_maps(torch.tensor([[size / 2, size / 2]]), size, stride, spec["centerSigma"])
    beliefs = model(normalise(pixels, spec["normalization"]), center)
    edges = load_family()["edges"]
    first = panel(crop, beliefs[0][0], stride, edges, "stage 1")
    last = panel(crop, beliefs[-1][0], stride, edges, f"stage {len(beliefs)}")
    big = [cv2.resize(p, (size * 2, size * 2), interpolation=cv2.INTER_NEAREST) for p in (first, last)]
    out.parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(out), np.hstack(big)):  # OpenCV reports a failed write only by its return value
        raise OSError(f"could not write {out}")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.evaluate.visualize", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="an exported model's folder")
    parser.add_argument("image", type=Path)
    parser.add_argument("out", type=Path, help="the picture to write (PNG)")
    return parser


def main() -> None:
    args = parser().parse_args()
    render(args.model, args.image, args.out)


if __name__ == "__main__":
    main()

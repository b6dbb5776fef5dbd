"""PCK@0.2 per stage and per joint on labelled persons, with the protocol `npm run eval` uses.

Each person is cropped around the centre of its labelled joints' bounding box, square, side = k x the box's larger
side (k = the member's evalCropScale), resized to the input size; center map at the crop centre. Coordinates follow
the project's pixel convention (model/pixels.py).
"""
from __future__ import annotations

import cv2
import numpy as np
import torch

from ..data.crop_cache import bilinear_crop, crop_box, read_rgb
from ..data.datasets import Person
from ..data.targets import center_maps
from ..model.architecture import LIMBS, NUM_JOINTS, NUM_MAPS, flip_permutation, joint_names
from ..model.decode import decode_peaks
from ..model.network import CPM
from ..model.pixels import cell_centre, crop_to_source, pixel_to_cell
from ..model.preprocess import normalise

R_SHOULDER, L_SHOULDER, R_HIP, L_HIP = 2, 5, 8, 11


def torso(joints: np.ndarray, labelled: np.ndarray) -> float | None:
    if labelled[R_SHOULDER] and labelled[L_HIP]:
        return float(np.linalg.norm(joints[R_SHOULDER] - joints[L_HIP]))
    if labelled[L_SHOULDER] and labelled[R_HIP]:
        return float(np.linalg.norm(joints[L_SHOULDER] - joints[R_HIP]))
    return None


def scale_crops(persons: list[Person], spec: dict, scales: list[float]) -> tuple[list[np.ndarray], list[int]]:
    """Per scale, crops (N,S,S,3) of the scored persons (those with a torso), each photo read once; and their
    indices. Scale s crops s times smaller around the same centre (the person looks s times larger), as the app's
    multi-scale option."""
    size, k = spec["inputSize"], spec.get("evalCropScale", 2)
    crops: list[list[np.ndarray]] = [[] for _ in scales]
    kept = []
    for i, person in enumerate(persons):
        if torso(person.joints, person.labelled) is None:
            continue
        image = read_rgb(person.image)
        cx, cy, side = crop_box(person, k)
        for scale, scale_list in zip(scales, crops):
            scale_list.append(bilinear_crop(image, cx, cy, side / scale, size))
        kept.append(i)
    return [np.stack(c) for c in crops], kept


def evaluation_crops(persons: list[Person], spec: dict) -> tuple[np.ndarray, list[int]]:
    """Crops (N,S,S,3) of the scored persons at the member's crop scale, and their indices."""
    (crops,), kept = scale_crops(persons, spec, [1.0])
    return crops, kept


def soften(crops: np.ndarray, person_px: float, spec: dict) -> np.ndarray:
    """The crops as a camera that saw each person `person_px` pixels long would give them: shrunk (area-averaged) to
    that resolution and enlarged back (bilinear). A diagnostic for what resolution a model was trained at."""
    size = spec["inputSize"]
    small = round(size * person_px / (size / spec.get("evalCropScale", 2)))
    return np.stack([cv2.resize(cv2.resize(c, (small, small), interpolation=cv2.INTER_AREA), (size, size),
                                interpolation=cv2.INTER_LINEAR) for c in crops])


def run_model(model: CPM, pixels: torch.Tensor, centre: torch.Tensor) -> list[torch.Tensor]:
    """Every stage's maps for (B,3,S,S) pixels 0..255 and a centre (B,2) in input pixels."""
    spec = model.spec
    centres = center_maps(centre, spec["inputSize"], spec["stride"], spec["centerSigma"]).to(pixels.device)
    return model(normalise(pixels, spec["normalization"]).contiguous(memory_format=torch.channels_last), centres)


MIRROR_CHANNELS = flip_permutation() + [NUM_MAPS - 1]  # left and right joints swapped, background kept


def unmirror(maps: torch.Tensor) -> torch.Tensor:
    """Maps computed on a mirrored input, in the original frame: columns reversed, left and right joints swapped."""
    return maps.flip(-1)[:, MIRROR_CHANNELS]


@torch.no_grad()
def stage_maps(model: CPM, crops: np.ndarray, batch: int = 32, flip: bool = False) -> torch.Tensor:
    """(N,S,S,3) uint8 crops -> every stage's maps (T,N,J+1,g,g). `flip` averages each stage's maps with those of the
    mirrored crop (flip testing, as the app's option), centre mirrored with it (x -> S - 1 - x)."""
    size = model.spec["inputSize"]
    model.eval()
    device = next(model.parameters()).device
    results = []
    for start in range(0, len(crops), batch):
        pixels = torch.from_numpy(crops[start:start + batch]).permute(0, 3, 1, 2).float().to(device)
        centre = torch.full((len(pixels), 2), size / 2)
        beliefs = [b.float() for b in run_model(model, pixels, centre)]
        if flip:
            mirrored = run_model(model, pixels.flip(-1), torch.stack([size - 1 - centre[:, 0], centre[:, 1]], 1))
            beliefs = [(b + unmirror(m.float())) / 2 for b, m in zip(beliefs, mirrored)]
        results.append(torch.stack(beliefs).cpu())
    return torch.cat(results, 1)


def decode_stages(maps: torch.Tensor, stride: int) -> np.ndarray:
    """(T,N,J+1,g,g) -> (T,N,J,2) joints in input pixels."""
    return torch.stack([decode_peaks(stage[:, :NUM_JOINTS], stride)[0] for stage in maps]).numpy()


def predict_stages(model: CPM, crops: np.ndarray, batch: int = 32, flip: bool = False) -> np.ndarray:
    """(N,S,S,3) uint8 crops -> (T,N,J,2) predicted joints in crop pixels."""
    return decode_stages(stage_maps(model, crops, batch, flip), model.spec["stride"])


def scale_sampling(scale: float, grid: int, size: int, stride: int) -> torch.Tensor:
    """(g,g) bilinear weights along one axis: base cell a samples cell u of the scale-s crop (same centre, s times
    smaller), nothing where u falls outside the grid (that scale saw nothing there); as src/pose/fuse.ts."""
    weights = torch.zeros(grid, grid)
    for a in range(grid):
        pixel = (cell_centre(a, stride) - size / 2) * scale + size / 2
        u = pixel_to_cell(pixel, stride)
        if u < -0.5 or u > grid - 0.5:
            continue
        clamped = min(max(u, 0.0), grid - 1.0)
        low = int(np.floor(clamped))
        high = min(grid - 1, low + 1)
        weights[a, low] += 1 - (clamped - low)
        weights[a, high] += clamped - low
    return weights


def fuse_scales(maps: list[torch.Tensor], scales: list[float], spec: dict) -> torch.Tensor:
    """Multi-scale testing: each scale's (T,N,C,g,g) maps resampled into the base crop's grid and summed."""
    grid = maps[0].shape[-1]
    fused = torch.zeros_like(maps[0])
    for scale_maps, scale in zip(maps, scales):
        w = scale_sampling(scale, grid, spec["inputSize"], spec["stride"])
        fused += w @ scale_maps @ w.T
    return fused


def score(persons: list[Person], kept: list[int], predictions: np.ndarray, spec: dict) -> dict:
    """predictions (T,N,J,2) in crop pixels -> per-stage PCK@0.2 and per-joint hits."""
    names = joint_names()
    size, k = spec["inputSize"], spec.get("evalCropScale", 2)
    stages = []
    for t, stage in enumerate(predictions, start=1):
        hits = np.zeros(NUM_JOINTS, int)
        totals = np.zeros(NUM_JOINTS, int)
        for n, i in enumerate(kept):
            person = persons[i]
            labelled = person.labelled
            cx, cy, side = crop_box(person, k)
            image_points = crop_to_source(stage[n], np.array([cx, cy]), side, size)
            distance = np.linalg.norm(image_points - person.joints, axis=1)
            threshold = 0.2 * torso(person.joints, labelled)
            hits += (labelled & (distance <= threshold)).astype(int)
            totals += labelled.astype(int)
        stages.append({"stage": t, "pck": 100 * hits.sum() / totals.sum(),
                       "limbs": 100 * hits[LIMBS].sum() / totals[LIMBS].sum(),
                       "joints": {names[j]: {"hits": int(hits[j]), "total": int(totals[j])}
                                  for j in range(NUM_JOINTS)}})
    return {"persons": len(kept), "stages": stages}


def evaluate(model: CPM, persons: list[Person], flip: bool = False, soften_to: float | None = None,
             scales: list[float] | None = None) -> dict:
    scales = scales or [1.0]
    crops, kept = scale_crops(persons, model.spec, scales)
    if soften_to:
        crops = [soften(c, soften_to, model.spec) for c in crops]
    maps = [stage_maps(model, c, flip=flip) for c in crops]
    fused = maps[0] if scales == [1.0] else fuse_scales(maps, scales, model.spec)
    return score(persons, kept, decode_stages(fused, model.spec["stride"]), model.spec)

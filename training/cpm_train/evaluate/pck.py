"""PCK@0.2 per stage and per joint on labelled persons: the training-time curve, not the figure of record.

The figure of record is `npm run eval`, which reads each person through the app's own estimator (flip test and
multi-scale included). This module is what the training loop's held-out curve and a quick look at a checkpoint need,
so it keeps only the plain reading: label crops, one scale, no flip. Each person is cropped around the centre of its
labelled joints' bounding box, square, side = k x the box's larger side (k = the member's evalCropScale), resized to
the input size; center map at the crop centre. Coordinates follow the project's pixel convention (model/pixels.py).
"""
from __future__ import annotations

import cv2
import numpy as np
import torch

from ..data.crop_cache import bilinear_crop, crop_box, read_rgb
from ..data.datasets import Person
from ..data.targets import center_maps
from ..model.architecture import LIMBS, NUM_JOINTS, joint_names
from ..model.decode import decode_peaks
from ..model.network import CPM
from ..model.pixels import crop_to_source
from ..model.preprocess import normalise

R_SHOULDER, L_SHOULDER, R_HIP, L_HIP = 2, 5, 8, 11


def torso(joints: np.ndarray, labelled: np.ndarray) -> float | None:
    if labelled[R_SHOULDER] and labelled[L_HIP]:
        return float(np.linalg.norm(joints[R_SHOULDER] - joints[L_HIP]))
    if labelled[L_SHOULDER] and labelled[R_HIP]:
        return float(np.linalg.norm(joints[L_SHOULDER] - joints[R_HIP]))
    return None


def evaluation_crops(persons: list[Person], spec: dict) -> tuple[np.ndarray, list[int]]:
    """Crops (N,S,S,3) of the scored persons (those with a torso) at the member's crop scale, and their indices."""
    size, k = spec["inputSize"], spec.get("evalCropScale", 2)
    crops, kept = [], []
    for i, person in enumerate(persons):
        if torso(person.joints, person.labelled) is None:
            continue
        cx, cy, side = crop_box(person, k)
        crops.append(bilinear_crop(read_rgb(person.image), cx, cy, side, size))
        kept.append(i)
    return np.stack(crops), kept


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


@torch.no_grad()
def stage_maps(model: CPM, crops: np.ndarray, batch: int = 32) -> torch.Tensor:
    """(N,S,S,3) uint8 crops -> every stage's maps (T,N,J+1,g,g)."""
    size = model.spec["inputSize"]
    model.eval()
    device = next(model.parameters()).device
    results = []
    for start in range(0, len(crops), batch):
        pixels = torch.from_numpy(crops[start:start + batch]).permute(0, 3, 1, 2).float().to(device)
        centre = torch.full((len(pixels), 2), size / 2)
        results.append(torch.stack([b.float() for b in run_model(model, pixels, centre)]).cpu())
    return torch.cat(results, 1)


def decode_stages(maps: torch.Tensor, stride: int) -> np.ndarray:
    """(T,N,J+1,g,g) -> (T,N,J,2) joints in input pixels."""
    return torch.stack([decode_peaks(stage[:, :NUM_JOINTS], stride)[0] for stage in maps]).numpy()


def predict_stages(model: CPM, crops: np.ndarray, batch: int = 32) -> np.ndarray:
    """(N,S,S,3) uint8 crops -> (T,N,J,2) predicted joints in crop pixels."""
    return decode_stages(stage_maps(model, crops, batch), model.spec["stride"])


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


def evaluate(model: CPM, persons: list[Person], soften_to: float | None = None) -> dict:
    crops, kept = evaluation_crops(persons, model.spec)
    if soften_to:
        crops = soften(crops, soften_to, model.spec)
    return score(persons, kept, predict_stages(model, crops), model.spec)

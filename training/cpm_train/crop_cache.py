"""Person crops decoded once into one uint8 array, so that training reads memory, not JPEGs."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from .datasets import Person, bounding_box

CACHE_SIZE = 320
CACHE_CONTEXT = 3.2  # crop side in units of the person's larger bounding-box side
GREY = 128


def crop_person(image: np.ndarray, person: Person, context: float, size: int,
                bilinear: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Square crop of side context x box side around the box centre, resized to size; joints mapped with it.

    Output pixel (i, j) samples source ((j - size/2) / scale + cx, ...). bilinear=True matches the app's evaluator
    (src/pose/bilinearCrop.ts); otherwise downscaling averages areas, for cleaner training crops.
    """
    cx, cy, side = bounding_box(person)
    side = max(side * context, 16.0)
    scale = size / side
    matrix = np.array([[scale, 0, size / 2 - cx * scale], [0, scale, size / 2 - cy * scale]], np.float32)
    crop = cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_AREA if scale < 1 and not bilinear else cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(GREY, GREY, GREY))
    joints = person.joints * scale + matrix[:, 2]
    return crop, joints.astype(np.float32)


def read_rgb(path: Path) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError(f"cannot decode {path}")
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


def build_cache(persons: list[Person], path: Path) -> dict[str, np.ndarray]:
    if path.exists():
        data = np.load(path)
        if len(data["joints"]) == len(persons):
            return {k: data[k] for k in data.files}
    images = np.empty((len(persons), CACHE_SIZE, CACHE_SIZE, 3), np.uint8)
    joints = np.empty((len(persons), 14, 2), np.float32)
    labelled = np.empty((len(persons), 14), bool)
    for i, person in enumerate(persons):
        images[i], joints[i] = crop_person(read_rgb(person.image), person, CACHE_CONTEXT, CACHE_SIZE)
        labelled[i] = person.labelled
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, images=images, joints=joints, labelled=labelled)
    tmp.rename(path)
    return {"images": images, "joints": joints, "labelled": labelled}

"""Person crops decoded once into one uint8 array, so that training reads memory, not JPEGs.

Crops and joints follow the project's pixel convention (model/pixels.py).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import cv2
import numpy as np

from ..model.architecture import NUM_JOINTS
from ..model.pixels import crop_matrix, crop_to_source, resize_matrix
from .datasets import Person, bounding_box

CACHE_SIZE = 320
CACHE_CONTEXT = 3.2  # crop side in units of the person's larger bounding-box side
GREY = 128


def centre_region(context: float) -> tuple[int, int]:
    """(first pixel, side) of a cache crop's centre region that spans `context` x the person's box."""
    side = round(CACHE_SIZE * context / CACHE_CONTEXT)
    return (CACHE_SIZE - side) // 2, side


def region_to_output(context: float, size: int) -> np.ndarray:
    """3x3 matrix: cache-crop pixel -> pixel of that centre region resized to size."""
    return resize_matrix(*centre_region(context), size)


def crop_box(person: Person, context: float) -> tuple[float, float, float]:
    """Centre and side of a person's square crop: context x the labelled joints' box, at least 16 px."""
    cx, cy, side = bounding_box(person)
    return cx, cy, max(side * context, 16.0)


def crop_person(image: np.ndarray, person: Person, context: float, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Square crop of side context x box side around the box centre (crop_box), resized to size; joints mapped
    with it. Downscaling averages areas, for cleaner training crops (the evaluators use bilinear_crop instead)."""
    cx, cy, side = crop_box(person, context)
    scale = size / side
    matrix = crop_matrix(cx, cy, side, size)[:2].astype(np.float32)
    crop = cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(GREY, GREY, GREY))
    joints = person.joints * scale + matrix[:, 2]
    return crop, joints.astype(np.float32)


def bilinear_crop(image: np.ndarray, cx: float, cy: float, side: float, size: int) -> np.ndarray:
    """The app's evaluator's crop (src/pose/bilinearCrop.ts) in float arithmetic, as it computes it: output pixel
    (i, j) samples source crop_to_source((j, i)), grey outside the image. (OpenCV's warpAffine rounds its bilinear
    weights to 1/32, which moved the two evaluators apart by up to a point of PCK.)"""
    height, width = image.shape[:2]
    sx, sy = crop_to_source(np.arange(size), cx, side, size), crop_to_source(np.arange(size), cy, side, size)
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = (sx - x0)[None, :, None], (sy - y0)[:, None, None]

    def pixels(ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
        inside = ((ys >= 0) & (ys < height))[:, None] & ((xs >= 0) & (xs < width))[None, :]
        values = image[np.clip(ys, 0, height - 1)][:, np.clip(xs, 0, width - 1)].astype(np.float64)
        return np.where(inside[..., None], values, float(GREY))

    top = pixels(y0, x0) * (1 - fx) + pixels(y0, x0 + 1) * fx
    bottom = pixels(y0 + 1, x0) * (1 - fx) + pixels(y0 + 1, x0 + 1) * fx
    # Math.round rounds halves up; numpy's round would round them to even.
    return np.floor(top * (1 - fy) + bottom * fy + 0.5).astype(np.uint8)


def read_rgb(path: Path) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError(f"cannot decode {path}")
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


def cache_key(persons: list[Person]) -> str:
    """What a cache is built from: every person's photo and labels, in order, and the crop geometry."""
    digest = hashlib.sha256(f"{CACHE_SIZE} {CACHE_CONTEXT} {GREY}".encode())
    for person in persons:
        digest.update(str(person.image).encode())
        digest.update(np.ascontiguousarray(person.joints, np.float32).tobytes())
        digest.update(np.ascontiguousarray(person.labelled, bool).tobytes())
    return digest.hexdigest()


def crop_persons(persons: list[Person]) -> dict[str, np.ndarray]:
    """Cache crops of the persons: images (N,C,C,3) uint8 RGB, joints (N,J,2) in their pixels, labelled (N,J)."""
    images = np.empty((len(persons), CACHE_SIZE, CACHE_SIZE, 3), np.uint8)
    joints = np.empty((len(persons), NUM_JOINTS, 2), np.float32)
    labelled = np.empty((len(persons), NUM_JOINTS), bool)
    for i, person in enumerate(persons):
        images[i], joints[i] = crop_person(read_rgb(person.image), person, CACHE_CONTEXT, CACHE_SIZE)
        labelled[i] = person.labelled
    return {"images": images, "joints": joints, "labelled": labelled}


def build_cache(persons: list[Person], path: Path) -> dict[str, np.ndarray]:
    """crop_persons, saved at `path` and read back from there while it was built from these very persons (its
    "key", cache_key): another person list of the same length is not the same cache."""
    key = cache_key(persons)
    if path.exists():
        data = np.load(path)
        if "key" in data.files and str(data["key"]) == key:
            return {k: data[k] for k in data.files}
    cache = {**crop_persons(persons), "key": np.array(key)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, **cache)
    tmp.rename(path)
    return cache

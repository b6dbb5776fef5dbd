"""Loaders for the two labelled layouts, mapped to the CPM joint order, and the fixed held-out split.

CPM order: head top, neck, R shoulder, R elbow, R wrist, L shoulder, L elbow, L wrist, R hip, R knee, R ankle,
L hip, L knee, L ankle.
"""
from __future__ import annotations

import csv
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.io

from ..model.architecture import NUM_JOINTS

# The authors' order_to_lsp (1-based) made 0-based: CPM joint i is LSP joint LSP_TO_CPM[i].
LSP_TO_CPM = [13, 12, 8, 7, 6, 9, 10, 11, 2, 1, 0, 3, 4, 5]
# MPII ids 9 (head top) and 8 (upper neck) are CPM's head and neck; pelvis (6) and thorax (7) are dropped.
MPII_TO_CPM = [9, 8, 12, 11, 10, 13, 14, 15, 2, 1, 0, 3, 4, 5]
HELD_OUT_EVERY = 20


@dataclass
class Person:
    image: Path
    joints: np.ndarray  # (J,2) float, image pixels, CPM order
    labelled: np.ndarray  # (J,) bool
    held_out: bool


def lsp_joints_array(raw: np.ndarray) -> np.ndarray:
    """joints.mat holds Jx3xN or 3xJxN (LSP labels CPM's J = 14 joints, in its own order); returns NxJx3 (x, y,
    visible) in LSP order."""
    if raw.shape[0] == NUM_JOINTS and raw.shape[1] == 3:
        return raw.transpose(2, 0, 1)
    if raw.shape[0] == 3 and raw.shape[1] == NUM_JOINTS:
        return raw.transpose(2, 1, 0)
    raise ValueError(f"unexpected joints.mat shape {raw.shape}")


def lsp_image_path(images: Path, index: int) -> Path | None:
    """Image i is 'im' + i zero-padded to 4 (LSP) or 5 (LSPET) digits."""
    for digits in (5, 4):
        path = images / f"im{index:0{digits}d}.jpg"
        if path.exists():
            return path
    return None


def lsp_held_out(index: int) -> bool:
    """Every 20th image, offset by 10 (every 20th from 20 on is missing: kept aside for an independent check)."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY // 2


def load_lsp(folder: Path) -> list[Person]:
    raw = scipy.io.loadmat(folder / "joints.mat")["joints"]
    persons = []
    for i, joints in enumerate(lsp_joints_array(raw), start=1):
        path = lsp_image_path(folder / "images", i)
        if path is None:
            continue
        cpm = joints[LSP_TO_CPM]
        persons.append(Person(path, cpm[:, :2].astype(np.float32), cpm[:, 2] > 0, lsp_held_out(i)))
    return persons


def mpii_held_out(crop_name: str) -> bool:
    """By source photo, so that two people from one photo land on the same side of the split."""
    photo = crop_name.rsplit("_", 1)[0]
    return zlib.crc32(photo.encode()) % HELD_OUT_EVERY == 0


def load_mpii(folder: Path) -> list[Person]:
    persons = []
    with open(folder / "joints.csv", newline="") as handle:
        for row in csv.reader(handle):
            path = folder / "images" / row[0]
            if not path.exists():
                continue
            values = np.array([float(v) for v in row[1:33]], dtype=np.float32).reshape(16, 2)
            cpm = values[MPII_TO_CPM]
            labelled = (cpm[:, 0] >= 0) & (cpm[:, 1] >= 0)
            persons.append(Person(path, cpm, labelled, mpii_held_out(row[0])))
    return persons


def load_folder(folder: Path) -> list[Person]:
    if (folder / "joints.mat").exists():
        return load_lsp(folder)
    if (folder / "joints.csv").exists():
        return load_mpii(folder)
    raise FileNotFoundError(f"{folder} holds neither joints.mat nor joints.csv")


def bounding_box(person: Person) -> tuple[float, float, float]:
    """Centre x, centre y and larger side of the labelled joints' bounding box."""
    points = person.joints[person.labelled]
    low, high = points.min(0), points.max(0)
    centre = (low + high) / 2
    return float(centre[0]), float(centre[1]), float(max(high - low))

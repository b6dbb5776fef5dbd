"""The training and held-out persons from ../shared/data, and the training crop cache."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..paths import CACHE, SHARED
from .crop_cache import build_cache
from .datasets import Person, load_folder

DATA = SHARED / "data"
FOLDERS = ("lspet", "mpii-crops")


def all_persons(data: Path = DATA) -> list[Person]:
    persons: list[Person] = []
    for name in FOLDERS:
        persons += load_folder(data / name)
    return persons


def held_out_persons(data: Path = DATA) -> list[Person]:
    return [p for p in all_persons(data) if p.held_out]


def training_persons(data: Path = DATA) -> list[Person]:
    return [p for p in all_persons(data) if not p.held_out]


def from_folder(persons: list[Person], name: str, data: Path = DATA) -> np.ndarray:
    """Which of the persons come from the data folder `name` (one of FOLDERS)."""
    return np.array([person.image.is_relative_to(data / name) for person in persons])


def training_cache(data: Path = DATA) -> dict[str, np.ndarray]:
    return build_cache(training_persons(data), CACHE / "train-crops.npz")

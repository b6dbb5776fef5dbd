"""The training crop cache is read back only for the persons it was built from."""
from pathlib import Path

import cv2
import numpy as np
import pytest

from cpm_train.data import crop_cache
from cpm_train.data.crop_cache import build_cache, cache_key
from cpm_train.data.datasets import Person
from cpm_train.model.architecture import NUM_JOINTS


def photo_of_one_person(folder: Path, name: str, grey: int) -> Person:
    cv2.imwrite(str(folder / name), np.full((40, 30, 3), grey, np.uint8))
    joints = np.stack([np.linspace(8, 22, NUM_JOINTS), np.linspace(5, 35, NUM_JOINTS)], 1).astype(np.float32)
    return Person(folder / name, joints, np.ones(NUM_JOINTS, bool), False)


def test_a_cache_of_as_many_other_persons_is_rebuilt_and_the_same_persons_are_read_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crops.npz"
    first = [photo_of_one_person(tmp_path, "a.png", 40), photo_of_one_person(tmp_path, "b.png", 60)]
    build_cache(first, path)
    other = [first[0], photo_of_one_person(tmp_path, "c.png", 220)]
    rebuilt = build_cache(other, path)
    assert rebuilt["images"][1, 160, 160, 0] == 220  # c.png's person, not b.png's

    def no_photos(_: Path) -> np.ndarray:
        raise AssertionError("the cache should have been read back")

    monkeypatch.setattr(crop_cache, "read_rgb", no_photos)
    again = build_cache(other, path)
    assert np.array_equal(again["images"], rebuilt["images"]) and np.array_equal(again["joints"], rebuilt["joints"])


def test_the_cache_key_follows_the_labels_too() -> None:
    person = Person(Path("a.png"), np.zeros((NUM_JOINTS, 2), np.float32), np.ones(NUM_JOINTS, bool), False)
    moved = Person(person.image, person.joints + 1, person.labelled, False)
    unlabelled = Person(person.image, person.joints, np.zeros(NUM_JOINTS, bool), False)
    assert len({cache_key([person]), cache_key([moved]), cache_key([unlabelled])}) == 3

"""The WebP crop pack (for a machine without ../shared): joints move with the pixels, from the cache or the photos."""
from pathlib import Path

import cv2
import numpy as np

from cpm_train.data.crop_cache import CACHE_SIZE
from cpm_train.data.crop_pack import cache_crops, photo_crops, read_pack, write_pack
from cpm_train.data.datasets import Person
from cpm_train.model.architecture import NUM_JOINTS

ELBOW = 3


def mark_elbow(image: np.ndarray, joints: np.ndarray) -> None:
    x, y = np.round(joints[ELBOW]).astype(int)
    image[y - 4:y + 5, x - 4:x + 5] = 255  # a bright 9x9 square centred on the right elbow


def bright_centre(image: np.ndarray) -> np.ndarray:
    return np.argwhere(image[..., 0] > 150).mean(0)[::-1]  # (x, y)


def test_a_packed_crop_keeps_its_joints_on_their_pixels(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    joints = rng.uniform(100, 220, (2, NUM_JOINTS, 2)).astype(np.float32)
    images = np.full((2, CACHE_SIZE, CACHE_SIZE, 3), 40, np.uint8)
    for image, person in zip(images, joints):
        mark_elbow(image, person)
    labelled = np.ones((2, NUM_JOINTS), bool)
    labelled[1, 0] = False
    cache = {"images": images, "joints": joints, "labelled": labelled}
    write_pack(cache_crops(cache, 120, 2.6), labelled, tmp_path / "pack.npz", quality=90)
    pack = read_pack(tmp_path / "pack.npz")
    assert pack["images"].shape == (2, 120, 120, 3) and pack["images"].dtype == np.uint8
    assert np.array_equal(pack["labelled"], labelled)
    for image, person, original in zip(pack["images"], pack["joints"], joints):
        # the square's own centre, rounded in the cache, is within half a cache pixel of the joint
        assert np.abs(bright_centre(image) - person[ELBOW]).max() < 0.5 + 0.5 * 120 / 260
        assert np.isfinite(person).all() and not np.allclose(person, original)


def test_a_crop_cut_from_the_photo_keeps_its_joints_and_the_photo_resolution(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    joints = rng.uniform(150, 290, (NUM_JOINTS, 2)).astype(np.float32)  # a 140-px person in a 400x440 photo
    photo = np.full((400, 440, 3), 40, np.uint8)
    mark_elbow(photo, joints)
    cv2.imwrite(str(tmp_path / "photo.png"), photo)
    person = Person(tmp_path / "photo.png", joints, np.ones(NUM_JOINTS, bool), False)
    side = 2.2 * float((joints.max(0) - joints.min(0)).max())
    size = round(side)  # one crop pixel per photo pixel
    (crop, moved), = photo_crops([person], size, 2.2)
    assert crop.shape == (size, size, 3)
    assert np.abs(bright_centre(crop) - moved[ELBOW]).max() < 0.5 + 0.25  # the square rounded in the photo
    assert len(np.argwhere(crop[..., 0] > 150)) in range(70, 100)  # the 81-pixel square, not blurred over a cache

"""The WebP crop pack (for a machine without ../shared): joints move with the pixels."""
from pathlib import Path

import numpy as np

from cpm_train.crop_cache import CACHE_SIZE
from cpm_train.crop_pack import read_pack, write_pack


def test_a_packed_crop_keeps_its_joints_on_their_pixels(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    joints = rng.uniform(100, 220, (2, 14, 2)).astype(np.float32)
    images = np.full((2, CACHE_SIZE, CACHE_SIZE, 3), 40, np.uint8)
    for image, person in zip(images, joints):
        x, y = np.round(person[3]).astype(int)
        image[y - 4:y + 5, x - 4:x + 5] = 255  # a bright 9x9 square centred on the right elbow
    labelled = np.ones((2, 14), bool)
    labelled[1, 0] = False
    write_pack({"images": images, "joints": joints, "labelled": labelled}, tmp_path / "pack.npz", size=120,
               context=2.6, quality=90)
    pack = read_pack(tmp_path / "pack.npz")
    assert pack["images"].shape == (2, 120, 120, 3) and pack["images"].dtype == np.uint8
    assert np.array_equal(pack["labelled"], labelled)
    for image, person, original in zip(pack["images"], pack["joints"], joints):
        bright = np.argwhere(image[..., 0] > 150)
        centre = bright.mean(0)[::-1]  # (x, y)
        # the square's own centre, rounded in the cache, is within half a cache pixel of the joint
        assert np.abs(centre - person[3]).max() < 0.5 + 0.5 * 120 / 260
        assert np.isfinite(person).all() and not np.allclose(person, original)

import numpy as np
import torch

from cpm_train.data.augment import AugmentConfig, augment
from cpm_train.model.architecture import NUM_JOINTS, flip_permutation

R_WRIST, L_WRIST, R_HIP, L_HIP, R_KNEE, L_KNEE = 4, 7, 8, 11, 9, 12


def person_with_dots() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A 160 px cache crop with a white dot on each joint, laid out like a standing person."""
    rng = np.random.default_rng(3)
    joints = np.stack([rng.uniform(50, 110, NUM_JOINTS), np.linspace(40, 120, NUM_JOINTS)], 1).astype(np.float32)
    joints[R_WRIST] = [40, 80]
    joints[L_WRIST] = [120, 80]
    image = np.zeros((1, 160, 160, 3), np.uint8)
    for x, y in joints:
        image[0, int(round(y)) - 1:int(round(y)) + 2, int(round(x)) - 1:int(round(x)) + 2] = 255
    return image, joints[None], np.ones((1, NUM_JOINTS), bool)


def test_warped_dots_land_on_the_transformed_joints() -> None:
    image, joints, labelled = person_with_dots()
    cfg = AugmentConfig(size=128, colour=0.0, truncation_prob=0.0, flip_prob=0.0, rotation_prob=1.0)
    batch = augment(image, joints, labelled, cfg, np.random.default_rng(0), flip_permutation())
    brightness = batch.images[0].mean(0)
    for (x, y), visible in zip(batch.joints[0].tolist(), batch.in_frame[0].tolist()):
        if visible:
            xi, yi = int(round(x)), int(round(y))
            assert brightness[max(yi - 2, 0):yi + 3, max(xi - 2, 0):xi + 3].max() > 180


def test_flip_mirrors_the_image_and_swaps_left_and_right() -> None:
    image, joints, labelled = person_with_dots()
    cfg = AugmentConfig(size=128, colour=0.0, truncation_prob=0.0, flip_prob=1.0, rotation_prob=0.0, shift=0.0)
    batch = augment(image, joints, labelled, cfg, np.random.default_rng(0), flip_permutation())
    # The person's right wrist was on the image's left; mirrored, the joint now labelled right wrist is the
    # former left wrist, which now lies on the image's left.
    assert batch.joints[0, R_WRIST, 0] < batch.joints[0, L_WRIST, 0]


def test_truncation_greys_the_rows_below_the_cut_and_empties_their_joints() -> None:
    image, joints, labelled = person_with_dots()
    joints[0, [R_HIP, L_HIP], 1] = 80
    cfg = AugmentConfig(size=128, colour=0.0, truncation_prob=1.0, flip_prob=0.0, rotation_prob=0.0)
    for seed in range(10):
        batch = augment(image, joints, labelled, cfg, np.random.default_rng(seed), flip_permutation())
        hidden = ~batch.in_frame[0]
        if hidden.any():
            lowest_visible = batch.joints[0][~hidden][:, 1].max()
            assert batch.labelled[0].all()  # still labelled: the truth is "not in view"
            assert (batch.images[0, :, -1] == 128).all()
            assert lowest_visible < 128
            return
    raise AssertionError("truncation never cut a joint")


def test_colour_jitter_keeps_pixels_in_range() -> None:
    image, joints, labelled = person_with_dots()
    batch = augment(image, joints, labelled, AugmentConfig(size=64), np.random.default_rng(1), flip_permutation())
    assert torch.all(batch.images >= 0) and torch.all(batch.images <= 255)

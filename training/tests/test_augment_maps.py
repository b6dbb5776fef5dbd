"""Warping an extractor's cached maps must give what the extractor would compute on the warped pixels."""
import numpy as np
import torch
import torch.nn.functional as F

from cpm_train.data.augment import AugmentConfig, augment, augment_maps
from cpm_train.model.architecture import NUM_JOINTS, flip_permutation

CACHE, SIZE, STRIDE = 160, 128, 4


def smooth_crop() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A cache crop of smooth blobs (so that resampling at stride 4 loses little) and a person's joints."""
    ys, xs = np.mgrid[0:CACHE, 0:CACHE].astype(np.float32)
    image = np.zeros((1, CACHE, CACHE, 3), np.float32)
    for channel, (cx, cy) in enumerate([(60, 50), (100, 90), (70, 120)]):
        image[0, ..., channel] = 255 * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * 14.0 ** 2))
    joints = np.stack([np.linspace(55, 105, NUM_JOINTS), np.linspace(40, 125, NUM_JOINTS)], 1).astype(np.float32)[None]
    return image.astype(np.uint8), joints, np.ones((1, NUM_JOINTS), bool)


def extractor(pixels: torch.Tensor) -> torch.Tensor:
    """A stand-in for a frozen backbone that is exactly shift-equivariant at stride 4: a 4x4 average."""
    return F.avg_pool2d(pixels, STRIDE)


def test_warped_maps_match_maps_of_warped_pixels() -> None:
    image, joints, labelled = smooth_crop()
    identity = np.eye(3)  # the extractor saw the whole cache crop at its own resolution
    cached = extractor(torch.from_numpy(image).permute(0, 3, 1, 2).float()).numpy()
    for flip in (0.0, 1.0):
        cfg = AugmentConfig(size=SIZE, colour=0.0, truncation_prob=0.0, flip_prob=flip, rotation_prob=1.0,
                            context_min=1.6, context_max=1.6)
        pixels = augment(image, joints, labelled, cfg, np.random.default_rng(5), flip_permutation())
        maps = augment_maps(cached, joints, labelled, cfg, np.random.default_rng(5), flip_permutation(),
                            [0, 1, 2], identity, STRIDE)
        expected = extractor(pixels.images)
        assert maps.images.shape == expected.shape
        assert torch.equal(maps.joints, pixels.joints)
        error = (maps.images - expected).abs().max().item()
        assert error < 0.025 * 255, error  # half a pixel of misalignment gives 0.029


def test_mirrored_maps_swap_channels() -> None:
    image, joints, labelled = smooth_crop()
    cached = extractor(torch.from_numpy(image).permute(0, 3, 1, 2).float()).numpy()
    cfg = AugmentConfig(size=SIZE, colour=0.0, truncation_prob=0.0, flip_prob=1.0, rotation_prob=0.0, shift=0.0)
    plain = augment_maps(cached, joints, labelled, cfg, np.random.default_rng(1), flip_permutation(), [0, 1, 2],
                         np.eye(3), STRIDE)
    swapped = augment_maps(cached, joints, labelled, cfg, np.random.default_rng(1), flip_permutation(), [1, 0, 2],
                           np.eye(3), STRIDE)
    assert torch.allclose(swapped.images[:, 0], plain.images[:, 1])
    assert torch.allclose(swapped.images[:, 1], plain.images[:, 0])

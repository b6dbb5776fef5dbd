import torch
import torch.nn.functional as F

from cpm_train.data.targets import center_maps, label_maps, masked_stage_loss
from cpm_train.model.architecture import NUM_JOINTS, NUM_MAPS
from cpm_train.model.decode import decode_peaks


def test_label_map_peaks_at_the_joint_and_background_is_one_minus_max() -> None:
    joints = torch.tensor([[[27.5, 43.5]] * NUM_JOINTS])
    present = torch.ones(1, NUM_JOINTS, dtype=torch.bool)
    present[0, 1] = False
    maps = label_maps(joints, present, grid=8, stride=8, sigma_cells=1.5)
    assert maps.shape == (1, NUM_MAPS, 8, 8)
    assert maps[0, 0].argmax() == 5 * 8 + 3  # cell (3, 5) is centred at pixel (27.5, 43.5)
    assert torch.isclose(maps[0, 0, 5, 3], torch.tensor(1.0))
    assert maps[0, 1].abs().max() == 0  # absent (out of frame): an empty map
    assert torch.allclose(maps[0, NUM_JOINTS], 1 - maps[0, :NUM_JOINTS].max(0).values)


def test_label_peaks_scale_each_joints_gaussian_and_the_background_follows() -> None:
    joints = torch.tensor([[[27.5, 43.5]] * NUM_JOINTS])
    present = torch.ones(1, NUM_JOINTS, dtype=torch.bool)
    peaks = torch.full((1, NUM_JOINTS), 0.3)
    peaks[0, 0] = 1.0
    maps = label_maps(joints, present, grid=8, stride=8, sigma_cells=1.5, peaks=peaks)
    full = label_maps(joints, present, grid=8, stride=8, sigma_cells=1.5)
    assert torch.allclose(maps[0, 0], full[0, 0])
    assert torch.allclose(maps[0, 2], 0.3 * full[0, 2])
    assert torch.isclose(maps[0, 2].max(), torch.tensor(0.3))
    assert torch.allclose(maps[0, NUM_JOINTS], 1 - maps[0, :NUM_JOINTS].max(0).values)


def test_masked_loss_ignores_unlabelled_joints() -> None:
    target = torch.zeros(2, NUM_MAPS, 4, 4)
    beliefs = torch.zeros(2, NUM_MAPS, 4, 4)
    beliefs[:, 3] = 1.0
    mask = torch.ones(2, NUM_MAPS)
    assert masked_stage_loss(beliefs, target, mask) == 16
    mask[:, 3] = 0
    assert masked_stage_loss(beliefs, target, mask) == 0


def test_center_map_equals_full_resolution_gaussian_average_pooled() -> None:
    size, stride, sigma = 64, 8, 7.0
    centre = torch.tensor([[20.0, 37.0]])
    ys, xs = torch.meshgrid(torch.arange(size).float(), torch.arange(size).float(), indexing="ij")
    full = torch.exp(-((xs - 20) ** 2 + (ys - 37) ** 2) / (2 * sigma**2))[None, None]
    # TF SAME pooling of 64 with kernel 9, stride 8 pads one pixel bottom/right and does not count it.
    pooled = F.avg_pool2d(F.pad(full, (0, 1, 0, 1)), 9, 8)
    counts = F.avg_pool2d(F.pad(torch.ones_like(full), (0, 1, 0, 1)), 9, 8)
    expected = pooled / counts
    assert torch.allclose(center_maps(centre, size, stride, sigma), expected, atol=1e-6)


def test_decode_finds_a_sub_cell_peak() -> None:
    joints = torch.tensor([[[30.0, 50.0]] * NUM_JOINTS])
    maps = label_maps(joints, torch.ones(1, NUM_JOINTS, dtype=torch.bool), grid=8, stride=8, sigma_cells=1.5)
    points, confidence = decode_peaks(maps[:, :NUM_JOINTS], stride=8)
    assert torch.allclose(points[0, 0], torch.tensor([30.0, 50.0]), atol=1.0)
    assert confidence[0, 0] > 0.9


def test_decode_leaves_border_peaks_unrefined() -> None:
    joints = torch.tensor([[[-1.0, 126.0]] * NUM_JOINTS])
    maps = label_maps(joints, torch.ones(1, NUM_JOINTS, dtype=torch.bool), grid=16, stride=8, sigma_cells=1.5)
    points, _ = decode_peaks(maps[:, :NUM_JOINTS], stride=8)
    assert points[0, 0].tolist() == [3.5, 123.5]

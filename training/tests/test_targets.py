import numpy as np
import torch
import torch.nn.functional as F

from cpm_train.data.targets import center_maps, label_maps, masked_stage_loss
from cpm_train.evaluate.pck import fuse_scales, scale_sampling, soften, unmirror
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


def test_unmirror_brings_a_right_wrist_back_as_the_left_wrist_in_the_mirrored_column() -> None:
    maps = torch.zeros(1, NUM_MAPS, 4, 4)
    maps[0, 4, 1, 0] = 1.0  # right wrist, row 1, column 0 of the mirrored crop
    back = unmirror(maps)
    assert back[0, 7, 1, 3] == 1.0 and back.sum() == 1.0
    assert torch.equal(unmirror(back), maps)


def test_softening_blurs_a_crop_to_a_smaller_person_and_keeps_it_at_a_larger_one() -> None:
    spec = {"inputSize": 64, "evalCropScale": 2}  # the person's box is 32 px of the crop
    crops = np.zeros((1, 64, 64, 3), np.uint8)
    crops[0, :, 32:] = 200  # one sharp vertical edge
    kept = soften(crops, 32, spec)
    assert np.array_equal(kept, crops)
    blurred = soften(crops, 8, spec)[0, 10, :, 0].astype(int)  # a quarter of the resolution
    assert blurred.shape == (64,) and abs(blurred.mean() - 100) < 3
    assert ((blurred > 20) & (blurred < 180)).sum() >= 3  # the edge now spans several pixels


def one_hot(gx: int, gy: int, grid: int = 16) -> torch.Tensor:
    maps = torch.zeros(1, 1, 2, grid, grid)  # (T, N, C, g, g); channel 0 peaks at (gx, gy)
    maps[0, 0, 0, gy, gx] = 1
    return maps


def test_multi_scale_fusion_is_the_identity_at_scale_one_and_agrees_with_the_app() -> None:
    spec = {"inputSize": 128, "stride": 8}  # the cases of src/pose/fuse.test.ts
    assert torch.equal(scale_sampling(1.0, 16, 128, 8), torch.eye(16))
    # Base cell 10 is seen by the 2x scale (a crop half as wide, same centre) at cell 12.4.
    fused = fuse_scales([one_hot(10, 10), one_hot(12, 12)], [1.0, 2.0], spec)
    peak = fused[0, 0, 0]
    assert peak.max() > 1 and divmod(int(peak.argmax()), 16) == (10, 10)
    # Where the zoomed-in scale saw nothing (outside its crop) it adds nothing.
    ones = fuse_scales([torch.ones(1, 1, 2, 16, 16)], [2.0], spec)[0, 0, 0]
    assert ones[0, 0] == 0 and abs(float(ones[8, 8]) - 1) < 1e-6

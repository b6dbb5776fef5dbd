import numpy as np
import torch

from cpm_train.data.augment import Batch
from cpm_train.data.composite import OVERLAP_SHARE, SEAM_MARGIN, compose, shifted
from cpm_train.model.architecture import NUM_JOINTS
from cpm_train.model.network import CPM
from cpm_train.train.step import loss_mask

SIZE = 64


def person(value: float, left: float, right: float, samples: int = 4) -> Batch:
    """Samples of one flat-coloured crop whose joints spread between x = left and x = right, centred vertically."""
    xs = np.linspace(left, right, NUM_JOINTS)
    joints = torch.from_numpy(np.stack([xs, np.full(NUM_JOINTS, SIZE / 2)], 1)).float()
    present = torch.ones(samples, NUM_JOINTS, dtype=torch.bool)
    return Batch(images=torch.full((samples, 3, SIZE, SIZE), value), joints=joints.repeat(samples, 1, 1),
                 labelled=present.clone(), in_frame=present.clone(),
                 centres=torch.tensor([[(left + right) / 2, SIZE / 2]]).repeat(samples, 1))


def covered_by_neighbour(out: Batch, i: int) -> torch.Tensor:
    """(J,) bool: which of sample i's joints sit on the neighbour's paint (person(200.0, …)) along the middle row."""
    row = out.images[i, 0, SIZE // 2]
    return row[out.joints[i, :, 0].round().long()] == 200.0


def test_shifted_moves_whole_pixels_and_fills_what_it_uncovers() -> None:
    image = torch.arange(16.0).reshape(1, 4, 4)
    moved = shifted(image, 1, -1, fill=-1.0)
    assert moved[0, 0, 1] == image[0, 1, 0]
    assert (moved[0, :, 0] == -1).all() and (moved[0, -1] == -1).all()


def test_the_other_person_lands_past_a_seam_clear_of_the_target_who_keeps_every_label() -> None:
    target, other = person(10.0, 26, 38), person(200.0, 20, 44)
    out = compose(target, other, 1.0, np.random.default_rng(0))
    for i in range(len(out.images)):
        xs = out.joints[i, :, 0]
        assert out.in_frame[i].all()  # the target's joints all stay in view, on the target's side
        shift = float(out.centres[i, 0] - target.centres[i, 0])
        assert torch.allclose(xs, target.joints[i, :, 0] + shift)
        row = out.images[i, 0, SIZE // 2]
        on_target = row[xs.round().long()]
        assert (on_target == 10.0).all()
        pasted = (row == 200.0).nonzero().flatten()
        assert len(pasted) > 0
        gap = SEAM_MARGIN * SIZE - 1
        right = bool(pasted.min() > xs.max() + gap)
        assert right or pasted.max() < xs.min() - gap
        centre = float(out.centres[i, 0])
        assert SIZE / 4 - 1 <= (centre if right else SIZE - centre) <= SIZE / 2 + 1  # moved away from the other


def test_an_overlapping_neighbour_covers_the_targets_side_whose_hidden_joints_stay_labelled() -> None:
    target, other = person(10.0, 26, 38), person(200.0, 20, 44)
    out = compose(target, other, 1.0, np.random.default_rng(0), overlap=1.0)
    for i in range(len(out.images)):
        xs = out.joints[i, :, 0]
        assert out.in_frame[i].all()
        covered = covered_by_neighbour(out, i)
        span = float(xs.max() - xs.min())
        assert 0 < int(covered.sum()) < NUM_JOINTS  # the neighbour hides some of the target's joints, not all
        hidden = float(xs[covered].max() - xs[covered].min())
        assert hidden <= OVERLAP_SHARE[1] * span + 1


def test_hidden_joints_are_labelled_at_the_hidden_peak_and_the_rest_at_full_height() -> None:
    target, other = person(10.0, 26, 38), person(200.0, 20, 44)
    out = compose(target, other, 1.0, np.random.default_rng(0), overlap=1.0, hidden_peak=0.3)
    assert out.peaks is not None
    for i in range(len(out.images)):
        covered = covered_by_neighbour(out, i)
        assert torch.equal(out.peaks[i] == 0.3, covered)
        assert (out.peaks[i][~covered] == 1.0).all()
    beside = compose(target, other, 1.0, np.random.default_rng(0), hidden_peak=0.3)
    assert beside.peaks is not None and (beside.peaks == 1.0).all()  # nobody in front: nothing hidden


def test_hidden_joints_weigh_hidden_weight_in_the_loss_and_the_rest_one() -> None:
    target, other = person(10.0, 26, 38), person(200.0, 20, 44)
    out = compose(target, other, 1.0, np.random.default_rng(0), overlap=1.0, hidden_weight=0.0)
    assert out.peaks is not None and (out.peaks == 1.0).all()
    mask = loss_mask(out)
    for i in range(len(out.images)):
        covered = covered_by_neighbour(out, i)
        assert bool(covered.any())
        assert torch.equal(mask[i, :NUM_JOINTS] == 0.0, covered)
        assert (mask[i, :NUM_JOINTS][~covered] == 1.0).all() and mask[i, NUM_JOINTS] == 1.0
    out.labelled[:, 0] = False
    assert (loss_mask(out)[:, 0] == 0.0).all()  # an unlabelled joint stays out, whatever its weight


def test_probability_zero_leaves_the_batch_as_it_was() -> None:
    target = person(10.0, 26, 38)
    out = compose(target, person(200.0, 20, 44), 0.0, np.random.default_rng(0))
    assert torch.equal(out.images, target.images) and torch.equal(out.joints, target.joints)


def test_a_person_filling_the_crop_gets_no_neighbour() -> None:
    target = person(10.0, 2, 61)
    out = compose(target, person(200.0, 20, 44), 1.0, np.random.default_rng(0))
    assert torch.equal(out.images, target.images)


def test_freezing_before_a_stage_keeps_earlier_stages_out_of_training() -> None:
    model = CPM("cpm-test")
    model.freeze_before_stage(2)
    trainable = {name.split(".")[1] for name in dict(model.named_parameters()) if name.startswith("stages.")
                 and dict(model.named_parameters())[name].requires_grad}
    assert "0" not in trainable and "1" in trainable
    assert not any(p.requires_grad for p in model.features.parameters())
    model.train()
    assert not model.stages[0][0].training and model.stages[1][0].training

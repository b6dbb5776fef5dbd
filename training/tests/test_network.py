"""The CPM as PyTorch builds and trains it: every member's training step, the backbone, the local tap."""
import copy
from pathlib import Path

import numpy as np
import pytest
import torch

from cpm_train.backbone.graph_backbone import GraphBackbone, same_padding
from cpm_train.backbone.movenet import write_backbone
from cpm_train.data.augment import Batch
from cpm_train.model.architecture import NUM_JOINTS, NUM_MAPS, member
from cpm_train.model.network import CPM
from cpm_train.model.receptive import receptive_fields
from cpm_train.train.benchmark import throughput
from cpm_train.train.step import training_set, training_step
from stand_ins import stand_in_backbone, stand_in_graph


def tiny_batch(spec: dict, size: int, batch: int = 2) -> Batch:
    """Random pixels, or for a member with a frozen backbone random cached maps (what it trains from)."""
    joints = torch.rand(batch, NUM_JOINTS, 2) * size
    backbone = spec.get("backbone")
    inputs = torch.rand(batch, backbone["channels"], size // backbone["stride"], size // backbone["stride"]) \
        if backbone else torch.rand(batch, 3, size, size) * 255
    return Batch(images=inputs, joints=joints,
                 labelled=torch.ones(batch, NUM_JOINTS, dtype=torch.bool),
                 in_frame=torch.ones(batch, NUM_JOINTS, dtype=torch.bool),
                 centres=torch.full((batch, 2), size / 2), maps=backbone is not None)


def two_steps(member_id: str, size: int) -> None:
    model = CPM(member_id)
    spec = {**model.spec, "inputSize": size}
    before = copy.deepcopy(model.state_dict())
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=1e-3)
    losses = [training_step(model.train(), optimiser, tiny_batch(spec, size), spec, "cpu") for _ in range(2)]
    assert len(losses[0]) == model.spec["stages"]
    assert all(np.isfinite(v) for step in losses for v in step)
    after = model.state_dict()
    changed = [k for k in before if not torch.equal(before[k], after[k])]
    assert any("stages.5" in k for k in changed)
    for name in model.frozen:  # the pretrained extractor never moves
        module = dict(model.named_layers())[name]
        prefix = next(k for k, v in model.named_modules() if v is module)
        assert not any(k.startswith(prefix + ".") for k in changed)


def test_two_training_steps_of_the_lite_member() -> None:
    two_steps("cpm-lite", 64)


def test_two_training_steps_of_the_movenet_member_from_cached_maps() -> None:
    two_steps("cpm-movenet", 64)


def fine_tuned(member_id: str, size: int, from_stage: int = 1) -> tuple[CPM, dict, GraphBackbone, torch.optim.Optimizer]:
    """The member over a stand-in backbone at `size`, stages before `from_stage` frozen, with an optimiser over its
    trainable layers and the whole backbone."""
    model = CPM(member_id)
    spec = {**model.spec, "inputSize": size}
    backbone = stand_in_backbone(spec)
    model.attach_backbone(backbone)
    model.freeze_before_stage(from_stage)
    optimiser = torch.optim.AdamW([{"params": model.trainable_parameters()}, {"params": backbone.fine_tune()}], lr=1e-3)
    return model, spec, backbone, optimiser


def test_two_fine_tuning_steps_move_the_backbone_and_the_stages() -> None:
    size = 64
    model, spec, backbone, optimiser = fine_tuned("cpm-movenet", size)
    before, kernel = copy.deepcopy(model.state_dict()), backbone.graph_weights()["conv_k"]
    pixels = tiny_batch(CPM("cpm-lite").spec, size)
    for _ in range(2):
        training_step(model.train(), optimiser, pixels, spec, "cpu")
    assert not np.array_equal(backbone.graph_weights()["conv_k"], kernel)
    assert any("stages.5" in k and not torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_stage_one_of_the_local_member_reads_the_local_tap_and_trains_it() -> None:
    size = 64
    model, spec, backbone, optimiser = fine_tuned("cpm-movenet-local", size)
    assert model.stages[0][0].conv.in_channels == spec["backbone"]["local"]["channels"]
    assert model.stages[1][0].conv.in_channels == spec["backbone"]["channels"] + NUM_MAPS + 1
    tap, maps = backbone.graph_weights()["local_k"], backbone.graph_weights()["conv_k"]
    for _ in range(2):
        training_step(model.train(), optimiser, tiny_batch(CPM("cpm-lite").spec, size), spec, "cpu")
    assert not np.array_equal(backbone.graph_weights()["local_k"], tap)  # only stage 1 reads it
    assert not np.array_equal(backbone.graph_weights()["conv_k"], maps)
    with pytest.raises(ValueError, match="fine-tune-backbone"):
        training_set(model.spec, {}, np.random.default_rng(0))


def test_a_fine_tuned_backbone_trains_through_frozen_feature_layers_and_stages() -> None:
    size = 64
    model, spec, backbone, optimiser = fine_tuned("cpm-movenet-local", size, from_stage=2)
    maps = backbone.graph_weights()["conv_k"]
    for _ in range(2):
        training_step(model.train(), optimiser, tiny_batch(CPM("cpm-lite").spec, size), spec, "cpu")
    assert not np.array_equal(backbone.graph_weights()["conv_k"], maps)  # reached through stages 2..T only


def test_the_local_member_starts_at_the_papers_stage_one_field_and_widens() -> None:
    fields = receptive_fields(member("cpm-movenet-local"))
    assert fields[0] == 59 + 3 * 2 * 8  # block_5's 59 px and three 3x3 convolutions at stride 8
    assert fields[1] > 611 and all(b > a for a, b in zip(fields, fields[1:]))


def test_two_training_steps_of_the_paper_vgg_member_on_a_tiny_input() -> None:
    two_steps("cpm-vgg", 32)


def test_tf_same_padding_puts_the_extra_pixel_bottom_right() -> None:
    assert same_padding(256, 3, 2, 1) == (0, 1)
    assert same_padding(32, 3, 1, 2) == (2, 2)
    assert same_padding(32, 7, 1, 1) == (3, 3)


def test_an_attached_backbone_moves_with_the_model_and_stays_out_of_the_cpm_state() -> None:
    model = CPM("cpm-movenet-local")
    keys = list(model.state_dict())
    model.attach_backbone(stand_in_backbone(model.spec))
    assert type(model).state_dict is torch.nn.Module.state_dict  # a plain state dict, backbone included
    assert set(model.state_dict()) - set(keys) == {f"backbone.{k}" for k in model.backbone.state_dict()}
    assert list(model.cpm_state()) == keys  # the committed states, checkpoints and export keep their keys
    CPM("cpm-movenet-local").load_state_dict(model.cpm_state())  # strict: complete without the backbone's weights
    model.to(torch.float64)
    assert model.backbone is not None and all(p.dtype == torch.float64 for p in model.backbone.parameters())
    backbone = {id(p) for p in model.backbone.parameters()}
    assert not any(id(p) in backbone for p in model.trainable_parameters())  # fine-tuned apart, if at all
    beliefs = model(torch.rand(1, 3, 64, 64, dtype=torch.float64) * 255, torch.rand(1, 1, 8, 8, dtype=torch.float64))
    assert beliefs[-1].dtype == torch.float64


def test_the_benchmark_trains_a_member_with_a_local_tap_on_pixels_with_its_backbone(tmp_path: Path) -> None:
    spec = member("cpm-movenet-local")
    write_backbone(tmp_path, spec, uint8_kernels=False, tuned=stand_in_graph(spec))  # an exported model's backbone
    assert throughput("cpm-movenet-local", steps=1, batch=2, bf16=False, backbone_from=tmp_path) > 0

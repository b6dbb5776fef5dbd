import copy
from pathlib import Path

import numpy as np
import pytest
import torch

from cpm_train.augment import Batch
from cpm_train.graph_backbone import GraphBackbone
from cpm_train.graph_quantise import b64, const_node
from cpm_train.model_file import read_model, write_model
from cpm_train.network import CPM, same_padding
from cpm_train.slim_state import load_slim_state, save_slim_state
from cpm_train.architecture import member
from cpm_train.export import cpm_block, save_trained_state, shipped_spec
from cpm_train.receptive import receptive_fields
from cpm_train.train import batch_sampler, saved_backbone, training_step


def tiny_batch(spec: dict, size: int, batch: int = 2) -> Batch:
    """Random pixels, or for a member with a frozen backbone random cached maps (what it trains from)."""
    joints = torch.rand(batch, 14, 2) * size
    backbone = spec.get("backbone")
    inputs = torch.rand(batch, backbone["channels"], size // backbone["stride"], size // backbone["stride"]) \
        if backbone else torch.rand(batch, 3, size, size) * 255
    return Batch(images=inputs, joints=joints,
                 labelled=torch.ones(batch, 14, dtype=torch.bool), in_frame=torch.ones(batch, 14, dtype=torch.bool),
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


def conv_nodes(name: str, source: str, stride: int, shape: tuple[int, int, int, int],
               rng: np.random.Generator) -> tuple[list[dict], dict[str, np.ndarray]]:
    """A stride x stride, VALID-padded fused convolution (kernel `<name>_k`, bias `<name>_b`) over `source`."""
    attr = {"strides": {"list": {"i": ["1", str(stride), str(stride), "1"]}}, "padding": {"s": b64("VALID")},
            "fused_ops": {"list": {"s": [b64("BiasAdd")]}}}
    nodes = [const_node(f"{name}_k", np.zeros((1, 1, 1, 1), np.float32)), const_node(f"{name}_b", np.zeros(1, np.float32)),
             {"name": name, "op": "_FusedConv2D", "input": [source, f"{name}_k", f"{name}_b"], "attr": attr}]
    return nodes, {f"{name}_k": rng.normal(0, 0.01, shape).astype(np.float32),
                   f"{name}_b": np.zeros(shape[-1], np.float32)}


def stand_in_backbone(channels: int, stride: int, local: dict | None = None) -> GraphBackbone:
    """A one-convolution graph with the shape of the member's backbone (channels maps at stride); with `local`, a
    second output "local" (the member's local tap: local["channels"] at local["stride"]) from its own convolution."""
    rng = np.random.default_rng(0)
    nodes, weights = conv_nodes("conv", "image", stride, (stride, stride, 3, channels), rng)
    nodes = [{"name": "image", "op": "Placeholder", "attr": {}}, *nodes, {"name": "maps", "op": "Sigmoid", "input": ["conv"]}]
    if local is None:
        return GraphBackbone({"node": nodes}, weights, "image", ["maps"])
    tap, tap_weights = conv_nodes("local", "image", local["stride"],
                                  (local["stride"], local["stride"], 3, local["channels"]), rng)
    return GraphBackbone({"node": nodes + tap}, {**weights, **tap_weights}, "image", ["maps", "local"])


def test_two_fine_tuning_steps_move_the_backbone_and_the_stages() -> None:
    model = CPM("cpm-movenet")
    size = 64
    spec = {**model.spec, "inputSize": size}
    backbone = stand_in_backbone(spec["backbone"]["channels"], spec["backbone"]["stride"])
    model.attach_backbone(backbone)
    optimiser = torch.optim.AdamW([{"params": [p for p in model.parameters() if p.requires_grad]},
                                   {"params": backbone.fine_tune()}], lr=1e-3)
    before, kernel = copy.deepcopy(model.state_dict()), backbone.graph_weights()["conv_k"]
    pixels = tiny_batch(CPM("cpm-lite").spec, size)
    for _ in range(2):
        training_step(model.train(), optimiser, pixels, spec, "cpu")
    assert not np.array_equal(backbone.graph_weights()["conv_k"], kernel)
    assert any("stages.5" in k and not torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_stage_one_of_the_local_member_reads_the_local_tap_and_trains_it() -> None:
    model = CPM("cpm-movenet-local")
    size = 64
    spec = {**model.spec, "inputSize": size}
    local = spec["backbone"]["local"]
    backbone = stand_in_backbone(spec["backbone"]["channels"], spec["backbone"]["stride"], local)
    model.attach_backbone(backbone)
    assert model.stages[0][0].conv.in_channels == local["channels"]
    assert model.stages[1][0].conv.in_channels == spec["backbone"]["channels"] + 15 + 1
    optimiser = torch.optim.AdamW([{"params": [p for p in model.parameters() if p.requires_grad]},
                                   {"params": backbone.fine_tune()}], lr=1e-3)
    tap, maps = backbone.graph_weights()["local_k"], backbone.graph_weights()["conv_k"]
    for _ in range(2):
        training_step(model.train(), optimiser, tiny_batch(CPM("cpm-lite").spec, size), spec, "cpu")
    assert not np.array_equal(backbone.graph_weights()["local_k"], tap)  # only stage 1 reads it
    assert not np.array_equal(backbone.graph_weights()["conv_k"], maps)
    with pytest.raises(ValueError, match="fine-tune-backbone"):
        batch_sampler(model.spec, {}, np.random.default_rng(0))


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


def randomise_batch_norm(model: CPM) -> None:
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)


def test_export_round_trip_folds_batch_norm(tmp_path: Path) -> None:
    model = CPM("cpm-test").eval()
    randomise_batch_norm(model)
    block = {"id": "round-trip", "member": "cpm-test", "architecture": model.spec}
    image, center = torch.randn(1, 3, 128, 128), torch.rand(1, 1, 16, 16)
    expected = model(image, center)
    for float16, tolerance in ((False, 1e-4), (True, 3e-2)):
        write_model(model, tmp_path / str(float16), block, float16=float16)
        loaded, _ = read_model(tmp_path / str(float16))
        for ours, theirs in zip(loaded(image, center), expected):
            assert (ours - theirs).abs().max() < tolerance


def test_slim_state_round_trip_leaves_out_frozen_layers(tmp_path: Path) -> None:
    model = CPM("cpm-lite").eval()
    randomise_batch_norm(model)
    save_slim_state(model, tmp_path / "state.pt")
    state = load_slim_state(tmp_path / "state.pt")
    assert not any(k.startswith("features.0.") for k in state)  # Conv2d_0 is PoseNet's, reloaded from npm
    fresh = CPM("cpm-lite").eval()
    fresh.load_state_dict(state, strict=False)
    assert torch.allclose(fresh.stages[3][0].bn.running_var, model.stages[3][0].bn.running_var, atol=1e-2)


def test_shipping_the_first_stages_keeps_their_maps_and_says_so() -> None:
    full = CPM("cpm-test").eval()
    randomise_batch_norm(full)
    spec = shipped_spec("cpm-test", 4)
    cut = CPM("cpm-test", spec=spec).eval()
    cut.load_state_dict({k: v for k, v in full.state_dict().items() if not k.startswith(("stages.4.", "stages.5."))})
    image, center = torch.randn(1, 3, 128, 128), torch.rand(1, 1, 16, 16)
    ours, theirs = cut(image, center), full(image, center)
    assert len(ours) == 4 and all(torch.equal(a, b) for a, b in zip(ours, theirs))
    block = cpm_block("cut", "cut", "cpm-test", spec, None, False)
    assert block["architecture"]["stages"] == 4 and block["trainedStages"] == 6
    assert "trainedStages" not in cpm_block("full", "full", "cpm-test", shipped_spec("cpm-test", None), None, False)
    with pytest.raises(ValueError):
        shipped_spec("cpm-test", 7)


def test_the_state_saved_for_warm_starts_keeps_the_stages_that_are_not_shipped(tmp_path: Path) -> None:
    full = CPM("cpm-test").eval()
    randomise_batch_norm(full)
    save_trained_state({"member": "cpm-test", "model": full.state_dict()}, tmp_path / "state.pt")
    state = load_slim_state(tmp_path / "state.pt")
    assert torch.allclose(state["stages.5.0.bn.running_var"], full.stages[5][0].bn.running_var, atol=1e-2)


def test_a_saved_backbone_keeps_its_resize_sizes_integer() -> None:
    state = {"backbone": {"topology": {"node": []}, "weights": {
        "kernel": torch.ones(2, dtype=torch.float16), "size": torch.tensor([8, 8], dtype=torch.int32)}}}
    saved = saved_backbone(state)
    assert saved is not None
    assert saved[1]["kernel"].dtype == np.float32 and saved[1]["size"].dtype == np.int32
    assert saved_backbone({}) is None

"""Export: the app's model file, the card's block, shipped stages, slim states, a checkpoint's backbone."""
from pathlib import Path

import numpy as np
import pytest
import torch

from cpm_train.backbone.movenet import saved_backbone
from cpm_train.export.card import cpm_block
from cpm_train.export.shipped import save_trained_state, shipped_spec
from cpm_train.model.model_file import read_model, write_model
from cpm_train.model.network import CPM
from cpm_train.model.slim_state import load_slim_state, save_slim_state, warm_start
from cpm_train.paths import STATES
from stand_ins import stand_in_backbone


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


@pytest.mark.parametrize("path", sorted(STATES.glob("*.pt")), ids=lambda path: path.stem)
def test_a_committed_state_warm_starts_its_member_with_a_backbone_attached(path: Path) -> None:
    model = CPM(torch.load(path, map_location="cpu")["member"])
    if "backbone" in model.spec:
        model.attach_backbone(stand_in_backbone(model.spec))
    left = warm_start(model, path)
    frozen = tuple(f"features.{i}." for i, m in enumerate(model.features) if m.layer["name"] in model.frozen)
    assert set(load_slim_state(path)) <= set(model.cpm_state())  # every saved tensor has its place
    assert all(key.startswith(frozen) for key in left)  # only PoseNet's layers, reloaded from npm

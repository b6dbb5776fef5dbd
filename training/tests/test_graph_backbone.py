"""The tfjs graph interpreter on a small graph with every op MoveNet's pruned graph uses."""
import base64
import json
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from cpm_train.backbone import movenet
from cpm_train.backbone.graph_backbone import (Graph, GraphBackbone, ancestors, input_size_of, load_graph, prune,
                                             receptive_field, resized_input)
from cpm_train.backbone.graph_quantise import const_node, dequantise_graph, quantise_graph
from cpm_train.backbone.movenet import encode_graph
from cpm_train.model.architecture import member
from stand_ins import stand_in_graph


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def conv(name: str, op: str, source: str, stride: int, fused: list[str], padding: str = "SAME") -> dict:
    inputs = [source, f"{name}/kernel"] + ([f"{name}/bias"] if fused else [])
    attr = {"strides": {"list": {"i": ["1", str(stride), str(stride), "1"]}},
            "dilations": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": b64(padding)}}
    if fused:
        attr["fused_ops"] = {"list": {"s": [b64(f) for f in fused]}}
    return {"name": name, "op": op, "input": inputs, "attr": attr}


def const(name: str) -> dict:
    return {"name": name, "op": "Const", "attr": {}}


def small_graph() -> tuple[dict, dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    weights = {
        "raw_offset": np.array(7.0, np.float32),
        "scale": rng.uniform(0.5, 1.5, (1, 1, 1, 3)).astype(np.float32),
        "a/kernel": rng.normal(0, 0.3, (3, 3, 3, 4)).astype(np.float32), "a/bias": rng.normal(0, 0.1, 4).astype(np.float32),
        "b/kernel": rng.normal(0, 0.3, (3, 3, 4, 1)).astype(np.float32),
        "c/kernel": rng.normal(0, 0.3, (1, 1, 4, 4)).astype(np.float32), "c/bias": rng.normal(0, 0.1, 4).astype(np.float32),
        "size": np.array([8, 8], np.int32),
    }
    nodes = [
        {"name": "raw", "op": "Placeholder", "attr": {}}, const("raw_offset"), const("scale"),
        {"name": "shifted", "op": "Sub", "input": ["raw", "raw_offset"]},
        {"name": "normalised", "op": "Mul", "input": ["shifted", "scale"]},
        const("a/kernel"), const("a/bias"), conv("a", "_FusedConv2D", "normalised", 2, ["BiasAdd", "Relu6"]),
        const("b/kernel"), conv("b", "DepthwiseConv2dNative", "a", 1, []),
        const("c/kernel"), const("c/bias"), conv("c", "_FusedConv2D", "b", 1, ["BiasAdd", "Relu"], "VALID"),
        {"name": "sum", "op": "AddV2", "input": ["a", "c"]}, const("size"),
        {"name": "up", "op": "ResizeBilinear", "input": ["sum", "size"],
         "attr": {"half_pixel_centers": {"b": True}, "align_corners": {"b": False}}},
        {"name": "out", "op": "Sigmoid", "input": ["up"]},
        {"name": "unused", "op": "Sigmoid", "input": ["sum"]},
    ]
    return {"node": nodes}, weights


def reference(x: torch.Tensor, w: dict[str, np.ndarray]) -> torch.Tensor:
    t = {k: torch.from_numpy(v) for k, v in w.items()}
    x = (x - 7.0) * t["scale"].permute(0, 3, 1, 2)
    a = F.conv2d(F.pad(x, (0, 1, 0, 1)), t["a/kernel"].permute(3, 2, 0, 1), t["a/bias"], stride=2).clamp(0, 6)
    b = F.conv2d(F.pad(a, (1, 1, 1, 1)), t["b/kernel"][..., 0].permute(2, 0, 1)[:, None], groups=4)
    c = F.relu(F.conv2d(b, t["c/kernel"].permute(3, 2, 0, 1), t["c/bias"]))
    return torch.sigmoid(F.interpolate(a + c, size=(8, 8), mode="bilinear", align_corners=False))


def test_prune_replaces_the_input_and_drops_unused_nodes() -> None:
    topology, _ = small_graph()
    pruned = prune(topology, "normalised", ["out"], "image", 8)
    names = {n["name"] for n in pruned["node"]}
    assert "unused" not in names and "raw" not in names and "shifted" not in names
    assert next(n for n in pruned["node"] if n["name"] == "normalised")["input"][0] == "image"
    order = ancestors({n["name"]: n for n in pruned["node"]}, ["out"])
    assert order.index("a") < order.index("sum") < order.index("out")


def test_interpreter_matches_direct_torch_ops() -> None:
    topology, weights = small_graph()
    x = torch.rand(2, 3, 8, 8) * 255
    ours = GraphBackbone(topology, weights, "raw", ["out"])(x)[0]
    assert ours.shape == (2, 4, 8, 8)
    assert torch.allclose(ours, reference(x, weights), atol=1e-5)


def test_receptive_field_follows_convs_adds_and_upsampling() -> None:
    topology, weights = small_graph()
    # a: 3x3 stride 2 -> 3 px, jump 2; b: 3x3 -> 3 + 2*2 = 7; c: 1x1 keeps 7; add: max(3, 7) = 7, jump 2;
    # resize to 8x8 from an 8 px input: one more source cell (+2), jump 1.
    assert receptive_field(topology, "out", weights, 8) == (9, 1)


def per_tensor_uint8(array: np.ndarray) -> np.ndarray:
    low, high = array.min(), array.max()
    step = (high - low) / 255
    return (np.round((array - low) / step) * step + low).astype(np.float32)


def test_per_channel_uint8_keeps_a_graph_whose_channels_differ_in_scale() -> None:
    topology, weights = small_graph()
    weights["a/kernel"][..., 0] *= 100  # one loud channel: per-tensor codes flatten the others
    quantised, values, uint8 = quantise_graph(topology, weights)
    assert uint8 == {"a/kernel_q", "b/kernel_q", "c/kernel_q"}
    assert "a/kernel" not in values and all(np.abs(values[n]).max() <= 1.0 for n in uint8)
    x = torch.rand(2, 3, 8, 8, generator=torch.Generator().manual_seed(1)) * 255
    original = GraphBackbone(topology, weights, "raw", ["out"])(x)[0]
    per_channel = GraphBackbone(quantised, values, "raw", ["out"])(x)[0]
    per_tensor_weights = {k: per_tensor_uint8(v) if k.endswith("/kernel") else v for k, v in weights.items()}
    per_tensor = GraphBackbone(topology, per_tensor_weights, "raw", ["out"])(x)[0]
    assert (per_channel - original).abs().max() < 0.1 * (per_tensor - original).abs().max()


def test_fine_tuning_trains_kernels_and_biases_and_gives_them_back_in_graph_layout() -> None:
    topology, weights = small_graph()
    backbone = GraphBackbone(topology, weights, "raw", ["out"])
    # A fixed input: a random one now and then left a kernel without gradient (every unit it feeds was cut by a ReLU).
    x = torch.rand(2, 3, 8, 8, generator=torch.Generator().manual_seed(0)) * 255
    assert not backbone(x)[0].requires_grad  # frozen by default
    for name, value in backbone.graph_weights().items():
        assert value.dtype == weights[name].dtype and np.array_equal(value, weights[name]), name
    trainable = backbone.fine_tune()
    assert len(trainable) == 5  # three kernels, two biases; the input scale and offset stay fixed
    optimiser = torch.optim.SGD(trainable, lr=0.1)
    loss = (backbone(x)[0] - 1).square().mean()
    loss.backward()
    optimiser.step()
    tuned = backbone.graph_weights()
    assert not np.array_equal(tuned["a/kernel"], weights["a/kernel"])
    assert np.array_equal(tuned["scale"], weights["scale"])
    rebuilt = GraphBackbone(topology, tuned, "raw", ["out"])
    resumed = GraphBackbone(topology, weights, "raw", ["out"])
    resumed.load_graph_weights({k: torch.from_numpy(v) for k, v in tuned.items()})  # as train --resume does
    with torch.no_grad():
        assert torch.allclose(rebuilt(x)[0], backbone(x)[0], atol=1e-6)
        assert torch.allclose(resumed(x)[0], backbone(x)[0], atol=1e-6)
        assert torch.allclose(rebuilt(x)[0], reference(x, tuned), atol=1e-5)


def test_fine_tuning_from_a_later_convolution_leaves_the_earlier_ones_as_they_are() -> None:
    topology, weights = small_graph()
    backbone = GraphBackbone(topology, weights, "raw", ["out"])
    trainable = backbone.fine_tune(1)
    assert 0 < len(trainable) < 5
    loss = (backbone(torch.rand(2, 3, 8, 8) * 255)[0] - 1).square().mean()
    loss.backward()
    torch.optim.SGD(trainable, lr=0.1).step()
    tuned = backbone.graph_weights()
    assert np.array_equal(tuned["a/kernel"], weights["a/kernel"])
    assert not np.array_equal(tuned["c/kernel"], weights["c/kernel"])


def test_dequantising_gives_back_the_float_graph_the_quantised_one_computes() -> None:
    topology, weights = small_graph()
    quantised, values, _ = quantise_graph(topology, weights)
    restored, restored_weights = dequantise_graph(quantised, values)
    ops = sorted(n["op"] for n in topology["node"])
    assert sorted(n["op"] for n in restored["node"]) == ops
    for name in ("a/kernel", "a/bias", "b/kernel", "c/kernel", "c/bias"):
        step = np.abs(weights[name]).max() / 127
        assert np.abs(restored_weights[name] - weights[name]).max() <= step, name
    x = torch.rand(2, 3, 8, 8, generator=torch.Generator().manual_seed(2)) * 255
    assert torch.allclose(GraphBackbone(restored, restored_weights, "raw", ["out"])(x)[0],
                          GraphBackbone(quantised, values, "raw", ["out"])(x)[0], atol=1e-5)


def test_an_encoded_graph_stores_its_int32_constants_as_int32_even_from_float_values() -> None:
    nodes = [const_node("size", np.array([8, 8], np.int32)), const_node("scale", np.ones(2, np.float32))]
    weights = {"size": np.array([8.0, 8.0], np.float32), "scale": np.ones(2, np.float32)}
    _, entries, data, decoded = encode_graph(({"node": nodes}, weights), uint8_kernels=False)
    assert [e["dtype"] for e in entries] == ["int32", "float32"]
    assert decoded["size"].dtype == np.int32 and list(decoded["size"]) == [8, 8]
    assert len(data) == 2 * 4 + 2 * 2  # int32 sizes, float16 scale


def test_the_backbone_graph_comes_from_the_members_movenet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = member("cpm-lightning")
    read: list[str] = []

    def load_graph(path: Path) -> Graph:
        read.append(path.name)
        return stand_in_graph(spec)

    monkeypatch.setattr(movenet, "ensure_package", lambda: tmp_path)
    monkeypatch.setattr(movenet, "load_graph", load_graph)
    monkeypatch.setattr(movenet, "prune", lambda topology, *_: topology)
    movenet.write_backbone(tmp_path, spec, uint8_kernels=False)
    assert read == ["movenet-lightning.json"]
    assert json.loads((tmp_path / "backbone.json").read_text())["generatedBy"].startswith("MoveNet SinglePose Lightning")
    assert "Lightning" in movenet.credit(spec["backbone"]["source"])
    assert "Thunder" in movenet.credit(member("cpm-movenet-local")["backbone"]["source"], fine_tuned=True)
    with pytest.raises(ValueError):
        movenet.credit("movenet-thunderbolt")


def test_a_shipped_backbone_resized_to_224_reads_a_224_input_at_the_same_strides() -> None:
    graph = load_graph(Path(__file__).parents[2] / "public" / "models" / "cpm-movenet-local" / "backbone.json")
    topology, weights = resized_input(graph, 224)
    assert input_size_of(topology) == 224 and input_size_of(graph[0]) == 256
    sizes = sorted(tuple(np.asarray(v).tolist()) for k, v in weights.items() if np.asarray(v).dtype == np.int32)
    assert sizes == [(14, 14), (28, 28), (56, 56)]
    spec = member("cpm-movenet-local")
    outputs = [spec["backbone"]["output"], spec["backbone"]["local"]["output"]]
    backbone = GraphBackbone(*dequantise_graph(topology, weights), "image", outputs)
    with torch.no_grad():
        heatmaps, local = backbone(torch.rand(1, 3, 224, 224) * 255)
    assert heatmaps.shape == (1, 17, 56, 56) and local.shape == (1, 56, 28, 28)
    assert resized_input(graph, 256) is graph
    with pytest.raises(ValueError):
        resized_input(graph, 240)

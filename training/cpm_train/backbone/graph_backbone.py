"""A tfjs graph model (MoveNet's feature pyramid and keypoint heatmaps) run, frozen or fine-tuned, in PyTorch.

The app runs the very same graph file with tfjs's GraphModel; this module interprets the handful of ops the
pruned graph holds, with TensorFlow's SAME padding, so that training, evaluation and the browser agree.
"""
from __future__ import annotations

import base64
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .manifest import decode_manifest

Node = dict[str, Any]
Graph = tuple[dict[str, Any], dict[str, np.ndarray]]  # a graph's topology and its constants by name
CONVS = ("_FusedConv2D", "FusedDepthwiseConv2dNative", "DepthwiseConv2dNative")


def same_padding(size: int, kernel: int, stride: int, dilation: int) -> tuple[int, int]:
    """TensorFlow's SAME padding (before, after) along one axis: the odd pixel goes after (bottom/right). The CPM's
    own layers (model/network.py) pad by this rule too, so that tfjs computes what PyTorch trained."""
    effective = (kernel - 1) * dilation + 1
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def attr_string(node: Node, key: str) -> str:
    return base64.b64decode(node["attr"][key]["s"]).decode()


def attr_ints(node: Node, key: str) -> list[int]:
    return [int(i) for i in node["attr"][key]["list"]["i"]]


def fused_ops(node: Node) -> list[str]:
    return [base64.b64decode(s).decode() for s in node["attr"].get("fused_ops", {}).get("list", {}).get("s", [])]


def stride_and_dilation(node: Node) -> tuple[int, int]:
    dilation = attr_ints(node, "dilations")[1] if "dilations" in node["attr"] else 1
    return attr_ints(node, "strides")[1], dilation


def input_names(node: Node) -> list[str]:
    """A node's data inputs (control inputs dropped, ':0' suffixes removed)."""
    return [i.split(":")[0] for i in node.get("input", []) if not i.startswith("^")]


def ancestors(nodes: dict[str, Node], outputs: list[str]) -> list[str]:
    """Names of every node the outputs depend on, in an order where inputs come first."""
    order: list[str] = []
    seen: set[str] = set()
    stack: list[tuple[str, bool]] = [(name, False) for name in reversed(outputs)]
    while stack:
        name, expanded = stack.pop()
        if expanded:
            order.append(name)
            continue
        if name in seen:
            continue
        seen.add(name)
        stack.append((name, True))
        stack.extend((i, False) for i in reversed(input_names(nodes[name])) if i not in seen)
    return order


def activation(op: str, x: torch.Tensor, where: str) -> torch.Tensor:
    if op == "Relu6":
        return x.clamp(0, 6)
    if op == "Relu":
        return F.relu(x)
    raise ValueError(f"unsupported activation {op} in {where}")


def pad_same(x: torch.Tensor, node: Node, kernel: int) -> torch.Tensor:
    if attr_string(node, "padding") != "SAME":
        return x
    stride, dilation = stride_and_dilation(node)
    top, bottom = same_padding(x.shape[2], kernel, stride, dilation)
    left, right = same_padding(x.shape[3], kernel, stride, dilation)
    return F.pad(x, (left, right, top, bottom)) if top or bottom or left or right else x


class GraphBackbone(nn.Module):
    """Runs the graph from its float input (NCHW, RGB 0..255) to the named outputs.

    Frozen by default; `fine_tune()` makes its convolutions' kernels and biases trainable, and `graph_weights()`
    gives them back in the graph's own layout for export."""

    def __init__(self, topology: dict[str, Any], weights: dict[str, np.ndarray], input_name: str,
                 outputs: list[str]) -> None:
        super().__init__()
        self.topology = topology
        self.nodes = {n["name"]: n for n in topology["node"]}
        self.input_name = input_name
        self.outputs = outputs
        self.order = ancestors(self.nodes, outputs)
        constants = {name: torch.from_numpy(np.array(weights[name])) for name in self.order
                     if self.nodes[name]["op"] == "Const"}
        self.kernel_of = {name: input_names(self.nodes[name])[1] for name in self.order
                          if self.nodes[name]["op"] in CONVS}
        self.conv_of = {kernel: name for name, kernel in self.kernel_of.items()}
        # Integer constants (resize sizes) stay plain; float ones live in a ParameterDict, prepared once for NCHW
        # arithmetic (kernels in PyTorch's layout), so that .to(device) and optimisers see them.
        self.sizes = {name: value for name, value in constants.items() if not value.is_floating_point()}
        self.keys = {name: f"w{i}" for i, name in enumerate(n for n in constants if n not in self.sizes)}
        self.weights = nn.ParameterDict({
            self.keys[name]: nn.Parameter(self.torch_layout(name, value), requires_grad=False)
            for name, value in constants.items() if name in self.keys})

    def torch_layout(self, name: str, value: torch.Tensor) -> torch.Tensor:
        value = value.float()
        if name in self.conv_of:
            if self.nodes[self.conv_of[name]]["op"] == "_FusedConv2D":
                return value.permute(3, 2, 0, 1).contiguous()
            return value[:, :, :, 0].permute(2, 0, 1).unsqueeze(1).contiguous()
        return value.permute(0, 3, 1, 2) if value.dim() == 4 else value  # NHWC constants broadcast over NCHW

    def graph_layout(self, name: str, value: torch.Tensor) -> np.ndarray:
        if name in self.conv_of:
            if self.nodes[self.conv_of[name]]["op"] == "_FusedConv2D":
                value = value.permute(2, 3, 1, 0)
            else:
                value = value[:, 0].permute(1, 2, 0).unsqueeze(3)
        elif value.dim() == 4:
            value = value.permute(0, 2, 3, 1)
        return value.detach().cpu().float().numpy().copy()

    def fine_tune(self, first: int = 0) -> list[nn.Parameter]:
        """Makes the kernel and bias of every convolution from the `first`-th on (in the order the graph runs them)
        trainable; returns them. Convolutions before it stay as they are, and backward passes stop short of them."""
        trainable = []
        for conv, kernel in list(self.kernel_of.items())[first:]:
            for name in [kernel] + input_names(self.nodes[conv])[2:3]:
                parameter = self.weights[self.keys[name]]
                parameter.requires_grad_(True)
                trainable.append(parameter)
        return trainable

    def load_graph_weights(self, weights: dict[str, Any]) -> None:
        """Sets the float constants from graph-layout values (numpy arrays or tensors), e.g. a fine-tuned checkpoint's."""
        with torch.no_grad():
            for name, key in self.keys.items():
                self.weights[key].copy_(self.torch_layout(name, torch.as_tensor(weights[name])))

    def graph_weights(self) -> dict[str, np.ndarray]:
        """Every constant as the graph file stores it (NHWC, TensorFlow's kernel layout)."""
        result = {name: value.numpy() for name, value in self.sizes.items()}
        result.update({name: self.graph_layout(name, self.weights[key]) for name, key in self.keys.items()})
        return result

    def parameter_count(self) -> int:
        return sum(v.numel() for v in self.weights.values())

    def value(self, name: str, values: dict[str, torch.Tensor]) -> torch.Tensor:
        if name in self.keys:
            return self.weights[self.keys[name]]
        return self.sizes[name] if name in self.sizes else values[name]

    def run_node(self, node: Node, values: dict[str, torch.Tensor]) -> torch.Tensor:
        op = node["op"]
        args = [self.value(i, values) for i in input_names(node)]
        if op in CONVS:
            kernel = args[1]
            x = pad_same(args[0], node, kernel.shape[-1])
            stride, dilation = stride_and_dilation(node)
            groups = 1 if op == "_FusedConv2D" else x.shape[1]
            ops = fused_ops(node)
            bias = args[2] if ops else None
            y = F.conv2d(x, kernel.to(x.dtype), bias.to(x.dtype) if bias is not None else None,
                         stride=stride, dilation=dilation, groups=groups)
            for fused in ops[1:]:
                y = activation(fused, y, node["name"])
            return y
        if op in ("Relu", "Relu6"):
            return activation(op, args[0], node["name"])
        if op == "AddV2":
            return args[0] + args[1]
        if op == "Sub":
            return args[0] - args[1]
        if op == "Mul":
            return args[0] * args[1]
        if op == "Sigmoid":
            return torch.sigmoid(args[0])
        if op == "ResizeBilinear":
            if not node["attr"]["half_pixel_centers"]["b"] or node["attr"]["align_corners"]["b"]:
                raise ValueError("only half-pixel-centre bilinear resizing is supported")
            size = [int(v) for v in args[1].tolist()]
            return F.interpolate(args[0], size=size, mode="bilinear", align_corners=False)
        raise ValueError(f"unsupported op {op} ({node['name']})")

    def forward(self, image: torch.Tensor) -> list[torch.Tensor]:
        values: dict[str, torch.Tensor] = {self.input_name: image}
        with torch.set_grad_enabled(torch.is_grad_enabled() and any(w.requires_grad for w in self.weights.values())):
            for name in self.order:
                if name not in values and self.nodes[name]["op"] != "Const":
                    values[name] = self.run_node(self.nodes[name], values)
        return [values[name] for name in self.outputs]


def load_graph(model_json: Path) -> Graph:
    document = json.loads(model_json.read_text())
    return document["modelTopology"], decode_manifest(model_json.parent, document["weightsManifest"])


def image_shape(input_size: int) -> dict[str, Any]:
    """A placeholder's shape attribute for a batch of square RGB images of side `input_size`."""
    return {"shape": {"dim": [{"size": "-1"}, {"size": str(input_size)}, {"size": str(input_size)}, {"size": "3"}]}}


def prune(topology: dict[str, Any], start: str, outputs: list[str],
          input_name: str, input_size: int) -> dict[str, Any]:
    """The sub-graph from node `start` (its first input becomes a float32 placeholder) to `outputs`."""
    nodes = {n["name"]: dict(n) for n in topology["node"]}
    first = input_names(nodes[start])[0]
    nodes[start]["input"] = [input_name] + nodes[start]["input"][1:]
    nodes[input_name] = {"name": input_name, "op": "Placeholder",
                         "attr": {"dtype": {"type": "DT_FLOAT"}, "shape": image_shape(input_size)}}
    kept = [nodes[name] for name in ancestors(nodes, outputs)]
    assert first not in {n["name"] for n in kept}, "the pruned graph still reads the original input"
    return {**topology, "node": kept}


def input_size_of(topology: dict[str, Any]) -> int | None:
    """The side of the graph's square placeholder; None where it declares no shape (any size)."""
    placeholder = next(n for n in topology["node"] if n["op"] == "Placeholder")
    dims = placeholder["attr"].get("shape", {}).get("shape", {}).get("dim")
    return int(dims[1]["size"]) if dims else None


def resized_input(graph: Graph, input_size: int) -> Graph:
    """The same graph for a square input of `input_size`: MoveNet's graphs are fully convolutional but for their
    placeholder's shape and the FPN's upsampling targets, int32 constants of the size they were exported at; both are
    scaled (every level of the pyramid is a whole number of cells at multiples of 32)."""
    topology, weights = graph
    old = input_size_of(topology)
    if old is None or input_size == old:
        return graph
    if input_size % 32:
        raise ValueError(f"input size {input_size} is not a multiple of 32")
    nodes, resized = [], dict(weights)
    for node in topology["node"]:
        if node["op"] == "Placeholder":
            node = {**node, "attr": {**node["attr"], "shape": image_shape(input_size)}}
        elif node["op"] == "ResizeBilinear":
            name = input_names(node)[1]
            resized[name] = (np.asarray(weights[name]) * input_size // old).astype(np.int32)
        nodes.append(node)
    return {**topology, "node": nodes}, resized


def receptive_field(topology: dict[str, Any], output: str, weights: dict[str, np.ndarray],
                    input_size: int) -> tuple[int, int]:
    """(receptive field in input pixels, stride) of one cell of `output`: convs grow it, adds take the larger,
    bilinear upsampling adds one source cell; element-wise ops keep it."""
    nodes = {n["name"]: n for n in topology["node"]}
    grown: dict[str, tuple[float, float]] = {}
    for name in ancestors(nodes, [output]):
        node = nodes[name]
        sources = [grown[i] for i in input_names(node) if i in grown]
        if node["op"] == "Placeholder":
            grown[name] = (1.0, 1.0)
        elif not sources:
            continue
        elif node["op"] in CONVS:
            field, jump = sources[0]
            kernel = weights[input_names(node)[1]].shape[0]
            stride, dilation = stride_and_dilation(node)
            grown[name] = (field + (kernel - 1) * dilation * jump, jump * stride)
        elif node["op"] == "ResizeBilinear":
            field, jump = sources[0]
            grown[name] = (field + jump, input_size / int(weights[input_names(node)[1]][0]))
        else:
            grown[name] = (max(s[0] for s in sources), min(s[1] for s in sources))
    field, jump = grown[output]
    return int(field), int(jump)

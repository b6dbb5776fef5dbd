"""Stand-ins for MoveNet's backbone in tests: tiny graphs with the member's shapes and output names."""
import numpy as np

from cpm_train.backbone.graph_backbone import Graph, GraphBackbone
from cpm_train.backbone.graph_quantise import b64, const_node
from cpm_train.model.extractors import graph_outputs
from cpm_train.model.network import local_tap


def conv_nodes(name: str, source: str, stride: int, shape: tuple[int, int, int, int],
               rng: np.random.Generator) -> tuple[list[dict], dict[str, np.ndarray]]:
    """A stride x stride, VALID-padded fused convolution (kernel `<name>_k`, bias `<name>_b`) over `source`."""
    attr = {"strides": {"list": {"i": ["1", str(stride), str(stride), "1"]}}, "padding": {"s": b64("VALID")},
            "fused_ops": {"list": {"s": [b64("BiasAdd")]}}}
    nodes = [const_node(f"{name}_k", np.zeros((1, 1, 1, 1), np.float32)), const_node(f"{name}_b", np.zeros(1, np.float32)),
             {"name": name, "op": "_FusedConv2D", "input": [source, f"{name}_k", f"{name}_b"], "attr": attr}]
    return nodes, {f"{name}_k": rng.normal(0, 0.01, shape).astype(np.float32),
                   f"{name}_b": np.zeros(shape[-1], np.float32)}


def stand_in_graph(spec: dict) -> Graph:
    """A one-convolution graph with the shape and output names of the member's backbone; for a member with a local
    tap, a second output from its own convolution (kernels "conv_k" and "local_k")."""
    rng = np.random.default_rng(0)
    backbone, local = spec["backbone"], local_tap(spec)
    stride, channels = backbone["stride"], backbone["channels"]
    nodes, weights = conv_nodes("conv", backbone["input"], stride, (stride, stride, 3, channels), rng)
    nodes = [{"name": backbone["input"], "op": "Placeholder", "attr": {}}, *nodes,
             {"name": backbone["output"], "op": "Sigmoid", "input": ["conv"]}]
    if local is None:
        return {"node": nodes}, weights
    tap, tap_weights = conv_nodes("local", backbone["input"], local["stride"],
                                  (local["stride"], local["stride"], 3, local["channels"]), rng)
    tap[-1]["name"] = local["output"]
    return {"node": nodes + tap}, {**weights, **tap_weights}


def stand_in_backbone(spec: dict) -> GraphBackbone:
    return GraphBackbone(*stand_in_graph(spec), spec["backbone"]["input"], graph_outputs(spec))

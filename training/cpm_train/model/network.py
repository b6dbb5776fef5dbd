"""The CPM built layer by layer from the shared architecture description.

Padding follows TensorFlow's SAME rule (extra pixel bottom/right) so that tfjs, which the app runs, computes
exactly the same thing as this module.
"""
from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from ..backbone.graph_backbone import same_padding
from .architecture import NUM_MAPS, Layer, member, stage_layers


class SameConv(nn.Module):
    """Conv (or depthwise conv) + optional BatchNorm + activation, TF-SAME padded."""

    def __init__(self, layer: Layer, in_channels: int, batch_norm: bool) -> None:
        super().__init__()
        self.layer = layer
        depthwise = layer["op"] == "depthwiseConv"
        out_channels = in_channels if depthwise else layer["filters"]
        self.conv = nn.Conv2d(in_channels, out_channels, layer["kernel"], stride=layer["stride"],
                              dilation=layer["dilation"], groups=in_channels if depthwise else 1)
        self.bn = nn.BatchNorm2d(out_channels) if batch_norm else None
        self.out_channels = out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        k, s, d = self.layer["kernel"], self.layer["stride"], self.layer["dilation"]
        top, bottom = same_padding(x.shape[2], k, s, d)
        left, right = same_padding(x.shape[3], k, s, d)
        if top or bottom or left or right:
            x = F.pad(x, (left, right, top, bottom))
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        return activate(x, self.layer["activation"])


def activate(x: torch.Tensor, activation: str) -> torch.Tensor:
    if activation == "relu":
        return F.relu(x)
    if activation == "relu6":
        return x.clamp(0, 6)  # nn.ReLU6 has no bf16 backward in torch 1.13
    if activation == "none":
        return x
    raise ValueError(f"unknown activation {activation}")


class SamePool(nn.Module):
    """Max or average pooling, TF-SAME padded (padding never counted in an average, as in TensorFlow)."""

    def __init__(self, layer: Layer) -> None:
        super().__init__()
        self.layer = layer

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        k, s = self.layer["kernel"], self.layer["stride"]
        top, bottom = same_padding(x.shape[2], k, s, 1)
        left, right = same_padding(x.shape[3], k, s, 1)
        if self.layer["op"] == "maxPool":
            return F.max_pool2d(F.pad(x, (left, right, top, bottom), value=float("-inf")), k, s)
        if top or bottom or left or right:
            raise ValueError("average pooling is only used where it needs no padding")
        return F.avg_pool2d(x, k, s)


def build_layers(layers: list[Layer], in_channels: int, batch_norm: bool,
                 frozen: set[str]) -> tuple[nn.ModuleList, int]:
    modules = nn.ModuleList()
    channels = in_channels
    for layer in layers:
        if layer["op"] in ("maxPool", "avgPool"):
            modules.append(SamePool(layer))
            continue
        has_bn = batch_norm and layer["name"] not in frozen and layer["activation"] != "none"
        conv = SameConv(layer, channels, has_bn)
        modules.append(conv)
        channels = conv.out_channels
    return modules, channels


def local_tap(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The backbone layer that stage 1 alone reads (local evidence, as the paper's stage 1), if the member has one."""
    return spec.get("backbone", {}).get("local")


def frozen_names(spec: dict[str, Any]) -> set[str]:
    """Layers taken from a pretrained extractor: never trained, never batch-normalised."""
    pretrained = spec.get("pretrained")
    if not pretrained:
        return set()
    names: set[str] = set()
    for layer in spec["features"]:
        names.add(layer["name"])
        if layer["name"] == pretrained["through"]:
            return names
    raise ValueError(f"pretrained.through {pretrained['through']!r} is not a feature layer")


class CPM(nn.Module):
    """Feature extractor shared by all stages; stage 1 from features, stage t from [beliefs, features, center]."""

    def __init__(self, member_id: str, batch_norm: bool = True, spec: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.member_id = member_id
        self.spec = spec if spec is not None else member(member_id)
        self.frozen = frozen_names(self.spec)
        self.backbone: nn.Module | None = None  # see attach_backbone
        source_channels = self.spec["backbone"]["channels"] if "backbone" in self.spec else 3
        self.features, feature_channels = build_layers(self.spec["features"], source_channels, batch_norm,
                                                       self.frozen)
        local = local_tap(self.spec)
        self.stages = nn.ModuleList()
        for stage in range(1, self.spec["stages"] + 1):
            first_channels = local["channels"] if local else feature_channels
            in_channels = first_channels if stage == 1 else feature_channels + NUM_MAPS + 1
            layers, _ = build_layers(stage_layers(self.spec, stage), in_channels, batch_norm, self.frozen)
            self.stages.append(layers)
        for name, module in self.named_layers():
            if name in self.frozen:
                module.requires_grad_(False)
        if self.spec.get("residual"):
            self.start_from_background()

    def start_from_background(self) -> None:
        """Residual members start as 'all background' at stage 1 and as 'no change' at stages 2..T, so that
        training begins from the loss every stage must beat rather than from random maps."""
        for index, stage in enumerate(self.stages):
            last = stage[-1]
            assert isinstance(last, SameConv)
            nn.init.zeros_(last.conv.weight)
            nn.init.zeros_(last.conv.bias)
            if index == 0:
                last.conv.bias.data[NUM_MAPS - 1] = 1.0

    def freeze_before_stage(self, stage: int) -> None:
        """Keeps the feature layers and stages 1..stage-1 as they are (no gradient, batch norm in eval mode), so that
        training changes only the later stages."""
        if not 1 <= stage <= len(self.stages):
            raise ValueError(f"stage must be 1..{len(self.stages)}")
        if stage == 1:
            return
        kept = [m for m in self.features] + [m for layers in self.stages[:stage - 1] for m in layers]
        for module in kept:
            self.frozen.add(module.layer["name"])
            module.requires_grad_(False)

    def named_layers(self) -> list[tuple[str, nn.Module]]:
        result = [(m.layer["name"], m) for m in self.features]
        for stage in self.stages:
            result += [(m.layer["name"], m) for m in stage]
        return result

    def attach_backbone(self, backbone: nn.Module) -> None:
        """The graph whose first output the feature layers read (members with a `backbone`): a submodule, so that
        .to() and .train() reach it; its weights are not part of cpm_state."""
        self.backbone = backbone

    def cpm_state(self) -> dict[str, torch.Tensor]:
        """The feature layers' and stages' state, what checkpoints and the committed states hold: an attached
        backbone's weights travel apart, in the graph's own layout (a checkpoint's "backbone", the exported
        backbone.json), so these keys are the same whether a backbone is attached or not."""
        return {**self.features.state_dict(prefix="features."), **self.stages.state_dict(prefix="stages.")}

    def trainable_parameters(self) -> list[nn.Parameter]:
        """The feature layers' and stages' parameters that train (frozen pretrained layers left out); a backbone's
        convolutions train only when fine-tuned (GraphBackbone.fine_tune), in an optimiser group of their own."""
        return [p for layers in (self.features, self.stages) for p in layers.parameters() if p.requires_grad]

    def extract_features(self, image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """The shared features, and what stage 1 reads when the member gives it a local tap of the backbone."""
        if "backbone" in self.spec:
            if self.backbone is None:
                raise RuntimeError(f"{self.member_id} needs its backbone attached")
            outputs = self.backbone(image)
            return self.features_from(outputs[0]), outputs[1] if local_tap(self.spec) else None
        return self.features_from(image), None

    def features_from(self, x: torch.Tensor) -> torch.Tensor:
        """The feature layers over the image, or over the backbone's maps."""
        for module in self.features:
            # A frozen layer over a fine-tuned backbone still passes the gradient on to the backbone.
            if module.layer["name"] in self.frozen and not x.requires_grad:
                with torch.no_grad():
                    x = module(x)
            else:
                x = module(x)
        return x

    def forward(self, image: torch.Tensor, center_map: torch.Tensor) -> list[torch.Tensor]:
        features, local = self.extract_features(image)
        return self.run_stages(features, center_map, local)

    def run_stages(self, features: torch.Tensor, center_map: torch.Tensor,
                   local: torch.Tensor | None = None) -> list[torch.Tensor]:
        """Stage 1 from the features (or from the local tap), stage t from [beliefs t-1, features, center map]."""
        beliefs: list[torch.Tensor] = []
        for index, stage in enumerate(self.stages):
            first = features if local is None else local
            x = first if index == 0 else torch.cat([beliefs[-1], features, center_map.to(features.dtype)], 1)
            for module in stage:
                x = module(x)
            if index > 0 and self.spec.get("residual"):
                x = x + beliefs[-1]  # stage t refines stage t-1's maps
            beliefs.append(x)
        return beliefs

    def train(self, mode: bool = True) -> "CPM":
        super().train(mode)
        for name, module in self.named_layers():
            if name in self.frozen:
                module.eval()
        return self

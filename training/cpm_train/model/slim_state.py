"""The trainable part of a model's state (frozen pretrained layers left out), float16, committed with each export so
that a later session can warm-start training (`train --init-from`) even on a fresh machine without runs/."""
from __future__ import annotations

from pathlib import Path

import torch

from .network import CPM


def save_slim_state(model: CPM, path: Path) -> None:
    frozen_prefixes = tuple(f"features.{i}." for i, m in enumerate(model.features) if m.layer["name"] in model.frozen)
    state = {k: (v.half() if v.is_floating_point() else v) for k, v in model.cpm_state().items()
             if not k.startswith(frozen_prefixes)}
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"member": model.member_id, "state": state}, path)


def load_slim_state(path: Path) -> dict[str, torch.Tensor]:
    saved = torch.load(path, map_location="cpu")
    return {k: (v.float() if v.is_floating_point() else v) for k, v in saved["state"].items()}


def warm_start(model: CPM, path: Path) -> list[str]:
    """Loads every tensor of a slim state whose name and shape match the model's (another member's stages 2..T,
    say); returns the names of the model's tensors it left as they were."""
    own = model.cpm_state()
    saved = load_slim_state(path)
    matching = {k: v for k, v in saved.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(matching, strict=False)
    return [k for k in own if k not in matching]

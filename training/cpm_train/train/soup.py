"""Averages training checkpoints of one lineage weight by weight (a uniform model soup): the stages, the backbone's
fine-tuned weights and the batch-norm statistics alike. The soup holds only what it averages (no optimiser, schedule,
step or held-out report: it is exported or evaluated, never resumed), so its card's figures come from `evaluate
--json` on it (`export --report`), never from one of its runs.

    /usr/bin/python3 -m cpm_train.train.soup runs/soup-hjk/best.pt runs/light-h/best.pt runs/light-j/best.pt \
        runs/light-k/best.pt
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import torch


def average(tensors: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The mean of each floating-point tensor; any other (a batch-norm step count) as the first dict has it."""
    return {name: torch.stack([t[name].float() for t in tensors]).mean(0).to(value.dtype)
            if torch.is_floating_point(value) else value for name, value in tensors[0].items()}


def soup(states: list[dict[str, Any]]) -> dict[str, Any]:
    """One checkpoint whose weights are the mean of `states`' (the same member and layers, one lineage)."""
    first = states[0]
    if any(state["member"] != first["member"] for state in states):
        raise ValueError("a soup averages checkpoints of one member")
    mixed: dict[str, Any] = {"member": first["member"], "model": average([state["model"] for state in states])}
    if first.get("backbone"):
        mixed["backbone"] = {**first["backbone"], "weights": average([state["backbone"]["weights"] for state in states])}
    return mixed


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.train.soup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the soup's checkpoint")
    parser.add_argument("checkpoints", type=Path, nargs="+", help="the checkpoints to average (best.pt of each run)")
    return parser


def main() -> None:
    args = parser().parse_args()
    mixed = soup([torch.load(path, map_location="cpu") for path in args.checkpoints])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(mixed, args.out)
    print(f"wrote {args.out}: the mean of {len(args.checkpoints)} checkpoints")


if __name__ == "__main__":
    main()

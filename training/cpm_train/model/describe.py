"""Prints every member's weights as PyTorch builds them (name, tfjs shape, parameter count) as JSON.

The TypeScript test src/cpm/architecture.test.ts compares this with the app's own reading of architectures.json.

    /usr/bin/python3 -m cpm_train.model.describe
"""
from __future__ import annotations

import argparse
import json

from .architecture import load_family
from .model_file import folded
from .network import CPM, SameConv


def describe(member_id: str) -> dict:
    model = CPM(member_id, batch_norm=False)
    weights = []
    for name, module in model.named_layers():
        if isinstance(module, SameConv):
            kernel, bias = folded(module)
            weights += [{"name": f"{name}/kernel", "shape": list(kernel.shape)},
                        {"name": f"{name}/bias", "shape": list(bias.shape)}]
    return {"weights": weights, "parameters": sum(p.numel() for p in model.parameters())}


def parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog="python3 -m cpm_train.model.describe", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)


def main() -> None:
    parser().parse_args()
    print(json.dumps({member_id: describe(member_id) for member_id in load_family()["members"]}))


if __name__ == "__main__":
    main()

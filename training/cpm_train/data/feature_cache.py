"""The frozen feature extractor's output for every training crop, computed once (it is never trained).

Each cache crop's centre region (FEATURE_CONTEXT x the person's box) is resized to the model's input and run
through the frozen graph; training then warps these maps the way augment.py warps pixels.

    /usr/bin/python3 -m cpm_train.data.feature_cache [--member cpm-movenet]   # resumable: rerun to continue

The member names the MoveNet (its backbone's "source") and the input size.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from ..backbone.movenet import movenet_backbone
from ..model.architecture import member
from ..paths import CACHE
from .crop_cache import centre_region, region_to_output
from .data_split import training_cache

FEATURE_CONTEXT = 2.2
CHUNK = 32


def cache_to_input(input_size: int) -> np.ndarray:
    """3x3 matrix: cache-crop pixel -> extractor-input pixel."""
    return region_to_output(FEATURE_CONTEXT, input_size)


def extractor_inputs(images: np.ndarray, input_size: int) -> torch.Tensor:
    first, side = centre_region(FEATURE_CONTEXT)
    region = torch.from_numpy(images[:, first:first + side, first:first + side]).permute(0, 3, 1, 2).float()
    return F.interpolate(region, size=(input_size, input_size), mode="bilinear", align_corners=False)


def paths(source: str, input_size: int) -> tuple[Path, Path]:
    stem = f"{source}-heatmaps-{input_size}-context{FEATURE_CONTEXT}"
    return CACHE / f"{stem}.npy", CACHE / f"{stem}.done"


def progress(done_path: Path, key: str) -> int:
    """How many crops are done: the .done file's count, if it names this training cache (cache_key) as their source."""
    written = done_path.read_text().split() if done_path.exists() else []
    return int(written[1]) if len(written) == 2 and written[0] == key else 0


def build(source: str = "movenet-thunder", input_size: int = 256, needed: int | None = None) -> np.ndarray:
    """(N,17,S/4,S/4) float16 heatmaps of the `source` MoveNet, one per training crop, in training_cache() order;
    computes what is missing among the first `needed` crops (all by default)."""
    cache = training_cache()
    count, key = len(cache["joints"]), str(cache["key"])
    array_path, done_path = paths(source, input_size)
    grid = input_size // 4
    done = progress(done_path, key)
    mode = "r+" if array_path.exists() and done else "w+"
    heatmaps = np.lib.format.open_memmap(array_path, mode=mode, dtype=np.float16, shape=(count, 17, grid, grid))
    goal = count if needed is None else min(needed, count)
    if done < goal:
        backbone = movenet_backbone(source, input_size)
        start = time.time()
        for first in range(done, goal, CHUNK):
            last = min(first + CHUNK, goal)
            x = extractor_inputs(cache["images"][first:last], input_size)
            heatmaps[first:last] = backbone(x.contiguous(memory_format=torch.channels_last))[0].numpy()
            heatmaps.flush()
            done_path.write_text(f"{key} {last}")
            if (last // CHUNK) % 20 == 0:
                rate = (last - done) / (time.time() - start)
                print(f"{last}/{count} crops, {rate:.1f}/s", flush=True)
    return np.load(array_path, mmap_mode="r")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.data.feature_cache", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--member", default="cpm-movenet", help="the architectures.json member whose backbone to cache")
    return parser


if __name__ == "__main__":
    spec = member(parser().parse_args().member)
    torch.set_num_threads(2)
    build(spec["backbone"]["source"], spec["inputSize"])

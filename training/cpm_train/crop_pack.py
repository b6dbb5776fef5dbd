"""The training crops re-encoded as WebP in one small file, for a machine without ../shared (the lent GPU machine,
which receives at most 64 MiB with the repo).

    /usr/bin/python3 -m cpm_train.crop_pack ../.gpu/train-crops.npz   # about 40 MB for 10,632 crops
    /usr/bin/python3 -m cpm_train.crop_pack ../.gpu/train-crops.npz --context 2.2 --size 224   # for cpm-movenet-local
"""
from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np

from .augment import apply
from .crop_cache import centre_region, region_to_output
from .data_split import training_cache

PACK_SIZE = 240
PACK_CONTEXT = 2.6  # the widest context that training on pixels asks for (train.MAP_CONTEXT)
QUALITY = 64


def shrink(image: np.ndarray, joints: np.ndarray, size: int, context: float) -> tuple[np.ndarray, np.ndarray]:
    """The centre region (context x the box) of a cache crop resized to size; joints with it."""
    first, side = centre_region(context)
    region = np.ascontiguousarray(image[first:first + side, first:first + side])
    resized = cv2.resize(region, (size, size), interpolation=cv2.INTER_AREA)
    return resized, apply(region_to_output(context, size), joints)


def write_pack(cache: dict[str, np.ndarray], path: Path, size: int = PACK_SIZE, context: float = PACK_CONTEXT,
               quality: int = QUALITY) -> None:
    blobs, joints = [], []
    for image, person_joints in zip(cache["images"], cache["joints"]):
        small, moved = shrink(image, person_joints, size, context)
        ok, blob = cv2.imencode(".webp", cv2.cvtColor(small, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_WEBP_QUALITY, quality])
        assert ok
        blobs.append(blob.ravel())
        joints.append(moved)
    offsets = np.cumsum([0] + [len(b) for b in blobs])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, data=np.concatenate(blobs), offsets=offsets, joints=np.stack(joints).astype(np.float32),
             labelled=cache["labelled"])


def read_pack(path: Path, threads: int = 8) -> dict[str, np.ndarray]:
    """The pack decoded: images (N,S,S,3) uint8 RGB, joints (N,14,2) in its pixels, labelled (N,14)."""
    pack = np.load(path)
    data, offsets = pack["data"], pack["offsets"]

    def decode(i: int) -> np.ndarray:
        image = cv2.imdecode(data[offsets[i]:offsets[i + 1]], cv2.IMREAD_COLOR)
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)

    with ThreadPoolExecutor(threads) as pool:
        images = np.stack(list(pool.map(decode, range(len(offsets) - 1))))
    return {"images": images, "joints": pack["joints"], "labelled": pack["labelled"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--size", type=int, default=PACK_SIZE)
    parser.add_argument("--context", type=float, default=PACK_CONTEXT,
                        help="crop side / person box: the widest the member trains on (its trainCropScale)")
    parser.add_argument("--quality", type=int, default=QUALITY)
    args = parser.parse_args()
    write_pack(training_cache(), args.path, args.size, args.context, args.quality)

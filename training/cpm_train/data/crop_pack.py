"""The training crops re-encoded as WebP in one small file, for a machine without ../shared (the lent GPU machine,
which receives at most 64 MiB with the repo).

    /usr/bin/python3 -m cpm_train.data.crop_pack ../.gpu/train-crops.npz   # about 40 MB for 10,632 crops
    /usr/bin/python3 -m cpm_train.data.crop_pack ../.gpu/train-crops-sharp.npz --context 2.2 --size 288 --from-photos

By default the crops come from the training cache, whose persons are about 100 px long (crop_cache.py);
`--from-photos` cuts them from the photos themselves, so that a larger pack is also a sharper one.
"""
from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

import cv2
import numpy as np

from .augment import MAP_CONTEXT, apply
from .crop_cache import centre_region, crop_person, read_rgb, region_to_output
from .data_split import training_cache, training_persons
from .datasets import Person

PACK_SIZE = 240
PACK_CONTEXT = MAP_CONTEXT[1]  # the widest context that a member with a backbone trains on
QUALITY = 64


def shrink(image: np.ndarray, joints: np.ndarray, size: int, context: float) -> tuple[np.ndarray, np.ndarray]:
    """The centre region (context x the box) of a cache crop resized to size; joints with it."""
    first, side = centre_region(context)
    region = np.ascontiguousarray(image[first:first + side, first:first + side])
    resized = cv2.resize(region, (size, size), interpolation=cv2.INTER_AREA)
    return resized, apply(region_to_output(context, size), joints)


def cache_crops(cache: dict[str, np.ndarray], size: int, context: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for image, joints in zip(cache["images"], cache["joints"]):
        yield shrink(image, joints, size, context)


def photo_crops(persons: list[Person], size: int, context: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for person in persons:
        yield crop_person(read_rgb(person.image), person, context, size)


def write_pack(crops: Iterable[tuple[np.ndarray, np.ndarray]], labelled: np.ndarray, path: Path,
               quality: int = QUALITY) -> None:
    """(RGB crop, its joints) pairs, one per person, as WebP blobs with their joints and label flags."""
    blobs, joints = [], []
    for image, person_joints in crops:
        ok, blob = cv2.imencode(".webp", cv2.cvtColor(image, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_WEBP_QUALITY, quality])
        assert ok
        blobs.append(blob.ravel())
        joints.append(person_joints)
    offsets = np.cumsum([0] + [len(b) for b in blobs])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, data=np.concatenate(blobs), offsets=offsets, joints=np.stack(joints).astype(np.float32),
             labelled=labelled)


def read_pack(path: Path, threads: int = 8) -> dict[str, np.ndarray]:
    """The pack decoded: images (N,S,S,3) uint8 RGB, joints (N,J,2) in its pixels, labelled (N,J)."""
    pack = np.load(path)
    data, offsets = pack["data"], pack["offsets"]

    def decode(i: int) -> np.ndarray:
        image = cv2.imdecode(data[offsets[i]:offsets[i + 1]], cv2.IMREAD_COLOR)
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)

    with ThreadPoolExecutor(threads) as pool:
        images = np.stack(list(pool.map(decode, range(len(offsets) - 1))))
    return {"images": images, "joints": pack["joints"], "labelled": pack["labelled"]}


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.data.crop_pack", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, help="the pack to write (.npz)")
    parser.add_argument("--size", type=int, default=PACK_SIZE)
    parser.add_argument("--context", type=float, default=PACK_CONTEXT,
                        help="crop side / person box: the widest the member trains on (its trainCropScale)")
    parser.add_argument("--quality", type=int, default=QUALITY)
    parser.add_argument("--from-photos", action="store_true", help="cut the crops from the photos, not the cache")
    return parser


def main() -> None:
    args = parser().parse_args()
    if args.from_photos:
        persons = training_persons()
        crops = photo_crops(persons, args.size, args.context)
        labelled = np.stack([p.labelled for p in persons])
    else:
        cache = training_cache()
        crops, labelled = cache_crops(cache, args.size, args.context), cache["labelled"]
    write_pack(crops, labelled, args.path, args.quality)


if __name__ == "__main__":
    main()

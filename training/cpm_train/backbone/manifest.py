"""Reads a tfjs weightsManifest: our model files, the backbone graphs they carry, and the npm package's graphs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def stored_dtype(entry: dict[str, Any]) -> np.dtype:
    quantization = entry.get("quantization") or {}
    if quantization.get("dtype") in ("float16", "uint8"):
        return np.dtype(quantization["dtype"])
    return np.dtype(np.int32 if entry["dtype"] == "int32" else np.float32)


def decode_manifest(folder: Path, manifest: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """A tfjs weightsManifest's tensors (float32, int32, or float16/uint8-quantised, returned as float32: uint8 as
    q * scale + min, as tfjs decodes it), its shards laid end to end."""
    arrays: dict[str, np.ndarray] = {}
    for group in manifest:
        data = b"".join((folder / p).read_bytes() for p in group["paths"])
        offset = 0
        for entry in group["weights"]:
            count = int(np.prod(entry["shape"])) if entry["shape"] else 1
            dtype = stored_dtype(entry)
            raw = np.frombuffer(data, dtype, count, offset)
            quantization = entry.get("quantization") or {}
            if quantization.get("dtype") == "uint8":
                raw = raw.astype(np.float32) * np.float32(quantization["scale"]) + np.float32(quantization["min"])
            value = raw if dtype == np.int32 else raw.astype(np.float32)
            arrays[entry["name"]] = value.reshape(entry["shape"])
            offset += count * dtype.itemsize
    return arrays

"""The training crops as a Dataset and the DataLoader's batches: pixels, or a frozen backbone's cached maps."""
from pathlib import Path
from typing import Sequence

import numpy as np

from cpm_train.data.augment import AugmentConfig, Batch
from cpm_train.data.data_split import from_folder
from cpm_train.data.datasets import Person
from cpm_train.data.training_set import AugmentedCrops, AugmentedMaps, batches, share_weights
from cpm_train.model.architecture import NUM_JOINTS, flip_permutation, member
from cpm_train.train.step import training_set


def crop_cache(count: int, side: int = 48) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {"images": rng.integers(0, 255, (count, side, side, 3), dtype=np.uint8),
            "joints": rng.uniform(side * 0.3, side * 0.7, (count, NUM_JOINTS, 2)).astype(np.float32),
            "labelled": np.ones((count, NUM_JOINTS), bool)}


class RecordedCrops(AugmentedCrops):
    """The crops, remembering which cache indices each read asked for."""

    def __init__(self, cache: dict) -> None:
        super().__init__(cache, AugmentConfig(size=32), np.random.default_rng(0), flip_permutation())
        self.reads: list[list[int]] = []

    def __getitem__(self, index: Sequence[int]) -> Batch:
        self.reads.append(sorted(index))
        return super().__getitem__(index)


def test_the_loader_reads_every_crop_once_an_epoch_in_random_batches_without_end() -> None:
    crops = RecordedCrops(crop_cache(6))
    stream = batches(crops, 3, seed=1)
    drawn = [next(stream) for _ in range(5)]
    assert all(isinstance(b, Batch) and b.images.shape == (3, 3, 32, 32) and not b.maps for b in drawn)
    assert sorted(crops.reads[0] + crops.reads[1]) == list(range(6)) == sorted(crops.reads[2] + crops.reads[3])
    again = RecordedCrops(crop_cache(6))
    replay = batches(again, 3, seed=1)
    for _ in range(5):
        next(replay)
    assert again.reads == crops.reads  # a run's seed fixes its order


def test_a_member_with_a_frozen_backbone_trains_from_its_cached_maps() -> None:
    spec = {**member("cpm-movenet"), "inputSize": 64}
    cache = crop_cache(4, side=320)
    maps = np.random.default_rng(1).random((4, 17, 16, 16)).astype(np.float16)
    crops = training_set(spec, cache, np.random.default_rng(0), maps=maps)
    assert isinstance(crops, AugmentedMaps)
    batch = next(batches(crops, 2, seed=0))
    assert batch.maps and batch.images.shape == (2, 17, 16, 16)
    assert isinstance(training_set(spec, cache, np.random.default_rng(0), pixels=True), AugmentedCrops)


def test_share_weights_draw_the_marked_crops_in_the_share_asked() -> None:
    in_set = np.array([True] + [False] * 9)
    crops = RecordedCrops(crop_cache(10))
    stream = batches(crops, 10, seed=2, weights=share_weights(in_set, 0.5))
    for _ in range(40):
        next(stream)
    drawn = np.concatenate(crops.reads)
    assert len(drawn) == 400 and 0.4 < np.mean(drawn == 0) < 0.6  # one crop in ten, drawn half the time


def test_from_folder_marks_the_persons_of_one_data_folder(tmp_path: Path) -> None:
    def person(folder: str) -> Person:
        return Person(tmp_path / folder / "images" / "a.jpg", np.zeros((NUM_JOINTS, 2), np.float32),
                      np.ones(NUM_JOINTS, bool), False)
    persons = [person("lspet"), person("mpii-crops"), person("mpii-crops-extra"), person("mpii-crops")]
    assert from_folder(persons, "mpii-crops", tmp_path).tolist() == [False, True, False, True]

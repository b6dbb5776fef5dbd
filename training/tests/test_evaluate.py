"""The Python evaluator: the training-time curve (label crops, one scale, no flip), which says it is not the figure
of record."""
from pathlib import Path

import cv2
import numpy as np
import pytest

from cpm_train.data.datasets import Person
from cpm_train.evaluate import __main__ as evaluate_command
from cpm_train.evaluate.pck import evaluate, soften
from cpm_train.evaluate.visualize import render
from cpm_train.model.architecture import NUM_JOINTS
from cpm_train.model.network import CPM
from cpm_train.paths import MODELS


def test_the_evaluator_says_it_is_the_training_time_curve_and_names_the_figure_of_record() -> None:
    help_text = evaluate_command.parser().format_help()
    assert "training-time curve" in help_text and "npm run eval" in help_text
    assert "summed" not in help_text
    for option in ("--flip", "--scales"):  # the app's readings are npm run eval's, not re-implemented here
        with pytest.raises(SystemExit):
            evaluate_command.parser().parse_args(["folder", "--model", "m", option])


def test_the_curve_scores_every_stage_of_a_labelled_person(tmp_path: Path) -> None:
    image = tmp_path / "person.png"
    cv2.imwrite(str(image), np.random.default_rng(0).integers(0, 255, (90, 70, 3), dtype=np.uint8))
    joints = np.random.default_rng(1).uniform(15, 60, (NUM_JOINTS, 2)).astype(np.float32)
    person = Person(image, joints, np.ones(NUM_JOINTS, bool), held_out=True)
    report = evaluate(CPM("cpm-test").eval(), [person])
    assert report["persons"] == 1 and len(report["stages"]) == 6
    assert all(0 <= stage["pck"] <= 100 for stage in report["stages"])
    assert sum(joint["total"] for joint in report["stages"][-1]["joints"].values()) == NUM_JOINTS


def test_softening_blurs_a_crop_to_a_smaller_person_and_keeps_it_at_a_larger_one() -> None:
    spec = {"inputSize": 64, "evalCropScale": 2}  # the person's box is 32 px of the crop
    crops = np.zeros((1, 64, 64, 3), np.uint8)
    crops[0, :, 32:] = 200  # one sharp vertical edge
    kept = soften(crops, 32, spec)
    assert np.array_equal(kept, crops)
    blurred = soften(crops, 8, spec)[0, 10, :, 0].astype(int)  # a quarter of the resolution
    assert blurred.shape == (64,) and abs(blurred.mean() - 100) < 3
    assert ((blurred > 20) & (blurred < 180)).sum() >= 3  # the edge now spans several pixels


def test_the_stage_picture_is_written_where_asked_even_into_a_new_folder(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    cv2.imwrite(str(image), np.random.default_rng(0).integers(0, 255, (60, 80, 3), dtype=np.uint8))
    out = tmp_path / "pictures" / "stages.png"  # cv2.imwrite alone fails silently here
    render(MODELS / "cpm-test", image, out)
    assert cv2.imread(str(out)).shape[2] == 3

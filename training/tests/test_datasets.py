from pathlib import Path

import cv2
import numpy as np
import scipy.io

from cpm_train.data.datasets import LSP_TO_CPM, MPII_TO_CPM, load_folder, lsp_held_out, mpii_held_out
from cpm_train.model.architecture import NUM_JOINTS

CPM = ["head top", "neck", "right shoulder", "right elbow", "right wrist", "left shoulder", "left elbow",
       "left wrist", "right hip", "right knee", "right ankle", "left hip", "left knee", "left ankle"]
LSP = ["right ankle", "right knee", "right hip", "left hip", "left knee", "left ankle", "right wrist",
       "right elbow", "right shoulder", "left shoulder", "left elbow", "left wrist", "neck", "head top"]
MPII = ["right ankle", "right knee", "right hip", "left hip", "left knee", "left ankle", "pelvis", "thorax",
        "neck", "head top", "right wrist", "right elbow", "right shoulder", "left shoulder", "left elbow", "left wrist"]


def test_lsp_mapping_joint_by_joint() -> None:
    for cpm_index, name in enumerate(CPM):
        assert LSP[LSP_TO_CPM[cpm_index]] == name


def test_mpii_mapping_joint_by_joint() -> None:
    for cpm_index, name in enumerate(CPM):
        assert MPII[MPII_TO_CPM[cpm_index]] == name


def write_image(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), np.full((40, 30, 3), 100, np.uint8))


def test_lsp_loader_reads_visibility_and_skips_missing_images(tmp_path: Path) -> None:
    joints = np.zeros((NUM_JOINTS, 3, 3))
    joints[:, 0, :] = np.arange(NUM_JOINTS)[:, None]  # x = LSP joint index
    joints[:, 2, :] = 1
    joints[0, 2, 0] = 0  # person 1's right ankle is not annotated
    scipy.io.savemat(tmp_path / "joints.mat", {"joints": joints})
    write_image(tmp_path / "images" / "im00001.jpg")
    write_image(tmp_path / "images" / "im00003.jpg")
    persons = load_folder(tmp_path)
    assert [p.image.name for p in persons] == ["im00001.jpg", "im00003.jpg"]
    assert persons[0].joints[CPM.index("head top"), 0] == LSP.index("head top")
    assert not persons[0].labelled[CPM.index("right ankle")]
    assert persons[1].labelled.all()


def test_lsp_loader_accepts_3x14xN(tmp_path: Path) -> None:
    joints = np.ones((3, NUM_JOINTS, 1))
    joints[0] = np.arange(NUM_JOINTS)[:, None]
    scipy.io.savemat(tmp_path / "joints.mat", {"joints": joints})
    write_image(tmp_path / "images" / "im0001.jpg")
    person = load_folder(tmp_path)[0]
    assert person.joints[CPM.index("neck"), 0] == LSP.index("neck")


def test_mpii_loader_maps_minus_one_to_unlabelled(tmp_path: Path) -> None:
    values = [float(i) for i in range(16) for _ in range(2)]
    values[2 * MPII.index("left wrist")] = -1
    (tmp_path / "joints.csv").write_text("a_0.jpg," + ",".join(map(str, values)) + "\nmissing_0.jpg," +
                                         ",".join(map(str, values)) + "\n")
    write_image(tmp_path / "images" / "a_0.jpg")
    persons = load_folder(tmp_path)
    assert len(persons) == 1
    assert persons[0].joints[CPM.index("head top"), 0] == MPII.index("head top")
    assert not persons[0].labelled[CPM.index("left wrist")]
    assert persons[0].labelled.sum() == 13


def test_held_out_rule_is_about_five_percent_and_groups_photos() -> None:
    assert sum(lsp_held_out(i) for i in range(1, 10001)) == 500
    assert mpii_held_out("012345678_0.jpg") == mpii_held_out("012345678_3.jpg")
    share = np.mean([mpii_held_out(f"{i:09d}_0.jpg") for i in range(4000)])
    assert 0.03 < share < 0.07


def test_bilinear_crop_is_exact_float_bilinear_like_the_app() -> None:
    from cpm_train.data.crop_cache import GREY, bilinear_crop
    image = np.arange(4 * 4 * 3, dtype=np.uint8).reshape(4, 4, 3) * 5
    assert np.array_equal(bilinear_crop(image, 2.0, 2.0, 4.0, 4), image)  # identity map
    shifted = bilinear_crop(image, 2.5, 2.0, 4.0, 4)  # half a pixel right: neighbours averaged, halves rounded up
    assert shifted[1, 1, 0] == int(np.floor((int(image[1, 1, 0]) + int(image[1, 2, 0])) / 2 + 0.5))
    assert shifted[0, 3, 0] == int(np.floor((int(image[0, 3, 0]) + GREY) / 2 + 0.5))  # grey beyond the edge

import numpy as np
import pytest

from cpm_train.backbone.multipose_slots import JOINTS, PREFIX, SLOTS, slot_constants, with_person_slots


def stand_in() -> tuple[dict, dict]:
    """A graph holding MultiPose's slot constants as the package's graph has them, and one other constant."""
    weights = {**slot_constants(SLOTS), PREFIX + "other": np.array([6, 6], np.int32)}
    nodes = [{"name": name, "op": "Const", "attr": {"value": {"tensor": {"tensorShape": {
        "dim": [{"size": str(d)} for d in np.asarray(value).shape]}}}}} for name, value in weights.items()]
    return {"node": nodes}, weights


def test_the_graph_reports_more_persons_and_only_the_slot_constants_change() -> None:
    topology, weights = with_person_slots(stand_in(), 20)
    assert int(weights[PREFIX + "TopKV2/k"]) == 20
    assert weights[PREFIX + "Reshape_16/shape"].tolist() == [-1, 20 * JOINTS]
    assert weights[PREFIX + "Reshape_18/shape"].tolist() == [1, 20, JOINTS, 2]
    assert weights[PREFIX + "Reshape_17"].tolist() == list(range(JOINTS)) * 20
    assert weights[PREFIX + "zeros_like"].shape == (1, 20, JOINTS)
    assert weights[PREFIX + "other"].tolist() == [6, 6]
    shapes = {n["name"]: n["attr"]["value"]["tensor"]["tensorShape"] for n in topology["node"]}
    assert shapes[PREFIX + "Reshape_3"] == {"dim": [{"size": "20"}]}
    assert shapes[PREFIX + "TopKV2/k"] == {}


def test_a_graph_that_is_not_multipose_as_expected_is_refused() -> None:
    topology, weights = stand_in()
    with pytest.raises(ValueError, match="Reshape_9/shape"):
        with_person_slots((topology, {**weights, PREFIX + "Reshape_9/shape": np.array([5, JOINTS, 2], np.int32)}), 20)

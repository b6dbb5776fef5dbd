"""The model soup averages weights and keeps what is not a weight."""
import pytest
import torch

from cpm_train.train.soup import soup


def checkpoint(value: float, member: str = "cpm-lightning") -> dict:
    return {
        "member": member,
        "model": {"stages.0.conv.weight": torch.full((2, 2), value), "stages.0.bn.num_batches_tracked": torch.tensor(7)},
        "backbone": {"topology": {"nodes": 1}, "weights": {"conv": torch.full((3,), value, dtype=torch.float16)}},
        "optimiser": {"state": {}},
        "scheduler": {"last_epoch": 3},
        "report": {"persons": 506},
    }


def test_the_soup_is_the_mean_of_the_weights() -> None:
    mixed = soup([checkpoint(1.0), checkpoint(2.0), checkpoint(6.0)])
    assert torch.equal(mixed["model"]["stages.0.conv.weight"], torch.full((2, 2), 3.0))
    assert mixed["backbone"]["weights"]["conv"].dtype == torch.float16
    assert torch.equal(mixed["backbone"]["weights"]["conv"], torch.full((3,), 3.0, dtype=torch.float16))
    assert mixed["model"]["stages.0.bn.num_batches_tracked"].item() == 7
    assert mixed["backbone"]["topology"] == {"nodes": 1}


def test_the_soup_carries_nothing_of_one_run_alone() -> None:
    mixed = soup([checkpoint(1.0), checkpoint(2.0)])
    assert set(mixed) == {"member", "model", "backbone"}


def test_members_do_not_mix() -> None:
    with pytest.raises(ValueError):
        soup([checkpoint(1.0), checkpoint(2.0, member="cpm-movenet-local")])

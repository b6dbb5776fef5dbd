"""The training loop's model, optimiser and schedule: a resumed run picks up where its checkpoint left off."""
import argparse
import math
from pathlib import Path

import pytest
import torch

from cpm_train.backbone.movenet import write_backbone
from cpm_train.model.architecture import member
from cpm_train.train import __main__ as train
from cpm_train.train.schedule import Clock, time_budget_scheduler, warmup_cosine
from stand_ins import stand_in_graph


AT_WARMUP_END = 0.02 + 0.98 * 0.5 * (1 + math.cos(0.02 * math.pi))


@pytest.mark.parametrize("progress, factor", [(0.0, 0.0), (0.01, 0.5), (0.02, AT_WARMUP_END), (0.5, 0.51),
                                              (1.0, 0.02), (1.5, 0.02)])
def test_the_schedule_warms_up_over_2_percent_of_the_budget_then_decays_to_2_percent(progress: float,
                                                                                    factor: float) -> None:
    assert warmup_cosine(progress) == pytest.approx(factor)


def test_the_scheduler_sets_each_group_from_its_initial_rate_and_the_clock() -> None:
    clock = Clock(budget=100.0)
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimiser = torch.optim.AdamW([{"params": [parameter], "lr": 1e-3}, {"params": [], "lr": 1e-4}])
    scheduler = time_budget_scheduler(optimiser, clock)
    assert [group["lr"] for group in optimiser.param_groups] == [0.0, 0.0]
    clock.elapsed = 50.0
    optimiser.step()
    scheduler.step()
    assert scheduler.get_last_lr() == pytest.approx([0.51e-3, 0.51e-4])


def fine_tune(backbone_from: Path, lr: str) -> argparse.Namespace:
    """Arguments of a fine-tune of the local member over the backbone of an exported model's folder."""
    return train.parser().parse_args(["--member", "cpm-movenet-local", "--minutes", "1", "--fine-tune-backbone",
                                      "--backbone-from", str(backbone_from), "--lr", lr, "--backbone-lr", "1e-4"])


def test_a_resumed_run_restores_the_stages_the_fine_tuned_backbone_the_optimiser_and_the_schedule(
        tmp_path: Path) -> None:
    spec = member("cpm-movenet-local")
    write_backbone(tmp_path, spec, uint8_kernels=False, tuned=stand_in_graph(spec))  # a stand-in exported backbone
    args = fine_tune(tmp_path, "1e-3")
    clock = Clock(budget=60.0)
    model = train.build_model(args, None)
    optimiser, scheduler = train.build_optimiser(model, args, None, clock)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter))
    clock.elapsed = 30.0
    optimiser.step()
    scheduler.step()
    state = train.checkpoint(args.member, model, optimiser, scheduler, clock, 7, 50.0, None, True)
    train.save_atomic(state, tmp_path / "last.pt")
    saved = torch.load(tmp_path / "last.pt")
    again = fine_tune(tmp_path, "5e-3")  # the checkpoint's initial rates win, as its optimiser's state
    resumed = train.build_model(again, saved)
    resumed_optimiser, resumed_scheduler = train.build_optimiser(resumed, again, saved, Clock(60.0, saved["elapsed"]))
    assert all(torch.equal(v, resumed.cpm_state()[k]) for k, v in model.cpm_state().items())
    assert all(torch.equal(v, resumed.state_dict()[k]) for k, v in model.state_dict().items())  # the backbone too
    assert resumed_scheduler.state_dict() == scheduler.state_dict()
    assert resumed_scheduler.get_last_lr() == pytest.approx([0.51e-3, 0.51e-4])
    assert [g["lr"] for g in resumed_optimiser.param_groups] == pytest.approx([0.51e-3, 0.51e-4])

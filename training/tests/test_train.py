"""The training loop's model and optimiser: a resumed run picks up where its checkpoint left off."""
from pathlib import Path

import torch

from cpm_train.backbone.movenet import write_backbone
from cpm_train.model.architecture import member
from cpm_train.train import __main__ as train
from stand_ins import stand_in_graph


def test_a_resumed_run_restores_the_stages_the_fine_tuned_backbone_and_the_optimiser(tmp_path: Path) -> None:
    spec = member("cpm-movenet-local")
    write_backbone(tmp_path, spec, uint8_kernels=False, tuned=stand_in_graph(spec))  # an exported model's backbone
    args = train.parser().parse_args(["--member", "cpm-movenet-local", "--minutes", "1", "--fine-tune-backbone",
                                      "--backbone-from", str(tmp_path)])
    model, optimiser = train.build_model(args, None)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter))
    optimiser.param_groups[1]["lr"] = 0.5
    train.save_atomic(train.checkpoint(args.member, model, optimiser, 30.0, 7, 50.0, None, True), tmp_path / "last.pt")
    resumed, resumed_optimiser = train.build_model(args, torch.load(tmp_path / "last.pt"))
    assert all(torch.equal(v, resumed.cpm_state()[k]) for k, v in model.cpm_state().items())
    assert all(torch.equal(v, resumed.state_dict()[k]) for k, v in model.state_dict().items())  # the backbone too
    assert resumed_optimiser.param_groups[1]["lr"] == 0.5

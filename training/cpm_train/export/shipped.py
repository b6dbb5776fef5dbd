"""A training checkpoint as the model that ships: the stages it keeps and the backbone it carries, and the slim state
it leaves for later warm starts."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..backbone.graph_backbone import Graph
from ..model.architecture import member
from ..model.extractors import attach_checkpoint_backbone
from ..model.network import CPM
from ..model.slim_state import save_slim_state


def shipped_spec(member_id: str, stages: int | None) -> dict[str, Any]:
    """The member's architecture, or with only its first `stages` stages (a model trained with more)."""
    trained = member(member_id)
    if stages is None:
        return trained
    if not 1 <= stages <= trained["stages"]:
        raise ValueError(f"--stages must be 1..{trained['stages']} for {member_id}")
    return {**trained, "stages": stages}


def shipped_model(state: dict[str, Any], stages: int | None) -> tuple[CPM, Graph | None]:
    """The checkpoint's model with its first `stages` stages (all by default) and its backbone attached, in eval
    mode; and the checkpoint's fine-tuned backbone graph, if it has one."""
    spec = shipped_spec(state["member"], stages)
    model = CPM(state["member"], spec=spec)
    dropped = tuple(f"stages.{i}." for i in range(spec["stages"], member(state["member"])["stages"]))  # not shipped
    model.load_state_dict({k: v for k, v in state["model"].items() if not k.startswith(dropped)})
    tuned = attach_checkpoint_backbone(model, state)
    return model.eval(), tuned


def save_trained_state(state: dict[str, Any], path: Path) -> None:
    """The slim state of every stage the checkpoint trained, shipped or not: a later warm start wants them all."""
    trained = CPM(state["member"])
    trained.load_state_dict(state["model"])
    save_slim_state(trained, path)

"""The learning rate over a run's time budget: linear warm-up, then cosine decay to 2 %, as torch's LambdaLR.

A run is measured in minutes (`--minutes`, resume included), not in steps, so the factor on each group's initial rate
is a function of the share of that budget spent, read from the run's clock at every scheduler step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR

WARMUP = 0.02  # share of the budget
FLOOR = 0.02  # the rate at the end, as a share of the initial rate


def warmup_cosine(progress: float) -> float:
    """The factor on a group's initial rate once `progress` of the budget is spent."""
    if progress < WARMUP:
        return progress / WARMUP
    return FLOOR + (1 - FLOOR) * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))


@dataclass
class Clock:
    """Training seconds spent, resume included, against the run's budget."""
    budget: float
    elapsed: float = 0.0

    def progress(self) -> float:
        return self.elapsed / self.budget


def time_budget_scheduler(optimiser: torch.optim.Optimizer, clock: Clock) -> LambdaLR:
    """Sets every group's rate from the clock when constructed and at each step() (after each optimiser step)."""
    return LambdaLR(optimiser, lambda _step: warmup_cosine(clock.progress()))

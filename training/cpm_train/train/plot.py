"""Draws a run's per-stage training loss and held-out PCK against training minutes (docs/model.md's curve).

    /usr/bin/python3 -m cpm_train.train.plot runs/my-run/log.jsonl runs/my-run/curve.png [--hardware "1 H200 GPU"]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..model.architecture import NUM_JOINTS


def plot(log: Path, out: Path, hardware: str) -> None:
    # Imported here, so that the rest of the package (and this module's --help) needs no matplotlib.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    losses = [r for r in records if "loss" in r]
    evals = [r for r in records if "held_out_pck" in r]
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    stages = len(losses[0]["loss"])
    for t in range(stages):
        left.plot([r["minutes"] for r in losses], [r["loss"][t] for r in losses], label=f"stage {t + 1}", lw=1)
        right.plot([r["minutes"] for r in evals], [r["held_out_pck"][t] for r in evals], "o-", label=f"stage {t + 1}")
    left.set(xlabel=f"training minutes ({hardware})", ylabel="loss (sum of squared errors per image)",
             yscale="log", title="training loss per stage")
    right.set(xlabel=f"training minutes ({hardware})", ylabel=f"PCK@0.2, all {NUM_JOINTS} joints (%)",
              title="held-out PCK per stage")
    right.set_xlim(left.get_xlim())  # one time axis for both, also when the run was evaluated only at its end
    for axis in (left, right):
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(out, dpi=110)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m cpm_train.train.plot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", type=Path, help="a run's log.jsonl")
    parser.add_argument("out", type=Path, help="the picture to write (PNG)")
    parser.add_argument("--hardware", default="2 CPU cores", help="what the run trained on, for the time axis")
    return parser


def main() -> None:
    args = parser().parse_args()
    plot(args.log, args.out, args.hardware)


if __name__ == "__main__":
    main()

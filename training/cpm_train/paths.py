"""Where the repository, the shared data and training's git-ignored folders are."""
from __future__ import annotations

from pathlib import Path

TRAINING = Path(__file__).resolve().parents[1]
REPO = TRAINING.parent
SHARED = REPO.parent / "shared"  # ../shared beside the repository: data and samples, read-only
CACHE = TRAINING / ".cache"  # git-ignored: crop caches, cached backbone maps, the scratch npm install
RUNS = TRAINING / "runs"  # git-ignored: checkpoints and logs
STATES = TRAINING / "states"  # committed: slim states for warm starts
MODELS = REPO / "public" / "models"

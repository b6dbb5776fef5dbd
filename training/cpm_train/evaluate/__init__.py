"""Held-out PCK as the training loop's curve (python3 -m cpm_train.evaluate; the figure of record is npm run eval),
and pictures of the stages."""

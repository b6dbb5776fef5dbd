"""Held-out PCK with the protocol of npm run eval (python3 -m cpm_train.evaluate), and pictures of the stages."""

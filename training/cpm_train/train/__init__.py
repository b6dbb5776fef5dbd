"""The training loop (python3 -m cpm_train.train) and the tools around it: overfitting check, benchmark, curves."""

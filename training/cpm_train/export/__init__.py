"""A training checkpoint as an app model in public/models (python3 -m cpm_train.export), and golden fixtures."""

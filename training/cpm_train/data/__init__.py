"""Labelled persons, crops and their caches, augmentation, belief-map targets."""

"""Training, evaluation and export of the project's Convolutional Pose Machines.

Subpackages by job, each depending only on those above it:
    backbone/  tfjs graphs (MoveNet) and pretrained weights (PoseNet), run in PyTorch; knows nothing of the CPM
    model/     the CPM built from src/cpm/architectures.json, its pixel convention, decoding, the app's model files
    data/      labelled persons, crops, augmentation, belief-map targets, cached backbone maps
    evaluate/  the training-time held-out PCK curve (`python3 -m cpm_train.evaluate`; npm run eval is the figure of
               record), pictures
    export/    a checkpoint -> public/models/<id> (`python3 -m cpm_train.export`), golden fixtures
    train/     the training loop (`python3 -m cpm_train.train`), overfitting check, benchmark, curves
Export and evaluation never import the training loop.
"""

"""tfjs graphs (MoveNet) and pretrained weights (PoseNet) run in PyTorch; nothing here knows the CPM."""

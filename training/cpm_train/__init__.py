"""Training, evaluation and export of the project's Convolutional Pose Machines."""

"""The CPM built from src/cpm/architectures.json: layers, pixel convention, decoding, the app's model files."""

"""The one pixel convention (model/pixels.py), as src/pose/box.ts states it for the app."""
import numpy as np
import torch

from cpm_train.model.decode import decode_peaks
from cpm_train.model.pixels import cell_centre, crop_matrix, crop_to_source, pixel_to_cell, resize_matrix


def test_a_crop_box_puts_its_corner_on_pixel_zero_and_its_centre_on_half_the_size() -> None:
    centre, side, size = np.array([40.0, 60.0]), 100.0, 50
    assert np.allclose(crop_to_source(np.zeros(2), centre, side, size), centre - side / 2)
    assert np.allclose(crop_to_source(np.full(2, size / 2), centre, side, size), centre)
    source = np.array([13.0, 71.5])
    output = crop_matrix(*centre, side, size) @ np.array([*source, 1.0])
    assert np.allclose(crop_to_source(output[:2], centre, side, size), source)


def test_decoding_puts_a_peak_at_its_cell_centre() -> None:
    maps = torch.zeros(1, 1, 8, 8)
    maps[0, 0, 3, 5] = 1.0  # row 3, column 5
    points, _ = decode_peaks(maps, stride=8)
    assert points[0, 0].tolist() == [cell_centre(5, 8), cell_centre(3, 8)] == [43.5, 27.5]
    assert pixel_to_cell(cell_centre(5.25, 8), 8) == 5.25


def test_a_resize_maps_the_regions_pixel_edges_to_the_outputs() -> None:
    matrix = resize_matrix(first=10, side=20, size=40)
    assert np.allclose(matrix @ [9.5, 29.5, 1.0], [-0.5, 39.5, 1.0])

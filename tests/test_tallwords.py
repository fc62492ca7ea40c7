"""Tall, unsure words read again clipped to their row (pipeline/tallwords.py)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline import tallwords, tesseract
from pipeline.models import Word

ROW = [
    Word("NIK", 80.0, (293, 368, 375, 404), 2),
    Word(":", 76.0, (465, 378, 475, 404), 2),
    Word("231NOSSLALN", 0.0, (515, 367, 874, 446), 2),  # reaches a dot of the row below
    Word("15", 36.0, (895, 367, 963, 405), 2),  # the NIK's last digits, unsure beside it
    Word("Nama", 96.0, (1400, 368, 1480, 404), 2),
]


def _runs(row):
    return [[w.text for w in run] for run, _ in tallwords._tall_runs(sorted(row, key=lambda w: w.bbox[0]))]


@pytest.mark.parametrize(
    ("row", "runs"),
    [
        (ROW, [["231NOSSLALN", "15"]]),  # the tall word and its unsure neighbour, not the sure ones
        ([*ROW[:2], Word("231NOSSLALN", 45.0, (515, 367, 874, 446), 2), *ROW[3:]], []),  # read surely enough
        ([*ROW[:2], Word("ROCH", 0.0, (515, 367, 874, 395), 2), *ROW[3:]], []),  # not taller than its row
        ([*ROW[:2], Word("|1", 0.0, (515, 367, 530, 446), 2), *ROW[3:]], []),  # a speck's reading
        ([Word("NIK", 80.0, (293, 368, 375, 404), 2), ROW[2]], []),  # no row to measure it by
    ],
    ids=["tall-and-neighbour", "sure-enough", "not-tall", "too-short", "no-row"],
)
def test_tall_runs(row, runs):
    assert _runs(row) == runs


def test_tall_nik_read_again_inside_its_row():
    """An e-KTP (corpus seed 71413 berkas-0016) whose NIK's box took in the dot under it: read
    "231NOSSLALN" and "15" on the page; clipped to its row, the printed 3311105512720758."""
    image = cv2.imread(str(Path(__file__).parent / "data" / "ktp-nik-tall-word.png"), cv2.IMREAD_GRAYSCALE)
    text = tesseract.recognise(image, "ind", 3, 1, 60)
    assert "3311105512720758" not in text.text
    again = tallwords.read_tall_words(image, text, lambda crop: tesseract.recognise(crop, "ind", 7, 1, 60))
    assert "NIK : 3311105512720758" in again.text
    nik = next(w for w in again.words if w.text == "3311105512720758")
    assert nik.line == next(w for w in again.words if w.text == "NIK").line
    assert nik.bbox[3] - nik.bbox[1] < 60  # its own row's height, no longer the dot's

"""Dates OCR broke or damaged past the earlier readers, in the shapes Tesseract left them on the
seeds' scans of kutipan akta, letters and decrees. Table style, no OCR: each row is a text and the
date that must (or must not) be read from it. Names and numbers are made up."""

from __future__ import annotations

import pytest

from pipeline import dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year in words broken over two rows, the second starting with debris (kutipan akta)
        (
            "pada tanggal dua puluh lima Agustus seribu sembilan ratus sembilan puluh\n, satu\ntelah lahir",
            "1991-08-25",
        ),
        ("tujuh belas September seribu sembilan ratus sembilan puluh\n| lima\ntelah lahir", "1995-09-17"),
        ("empat Mei dua ribu\n- tiga\ntelah lahir", "2003-05-04"),
        # the year already whole: a debris row after it is not taken in
        ("lima Mei dua ribu sebelas\n, satu anak", "2011-05-05"),
        ("lima Mei seribu sembilan ratus delapan puluh tujuh\n| dua", "1987-05-05"),
        # no debris: the plain row break was read before and still is
        ("dua Juni seribu sembilan ratus sembilan puluh\ndua\ntelah lahir", "1992-06-02"),
    ],
)
def test_year_in_words_over_two_rows(text: str, expected: str) -> None:
    found = dates.find_dates(text)
    assert found and found[0].value.isoformat() == expected

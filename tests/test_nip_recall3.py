"""NIP recall and precision (round 3): shapes from OCR text of generated dossiers, names changed."""

from __future__ import annotations

import pytest

from pipeline import nip
from pipeline.group import group_pages
from tests.textpage import page_result

SK_PANGKAT_FIRST = ["PETIKAN", "KEPUTUSAN BUPATI", "TENTANG", "KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL"]
# a kenaikan gaji berkala letter whose title OCR garbled, with its tembusan (a continuation marker)
KGB_LETTER = [
    "SURAT PEMBERITAHUAN KENAIKAN GAN BERKALA",
    "Nomor : 822.4/569/2025",
    "Gaji pokok lama : Rp 3.446.500,-",
    "Tembusan disampaikan kepada Yth.:",
]
# the closing page of the SK, read by a keyword or two as some other type
SK_CLOSING = ["KEDUA : Keputusan ini mulai berlaku", "Ditetapkan di Sukoharjo", "Tembusan"]


@pytest.mark.parametrize(
    "second, expected",
    [
        (page_result(2, KGB_LETTER, "SK_KGB", False, 0.96), [("SK_PANGKAT", [1]), ("SK_KGB", [2])]),
        (page_result(2, SK_CLOSING, "KARIS_KARSU", False, 0.56), [("SK_PANGKAT", [1, 2])]),
        (page_result(2, SK_CLOSING, "AKTA_KELAHIRAN", False, 0.585), [("SK_PANGKAT", [1, 2])]),
        (page_result(2, SK_CLOSING, "UNKNOWN", False, 0.95), [("SK_PANGKAT", [1, 2])]),
    ],
)
def test_untitled_page_sure_of_another_type_opens_a_document(second, expected):
    pages = [page_result(1, SK_PANGKAT_FIRST, "SK_PANGKAT", True, 1.0), second]
    documents, _ = group_pages(pages)
    assert [(d.doc_type, d.pages) for d in documents] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a mark before the number read as a digit, gender and sequence printed together
        ("2) 19681215 . - 200904 - 2087 “ OX Ip. Lingkungan", "196812152009042087"),
        # a speck between the printed groups (as before)
        (", 19670203 7 200703 1 388", "196702032007031388"),
        ("19670203 2007031 4 388", "196702032007031388"),
        # either of two one-digit groups may be the speck: no guess
        ("19670203 200703 1 2 388", None),
        # the groups left do not break where an NIP is printed
        ("2) 1968121 52009042087", None),
        # 20 digits: no single speck
        ("2) 3 19681215 200904 2087", None),
        # letters between the groups: not one number
        ("2 Ib 19681215 200904 2087", None),
    ],
)
def test_grouped_nip_without_a_leading_speck(text, expected):
    found = nip.grouped_nip(text)
    assert (found[0] if found else None) == expected

"""NIP recall and precision (round 3): shapes from OCR text of generated dossiers, names changed."""

from __future__ import annotations

import pytest

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

"""NIP recall and precision (round 3): shapes from OCR text of generated dossiers, names changed."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import nip
from pipeline.extract import extract_document
from pipeline.group import group_pages
from pipeline.models import Document
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


def _petikan(golongan_row: int, nip_row: int, nip_line: str) -> list[str]:
    """A petikan whose Nama and NIP rows OCR lost: only its diktum's golongan is read, and the
    signing official's NIP stands at ``nip_row`` (page rows are 50 px, the page 3508 px high)."""
    lines = ["WALI KOTA SALATIGA", "PETIKAN", "KEPUTUSAN WALI KOTA SALATIGA", "NOMOR : 823.3/337/2021"]
    lines += ["sehagaimana telah dinhah"] * (golongan_row - len(lines))
    lines.append("b. Golongan ruang : III/d")
    lines += ["Ditetapkan di Salatiga"] * (nip_row - len(lines) - 2)
    lines += ["Dra AGUS PRAsi:1YO, M.SL", "Femaana Utama Muda", nip_line]
    return lines


@pytest.mark.parametrize(
    "doc_type, golongan_row, nip_row, nip_line, expected",
    [
        # the signature 20 rows below the diktum: the official's NIP is no one's of the block
        ("SK_PANGKAT", 12, 44, "NIP. 19791228 nnana 1 012", None),
        ("SK_PANGKAT", 12, 44, "NIP. 19791228 200604 1 012", None),
        # a NIP row right under the block, even low on the page, stays the block's
        ("SK_PANGKAT", 38, 41, "NIP. 19680224 200904 1 377", "196802242009041377"),
        # a letter the employee signs: the NIP under the signature may be their own, kept as before
        ("SURAT_PERMOHONAN", 12, 44, "NIP. 19680224 200904 1 377", "196802242009041377"),
        ("DPCP", 12, 44, "NIP. 19680224 200904 1 377", "196802242009041377"),
    ],
)
def test_signature_nip_far_below_a_nameless_block(doc_type, golongan_row, nip_row, nip_line, expected):
    lines = _petikan(golongan_row, nip_row, nip_line)
    fields = extract_document(Document("d1", doc_type, [1]), {1: page_result(1, lines, doc_type)})
    assert (fields["nip"].value if "nip" in fields else None) == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        ("19KANRI4", "19680824"),  # the century and the last digit agree, the rest letters
        ("19nanA24", "19680824"),
        ("1968o824", "19680824"),
        ("19KANRI5", None),  # a digit that is not the date's: another date, or another NIP
        ("YAKANNOY", None),  # no digit to confirm anything
        ("19KANRIY", None),  # the century alone is too little
        ("19680824", None),  # nothing to repair
        ("19KANR4", None),  # seven characters: a digit lost, no place to read
    ],
)
def test_head_from_birth(head, expected):
    assert nip.head_from_birth(head, date(1968, 8, 24), 3) == expected


BORN = "Tempat/Tanggal Lahir : Banjarnegara, 24-08-1968"
DPCP_HEAD = ["DATA PERORANGAN CALON PENERIMA PENSIUN", "IL KETERANGAN PRIBADI", "Nama : DWI MURID, S.E."]


@pytest.mark.parametrize(
    "lines, expected, unsure",
    [
        (["NIP : 19KANRI4 200901 1 366", BORN], "196808242009011366", True),
        # the birth date printed above the NIP row counts as well
        ([BORN, "NIP : 19KANRI4 200901 1 366"], "196808242009011366", True),
        # a head digit that is not the date's: read as before, malformed
        (["NIP : 19KANRI5 200901 1 366", BORN], "1952009011366", True),
        # TMT before the age of 18 by the date: no NIP, read as before
        (["NIP : 19KANRI4 197901 1 366", BORN], "1941979011366", True),
        # read whole: untouched
        (["NIP : 19680824 200901 1 366", BORN], "196808242009011366", False),
        # one birth digit misread, CPNS at 16 as read: no NIP; the printed date puts it right
        (["NIP : 19880824 200403 1 366", BORN], "196808242004031366", True),
        # ... but an NIP that decodes stays as read, its birth date differing a finding
        (["NIP : 19780824 200901 1 366", BORN], "197808242009011366", False),
        # two digits from the printed date: as read
        (["NIP : 19880825 200403 1 366", BORN], "198808252004031366", True),
    ],
)
def test_nip_head_from_printed_birth_date(lines, expected, unsure):
    page = page_result(1, DPCP_HEAD + lines, "DPCP")
    fields = extract_document(Document("d1", "DPCP", [1]), {1: page})
    assert fields["nip"].value == expected
    assert (fields["nip"].confidence < 0.6) == unsure


@pytest.mark.parametrize(
    "head, next_line, expected",
    [
        # a number one digit short over the next numbered row: its "3" is no tail
        ("19671122 200601 1 00", "3. Tempat/Tgl. Lahir : Magelang, 22 November 1967", None),
        ("19671122 200601 1 00", "(3) Tempat/Tgl. Lahir", None),
        # a tail in a sentence still joins
        ("19671213 200701 1", "219, Pegawai Negeri Sipil pada", "196712132007011219"),
        ("19671104", "200601 1 355, Pegawai", "196711042006011355"),
    ],
)
def test_wrapped_tail_is_no_row_number(head, next_line, expected):
    joined = nip.join_wrapped(head, next_line)
    assert (joined[0] if joined else None) == expected


def test_numbered_nip_row_one_digit_short_stays_malformed():
    lines = [
        "KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL",
        "KESATU : Menaikkan pangkat Pegawai Negeri Sipil:",
        "1. Nama : YUDI RAHARJO",
        "2. NIP : 19671122 200601 1 00",
        "3. Tempat/Tgl. Lahir : Magelang, 22 November 1967",
    ]
    fields = extract_document(Document("d1", "SK_PANGKAT", [1]), {1: page_result(1, lines, "SK_PANGKAT")})
    assert fields["nip"].value == "19671122200601100"

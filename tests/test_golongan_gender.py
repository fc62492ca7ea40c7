"""Golongan and jenis kelamin read through OCR damage: the row shapes Tesseract left on the synthetic
tuning dossiers (names and numbers changed), and what must (or must not) be read from them."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_document
from pipeline.gender import gender_of, gender_row
from pipeline.models import Document
from pipeline.promotion import _sure_golongan, promoted_golongan
from pipeline.rank_history import current_golongan
from pipeline.ranks import damaged_golongan, find_rank, next_golongan, rank_by_letter, reconcile
from pipeline.textindex import TextIndex
from tests.textpage import page_result, page_text


def extract(doc_type: str, lines: list[str]) -> dict:
    doc = Document("d1", doc_type, [1])
    fields = extract_document(doc, {1: page_result(1, lines, doc_type)})
    return {k: v.value for k, v in fields.items()}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("LAKI-LAKI Gol. Darah : -", "L"),  # e-KTP row run on into the next field
        ("Laki-Laki", "L"),
        ("Pria", "L"),
        ("Wanita", "P"),
        ("PEREMPUAN", "P"),
        # damaged, still plainly one word
        ("Ferempuan", "P"),
        ("rerempuan", "P"),
        ("reempuan", "P"),
        ("Terempuan", "P"),
        ("Femenman", "P"),
        ("Laki-aki", "L"),
        ("Lakd-lakd", "L"),
        ("Lak-ald '", "L"),
        ("LakH-aki .", "L"),
        ("Laki-iaki", "L"),
        ("Taki-Taki", "L"),
        ("Lak-aid .", "L"),
        # no gender word: too little left, the label itself, or another field's value
        ("Fa—-", None),
        ("Fempum -", None),
        ("Kelamin", None),
        ("Swasta", None),
        ("Wiraswasta", None),
        ("Kawin", None),
        ("Pegawai", None),
        ("Islam", None),
    ],
)
def test_gender_of(value: str, expected: str | None) -> None:
    found = gender_of(value)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Nama : SRI", "Jenis Kasat Laki-iaki", "Agama : Islam"], "L"),  # label damaged past the label reader
        (["Nama : SRI", "Jenis Kasat 2 LAKI-LAKI Gol. Darah : -"], "L"),
        (["Nama : SRI", "Jenis Kelamin", ": Perempuan"], "P"),  # the value set apart from its label
        (["Nama : SRI", "Jenis Kelamin", "Pekerjaan : Swasta"], None),
        (["Nama : SRI", "Jenis Kelamin", "Agama : Islam"], None),
        (["Status : Kawin", "Jenis Pekerjaan : Pegawai"], None),
    ],
)
def test_gender_row(lines: list[str], expected: str | None) -> None:
    found = gender_row(TextIndex(page_text(lines), 1))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        ("DPCP", ["Nama : JOKO SANTOSO", "4. Jenis Kelamin : Ferempuan"], "P"),
        ("DPCP", ["Nama : JOKO SANTOSO", "Jenis Kelamin 1 Lakd-lakd"], "L"),
        ("SURAT_KEMATIAN", ["Nama : JOKO SANTOSO", "Jenis Kelamin : : Taki-Taki"], "L"),
        ("KTP", ["Nama : JOKO SANTOSO", "Jenis Kasat 2 LAKI-LAKI Gol. Darah : -"], "L"),
        ("DPCP", ["Nama : JOKO SANTOSO", "Jenis Kelamin", "Pangkat/Gol. Ruang : Penata / III/c"], None),
    ],
)
def test_gender_in_document(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert extract(doc_type, lines).get("jenis_kelamin") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Nud", "?/d"),
        ("md", "?/d"),
        ("mid", "?/d"),
        ("NLd", "?/d"),
        ("Nnud", "?/d"),
        ("Mc", "?/c"),
        ("Na .", "?/a"),
        ("ni/a", "?/a"),
        ("N/b", "?/b"),
        ("TU", None),
        ("Nama", None),
        ("Penata", None),
    ],
)
def test_damaged_golongan(value: str, expected: str | None) -> None:
    assert damaged_golongan(value) == expected


@pytest.mark.parametrize(
    ("reading", "letter", "expected"),
    [
        ("Penata Tinckat J", "d", "III/d"),
        ("Penata TinskatI ,", "d", "III/d"),
        ("Peneua Tingkat |", "d", "III/d"),
        ("Pengatur Tingkar 1", "d", "II/d"),
        ("Penata Muda", "a", "III/a"),
        ("Fera Muda Tingkat |", "b", None),  # Juru/Penata Muda Tingkat I: too close to tell
        ("Tama Tindkat I", "d", None),
        ('"em m—.. Tingkat |', "d", None),  # no Juru Tingkat I (I/d) from "Tingkat |" alone
    ],
)
def test_rank_by_letter(reading: str, letter: str, expected: str | None) -> None:
    assert rank_by_letter(reading, letter) == expected


def test_next_golongan() -> None:
    assert [next_golongan(g) for g in ("II/d", "III/c", "IV/e", "?/d")] == ["III/a", "III/d", None, None]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Panata / Ill/c / 01-04-2014", "III/c"),
        ("Penata / Ili/c / 01-04-2014", "III/c"),
        ("Pengatur Tingkat I / Il/d / 01-04-2018", "II/d"),
        ("Pengatur Tingkat 1 / Ivd / 01-04-2019", "II/d"),  # the rank over a damaged roman part
        ("Penata Muda Tinckat | / Il/b / 01-04-2012", "III/b"),
        ("Panam / Ic / 01-04-2014", None),  # "Ic" without slash or rank: the roman part unsure
        ("Tara wis Muda / HIV / 01-04-2009", None),
        ("Sanam Muda Tingkat (4 Ilvb / 01-04-2020", None),
    ],
)
def test_old_rank_value(value: str, expected: str | None) -> None:
    assert _sure_golongan(value) == expected


def test_promoted_golongan_needs_the_printed_letter() -> None:
    index = TextIndex(page_text(["5. Pangkat lama/Gol. ruang/TMT : Penata / Ill/c / 01-04-2014"]), 1)
    assert promoted_golongan([index], "d") == "III/d"
    assert promoted_golongan([index], "a") is None  # not one step up: nothing taken


SK_PANGKAT = [
    "KESATU : Menaikkan pangkat Pegawai Negeri Sipil:",
    "1. Nama : ARIF MUFID, S.E.",
    "5. Pangkat lama/Gaol. ruand/TMT : Panata / Ill/c / 01-04-2014",
    "Menjadi:",
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # the new rank too damaged to read alone, the golongan row only its letter
        (["a. Pangkat baru : Fera Tingkat |", "b. Golongan ruang : Nud"], "III/d"),
        (["a. Pangkat baru : Penata Tinckat J", "b. Golongan ruang : Nnud"], "III/d"),
        (["b. Golongan ruang : mid"], "III/d"),
        # a letter that is not one step up: no golongan rather than a guess
        (["a. Pangkat baru : Fera Tingkat |", "b. Golongan ruang : Na"], None),
    ],
)
def test_sk_pangkat_new_golongan(rows: list[str], expected: str | None) -> None:
    assert extract("SK_PANGKAT", SK_PANGKAT + rows).get("golongan") == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # DPCP row I.5: the "|" of "Tingkat |" is the roman I; the golongan's letter picks the rank
        ("Pangaat/Gol. Ruang, TMT : Peneua Tingkat | / IIVd, 01-04-2019", "III/d"),
        ("Pangkat/Gol. Ruang, TMT : Penata Tinckar | / IIVd, 01-04-2009", "III/d"),
    ],
)
def test_dpcp_rank_by_letter(row: str, expected: str | None) -> None:
    assert extract("DPCP", ["Nama : JOKO SANTOSO", row]).get("golongan") == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # the rank reads, the golongan after its slash lost its roman part
        ("e. Pangkat/Gol. Ruang : Pengatur Muda / Wa", "II/a"),
        ("Pangkat/Gol. Ruang : Pengatur / Vc", "II/c"),
        ("d. Pangkat/Gol. Ruang : Pengatur//e", "II/c"),  # the letter disagrees: the rank's
        ("Pangkat/Gol. Ruang : Penata Muda / |jVa", "III/a"),
        # a roman part run together or without its slash is no sure reading: the rank decides
        ("Pangkat/Gol. Ruang 1 Penaatur / Ic", "II/c"),
        ("@. Pangkat/Gol. Ruang 1 Penata Muria / |i/a .", "III/a"),
        ("Pangkat/Gol. Ruang “1 Penata Muda / Ia", "III/a"),
        ("Pangkat/Gol. Ruang : Paman Mina / TU", None),
        ("3 PANGKAT/GOL RUANG .... Pemuas Tingkat | / Id", None),  # never I/d from "Id"
    ],
)
def test_rank_and_damaged_golongan(row: str, expected: str | None) -> None:
    assert extract("SK_PNS", ["Nama : JOKO SANTOSO", row]).get("golongan") == expected


HISTORY_URAIAN = [
    "NO URAIAN PANGKAT / JABATAN GOL. MULAI SAMPAI GAJI POKOK",
    "1. Calon Pegawai Negeri Sipil, Penata Muda Il/a 01-01-2009 31-03-2013 Rp1.767.100 813.3/821/2009",
    "2. Kenaikan pangkat, Penata Muda Tingkat | IWb 01-04-2013 31-03-2017 Rp2.693.600 823.3/1776/2013",
    "3. Kenaikan pangkat, Penata NW 01-04-2017 31-03-2021 Rp3.432800 823.3/162/2017",
]
HISTORY_TMT = [
    "NO PANGKAT GOL. TMT NOMOR SK TANGGAL SK PEJABAT",
    "L Penata Muda na 01-01-2006 813.3/746/2006 23-91-2006 Bupati Brebes",
    "2. Penata Muda Tinakar | Ivo 01-04-2010 823.3/454/2010 2 Bupati Brebes",
    "3. Penata vc 01-04-2014 623./895/2014 24-03-2014 Bupati Brebes",
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            HISTORY_URAIAN
            + ["4. Kenaikan pangkat, Penata Tingkat | Id 01-04-2021 sekarang Rp3.753.200 823.3/230/2021"],
            "III/d",
        ),
        (HISTORY_TMT + ["4. Penata Tingkat I md 01-04-2018 823.3/1157/2018 jan mg Bupati Brebes"], "III/d"),
        # the current row's GOL. cell shows another letter than its rank: nothing
        (HISTORY_URAIAN + ["4. Kenaikan pangkat, Penata Tingkat | mua 01-04-2022 sekarang Rp 3.753.200"], None),
        # the current row's rank unreadable: not the row before it
        (HISTORY_URAIAN + ["4: | “Veneikan pangkat, Renata Tingkat. gi 01-04-2021 sekarang Rp 3.490.400"], None),
        (HISTORY_TMT + ["4. Pcnnta Tngt | md 01-04-2018 823.3/1157/2018 19-03-2018 Bupati Brebes"], None),
        # the last row read ran out ("31-03-2021"): the current one was lost
        (HISTORY_URAIAN, None),
    ],
)
def test_rank_history_current_row(lines: list[str], expected: str | None) -> None:
    found = current_golongan(TextIndex(page_text(lines), 1))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("printed", "rank", "expected"),
    [
        ("TI/d", "III/c", None),  # "Penata" whose "Tingkat I" OCR lost, beside a damaged III/d
        ("?/a", "III/c", None),  # Penata Muda cut short as much
        ("H/IWa", "III/d", "III/d"),  # no longer rank with the letter: the rank's
        ("?/c", "III/c", "III/c"),
    ],
)
def test_reconcile_rank_cut_short(printed: str, rank: str, expected: str | None) -> None:
    assert reconcile(printed, rank) == expected


def test_rank_by_letter_needs_the_head_word() -> None:
    assert rank_by_letter("tur Tingkat |", "d") is None  # Pengatur, nearer "Juru Tingkat I" as a whole


@pytest.mark.parametrize(
    "row",
    [
        "3 PANGKAT Penata Tingkat | / IIWd 3 PANGKAT Pembina / IV/a",  # the penilai's golongan read whole
        "3 RUANG Penata Tingkat ! / Ill/d 3 RUANG Pembina / IV/a",  # "!" is the roman I
    ],
)
def test_skp_employee_rank_before_penilai(row: str) -> None:
    lines = ["1 NAMA SLAMET 1 NAMA WIWIK", "2 NIP 19680327 200604 1 300 2 NIP 19781125 200604 2 007", row]
    assert extract("SKP", lines).get("golongan") == "III/d"


def test_old_rank_row_is_no_current_rank() -> None:
    lines = [
        "KESATU : Menaikkan pangkat Pegawai Negeri Sipil:",
        "1. Nama : WAHYU",
        "5. Pangkat lama/Gol. ruang/TMT : Pengatur /11/c /01-04-2016.",
        "8. Masa kerja golongan lama 1 9 Tahun 4 Bulan",
        ": Pengatur Tingkat |",
    ]
    assert extract("SK_PANGKAT", lines).get("golongan") != "II/c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PenataMuda/ Il/a", "III/a"),  # the space OCR lost between the words
        ("Penata Tinckat J/ mud", "III/d"),  # "J" for the roman I
        ("Penata TinskatI ,", "III/d"),
        ("Penataan Ruang", None),
    ],
)
def test_find_rank_shapes(text: str, expected: str | None) -> None:
    found = find_rank(text)
    assert (found[1] if found else None) == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("5 | Aa Penata Tingkat 1/ NW | rah Feniam/ Via", "III/d"),  # golongan unreadable: the rank's
        ("3 RUANG Penata Tingkat | / Iv 3 RUANG Pembina / IV/a", "III/d"),
        ("Penata Muda Tingkat | / Ii 3 RUANG Pembina / IV/a", "III/b"),
    ],
)
def test_skp_rank_cell_without_golongan(row: str, expected: str) -> None:
    lines = ["1 NAMA SLAMET 1 NAMA WIWIK", "2 NIP 19680327 200604 1 300 2 NIP 19781125 200604 2 007", row]
    assert extract("SKP", lines).get("golongan") == expected

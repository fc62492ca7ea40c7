"""Field extraction fixes for issue #5, table style and without OCR: each row is a page text as
Tesseract left it on a tuning dossier (values changed), and what must be read from it."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import nik
from pipeline.extract import extract_document
from pipeline.models import Document
from tests.textpage import page_result


def extract(doc_type: str, lines: list[str]) -> dict:
    doc = Document("d1", doc_type, [1])
    fields = extract_document(doc, {1: page_result(1, lines, doc_type)})
    return {k: v.value for k, v in fields.items()}


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # The roman part of the golongan is what OCR damages; the rank beside it confirms it.
        ("SK_CPNS", ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata Muda / Il/a"], "III/a"),
        ("SK_PNS", ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata Muda / IlV/a"], "III/a"),
        ("SK_HUKDIS", ["Nama : SRI KUSRINI", "c. Pangkat/Gol. Ruang : Penata Tingkat I/IIUd"], "III/d"),
        ("SURAT_PERMOHONAN", ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata Tingkat I / INI/d"], "III/d"),
        ("SK_KGB", ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata Tingkat 1 / II/d"], "III/d"),
        ("SURAT_PERMOHONAN", ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata Tingkat I/ Id"], "III/d"),
        ("SK_HUKDIS", ["Nama : DWI NUGROHO", "c. Pangkat/Gol. Ruang : Pengatur Tingkat | / IWd"], "II/d"),
        # Rank and golongan on rows of their own: the block, not the row, is reconciled.
        (
            "SK_PANGKAT",
            ["Nama : WAHYU MUFID", "a. Pangkat baru : Penata Tingkat I", "b. Golongan ruang : Iil/d"],
            "III/d",
        ),
        # The old rank of a kenaikan pangkat is not the current one.
        (
            "SK_PANGKAT",
            [
                "Nama : WAHYU MUFID",
                "Pangkat lama/Gol. ruang/TMT : Penata / I11/c / 01-04-2017",
                "a. Pangkat baru : Penata Tingkat I",
                "b. Golongan ruang : III/d",
            ],
            "III/d",
        ),
        # DPCP: rank, golongan and TMT on one row.
        ("DPCP", ["Nama : BUDI", "Pangkat/Gol. Ruang, TMT : Penata Tingkat I// Ill/d, 01-04-2022"], "III/d"),
        # A printed golongan whose letter disagrees with the rank stays as printed.
        ("SK_PANGKAT", ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata, III/d"], "III/d"),
        # A clean golongan without a rank.
        ("SKP", ["Nama : SRI KUSRINI", "Golongan : IV/a"], "IV/a"),
        # A damaged roman part with no rank to confirm it is no golongan.
        ("SKP", ["Nama : SRI KUSRINI", "Golongan : ITU/d"], None),
    ],
)
def test_golongan(doc_type, lines, expected):
    assert extract(doc_type, lines).get("golongan") == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "field", "expected"),
    [
        # Row numbering or a margin stamp read as a word before the label.
        ("SK_PANGKAT", ["ka Nama : WAHYU MUFID, S.H.", "IM NIP : 196811022009041068"], "nama", "WAHYU MUFID, S.H."),
        ("SK_CPNS", ["a Nama : BAMBANG WIDODO, S.Sos."], "nama", "BAMBANG WIDODO, S.Sos."),
        (
            "DPCP",
            ["Nama : SRI", "DONDYDUNG Pangkat/Gol. Ruang, TMT 1 Penata Tingkat I / Ili/d, 01-04-2019"],
            "golongan",
            "III/d",
        ),
        # A first word that belongs to a label is never dropped: "Masa Kerja Golongan" is no golongan.
        ("SK_CPNS", ["Nama : SRI", "Masa kerja golongan : 14 Tahun 6 Bulan"], "golongan", None),
        ("SK_CPNS", ["Nama : SRI", "Masa kerja golongan : 14 Tahun 6 Bulan"], "pangkat", None),
    ],
)
def test_label_after_junk_word(doc_type, lines, field, expected):
    assert extract(doc_type, lines).get(field) == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        (
            "SURAT_ALAMAT",
            [
                "SURAT PENUNJUKAN ALAMAT",
                "Yang bertanda tangan di bawah ini:",
                "Nama : ENDRO PRASETYO, S.E.",
                "NIP : 19680207 200604 1 194",
                "Pangkat/Gol. Ruang : Penata Tingkat I / III/d",
            ],
            {"nama": "ENDRO PRASETYO, S.E.", "nip": "196802072006041194", "golongan": "III/d"},
        ),
        (
            "SK_TEWAS",
            [
                "PENETAPAN TEWAS PEGAWAI NEGERI SIPIL",
                "Menimbang : bahwa Pegawai Negeri Sipil atas nama TEGUH PRASETYO telah meninggal",
                "dmia pada tanggal 23 Juni 2025 karena kecelakaan",
                "Nama : TEGUH PRASETYO",
                "NIP : 19681225 200903 1 140",
                "Tempat/Tgl. Lahir : Brebes, 25 Desember 1968",
            ],
            {
                "nama": "TEGUH PRASETYO",
                "nip": "196812252009031140",
                "tanggal_lahir": "1968-12-25",
                "tanggal_meninggal": "2025-06-23",
            },
        ),
    ],
)
def test_document_types_with_a_person_block(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # "NIP : 19680122 ..." with the colon read as a 1 glued to the number: not an NIP lama.
        (["Nama : BAMBANG WIDODO", "NIP 119680122 201003 1 254 f"], "196801222010031254"),
        (["Nama : BAMBANG WIDODO", "NIP 1513 429 142"], "513429142"),
        (["Nama : SUGENG HIDAYAT", "NIP : 525 322 176"], "525322176"),
        (["Nama : SUGENG HIDAYAT", "NIP : 19690819 200603 1 393"], "196908192006031393"),
    ],
)
def test_nip_colon_read_as_one(lines, expected):
    assert extract("KARPEG", lines).get("nip") == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        (
            "DPCP",
            [
                "II. KETERANGAN KELUARGA",
                "a. Isteri",
                "NO NAMA TANGGAL LAHIR TANGGAL NIKAH KETERANGAN",
                "1, UMI RAHAYU 24-01-1971 04-03-1996 Isteri ke-1",
                "b. Anak",
                "1. DIMAS NUGRAHA 12-05-1998 BUDI / UMI AK",
            ],
            {"nama_isteri": "UMI RAHAYU", "tanggal_nikah": "1996-03-04"},
        ),
        (
            "DPCP",
            [
                "a. Suami",
                "NO NAMA TANGGAL LAHIR TANGGALNIKAH KETERANGAN",
                "1. HARI KUSNADI 08-02-1965 22-09-1994 Suami",
            ],
            {"nama_suami": "HARI KUSNADI", "tanggal_nikah": "1994-09-22"},
        ),
        (
            "DAFTAR_KELUARGA",
            [
                "NAMA ISTERI/SUAMI/ANAK TANGGAL PERKAWINAN PEKERJAAN",
                "1. RETNO KUSRINI 22-01-1974 09-09-1996 Mengurus Rumah Tangga Isteri",
                "2. FAJAR SAPUTRA 23-08-1998 - Karyawan Swasta AK",
            ],
            {"nama_isteri": "RETNO KUSRINI", "tanggal_nikah": "1996-09-09"},
        ),
        # A marriage before the spouse's birth is a misread year: the name stays, the date goes.
        (
            "DAFTAR_KELUARGA",
            ["1. HARI KUSNADI 08-02-1965 22-09-1904 Suami"],
            {"nama_suami": "HARI KUSNADI", "tanggal_nikah": None},
        ),
        # A child row (one date, AK) is no spouse.
        ("DPCP", ["b. Anak", "1. DIMAS NUGRAHA 12-05-1998 AK"], {"nama_isteri": None, "nama_suami": None}),
        (
            "KARIS_KARSU",
            [
                "KARTU ISTERI PEGAWAI NEGERI SIPIL",
                "Nama : SITI LESTARI",
                "Tanggal Perkawinan : 12 Desember 1994 .",
                "Isteri dari : DWI NUGROHO",
            ],
            {"nama_isteri": "SITI LESTARI", "nama_suami": "DWI NUGROHO", "tanggal_nikah": "1994-12-12"},
        ),
        (
            "KARIS_KARSU",
            ["KARTU SUAMI PEGAWAI NEGERI SIPIL", "Nama : HARI KUSNADI", "Nama PNS : ISTI HANDAYANI, S.E."],
            {"nama_suami": "HARI KUSNADI", "nama_isteri": "ISTI HANDAYANI, S.E."},
        ),
    ],
)
def test_spouse(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # The sentence wraps between "terhitung" and "mulai tanggal".
        (
            "SK_JABATAN",
            ["dalam jabatan pelaksana terhitung", "mulai tanggal 01 Mei 2020.", "pada tanggal : 16 April 2020"],
            "2020-05-01",
        ),
        # "terhitung" damaged by OCR, "O1" for 01.
        ("SK_PNS", ["menjadi Pegawai Negeri Sipil terhit me mulai tanggal O1 Maret 2011."], "2011-03-01"),
        # SK kenaikan gaji berkala: the new salary's "Mulai tanggal", not the old one's date.
        (
            "SK_KGB",
            [
                "b. Tanggal : 19 Januari 2023",
                "d. Tanggal mulai berlakunya gaji tersebut : 01 April 2023",
                "Gaji pokok baru : Rp 4.000.000",
                "Mulai tanggal : 01 April 2025",
            ],
            "2025-04-01",
        ),
        ("SK_PMK", ["terhitung mulai tanggal 01 April 2010.", "pada tanggal : 21 Februari 2010"], "2010-04-01"),
        # "Keputusan ini mulai berlaku pada tanggal ditetapkan" is no TMT.
        ("SK_JABATAN", ["KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan 16 April 2020"], None),
    ],
)
def test_tmt(doc_type, lines, expected):
    assert extract(doc_type, lines).get("tmt") == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "field", "expected"),
    [
        ("KK", ["Nama Kepala Keluarga : WAHYU HIDAYAT Kecamatan : WARUNGPRING"], "nama", "WAHYU HIDAYAT"),
        ("KK", ["Nama Kepala Keluarga : MOH. PURNOMO Kecamatan : KARANGKOBAR"], "nama", "MOH. PURNOMO"),
        # e-KTP: two fields on a row still split at the second label.
        ("KTP", ["NIK : 3327144402680785", "Jenis Kelamin : PEREMPUAN Gol. Darah : O"], "jenis_kelamin", "P"),
        ("KTP", ["Nama : SRI KUSRINI RT/RW : 003/001"], "nama", "SRI KUSRINI"),
        ("SK_KGB", ["Nama : SRI KUSRINI", "Tanggal Lahir : 02 November 1968"], "tanggal_lahir", "1968-11-02"),
        (
            "DAFTAR_KELUARGA",
            ["1. Nama lengkap : WAHYU MUFID", "3. Tempat/Tgl. Lahir : Jepara, 02/11/1968"],
            "tanggal_lahir",
            "1968-11-02",
        ),
        (
            "SURAT_KEMATIAN",
            ["Nama : TEGUH", "Tempat/Tgl. Lahir : Brebes, 25 Desember 1968"],
            "tanggal_lahir",
            "1968-12-25",
        ),
    ],
)
def test_more_labelled_rows(doc_type, lines, field, expected):
    assert extract(doc_type, lines).get(field) == expected


@pytest.mark.parametrize(
    ("read", "kwargs", "expected"),
    [
        # 0 read as 9 in the month: impossible date, put right from the printed birth date (woman: DD+40).
        ("3327144492680785", {"birth_date": date(1968, 2, 4), "gender": "P"}, "3327144402680785"),
        ("3327144492680785", {"birth_date": date(1968, 2, 4), "gender": "PEREMPUAN"}, "3327144402680785"),
        # Region code impossible (province 38): the KK's own region.
        ("3820122308980705", {"region": "332012"}, "3320122308980705"),
        # A valid NIK is never changed, even when it disagrees (NIK_BIRTHDATE_MISMATCH must see it).
        ("3324162202629192", {"birth_date": date(1968, 2, 22), "gender": "L"}, "3324162202629192"),
        # More than two digits away: not a misread, left as read.
        ("3327149999680785", {"birth_date": date(1968, 2, 4), "gender": "P"}, "3327149999680785"),
        # Nothing to repair from.
        ("3327144492680785", {}, "3327144492680785"),
    ],
)
def test_repair_nik(read, kwargs, expected):
    assert nik.repair_nik(read, **kwargs) == expected


def test_ktp_nik_repaired_from_its_printed_birth_date():
    got = extract(
        "KTP",
        [
            "NIK : 3327144492680785",
            "Nama : SRI KUSRINI",
            "Tempat/Tgl Lahir : PEMALANG, 04-02-1968",
            "Jenis Kelamin : PEREMPUAN Gol. Darah : -",
        ],
    )
    assert got["nik"] == "3327144402680785"


AKTA = [
    "KUTIPAN AKTA KELAHIRAN",
    "Berdasarkan Akta Kelahiran Nomor 3327-LT-07061995-2338",
    "bahwa di PEMALANG",
    "pada tanggal dua puluh tiga Mei seribu sembilan ratus sembilan puluh lima",
    "telah lahir ,",
    "YOGA FIRMANSYAH",
    "anak ke-satu, laki-laki, dari ayah WAHYU HIDAYAT",
    "dan ibu SRI KUSRINI",
    "Kutipan ini dikeluarkan di PEMALANG,",
    "pada tanggal 07 Juni 1995",
]


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        (
            "AKTA_KELAHIRAN",
            AKTA,
            {"nama": "YOGA FIRMANSYAH", "tanggal_lahir": "1995-05-23", "tanggal_dokumen": "1995-06-07"},
        ),
        # "telah" misread, debris rows between the phrase and the name.
        (
            "AKTA_KELAHIRAN",
            ["Aelah lahir", "|", '"', "INTAN PERMATASARI", "anak ke-tiga, perempuan"],
            {"nama": "INTAN PERMATASARI"},
        ),
        (
            "KARPEG",
            ["Nama : SUGENG", "Dikeluarkan di Jakarta, tanggal 01 Maret 2009"],
            {"tanggal_dokumen": "2009-03-01"},
        ),
    ],
)
def test_akta_and_issue_date(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        (
            "SURAT_PERMOHONAN",
            ["adalah janda dari Almarhum:", "Nama : TEGUH", "Meninggal dunia : Senin, 23-06-2025"],
            "2025-06-23",
        ),
        (
            "SURAT_PENGANTAR",
            [
                "Almarhum TEGUH PRASETYO telah meninggal dunia pada tanggal 23",
                "Juni 2025 dan meninggalkan seorang janda",
            ],
            "2025-06-23",
        ),
    ],
)
def test_death_date_on_heir_letters(doc_type, lines, expected):
    assert extract(doc_type, lines).get("tanggal_meninggal") == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        (
            "SURAT_JANDA_DUDA",
            [
                "SURAT KETERANGAN JANDA",
                "dengan ini menerangkan bahwa:",
                "Nama : ISTI RAHAYU",
                "NIK : 3329084202720731",
                "adalah benar isteri sah dari Almarhum TEGUH PRASETYO, NIP. 19681225 200903 1 140,",
            ],
            {"nama_isteri": "ISTI RAHAYU", "nama_suami": "TEGUH PRASETYO", "nip": "196812252009031140"},
        ),
        (
            "SURAT_PERMOHONAN",
            [
                "SURAT PERMINTAAN PEMBAYARAN PENSIUN JANDA",
                "Yang bertanda tangan di bawah ini:",
                "Nama : ISTI RAHAYU",
                "adalah janda dari Almarhum:",
                "Nama : TEGUH PRASETYO",
                "NIP : 19681225 200903 1 140",
            ],
            {"nama_isteri": "ISTI RAHAYU", "nama_suami": "TEGUH PRASETYO", "nip": "196812252009031140"},
        ),
        (
            "SURAT_JANDA_DUDA",
            ["SURAT KETERANGAN DUDA", "Nama : BUDI SANTOSO", "adalah benar suami sah dari Almarhumah SITI AMINAH,"],
            {"nama_suami": "BUDI SANTOSO", "nama_isteri": "SITI AMINAH"},
        ),
        # Two-column letterhead breaks the first "Almarhum": the fuller one in the body wins, and a
        # holder broken over rows is left out rather than read with the other column's words.
        (
            "SURAT_PENGANTAR",
            [
                "Hal : Usul Pensiun Janda/Duda a.n. Niir Kabupaten Purbalingga",
                "Wahyuni (janda Almarhum SLAMET di -",
                "SANTOSO, S.Pd.) PURBALINGGA",
                "Almarhum SLAMET SANTOSO, S.Pd. telah meninggal dunia pada",
            ],
            {"nama_suami": "SLAMET SANTOSO", "nama_isteri": None},
        ),
        # An employee's own permohonan names nobody deceased: no couple.
        (
            "SURAT_PERMOHONAN",
            ["Nama : SRI KUSRINI", "NIP : 19680204 200701 2 012"],
            {"nama_isteri": None, "nama_suami": None, "nip": "196802042007012012"},
        ),
    ],
)
def test_heir_letters(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The NAMA / NIP column of a pengantar table wraps the NIP's last digits onto the next row.
        (
            ["ENDANG WAHYUNI, S.E. Penata", "1. NIP 19690122 201004 2 Tingkat1/ Kesehatan", "266 Iil/d Ahli Muda 2025"],
            "196901222010042266",
        ),
        (["1. NIP. 19680828 2007032 — Penata / Io", "269 III/d"], "196808282007032269"),
        # Not joined when the two parts do not decode as one NIP (month 13 in the TMT) ...
        (["1. NIP 19690122 201013 2 Penata", "266 III/d"], "196901222010132"),
        # ... or when the next row starts with words, not the missing digits.
        (["1. NIP 19690122 201004 2 Penata", "Kepala Dinas 266"], "196901222010042"),
    ],
)
def test_nip_wrapped_onto_the_next_row(lines, expected):
    assert extract("SURAT_PENGANTAR", ["Nama : ENDANG WAHYUNI", *lines]).get("nip") == expected

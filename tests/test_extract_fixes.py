"""Field extraction fixes for issue #5, table style and without OCR: each row is a page text as
Tesseract left it on a tuning dossier (values changed), and what must be read from it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pipeline import nik
from pipeline.extract import extract_document
from pipeline.models import Document, PageResult, PageText, Word
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
        # A lone letter before the label, with a signing official's NIP further down (seed 33457:
        # the employee's NIP, printed invalid, was lost and NIP_INVALID with it).
        (
            "SK_PANGKAT",
            ["Nama : HARI MARYONO", "N NIP : 196717092007011052", "Pembina", "NIP. 19740217 199701 1 006"],
            "nip",
            "196717092007011052",
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
        # Day and month written the wrong way round ("1119" for 19-11): digits moved, not misread.
        ("3323181119690404", {"birth_date": date(1969, 11, 19), "gender": "L"}, "3323181119690404"),
        ("3323181916690404", {"birth_date": date(1969, 11, 19), "gender": "L"}, "3323181911690404"),
        # More than two digits away: not a misread, left as read.
        ("3327149999680785", {"birth_date": date(1968, 2, 4), "gender": "P"}, "3327149999680785"),
        # Nothing to repair from.
        ("3327144492680785", {}, "3327144492680785"),
        # 17 digits read (one too many): the one drop that leaves a valid NIK of the printed birth date.
        ("33190626902690247", {"birth_date": date(1969, 2, 26)}, "3319062602690247"),
        ("33190626902690247", {"birth_date": date(1969, 2, 26), "gender": "L"}, "3319062602690247"),
        # ... not when two different drops fit (the extra digit among the sequence digits).
        ("33120210066809887", {"birth_date": date(1968, 6, 10), "gender": "L"}, "33120210066809887"),
        # ... nor when no drop gives the printed birth date.
        ("33190626902690247", {"birth_date": date(1970, 2, 26)}, "33190626902690247"),
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


# "3312240800690463" by glyph shape: its 3s, 1, 2s, 4s, four 0s, 8, 6s, 9
SHAPES = ((0, 1, 15), (2,), (3, 4), (5, 13), (6, 8, 9, 12), (7,), (10, 14), (11,))


@pytest.mark.parametrize(
    "groups, expected",
    [
        # one of its four same zeros made a 4: no misreading, the card prints its month as 00
        pytest.param(SHAPES, "3312240800690463", id="repair-splits-a-shape"),
        # glyphs not compared: put right from the printed birth date, as before
        pytest.param((), "3312240804690463", id="shapes-unknown"),
    ],
)
def test_ktp_nik_printed_invalid_kept_where_its_shapes_say_so(groups, expected):
    page = page_result(
        1,
        [
            "NIK : 3312240800690463",
            "Nama : YUDI SANTOSO",
            "Tempat/Tgl Lahir : DEMAK, 08-04-1969",
            "Jenis Kelamin : LAKI-LAKI",
        ],
        "KTP",
    )
    page.text.words = [replace(w, glyph_groups=groups) if w.text.isdigit() else w for w in page.text.words]
    fields = extract_document(Document("d1", "KTP", [1]), {1: page})
    assert fields["nik"].value == expected


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


KARPEG_CARD = ["KARTU PEGAWAI NEGERI SIPIL", "Nama : WIWIK RAHAYU", "NIP : 050690469", "Tgl. Lahir : 24-10-1968"]


@pytest.mark.parametrize(
    ("konversi", "expected"),
    [
        # the konversi page names the same person: its 18-digit NIP is the document's
        (["Nama : WIWIK RAHAYU, S.H.", "NIP Baru : 19681024 199001 1 279"], "196810241990011279"),
        # no name read, but the new NIP encodes the card's birth date
        (["NIP Baru : 19681024 199001 1 279"], "196810241990011279"),
        # someone else's NIP (another birth date, another name) does not replace the card's
        (["Nama : SUPARNO", "NIP : 19650312 199001 1 002"], "050690469"),
    ],
)
def test_karpeg_takes_the_new_nip_of_its_konversi_page(konversi, expected):
    doc = Document("d1", "KARPEG", [1, 2])
    pages = {1: page_result(1, KARPEG_CARD, "KARPEG"), 2: page_result(2, ["KONVERSI NIP", *konversi], "KARPEG")}
    assert extract_document(doc, pages)["nip"].value == expected


JANDA_LETTER = [
    "SURAT KETERANGAN JANDA",
    "dengan ini menerangkan bahwa:",
    "Nama : DYAH SETYANINGSIH",
    "NIK : 3309044904690233",
    "adalah benar isteri sah dari Almarhum HARI SHOLIKIN, S.T., NIP. 19671213 200701 1",
    "219, Pegawai Negeri Sipil pada Dinas Pekerjaan Umum, yang telah meninggal dunia pada tanggal 09/03/2024",
]
KP4_JANDA = [
    "DAFTAR SUSUNAN KELUARGA",
    "Yang bertanda tangan di bawah ini:",
    "Nama : NUR ASTUTI",
    "NIK : 3322026405720554",
    "Tempat/Tgl. Lahir : Bringin, 24-05-1972",
    "Janda dari almarhum:",
    "Nama : PRIYO PRASETYO, S.T.",
    "NIP : 19680919 201001 1 085",
    "Meninggal dunia tanggal : 10 April 2025",
]
NPWP_CARD = [
    "KEMENTERIAN KEUANGAN REPUBLIK INDONESIA",
    "DIREKTORAT JENDERAL PAJAK",
    "NpPwp: 03.879.764.6-525.000",
    "JOKO KUSNADI, S.T.",
    "NIK : 3325141910680285",
    "JALAN PAHLAWAN NO. 7 RT 003 RW 001",
    "KPP PRATAMA BATANG Tanggal Terdaftar 21/08/2010",
]
AKTA_CERAI = [
    "AKTA CERAI",
    "Nomor : 372/AC/1995/PA.Pek",
    "Panitera menerangkan bahwa pada hari ini Jumat tanggal 11",
    "Agustus 1995, berdasarkan Putusan Nomor 677/Pdt.G/1995/PA.Pek telah terjadi perceraian antara:",
    "SUAMI",
    "Nama : ENDRO SUTRISNO",
    "ISTERI",
    "Nama : ANIK ASTUTI",
    "yang perkawinannya dilangsungkan pada tanggal 08/11/1993 dan dicatat di Kantor Urusan Agama",
    "Pekalongan, 11 Agustus 1995",
]
AKTA_NIKAH = [
    "KUTIPAN AKTA NIKAH",
    "Pada hari Senin tanggal 29 Maret 1999 telah dilangsungkan akad nikah antara:",
    "SUAMI",
    "Nama : ENDRO SUTRISNO",
    "ISTERI",
    "Nama : UMI RAHAYU",
    "Dicatat di Pekalongan",
    "tanggal 29 Maret 1999",
]

SKP_TABLE = [
    "NO PEGAWAI YANG DINILAI NO PEJABAT PENILAI KINERJA",
    "2 NIP 196904172007011210 2 NIP 19681008 199103 2 012",
    "PANGKAT/GOL PANGKAT/GOL",
    "3 Penata Tingkat I / III/d 3 Pembina / IV/a",
    "RUANG RUANG",
]
PENGANTAR_DUDA = [
    "Hal : Usul Pensiun Janda/Duda a.n. Kusno Kota Semarang",
    "Kusnadi (duda Almarhumah WIWIK di -",
    "RAHAYU) SEMARANG",
    "Almarhumah WIWIK RAHAYU telah meninggal dunia pada tanggal 07 Juli",
    "2025 dan meninggalkan seorang duda atas nama Kusno Kusnadi sebagai ahli waris",
]
PENGANTAR_JANDA = [
    "Hal : Usul Pensiun Janda/Duda (Tewas) Kota Magelang",
    "a.n. Isti Purwanti (janda Almarhum di -",
    "SLAMET SYAIFUDIN, S.E.) MAGELANG",
    "tewas bagi ahli waris almarhum/almarhumah Pegawai Negeri Sipil di lingkungan Dinas atas",
    "nama:",
    "PANGKAT / TMT",
    "Almarhum SLAMET SYAIFUDIN, S.E. telah meninggal dunia pada",
]
NIKAH_NO_LABELS = [
    "KUIIPAN AKTA NIKAH.",
    "Pada hari Rabu tanggal 02 Oktober 1996 telah dilangsungkan akad nikah antara:",
    ": ROCHMAT SYAIFUDIN",
    "Tempat dan tanggal lahir : Kudus, 26-02-1969",
    "Bin : PAIMAN",
    ": ANIK PURWANTI",
    "Binti : SAMIDI",
]
NIKAH_NOISY_HEADINGS = [
    "KUINIPAN AKTA NIKAII",
    "SUAMI s",
    "Nama 4 AHMAD WIBOWO",
    "Bin RUSLAN",
    "ISTEKI",
    "Nama SITI HANDAYANI",
    "Binti KARTO",
]


@pytest.mark.parametrize(
    ("doc_type", "lines", "field", "expected"),
    [
        # the late employee's NIP in the sentence, broken over the line end
        ("SURAT_JANDA_DUDA", JANDA_LETTER, "nip", "196712132007011219"),
        ("SURAT_JANDA_DUDA", JANDA_LETTER, "nik", "3309044904690233"),
        # a widow's KP-4 is about the late employee, named after "Janda dari almarhum"
        ("DAFTAR_KELUARGA", KP4_JANDA, "nama", "PRIYO PRASETYO, S.T."),
        ("DAFTAR_KELUARGA", KP4_JANDA, "nip", "196809192010011085"),
        ("DAFTAR_KELUARGA", KP4_JANDA, "tanggal_meninggal", "2025-04-10"),
        # an employer's letter names the child by NIK
        (
            "SURAT_KET_BEKERJA",
            ["dengan ini menerangkan bahwa:", "Nama : PUTRI LESTARI", "NIK : 3326045806010607"],
            "nik",
            "3326045806010607",
        ),
        # the NPWP card: no "Nama :" label; the number is its nomor; the date registered mid-row
        ("NPWP", NPWP_CARD, "nama", "JOKO KUSNADI, S.T."),
        ("NPWP", NPWP_CARD, "nomor_dokumen", "03.879.764.6-525.000"),
        ("NPWP", NPWP_CARD, "tanggal_dokumen", "2010-08-21"),
        # the number lost to noise: the name still follows the issuer's heading
        ("NPWP", ["DIREKTORAT JENDERAL PAJAK", "ENDRO SUSANTO", "NIK : 3310110805670255"], "nama", "ENDRO SUSANTO"),
        # "telah lahir" read as "telah lahif"
        ("AKTA_KELAHIRAN", ["telah lahif", "FITRI ANGGRAINI", "anak ke-satu, perempuan"], "nama", "FITRI ANGGRAINI"),
        # the akta cerai: the couple's sections and the marriage date, not the divorce's day
        ("SURAT_CERAI", AKTA_CERAI, "nama_suami", "ENDRO SUTRISNO"),
        ("SURAT_CERAI", AKTA_CERAI, "nama_isteri", "ANIK ASTUTI"),
        ("SURAT_CERAI", AKTA_CERAI, "tanggal_nikah", "1993-11-08"),
        ("SURAT_CERAI", AKTA_CERAI, "tanggal_dokumen", "1995-08-11"),
        # headings and labels damaged by OCR: a lost label (": NAME"), "Nama 4 NAME", "SUAMI s", "ISTEKI"
        ("SURAT_NIKAH", NIKAH_NO_LABELS, "nama_suami", "ROCHMAT SYAIFUDIN"),
        ("SURAT_NIKAH", NIKAH_NO_LABELS, "nama_isteri", "ANIK PURWANTI"),
        ("SURAT_NIKAH", NIKAH_NOISY_HEADINGS, "nama_suami", "AHMAD WIBOWO"),
        ("SURAT_NIKAH", NIKAH_NOISY_HEADINGS, "nama_isteri", "SITI HANDAYANI"),
        # the spouse row's number misread (":" on a DPCP, "L" for 1 on a KP-4)
        (
            "DPCP",
            ["II. KETERANGAN KELUARGA", "a. Suami", ": EKO SUPRIYANTO 16-02-1965 03-05-1991 Suami"],
            "nama_suami",
            "EKO SUPRIYANTO",
        ),
        (
            "DPCP",
            ["II. KETERANGAN KELUARGA", "a. Suami", ": EKO SUPRIYANTO 16-02-1965 03-05-1991 Suami"],
            "tanggal_nikah",
            "1991-05-03",
        ),
        (
            "DAFTAR_KELUARGA",
            ["NO NAMA ISTERI/SUAMI/ANAK", "L RINI KUSRINI 29-08-1968 17-11-1993 Dagang Isteri"],
            "nama_isteri",
            "RINI KUSRINI",
        ),
        # a letter's date with its comma read as a full stop and "Februari" misread
        ("SK_KGB", ["Magelang. 21 Fevruari 2024", "Nomor : 822.3/1197/2024"], "tanggal_dokumen", "2024-02-21"),
        # the signing row of a form, the left column's words read first (and a dash before them)
        (
            "DPCP",
            ["DATA PERORANGAN CALON PENERIMA PENSIUN", "mengetahui, Salatiga, 04 Juni 2025"],
            "tanggal_dokumen",
            "2025-06-04",
        ),
        ("SKP", ["SASARAN KINERJA PEGAWAI", "— yang Dinilai, engan, 07 Januari 2025"], "tanggal_dokumen", "2025-01-07"),
        # "Kutipan ini dikeluarkan di" with "dikeluarkan" misread: the issue date, not the birth date
        (
            "AKTA_KELAHIRAN",
            [
                "pada tanggal dua puluh dua Maret 1995",
                "telah lahir",
                "ILHAM MAULANA",
                "Kutipan ini dikaluarkan di MAGELANG,",
                "pada tanggal 05 April 1995",
            ],
            "tanggal_dokumen",
            "1995-04-05",
        ),
        # a widower's pengantar: the letterhead's column breaks the "a.n." line; the closing sentence
        # names the heir, "Almarhumah" says the deceased was the wife
        ("SURAT_PENGANTAR", PENGANTAR_DUDA, "nama_suami", "Kusno Kusnadi"),
        ("SURAT_PENGANTAR", PENGANTAR_DUDA, "nama_isteri", "WIWIK RAHAYU"),
        # "atas nama:" ending a row is no name row for the table heading below it
        ("SURAT_PENGANTAR", PENGANTAR_JANDA, "nama_suami", "SLAMET SYAIFUDIN"),
        ("SURAT_PENGANTAR", PENGANTAR_JANDA, "nama_isteri", "Isti Purwanti"),
        # the SKP's two-column table: the label on the row above its value; the left column first
        ("SKP", SKP_TABLE, "golongan", "III/d"),
        ("SKP", SKP_TABLE, "pangkat", "Penata Tingkat I"),
        # where the signer's rank is labelled, an unlabelled "rank / golongan" is the employee's
        # only from the employee's block down (the signer's, above it, is never taken) ...
        (
            "SK_HUKDIS",
            [
                "Yang bertanda tangan di bawah ini:",
                "Nama : H. MOH. SUYANTO",
                "Pangkat/Gol. Ruang : Pembina Utama Muda / IV/c",
                "dengan ini menerangkan bahwa Pegawai Negeri Sipil:",
                "Nama : ENDRO SUTRISNO",
                "Penata Tingkat I / III/d",
            ],
            "golongan",
            "III/d",
        ),
        # ... so with no rank in the employee's block, none is given
        (
            "SK_HUKDIS",
            [
                "Yang bertanda tangan di bawah ini:",
                "Nama : H. MOH. SUYANTO",
                "Pembina Utama Muda / IV/c",
                "dengan ini menerangkan bahwa Pegawai Negeri Sipil:",
                "Nama : ENDRO SUTRISNO",
                "NIP : 19681003 200801 1 285",
            ],
            "golongan",
            None,
        ),
        # the kutipan akta nikah is dated where it was recorded
        ("SURAT_NIKAH", AKTA_NIKAH, "tanggal_dokumen", "1999-03-29"),
        ("SURAT_NIKAH", AKTA_NIKAH, "tanggal_nikah", "1999-03-29"),
        # a malformed 17-digit NIP is reported as read, not cut to a 9-digit NIP lama
        ("SK_PANGKAT", ["Nama : SRI", "NIP : 19680203 209011332"], "nip", "19680203209011332"),
        ("SK_PANGKAT", ["Nama : SRI", "NIP : 131 234 567"], "nip", "131234567"),
        # a short all-caps surname before the row's second label is the name's end, not a label
        ("KK", ["KARTU KELUARGA", "Nama Kepala Keluarga : ARIF MUFID Kecamatan : KEDUNG"], "nama", "ARIF MUFID"),
    ],
)
def test_letters_cards_and_akta(doc_type, lines, field, expected):
    assert extract(doc_type, lines).get(field) == expected


def _table_page(rows: list[list[tuple[int, str]]]) -> PageResult:
    """A page whose words sit at given x positions (table columns), one row per list."""
    words = []
    for r, row in enumerate(rows):
        for x, token in row:
            words.append(Word(token, 95.0, (x, 100 + 50 * r, x + 18 * len(token), 140 + 50 * r), r))
    text = PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=95.0)
    return replace(page_result(1, [], "SURAT_PENGANTAR"), text=text)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # NO | NAMA / NIP | PANGKAT | JABATAN | TMT: the name above the NIP, other columns beside it
        (
            [
                [(100, "NO"), (300, "NAMA"), (390, "/"), (420, "NIP"), (900, "JABATAN")],
                [
                    (300, "ENDRO"),
                    (420, "SUTRISNO,"),
                    (600, "S.T."),
                    (900, "Administrator"),
                    (1400, "01"),
                    (1460, "Juni"),
                ],
                [(100, "1."), (900, "Kesehatan")],
                [(300, "Nip196911182010041009"), (900, "Ahli"), (1000, "Muda"), (1400, "2026")],
            ],
            "ENDRO SUTRISNO, S.T.",
        ),
        # the NIP wrapped in its cell ("NIP 19690122 201004 2" / "266"), the next columns on its row
        (
            [
                [(300, "ENDANG"), (430, "WAHYUNI,"), (590, "S.E."), (900, "Penata"), (1400, "01")],
                [
                    (100, "1."),
                    (300, "NIP"),
                    (380, "19690122"),
                    (560, "201004"),
                    (700, "2"),
                    (900, "Tingkat"),
                    (1400, "Oktober"),
                ],
                [(300, "266"), (900, "III/d"), (1400, "2025")],
            ],
            "ENDANG WAHYUNI, S.E.",
        ),
        # a gelar in mixed case after a name in capitals
        (
            [
                [(300, "MOH."), (400, "SANTOSO,"), (560, "S.Sos."), (900, "Penata")],
                [(100, "1."), (300, "NIP"), (380, "196702052008011049"), (900, "Tingkat")],
            ],
            "MOH. SANTOSO, S.Sos.",
        ),
        # nothing but the header above the NIP: no name
        (
            [
                [(300, "NAMA"), (390, "/"), (420, "NIP")],
                [(300, "NIP."), (380, "19691118"), (560, "201004"), (700, "1"), (730, "009")],
            ],
            None,
        ),
    ],
)
def test_pengantar_name_from_its_table_column(rows, expected):
    doc = Document("d1", "SURAT_PENGANTAR", [1])
    got = extract_document(doc, {1: _table_page(rows)}).get("nama")
    assert (got.value if got else None) == expected


def _official_letter(subject_phrase: str, signature_nip: str) -> list[str]:
    """A pernyataan tidak dipidana as OCR left it: the official's block, the subject phrase, the
    employee's block (its rank row without a colon), and the official's NIP at the foot."""
    body = [
        "SURAT PERNYATAAN",
        "TIDAK SEDANG MENJALANI PROSES PIDANA ATAU PERNAH DIPIDANA PENJARA",
        "Yang bertanda tangan di bawah ini:",
        "a. Nama : Ir. SITI WAHYUNI, M.M.",
        "b. NIP : 19690121 199403 2 001",
        "c. Pangkat/Gol. Ruang » Pembina Utama Muda / IV/c",
        "d. Jabatan : Kepala Dinas Kependudukan dan Pencatatan Sipil",
        subject_phrase,
        "a. Nama : SITI HIDAYATI",
        "NIP : 19681215 201001 2 386",
        "Io . Pangkat/Gol. Ruang Pengatur Tingkat I / Il/d",
        "tidak sedang menjalani proses pidana atau pernah dipidana penjara",
    ]
    return [*body, *[""] * (44 - len(body)), "Semarang, 18 Maret 2026", f"NIP. {signature_nip}"]


@pytest.mark.parametrize(
    ("doc_type", "phrase", "signature", "expected"),
    [
        # the subject phrase read: its block is the subject
        (
            "SURAT_PERNYATAAN_PIDANA",
            "dengan ini menyatakan bahwa pegawai negeri sipil:",
            "19690121 199403 2 001",
            ("SITI HIDAYATI", "196812152010012386", "II/d"),
        ),
        # the phrase damaged: the signature repeats the first block's NIP, so that block is the
        # official and the next one the subject, with the rank printed in its block, not hers
        (
            "SURAT_PERNYATAAN_PIDANA",
            "dengan ini menyatakan SN sesungguhnya, bahwa Pegasyah Yggeri Sipil:",
            "19690121 199403 2 001",
            ("SITI HIDAYATI", "196812152010012386", "II/d"),
        ),
        # no signature repeating the first block's NIP: no evidence it is the official's
        (
            "SURAT_PERNYATAAN_PIDANA",
            "dengan ini menyatakan SN sesungguhnya, bahwa Pegasyah Yggeri Sipil:",
            "19700101 199503 1 002",
            ("Ir. SITI WAHYUNI, M.M.", "196901211994032001", "IV/c"),
        ),
        # a letter its writer signs (not in signed_about_another): the first block stays
        (
            "SURAT_ALAMAT",
            "dengan ini menunjuk alamat sesudah pensiun",
            "19690121 199403 2 001",
            ("Ir. SITI WAHYUNI, M.M.", "196901211994032001", "IV/c"),
        ),
    ],
)
def test_official_letter_subject_by_its_signature(doc_type, phrase, signature, expected):
    got = extract(doc_type, _official_letter(phrase, signature))
    assert (got.get("nama"), got.get("nip"), got.get("golongan")) == expected


def test_ektp_birth_row_with_a_dash_for_its_colon():
    """An e-KTP of ../shared/real-samples as OCR read it: the birth row's colon as a dash. Its date
    is the birth date, and not also the card's issue date (the same print)."""
    got = extract(
        "KTP",
        [
            "PROVINSI SULAWESI SELATAN",
            "KOTA BANJAR",
            "Nama : GINA ARDIANTO",
            "TempatTgi Lahir - BLITAR, 13-08-1947",
            "Jenis Kelamin : LAKI-LAKI Gol. Darah : B",
            "Pekerjaan : TIDAK BEKERJA",
            "Berlaku Hingga : SEUMUR HIDUP",
        ],
    )
    assert (got.get("tempat_lahir"), got.get("tanggal_lahir")) == ("BLITAR", "1947-08-13")
    assert got.get("tanggal_dokumen") != "1947-08-13"


WIDOWER_BLOCK = ["DAFTAR SUSUNAN KELUARGA", "Yang bertanda tangan di bawah ini:", "Nama : HERU SANTOSO"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # seed 39499 berkas-0038: the NIP row's label read "NP ,", so only the page-wide search
        # finds the number; printed below "Duda dari almarhumah", it is the late employee's
        (
            [
                *WIDOWER_BLOCK,
                "NIK 1 3308042807630424",
                "Duda dari aimarhumah: :",
                "Nama ! NUR PURWANTI, S.E.",
                "NP , : 19681116 200901 2 216",
            ],
            ("NUR PURWANTI, S.E.", "196811162009012216"),
        ),
        # printed above the phrase, an unlabelled NIP stays with the first block
        (
            [*WIDOWER_BLOCK, "19681116 200901 2 216", "Duda dari almarhumah:", "Nama : NUR PURWANTI, S.E."],
            ("NUR PURWANTI, S.E.", None),
        ),
    ],
)
def test_unlabelled_nip_below_the_subject_phrase_is_the_subjects(lines, expected):
    got = extract("DAFTAR_KELUARGA", lines)
    assert (got.get("nama"), got.get("nip")) == expected

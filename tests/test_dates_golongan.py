"""Date and golongan readings on damaged OCR, table style and without OCR: each case is a page text
as Tesseract left it on a seed dossier (names and numbers changed), and what must be read from it
(or that nothing may be)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline import dates
from pipeline.extract import extract_document
from pipeline.models import Classification, Document, PageRef, PageResult
from tests.textpage import page_result


def extract(doc_type: str, lines: list[str]) -> dict:
    doc = Document("d1", doc_type, [1])
    fields = extract_document(doc, {1: page_result(1, lines, doc_type)})
    return {k: v.value for k, v in fields.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "mb" read as one "w", "b" as "h": the month still reads where a day and a year frame it
        ("tanggal 23 Dasamher 1992", date(1992, 12, 23)),
        ("Mengetahui, Blora, 29 Duaserwer 2024", date(2024, 12, 29)),
        ("pada tanggal 09 Novawer 1992", date(1992, 11, 9)),
        ("Mengetahui, Rembang, 17 Dasanwer 2023", date(2023, 12, 17)),
        # a 5 read as S after a leading 0, a 1 as t
        ("Meninggal dunia tanggal : 0S Januari 2025", date(2025, 1, 5)),
        ("Terhitung mulai tanggal : Ot April 2023", date(2023, 4, 1)),
        ("Oktober 2023", None),
        # still nothing where no month is clearly nearest, or the day is no day
        ("28 (-:.--— 1993", None),
        ("29 Juh 2023", None),
        ("NOS Januari 2023", None),
        ("tanggal 13 Lesenwa 2023", None),
    ],
)
def test_damaged_dates(text: str, expected: date | None) -> None:
    assert dates.parse_date(text) == expected


SK_BODY = [
    "KEPUTUSAN BUPATI PEMALANG",
    "Nama : SRI PURWANTI, S.E.",
    "NIP : 19670107 200601 2 144",
    "terhitung mulai tanggal 01 Januari 2006,",
]


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # the decree's "pada tanggal" label damaged; the place row above or the signer below places it
        ("SK_CPNS", [*SK_BODY, "Ditatankan di : Blora", "nara tanggal : 04 Juni 2006", "1"], "2006-06-04"),
        (
            "SK_CPNS",
            [*SK_BODY, "dipergunakan sebagaimana mestinya,", "padatancsal : 10 Februari 2006", "BUPATI SEMARANG,"],
            "2006-02-10",
        ),
        ("SK_PANGKAT", [*SK_BODY, "KEDUA : ...", "pada tancaal : 24 Maret 2022", "BUPATI KLATEN,"], "2022-03-24"),
        # ... but not without either, and never a TMT row
        (
            "SK_CPNS",
            [*SK_BODY, "dipergunakan sebagaimana mestinya,", "padatancsal : 10 Februari 2006", "Tembusan"],
            None,
        ),
        (
            "SK_KGB",
            [*SK_BODY, "Dalam golongan ruang : III/c", "Mulai tanggal : 01 April 2024", "KEPALA DINAS KESEHATAN"],
            None,
        ),
        # a card's issue row whose "Dikeluarkan" OCR lost
        (
            "KARPEG",
            ["KARTU PEGAWAI NEGERI SIPIL", "Nama : PRIYO RAHARJO", "di Jakarta tanggal 01 Juli 2008"],
            "2008-07-01",
        ),
        # the akta's birth sentence writes its day out and is no issue row
        ("KARPEG", ["Nama : PRIYO RAHARJO", "lahir di Jakarta tanggal dua Juli 1969"], None),
        # a letter's place and date with the comma lost, or debris in the margin before it
        (
            "SURAT_KET_BEKERJA",
            ["Nama : Umi Hidayati", "sebagaimana mestinya.", "Kudus 05 Juni 2024", "PT TUNAS"],
            "2024-06-05",
        ),
        (
            "SURAT_PERNYATAAN_PIDANA",
            ["Nama : RUDI", "negara.", "Cilacan 04 Januari 2024", "KEPALA DINAS"],
            "2024-01-04",
        ),
        (
            "DAFTAR_KELUARGA",
            ["Nama : RUDI", "mestinya.", ". . Batang, O1 Oktober 2025", "Yang menerangkan,"],
            "2025-10-01",
        ),
        ("SKP", ["Nama : RUDI", "Pegawai yang Dinilai, Purworejo, 0S Januari 2023"], "2023-01-05"),
        # the caption's first word read with a colon ("Pegawai" as "Fs:"); a labelled row is no caption
        ("SKP", ["Nama : RUDI", "Fs: yang Dinilai, Salatiga, 06 Januari 2024"], "2024-01-06"),
        ("SKP", ["Nama : RUDI", "Unit Kerja : Dinas, Salatiga, 06 Januari 2024"], None),
        # a wrapped cell of a rank-history table is no "Place, date" row; a letter's comma read as
        # a full stop still is
        (
            "RIWAYAT_PEKERJAAN",
            ["Nama : RUDI", "z Pe — Penata Mada lb 01-04-2010 31-03-2014 Rp 8233/561/2010", "Tingkat . 08-02-2010"],
            None,
        ),
        ("SURAT_PENGANTAR", ["KEBUMEN 51911", "Kebumen. 02 Juni 2024", "Nomor : 882/828/2024"], "2024-06-02"),
        # a birth row with its colon lost is no letter date
        ("SURAT_KET_BEKERJA", ["Nama : Umi Hidayati", "Lahir 05 Juni 1968"], None),
        # "Dicatat di ..." with debris opening the date's row (kutipan akta nikah)
        ("SURAT_NIKAH", ["KUTIPAN AKTA NIKAH", "Dicatat di Boyolali", ". tanggal 25 Februari 1997"], "1997-02-25"),
    ],
)
def test_tanggal_dokumen(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert extract(doc_type, lines).get("tanggal_dokumen") == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # surat keterangan kematian: "meninggal dunia" damaged, its "pada: / Hari : / Tanggal :" rows kept
        (
            "SURAT_KEMATIAN",
            [
                "Nama : BAMBANG",
                "telah meninogal chmia pada:",
                "Hari : Rabu",
                "Tanggal 1 : 13 November 2024 :",
                "Pukul : 20.20 WIB",
            ],
            "2024-11-13",
        ),
        ("DAFTAR_KELUARGA", ["Nama : BAMBANG", "Meninggal dunia tanggal : 0S Januari 2025"], "2025-01-05"),
    ],
)
def test_tanggal_meninggal(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert extract(doc_type, lines).get("tanggal_meninggal") == expected


AKTA = [
    "KUTIPAN AKTA KELAHIRAN",
    "Berdasarkan Akta Kelahiran Nomor 3317-LT-15052000-0399",
    "bahwa di REMBANG",
    "pada tanggal dua puluh dua April dua ribu",
    "telah lahir",
    "SITI AMINAH",
    "anak ke satu, perempuan, dari suami isteri AHMAD dan ibu YULI",
    "Kutipan ini dikeluarkan di REMBANG,",
]


@pytest.mark.parametrize(
    ("issue_rows", "expected"),
    [
        # read as printed where it reads
        (["pada tanggal 15 Mei 2000", "KEPALA DINAS"], "2000-05-15"),
        # the month word damaged: the day and year as the akta number registers them
        (["pada tanggal 15 Moi 2000", "KEPALA DINAS"], "2000-05-15"),
        (["pada tancgal 15 M-—-:— 2000", "KEPALA DINAS"], "2000-05-15"),
        # ... where what is left of it reads as another month by its first letter only
        # (dates.initial_month_number), that reading is one digit away from the registration date
        (["pada tancgal 15 Sep-—-:— 2000", "KEPALA DINAS"], "2000-05-15"),
        # one digit away from the registration date: an OCR slip
        (["pada tanggal 15 Mei 2005", "KEPALA DINAS"], "2000-05-15"),
        (["pada tanggal 18 Mei 2000", "KEPALA DINAS"], "2000-05-15"),
        # the date row lost entirely
        (["KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN", "SIPIL KABUPATEN REMBANG,"], "2000-05-15"),
        # another day and year, or another date read whole: as printed (a later kutipan)
        (["pada tanggal 16 M-—-:— 2001", "KEPALA DINAS"], None),
        # "Moi" is Mei read with its e as o (dates.MEI_DAMAGED): read as printed
        (["pada tanggal 16 Moi 2001", "KEPALA DINAS"], "2001-05-16"),
        (["pada tanggal 03 Juni 2010", "KEPALA DINAS"], "2010-06-03"),
    ],
)
def test_akta_issue_date_by_registration(issue_rows: list[str], expected: str | None) -> None:
    assert extract("AKTA_KELAHIRAN", [*AKTA, *issue_rows]).get("tanggal_dokumen") == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # "terhitung mulai tanggal" damaged word by word: still the phrase as a whole
        (["KEDUA : ... menjadi PNS terhitung mulaj tanggal 01 Januari 2012."], "2012-01-01"),
        (["menjadi Pegawai Negeri Sipil terbitwmg mula tanggal O1 Maret 2007."], "2007-03-01"),
        # "C. Terhitung mulai tanggal :" row of an SK kenaikan pangkat, its colon read as 1
        (["C. Ten mulai tancaal 1 O1 April 2022"], "2022-04-01"),
        (["CT mulai tancaal : O1 April 2022"], "2022-04-01"),
        # "terhitung mulai" without "tanggal"
        (["b. NIP : 19671225 200804 1 293", "terhitung mulai 01 April 2008."], "2008-04-01"),
        # the year after a row holding only a stray '|'
        (["menjadi Pegawai Negeri Sipil terhitung mulai tanggal O1 Maret", "|", "2010."], "2010-03-01"),
        # the day's 1 read as t ("Ot April"); the date's row opened by a speck ("«")
        (["C. Terhitung mulai tanggal : Ot April 2023"], "2023-04-01"),
        (["menjadi Pegawai Negeri Sipil terhitung mulai tanggal 01", "« Januari 2009. |"], "2009-01-01"),
        # the year on the next row behind the colon column of the rows below
        (["menjadi Pegawai Negeri Sipil terhitung mulai tanggal 01 April", ": 2010."], "2010-04-01"),
        # an SK PNS that prints "terhitung tanggal", no "mulai"
        (["menjadi Pegawai Negeri Sipil terhitung tanggal O1 April 2010."], "2010-04-01"),
        # another phrase is no TMT: "Keputusan ini mulai berlaku pada tanggal ditetapkan"
        (["KETIGA : Keputusan ini berlaku sejak tanggal 05 Maret 2010."], None),
        (["Keputusan ini mulai berlaku pada tanggal 05 Maret 2010."], None),
    ],
)
def test_tmt_phrase(lines: list[str], expected: str | None) -> None:
    assert extract("SK_PNS", ["Nama : SRI PURWANTI", *lines]).get("tmt") == expected


SKP_HEAD = [
    "SASARAN KINERJA PEGAWAI",
    "NO PEGAWAI YANG DINILAI NO PEJABAT PENILAI KINERJA",
    "1 NAMA BUDI MARYONO, S.H. 1 NAMA UMI HIDAYATI, S.STP., M.SI.",
    "2 NIP 19691019 200901 1 157 2 NIP 196610271993042009",
    "PANGKAT/GOL . PANGKAT/GOL .",
]


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # SKP: the pegawai yang dinilai's cell first on the row, its golongan damaged; the penilai's
        # "Pembina / IV/a" after it is not theirs
        ("SKP", [*SKP_HEAD, "3 Penata Tingkat | / IlWd 3 Pembina / IV/a", "RUANG RUANG"], "III/d"),
        ("SKP", [*SKP_HEAD, "Mmwosag Penata Tingkat 1/ Id Mena Pembina / IVla"], "III/d"),
        ("SKP", [*SKP_HEAD, "3 Penata Muda / III/a 3 Pembina / IV/a"], "III/a"),
        # the rank *before* a kenaikan pangkat is no golongan of the document
        (
            "SK_PANGKAT",
            [
                "Nama : RUDI",
                "5. Pangkat lama/Gol.ruang/TMT : Pengatur Tingkat 1 / Ivd / 01-04-2019",
                "b. Gol ruang ni/a",
            ],
            None,
        ),
        # no rank name: no golongan from a damaged reading
        ("SKP", [*SKP_HEAD, "3 Penataan Ruang / IlWd"], None),
    ],
)
def test_rank_cell_golongan(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert extract(doc_type, lines).get("golongan") == expected


def _lampiran(rows: list[list[tuple[int, str]]]) -> dict:
    from tests.test_pengantar_table import table_page

    page = PageResult(
        ref=PageRef("b", 2, Path("/x/b.pdf"), "b.pdf", 2, "pdf"),
        text=table_page(rows),
        classification=Classification("SK_JABATAN", 0.9, [], True),
    )
    fields = extract_document(Document("d1", "SK_JABATAN", [2]), {2: page})
    return {k: v.value for k, v in fields.items()}


LAMPIRAN_HEAD = [
    [(300, "LAMPIRAN KEPUTUSAN BUPATI BATANG")],
    [(300, "DAFTAR PEGAWAI NEGERI SIPIL YANG DIANGKAT DALAM JABATAN PELAKSANA")],
    [(1300, "PANGKAT /")],
    [(200, "NO"), (500, "NAMA / NIP"), (1700, "JABATAN"), (2100, "UNIT KERJA")],
    [(1300, "GOL. RUANG")],
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a decree's Lampiran: the rank cell wrapped over the name's and the NIP's lines
        (
            [
                *LAMPIRAN_HEAD,
                [(450, "YUDI PURNOMO, S.T."), (1300, "Penata Muda"), (1700, "Analis"), (2100, "Dinas")],
                [(200, "1")],
                [(450, "NIP. 19690223 200903 1 226"), (1300, "Tingkat I / III/b"), (2100, "Pertanian")],
            ],
            "III/b",
        ),
        # the golongan's roman part damaged: the rank confirms its letter
        (
            [
                *LAMPIRAN_HEAD,
                [(450, "NUR ASTUTI, A.Md."), (1300, "Penata Muda /"), (1700, "Pengadministrasi"), (2100, "Dinas")],
                [(450, "NIP 19680908 200901 2 217"), (1300, "Il/a"), (2100, "Kesehatan")],
            ],
            "III/a",
        ),
    ],
)
def test_lampiran_rank_cell(rows: list[list[tuple[int, str]]], expected: str) -> None:
    assert _lampiran(rows).get("golongan") == expected


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # the daftar riwayat pekerjaan's "I. KETERANGAN PERORANGAN" block, its colons lost
        (
            "RIWAYAT_PEKERJAAN",
            [
                "DAFTAR RIWAYAT PEKERJAAN",
                "Nama BUDI MARYONO, S.H.",
                "NIP 196910192009011157",
                "Pangkat/Gol. Ruang Penata Tingkat I / IIl/d",
                "II. RIWAYAT KEPANGKATAN",
                "1. Penata Muda Ia 01-01-2009 813.3/949/2008 21-12-2008 Bupati Sukoharjo",
            ],
            "III/d",
        ),
        # a surat keterangan's subject block, the colon of its rank row lost; the signer's rank above
        (
            "SK_HUKDIS",
            [
                "Yang bertanda tangan di bawah ini:",
                "a. Nama : ARIF SUTRISNO, S.Sos., M.Si.",
                "b. NIP | : 19700301 199312 1003",
                "Cc. Pangkat/Gol. Ruang : Pembina Utama Muda / IV/c",
                "dengan ini menerangkan dengan sesungguhnya bahwa Pegawai Negeri Sipil:",
                "a. Nama DYAH LESTARI, S.H.",
                "b. NIP : 196711152008042230",
                "c. Pangkat/Gol. Ruang Penata Tingkat I / III/d",
                "d. Jabatan : Analis Lingkungan Hidup",
            ],
            "III/d",
        ),
        # the label damaged, a dash for its colon: the rank name leading the value confirms it
        (
            "SK_HUKDIS",
            [
                "Yang bertanda tangan di bawah ini:",
                "a. Nama : BUDI HARYANTO, S.Sos., M.Si.",
                "b. NIP : 19660221 198912 1 005",
                "c. Pangkat/Gol. fiaag » Pembina Utama Muda / IV/c",
                "dengan ini menerangkan dengan sesungguhnya bahwa Pegawai Negeri Sipil:",
                "a. Nama : TRI MUNAWAROH, A.Md.",
                "b. NIP : 19682102 200603 2 342",
                "c. Pangkat/Gol. Koeng - Penata / III/c",
            ],
            "III/c",
        ),
        # a damaged label before a golongan alone is not enough
        ("SK_HUKDIS", ["a. Nama : TRI", "b. NIP : 19682102 200603 2 342", "c. Pangkat/Gol. Koeng III/c"], None),
        # a label followed by no rank is no rank row
        (
            "SK_HUKDIS",
            ["a. Nama : DYAH LESTARI", "b. NIP : 196711152008042230", "Pangkat kami sampaikan 3 berkas"],
            None,
        ),
    ],
)
def test_rank_rows_without_colon(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert extract(doc_type, lines).get("golongan") == expected


def test_rank_history_rows_are_no_rank_label() -> None:
    # the riwayat's rank history lists the oldest rank first: its "Kenaikan pangkat, ..." rows are
    # no "Pangkat :" row of the employee's current rank
    lines = [
        "DAFTAR RIWAYAT PEKERJAAN",
        "Nama KUSNO SETYAWAN, A.Md.",
        "NIP 19670406 200901 1 078",
        "NO URAIAN PANGKAT / JABATAN GOL. MULAI SAMPAI GAJI POKOK",
        '"1 Calon Pegawai Negeri Sipil, Pengatur Ic 01-01-2009 31-03-2013 Rp 1.598.400 813.3/359/2009',
        "2 Kenaikan pangkat, Pengatur Tingkat I Ivd 01-04-2013 31-03-2017 Rp 2.434.700 823.3/1360/2013",
        "3 Kenaikan pangkat, Penata Muda III/a 01-04-2017 31-03-2021 Rp 2.434.700 823.3/1360/2017",
    ]
    assert extract("RIWAYAT_PEKERJAAN", lines).get("golongan") is None


@pytest.mark.parametrize(
    ("birth_row", "expected"),
    [
        ("pada tanggal dua puluh Mei seribu sembilan ratus sembilan puluh lima", "1995-05-20"),
        # the p of "pada" read as n: still the birth sentence, not the issue row's "pada tanggal"
        ("nada tanggal dua puluh Mel seribu sembilan ratus sembilan puluh lima", "1995-05-20"),
    ],
)
def test_akta_birth_anchor(birth_row: str, expected: str) -> None:
    lines = [
        "KUTIPAN AKTA KELAHIRAN",
        "Berdasarkan Akta Kelahiran Nomor 3322-LT-01061995-2653",
        "bahwa di SEMARANG",
        birth_row,
        "telah lahir",
        "LAILA FITRIANI",
        "Kutipan Ini dikeluarkan di SEMARANG,",
        "pada tanggal O1 Juni 1995",
    ]
    assert extract("AKTA_KELAHIRAN", lines).get("tanggal_lahir") == expected

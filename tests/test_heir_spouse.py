"""The couple and the late employee's NIP on the letters of a widow or widower, and the spouse
rows of family tables and marriage certificates, read from OCR lines as the scans leave them."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_document
from pipeline.models import Document
from tests.textpage import page_result


def extract(doc_type: str, lines: list[str]) -> dict:
    doc = Document("d1", doc_type, [1])
    fields = extract_document(doc, {1: page_result(1, lines, doc_type)})
    return {k: v.value for k, v in fields.items()}


WIDOW_ALAMAT = [
    "SURAT PERNYATAAN PENUNJUKAN ALAMAT",
    "(Alamat Sesudah Pensiun dan Kantor Pembayaran)",
    "Yang bertanda tangan di bawah ini:",
    "Nama : RETNO RAHAYU",
    "NIK : 3301214508700219",
    "Janda dari almarhum:",
    "Nama : AGUS PURNOMO, S.T.",
    "NIP : 19670321 200903 1 062",
    "Pangkat/Gol. Ruang : Penata Tingkat I / III/d",
    "dengan ini menunjuk alamat sesudah pensiun, untuk pengiriman surat",
]


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # A widow's surat penunjukan alamat: the signer is the widow, the deceased below her.
        (
            "SURAT_ALAMAT",
            WIDOW_ALAMAT,
            {"nama_isteri": "RETNO RAHAYU", "nama_suami": "AGUS PURNOMO, S.T.", "nip": "196703212009031062"},
        ),
        (
            "SURAT_ALAMAT",
            [
                "Yang bertanda tangan di bawah ini:",
                "Nama : SLAMET PRASETYO",
                "NIK : 3310250207620910",
                "Duda dari almarhumah:",
                "Nama : UMI ASTUTI, S.Sos.",
                "NIP : 19671119 200901 2 243",
            ],
            {"nama_suami": "SLAMET PRASETYO", "nama_isteri": "UMI ASTUTI, S.Sos.", "nip": "196711192009012243"},
        ),
        # A speck before the deceased's name read as a quote mark.
        (
            "SURAT_JANDA_DUDA",
            [
                "SURAT KETERANGAN DUDA",
                "Nama : KUSNO SYAIFUDIN",
                "Tempat/Tgl. Lahir : Wonogiri, 23 Februari 1968",
                "adalah benar suami sah dari Almarhumah” WIWIK RAHAYU, ST., NIP",
                "196808102010032246, Pegawai Negeri Sipil pada Dinas Pertanian",
            ],
            {"nama_isteri": "WIWIK RAHAYU", "nama_suami": "KUSNO SYAIFUDIN", "nip": "196808102010032246"},
        ),
        # The pensioner's own penunjukan alamat names no couple.
        (
            "SURAT_ALAMAT",
            ["Yang bertanda tangan di bawah ini:", "Nama : SRI KUSRINI", "NIP : 19680204 200701 2 012"],
            {"nama_isteri": None, "nama_suami": None, "nip": "196802042007012012"},
        ),
        # "Almarhum" lost under a stamp ("ANGKAT"): "adalah janda dari" still announces the deceased.
        (
            "SURAT_PERMOHONAN",
            [
                "SURAT PERMINTAAN PEMBAYARAN PENSIUN JANDA",
                "Yang bertanda tangan di bawah ini:",
                "Nama : YULI SUSILOWATI",
                "NIK : 3329026605730165",
                "adalah janda dari",
                "ANGKAT",
                "Nama : ENDRO SANTOSO",
                '"NIP : 19690802 200803 1 150',
            ],
            {"nama_isteri": "YULI SUSILOWATI", "nama_suami": "ENDRO SANTOSO", "nip": "196908022008031150"},
        ),
        # The colon of "Nama :" misread as '1' or '!', or lost.
        (
            "SURAT_PERMOHONAN",
            [
                "SURAT PERMINTAAN PEMBAYARAN PENSIUN DUDA",
                "Nama AHMAD HIDAYAT",
                "NIK 3329160305680090",
                "adalah duda dari Almarhumah:",
                "Nama SRI WAHYUNI",
                "NIP 19691210 200901 2 318",
            ],
            {"nama_suami": "AHMAD HIDAYAT", "nama_isteri": "SRI WAHYUNI", "nip": "196912102009012318"},
        ),
        (
            "SURAT_ALAMAT",
            [
                "Nama 1 TRI MUNAWAROH",
                "NIK : 3376036301720642",
                "Janda dari almarhum:",
                "Nama . : AGUS MUFID, S.E.",
                "NIP : 19671114 200801 1 290",
            ],
            {"nama_isteri": "TRI MUNAWAROH", "nama_suami": "AGUS MUFID, S.E."},
        ),
        # The deceased's NIP broken after its birth date, in the sentence of a surat keterangan janda.
        (
            "SURAT_JANDA_DUDA",
            [
                "Nama : ISTI RAHAYU",
                "adalah benar isteri sah dari Almarhum KUSNO HARYANTO, NIP. 19671104",
                "200601 1 355, Pegawai Negeri Sipil pada Dinas Lingkungan Hidup",
            ],
            {"nama_isteri": "ISTI RAHAYU", "nama_suami": "KUSNO HARYANTO", "nip": "196711042006011355"},
        ),
        # A "Nama :" row far below "janda dari" is no deceased's (the letter's other person).
        (
            "SURAT_PERMOHONAN",
            [
                "Nama : YULI SUSILOWATI",
                "sebagai janda dari pegawai yang namanya tersebut dalam lampiran",
                "Alamat : Jalan Halmahera No. 80",
                "Kecamatan : Bantarkawung",
                "Kabupaten : Brebes",
                "Nama : BAMBANG SUTOPO",
            ],
            {"nama_suami": None},
        ),
    ],
)
def test_heir_letters(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


DPCP_HEAD = ["II. KETERANGAN KELUARGA", "a. Isteri/Suami", "NO NAMA TANGGAL LAHIR TANGGAL NIKAH KETERANGAN"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The row number "1." as OCR leaves it before the name: look-alikes, quotes, margin debris.
        (
            ["Il. PRIYO HIDAYAT 12-05-1964 29-10-1995 - Suami"],
            {"nama_suami": "PRIYO HIDAYAT", "tanggal_nikah": "1995-10-29"},
        ),
        (["IL UMI KUSRINI 27-03-1971 09-03-1994 - Isteri"], {"nama_isteri": "UMI KUSRINI"}),
        (['IL. "HERU RAHARJO 25-08-1967 30-12-1993 Suami'], {"nama_suami": "HERU RAHARJO"}),
        (["aa ENDANG ASTUTI 09-01-1974 11-09-1999 Isteri ke-1"], {"nama_isteri": "ENDANG ASTUTI"}),
        (["Ti, SITI MULYANI 22-06-1972 29-08-1994 Isteri ke-1"], {"nama_isteri": "SITI MULYANI"}),
        (["PA ENDRO RAHARJO 24-06-1966 03-11-1992 Suami"], {"nama_suami": "ENDRO RAHARJO"}),
        (
            ["1: YULI SETYANINGSIH 22-01-1973 22-07-1995 Isteri ke-1"],
            {"nama_isteri": "YULI SETYANINGSIH", "tanggal_nikah": "1995-07-22"},
        ),
        (["1. — UMI HANDAYANI 26-06-1973 07-02-1995 Isteri ke-1"], {"nama_isteri": "UMI HANDAYANI"}),
        (["1, UMI MULYANI s 06-06-1968 13-12-1992 - Isteri"], {"nama_isteri": "UMI MULYANI"}),
        (["IL ENYWULANDARI- “ 07-12-1970 11-12-1996 Isteri ke-1"], {"nama_isteri": "ENYWULANDARI"}),
        # A name's own short first word stays: Balinese prefixes, and names of letters like a "1".
        (["1. NI MADE SARI 12-05-1970 29-10-1995 Isteri"], {"nama_isteri": "NI MADE SARI"}),
        (["1. LILI SURYANI 12-05-1970 29-10-1995 Isteri"], {"nama_isteri": "LILI SURYANI"}),
        # The relation word damaged ("Isten", "ksteri").
        (
            ["1. TRI KHOIRIYAH 09-06-1968 07-10-1993 Isten ke-1"],
            {"nama_isteri": "TRI KHOIRIYAH", "tanggal_nikah": "1993-10-07"},
        ),
        (["L UMI PURWANTI 14-04-1973 31-07-1998 ksteri ke-1"], {"nama_isteri": "UMI PURWANTI"}),
        # The birth date's month misread ("21-97-1970"): the name still ends at it; the marriage date stands.
        (
            ["L | WIWIK HIDAYATI . 21-97-1970 24-03-1997 - Isteri"],
            {"nama_isteri": "WIWIK HIDAYATI", "tanggal_nikah": "1997-03-24"},
        ),
        # The marriage date's month misread past a month, one digit from one month only ("98": 08):
        # read as a guess (kk.marriage_date, dates.month_repaired).
        (
            ["1 ISTI KHOIRIYAH 07-06-1972 27-98-1997 Pedagang Isteri"],
            {"nama_isteri": "ISTI KHOIRIYAH", "tanggal_nikah": "1997-08-27"},
        ),
        # Misread past a date with several months one digit away ("13"): the name only.
        (
            ["1 ISTI KHOIRIYAH 07-06-1972 27-13-1997 Pedagang Isteri"],
            {"nama_isteri": "ISTI KHOIRIYAH", "tanggal_nikah": None},
        ),
        # A child's row has one date: no spouse.
        (["1. FAJAR NUGRAHA 05-03-1996 AK"], {"nama_isteri": None, "nama_suami": None}),
        # The birth date's dashes lost ("26011970"): still the row's first date.
        (
            ["1. NUR RAHAYU LFYAN 26011970 || 30-05-1994 Isteri ke-1"],
            {"nama_isteri": "NUR RAHAYU LFYAN", "tanggal_nikah": "1994-05-30"},
        ),
    ],
)
def test_spouse_row(lines, expected):
    got = extract("DPCP", DPCP_HEAD + lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The "Nama :" label as OCR leaves it on a kutipan akta nikah.
        (["SUAMI", "Nama . : AGUS SUSANTO", "Bin : PAIMAN"], {"nama_suami": "AGUS SUSANTO"}),
        (["SUAMI", "Nama -: : KUSNO SUTRISNO"], {"nama_suami": "KUSNO SUTRISNO"}),
        (["SUAMI", 'Nama " : HARI SUPRIYANTO'], {"nama_suami": "HARI SUPRIYANTO"}),
        (
            ["SUAMI", "Nama : HARI SHOLIKIN", "Bin : KASMIN", "ISTERI", '"Nama : YULI SETYANINGSIH'],
            {"nama_isteri": "YULI SETYANINGSIH"},
        ),
        (["SUAMI", "Nama : ENDRO WIDODO", "ISTERI", "Nama 1: TRI SETYANINGSIH"], {"nama_isteri": "TRI SETYANINGSIH"}),
        (["SUAMI", "Nama 2 ARIF SUTRISNO", "Bin : DARSONO"], {"nama_suami": "ARIF SUTRISNO"}),
        # The isteri heading lost ("Pelan"): the second name row is hers, once the suami's is read
        # even with a stray quote after it.
        (
            ["SUAMI .", "Nama MOH. RIYADI '", "Bin MARDJUKI", "Pelan", "Nama ISTI KHOIRIYAH"],
            {"nama_suami": "MOH. RIYADI", "nama_isteri": "ISTI KHOIRIYAH"},
        ),
    ],
)
def test_akta_nikah_names(lines, expected):
    got = extract("SURAT_NIKAH", ["KUTIPAN AKTA NIKAH", "Nomor : 380/53/VII/1992", *lines])
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The letterhead's "a.n." runs into the right column; the closing sentence names the heir.
        (
            [
                "Hal : Usul Pensiun Janda/Duda a.n. Priyo Hidayat Kabupaten Semarang",
                "(duda Almarhumah NUR ASTUTI, A.Md.) di -",
                "Almarhumah NUR ASTUTI, A.Md. telah meninggal dunia pada tanggal 05 Januari 2025",
                "dan meninggalkan seorang duda atas nama Priyo Hidayat sebagai ahli waris yang sah.",
                "Sebagai bahan pertimbangan, bersama ini kami lampirkan berkas persyaratan usul",
            ],
            {"nama_suami": "Priyo Hidayat", "nama_isteri": "NUR ASTUTI"},
        ),
        # The heir's name broken over two rows of the sentence.
        (
            [
                "Hal : Usul Pensiun Janda/Duda a.n. Sri Kabupaten Wonogiri",
                "Astuti (janda Almarhum AHMAD di -",
                "Almarhum AHMAD MARYONO, S.T. telah meninggal dunia pada",
                "tanggal 30 Juli 2024 dan meninggalkan seorang janda atas nama Sri",
                "Astuti sebagai ahli waris yang sah.",
                "Sebagai bahan pertimbangan, bersama ini kami lampirkan",
            ],
            {"nama_isteri": "Sri Astuti", "nama_suami": "AHMAD MARYONO"},
        ),
        # ... but the next row's "Sebagai bahan pertimbangan" ends no name.
        (
            [
                "Almarhum DWI RIYADI telah meninggal dunia pada tanggal 05 Januari 2025",
                "dan meninggalkan seorang janda atas nama Anik Mulyani sebagai ahli waris yang sah",
                "Sebagai bahan pertimbangan, bersama ini kami lampirkan berkas persyaratan usul",
            ],
            {"nama_isteri": "Anik Mulyani"},
        ),
        # The letterhead's right column joined to the deceased's name ("ENY PURBALINGGA"): of two
        # names as long, the one the page prints twice (table, body) is the deceased.
        (
            [
                "Hal : Usul Pensiun Janda/Duda Kabupaten Purbalingga",
                "(Tewas) a.n. Sugeng Sutrisno di -",
                "(duda Almarhumah ENY PURBALINGGA",
                "SUPRAPTI)",
                "NO NAMA / NIP GOL. JABATAN PENSIUN",
                "ENY SUPRAPTI Penata Pengadministrasi",
                "Almarhumah ENY SUPRAPTI telah meninggal dunia pada",
                "tanggal 19 Agustus 2025 dan meninggalkan seorang duda atas nama",
                "Sugeng Sutrisno sebagai ahli waris yang sah.",
            ],
            {"nama_isteri": "ENY SUPRAPTI", "nama_suami": "Sugeng Sutrisno"},
        ),
    ],
)
def test_pengantar_heir(lines, expected):
    got = extract("SURAT_PENGANTAR", lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The court's letterhead row with a stray colon is no name: the sections name the couple.
        (
            [
                ": PENGADILAN AGAMA WONOGIRI",
                "AKTA CERAI",
                "telah terjadi perceraian antara:",
                "SUAMI",
                "Nama : HARI SHOLIKIN",
                "Bin : KASMIN",
                "ISTERI",
                "Nama : ENY LESTARI",
            ],
            {"nama_suami": "HARI SHOLIKIN", "nama_isteri": "ENY LESTARI"},
        ),
        # Under a heading a label-less capital row still names its person.
        (["SUAMI", ": ROCHMAT SYAIFUDIN", "Bin : PAIMAN"], {"nama_suami": "ROCHMAT SYAIFUDIN"}),
    ],
)
def test_akta_cerai_names(lines, expected):
    got = extract("SURAT_CERAI", lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The card's title damaged: its abbreviation below still says whose card it is.
        (
            [
                "KARIU SUAMI PEGAWAI NEGERI SIPIL",
                "(KARSU) No. L 6093037",
                "Nama : KUSNO WIBOWO",
                "Suami dari : ENY MULYANI, S.Pd.",
            ],
            {"nama_suami": "KUSNO WIBOWO", "nama_isteri": "ENY MULYANI, S.Pd."},
        ),
        (
            [
                "KARTU 1STERI PEGAWAI NEGERI SIPIL",
                "(KARIS) No. H 123456",
                "Nama : SRI WAHYUNI",
                "Isteri dari : AGUS MUFID",
            ],
            {"nama_isteri": "SRI WAHYUNI", "nama_suami": "AGUS MUFID"},
        ),
    ],
)
def test_karis_karsu_names(lines, expected):
    got = extract("KARIS_KARSU", lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


def test_heir_name_on_the_row_below_its_label():
    # OCR split the form's wide gap: the label on one row, its value (after a misread colon) below.
    lines = [
        "SURAT KETERANGAN",
        "JANDA",
        "menerangkan bahwa:",
        "Nama",
        "! ANIK RAHAYU",
        "NIK",
        "! 3373046705700785",
        "adalah benar isteri sah dari Almarhum WAHYU SUPRIYANTO, S.E., NIP. 19671020 200903 1 254",
    ]
    got = extract("SURAT_JANDA_DUDA", lines)
    assert (got.get("nama_isteri"), got.get("nama_suami")) == ("ANIK RAHAYU", "WAHYU SUPRIYANTO")


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # "Almarhum" abbreviated as letters write it: "Alm." for a man, "Almh." for a woman.
        (
            "SURAT_JANDA_DUDA",
            ["Nama : ISTI RAHAYU", "adalah benar isteri sah dari Alm. TEGUH PRASETYO, NIP. 19681225 200903 1 140"],
            {"nama_isteri": "ISTI RAHAYU", "nama_suami": "TEGUH PRASETYO", "nip": "196812252009031140"},
        ),
        (
            "SURAT_PERMOHONAN",
            ["Nama : BUDI SANTOSO", "adalah suami dari Almh. SITI AMINAH"],
            {"nama_suami": "BUDI SANTOSO", "nama_isteri": "SITI AMINAH"},
        ),
        # "... meninggalkan seorang janda bernama ..."
        (
            "SURAT_PENGANTAR",
            [
                "Almarhum DWI RIYADI telah meninggal dunia pada tanggal 05 Januari 2025",
                "dan meninggalkan seorang janda bernama Anik Mulyani sebagai ahli waris yang sah.",
            ],
            {"nama_isteri": "Anik Mulyani", "nama_suami": "DWI RIYADI"},
        ),
        # "Almarhum" is a word of its own: "almamater" is none.
        ("SURAT_PERMOHONAN", ["Nama : SRI KUSRINI", "lulusan almamater UNDIP SEMARANG"], {"nama_suami": None}),
    ],
)
def test_heir_wording(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The relation word's end damaged: its start still says it.
        ("L | ROCHMAT MARYONO 26-11-1966 05-09-1996 Suaru", {"nama_suami": "ROCHMAT MARYONO"}),
        ("1. TRI KHOIRIYAH 09-06-1968 07-10-1993 Istxx", {"nama_isteri": "TRI KHOIRIYAH"}),
        # ... but a longer word is something else (an occupation), and no relation, no spouse.
        ("1. TRI KHOIRIYAH 09-06-1968 07-10-1993 Istimewa", {"nama_isteri": None}),
    ],
)
def test_spouse_relation_word_start(line, expected):
    got = extract("DPCP", [line])
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # "Almarhum" ends its row, the name starts the next.
        (
            [
                "Nama : ISTI RAHAYU",
                "adalah benar isteri sah dari Almarhum",
                "TEGUH PRASETYO, S.E., NIP. 19681225 200903 1 140,",
            ],
            {"nama_isteri": "ISTI RAHAYU", "nama_suami": "TEGUH PRASETYO", "nip": "196812252009031140"},
        ),
        # ... but not a label, nor the words of a sentence.
        (
            ["Nama : ISTI RAHAYU", "adalah benar isteri sah dari Almarhum", "NIP. 19681225 200903 1 140,"],
            {"nama_suami": None},
        ),
        (
            [
                "Nama : ISTI RAHAYU",
                "adalah benar isteri sah dari Almarhum",
                "Pegawai Negeri Sipil pada Dinas Kesehatan",
            ],
            {"nama_suami": None},
        ),
    ],
)
def test_deceased_on_the_next_row(lines, expected):
    got = extract("SURAT_JANDA_DUDA", ["SURAT KETERANGAN JANDA", *lines])
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


def test_other_nama_label_is_no_colonless_name_row():
    # "Nama PNS :" is a label of its own, not a "Nama" row whose colon OCR lost.
    got = extract("SURAT_PERMOHONAN", ["Nama PNS : AGUS PURNOMO", "adalah janda dari Almarhum:", "Nama : AGUS PURNOMO"])
    assert got.get("nama_isteri") is None, got

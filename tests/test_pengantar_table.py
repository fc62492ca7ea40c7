"""The pengantar's employee table read by column (pipeline/pengantar.py, tablecols.py, ranks.py).

Pages are built from cells placed where a scanned table puts them: each row a list of (x, text),
OCR's interleaving of wrapped cells included. Layouts: the usul pensiun table of the generated
dossiers ("NO | NAMA / NIP | PANGKAT / GOL. RUANG | JABATAN | TMT PENSIUN") and the variants other
agencies print ("Nama | NIP | Pangkat/Gol.Ruang | Unit Kerja | Ket.", "Gol./Ruang" in a column of
its own, "Pangkat / Golongan" with the rank name only, golongan before rank)."""

from __future__ import annotations

import pytest

from pipeline import ranks
from pipeline.extract import extract_document
from pipeline.models import Classification, Document, PageRef, PageResult, PageText, Word
from pipeline.pengantar import read_pengantar
from pipeline.tablecols import find_table
from pipeline.textindex import TextIndex

CHAR = 18  # pixels per character, as tests/textpage.py
HEIGHT = 40  # word height; a space is CHAR wide (0.45 of it), cells lie further apart
PITCH = 50  # rows

Row = list[tuple[int, str]]


def table_page(rows: list[Row], top: int = 1000) -> PageText:
    """A page whose row i holds the texts at their x, words one space apart."""
    words = []
    for i, row in enumerate(rows):
        y = top + PITCH * i
        for x, text in row:
            for token in text.split():
                w = CHAR * len(token)
                words.append(Word(token, 92.0, (x, y, x + w, y + HEIGHT), i))
                x += w + CHAR
    return PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=92.0)


def read(rows: list[Row]) -> dict[str, object]:
    return {k: v.value for k, v in read_pengantar(TextIndex(table_page(rows), 1)).items()}


INTRO: Row = [(300, "Bersama ini kami sampaikan usul pemberhentian dengan hak pensiun atas nama:")]
PROSE: Row = [(300, "Sebagai bahan pertimbangan, bersama ini kami lampirkan berkas persyaratan usul pensiun")]
SIGNER: list[Row] = [
    [(1500, "KEPALA DINAS KESEHATAN")],
    [(1500, "Pembina Utama Muda")],
    [(1500, "NIP. 19690311 199412 1 004")],
]

# The usul pensiun table as OCR reads it: cells wrapped over three lines, their lines interleaved
# on the page's rows ("Penata" above the name, "Tingkat I /" beside the NIP, "III/d" below).
GENERATED: list[Row] = [
    INTRO,
    [(1400, "PANGKAT /"), (2080, "TMT")],
    [(590, "NO"), (900, "NAMA / NIP"), (1740, "JABATAN")],
    [(1380, "GOL. RUANG"), (2030, "PENSIUN")],
    [(1370, "Penata"), (1690, "Analis")],
    [(695, "TEGUH MUFID, S.P."), (1690, "Kepegawaian"), (2060, "01 November")],
    [(605, "1."), (695, "NIP. 19681003 200801 1 285"), (1370, "Tingkat I /"), (1690, "Ahli Muda"), (2080, "2026")],
    [(1370, "III/d")],
    PROSE,
    *SIGNER,
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            GENERATED,
            {"nama": "TEGUH MUFID, S.P.", "nip": "196810032008011285", "golongan": "III/d"},
            id="usul-pensiun-wrapped-cells",
        ),
        # The roman part read as "II" and "Tingkat I" as "Tingkat1/": the rank says III.
        pytest.param(
            [r if r[0][1] != "III/d" else [(1370, "II/d")] for r in GENERATED],
            {"golongan": "III/d"},
            id="roman-part-misread",
        ),
        # Another agency: one column each for NAMA and NIP, "Pangkat/Gol.Ruang", cells on one line.
        pytest.param(
            [
                INTRO,
                [
                    (330, "No"),
                    (520, "Nama"),
                    (1010, "NIP"),
                    (1480, "Pangkat/Gol.Ruang"),
                    (1950, "Unit Kerja"),
                    (2250, "Ket."),
                ],
                [
                    (340, "1"),
                    (520, "SRI WAHYUNI, S.Pd."),
                    (920, "19680512 199003 2 004"),
                    (1420, "Penata Muda Tk. I, III/b"),
                ],
                PROSE,
            ],
            {
                "nama": "SRI WAHYUNI, S.Pd.",
                "nip": "196805121990032004",
                "golongan": "III/b",
                "pangkat": "Penata Muda Tingkat I",
            },
            id="nama-nip-apart-one-line",
        ),
        # "Pangkat" and "Gol./Ruang" in columns of their own.
        pytest.param(
            [
                INTRO,
                [(330, "NO"), (600, "NAMA / NIP"), (1180, "PANGKAT"), (1500, "GOL./RUANG"), (1900, "JABATAN")],
                [(340, "1."), (450, "DWI NUGROHO"), (1150, "Pembina"), (1550, "IV/a"), (1850, "Kepala Bidang")],
                [(450, "NIP. 19700101 199503 1 002")],
                PROSE,
            ],
            {"nama": "DWI NUGROHO", "nip": "197001011995031002", "golongan": "IV/a"},
            id="golongan-column-of-its-own",
        ),
        # "Pangkat / Golongan" printing the rank only: rules/pangkat.yaml gives its golongan.
        pytest.param(
            [
                INTRO,
                [(330, "NO"), (600, "NAMA / NIP"), (1300, "PANGKAT / GOLONGAN"), (1900, "JABATAN")],
                [(340, "1."), (450, "ENDANG ASTUTI"), (1250, "Penata Muda Tk. I"), (1850, "Pengadministrasi Umum")],
                [(450, "NIP. 19690716 200701 2 174")],
                PROSE,
            ],
            {"golongan": "III/b", "pangkat": "Penata Muda Tingkat I"},
            id="rank-name-only",
        ),
        # Golongan before the rank, columns in that order.
        pytest.param(
            [
                INTRO,
                [(330, "NO"), (600, "NAMA / NIP"), (1180, "GOL."), (1450, "PANGKAT"), (1900, "JABATAN")],
                [(340, "1."), (450, "ENDANG ASTUTI"), (1180, "III/c"), (1420, "Penata"), (1850, "Analis")],
                [(450, "NIP. 19690716 200701 2 174")],
                PROSE,
            ],
            {"golongan": "III/c"},
            id="golongan-before-rank",
        ),
        # The NIP broken in its cell, other columns' lines on the rows between its parts.
        pytest.param(
            [
                INTRO,
                [(590, "NO"), (900, "NAMA / NIP"), (1380, "PANGKAT / GOL. RUANG"), (1740, "JABATAN")],
                [(695, "SITI PURWANTI"), (1370, "Penata"), (1690, "Pengadministrasi")],
                [(605, "1."), (695, "NIP. 19680827 200803 2")],
                [(1370, "Muda / III/a"), (1690, "Umum")],
                [(695, "340")],
                PROSE,
            ],
            {"nama": "SITI PURWANTI", "nip": "196808272008032340", "golongan": "III/a"},
            id="nip-wrapped-in-its-cell",
        ),
        # A nominatif of two: the first employee's row.
        pytest.param(
            [
                INTRO,
                [(330, "NO"), (600, "NAMA / NIP"), (1300, "PANGKAT / GOL. RUANG"), (1900, "JABATAN")],
                [(340, "1."), (450, "ENDANG ASTUTI"), (1250, "Penata / III/c"), (1850, "Analis")],
                [(450, "NIP. 19690716 200701 2 174")],
                [(340, "2."), (450, "BUDI SANTOSO"), (1250, "Pembina / IV/a"), (1850, "Kepala Seksi")],
                [(450, "NIP. 19700101 199503 1 002")],
                PROSE,
            ],
            {"nama": "ENDANG ASTUTI", "nip": "196907162007012174", "golongan": "III/c"},
            id="nominatif-first-row",
        ),
        # The NAMA / NIP heading lost to OCR ("Moman"): the NIP is found in whichever column holds it.
        pytest.param(
            [
                INTRO,
                [(590, "NO"), (900, "Moman"), (1380, "GOL. RUANG"), (1740, "JABATAN"), (2030, "PENSIUN")],
                [(605, "1"), (695, "ARIF HARYANTO, S.E."), (1370, "Penata Tingkat I /"), (1690, "Analis")],
                [(695, "NIP. 19670602 200801 1 145"), (1370, "III/d"), (1690, "Lingkungan Hidup")],
                PROSE,
            ],
            {"nama": "ARIF HARYANTO, S.E.", "nip": "196706022008011145", "golongan": "III/d"},
            id="name-heading-lost",
        ),
        # OCR specks in the name cell: a lone mark and a lower-case speck that is no gelar.
        pytest.param(
            [
                INTRO,
                [(590, "NO"), (900, "NAMA / NIP"), (1380, "PANGKAT / GOL. RUANG"), (1740, "JABATAN")],
                [(695, "SLAMET SUSANTO, bing. : S.H."), (1370, "Penata"), (1690, "Analis")],
                [(605, "1."), (695, "NIP. 19681003 200801 1 285"), (1370, "III/c")],
                PROSE,
            ],
            {"nama": "SLAMET SUSANTO, S.H."},
            id="specks-in-the-name",
        ),
    ],
)
def test_employee_row(rows: list[Row], expected: dict[str, str]) -> None:
    got = read(rows)
    assert {k: got.get(k) for k in expected} == expected


def test_widow_pengantar_keeps_the_couple_and_takes_the_table() -> None:
    """A widow's pengantar: the couple from its sentence, the late employee's NIP and golongan from
    its table, and no "nama" (the table's name is the deceased's, reported as nama_suami)."""
    rows = [
        *GENERATED[:8],
        [(300, "Almarhum TEGUH MUFID, S.P. telah meninggal dunia pada tanggal 17 April 2024 dan")],
        [(300, "meninggalkan seorang janda atas nama Tri Munawaroh sebagai ahli waris yang sah.")],
        PROSE,
    ]
    got = read(rows)
    assert "nama" not in got
    assert (got["nip"], got["golongan"], got["nama_isteri"]) == ("196810032008011285", "III/d", "Tri Munawaroh")


@pytest.mark.parametrize(
    "rows",
    [
        # A form, not a table: labelled rows name one column kind each.
        [
            [(300, "Nama : AGUS MUFID")],
            [(300, "Pangkat/Gol. Ruang : Penata, III/c")],
            [(300, "NIP : 19770515 200801 1 002")],
        ],
        # Running text that mentions columns' words.
        [[(300, "Nama dan NIP pegawai tersebut sesuai dengan pangkat terakhir dan jabatan yang bersangkutan")]],
    ],
)
def test_no_table(rows: list[Row]) -> None:
    assert find_table(TextIndex(table_page(rows), 1)) is None


def test_table_ends_at_running_text() -> None:
    """The signer's rank below the letter's closing paragraph is nobody's golongan in the table."""
    rows = [r for r in GENERATED if not any("Penata" in t or "Tingkat" in t or "III/d" in t for _, t in r)]
    assert "golongan" not in read(rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Penata Tingkat I / III/d", ("PENATA TINGKAT I", "III/d")),
        ("Penata Tk. I", ("PENATA TINGKAT I", "III/d")),
        ("Penata Tinckat1 /nvd", ("PENATA TINGKAT I", "III/d")),  # OCR: "Tingkat I" one word, a letter off
        ("Penata Tingkat | / Ni/d", ("PENATA TINGKAT I", "III/d")),
        ("Penata Muda / Iwa", ("PENATA MUDA", "III/a")),
        ("Penaia Muda/ JIU/a", ("PENATA MUDA", "III/a")),  # one letter off in one of two words
        ("Penata Muda Tk. I, III/b", ("PENATA MUDA TINGKAT I", "III/b")),
        ("Pengatur Tingkat I/IVd", ("PENGATUR TINGKAT I", "II/d")),
        ("Pembina Utama Muda", ("PEMBINA UTAMA MUDA", "IV/c")),
        ("Pembina Utama Madya", ("PEMBINA UTAMA MADYA", "IV/d")),
        ("Penataan Ruang", None),  # a word like a rank's head is no rank
        ("Kabupaten Boyolali", None),
    ],
)
def test_find_rank(text: str, expected: tuple[str, str] | None) -> None:
    found = ranks.find_rank(text)
    assert (found[:2] if found else None) == expected


@pytest.mark.parametrize(
    ("printed", "rank", "expected"),
    [
        ("III/d", None, "III/d"),
        ("ITU/d", None, None),  # a damaged roman part, nothing to confirm it
        (None, "III/d", "III/d"),
        ("II/d", "III/d", "III/d"),  # same letter: the rank's roman part
        ("IW/a", "III/d", "III/d"),  # damaged roman part: its letter is no better
        ("III/d", "III/c", "III/d"),  # under the rank's roman part: as printed ("Tingkat I" lost)
        ("II/d", "III/c", "III/d"),  # another roman part: the rank's, with the printed letter
        ("II/e", "III/c", "III/c"),  # ... where the rank's family has it
    ],
)
def test_reconcile(printed: str | None, rank: str | None, expected: str | None) -> None:
    assert ranks.reconcile(printed, rank) == expected


def test_extracted_pengantar_takes_the_column_nip() -> None:
    """The "NIP." row read across columns gives junk digits ("... 2009011 Tingkat I/ ... 233"); the
    document's NIP is the one read down its column."""
    rows = [
        INTRO,
        [(590, "NO"), (900, "NAMA / NIP"), (1380, "PANGKAT / GOL. RUANG"), (1740, "JABATAN"), (2030, "TMT PENSIUN")],
        [(695, "PRIYO NUGROHO"), (1370, "Pengatur")],
        [(605, "1."), (695, "NIP 19670808 2009011"), (1370, "Tingkat I/"), (1690, "Pengadministrasi"), (2020, "233")],
        [(695, "273"), (1370, "Il/d"), (2070, "2025")],
        PROSE,
    ]
    ref = PageRef("b", 1, __file__, "b.pdf", 1, "pdf")  # type: ignore[arg-type]
    page = PageResult(ref=ref, text=table_page(rows), classification=Classification("SURAT_PENGANTAR", 0.9, [], True))
    fields = extract_document(Document("d1", "SURAT_PENGANTAR", [1]), {1: page})
    values = {k: fields[k].value for k in ("nama", "nip", "golongan")}
    assert values == {"nama": "PRIYO NUGROHO", "nip": "196708082009011273", "golongan": "II/d"}


# A 150-dpi scan's table as OCR read it (corpus seed 10457): "NO NAMA / NIP" came out as "Ne Japan",
# so the table is found by PANGKAT / GOL.RUANG / TMT alone and the NIP under the rank's heading.
NAME_HEADING_LOST = [
    ("Karanganyar", (377, 820, 546, 850), 14),
    ("atas", (555, 825, 604, 843), 14),
    ("nama:", (615, 827, 692, 843), 14),
    ("PANGKAT", (931, 874, 1070, 923), 15),
    ("/", (1078, 888, 1096, 909), 15),
    ("TMT", (1384, 888, 1455, 909), 15),
    ("Ne", (392, 906, 437, 927), 16),
    ("Japan", (595, 906, 766, 927), 16),
    ("GOL.RUANG", (916, 926, 1112, 947), 16),
    ("JABATAN", (1158, 907, 1298, 928), 16),
    ("pensiun", (1352, 926, 1487, 947), 16),
    ("RETNO", (464, 999, 565, 1020), 17),
    ("MUNAWAROH,", (575, 999, 785, 1024), 17),
    ("S.Pd.", (797, 998, 858, 1020), 17),
    ("Penata", (916, 1000, 995, 1021), 17),
    ("Tingkat", (1003, 998, 1099, 1028), 17),
    ("yu", (1130, 979, 1208, 1041), 17),
    ("5", (1359, 1020, 1379, 1041), 17),
    ("Ol", (1405, 982, 1432, 1002), 17),
    (",", (1444, 1018, 1458, 1041), 17),
    ("NIP.", (464, 1038, 515, 1059), 18),
    ("196911062010042300", (528, 1038, 801, 1059), 18),
    ("1/Iiyd", (916, 1037, 1003, 1060), 18),
    ("Ctananan", (1151, 1026, 1260, 1041), 18),
    ("esember", (1380, 1026, 1483, 1041), 18),
    ("Pangan", (1130, 1059, 1218, 1087), 19),
    ("2027", (1389, 1059, 1450, 1080), 19),
    ("Sebagai", (457, 1121, 557, 1152), 20),
    ("bahan", (572, 1121, 648, 1145), 20),
    ("pertimbangan,", (663, 1121, 850, 1152), 20),
    ("bersama", (864, 1122, 972, 1146), 20),
    ("ini", (986, 1123, 1018, 1146), 20),
    ("kami", (1032, 1122, 1095, 1146), 20),
    ("lampirkan", (1111, 1122, 1241, 1153), 20),
    ("berkas", (1255, 1122, 1339, 1146), 20),
    ("persyaratan", (1353, 1128, 1504, 1153), 20),
    ("usul", (376, 1168, 428, 1192), 21),
    ("pensiun", (439, 1169, 539, 1199), 21),
    ("yang", (549, 1175, 613, 1199), 21),
    ("bersangkutan", (623, 1168, 797, 1199), 21),
    ("sebanyak", (807, 1169, 928, 1199), 21),
    ("1", (928, 1164, 942, 1204), 21),
    ("(satu)", (963, 1169, 1036, 1199), 21),
    ("berkas.", (1046, 1169, 1137, 1193), 21),
]


def test_name_heading_lost_is_read_above_the_nip() -> None:
    """The heading "GOL.RUANG" above the NIP in its column is no name: the name is read above the
    NIP by the NIP's own position."""
    page = PageText(
        words=[Word(t, 90.0, box, line) for t, box, line in NAME_HEADING_LOST],
        width=1654,
        height=2339,
        method="ocr",
        ocr_confidence=90.0,
    )
    got = {k: v.value for k, v in read_pengantar(TextIndex(page, 1)).items()}
    assert (got.get("nama"), got.get("nip")) == ("RETNO MUNAWAROH", "196911062010042300")

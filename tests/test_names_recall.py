"""Names read where OCR damaged their label or row (pipeline/namerecall.py and the name readers
it feeds). Each case is a row shape Tesseract left on the synthetic corpora (names changed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import namerecall, names
from pipeline.extract import _lampiran_name, read_document
from pipeline.findings import rules
from pipeline.labels import field_rules, labelled_values
from pipeline.models import Classification, Document, FieldValue, PageRef, PageResult, PageText, Word
from pipeline.narrative import read_akta
from pipeline.persons import select_block
from pipeline.textindex import TextIndex
from tests.textpage import page_result, page_text

Cell = tuple[int, str]  # (x of the cell's first word, its text)


def placed_page(rows: dict[int, list[Cell]], index: int = 1, doc_type: str = "UNKNOWN") -> PageResult:
    """A page whose rows (row number -> cells) put text at given x positions: columns and the
    signature zone (rows below ~42 of 70) as on an A4 scan."""
    words = []
    for row, cells in rows.items():
        for x, text in cells:
            for token in text.split():
                w = 18 * len(token)
                words.append(Word(token, 95.0, (x, 100 + 50 * row, x + w, 140 + 50 * row), row))
                x += w + 18
    text = PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=95.0)
    ref = PageRef("b", index, Path("/x/b.pdf"), "b.pdf", index, "pdf")
    return PageResult(ref=ref, text=text, classification=Classification(doc_type, 0.9, [], True))


def index_of(lines: list[str]) -> TextIndex:
    return TextIndex(page_text(lines), 1)


@pytest.mark.parametrize(
    ("lines", "child"),
    [
        (["telahlahir", "INTAN LESTARI", "anak ke-satu, perempuan, dari ayah BUDI NUGROHO"], "INTAN LESTARI"),
        (["talah lahir", "KIIKI FIIKIANI", "anak ke-satu, perempuan. dari ayah WAHYU RIYADI"], "KIIKI FIIKIANI"),
        (["telah lahir »", "AYU PERMATASARI", "anak ke-satu, perempuan, dari ayah AGUS"], "AYU PERMATASARI"),
        (["telah lahir", "-", "NOVITA PERMATASARI", "anak ke-satu, perempuan"], "NOVITA PERMATASARI"),
        (["telah lahir", "ADITYA SETIAWAN -", "anak ke-satu, laki-laki"], "ADITYA SETIAWAN"),
        (["telah lahir", 'LAILA LESTARI "', "anak ke-satu, perempuan"], "LAILA LESTARI"),
        (["telah lahir", "ADITYA SE11IAWAN", "anak ke-dua, laki-laki"], "ADITYA SE11IAWAN"),
        # "telah lahir" lost: the row of capitals above "anak ke-"
        (
            [
                "pada tanggal sepuluh Agustus dua ribu",
                "RI7ZKY NUGRAHA",
                "anak ke-satu, laki-laki. dari ayah AGUS MUFID",
            ],
            "RI7ZKY NUGRAHA",
        ),
        # the name itself lost: nothing, not the next sentence
        (["telah lahir", "anak ke-satu, laki-laki, dari ayah ARIF MUFID", "dan ibu SRI HIDAYATI"], None),
    ],
)
def test_akta_child_name_shapes(lines: list[str], child: str | None) -> None:
    found = read_akta(index_of(lines)).get("nama")
    assert (found.value if found else None) == child


@pytest.mark.parametrize(
    ("header", "name", "nip_row"),
    [
        # the header's slash read as a bar
        ("NO NAMA | NIP JABATAN UNIT KERJA", "KUSNO HARYANTO, A.Md.", "NIP. 19671104 200601 1 355"),
        # the NIP's digits misread past validity: its "NIP." label still marks the column
        ("NAMA/NIP RUANG JABATAN", "UMI KHOIRIYAH, S.P.", "NIP. 150717 762117012280"),
        ("NO NAMA /NIP JABATAN", "YULI SUSILOWATI, S.E.", "NIP. , 19670203 7 200703 1 388"),
    ],
)
def test_lampiran_name_above_nip_cell(header: str, name: str, nip_row: str) -> None:
    rows: dict[int, list[Cell]] = {
        1: [(100, "LAMPIRAN KEPUTUSAN BUPATI")],
        2: [(100, header)],
        3: [(100, name), (800, "Penata Muda / III/a"), (1400, "Pengadministrasi Umum")],
        4: [(100, "1")],
        5: [(100, nip_row), (900, "Dinas")],
    }
    found = _lampiran_name(TextIndex(placed_page(rows).text, 1))
    assert found["nama"].value == name


@pytest.mark.parametrize(
    ("row", "value"),
    [
        (": a. Nama — 2 ENDRO MUFID, S.Sos., M.Si.", "ENDRO MUFID, S.Sos., M.Si."),  # colon column and em dash
        ("a. Nama : WAHYU MARYONO", "WAHYU MARYONO"),
        ("Nama « YULI PURWANTI", "YULI PURWANTI"),  # the colon read as a guillemet
    ],
)
def test_labelled_name_rows(row: str, value: str) -> None:
    specs, _, cutoff = field_rules()
    hits = [h for h in labelled_values(index_of([row]), [specs["nama"]], cutoff) if h.field == "nama"]
    assert names.clean_name_value(hits[0].value) == value


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        # the name row's label garbled and a dash of debris after the name
        (["KESATU Menaikkan pangkat:", "aa 1 RETNO SUPRAPTI -", "NiP 1 19670412 199304 2 381"], "RETNO SUPRAPTI"),
        # an address read after the KK's "Alamat" label OCR made "Namat": no name
        (["KARTU KELUARGA", "Namat 1 DK. PUCUNG Kabupaten/Kota : KARANGANYAR"], None),
    ],
)
def test_document_name_rows(lines: list[str], name: str | None) -> None:
    doc_type = "KK" if lines[0] == "KARTU KELUARGA" else "SK_HUKDIS" if "menerangkan" in lines[0] else "SK_PANGKAT"
    fields = read_document(Document("d", doc_type, [1]), {1: page_result(1, lines, doc_type)})[0]
    assert (fields["nama"].value if "nama" in fields else None) == name


# A two-column letter: the "Nama" label's row ran into the sentence beside it ("a. Nama
# sesungguhnya bahwa ..."), the employee's name on the row below; the official's NIP row lost.
HUKDIS_ROWS: dict[int, list[Cell]] = {
    1: [(100, "Yang bertanda tangan di bawah ini:")],
    2: [(100, "a. Nama"), (700, ": H. RINI MULYANI")],
    3: [(100, "c. Pangkat/Gol. Ruang"), (700, ": Pembina Utama Muda / IV/c")],
    4: [(100, "dengan ini menerangkan dengan")],
    5: [(100, "a. Nama"), (700, "sesungguhnya bahwa Pegawai Negeri Sipil:")],
    6: [(700, ": DWI SANTOSO")],
    7: [(100, "b. NIP"), (700, ": 19671225 200804 1 293")],
}


@pytest.mark.parametrize("name_below", [True, False])
def test_a_name_row_run_into_a_sentence(name_below: bool) -> None:
    """The name is taken from the row below; where that is lost too, the employee's NIP must
    still not become the official's (the "Nama" row ends the official's block)."""
    rows = HUKDIS_ROWS if name_below else {k: v for k, v in HUKDIS_ROWS.items() if k != 6}
    fields, persons, _ = read_document(Document("d", "SK_HUKDIS", [1]), {1: placed_page(rows, doc_type="SK_HUKDIS")})
    official = next(
        p for p in persons if names.strip_gelar(p.get("nama", FieldValue("", 1, 0)).value) == "RINI MULYANI"
    )
    assert "nip" not in official
    assert fields["nip"].value == "196712252008041293"
    assert (fields["nama"].value if "nama" in fields else None) == ("DWI SANTOSO" if name_below else None)


@pytest.mark.parametrize(
    ("value", "address", "sentence"),
    [
        ("DK. PUCUNG", True, False),
        ("JALAN NUSANTARA NO. 13", True, False),
        ("DK. NGELO RT 009/004 TAMBAHREJO, BATEALIT", True, False),
        ("sesungguhnya bahwa Pegawai Negeri", False, True),
        ("dr. SLAMET PURNOMO, M.Kes.", False, False),
        ("Agus Mufid", False, False),
        ("JALALUDIN RAHMAT", False, False),  # an address word only as a whole word
        ("DESI RATNASARI", False, False),
    ],
)
def test_not_a_name(value: str, address: bool, sentence: bool) -> None:
    assert namerecall.is_address(value) is address
    assert namerecall.is_sentence(value) is sentence
    assert namerecall.not_a_name(value) is (address or sentence)


@pytest.mark.parametrize(
    ("a", "b", "other"),
    [
        ("Drs. TRI MUNAWAROH, M.Si.", "ANIK HIDAYATI, A.Md.", True),
        ("ARE SUTRSSNO, A.Md", "ARIF SUTRISNO, A.Md.", False),  # one name, OCR damage
        ("RETNO", "RETNO SUPRAPTI", False),  # part of the name
    ],
)
def test_other_person(a: str, b: str, other: bool) -> None:
    assert namerecall.other_person(a, b) is other


def _kk_member(name: str, relation: str | None) -> dict:
    return {"no": 1, "nik": "3313120610670917", "nama": name, "hubungan": relation, "bbox": [1, 2, 3, 4]}


@pytest.mark.parametrize(
    ("members", "rows", "head"),
    [
        ([_kk_member("WAHYU RIYADI", "KEPALA KELUARGA"), _kk_member("YUU WULANDARI", "ISTRI")], {}, "WAHYU RIYADI"),
        # the member rows' relations lost: the name under the "KEPALA KELUARGA" signature caption
        (
            [],
            {
                20: [(100, "1 KAWIN 16-06-1998 KEPALA KELUARGA WNI - - RUSLAN TUMINAH")],
                26: [(100, "Dikeluarkan Tanggal : 21-03-2019"), (900, "KEPALA KELUARGA"), (1700, "KEPALA DINAS")],
                27: [(920, "1OKO SANTOSO")],
                28: [(1700, "SE 10KO HIDAYAT, S.E., M.M.")],
            },
            "OKO SANTOSO",
        ),
        # nothing but the office's name under the caption
        ([], {26: [(900, "KEPALA KELUARGA")], 27: [(900, "KABUPATEN KLATEN")]}, None),
    ],
)
def test_kk_head(members: list[dict], rows: dict, head: str | None) -> None:
    index = TextIndex(placed_page(rows or {1: [(100, "KARTU KELUARGA")]}).text, 1)
    read = {"anggota": FieldValue(members, 1, 0.9)} if members else {}
    found = namerecall.kk_head(index, read)
    assert (found.value if found else None) == head


# A DPCP whose "Nama" row reads but whose NIP row lost its label; the employee signs on the
# right ("Yang bersangkutan"), the official on the left (name, rank, NIP).
DPCP_ROWS: dict[int, list[Cell]] = {
    1: [(100, "DATA PERORANGAN CALON PENERIMA PENSIUN")],
    3: [(100, "Nama"), (600, "! ANIK HIDAYATI, A.Md.")],
    4: [(600, "1 196701152006042262")],
    50: [(100, "Mengetahui,"), (1500, "Yang bersangkutan,")],
    53: [(1500, "ANIK HIDAYATI, A.Md.")],
    54: [(100, "Drs. TRI MUNAWAROH, M.Si."), (1400, "NIP. 19670115 200604 2 262")],
    55: [(100, "Pembina Utama Muda")],
    56: [(100, "NIP. 19720602 199812 2 007")],
}


def test_signature_nip_of_another_person_does_not_join_the_block() -> None:
    fields, _, signers = read_document(Document("d", "DPCP", [1]), {1: placed_page(DPCP_ROWS, doc_type="DPCP")})
    assert fields["nama"].value == "ANIK HIDAYATI, A.Md."
    assert fields["nip"].value == "196701152006042262"
    official = next(s for s in signers if s["nip"].value == "197206021998122007")
    assert names.strip_gelar(official["nama"].value) == "TRI MUNAWAROH"


def test_employee_signature_names_a_dpcp_without_labels() -> None:
    rows = {k: v for k, v in DPCP_ROWS.items() if k not in (3, 4)}
    doc = Document("d", "DPCP", [1])
    doc.fields, doc.persons, doc.signers = read_document(doc, {1: placed_page(rows, doc_type="DPCP")})
    select_block(doc, lambda b: "nip" in b and b["nip"].value == "196701152006042262", "nip")
    assert doc.fields["nama"].value == "ANIK HIDAYATI, A.Md."


@pytest.mark.parametrize(
    ("printed", "read"),
    [("PUTRI LESTARI", "PUI1KI LESTARI"), ("RIZKY SAPUTRA", "RI7KY SAPUTRA"), ("ADITYA SETIAWAN", "ADITYA SE11IAWAN")],
)
def test_glyph_variants_of_akta_names(printed: str, read: str) -> None:
    spec = rules()["glyph_misreadings"]
    assert names.glyph_variant(printed, read, spec["readings"], spec["stray"], spec["max_changes"])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the sub-heading names the relation, the keterangan column is empty
        (
            [
                "II. KETERANGAN KELUARGA",
                "a. Suami",
                "NO NAMA TANGGAL LAHIR TANGGAL NIKAH",
                "1. HERU SUTRISNO 06-12-1963 05-06-1991",
            ],
            {"nama_suami": "HERU SUTRISNO"},
        ),
        # one date damaged, the relation word read
        (
            [
                "NO NAMA TANGGAL LAHIR",
                "1. RINI PURWANTI nana 1973 12-02-1906 - Isteri",
                "2. NOVITA SARI 13-03-1998 - Anak",
            ],
            {"nama_isteri": "RINI PURWANTI"},
        ),
        (
            ["NO NAMA", "L | NUR SETYANINGSIH 28-03-1970 30-06- B3 Isoeri", "2 | RIZKY FIRMANSYAH 07-06-1994 - Anak"],
            {"nama_isteri": "NUR SETYANINGSIH"},
        ),
        # two dates and no relation: the spouse of the NIP's holder (gender digit 1: a man's wife)
        (
            [
                "NIP : 19690417 200801 1 333",
                "NO NAMA",
                "1. ANIK SUSILOWATI 24-11-1972 18-09-1998 -",
                "2. LAILA 23-01-2000",
            ],
            {"nama_isteri": "ANIK SUSILOWATI"},
        ),
        # ... the printed gender wins over an NIP whose gender digit disagrees
        (
            [
                "4. Jenis Kelamin 1 Terempuan",
                "2. NIP 1 19680809 200604 1 155",
                "1. KUSNO PRASETYO 16-09-1967 24-11-1994 Wita",
            ],
            {"nama_suami": "KUSNO PRASETYO"},
        ),
        # ... and a widow's list names her as the late employee's wife
        (
            ["Nama : NUR AINI", "Janda dari :", "Jenis Kelamin : Perempuan", "1. NUR AINI 28-03-1970 30-06-1993 -"],
            {"nama_isteri": "NUR AINI"},
        ),
        # a child's row is no spouse's
        (["NIP : 19690417 200801 1 333", "1. LAILA LESTARI 23-01-2000 - Anak kandung"], {}),
    ],
)
def test_family_table_spouse(lines: list[str], expected: dict) -> None:
    fields = read_document(Document("d", "DAFTAR_KELUARGA", [1]), {1: page_result(1, lines, "DAFTAR_KELUARGA")})[0]
    assert {k: v.value for k, v in fields.items() if k in ("nama_isteri", "nama_suami")} == expected


@pytest.mark.parametrize(
    ("isteri_rows", "isteri"),
    [
        (
            ['ISIERI "', "- : : SITI SUSILOWATI", "Tempat dan tanggal lahir : Karanganyar, 11-08-1970"],
            "SITI SUSILOWATI",
        ),
        (["ISTER", "— Nama .SITI WULANDARI", "Tempat dan tanggal lahir : Cilacap, 16-05-1972"], "SITI WULANDARI"),
        # the label column lost: a bare name over its birth row
        (["SRI PURWANTI", "Semarang, 07-01-1967", "Indonesia"], "SRI PURWANTI"),
    ],
)
def test_akta_nikah_isteri_rows(isteri_rows: list[str], isteri: str) -> None:
    lines = [
        "Pada hari Senin tanggal 06 Desember 1993 telah dilangsungkan akad nikah antara:",
        "SUAMI",
        "Nama $ PRIYO SUYANTO",
        "Tempat dan tanggal lahir : Cilacap, 10-05-1969",
        "Bin : SAMIDI",
        *isteri_rows,
    ]
    fields = read_document(Document("d", "SURAT_NIKAH", [1]), {1: page_result(1, lines, "SURAT_NIKAH")})[0]
    assert (fields["nama_suami"].value, fields["nama_isteri"].value) == ("PRIYO SUYANTO", isteri)


@pytest.mark.parametrize(
    ("doc_type", "lines", "name"),
    [
        # e-KTP: the "Nama" label lost, the name under the NIK
        (
            "KTP",
            ["KABUPATEN PATI", "NIK : 3318215501700529", ": SRI KUSRINI", "Tempat/Tgl Lahir : PATI, 15-01-1970"],
            "SRI KUSRINI",
        ),
        ("KTP", ["NIK : 3318215501700529", ": JOKO HIDAYAT —", "Tempat/Tg! Lahir"], "JOKO HIDAYAT"),
        # buku tabungan: "Nama Nasabah" damaged past matching; the "Alamat" row read as "Namat"
        (
            "BUKU_TABUNGAN",
            ["TABUNGAN BIMA", "Nama Nacahah : JOKO HIDAYAT", "NO, Ramen 1 1-910-27467-3"],
            "JOKO HIDAYAT",
        ),
        (
            "BUKU_TABUNGAN",
            ["TABUNGAN BIMA", "Nama Matt » ANIK PURWANTI .", "No. Rekening 1 9786450194"],
            "ANIK PURWANTI",
        ),
        ("BUKU_TABUNGAN", ["TABUNGAN BRITAMA", "Namat ! JALAN PEMUDA NO. 5 RT 004/001 KARANGJATI"], None),
    ],
)
def test_card_names_without_their_label(doc_type: str, lines: list[str], name: str | None) -> None:
    fields = read_document(Document("d", doc_type, [1]), {1: page_result(1, lines, doc_type)})[0]
    assert (fields["nama"].value if "nama" in fields else None) == name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Siti Astuti sohasaj ahli waris yang sah", "Siti Astuti"),
        ("Joko Hidayat sehacai ahli wars yang sah", "Joko Hidayat"),
        ("Ahmad bin Yusuf", "Ahmad bin Yusuf"),  # a name's own lower-case particle
        ("dr. SLAMET PURNOMO, M.Kes.", "dr. SLAMET PURNOMO, M.Kes."),
        ("AGUS MUFID", "AGUS MUFID"),
    ],
)
def test_name_run_on_into_the_sentence(raw: str, clean: str) -> None:
    assert names.clean_name_value(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("s4 ROCHMAT WIBOWO, S.P.", "ROCHMAT WIBOWO, S.P."),  # the colon read as "s4"
        ("#ROCHMAT WIBOWO, S.P. uk 4", "ROCHMAT WIBOWO, S.P."),  # a stamp's specks around the name
        ("YULI WULANDARI, 8.803.", "YULI WULANDARI"),  # "S.Sos." read as digits
        ("AGUS SALIM, S.Pd.", "AGUS SALIM, S.Pd."),
        ("Ahmad bin Yusuf", "Ahmad bin Yusuf"),
    ],
)
def test_name_debris_around_the_name(raw: str, clean: str) -> None:
    assert names.clean_name_value(raw) == clean


@pytest.mark.parametrize(
    ("value", "caption"),
    [
        ("NIP", True),  # a Lampiran's "NAMA | NIP" header
        ("PANGKAT /", True),
        ("M.Ke.", True),  # a gelar's remains
        ("Kutipan", True),  # the row after a lost akta name
        ("SUPARMAN", False),  # one-word names are common
        ("M. YUSUF", False),
        ("SUPARMAN.", False),  # a speck after the name, no abbreviation
        ("Drs.", True),
        ("KETUT KOTA", False),  # one caption word among name words
    ],
)
def test_caption_is_no_name(value: str, caption: bool) -> None:
    assert namerecall.is_caption(value) is caption
    assert namerecall.not_a_name(value) is caption


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the spouse's birth date lost to debris: the one date before "Suami" is the marriage date
        (
            [
                "1. Mulai masuk PNS (TMT CPNS) : 01-01-2007",
                "II. KETERANGAN KELUARGA",
                "a. Suami",
                "NO NAMA FOTO COPY TANGGAL NIKAH KETERANGAN",
                "l SUGENG HARYANTO IX Il Nibre-1007 -- 01-01-1993 Suami",
            ],
            {"nama_suami": "SUGENG HARYANTO", "tanggal_nikah": "1993-01-01"},
        ),
        (
            ["a. Isteri", "NO NAMA", "1. SRI RAHAYU 124 79 09-08-1994 Isteri ke-1"],
            {"nama_isteri": "SRI RAHAYU", "tanggal_nikah": "1994-08-09"},
        ),
        # one date and no debris before it: which date it is cannot be told, the name still stands
        (["NO NAMA", "1. SRI RAHAYU 09-08-1994 Isteri ke-1"], {"nama_isteri": "SRI RAHAYU"}),
        # the row under the header lost its number "1." and its birth date; "Suami" still follows
        (
            [
                "a. Suami",
                "NO NAMA TX.) TANGGAL LAHIR TANGGAL NIKAH KETERANGAN",
                "HERU HIDAYAT NY | as-2-1968 15-03-1990 Suami",
            ],
            {"nama_suami": "HERU HIDAYAT", "tanggal_nikah": "1990-03-15"},
        ),
        # ... but with no relation word read, an unnumbered row is not taken
        (["NO NAMA TANGGAL LAHIR TANGGAL NIKAH KETERANGAN", "HERU HIDAYAT NY | as-2-1968 15-03-1990"], {}),
        # ... nor one that does not stand right under the header
        (
            ["NO NAMA TANGGAL LAHIR TANGGAL NIKAH KETERANGAN", "Demikian", "HERU HIDAYAT as-2-1968 15-03-1990 Suami"],
            {},
        ),
    ],
)
def test_spouse_row_with_its_birth_date_lost(lines: list[str], expected: dict) -> None:
    fields = read_document(Document("d", "DPCP", [1]), {1: page_result(1, lines, "DPCP")})[0]
    got = {k: v.value for k, v in fields.items() if k in ("nama_isteri", "nama_suami", "tanggal_nikah")}
    assert got == expected
    if "tanggal_nikah" in expected:
        assert fields["tanggal_nikah"].confidence < 0.75  # placed by position: a verifier looks


@pytest.mark.parametrize(
    ("doc_type", "lines", "field", "name"),
    [
        # a karis whose "Isteri dari" lost its colon
        (
            "KARIS_KARSU",
            ["KARTU ISTERI PEGAWAI NEGERI SIPIL", "Nama : WIWIK HANDAYANI", "Isteri dari #ROCHMAT WIBOWO, S.P. uk 4"],
            "nama_suami",
            "ROCHMAT WIBOWO, S.P.",
        ),
        # a widow's permohonan: the deceased's "Nama" colon read as "s4"
        (
            "SURAT_PERMOHONAN",
            [
                "SURAT PERMINTAAN PEMBAYARAN PENSIUN JANDA",
                "Nama : WIWIK HANDAYANI",
                "adalah janda dari Almarhum:",
                "Nama s4 ROCHMAT WIBOWO, S.P.",
                "NIP : 196703082008011210",
            ],
            "nama_suami",
            "ROCHMAT WIBOWO, S.P.",
        ),
    ],
)
def test_spouse_label_damaged(doc_type: str, lines: list[str], field: str, name: str) -> None:
    fields = read_document(Document("d", doc_type, [1]), {1: page_result(1, lines, doc_type)})[0]
    assert fields[field].value == name


def test_akta_name_row_lost_is_not_the_next_row() -> None:
    lines = ["bahwa di PEKALONGAN", "pada tanggal dua April dua ribu", "telah lahir", "Kutipan ini dikeluarkan di X"]
    assert "nama" not in read_akta(index_of(lines))


@pytest.mark.parametrize(
    ("value", "caption"),
    [
        ("KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", True),  # a KK's signing office, its "dan" too
        ("NAMA | NIP", True),
        ("DANI SETIAWAN", False),
        ("TEGUH RIYADI", False),
    ],
)
def test_offices_and_captions_are_no_names(value: str, caption: bool) -> None:
    assert namerecall.is_caption(value) is caption

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

"""NIP exactness and name recall: OCR shapes seen on generated dossiers (names and numbers changed)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import nip


@pytest.mark.parametrize(
    ("digits", "printed", "expected"),
    [
        ("1968111520090310983", {"196811152009031098"}, "196811152009031098"),  # speck at the end
        ("1968111520090310983", set(), None),  # structure alone cannot tell which digit
        ("1968111520090310983", {"196811152009031983", "196811152009031098"}, None),  # two fit
        ("196811152009031098", {"196811152009031098"}, None),  # 18 read: nothing to drop
        ("1968111520090310983", {"196811150009031098"}, None),  # printed elsewhere but no drop makes it
    ],
)
def test_speck_dropped(digits: str, printed: set[str], expected: str | None) -> None:
    assert nip.speck_dropped(digits, printed) == expected


@pytest.mark.parametrize(
    ("row", "name"),
    [
        ("Mma ! WAHYU SANTOSA", "WAHYU SANTOSA"),  # a KTP's "Nama :" damaged, its colon read as "!"
        ("Nama : WAHYU SANTOSA", "WAHYU SANTOSA"),
        ("Nama 1 WAHYU SANTOSA", "WAHYU SANTOSA"),
        ("Mma! WAHYU SANTOSA", None),  # "!" glued to the label is no colon
        ("1 AGUS SANTOSO", "AGUS SANTOSO"),  # the label column lost, its colon read as 1
        ("1 1 BUDI RAHARJO, S.P.", "BUDI RAHARJO, S.P."),  # a row number without its dot first
        ("1 Semarang, 08-03-1967", None),  # the birth row under the name: no name
    ],
)
def test_name_row_separator(row: str, name: str | None) -> None:
    from pipeline import extract

    m = extract._NAME_ROW.match(row)
    assert (m["v"] if m else None) == name


@pytest.mark.parametrize(
    ("text", "field", "name"),
    [
        ("anak ke-satu, laki-laki, dari ayah BUDI SANTOSO\ndan ibu SRI LESTARI |\nKutipan", "nama_ibu", "SRI LESTARI"),
        ("dari ayah BUDI SANTOSO -\ndan ibu SRI LESTARI\n", "nama_ayah", "BUDI SANTOSO"),
        ("dari ayah BUDI, dan ibu SRI.", "nama_ibu", "SRI"),
        ("dari ayah BUDI SANTOSO dan ibu SRI LESTARI, Kutipan", "nama_ayah", "BUDI SANTOSO"),
    ],
)
def test_akta_parent_with_trailing_debris(text: str, field: str, name: str) -> None:
    from pipeline import narrative

    m = narrative._AKTA[field].search(text)
    assert m is not None and m["v"] == name


def _index(lines: list[str]):
    from pipeline.textindex import TextIndex
    from tests.textpage import page_text

    return TextIndex(page_text(lines), 1)


_SHIFTED = [
    "a. Nama sesungguhnya, bahwa Pegawai",
    "b. NIP : SRI LESTARI, S.E. Negeri Sipil:",
    "c. Pangkat/Gol. : 19680921 200801 2 106",
]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (_SHIFTED, "SRI LESTARI, S.E."),  # values one row above their labels: the name after "NIP :"
        ([*_SHIFTED[:2], "c. Pangkat/Gol. : Penata Muda"], None),  # no NIP after it: no shift shown
        ([_SHIFTED[0], "b. NIP : Kepala Dinas Sosial", _SHIFTED[2]], None),  # no capitals: no name
        ([_SHIFTED[0], ": SRI LESTARI", _SHIFTED[2]], "SRI LESTARI"),  # the value row of its own
    ],
)
def test_value_below_shifted_column(lines: list[str], name: str | None) -> None:
    from pipeline import namerecall

    index = _index(lines)
    found = namerecall.value_below(index, index.rows[0].end)
    assert (found.value if found else None) == name
    if found is not None:
        assert found.confidence <= namerecall.recall_rules()["placed_name_certainty"]


@pytest.mark.parametrize(
    ("lines", "rows"),
    [
        (["SUGENG RIYADI S.Sos.,", "M.Si.", "Pembina Utama Muda", "NIP. 19700419 199601 1 002"], [2, 0]),
        (["SUGENG RIYADI", "Pembina Utama Muda", "NIP. 19700419 199601 1 002"], [1, 0]),
        (["A", "B", "C", "NIP. 19700419 199601 1 002"], [2, 1]),
    ],
)
def test_signature_rows_skip_gelar_row(lines: list[str], rows: list[int]) -> None:
    from pipeline import namerecall

    assert namerecall._rows_above(_index(lines), len(lines) - 1, 2) == rows


@pytest.mark.parametrize(
    ("header", "table"),
    [
        ("NO NAMA ! NIP JABATAN UNIT KERJA", True),  # the slash read as "!"
        ("NO NAMA / NIP JABATAN", True),
        ("NO NAMA | NIP JABATAN", True),
        ("a. Nama : BUDI", False),
    ],
)
def test_lampiran_header(header: str, table: bool) -> None:
    from pipeline import extract

    assert bool(extract.NAME_NIP_HEADER.search(header)) is table


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["KESATU :", "DWI SANTOSO, S.P.", "Nama :", ": 19691216 200901 2 160", "NIP"], "DWI SANTOSO, S.P."),
        (["KESATU :", "DWI SANTOSO, S.P.", "Jabatan :", ": 19691216 200901 2 160"], None),  # no Nama label
        (["KESATU :", "KEPALA DINAS", "Nama :", ": 19691216 200901 2 160"], None),  # a caption, no name
        (["KESATU :", "Mengangkat sebagai", "Nama :", ": 19691216 200901 2 160"], None),
    ],
)
def test_name_over_empty_label(lines: list[str], name: str | None) -> None:
    from pipeline import extract

    index = _index(lines)
    found = extract._name_over_label(index, 1)
    assert (found.value if found else None) == name
    if found is not None:
        assert found.confidence <= extract.namerecall.recall_rules()["placed_name_certainty"]


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("1 Usul Pensiun Janda/Duda a.n. Wiwik", "Usul Pensiun Janda/Duda a.n. Wiwik"),  # "Hal :" lost, colon read as 1
        (": Usul Pensiun Janda/Duda a.n. Wiwik", "Usul Pensiun Janda/Duda a.n. Wiwik"),
        ("Hal : Usul Pensiun", "Usul Pensiun"),
        ("1. Yth. Sekretaris Daerah", None),  # a numbered row
        ("19 Usul", None),
    ],
)
def test_subject_line_colon_misread(line: str, subject: str | None) -> None:
    from classifiers.classifier import SUBJECT_LINE

    m = SUBJECT_LINE.match(line)
    assert (m and (m["subject"] or m["unlabelled"] or m["misread"])) == subject


@pytest.mark.parametrize(
    ("digits", "latest", "expected"),
    [
        ("196803112098011356", date(2009, 12, 11), "196803112008011356"),  # 2098: only 2008 fits
        ("196803112098011356", date(2021, 1, 1), None),  # 2008 and 2018 both fit: no guess
        ("196803112008011356", date(2009, 12, 11), None),  # a TMT before the date: untouched
        ("196901272010012251", date(2010, 12, 1), None),  # an SK CPNS signed before its TMT
        ("1968031120980113", date(2009, 12, 11), None),  # no whole NIP
    ],
)
def test_tmt_repaired(digits: str, latest: date, expected: str | None) -> None:
    assert nip.tmt_repaired(digits, latest) == expected


_EMPLOYEE_NIP = "196912102009012208"


@pytest.mark.parametrize(
    ("read", "confidence", "born", "misread"),
    [
        ("196912112009012208", 0.61, "1969-12-10", True),  # one birth digit off, the page's date agrees
        ("196912112009012208", 0.95, "1969-12-10", False),  # read surely: the page prints it so
        ("196912112009012208", 0.61, "1969-12-11", False),  # the page's date agrees with the read
        ("196912112009012208", 0.61, None, False),  # no date on the page to confirm
        ("196912102009012517", 0.61, "1969-12-10", False),  # another sequence: another employee
        ("196912102009022208", 0.61, "1969-12-10", False),  # the TMT differs, not the birth date
    ],
)
def test_birth_digit_misread(read: str, confidence: float, born: str | None, misread: bool) -> None:
    from pipeline.checks_identity import _birth_digit_misread
    from pipeline.models import Document, FieldValue

    fields = {"nip": FieldValue(read, 1, confidence)}
    if born:
        fields["tanggal_lahir"] = FieldValue(born, 1, 0.9)
    doc = Document("d1", "KARPEG", [1], fields=fields)
    assert _birth_digit_misread(doc, fields["nip"], _EMPLOYEE_NIP) is misread


@pytest.mark.parametrize(
    ("label", "is_nama"),
    [
        ("Nama e ", True),  # a speck read as a one-letter word before the colon
        ("Nama ", True),
        ("Nama 1", True),
        ("Namar ", False),  # "Nomor" misread: the letter is part of the word
        ("Nama ee ", False),
    ],
)
def test_nikah_nama_label_speck(label: str, is_nama: bool) -> None:
    from pipeline.narrative import NAMA_LABEL

    assert bool(NAMA_LABEL.match(label)) is is_nama


def _fv(value: str):
    from pipeline.models import FieldValue

    return FieldValue(value, 1, 0.9)


@pytest.mark.parametrize(
    ("block", "signer", "signed"),
    [
        ({"nama": "SUGENG RIYADI, S.Sos., M.Si."}, {"nama": "SUGENG RIYADI S.Sos.,", "nip": "1"}, True),  # NIP lost
        ({"nama": "SUGENG RIYADI, S.Sos."}, {"nama": "WIWIK LESTARI", "nip": "1"}, False),
        ({"nama": "SUGENG RIYADI", "nip": "2"}, {"nama": "SUGENG RIYADI", "nip": "1"}, False),  # the NIP decides
        ({"nama": "SUGENG RIYADI", "nip": "1"}, {"nip": "1"}, True),
        ({}, {"nama": "SUGENG RIYADI", "nip": "1"}, False),
    ],
)
def test_official_block_signed_by_name(block: dict, signer: dict, signed: bool) -> None:
    from pipeline.extract import _signed_by

    assert _signed_by({k: _fv(v) for k, v in block.items()}, [{k: _fv(v) for k, v in signer.items()}]) is signed

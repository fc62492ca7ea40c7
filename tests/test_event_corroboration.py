"""An event date read unsurely one digit off the date other documents read surer, put right from
them (pipeline/event_corroboration.py, crosscheck.yaml event_corroboration), and what stays: a date
typed wrong and read as surely as the others is a DATE_MISMATCH."""

from __future__ import annotations

import pytest

from pipeline.crosscheck import crosscheck
from pipeline.models import Document, FieldValue

WED = "1996-11-08"
SMUDGED = "1998-11-08"  # the year's 6 read 8 under a smudge (seed 41231 berkas-0011's KARIS)
TWO_OFF = "1998-11-03"


def doc(i: int, doc_type: str, value: str, certainty: float = 0.96, field: str = "tanggal_nikah") -> Document:
    return Document(f"d{i}", doc_type, [i], {field: FieldValue(value, i, certainty, (10, 10, 60, 20))})


NIKAH, DPCP, KK = doc(1, "SURAT_NIKAH", WED), doc(2, "DPCP", WED), doc(3, "DAFTAR_KELUARGA", WED)


@pytest.mark.parametrize(
    "others, read, expected, mismatch",
    [
        pytest.param([NIKAH, DPCP], doc(9, "KARIS_KARSU", SMUDGED, 0.79), WED, False, id="misread-under-smudge"),
        pytest.param([NIKAH, DPCP], doc(9, "KARIS_KARSU", SMUDGED, 0.92), WED, False, id="misread-surer"),
        pytest.param([NIKAH, DPCP], doc(9, "KARIS_KARSU", SMUDGED, 0.955), SMUDGED, True, id="read-surely"),
        pytest.param([NIKAH], doc(9, "KARIS_KARSU", SMUDGED, 0.79), SMUDGED, True, id="one-document-backs"),
        pytest.param([NIKAH], doc(9, "DPCP", SMUDGED, 0.39), WED, False, id="unsure-beside-the-record"),
        pytest.param([DPCP], doc(9, "KARIS_KARSU", SMUDGED, 0.39), SMUDGED, False, id="unsure-beside-no-record"),
        pytest.param(
            [doc(1, "SURAT_NIKAH", WED, 0.93)], doc(9, "DPCP", SMUDGED, 0.39), SMUDGED, True, id="record-read-unsurely"
        ),
        pytest.param([NIKAH], doc(9, "DPCP", TWO_OFF, 0.39), TWO_OFF, True, id="two-digits-off-the-record"),
        pytest.param(
            [NIKAH, doc(2, "DPCP", WED, 0.91)], doc(9, "KARIS_KARSU", SMUDGED, 0.92), SMUDGED, True, id="one-not-surer"
        ),
        pytest.param(
            [NIKAH, DPCP, doc(3, "DAFTAR_KELUARGA", SMUDGED, 0.9)],
            doc(9, "KARIS_KARSU", SMUDGED, 0.79),
            SMUDGED,
            True,
            id="two-documents-print-it",
        ),
        pytest.param([NIKAH, DPCP], doc(9, "KARIS_KARSU", TWO_OFF, 0.6), TWO_OFF, True, id="two-digits-off"),
        pytest.param([NIKAH, DPCP], doc(9, "SURAT_CERAI", SMUDGED, 0.6), SMUDGED, False, id="another-marriage"),
        pytest.param(
            [doc(1, "SURAT_NIKAH", WED, 0.97), doc(2, "DPCP", "1996-11-06"), doc(3, "KARIS_KARSU", "1996-11-06")],
            doc(9, "DAFTAR_KELUARGA", "1996-11-09", 0.5),
            "1996-11-09",
            True,
            id="backed-one-way-only",
        ),
    ],
)
def test_unsure_event_date_corroborated(others, read, expected, mismatch):
    documents = [Document(d.id, d.doc_type, list(d.pages), dict(d.fields)) for d in [*others, read]]
    _, findings = crosscheck(documents, [], "BUP", None)
    value = documents[-1].fields["tanggal_nikah"]
    assert value.value == expected
    if expected != read.fields["tanggal_nikah"].value:
        assert value.confidence < read.fields["tanggal_nikah"].confidence  # still one to look at
    assert any(f.code == "DATE_MISMATCH" for f in findings) == mismatch


def test_record_not_taken_from_one_other_document():
    """The surat nikah read unsurely is not put right from one DPCP row, however sure: the record
    is the reference, and one other reading is no more than a second opinion."""
    documents = [doc(1, "SURAT_NIKAH", SMUDGED, 0.39), doc(2, "DPCP", WED)]
    crosscheck(documents, [], "BUP", None)
    assert documents[0].fields["tanggal_nikah"].value == SMUDGED


def test_unsure_surat_nikah_put_right_too():
    """The record itself read unsurely: the surat nikah's "1990-06-23" at 0.77 against three others
    reading 25 would make each of them a DATE_MISMATCH."""
    documents = [
        doc(1, "SURAT_NIKAH", "1990-06-23", 0.77),
        doc(2, "DPCP", "1990-06-25"),
        doc(3, "KARIS_KARSU", "1990-06-25"),
        doc(4, "DAFTAR_KELUARGA", "1990-06-25"),
    ]
    _, findings = crosscheck(documents, [], "BUP", None)
    assert documents[0].fields["tanggal_nikah"].value == "1990-06-25"
    assert not [f for f in findings if f.code == "DATE_MISMATCH"]


def test_death_date_corroborated():
    """The same rule holds for every event date: a death dated on the surat kematian and the surat
    keterangan janda/duda and the SK tewas."""
    documents = [
        doc(1, "SURAT_KEMATIAN", "2023-10-20", 0.96, "tanggal_meninggal"),
        doc(2, "SK_TEWAS", "2023-10-20", 0.96, "tanggal_meninggal"),
        doc(3, "SURAT_JANDA_DUDA", "2023-10-26", 0.7, "tanggal_meninggal"),
    ]
    crosscheck(documents, [], "JANDA_DUDA", None)
    assert documents[2].fields["tanggal_meninggal"].value == "2023-10-20"

"""A card's NIK against the kecamatan it prints in words (pipeline/nik_region.py), and the KK row
reading that must not replace a card's reading which names it (persons.repair_niks_from_kk)."""

from __future__ import annotations

import pytest

from pipeline import nik_region
from pipeline.extract import extract_document
from pipeline.models import Document, FieldValue
from pipeline.persons import repair_niks_from_kk
from tests.cards import ktp_card
from tests.textpage import page_result

# seed 59107 berkas-0015: a woman of Kec. Gladagsari, Boyolali (330920), born 05-07-1967; 330820
# is Kec. Secang, Magelang: one digit apart, both real
GLADAGSARI = "3309204507670133"
SECANG = "3308204507670133"


@pytest.mark.parametrize(
    ("number", "printed", "expected"),
    [
        pytest.param(GLADAGSARI, "GLADAGSARI", True, id="names-it"),
        pytest.param(SECANG, "GLADAGSARI", False, id="names-another"),
        pytest.param(GLADAGSARI, "# GLADAGSAR1", True, id="ocr-noise"),
        pytest.param("3499140101700001", "KOTA GEDE", None, id="code-the-list-lacks"),
        pytest.param("3471140101700001", "KOTA GEDE", True, id="spaces-dropped"),
        pytest.param(GLADAGSARI, None, None, id="nothing-printed"),
        pytest.param(GLADAGSARI, "—", None, id="no-letters-read"),
    ],
)
def test_names_printed(number: str, printed: str | None, expected: bool | None) -> None:
    assert nik_region.names_printed(number, printed, 85) is expected


def test_the_card_kecamatan_is_read() -> None:
    lines = [
        "PROVINSI JAWA TENGAH",
        "KABUPATEN BOYOLALI",
        f"NIK : {GLADAGSARI}",
        "Nama : RETNO MULYANI",
        "Kel/Desa : KARANGBOYO",
        "Kecamatan : GLADAGSARI",
        "Agama : KATHOLIK",
    ]
    fields = extract_document(Document("d1", "KTP", [23]), {23: page_result(23, lines, "KTP")})
    assert fields["kecamatan"].value == "GLADAGSARI"


def _card_and_row(card: str, printed: str | None, row: str | None, choices: tuple[str, ...] = ()) -> Document:
    ktp = ktp_card(card, 0.273, "RETNO MULYANI", "1967-07-05", "P", page=23)
    ktp.fields["nik"].choices = choices
    if printed:
        ktp.fields["kecamatan"] = FieldValue(printed, 23, 0.9, None)
    member = {"nama": "RETNO MULYANI", "tanggal_lahir": "1967-07-05", "jenis_kelamin": "P", "nik": row}
    member["confidence"] = 0.591
    rows = [member] if row else []
    kk = Document("d2", "KK", [20], fields={"anggota": FieldValue(rows, 20, 0.6, None)})
    repair_niks_from_kk([ktp, kk])
    return ktp


@pytest.mark.parametrize(
    ("card", "printed", "row", "choices", "expected"),
    [
        # the surer row misread the kabupaten digit; the card's reading names the printed kecamatan
        pytest.param(GLADAGSARI, "GLADAGSARI", SECANG, (), GLADAGSARI, id="card-kept-as-printed"),
        # without the printed name the surer row is taken (nik.corroborated), as before
        pytest.param(GLADAGSARI, None, SECANG, (), SECANG, id="no-name-read"),
        # the card misread, the row read right: the row names the printed kecamatan, so it is taken
        pytest.param(SECANG, "GLADAGSARI", GLADAGSARI, (), GLADAGSARI, id="row-names-it"),
        # a card read 3308 whose glyphs also allow 3309: the printed name decides, with no row
        pytest.param(SECANG, "GLADAGSARI", None, (GLADAGSARI,), GLADAGSARI, id="glyph-choice"),
        # a holder who moved: the NIK names another kecamatan and no reading offers the printed one
        pytest.param(SECANG, "GLADAGSARI", None, (), SECANG, id="moved-holder-kept"),
        pytest.param(SECANG, "GLADAGSARI", None, ("3308204507670138",), SECANG, id="choice-in-the-same-kecamatan"),
    ],
)
def test_card_nik_and_its_printed_kecamatan(
    card: str, printed: str | None, row: str | None, choices: tuple[str, ...], expected: str
) -> None:
    assert _card_and_row(card, printed, row, choices).fields["nik"].value == expected


@pytest.mark.parametrize(
    ("read", "regions", "expected"),
    [
        # seed 63211 berkas-0016: a surat kematian's NIK, its first 3 read 8 (no province 83)
        pytest.param("8311030908670057", {"331103"}, "3311030908670057", id="province-misread"),
        pytest.param("8311030908670057", {"331103", "331104"}, "3311030908670057", id="nearest-region"),
        pytest.param("8311030908670057", {"331203", "331104"}, None, id="two-regions-as-near"),
        pytest.param("8311030908670057", {"330901"}, None, id="too-far"),
        pytest.param("3311030908670057", {"331104"}, None, id="valid-reading-kept"),
        # the region is known: its date digits are wrong (month 93), not its region
        pytest.param("3311031693670057", {"331104"}, None, id="known-region-other-part-wrong"),
        pytest.param("831103090867005", {"331103"}, None, id="fifteen-digits"),
    ],
)
def test_invalid_nik_in_the_dossiers_region(read: str, regions: set[str], expected: str | None) -> None:
    assert nik_region.in_dossier_region(read, regions, 2) == expected


def test_surat_kematian_nik_put_in_the_family_kk_region() -> None:
    letter = Document("d1", "SURAT_KEMATIAN", [4], fields={"nik": FieldValue("8311030908670057", 4, 0.506, None)})
    kk = Document("d2", "KK", [14], fields={"no_kk": FieldValue("3311031204150007", 14, 0.9, None)})
    repair_niks_from_kk([letter, kk])
    assert letter.fields["nik"].value == "3311030908670057" and letter.fields["nik"].confidence < 0.506

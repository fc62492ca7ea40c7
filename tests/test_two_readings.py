"""The number two misreadings point to, and the one three or more give digit by digit
(pipeline/two_readings.py), and their use for a card's NIK (persons.repair_niks_from_kk)."""

from __future__ import annotations

from datetime import date

import pytest
from rapidfuzz.distance import Levenshtein

from pipeline import nik
from pipeline.models import Document, FieldValue
from pipeline.persons import repair_niks_from_kk
from pipeline.two_readings import between, common_source, majority
from tests.cards import ktp_card

NIK = "3314070712680628"  # Kec. Sambungmacan, Sragen; a man born 07-12-1968
CARD_MISREAD = "3314970712620628"  # its dotted zero read 9, its 8 read 2 (seed 53089 berkas-0032)
ROW_MISREAD = "33140707126850628"  # a stain read as a 17th digit


def _is_his(number: str) -> bool:
    info = nik.decode_nik(number)
    return nik.plausible_reading(number) and not nik.nik_matches_birth(info, date(1968, 12, 7), "L")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("12345", "12345", set(), id="same"),
        pytest.param("12345", "12346", set(), id="one-edit-nothing-between"),
        pytest.param("12345", "19349", {"19345", "12349"}, id="two-changes"),
        pytest.param("1234", "12534", set(), id="one-insertion"),
        pytest.param("12345", "1934", {"19345", "1234"}, id="change-and-deletion"),
        pytest.param("12345", "98765", set(), id="too-far-apart"),
    ],
)
def test_between(a: str, b: str, expected: set[str]) -> None:
    found = between(a, b, max_distance=3)
    assert found == expected


@pytest.mark.parametrize(
    ("card", "row", "expected"),
    [
        pytest.param(CARD_MISREAD, ROW_MISREAD, NIK, id="each-misread-elsewhere"),
        pytest.param(ROW_MISREAD, CARD_MISREAD, NIK, id="either-order"),
        pytest.param(NIK, NIK, None, id="agree"),
        pytest.param(NIK, ROW_MISREAD, None, id="one-reading-fits-already"),
        pytest.param(CARD_MISREAD, CARD_MISREAD, None, id="agree-on-a-wrong-number"),
        # printed wrong on both sheets (day and month swapped: NIK_INVALID), one reading a digit off
        pytest.param("3314071207680628", "3314071207680623", None, id="defect-one-edit-apart"),
        pytest.param(CARD_MISREAD, "3399999999999999", None, id="too-far-apart"),
    ],
)
def test_common_source(card: str, row: str, expected: str | None) -> None:
    assert common_source(card, row, _is_his, max_distance=4) == expected


def test_every_number_between_is_on_a_shortest_path() -> None:
    found = between(CARD_MISREAD, ROW_MISREAD, max_distance=4)
    total = Levenshtein.distance(CARD_MISREAD, ROW_MISREAD)
    assert found and CARD_MISREAD not in found and ROW_MISREAD not in found
    assert all(Levenshtein.distance(CARD_MISREAD, n) + Levenshtein.distance(n, ROW_MISREAD) == total for n in found)
    assert [n for n in found if _is_his(n)] == [NIK]


def _dossier(card: str, card_conf: float, row: dict) -> tuple[Document, dict]:
    ktp = ktp_card(card, card_conf, "BUDI SUYANTO", "1968-12-07", "L", page=24)
    member = {"nama": "BUDI SUYANTO", "tanggal_lahir": "1968-12-07", "jenis_kelamin": "L", "nik_confidence": 0.44}
    member.update(row)
    kk = Document("d2", "KK", [19], fields={"anggota": FieldValue([member], 19, 0.8, None)})
    repair_niks_from_kk([ktp, kk])
    return ktp, member


def test_card_and_row_settle_each_other() -> None:
    ktp, member = _dossier(CARD_MISREAD, 0.113, {"nik": None, "nik_read": ROW_MISREAD})
    assert ktp.fields["nik"].value == NIK
    assert ktp.fields["nik"].confidence < 0.113 and ktp.fields["nik"].bbox == (1, 2, 3, 4)  # one to look at
    assert member["nik"] == NIK and "nik_read" not in member and member["nik_confidence"] < 0.44


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ({"nik": None, "nik_read": ROW_MISREAD, "tanggal_lahir": "1968-12-08"}, "another person's row"),
        ({"nik": None, "nik_read": ROW_MISREAD, "nama": "SITI AMINAH"}, "another person's row"),
        ({"nik": None, "nik_read": "3314970712620628"}, "the row reads the card's number"),
    ],
)
def test_card_kept_where_the_row_cannot_tell(row: dict, why: str) -> None:
    ktp, _ = _dossier(CARD_MISREAD, 0.113, row)
    assert ktp.fields["nik"].value == CARD_MISREAD, why


def test_a_sure_valid_card_reading_is_not_asked() -> None:
    """A card read surely and validly keeps its number even where its row could point elsewhere."""
    card = "3314070712680629"
    ktp, member = _dossier(card, 0.97, {"nik": None, "nik_read": "33140707126850618"})
    assert ktp.fields["nik"].value == card and member["nik"] is None


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        pytest.param(["12345", "12945", "72345"], "12345", id="each-misread-outvoted"),
        pytest.param(["12345", "12945", "12945"], "12945", id="two-agree-against-one"),
        pytest.param(["12345", "12945"], None, id="two-readings-cannot-vote"),
        pytest.param(["12345", "12945", "12745"], None, id="no-digit-has-a-majority"),
        pytest.param(["12345", "1245", "12345"], None, id="a-lost-digit-shifts-the-places"),
        pytest.param(["12345", "12945", "12345", "12945"], None, id="a-tie"),
        pytest.param(["12345", "12945", "12345", "12345"], "12345", id="three-of-four"),
    ],
)
def test_majority(readings: list[str], expected: str | None) -> None:
    assert majority(readings) == expected


# seed 59107 berkas-0025: a man of Kec. Garung, Wonosobo, born 13-12-1967
GARUNG = "3307121312670061"


def _card_npwp_and_row(card: str, npwp: str, row: str) -> Document:
    ktp = ktp_card(card, 0.196, "SLAMET SYAIFUDIN", "1967-12-13", "L", page=17)
    member = {"nama": "SLAMET SYAFUDN", "tanggal_lahir": None, "jenis_kelamin": "L", "nik": row, "confidence": 0.53}
    kk = Document("d2", "KK", [14], fields={"anggota": FieldValue([member], 14, 0.6, None)})
    letter = Document("d3", "NPWP", [18], fields={"nik": FieldValue(npwp, 18, 0.92, None)})
    repair_niks_from_kk([ktp, kk, letter])
    return ktp


@pytest.mark.parametrize(
    ("card", "npwp", "row", "expected"),
    [
        # the card's 0 read 8, the row's kabupaten 3 read 2: two surer readings disagree, so no one
        # of them is taken (nik.corroborated), but digit by digit all three give the number
        pytest.param("3307121312678061", GARUNG, "3207121312670061", GARUNG, id="three-readings-vote"),
        # the NPWP and the row misread the same place differently: no majority there, card kept
        pytest.param("3307121312678061", "3307121312670051", "3307121312670071", "3307121312678061", id="no-majority"),
    ],
)
def test_card_nik_from_the_digits_most_readings_give(card: str, npwp: str, row: str, expected: str) -> None:
    ktp = _card_npwp_and_row(card, npwp, row)
    assert ktp.fields["nik"].value == expected
    if expected != card:
        assert ktp.fields["nik"].confidence < 0.196  # one to look at

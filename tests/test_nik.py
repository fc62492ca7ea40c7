"""NIK decoding, OCR repair, finding and the birth/gender comparison, as tables; properties."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.nik import (
    chosen_by_reading,
    corroborated,
    date_gap_by,
    decode_nik,
    encode_nik,
    find_niks,
    gender_code,
    nik_matches_birth,
    normalize_nik,
    plausible_reading,
    repair_from_known,
)

AGUS = "3316051505770001"  # a man born 15-05-1977 (seed 004's Agus Mufid, with an invented region)
SITI = "3316055505770002"  # a woman born the same day: 15 + 40


@pytest.mark.parametrize(
    ("nik", "birth", "gender", "problems"),
    [
        pytest.param(AGUS, date(1977, 5, 15), "L", 0, id="man"),
        pytest.param(SITI, date(1977, 5, 15), "P", 0, id="woman-day-plus-40"),
        pytest.param("3316 0515 0577 0001", date(1977, 5, 15), "L", 0, id="spaced"),
        pytest.param("3273204101110003", date(2011, 1, 1), "P", 0, id="two-thousands"),
        pytest.param("3273207112990003", date(1999, 12, 31), "P", 0, id="day-71"),
        pytest.param("3273202902000001", date(2000, 2, 29), "L", 0, id="leap-2000"),
        pytest.param("3316053505770001", None, None, 1, id="day-35"),
        pytest.param("3316054005770001", None, None, 1, id="day-40"),
        pytest.param("3316057205770001", None, None, 1, id="day-72"),
        pytest.param("3316051513770001", None, None, 1, id="month-13"),
        pytest.param("3316053102770001", None, None, 1, id="31-february"),
        pytest.param("3316051505770000", date(1977, 5, 15), "L", 1, id="sequence-0000"),
        pytest.param("0016051505770001", date(1977, 5, 15), "L", 1, id="unknown-province"),
        pytest.param("3300001505770001", date(1977, 5, 15), "L", 1, id="kabupaten-00"),
        pytest.param("33160515057700", None, None, 1, id="14-digits"),
        pytest.param("", None, None, 1, id="empty"),
    ],
)
def test_decode_nik(nik: str, birth: date | None, gender: str | None, problems: int) -> None:
    info = decode_nik(nik, reference_year=2025)
    assert (info.birth_date, info.gender) == (birth, gender)
    assert len(info.problems) == problems
    assert info.is_valid == (problems == 0)


def test_decode_nik_parts() -> None:
    info = decode_nik("33 16 05 150577 0001", reference_year=2025)
    assert (info.nik, info.region, info.sequence) == (AGUS, "331605", "0001")


@pytest.mark.parametrize(
    ("yy", "reference_year", "year"),
    [
        pytest.param("77", 2025, 1977, id="77-is-1977"),
        pytest.param("25", 2025, 2025, id="this-year"),
        pytest.param("26", 2025, 1926, id="next-year-is-last-century"),
        pytest.param("05", 2004, 1905, id="reference-year-moves-the-window"),
    ],
)
def test_two_digit_year(yy: str, reference_year: int, year: int) -> None:
    info = decode_nik(f"33160515 05{yy}0001", reference_year=reference_year)
    assert info.birth_date == date(year, 5, 15)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("3316 0515 0577 0001", AGUS, id="spaced"),
        pytest.param("33I6O5l5O577OOOl", AGUS, id="ocr-repaired"),
        pytest.param("3316O5l5O577OOOZ", "3316051505770002", id="z-for-2"),
        pytest.param("3316O5l5l377OOOl", "331655377", id="repair-refused-month-13"),
        pytest.param("3316051513770001", "3316051513770001", id="clean-but-invalid-kept"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize_nik(raw: str, expected: str) -> None:
    assert normalize_nik(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("NIK : 3316051505770001", [AGUS], id="contiguous"),
        pytest.param("NIK 3316 0515 0577 0001 Nama", [AGUS], id="4-4-4-4"),
        pytest.param("No. KK 331605 150577 0001", [AGUS], id="6-6-4"),
        pytest.param("NIK : 33 16 05 150577 0001", [AGUS], id="2-2-2-6-4"),
        pytest.param("NIK 33I6O5l5O577OOOl", [AGUS], id="ocr-repaired"),
        pytest.param(f"{AGUS} 15-05-1977", [AGUS], id="followed-by-a-date"),
        pytest.param(f"{AGUS}, {SITI}", [AGUS, SITI], id="two"),
        pytest.param("NIP 197705152008011002", [], id="nip-contiguous-is-not-a-nik"),
        pytest.param("NIP 19770515 200801 1 002", [], id="nip-spaced-is-not-a-nik"),
        pytest.param("33160515057700012", [], id="17-digits"),
        pytest.param("3316 0515 0577", [], id="12-digits"),
        pytest.param("", [], id="empty"),
    ],
)
def test_find_niks(text: str, expected: list[str]) -> None:
    assert [value for value, _, _ in find_niks(text)] == expected


@pytest.mark.parametrize(
    ("nik", "birth", "gender", "problems"),
    [
        pytest.param(AGUS, date(1977, 5, 15), "L", 0, id="agree"),
        pytest.param(AGUS, date(1977, 5, 15), "LAKI-LAKI", 0, id="gender-word"),
        pytest.param(SITI, date(1977, 5, 15), "Perempuan", 0, id="woman-agrees"),
        pytest.param(AGUS, date(1977, 5, 16), "L", 1, id="day-differs"),
        pytest.param(AGUS, date(1977, 6, 15), "L", 1, id="month-differs"),
        pytest.param(AGUS, date(1978, 5, 15), "L", 1, id="year-differs"),
        pytest.param(AGUS, date(1877, 5, 15), "L", 0, id="only-two-digit-year-compared"),
        pytest.param(AGUS, date(1977, 5, 15), "P", 1, id="gender-differs"),
        pytest.param(SITI, date(1977, 5, 16), "L", 2, id="both-differ"),
        pytest.param(AGUS, None, None, 0, id="nothing-to-compare"),
        pytest.param(AGUS, date(1977, 5, 15), "tidak terbaca", 0, id="unreadable-gender-skipped"),
        pytest.param("33160515", date(1977, 5, 15), "L", 1, id="short-nik"),
    ],
)
def test_nik_matches_birth(nik: str, birth: date | None, gender: str | None, problems: int) -> None:
    assert len(nik_matches_birth(decode_nik(nik), birth, gender)) == problems


@pytest.mark.parametrize(
    ("word", "code"),
    [
        pytest.param("L", "L", id="l"),
        pytest.param("Laki-laki", "L", id="laki-laki"),
        pytest.param("PRIA", "L", id="pria"),
        pytest.param("P", "P", id="p"),
        pytest.param("PEREMPUAN", "P", id="perempuan"),
        pytest.param("Wanita", "P", id="wanita"),
        pytest.param("x", None, id="unknown"),
    ],
)
def test_gender_code(word: str, code: str | None) -> None:
    assert gender_code(word) == code


@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    info = decode_nik(text)
    nik_matches_birth(info, date(1977, 5, 15), text)
    normalize_nik(text)
    for value, start, end in find_niks(text):
        assert len(value) == 16 and value.isdigit() and 0 <= start < end <= len(text)


@given(
    st.dates(min_value=date(1926, 1, 1), max_value=date(2025, 12, 31)),
    st.sampled_from(["L", "P"]),
    st.sampled_from(["331605", "327320", "110101", "960101"]),
    st.integers(1, 9999),
)
def test_round_trip(birth: date, gender: str, region: str, seq: int) -> None:
    nik = encode_nik(region, birth, gender, seq)
    info = decode_nik(nik, reference_year=2025)
    assert (info.birth_date, info.gender, info.region, info.is_valid) == (birth, gender, region, True)
    assert nik_matches_birth(info, birth, gender) == []
    assert find_niks(f"NIK : {nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]} ") == [(nik, 6, 25)]


KK_NIKS = ["3319043001680918", "3319045509680114", "3319041506910090"]


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("33190430016809138", "3319043001680918"),  # one digit too many: the KK's row
        ("3319043001680913", None),  # valid as read: never changed (a real discrepancy stays visible)
        ("3319043091680918", "3319043001680918"),  # month 91: one digit from the KK's row
        ("99190430016809138", None),  # three edits away from every row
    ],
)
def test_repair_from_known(read, expected):
    assert repair_from_known(read, KK_NIKS) == expected


@pytest.mark.parametrize(
    ("read", "certainty", "expected"),
    [
        # an e-KTP's 0 read as 9 in the sequence, unsurely: the KK row prints the same person surer
        ("3319043001680913", 0.4, "3319043001680918"),
        # read surely: never changed (a real discrepancy stays visible)
        ("3319043001680913", 0.7, None),
        # another birth date encoded (positions 7-12): another person, not a misreading
        ("3319043101680918", 0.4, None),
        # three edits from every row
        ("3319043001689993", 0.4, None),
        # invalid readings are repair_from_known's
        ("3319043091680918", 0.4, None),
    ],
)
def test_corroborated(read, certainty, expected):
    known = [(k, 0.75) for k in KK_NIKS]
    assert corroborated(read, certainty, known, max_edits=2, margin=0.1) == expected


def test_unsure_ktp_nik_taken_from_the_surer_letter():
    from pipeline.models import Document, FieldValue
    from pipeline.persons import repair_niks_from_kk

    ktp = Document("d1", "KTP", [24], fields={"nik": FieldValue("3305056007690932", 24, 0.4, (1, 2, 3, 4))})
    letter = Document("d2", "SURAT_JANDA_DUDA", [5], fields={"nik": FieldValue("3305056007690032", 5, 0.9, None)})
    repair_niks_from_kk([ktp, letter])
    assert ktp.fields["nik"].value == "3305056007690032"
    assert ktp.fields["nik"].confidence < 0.4 and ktp.fields["nik"].bbox == (1, 2, 3, 4)  # still one to look at
    assert letter.fields["nik"].value == "3305056007690032"


@pytest.mark.parametrize(
    "number, plausible",
    [
        ("3304016001710603", True),  # Kec. Susukan (330401), a woman born 20-01-1971
        ("3394916991719693", False),  # its zeros read as 9: no such kecamatan, month 99
        ("3304016013710603", False),  # month 13
        ("3399016001710603", False),  # a kabupaten the region list does not know
        ("19670715201001124", True),  # no 16-digit number: not judged
        ("33040160017106O3", True),
    ],
)
def test_plausible_reading(number, plausible):
    assert plausible_reading(number) is plausible


def test_card_nik_another_document_confirms_is_kept():
    """A KK row misread the janda's NIK (6 as 8) surer than her card read it; her letter reads it as
    the card does: two agreeing readings are not overruled by the third (seed 23071)."""
    from pipeline.models import Document, FieldValue
    from pipeline.persons import repair_niks_from_kk

    right, misread = "3305134401710153", "3308134401710153"
    ktp = Document("d1", "KTP", [17], fields={"nik": FieldValue(right, 17, 0.4, (1, 2, 3, 4))})
    letter = Document("d2", "SURAT_JANDA_DUDA", [5], fields={"nik": FieldValue(right, 5, 0.9, None)})
    member = {"nik": misread, "nik_confidence": 0.74, "nama": "RINI HANDAYANI"}
    kk = Document("d3", "KK", [14], fields={"anggota": FieldValue([member], 14, 0.7, None)})
    repair_niks_from_kk([ktp, letter, kk])
    assert ktp.fields["nik"].value == right and ktp.fields["nik"].confidence == 0.4
    assert corroborated(right, 0.4, [(misread, 0.74), (right, 0.9)], max_edits=2, margin=0.1) is None


@pytest.mark.parametrize(
    ("page", "number", "gap"),
    [
        pytest.param("Tempat/Tgl Lahir : SEMARANG, 12-03-1969", "3311041203690347", 0, id="card-date"),
        pytest.param("Tempat/Tgl Lahir : SEMARANG, 12-03-1969", "3311041203630347", 1, id="other-year"),
        pytest.param("Tempat/Tgl Lahir : SEMARANG, 18-12-1969", "3375035612690127", 1, id="printed-day-misread"),
        pytest.param("Tempat/Tgl Lahir : KENDAL, 15/05/1977", SITI, 0, id="woman-slashes"),
        pytest.param("Tempat/Tgl Lahir : KENDAL, 5.5.1977", "3316050505770001", 0, id="short-day-month"),
        pytest.param("Berlaku Hingga : SEUMUR HIDUP", AGUS, None, id="no-date"),
        pytest.param("Tanggal 15 Mei 1977", AGUS, None, id="written-month-not-read"),
        pytest.param("NIP 19770515 200501 1 003", AGUS, None, id="nip-is-no-date"),
        pytest.param("12-03-1969", "196707152010011246", None, id="nip-not-judged"),
    ],
)
def test_date_gap_by(page, number, gap):
    assert date_gap_by(page)(number) == gap


@pytest.mark.parametrize(
    "read, choices, known, expected",
    [
        # the KK row misread a digit of its own (region 05 as 06): one of the card's choices is a
        # digit from it, the card's reading four
        ("3325056207678483", ("3325056207670401", "3325056207670408", "3325056207678489"),
         ["3325066207670408"], "3325056207670408"),
        # read as the card reads it elsewhere: the card stands
        ("3325056207678483", ("3325056207670408",), ["3325056207678483"], None),
        # two choices equally near a reading: nothing chosen
        ("3325056207678483", ("3325056207670401", "3325056207670408"), ["3325056207670400"], None),
        # no reading near any choice (another person's NIK)
        ("3325056207678483", ("3325056207670408",), ["3325054101950002"], None),
        # no choices: the glyphs had no doubt
        ("3325056207678483", (), ["3325056207670408"], None),
    ],
    ids=["kk-row-misread-elsewhere", "read-alike", "tie", "another-person", "no-doubt"],
)  # fmt: skip
def test_chosen_by_reading(read, choices, known, expected):
    assert chosen_by_reading(read, choices, known) == expected


ENY = "3308015110700744"  # a woman born 11-10-1970
ENY_MISREAD = "3308015110760744"  # her card's blurred 0 read 6, in the NIK and in the date beside it


def _card_letter_row(card: str, card_conf: float, card_born: str, letter: str | None, row: str | None, row_name: str):
    from pipeline.models import Document, FieldValue
    from pipeline.persons import repair_niks_from_kk
    from tests.cards import ktp_card

    ktp = ktp_card(card, card_conf, "ENY PURWANTI", card_born, "P")
    docs = [ktp]
    if letter is not None:
        fields = {"nik": FieldValue(letter, 5, 0.92, None), "nama": FieldValue("ENY PURWANTI", 5, 0.9, None)}
        docs.append(Document("d2", "SURAT_JANDA_DUDA", [5], fields=fields))
    if row is not None:
        member = {"nik": row, "nik_confidence": 0.72, "nama": row_name, "tanggal_lahir": "1970-10-11"}
        docs.append(Document("d3", "KK", [16], fields={"anggota": FieldValue([member], 16, 0.7, None)}))
    repair_niks_from_kk(docs)
    return ktp


@pytest.mark.parametrize(
    ("card", "card_conf", "letter", "row", "row_name", "want_nik", "want_born"),
    [
        pytest.param(ENY_MISREAD, 0.37, ENY, ENY, "ENY PURWANTI", ENY, "1970-10-11", id="named-readings-agree"),
        pytest.param(ENY_MISREAD, 0.37, None, ENY, "ENY PURWANTI", ENY, "1970-10-11", id="kk-row-alone-surer"),
        pytest.param(ENY_MISREAD, 0.95, ENY, ENY, "ENY PURWANTI", ENY_MISREAD, "1976-10-11", id="sure-card-kept"),
        pytest.param(ENY_MISREAD, 0.37, ENY, ENY_MISREAD, "ENY PURWANTI", ENY_MISREAD, "1976-10-11", id="row-as"),
        pytest.param(ENY_MISREAD, 0.37, None, ENY, "SITI AMINAH", ENY_MISREAD, "1976-10-11", id="another-persons-row"),
    ],
)
def test_card_nik_from_the_readings_of_its_holders_name(card, card_conf, letter, row, row_name, want_nik, want_born):
    """A card whose NIK and printed birth date OCR misread alike shows no birth date to know its
    holder's other readings by; the name does (seed 55117 berkas-0023). The printed date is then put
    right too, where the holder's KK row prints the NIK's date."""
    ktp = _card_letter_row(card, card_conf, "1976-10-11", letter, row, row_name)
    assert ktp.fields["nik"].value == want_nik
    assert ktp.fields["tanggal_lahir"].value == want_born
    if want_nik != card:
        assert ktp.fields["nik"].confidence < card_conf and ktp.fields["tanggal_lahir"].confidence < 0.8


def test_card_kept_when_no_document_of_its_name_prints_the_niks_date():
    """A letter reading the NIK otherwise, with no birth date printed beside it anywhere: nothing
    bears the letter's reading out, so the card keeps its own number and date."""
    ktp = _card_letter_row(ENY_MISREAD, 0.37, "1976-10-11", ENY, None, "ENY PURWANTI")
    assert ktp.fields["nik"].value == ENY_MISREAD and ktp.fields["tanggal_lahir"].value == "1976-10-11"

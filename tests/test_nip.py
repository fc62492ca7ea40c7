"""NIP decoding, OCR repair and finding, as tables; round trips and no-crash properties."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pipeline.nip import NIP_PATTERN, decode_nip, encode_nip, find_nips, grouped_nip, normalize_nip

# Seed 004: Agus Mufid, born 15-05-1977, TMT CPNS 01-01-2008, a man.
AGUS = "197705152008011002"
BORN, TMT = date(1977, 5, 15), date(2008, 1, 1)


@pytest.mark.parametrize(
    ("nip", "kind", "birth", "tmt", "gender", "problems"),
    [
        pytest.param(AGUS, "baru", BORN, TMT, "L", 0, id="seed-004"),
        pytest.param("19770515 200801 1 002", "baru", BORN, TMT, "L", 0, id="spaced"),
        pytest.param("19770515.200801.1.002", "baru", BORN, TMT, "L", 0, id="dotted"),
        pytest.param("196812312000032001", "baru", date(1968, 12, 31), date(2000, 3, 1), "P", 0, id="woman"),
        pytest.param("198002292005011003", "baru", date(1980, 2, 29), TMT.replace(2005), "L", 0, id="leap-day"),
        pytest.param("131234567", "lama", None, None, None, 0, id="nip-lama-9-digits"),
        pytest.param("131 234 567", "lama", None, None, None, 0, id="nip-lama-spaced"),
        pytest.param("19770231 200801 1 002", "baru", None, TMT, "L", 1, id="impossible-birth"),
        pytest.param("18770515 200801 1 002", "baru", None, TMT, "L", 1, id="birth-year-1877"),
        pytest.param("19770515 200800 1 002", "baru", BORN, None, "L", 1, id="tmt-month-00"),
        pytest.param("19900515 200801 1 002", "baru", BORN.replace(1990), TMT, "L", 1, id="cpns-at-17"),
        pytest.param("19900515 200805 1 002", "baru", BORN.replace(1990), date(2008, 5, 1), "L", 0, id="cpns-at-18"),
        pytest.param("19770515 200801 3 002", "baru", BORN, TMT, None, 1, id="gender-3"),
        pytest.param("19770231 200800 0 002", "baru", None, None, None, 3, id="everything-wrong"),
        pytest.param("1977051520080110", "unknown", None, None, None, 1, id="16-digits"),
        pytest.param("", "unknown", None, None, None, 1, id="empty"),
    ],
)
def test_decode_nip(
    nip: str, kind: str, birth: date | None, tmt: date | None, gender: str | None, problems: int
) -> None:
    info = decode_nip(nip)
    assert (info.kind, info.birth_date, info.tmt_cpns, info.gender) == (kind, birth, tmt, gender)
    assert len(info.problems) == problems
    assert info.is_valid == (problems == 0)
    assert info.warnings == []


def test_decode_keeps_sequence_and_digits() -> None:
    info = decode_nip("19770515 200801 1 002")
    assert (info.nip, info.sequence) == (AGUS, "002")


def test_pppk_number_is_a_warning_not_a_problem() -> None:
    info = decode_nip("198501012021211001")
    assert info.kind == "pppk_candidate"
    assert info.is_valid and info.problems == []
    assert len(info.warnings) == 1 and "PPPK" in info.warnings[0]
    assert (info.birth_date, info.tmt_cpns, info.gender) == (date(1985, 1, 1), None, "L")


def test_problems_do_not_repeat_the_whole_number() -> None:
    info = decode_nip("19770231 200800 3 002")
    assert info.problems and not any("197702312008003002" in p for p in info.problems)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("19770515 200801 1 002", AGUS, id="clean-spaced"),
        pytest.param("1977O515 2OO8O1 1 OO2", AGUS, id="letter-o"),
        pytest.param("l977O5l5 2OO8Ol I OO2", AGUS, id="l-and-i"),
        pytest.param("19770S15 200801 1 00Z", AGUS, id="s-and-z"),
        pytest.param("1977O515|2OO8O1|1|OO2", "197751528112", id="pipe-separators-no-repair"),
        pytest.param("19770231 2OO8O1 1 OO2", "1977023128112", id="repair-refused-bad-birth"),
        pytest.param("197702312008011002", "197702312008011002", id="clean-but-invalid-kept"),
        pytest.param("13l234567", "13234567", id="old-nip-not-repaired"),
        pytest.param("NIP. 19770515 200801 1 002", AGUS, id="label-ignored"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize_nip(raw: str, expected: str) -> None:
    assert normalize_nip(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("NIP. 19770515 200801 1 002", [AGUS], id="spaced"),
        pytest.param("NIP:197705152008011002 Pangkat", [AGUS], id="contiguous"),
        pytest.param("NIP 19770515-200801-1-002", [AGUS], id="hyphens"),
        pytest.param("NIP. 1977O515 2OO8O1 1 OO2", [AGUS], id="ocr-repaired"),
        pytest.param("NIP 19770515 200801 1 002 / 196812312000032001", [AGUS, "196812312000032001"], id="two"),
        pytest.param("1197705152008011002", [], id="inside-longer-run"),
        pytest.param("NIK 3316051505770001", [], id="nik-is-not-a-nip"),
        pytest.param("NIP lama 131234567", [], id="old-nip-not-by-default"),
        pytest.param("BOSS SOBO BOOZ SIZZ", [], id="look-alike-letters-only"),
        pytest.param("", [], id="empty"),
    ],
)
def test_find_nips(text: str, expected: list[str]) -> None:
    assert [value for value, _, _ in find_nips(text)] == expected


def test_find_nips_spans_and_old_nips() -> None:
    text = "NIP baru 19770515 200801 1 002 (NIP lama 131 234 567)"
    assert find_nips(text, include_old=True) == [(AGUS, 9, 30), ("131234567", 41, 52)]
    assert NIP_PATTERN.search("x197705152008011002y") is not None


@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    decode_nip(text)
    normalize_nip(text)
    for value, start, end in find_nips(text, include_old=True):
        assert value.isdigit() and 0 <= start < end <= len(text)


BIRTHS = st.dates(min_value=date(1940, 1, 1), max_value=date(2007, 12, 31))


@given(BIRTHS, st.integers(18, 40), st.integers(1, 12), st.sampled_from(["L", "P"]), st.integers(1, 999))
def test_round_trip(birth: date, age: int, month: int, gender: str, seq: int) -> None:
    tmt = date(birth.year + age, month, 1)
    assume((tmt.year, tmt.month) >= (birth.year + 18, birth.month) and tmt.year <= 2100)
    info = decode_nip(encode_nip(birth, tmt, gender, seq))
    assert (info.kind, info.birth_date, info.tmt_cpns, info.gender) == ("baru", birth, tmt, gender)
    assert info.sequence == f"{seq:03d}" and info.is_valid


@given(BIRTHS, st.integers(18, 40), st.sampled_from(["L", "P"]), st.data())
def test_ocr_noise_is_repaired(birth: date, age: int, gender: str, data: st.DataObject) -> None:
    nip = encode_nip(birth, date(birth.year + age, 12, 1), gender, 1)
    look_alike = {"0": "O", "1": "l", "5": "S", "8": "B", "2": "Z"}
    noisy = "".join(data.draw(st.sampled_from([c, look_alike.get(c, c)])) for c in nip)
    assert normalize_nip(f"{noisy[:8]} {noisy[8:14]} {noisy[14]} {noisy[15:]}") == nip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence broke the NIP after its last group ...
        ("Almarhum SLAMET, NIP. 19671213 200701 1\n219, Pegawai Negeri Sipil", ["196712132007011219"]),
        # ... or right after its birth date (surat keterangan janda, seed 10457)
        ("Almarhum KUSNO, A.Md., NIP. 19671104\n200601 1 355, Pegawai Negeri Sipil", ["196711042006011355"]),
        # the tail's groups must end exactly at the 18th digit
        ("NIP. 19671104\n2006011 3550 Pegawai", []),
        # and the joined digits must decode (TMT month 13)
        ("NIP. 19671104\n200613 1 355, Pegawai", []),
        # a date at a line end followed by a number is no NIP
        ("tanggal 19671104\n12 Mei 2020", []),
    ],
)
def test_find_wrapped_nips(text: str, expected: list[str]) -> None:
    assert [value for value, _, _ in find_nips(text, wrapped=True)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a speck read as a mark between the groups, the next columns' words and year after them
        ("19680823 « 201002 2 089 Ind 2025 »", "196808232010022089"),
        (": 19680823 - 201002 2 089", "196808232010022089"),
        # the groups must end at the 18th digit and decode
        ("1968082 « 3201002 2 0892025", None),
        ("19680823 « 201013 2 089", None),
        ("no digits", None),
    ],
)
def test_grouped_nip(text: str, expected: str | None) -> None:
    found = grouped_nip(text)
    assert (found[0] if found else None) == expected

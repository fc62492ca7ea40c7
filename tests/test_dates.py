"""Indonesian date parsing: each printed shape as a row, plus round trips and no-crash properties."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.dates import MONTHS, find_dates, iso, month_number, parse_date, words_to_number

SEED_004 = "Nama : Agus Mufid\nTanggal Lahir : 15 – 05 – 1977TMT CPNS : 01 – 01 – 2008\n"

_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def say(n: int) -> str:
    """Indonesian number words for 1..9999, as an akta kelahiran writes them."""
    parts: list[str] = []
    thousands, n = divmod(n, 1000)
    hundreds, n = divmod(n, 100)
    if thousands:
        parts.append("seribu" if thousands == 1 else f"{say(thousands)} ribu")
    if hundreds:
        parts.append("seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus")
    if n == 10:
        parts.append("sepuluh")
    elif n == 11:
        parts.append("sebelas")
    elif 12 <= n <= 19:
        parts.append(f"{_UNITS[n - 10]} belas")
    elif n >= 20:
        parts.append(f"{_UNITS[n // 10]} puluh" + (f" {_UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_UNITS[n])
    return " ".join(parts)


MONTH_NAMES = {m: [k for k, v in MONTHS.items() if v == m] for m in range(1, 13)}


@pytest.mark.parametrize(
    ("word", "month"),
    [
        pytest.param("Januari", 1, id="januari"),
        pytest.param("PEBRUARI", 2, id="pebruari-old-spelling"),
        pytest.param("Febr.", 2, id="febr-abbrev-dot"),
        pytest.param("Peb", 2, id="peb"),
        pytest.param("Mei", 5, id="mei"),
        pytest.param("Agt", 8, id="agt"),
        pytest.param("Ags.", 8, id="ags"),
        pytest.param("Sept", 9, id="sept"),
        pytest.param("Okt", 10, id="okt"),
        pytest.param("Nopember", 11, id="nopember"),
        pytest.param("Nop", 11, id="nop"),
        pytest.param("Des", 12, id="des"),
        pytest.param("Agustu5", 8, id="ocr-digit-in-month"),
        pytest.param("Nopembcr", 11, id="ocr-fuzzy-month"),
        pytest.param("Mel", 5, id="ocr-l-for-i"),
        pytest.param("Mai", 5, id="ocr-a-for-e"),
        pytest.param("Mci", 5, id="ocr-c-for-e"),
        pytest.param("Mar", 3, id="mar-stays-maret"),
        pytest.param("Min", None, id="m-n-is-no-month"),
        pytest.param("Juta", None, id="juta-is-not-juli"),
        pytest.param("Tahun", None, id="tahun-is-not-a-month"),
        pytest.param("Jam", None, id="short-words-not-fuzzy"),
    ],
)
def test_month_number(word: str, month: int | None) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("15 Mei 1977", ["1977-05-15"], id="day-month-year"),
        pytest.param("15 MEI 1977", ["1977-05-15"], id="upper-case"),
        pytest.param("15-05-1977", ["1977-05-15"], id="hyphen"),
        pytest.param("15/05/1977", ["1977-05-15"], id="slash"),
        pytest.param("15.05.1977", ["1977-05-15"], id="dot"),
        pytest.param("1977-05-15", ["1977-05-15"], id="iso"),
        pytest.param("15 - 05 - 1977", ["1977-05-15"], id="spaced-hyphen"),
        pytest.param("TMT CPNS : 01 – 01 – 2008", ["2008-01-01"], id="seed-004-en-dash"),
        pytest.param(SEED_004, ["1977-05-15", "2008-01-01"], id="seed-004-glued-label"),
        pytest.param("tanggal 15 bulan Mei tahun 1977", ["1977-05-15"], id="tanggal-bulan-tahun"),
        pytest.param("lima belas Mei seribu sembilan ratus tujuh puluh tujuh", ["1977-05-15"], id="akta-written-out"),
        pytest.param(
            "dua puluh tiga April seribu sembilan ratus sembilan pulah satu",
            ["1991-04-23"],
            id="akta-one-letter-misread",
        ),
        pytest.param("di Pulau Lima, 12-03-2001", ["2001-03-12"], id="ordinary-words-left-alone"),
        pytest.param("dua puluh satu Pebruari dua ribu sebelas", ["2011-02-21"], id="akta-pebruari"),
        pytest.param(
            "PADA TANGGAL LIMA BELAS BULAN MEI TAHUN SERIBU SEMBILAN RATUS TUJUH PULUH TUJUH",
            ["1977-05-15"],
            id="akta-upper-case",
        ),
        pytest.param("se-puluh Maret dua ribu", ["2000-03-10"], id="se-form"),
        pytest.param("lima belas Mei 1977", ["1977-05-15"], id="words-and-digits"),
        pytest.param("tanggal 11 Pebruari 1980 tentang", ["1980-02-11"], id="seed-004-pebruari"),
        pytest.param("17 Agustu5 1945", ["1945-08-17"], id="ocr-month-digit"),
        pytest.param("10 Nopembcr 1980", ["1980-11-10"], id="ocr-month-letter"),
        pytest.param("l5-O5-l977", ["1977-05-15"], id="ocr-l-and-o-in-digits"),
        pytest.param("15 Agt. 1977", ["1977-08-15"], id="abbrev-with-dot"),
        pytest.param("Kupang, 25 Juni 2024", ["2024-06-25"], id="after-comma"),
        pytest.param("3-12-2019 s/d 5-1-2020", ["2019-12-03", "2020-01-05"], id="two-unpadded"),
        pytest.param("29-02-2000 29-02-1900", ["2000-02-29"], id="leap-years"),
        pytest.param("01-01-2008 - 31-12-2010", ["2008-01-01", "2010-12-31"], id="range-riwayat-pekerjaan"),
        pytest.param("01 – 01 – 2008 – 31 – 12 – 2010", ["2008-01-01", "2010-12-31"], id="range-en-dash"),
        pytest.param("15/05/2008/123", [], id="glued-to-more-numbers"),
        pytest.param("31-02-1977", [], id="impossible-day"),
        pytest.param("15-13-1977", [], id="impossible-month"),
        pytest.param("15-05-1877", [], id="year-too-early"),
        pytest.param("15-05-2177", [], id="year-too-late"),
        pytest.param("15-05-77", [], id="two-digit-year-not-read"),
        pytest.param("Nomor 823.4/15/05/2008", [], id="letter-number-not-a-date"),
        pytest.param("Undang-Undang Nomor 11 Tahun 1969", [], id="nomor-tahun-not-a-date"),
        pytest.param("masa kerja 32 tahun 5 Bulan", [], id="masa-kerja-not-a-date"),
        pytest.param("NIP 19770515 200801 1 002", [], id="nip-not-a-date"),
        pytest.param("Rp 1.250.000", [], id="money-not-a-date"),
        pytest.param("", [], id="empty"),
    ],
)
def test_find_dates(text: str, expected: list[str]) -> None:
    assert [iso(m.value) for m in find_dates(text)] == expected


def test_matches_carry_their_position() -> None:
    [birth, tmt] = find_dates(SEED_004)
    assert SEED_004[birth.start : birth.end] == birth.raw == "15 – 05 – 1977"
    assert tmt.raw == "01 – 01 – 2008"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        pytest.param("lima belas", 15, id="belas"),
        pytest.param("dua puluh satu", 21, id="puluh"),
        pytest.param("seribu sembilan ratus tujuh puluh tujuh", 1977, id="1977"),
        pytest.param("dua ribu sebelas", 2011, id="2011"),
        pytest.param("dua ribu dua puluh tiga", 2023, id="2023"),
        pytest.param("se-ratus", 100, id="se-ratus"),
        pytest.param("dua tiga", None, id="two-units-is-not-a-number"),
        pytest.param("puluh", None, id="multiplier-alone"),
        pytest.param("", None, id="empty"),
    ],
)
def test_words_to_number(phrase: str, value: int | None) -> None:
    assert words_to_number(phrase) == value


def test_parse_date_and_iso() -> None:
    assert parse_date("Lahir di Blora, 15 Mei 1977; menikah 2 Juni 2001") == date(1977, 5, 15)
    assert parse_date("tanpa tanggal") is None
    assert iso(date(2008, 1, 1)) == "2008-01-01"
    assert iso(None) is None


@given(st.text())
def test_find_dates_never_crashes(text: str) -> None:
    for m in find_dates(text):
        assert 1900 <= m.value.year <= 2100
        assert text[m.start : m.end] == m.raw


@given(st.text(alphabet="0123456789OlI -–/.:MeiJunlaPbrsNovbtgdhu ", max_size=60))
def test_find_dates_never_crashes_on_date_like_noise(text: str) -> None:
    find_dates(text)


DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(DATES, st.sampled_from(["-", "/", ".", " - ", " – "]), st.booleans())
def test_numeric_round_trip(d: date, sep: str, padded: bool) -> None:
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if padded else (str(d.day), str(d.month))
    assert parse_date(f"Tanggal: {day}{sep}{month}{sep}{d.year}.") == d


@given(DATES, st.data())
def test_month_name_round_trip(d: date, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(MONTH_NAMES[d.month]))
    name = data.draw(st.sampled_from([name, name.upper(), name.title()]))
    assert parse_date(f"lahir {d.day} {name} {d.year}") == d
    assert parse_date(f"tanggal {d.day} bulan {name} tahun {d.year}") == d


@given(DATES, st.booleans())
def test_written_out_round_trip(d: date, upper: bool) -> None:
    text = f"pada tanggal {say(d.day)} bulan {MONTH_NAMES[d.month][0]} tahun {say(d.year)}"
    assert parse_date(text.upper() if upper else text) == d

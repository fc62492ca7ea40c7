"""Pension arithmetic and eligibility (pipeline/pension.py) as tables, the seed 004 example first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import pension
from pipeline.pension import (
    age_on,
    bup_age,
    check_eligibility,
    child_entitled,
    golongan_deduction,
    golongan_number,
    is_late,
    lead_time_applies,
    lead_time_months,
    masa_kerja_pensiun,
    match_instansi,
    tmt_pensiun,
)

# -- seed 004: Agus Mufid -----------------------------------------------------------------------


def test_seed_004_worked_example():
    """Lahir 15-05-1977, BUP 60, TMT CPNS 01-01-2008 gol III/a, MK saat CPNS 3 th, pensiun IV/b."""
    tmt = tmt_pensiun(date(1977, 5, 15), 60)
    assert tmt == date(2037, 6, 1)
    assert masa_kerja_pensiun(date(2008, 1, 1), tmt) == (29, 5)  # "05 29"
    assert masa_kerja_pensiun(date(2008, 1, 1), tmt, (3, 0)) == (32, 5)  # "+ masa kerja saat CPNS"
    assert masa_kerja_pensiun(date(2008, 1, 1), tmt, (3, 0), "III/a", "IV/b") == (32, 4)


def test_seed_004_example_is_eligible_for_bup_at_60():
    problems = check_eligibility(
        "BUP", date(1977, 5, 15), date(2008, 1, 1), date(2036, 3, 1), "Analis Kepegawaian Ahli Madya",
        mk_awal=(3, 0), gol_awal="III/a", gol_akhir="IV/b", tmt_usul=date(2037, 6, 1),
    )  # fmt: skip
    assert problems == []


# -- golongan deductions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gol_awal", "gol_akhir", "expected"),
    [
        pytest.param("III/a", "IV/b", (0, 1), id="III-IV-seed-1"),
        pytest.param("II/a", "IV/a", (5, 1), id="II-IV-seed-2"),
        pytest.param("I/a", "IV/a", (11, 1), id="I-IV-seed-3"),
        pytest.param("I/c", "II/a", (6, 0), id="I-II-seed-a"),
        pytest.param("II/c", "III/a", (5, 0), id="II-III-seed-b"),
        pytest.param("I/a", "III/d", (11, 0), id="I-III-derived-a-plus-b"),
        pytest.param("III/a", "III/d", (0, 0), id="same-golongan"),
        pytest.param("IV/a", "IV/e", (0, 0), id="same-golongan-iv"),
        pytest.param("Gol. III/a", "4B", (0, 1), id="mixed-notation"),
        pytest.param("IIIa", "IV b", (0, 1), id="no-slash"),
        pytest.param("2", "3", (5, 0), id="arabic"),
    ],
)
def test_golongan_deduction(gol_awal, gol_akhir, expected):
    assert golongan_deduction(gol_awal, gol_akhir) == expected


def test_golongan_steps_add_up_to_the_totals_seed_004_states():
    for stated in pension.rules()["masa_kerja"]["golongan_totals_stated"]:
        assert golongan_deduction(stated["from"], stated["to"]) == (stated["years"], stated["months"])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("V/a", id="golongan-v"),
        pytest.param("", id="empty"),
        pytest.param("Penata", id="pangkat-name"),
    ],
)
def test_golongan_unreadable(text):
    with pytest.raises(ValueError):
        golongan_number(text)


def test_golongan_lower_at_pension_is_refused():
    with pytest.raises(ValueError):
        golongan_deduction("IV/a", "III/d")


# -- BUP by jabatan -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jabatan", "age"),
    [
        pytest.param("Analis Kepegawaian Ahli Muda", 58, id="ahli-muda"),
        pytest.param("Penyuluh Pertanian Ahli Pertama", 58, id="ahli-pertama"),
        pytest.param("Pranata Komputer Penyelia", 58, id="keterampilan-penyelia"),
        pytest.param("Pengadministrasi Umum", 58, id="pelaksana"),
        pytest.param("Kepala Sub Bagian Umum dan Kepegawaian", 58, id="pengawas"),
        pytest.param("Kepala Bidang Pelayanan Kesehatan pada Dinas Kesehatan", 58, id="administrator-pada-dinas"),
        pytest.param("Sekretaris Dinas Kesehatan", 58, id="sekretaris-dinas"),
        pytest.param("Inspektur Pembantu Wilayah II", 58, id="irban-is-administrator"),
        pytest.param("Asisten Apoteker Terampil", 58, id="asisten-apoteker"),
        pytest.param("Pembina Utama Muda / Kepala Bagian Umum", 58, id="pangkat-utama-muda-ignored"),
        pytest.param("Pembina Utama Madya", 58, id="pangkat-utama-madya-ignored"),
        pytest.param("Plt. Kepala Dinas Pendidikan", 58, id="acting-head"),
        pytest.param("Kepala Dinas Pendidikan (Plh.)", 58, id="acting-marker-after"),
        pytest.param("Eselon III.a", 58, id="eselon-iii"),
        pytest.param("Analis Kebijakan Ahli Madya", 60, id="ahli-madya"),
        pytest.param("ADMINISTRATOR KESEHATAN AHLI MADYA", 60, id="upper-case"),
        pytest.param("Widyaiswara Madya", 60, id="madya-old-name"),
        pytest.param("Kepala Dinas Kesehatan Kabupaten Tulungagung", 60, id="kepala-dinas"),
        pytest.param("Kepala Badan Kepegawaian Daerah", 60, id="kepala-badan"),
        pytest.param("Sekretaris Daerah", 60, id="sekda"),
        pytest.param("Staf Ahli Bupati Bidang Hukum", 60, id="staf-ahli"),
        pytest.param("Inspektur Kabupaten Blora", 60, id="inspektur"),
        pytest.param("Deputi Bidang Sumber Daya Manusia", 60, id="deputi-setneg"),
        pytest.param("Jabatan Pimpinan Tinggi Pratama", 60, id="jpt-pratama"),
        pytest.param("Pimpinan Tinggi Utama", 60, id="jpt-utama-not-ahli-utama"),
        pytest.param("Kepala Bagian, Eselon II.b", 60, id="eselon-ii-b"),
        pytest.param("Peneliti Ahli Utama", 65, id="ahli-utama"),
        pytest.param("Perekayasa Utama", 65, id="utama-old-name"),
        pytest.param("", 58, id="empty"),
        pytest.param(None, 58, id="none"),
    ],
)
def test_bup_age(jabatan, age):
    got, source = bup_age(jabatan)
    assert got == age
    assert "seed 00" in source


def test_bup_source_says_which_words_matched():
    assert "'AHLI MADYA'" in bup_age("Analis Kebijakan Ahli Madya")[1]


# -- TMT pensiun and age ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "age", "expected"),
    [
        pytest.param(date(1977, 5, 15), 60, date(2037, 6, 1), id="seed-004-may-to-june"),
        pytest.param(date(1966, 6, 1), 58, date(2024, 7, 1), id="born-on-the-1st"),
        pytest.param(date(1966, 1, 31), 58, date(2024, 2, 1), id="born-last-day-31"),
        pytest.param(date(1966, 4, 30), 58, date(2024, 5, 1), id="born-last-day-30"),
        pytest.param(date(1966, 12, 31), 58, date(2025, 1, 1), id="december-year-rollover"),
        pytest.param(date(1966, 12, 1), 60, date(2027, 1, 1), id="december-1st"),
        pytest.param(date(1964, 2, 29), 58, date(2022, 3, 1), id="29-feb-non-leap-year"),
        pytest.param(date(1968, 2, 29), 60, date(2028, 3, 1), id="29-feb-leap-year"),
        pytest.param(date(1960, 11, 30), 65, date(2025, 12, 1), id="ahli-utama-65"),
    ],
)
def test_tmt_pensiun(birth, age, expected):
    assert tmt_pensiun(birth, age) == expected


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        pytest.param(date(1977, 5, 15), date(2037, 6, 1), (60, 0), id="seed-004-at-tmt"),
        pytest.param(date(1977, 5, 15), date(2037, 5, 14), (59, 11), id="day-before-birthday"),
        pytest.param(date(1977, 5, 15), date(2037, 5, 15), (60, 0), id="on-birthday"),
        pytest.param(date(1980, 1, 31), date(1980, 2, 29), (0, 1), id="month-end-clamped"),
        pytest.param(date(1980, 2, 29), date(2023, 2, 28), (43, 0), id="29-feb-counts-on-28-feb"),
        pytest.param(date(1980, 2, 29), date(2023, 2, 27), (42, 11), id="29-feb-day-before"),
        pytest.param(date(2000, 1, 1), date(2000, 1, 1), (0, 0), id="same-day"),
    ],
)
def test_age_on(birth, on, expected):
    assert age_on(birth, on) == expected


def test_age_on_before_birth_is_refused():
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


def test_masa_kerja_with_days():
    assert masa_kerja_pensiun(date(2008, 3, 15), date(2028, 3, 14)) == (19, 11)
    assert masa_kerja_pensiun(date(2008, 3, 15), date(2028, 3, 15)) == (20, 0)


def test_masa_kerja_deduction_larger_than_service_is_zero():
    assert masa_kerja_pensiun(date(2020, 1, 1), date(2025, 1, 1), (0, 0), "I/a", "IV/a") == (0, 0)


def test_masa_kerja_tmt_pensiun_before_cpns_is_refused():
    with pytest.raises(ValueError):
        masa_kerja_pensiun(date(2020, 1, 1), date(2019, 12, 1))


# -- eligibility --------------------------------------------------------------------------------

BORN = date(1979, 6, 1)  # 45 on 2024-06-01, 50 on 2029-06-01


def ids(problems) -> list[str]:
    return sorted(p.rule_id for p in problems)


@pytest.mark.parametrize(
    ("rule", "on", "tmt_cpns", "expected"),
    [
        pytest.param(None, date(2024, 6, 1), date(2004, 6, 1), [], id="pp11-default-age45-mk20"),
        pytest.param(None, date(2024, 5, 31), date(2004, 5, 1), ["APS_USIA"], id="pp11-age-44y11m"),
        pytest.param(None, date(2024, 6, 1), date(2004, 7, 1), ["APS_MASA_KERJA"], id="pp11-mk-19y11m"),
        pytest.param("pp11_2017", date(2024, 6, 1), date(2004, 6, 1), [], id="pp11-explicit"),
        pytest.param("uu11_1969", date(2024, 6, 1), date(2004, 6, 1), ["APS_USIA"], id="uu11-age-45"),
        pytest.param("uu11_1969", date(2029, 5, 31), date(2009, 5, 1), ["APS_USIA"], id="uu11-age-49y11m"),
        pytest.param("uu11_1969", date(2029, 6, 1), date(2009, 6, 1), [], id="uu11-age50-mk20"),
        pytest.param("uu11_1969", date(2029, 6, 1), date(2009, 7, 1), ["APS_MASA_KERJA"], id="uu11-mk-19y11m"),
        pytest.param("uu11_1969", date(2029, 5, 1), date(2009, 6, 1), ["APS_MASA_KERJA", "APS_USIA"], id="uu11-both"),
    ],
)
def test_aps(rule, on, tmt_cpns, expected):
    assert ids(check_eligibility("APS", BORN, tmt_cpns, on, aps_rule=rule)) == expected


def test_aps_measured_on_the_tmt_asked_for():
    early = date(2024, 1, 1)  # 44 y 7 m on the day of the check ...
    assert ids(check_eligibility("APS", BORN, date(2004, 6, 1), early, tmt_usul=date(2024, 6, 1))) == []


def test_aps_masa_kerja_at_appointment_counts():
    on = date(2024, 6, 1)
    assert ids(check_eligibility("APS", BORN, date(2006, 6, 1), on)) == ["APS_MASA_KERJA"]
    assert ids(check_eligibility("APS", BORN, date(2006, 6, 1), on, mk_awal=(2, 0))) == []


def test_aps_golongan_deduction_counts():
    on = date(2024, 6, 1)
    assert ids(check_eligibility("APS", BORN, date(2004, 6, 1), on, gol_awal="III/a", gol_akhir="IV/a")) == [
        "APS_MASA_KERJA"
    ]


def test_aps_unknown_rule_is_a_configuration_error():
    with pytest.raises(ValueError):
        check_eligibility("APS", BORN, date(2004, 6, 1), date(2024, 6, 1), aps_rule="pp32_1979")


def test_problem_carries_message_source_and_values():
    (problem,) = check_eligibility("APS", BORN, date(2004, 5, 1), date(2024, 5, 31))
    assert problem.message.startswith("Usia pada 31-05-2024 baru 44 tahun 11 bulan")
    assert "Pasal 305" in problem.source
    assert problem.values == {"tanggal": "2024-05-31", "usia": [44, 11], "usia_minimal": 45}


OLD = date(1970, 3, 3)  # TMT BUP: 58 -> 2028-04-01, 60 -> 2030-04-01, 65 -> 2035-04-01
LATER = date(2025, 1, 1)
PELAKSANA = {"jabatan": "Pengadministrasi Umum"}
NOT_DUTY = {"karena_dinas": False}


@pytest.mark.parametrize(
    ("case_type", "birth", "tmt_cpns", "on", "kwargs", "expected"),
    [
        pytest.param("PERAMPINGAN", BORN, date(2019, 6, 1), date(2029, 6, 1), {}, [], id="perampingan-50-10"),
        pytest.param(
            "PERAMPINGAN", BORN, date(2019, 7, 1), date(2029, 5, 1), {},
            ["PERAMPINGAN_MASA_KERJA", "PERAMPINGAN_USIA"], id="perampingan-49y11m-9y10m",
        ),
        pytest.param("UZUR", BORN, date(2022, 1, 1), LATER, NOT_DUTY, ["UZUR_MASA_KERJA"], id="uzur-3y"),
        pytest.param("UZUR", BORN, date(2021, 1, 1), LATER, NOT_DUTY, [], id="uzur-4y"),
        pytest.param("UZUR", BORN, date(2024, 1, 1), LATER, {"karena_dinas": True}, [], id="uzur-duty"),
        pytest.param("UZUR", BORN, date(2024, 1, 1), LATER, {}, [], id="uzur-cause-unknown"),
        pytest.param("BUP", OLD, date(2018, 5, 1), LATER, PELAKSANA, ["BUP_MASA_KERJA"], id="bup-9y11m"),
        pytest.param("BUP", OLD, date(2018, 4, 1), LATER, PELAKSANA, [], id="bup-58-mk-10y"),
        pytest.param("BUP", OLD, date(2018, 5, 1), LATER, {"jabatan": "Kepala Dinas PU"}, [], id="bup-60"),
        pytest.param("BUP", OLD, date(2018, 5, 1), LATER, {}, [], id="bup-jabatan-unknown-lenient"),
        pytest.param("BUP", OLD, date(2026, 1, 1), LATER, {}, ["BUP_MASA_KERJA"], id="bup-9y3m-even-at-65"),
        pytest.param(
            "BUP", OLD, date(1995, 1, 1), LATER, {**PELAKSANA, "tmt_usul": date(2028, 4, 1)}, [],
            id="bup-tmt-right",
        ),
        pytest.param(
            "BUP", OLD, date(1995, 1, 1), LATER, {**PELAKSANA, "tmt_usul": date(2030, 4, 1)}, ["BUP_TMT"],
            id="bup-tmt-of-60-for-58-jabatan",
        ),
        pytest.param(
            "BUP", OLD, date(1995, 1, 1), LATER, {"tmt_usul": date(2030, 4, 1)}, [], id="tmt-60-no-jabatan"
        ),
        pytest.param(
            "BUP", OLD, date(1995, 1, 1), LATER, {"tmt_usul": date(2028, 3, 1)}, ["BUP_TMT"], id="tmt-month"
        ),
        pytest.param("JANDA_DUDA", BORN, date(2024, 1, 1), LATER, {}, [], id="janda-no-condition"),
        pytest.param("ANUMERTA", BORN, date(2024, 1, 1), LATER, {}, [], id="anumerta-no-condition"),
        pytest.param("UNKNOWN", BORN, date(2024, 1, 1), LATER, {}, [], id="unknown"),
    ],
)  # fmt: skip
def test_eligibility(case_type, birth, tmt_cpns, on, kwargs, expected):
    assert ids(check_eligibility(case_type, birth, tmt_cpns, on, **kwargs)) == expected


@pytest.mark.parametrize(
    ("birth", "tmt_cpns", "kwargs"),
    [
        pytest.param(None, None, {}, id="nothing-known"),
        pytest.param(None, date(2010, 1, 1), {}, id="no-birth-date"),
        pytest.param(BORN, None, {}, id="no-tmt-cpns"),
        pytest.param(BORN, date(2015, 1, 1), {"mk_awal": None}, id="mk-at-appointment-unknown"),
        pytest.param(BORN, date(2030, 2, 1), {}, id="tmt-cpns-after-the-date"),
    ],
)
def test_missing_data_is_no_problem(birth, tmt_cpns, kwargs):
    """Nothing proven on 2030-01-01 (BORN is 50 then; 15 years from 2015 would be short)."""
    assert check_eligibility("APS", birth, tmt_cpns, date(2030, 1, 1), aps_rule="uu11_1969", **kwargs) == []


def test_unknown_golongan_is_an_upper_bound():
    """Without golongan no deduction: 20 y exactly passes; the note says it was not deducted."""
    on = date(2024, 6, 1)
    assert check_eligibility("APS", BORN, date(2004, 6, 1), on, gol_awal="III/a") == []
    (problem,) = check_eligibility("APS", BORN, date(2004, 7, 1), on, gol_awal="garbage", gol_akhir="IV/a")
    assert "tanpa pengurangan golongan" in problem.message


# -- children -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "death", "married", "income", "entitled"),
    [
        pytest.param(date(2000, 5, 15), date(2025, 5, 14), False, False, True, id="day-before-25"),
        pytest.param(date(2000, 5, 15), date(2025, 5, 15), False, False, False, id="on-25th-birthday"),
        pytest.param(date(2000, 5, 15), date(2020, 1, 1), True, False, False, id="married"),
        pytest.param(date(2000, 5, 15), date(2020, 1, 1), False, True, False, id="own-income"),
        pytest.param(date(2000, 5, 15), date(2020, 1, 1), None, None, True, id="unknowns-not-failures"),
        pytest.param(date(2000, 2, 29), date(2025, 2, 28), False, False, False, id="29-feb-25-on-28-feb"),
        pytest.param(date(2025, 3, 1), date(2024, 12, 1), None, None, True, id="born-after-death"),
    ],
)
def test_child_entitled(birth, death, married, income, entitled):
    assert child_entitled(birth, death, married, income)[0] is entitled


def test_child_reasons():
    ok, reasons = child_entitled(date(1990, 1, 1), date(2020, 1, 1), married=True, has_income=None)
    assert not ok
    assert len(reasons) == 2 and reasons[0].startswith("sudah berusia 30 tahun 0 bulan")
    ok, reasons = child_entitled(date(2010, 1, 1), date(2020, 1, 1))
    assert ok and all(r.startswith("belum dapat diperiksa") for r in reasons) and len(reasons) == 2


# -- lead time ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instansi", "months"),
    [
        pytest.param("Kabupaten Tulungagung", 13, id="kab-tulungagung"),
        pytest.param("Dinkes Tulungagung", 13, id="dinkes-tulungagung"),
        pytest.param("Dinas Kesehatan Kab. Tulungagung", 13, id="dinas-kesehatan-kab"),
        pytest.param("Pemkab Tulungagong", 13, id="typo-fuzzy"),
        pytest.param("Setneg", 12, id="setneg"),
        pytest.param("Kementerian Sekretariat Negara RI", 12, id="kemensetneg-long"),
        pytest.param("Sekretariat Militer Presiden", 12, id="satuan-organisasi-setneg"),
        pytest.param("BKD Provinsi NTT", 15, id="bkd-ntt"),
        pytest.param("Pemerintah Provinsi Nusa Tenggara Timur", 15, id="ntt-long"),
        pytest.param("Kabupaten Timor Tengah Utara", 15, id="ttu"),
        pytest.param("Kabupaten Blora", 12, id="blora-default"),
        pytest.param("Sekretariat Daerah Kabupaten Kebumen", 12, id="setda-is-not-setneg"),
        pytest.param("Kabupaten Bantul", 12, id="untouched-default"),
        pytest.param(None, 12, id="none-default"),
        pytest.param("", 12, id="empty-default"),
    ],
)
def test_lead_time_months(instansi, months):
    got, source = lead_time_months(instansi)
    assert got == months
    assert source.startswith("seed 00")


@pytest.mark.parametrize(
    ("submitted", "instansi", "late"),
    [
        pytest.param(date(2036, 5, 1), "Kabupaten Tulungagung", False, id="tulungagung-on-deadline"),
        pytest.param(date(2036, 5, 2), "Kabupaten Tulungagung", True, id="tulungagung-day-after"),
        pytest.param(date(2036, 3, 1), "BKD Provinsi NTT", False, id="ntt-15-months"),
        pytest.param(date(2036, 3, 2), "BKD Provinsi NTT", True, id="ntt-day-after"),
        pytest.param(date(2036, 6, 1), "Setneg", False, id="setneg-1-year"),
        pytest.param(date(2036, 6, 2), None, True, id="default-12-day-after"),
        pytest.param(date(2038, 1, 1), None, True, id="after-tmt"),
    ],
)
def test_is_late(submitted, instansi, late):
    got, message = is_late(submitted, date(2037, 6, 1), instansi)
    assert got is late
    assert "01-06-2037" in message
    assert ("tidak melewati" not in message) is late


def test_lead_time_applies_only_to_scheduled_pensions():
    assert lead_time_applies("BUP") and lead_time_applies("MPP")
    assert not any(lead_time_applies(c) for c in ("APS", "JANDA_DUDA", "ANUMERTA", "UZUR", "UNKNOWN"))


@pytest.mark.parametrize(
    ("instansi", "expected"),
    [
        pytest.param("Kabupaten Blora", "blora", id="exact-word"),
        pytest.param("BKD KAB. BLORA", "blora", id="abbreviated"),
        pytest.param("Kabupaten Bl0ra", None, id="short-name-not-fuzzy"),
        pytest.param("Kabupaten Blitar", None, id="other-kabupaten"),
        pytest.param("Kebumen", "kebumen", id="bare-name"),
        pytest.param("Kabupaten Kebumem", "kebumen", id="seven-letters-one-typo"),
        pytest.param("Negara", None, id="text-shorter-than-pattern"),
        pytest.param("Sekretariat Negara RI", "setneg", id="multiword"),
        pytest.param("Sekretariat Daerah Kabupaten Bantul", None, id="sekretariat-daerah-is-not-negara"),
        pytest.param("Sekretariat Negera", None, id="short-word-typo-not-fuzzy"),
        pytest.param("Sekertariat Negara", "setneg", id="long-word-typo-fuzzy"),
    ],
)
def test_match_instansi(instansi, expected):
    patterns = {"blora": ["BLORA"], "kebumen": ["KEBUMEN"], "setneg": ["SEKRETARIAT NEGARA"]}
    assert match_instansi(instansi, patterns) == expected


# -- properties ---------------------------------------------------------------------------------

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
golongan = st.sampled_from(["I/a", "II/b", "III/c", "IV/d"])


@given(dates, st.integers(0, 60 * 12), st.integers(0, 10), st.integers(0, 11), golongan, golongan)
def test_masa_kerja_never_negative(tmt_cpns, later, mk_y, mk_m, g1, g2):
    tmt = min(tmt_cpns + timedelta(days=later * 30), date(2100, 12, 31))
    g1, g2 = sorted([g1, g2], key=golongan_number)
    years, months = masa_kerja_pensiun(tmt_cpns, tmt, (mk_y, mk_m), g1, g2)
    assert years >= 0 and 0 <= months < 12


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from([56, 58, 60, 65]))
def test_tmt_pensiun_first_of_month_after_birthday(birth, age):
    tmt = tmt_pensiun(birth, age)
    assert tmt.day == 1
    assert age_on(birth, tmt) >= (age, 0)  # the age is reached before the TMT ...
    assert age_on(birth, tmt - timedelta(days=1))[0] == age  # ... in the month before it
    assert (tmt.year * 12 + tmt.month) - ((birth.year + age) * 12 + birth.month) == 1


@given(
    st.sampled_from(["BUP", "APS", "PERAMPINGAN", "UZUR", "JANDA_DUDA", "ANUMERTA", "MPP", "UNKNOWN"]),
    st.one_of(st.none(), st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31))),
    st.one_of(st.none(), dates),
    dates,
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.text(max_size=6), golongan),
    st.one_of(st.none(), st.booleans()),
)
def test_check_eligibility_never_crashes(case_type, birth, tmt_cpns, on, jabatan, gol, dinas):
    problems = check_eligibility(
        case_type, birth, tmt_cpns, on, jabatan, gol_awal=gol, gol_akhir="IV/a", karena_dinas=dinas
    )
    assert all(p.rule_id.startswith(case_type) and p.message and p.source for p in problems)

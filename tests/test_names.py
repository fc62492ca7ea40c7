"""Names with gelar: stripping, matching and cleaning as tables; properties on generated names."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.names import (
    GELAR,
    HONORIFICS,
    MATCH_THRESHOLD,
    PREFIX_GELAR,
    SUFFIX_GELAR,
    clean_name_value,
    name_similarity,
    names_match,
    strip_gelar,
)


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        pytest.param("Drs. H. AGUS MUFID, M.Si.", "AGUS MUFID", id="seed-004-with-gelar"),
        pytest.param("Agus Mufid", "AGUS MUFID", id="seed-004-plain"),
        pytest.param("Sri Wahyuni, S.Pd.", "SRI WAHYUNI", id="suffix-comma"),
        pytest.param("SRI WAHYUNI S.Pd", "SRI WAHYUNI", id="suffix-no-comma"),
        pytest.param("SITI AMINAH S. Pd", "SITI AMINAH", id="suffix-spaced"),
        pytest.param("AGUS MUFID, SPd", "AGUS MUFID", id="suffix-no-dots"),
        pytest.param("Dra.Hj. SITI AMINAH,S.Pd.I", "SITI AMINAH", id="glued-prefixes-and-spd-i"),
        pytest.param("BUDI SETIAWAN", "BUDI SETIAWAN", id="se-inside-setiawan-kept"),
        pytest.param("ABDUL MAHMUD", "ABDUL MAHMUD", id="ma-inside-mahmud-kept"),
        pytest.param("AGUS MUFID SE", "AGUS MUFID", id="se-as-word-is-gelar"),
        pytest.param("AMIR SE. MM", "AMIR", id="two-dotless-suffixes"),
        pytest.param("BUDI, SH, MH", "BUDI", id="sh-mh"),
        pytest.param("Prof. Dr. Ir. BAMBANG, M.Sc., Ph.D.", "BAMBANG", id="many"),
        pytest.param("K.H. AHMAD DAHLAN", "AHMAD DAHLAN", id="kyai-haji"),
        pytest.param("dr. RINA, Sp.A", "RINA", id="doctor-specialist"),
        pytest.param("drg. LINDA MARLINA, M.Kes.", "LINDA MARLINA", id="drg"),
        pytest.param("Ns. SITI, S.Kep.", "SITI", id="ners"),
        pytest.param("NUR HIDAYAH, A.Md.Keb.", "NUR HIDAYAH", id="three-piece-suffix"),
        pytest.param("DEWI, Amd.Keb", "DEWI", id="amd-keb"),
        pytest.param("WULAN, S.Tr.Keb.", "WULAN", id="s-tr-keb"),
        pytest.param("AHMAD BIN ABDULLAH, Lc., MA", "AHMAD BIN ABDULLAH", id="lc-ma"),
        pytest.param("Ny. SITI AMINAH", "SITI AMINAH", id="honorific"),
        pytest.param("R. AJENG KARTINI", "R AJENG KARTINI", id="raden-kept"),
        pytest.param("Rr. SRI LESTARI, S.Pd", "RR SRI LESTARI", id="raden-roro-kept"),
        pytest.param("MOH. ALI", "MOH ALI", id="abbreviated-name-kept"),
        pytest.param("AGUS S., S.H.", "AGUS S", id="initial-kept"),
        pytest.param("MA'RUF AMIN", "MARUF AMIN", id="apostrophe-dropped"),
        pytest.param("NU’MAN", "NUMAN", id="curly-apostrophe-dropped"),
        pytest.param("  agus   mufid  ", "AGUS MUFID", id="spaces"),
        pytest.param("H.", "H", id="gelar-alone-kept"),
        pytest.param("", "", id="empty"),
        # a suffix gelar misread after the comma is still no name word ...
        pytest.param("PRIYO SETYAWAN, S.Sas.", "PRIYO SETYAWAN", id="misread-gelar-s-sas"),
        pytest.param("HARI SANTOSO, $.Sax", "HARI SANTOSO", id="misread-gelar-dollar"),
        pytest.param("WAHYU WIDODO, A.Nd., M.Si.", "WAHYU WIDODO", id="misread-and-known-gelar"),
        # ... but a word after a comma that is not gelar-shaped stays
        pytest.param("SITI, AMINAH", "SITI AMINAH", id="comma-inside-a-name"),
    ],
)
def test_strip_gelar(name: str, bare: str) -> None:
    assert strip_gelar(name) == bare


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        pytest.param("AGUS MUFlD", "AGUS MUFID", True, id="ocr-l-for-i"),
        pytest.param("AGUS MUF1D", "AGUS MUFID", True, id="ocr-1-for-i"),
        pytest.param("AGUS MUFID", "AGUS MUFIT", True, id="one-letter-misread"),
        pytest.param("AGUS MUFID", "AGUS MAHFUD", False, id="different-person-same-first-name"),
        pytest.param("Drs. H. AGUS MUFID, M.Si.", "Agus Mufid", True, id="gelar-and-case"),
        pytest.param("MUFID AGUS", "AGUS MUFID", True, id="word-order"),
        pytest.param("SITI AMINAH", "SITI AMINAH NURUL", True, id="one-word-missing"),
        pytest.param("AGUS MUFID", "AGUS MUFID SANTOSO WIBOWO", False, id="two-words-missing"),
        pytest.param("SITI", "SITI AMINAH", False, id="one-word-name-no-subset-credit"),
        pytest.param("SITIAMINAH", "SITI AMINAH", True, id="words-run-together"),
        pytest.param("Sri Lestari", "SRl LESTARl", True, id="mixed-case-l-kept"),
        pytest.param("SRI WAHYUNI", "SRI WAHYUNINGSIH", False, id="longer-name"),
        pytest.param("SITI AMINAH NURUL", "SITI AMINAH ZAHRA", False, id="last-word-differs"),
        pytest.param("Rr. SRI LESTARI", "SRI LESTARI", True, id="noble-prefix-as-missing-word"),
        pytest.param("BUDI SANTOSO", "BAMBANG SUSILO", False, id="unrelated"),
        pytest.param("", "AGUS", False, id="empty"),
    ],
)
def test_names_match(a: str, b: str, match: bool) -> None:
    assert names_match(a, b) is match


def test_similarity_scores_documented_in_threshold() -> None:
    assert name_similarity("AGUS MUFID", "AGUS MUFID") == 1.0
    assert name_similarity("SITI AMINAH", "SITI AMINAH NURUL") == pytest.approx(0.92)
    assert name_similarity("AGUS MUFID", "AGUS MUFID SANTOSO WIBOWO") == pytest.approx(0.84)
    assert name_similarity("AGUS MUFID", "AGUS MAHFUD") < 0.8 < MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param(": AGUS MUFID, S.Pd.", "AGUS MUFID, S.Pd.", id="leading-colon-gelar-dot-kept"),
        pytest.param("Nama : AGUS MUFID.", "AGUS MUFID", id="label-and-stray-dot"),
        pytest.param(
            "Nama Lengkap: Drs. H. AGUS MUFID, M.Si. NIP. 19770515 200801 1 002",
            "Drs. H. AGUS MUFID, M.Si.",
            id="following-nip-cut",
        ),
        pytest.param("AGUS MUFID Tempat/Tgl Lahir : Blora", "AGUS MUFID", id="following-label-cut"),
        pytest.param("1. Nama : SITI AMINAH ,", "SITI AMINAH", id="numbered-row"),
        pytest.param("NAMA ISTERI : SRI WAHYUNI, S.Pd", "SRI WAHYUNI, S.Pd", id="nama-isteri"),
        pytest.param("  :: AGUS   MUFID ;", "AGUS MUFID", id="spaces-and-punctuation"),
        pytest.param("SITI M.", "SITI M.", id="initial-dot-kept"),
        pytest.param("AGUS MUFID 197705152008011002", "AGUS MUFID", id="trailing-number-cut"),
        pytest.param("AGUS MUFID , M.Si", "AGUS MUFID, M.Si", id="space-before-comma"),
        pytest.param("", "", id="empty"),
        # the label column's colon read as a digit or a mark, a speck as a lone small letter
        pytest.param("1 PRIYO RIYADI", "PRIYO RIYADI", id="colon-read-as-1"),
        pytest.param("1EKO SETYAWAN, S.Sos.", "EKO SETYAWAN, S.Sos.", id="colon-glued-as-1"),
        pytest.param("? FAJAR MAULANA", "FAJAR MAULANA", id="colon-read-as-mark"),
        pytest.param("d KIYOSETYAWAN, S.Sos.", "KIYOSETYAWAN, S.Sos.", id="speck-letter"),
        pytest.param("dr. ANDI WIJAYA", "dr. ANDI WIJAYA", id="prefix-gelar-kept"),
        pytest.param("Agus Mufid", "Agus Mufid", id="mixed-case-kept"),
    ],
)
def test_clean_name_value(raw: str, clean: str) -> None:
    assert clean_name_value(raw) == clean


def test_gelar_data() -> None:
    assert set(PREFIX_GELAR) | set(SUFFIX_GELAR) == set(GELAR)
    assert "Rr." not in GELAR and "R." not in GELAR
    assert "Ny." in HONORIFICS


@given(st.text(), st.text())
def test_never_crashes_on_any_text(a: str, b: str) -> None:
    assert strip_gelar(a) == strip_gelar(a).upper()
    assert 0.0 <= name_similarity(a, b) <= 1.0
    assert name_similarity(a, b) == name_similarity(b, a)
    assert isinstance(names_match(a, b), bool)
    assert isinstance(clean_name_value(a), str)


def _gelar_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


_GELAR_KEYS = {_gelar_key(g) for g in GELAR + HONORIFICS}
# Words a name cannot contain by design: gelar spellings, and labels that clean_name_value cuts at.
_LABELS = {"nama", "nip", "nik", "nrp", "tempat", "tgl", "tanggal", "ttl", "gol", "golongan", "jabatan"}
_LABELS |= {"alamat", "agama", "pekerjaan", "umur", "lahir", "pangkat"}
NAME_WORDS = st.text(alphabet="ABDEGHIKLMNOPRSTUWY", min_size=3, max_size=9).filter(
    lambda w: _gelar_key(w) not in _GELAR_KEYS | _LABELS
)
NAMES = st.lists(NAME_WORDS, min_size=1, max_size=4).map(" ".join)


@given(
    NAMES,
    st.lists(st.sampled_from(PREFIX_GELAR), max_size=2),
    st.lists(st.sampled_from(SUFFIX_GELAR), max_size=3),
)
def test_gelar_never_changes_the_bare_name(name: str, prefixes: list[str], suffixes: list[str]) -> None:
    printed = " ".join([*prefixes, name]) + "".join(f", {s}" for s in suffixes)
    assert strip_gelar(printed) == name
    assert names_match(printed, name.title())


@given(NAMES)
def test_a_name_matches_itself_cleaned(name: str) -> None:
    assert clean_name_value(f"Nama : {name} ;") == name
    assert name_similarity(name, name) == 1.0

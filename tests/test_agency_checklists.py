"""Agency checklist profiles (pipeline/rules/checklists/*.yaml): shape, codes, sources, coverage."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from pipeline import checklist
from pipeline.models import Document
from pipeline.pension import match_instansi
from pipeline.settings import RULES_DIR, load_yaml

AGENCY_DIR = RULES_DIR / "checklists"

# The contract's document types (shared/contract/REPORT.md "Document types"), UNKNOWN/BLANK aside.
DOC_TYPES = {
    "SURAT_PENGANTAR", "SURAT_PERMOHONAN", "DPCP", "SK_CPNS", "SK_PNS", "SK_PANGKAT", "SK_JABATAN",
    "SK_KGB", "SK_PMK", "KARPEG", "KARIS_KARSU", "SURAT_NIKAH", "AKTA_KELAHIRAN", "KK", "KTP", "NPWP",
    "BUKU_TABUNGAN", "PAS_FOTO", "SKP", "SK_HUKDIS", "SURAT_PERNYATAAN_PIDANA", "DAFTAR_KELUARGA",
    "SURAT_KEMATIAN", "SURAT_JANDA_DUDA", "SURAT_KET_SEKOLAH", "SURAT_KET_BEKERJA", "SURAT_KESEHATAN",
    "SK_TEWAS", "RIWAYAT_PEKERJAAN", "SURAT_ALAMAT", "SURAT_CERAI",
}  # fmt: skip
CASE_TYPES = {"BUP", "APS", "JANDA_DUDA", "ANUMERTA", "UZUR", "PERAMPINGAN", "MPP", "UNKNOWN"}
CONDITIONS = {"has_children", "child_at_school", "child_working", "second_marriage"}
ITEM_KEYS = {"item", "required", "label", "source", "condition", "alternatives"}

FILES = {  # file -> (seed number, profile, case types)
    "blora.yaml": ("002", "blora", {"BUP", "APS", "JANDA_DUDA", "ANUMERTA", "UNKNOWN"}),
    "tulungagung.yaml": (
        "001",
        "tulungagung",
        {"MPP", "BUP", "APS", "UZUR", "JANDA_DUDA", "ANUMERTA", "UNKNOWN"},
    ),
    "kebumen.yaml": ("004", "kebumen", {"BUP", "JANDA_DUDA", "APS", "UNKNOWN"}),
    "setneg.yaml": ("003", "setneg", {"APS", "BUP", "JANDA_DUDA", "PERAMPINGAN", "UZUR", "UNKNOWN"}),
}


@functools.cache
def load(name: str) -> dict:
    return load_yaml(AGENCY_DIR / name)


def all_profiles() -> dict[str, dict]:
    return {key: prof for name in FILES for key, prof in load(name)["profiles"].items()}


def items(profile: str, case_type: str) -> list[dict]:
    return all_profiles()[profile]["case_types"][case_type]["items"]


def every_item():
    for name, (_seed, profile, _cases) in FILES.items():
        for case_type, spec in load(name)["profiles"][profile]["case_types"].items():
            for entry in spec["items"]:
                yield pytest.param(name, case_type, entry, id=f"{profile}-{case_type}-{entry.get('item')}")


def test_contract_types_are_the_classifier_profiles():
    on_disk = {p.stem for p in (Path(checklist.__file__).parents[1] / "classifiers" / "profiles").glob("*.yaml")}
    assert on_disk == DOC_TYPES


def test_exactly_the_agency_files():
    assert {p.name for p in AGENCY_DIR.glob("*.yaml")} == set(FILES)


@pytest.mark.parametrize("name", list(FILES))
def test_profile_shape(name):
    seed, profile, cases = FILES[name]
    data = load(name)
    assert isinstance(data["version"], int)
    assert list(data["profiles"]) == [profile]
    prof = data["profiles"][profile]
    assert isinstance(prof["label"], str) and f"seed {seed}" in prof["label"]
    assert prof["match"] and all(isinstance(p, str) and p.strip() for p in prof["match"])
    assert set(prof["case_types"]) == cases
    assert cases <= CASE_TYPES
    for spec in prof["case_types"].values():
        assert spec["source"] and spec["items"]


@pytest.mark.parametrize(("name", "case_type", "entry"), list(every_item()))
def test_item(name, case_type, entry):
    seed = FILES[name][0]
    assert set(entry) <= ITEM_KEYS
    assert entry["item"] in DOC_TYPES
    assert isinstance(entry["required"], bool)
    assert entry["label"].strip()
    assert entry["source"].startswith(seed) or (case_type == "UNKNOWN" and seed in entry["source"])
    assert entry.get("condition", "has_children") in CONDITIONS
    alternatives = entry.get("alternatives", [])
    assert set(alternatives) <= DOC_TYPES and entry["item"] not in alternatives


@pytest.mark.parametrize("name", list(FILES))
def test_no_item_twice_in_a_case_type(name):
    _seed, profile, _cases = FILES[name]
    for case_type, spec in load(name)["profiles"][profile]["case_types"].items():
        keys = [(e["item"], e.get("condition")) for e in spec["items"]]
        assert len(keys) == len(set(keys)), case_type


def cited(profile: str, case_type: str, pattern: str) -> set[int]:
    """Every list number the sources of a case type cite, read with ``pattern`` (group 1: numbers)."""
    found: set[int] = set()
    for entry in items(profile, case_type):
        for m in re.finditer(pattern, entry["source"]):
            found |= {int(n) for n in re.findall(r"\d+", m.group(1))}
    return found


@pytest.mark.parametrize(
    ("profile", "case_type", "pattern", "expected"),
    [
        pytest.param("blora", "BUP", r"^002 BUP ([\d, ]+)", set(range(1, 19)), id="blora-bup-1-18"),
        pytest.param("blora", "APS", r"^002 APS ([\d, ]+)", set(range(1, 19)), id="blora-aps-1-18"),
        pytest.param("blora", "JANDA_DUDA", r"^002 JANDA_DUDA ([\d, ]+)", set(range(1, 20)), id="blora-jd-1-19"),
        pytest.param("blora", "ANUMERTA", r"^002 ANUMERTA (\d+)", set(range(1, 18)), id="blora-anumerta-1-17"),
        pytest.param("kebumen", "BUP", r"^004 BUP ([\d, ]+)", set(range(1, 18)), id="kebumen-bup-1-17"),
        pytest.param("kebumen", "JANDA_DUDA", r"^004 JANDA_DUDA ([\d, ]+)", set(range(1, 17)), id="kebumen-jd-1-16"),
        pytest.param("kebumen", "APS", r"^004 APS ([\d, ]+)", set(range(1, 18)), id="kebumen-aps-1-17"),
        # left out on purpose (see the file): I.A.5; III.A.1 and 9; IV.A.1 and 3
        pytest.param("tulungagung", "MPP", r"I\.A\.(\d+)", {1, 2, 3, 4}, id="tulungagung-mpp"),
        pytest.param("tulungagung", "BUP", r"II\.A\.(\d+)", set(range(1, 20)), id="tulungagung-bup-1-19"),
        pytest.param("tulungagung", "APS", r"III\.A\.(\d+)", set(range(2, 19)) - {9}, id="tulungagung-aps"),
        pytest.param("tulungagung", "UZUR", r"IV\.A\.(\d+)", {2, *range(4, 22)}, id="tulungagung-uzur"),
        pytest.param("tulungagung", "JANDA_DUDA", r"V\.A\.(\d+)", set(range(1, 22)), id="tulungagung-jd-1-21"),
        pytest.param("tulungagung", "ANUMERTA", r"VI\.A\.(\d+)", set(range(1, 22)), id="tulungagung-anumerta"),
        pytest.param("setneg", "BUP", r"B\.2\.c\.(\d+)", set(range(1, 11)), id="setneg-bup-lampiran-1-10"),
    ],
)
def test_every_seed_item_is_cited(profile, case_type, pattern, expected):
    """Item by item: each numbered requirement of the seed's list appears in some source."""
    assert cited(profile, case_type, pattern) == expected


def test_setneg_janda_duda_letters_a_to_n():
    letters = {m for e in items("setneg", "JANDA_DUDA") for m in re.findall(r"C\.1\.([a-n])\b", e["source"])}
    assert letters == set("abcdefghijklmn")


@pytest.mark.parametrize(
    ("profile", "case_type", "item", "condition", "expected"),
    [
        pytest.param("blora", "BUP", "SK_PMK", None, {"required": False}, id="jika-ada-not-required"),
        pytest.param("blora", "BUP", "KARPEG", None, {"source": "002 BUP 9"}, id="karpeg-and-konversi-one-line"),
        pytest.param("blora", "BUP", "KK", None, {"source": "002 BUP 14"}, id="ktp-kk-one-line-two-items"),
        pytest.param("kebumen", "BUP", "KARPEG", None, {"source": "004 BUP 5, 7"}, id="karpeg-two-lines-one-item"),
        pytest.param("kebumen", "BUP", "SK_PNS", None, {"source": "004 BUP 6"}, id="sk-cpns-dan-pns"),
        pytest.param("kebumen", "APS", "SURAT_KESEHATAN", None, {"required": True}, id="kebumen-aps-kesehatan"),
        pytest.param("tulungagung", "BUP", "SURAT_KET_BEKERJA", "child_working", {"required": True}, id="anak-bekerja"),
        pytest.param(
            "tulungagung",
            "BUP",
            "SURAT_KET_SEKOLAH",
            "child_at_school",
            {"required": True},
            id="anak-sekolah",
        ),
        pytest.param(
            "tulungagung",
            "BUP",
            "SURAT_KEMATIAN",
            "second_marriage",
            {"alternatives": ["SURAT_CERAI"]},
            id="pernikahan-kedua-kematian-atau-cerai",
        ),
        pytest.param(
            "tulungagung",
            "ANUMERTA",
            "SK_TEWAS",
            None,
            {"source": "001 VI.A.1, VI.A.2"},
            id="tewas-rekomendasi-and-sk",
        ),
        pytest.param("setneg", "BUP", "SK_KGB", None, {"alternatives": ["SK_PANGKAT"]}, id="gaji-pokok-terakhir"),
        pytest.param("setneg", "APS", "SURAT_PERMOHONAN", None, {"required": True}, id="setneg-aps-permohonan"),
        pytest.param("setneg", "APS", "KARPEG", None, {"required": False}, id="setneg-aps-inferred"),
        pytest.param("setneg", "UZUR", "SURAT_KESEHATAN", None, {"required": True}, id="setneg-uzur-tpk"),
    ],
)
def test_decisions(profile, case_type, item, condition, expected):
    (entry,) = [e for e in items(profile, case_type) if e["item"] == item and e.get("condition") == condition]
    assert {k: entry.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("instansi", "profile"),
    [
        pytest.param("Kabupaten Blora", "blora", id="blora"),
        pytest.param("Dinas Pendidikan Kab. Blora", "blora", id="blora-opd"),
        pytest.param("Dinas Kesehatan Kabupaten Tulungagung", "tulungagung", id="tulungagung"),
        pytest.param("Dinkes Tulungagung", "tulungagung", id="dinkes-tulungagung"),
        pytest.param("BKPPD Kabupaten Kebumen", "kebumen", id="kebumen"),
        pytest.param("Sekretariat Daerah Kabupaten Kebumen", "kebumen", id="setda-kebumen"),
        pytest.param("Kementerian Sekretariat Negara", "setneg", id="setneg"),
        pytest.param("Kemensetneg", "setneg", id="kemensetneg"),
        pytest.param("Rumah Tangga Kepresidenan", "setneg", id="rumah-tangga-kepresidenan"),
        pytest.param("Kabupaten Blitar", None, id="no-profile-use-umum"),
        pytest.param(None, None, id="no-instansi"),
    ],
)
def test_profile_matching(instansi, profile):
    profiles = all_profiles()
    assert match_instansi(instansi, {k: p["match"] for k, p in profiles.items()}) == profile


def doc(i: int, doc_type: str) -> Document:
    return Document(f"d{i}", doc_type, [i], {})


@pytest.mark.parametrize("profile", ["blora", "tulungagung", "kebumen", "setneg"])
def test_checklist_engine_reads_the_profiles(monkeypatch, profile):
    """pipeline/checklist.check() runs on every case type of every agency profile."""
    data = {"version": 1, "profiles": all_profiles()}
    monkeypatch.setattr(checklist, "_checklists", lambda: data)
    have = {"SK_CPNS", "SK_PANGKAT", "KK"}
    documents = [doc(i, t) for i, t in enumerate(sorted(have), 1)]
    for case_type, spec in data["profiles"][profile]["case_types"].items():
        listed, findings = checklist.check(case_type, documents, profile)
        assert [i.item for i in listed] == [e["item"] for e in spec["items"]]
        present = [bool(have & {e["item"], *e.get("alternatives", [])}) for e in spec["items"]]
        assert [i.status == "present" for i in listed] == present
        assert all(f.code == "MISSING_DOCUMENT" for f in findings)

"""Properties: nothing that reads OCR text may crash on any text, and nothing derived from input
may leak an identity number into a log or a path out of OUTDIR.

OCR of a bad scan produces anything: broken unicode, stray digits, labels without values, a NIP
split over lines. Every entry point of extraction (dates, NIP, NIK, names, labels, documents,
KK tables, akta/nikah narratives), the classifier and the whole bundle analysis are fed arbitrary
text and text built from the words they look for (to reach their deeper branches); none may
raise, and the report must stay strict JSON. The per-module tests (test_dates, test_nip, test_nik,
test_names) hold the value properties; these hold robustness.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifiers.classifier import classify_text
from classifiers.profiles import load_profiles
from pipeline import dates, names, nik, nip
from pipeline.analyse import analyse_bundle
from pipeline.extract import read_document
from pipeline.ingest import read_manifest
from pipeline.kk import read_kk
from pipeline.labels import split_row
from pipeline.models import Bundle, Document
from pipeline.narrative import read_akta, read_nikah
from pipeline.privacy import mask
from pipeline.report import bundle_dir, safe_dirname
from pipeline.textindex import TextIndex
from tests.textpage import page_result, page_text

ROBUST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the extractors look for, and values that look like what they parse.
TOKENS = [
    "Nama", "NIP", "NIK", ":", "Tempat/Tanggal", "Lahir", "Tanggal", "Jenis", "Kelamin", "LAKI-LAKI",
    "PEREMPUAN", "Pangkat/Gol.", "Ruang", "Penata", "III/a", "IV/e", "TMT", "terhitung", "mulai", "tanggal",
    "Nomor", "No.", "KEPALA", "KELUARGA", "ISTRI", "ANAK", "SUAMI", "Kutipan", "Akta", "Kelahiran",
    "telah", "lahir", "anak", "dari", "suami", "isteri", "nikah", "pada", "hari", "bulan", "tahun",
    "dua", "ribu", "tujuh", "puluh", "belas", "satu", "Blora", "15", "Mei", "1977", "31", "02", "2008",
    "19770515", "200801", "1", "002", "197705152008011002", "3316095505770001", "1977O5152OO8O11OO2",
    "S.Pd.", "Drs.", "Hj.", "M.Si", ",", ".", "-", "/", "|", "(", ")", "0", "99", "9999", "Jabatan",
    "KEPUTUSAN", "BUPATI", "KARTU", "TANDA", "PENDUDUK", "NPWP", "DPCP", "SKP", "Agama", "ISLAM",
]  # fmt: skip
TITLES = sorted({t for p in load_profiles() for t in p.titles})  # headings the classifier looks for
WORDS = st.one_of(st.sampled_from(TOKENS), st.sampled_from(TITLES), st.text(min_size=1, max_size=12))
LINES = st.lists(st.lists(WORDS, max_size=10).map(" ".join), max_size=14)
TEXT = st.one_of(st.text(max_size=400), LINES.map("\n".join))
DOC_TYPES = sorted(p.doc_type for p in load_profiles()) + ["UNKNOWN", "BLANK"]
IDENTITY_NUMBER = re.compile(r"(?<!\d)\d{16}(?!\d)|(?<!\d)\d{18}(?!\d)")


@ROBUST
@given(TEXT)
def test_text_parsers_never_raise(text: str) -> None:
    dates.find_dates(text)
    dates.parse_date(text)
    dates.words_to_number(text)
    dates.month_number(text)
    nip.find_nips(text, include_old=True)
    nip.decode_nip(nip.normalize_nip(text))
    nik.find_niks(text)
    nik.decode_nik(nik.normalize_nik(text))
    names.strip_gelar(text)
    names.clean_name_value(text)
    names.names_match(text, "SITI AMINAH, S.Pd.")
    split_row(text)


@ROBUST
@given(LINES, st.sampled_from(DOC_TYPES))
def test_document_extraction_never_raises(lines: list[str], doc_type: str) -> None:
    pages = {1: page_result(1, lines, doc_type), 2: page_result(2, lines[::-1], doc_type)}
    values, persons, signers = read_document(Document("d1", doc_type, [1, 2]), pages)
    for fv in values.values():
        json.dumps(fv.to_json(), allow_nan=False, default=str)


@ROBUST
@given(LINES)
def test_kk_narrative_and_classifier_never_raise(lines: list[str]) -> None:
    text = page_text(lines)
    index = TextIndex(text, 1)
    read_kk(index)
    read_akta(index)
    read_nikah(index)
    c = classify_text(text)
    assert 0.0 <= c.confidence <= 1.0


@SLOW
@given(st.lists(st.tuples(LINES, st.sampled_from(DOC_TYPES)), min_size=0, max_size=4), st.sampled_from([None, "BUP"]))
def test_whole_bundle_analysis_never_raises_and_stays_strict_json(pages, jenis) -> None:
    results = [page_result(i, lines, doc_type) for i, (lines, doc_type) in enumerate(pages, 1)]
    report = analyse_bundle(Bundle("b", Path("/x"), []), results, jenis)
    json.dumps(report, allow_nan=False, ensure_ascii=False)
    assert report["status"] in ("LENGKAP", "TIDAK_LENGKAP", "PERLU_VERIFIKASI")


@ROBUST
@given(st.text())
def test_mask_leaves_no_identity_number(text: str) -> None:
    assert not IDENTITY_NUMBER.search(mask(text))


@ROBUST
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=6), min_size=1, max_size=6), st.sampled_from(" .-"))
def test_mask_hides_numbers_written_in_groups(groups: list[str], sep: str) -> None:
    """NIPs are often written "19770515 200801 1 002" (file names, manifests): masked whole."""
    number = sep.join(groups)
    if sum(map(len, groups)) >= 8:
        assert not re.search(r"\d", mask(f"berkas {number}.pdf"))


@ROBUST
@given(st.text())
def test_any_bundle_id_stays_inside_outdir(bundle_id: str) -> None:
    out = Path("/srv/laporan")
    folder = bundle_dir(out, bundle_id)
    assert folder.parent == out and folder.name == safe_dirname(bundle_id)
    assert folder.name and not folder.name.startswith(".") and len(folder.name.encode()) <= 130


@ROBUST
@given(st.one_of(st.binary(max_size=300), st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=30),
       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
       max_leaves=12).map(lambda v: json.dumps({"jenis": v, "nip": v, "x": v}).encode())))  # fmt: skip
def test_read_manifest_never_raises_and_keeps_only_valid_json(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.json"
        path.write_bytes(data)
        good, problems = read_manifest(path)
    json.dumps(good, allow_nan=False)
    assert all(isinstance(p, str) and not re.search(r"\d{16}", p) for p in problems)

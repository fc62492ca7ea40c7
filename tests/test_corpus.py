"""The corpus generator (fixtures/corpus.py): deterministic, and every truth agrees with its files.

Fast: the consistency tests build dossiers in memory (no rasterising, no OCR); a few tests write
tiny bundles to compare bytes or look at a spoiled scan.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from fixtures import corpus, corpus_plan, defects, history
from fixtures.canvas import Text, measure
from fixtures.cases import adapt
from fixtures.documents import EXTRAS, ORDERS, RENDERERS, plan_with_extras, render
from fixtures.dossier import Defect, Degradation, build_dossier, generate_dossier
from fixtures.ids import decode_nik, decode_nip
from fixtures.indo import add_months
from fixtures.packaging import Packaging
from fixtures.persona import make_persona
from fixtures.scan import ScanProfile

SEED = 4  # a seed whose 60 specs hold every finding code (most seeds do; see corpus_plan.CASE_BOOST)
COUNT = 60
CONTRACT_TYPES = set(RENDERERS) | set(ORDERS["BUP"][0])  # every contract type but UNKNOWN
NEW_TYPES = set(EXTRAS)
NEW_CODES = (
    "NIP_INVALID",
    "NIK_INVALID",
    "NIK_BIRTHDATE_MISMATCH",
    "DATE_MISMATCH",
    "ELIGIBILITY",
    "LATE_SUBMISSION",
    "LOW_CONFIDENCE_PAGE",
)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _truth_like(spec: corpus.Spec, index: int) -> dict[str, Any]:
    """What the truth of bundle ``index`` says about documents and findings, without rendering pixels."""
    rng = random.Random(f"corpus:{SEED}:{index}:dossier")
    d = build_dossier(
        rng, spec.case_type, [Defect(**x) for x in spec.defects], separators=spec.separators, extras=spec.extras
    )
    at, pages, first = 1, {}, {}
    for doc in d.docs:
        first[id(doc)] = at
        for _ in doc.pages:
            pages[at] = doc
            at += 1
    findings = [dict(n) for n in d.notes]
    for i, (doc, offsets) in d.page_refs.items():
        findings[i]["pages"] = [first[id(doc)] + o for o in offsets]
    return {"dossier": d, "pages": pages, "findings": findings}


SPECS = [corpus.draw_spec(SEED, i) for i in range(COUNT)]
BUILT: dict[int, dict[str, Any]] = {}


def _built(i: int) -> dict[str, Any]:
    if i not in BUILT:
        BUILT[i] = _truth_like(SPECS[i], i)
    return BUILT[i]


def _text(doc: Any) -> str:
    """Everything a document prints, as one string (to check that a field was really printed)."""
    return " ".join(op.s for page in doc.pages for op in page.ops if isinstance(op, Text))


def test_specs_are_a_function_of_seed_and_index() -> None:
    assert [corpus.draw_spec(SEED, i) for i in range(10)] == SPECS[:10]
    assert corpus.draw_spec(SEED + 1, 0) != SPECS[0] or corpus.draw_spec(SEED + 1, 1) != SPECS[1]


def test_mix_covers_case_types_packaging_levels_and_defects() -> None:
    cases = Counter(s.case_type for s in SPECS)
    assert set(cases) == set(corpus.CASE_WEIGHTS)
    assert cases.most_common(1)[0][0] == "BUP"
    assert {s.kind for s in SPECS} == {"pdf", "pdf_text", "tiff", "folder"}
    assert {s.level for s in SPECS} == set(corpus.LEVELS)
    assert {s.manifest is None for s in SPECS} == {True, False}
    assert {s.style for s in SPECS} == set(corpus_plan.STYLES)
    clean = sum(not s.defects for s in SPECS)
    assert 0.25 * COUNT <= clean <= 0.45 * COUNT  # about a third
    assert all(len(s.defects) <= 2 for s in SPECS)
    assert {d["code"] for s in SPECS for d in s.defects} == set(corpus.SINGLE_CODES)
    assert set(NEW_CODES) <= set(corpus.SINGLE_CODES)


def test_corpus_covers_every_document_type() -> None:
    seen = Counter(doc.doc_type for i in range(COUNT) for doc in _built(i)["dossier"].docs)
    assert set(seen) == CONTRACT_TYPES
    thin = {t: n for t, n in seen.items() if n < 3}
    assert not thin, thin  # each type several times


@pytest.mark.parametrize("i", range(COUNT))
def test_findings_follow_from_documents(i: int) -> None:
    spec, built = SPECS[i], _built(i)
    d = built["dossier"]
    present = {doc.doc_type for doc in d.docs}
    codes = [f["code"] for f in built["findings"]]
    assert sorted(codes) == sorted(x["code"] for x in spec.defects)
    # MISSING_DOCUMENT <=> a required checklist item has no document
    required = set(corpus.required_items()[spec.case_type])
    missing = {f["item"] for f in built["findings"] if f["code"] == "MISSING_DOCUMENT"}
    assert missing == required - present
    assert not missing & present
    by_type: dict[str, list[Any]] = {}
    for doc in d.docs:
        by_type.setdefault(doc.doc_type, []).append(doc)
    foreign = [f for f in built["findings"] if f["code"] == "FOREIGN_PAGE"]
    foreign_docs = {id(built["pages"][f["pages"][0]]) for f in foreign}
    p = d.persona
    e, nip = p.employee, p.nip
    nip_docs = {f["doc_type"] for f in built["findings"] if f["code"] in ("NIP_MISMATCH", "NIP_INVALID")}
    name_docs = {f["doc_type"] for f in built["findings"] if f["code"] == "NAME_MISMATCH"}
    for doc in d.docs:
        if id(doc) in foreign_docs:
            assert doc.fields["nip"] != nip and doc.fields["nama"] != e.with_gelar()
            continue
        if "nip" in doc.fields:
            assert (doc.fields["nip"] != nip) == (doc.doc_type in nip_docs), doc.doc_type
        if "nama" in doc.fields and doc.doc_type in corpus.PERSONNEL:
            assert (doc.fields["nama"] != e.with_gelar()) == (doc.doc_type in name_docs), doc.doc_type
    for f in built["findings"]:
        if f["code"] == "NIP_INVALID":
            bad = by_type[f["doc_type"]][0].fields["nip"]
            assert len(bad) == 17 or not 1 <= int(bad[4:6]) <= 12 or bad[12:14] == "00"
    nip_birth, (ty, tm), gender = decode_nip(nip)
    assert (nip_birth != e.birth) == ("NIP_BIRTHDATE_MISMATCH" in codes)
    assert ((ty, tm) != (p.tmt_cpns.year, p.tmt_cpns.month)) == ("NIP_TMT_MISMATCH" in codes)
    assert (gender != e.gender) == ("NIP_GENDER_MISMATCH" in codes)
    if "KK" in by_type:
        kk = by_type["KK"][0].fields["anggota"]
        kk_names = {a["nama"] for a in kk}
        assert (p.spouse.nama not in kk_names) == ("SPOUSE_MISMATCH" in codes)
        aktas = {doc.fields["nama"] for doc in by_type.get("AKTA_KELAHIRAN", [])}
        assert bool(aktas - kk_names) == ("CHILD_NOT_IN_KK" in codes)
    if "KTP" in by_type:
        ktp = by_type["KTP"][0].fields
        try:
            _, nik_birth, nik_gender = decode_nik(ktp["nik"], 1900)
            valid = True
        except ValueError:
            valid = False
        assert (not valid) == ("NIK_INVALID" in codes)
        if valid:
            agrees = (nik_birth.replace(year=1900 + nik_birth.year % 100), nik_gender) == (
                date.fromisoformat(ktp["tanggal_lahir"]).replace(year=1900 + int(ktp["tanggal_lahir"][2:4])),
                ktp["jenis_kelamin"],
            )
            assert (not agrees) == ("NIK_BIRTHDATE_MISMATCH" in codes)
    if spec.case_type == "APS":
        years = defects.masa_kerja_on(p, p.submitted)[0]
        assert (years < 20) == ("ELIGIBILITY" in codes)
    if spec.case_type == "BUP":
        assert (p.submitted > add_months(p.tmt_pensiun, -12)) == ("LATE_SUBMISSION" in codes)
    dates = {
        "AKTA_KELAHIRAN": lambda docs: any(
            x.fields["tanggal_lahir"] != c.birth.isoformat()
            for x in docs
            for c in p.children
            if c.nama == x.fields["nama"]
        ),
        "DPCP": lambda docs: docs[0].fields["tanggal_nikah"] != p.tanggal_nikah.isoformat(),
        "SURAT_JANDA_DUDA": lambda docs: (
            docs[0].fields["tanggal_meninggal"] != by_type["SURAT_KEMATIAN"][0].fields["tanggal_meninggal"]
        ),
    }
    wrong = {t for t, check in dates.items() if t in by_type and check(by_type[t])}
    assert wrong == {f["doc_type"] for f in built["findings"] if f["code"] == "DATE_MISMATCH"}
    for f in built["findings"]:
        if f["code"] == "DUPLICATE_PAGE":
            a, b = f["pages"]
            doc = built["pages"][a]
            start = min(n for n, x in built["pages"].items() if x is doc)
            assert b == a + 1 and built["pages"][b] is doc
            assert doc.pages[a - start] is doc.pages[b - start]  # the same sheet, scanned twice
        if f["code"] == "LOW_CONFIDENCE_PAGE":
            (n,) = f["pages"]
            assert built["pages"][n].doc_type == f["doc_type"] and f["variant"] in ("blur", "dark")


@pytest.mark.parametrize("i", [i for i, s in enumerate(SPECS) if not s.defects][:6])
def test_clean_dossier_has_no_findings(i: int) -> None:
    built = _built(i)
    assert built["findings"] == []
    present = {doc.doc_type for doc in built["dossier"].docs}
    assert set(corpus.required_items()[SPECS[i].case_type]) <= present


@pytest.mark.parametrize("case_type", list(ORDERS))
def test_every_case_type_renders_its_required_documents(case_type: str) -> None:
    d = build_dossier(random.Random(case_type), case_type)
    present = {doc.doc_type for doc in d.docs}
    assert set(corpus.required_items()[case_type]) <= present
    p = d.persona
    if case_type == "APS":
        age = (p.tmt_pensiun - p.employee.birth).days / 365.25
        service = (p.tmt_pensiun - p.tmt_cpns).days / 365.25
        assert age >= 50 and service >= 20
    if case_type in ("JANDA_DUDA", "ANUMERTA"):
        kematian = next(doc for doc in d.docs if doc.doc_type == "SURAT_KEMATIAN")
        died = date.fromisoformat(kematian.fields["tanggal_meninggal"])
        assert died < p.tmt_pensiun <= p.submitted
        ktp = next(doc for doc in d.docs if doc.doc_type == "KTP")
        assert ktp.fields["nik"] == p.spouse.nik  # the ahli waris's KTP


@pytest.mark.parametrize("seed", range(40))
def test_clean_aps_meets_the_seed_conditions_on_the_pengantar_date(seed: int) -> None:
    """Masa kerja >= 20 even with seed 004's golongan deduction and without the honorer years, age
    >= 50, measured on the pengantar's date (what the pipeline has when no TMT is read)."""
    p, _ = adapt(make_persona(random.Random(seed)), "APS", random.Random(f"{seed}:case"))
    start = p.ranks[0].golongan.split("/")[0]
    cut = 60 if start == "II" and p.last_rank.golongan.startswith("III") else 0
    months = (p.submitted.year - p.tmt_cpns.year) * 12 + p.submitted.month - p.tmt_cpns.month - cut
    assert months >= 240 and history.age(p.employee.birth, p.submitted) >= 50


# -- the new renderers ------------------------------------------------------------------------------

# doc type, case type, (field, expected value from the persona) pairs every render must record
EMP = lambda p: p.employee.with_gelar()  # noqa: E731 - table data
RENDER_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("SK_JABATAN", "BUP", {"nama": EMP, "nip": lambda p: p.nip, "jabatan": lambda p: p.jabatan}),
    ("SK_KGB", "BUP", {"nama": EMP, "nip": lambda p: p.nip, "tanggal_lahir": lambda p: p.employee.birth.isoformat()}),
    ("SK_PMK", "BUP", {"nama": EMP, "nip": lambda p: p.nip, "golongan": lambda p: p.ranks[0].golongan}),
    ("KARPEG", "BUP", {"nip": lambda p: p.nip, "tanggal_lahir": lambda p: p.employee.birth.isoformat()}),
    ("KARPEG", "APS", {"nip": lambda p: p.nip, "nip_lama": lambda p: history.nip_lama(p)}),
    ("KARIS_KARSU", "BUP", {"nip": lambda p: p.nip, "tanggal_nikah": lambda p: p.tanggal_nikah.isoformat()}),
    ("NPWP", "BUP", {"nomor_dokumen": lambda p: history.npwp_nomor(p, p.employee)[0]}),
    ("NPWP", "JANDA_DUDA", {"nomor_dokumen": lambda p: history.npwp_nomor(p, p.spouse)[0]}),
    ("BUKU_TABUNGAN", "BUP", {"nomor_rekening": lambda p: history.rekening(p, p.employee)[2]}),
    ("BUKU_TABUNGAN", "ANUMERTA", {"nomor_rekening": lambda p: history.rekening(p, p.spouse)[2]}),
    (
        "DAFTAR_KELUARGA",
        "BUP",
        {"nama": EMP, "nip": lambda p: p.nip, "tanggal_nikah": lambda p: p.tanggal_nikah.isoformat()},
    ),
    ("DAFTAR_KELUARGA", "JANDA_DUDA", {"nama": EMP, "nip": lambda p: p.nip}),
    ("SURAT_KET_SEKOLAH", "BUP", {}),
    ("SURAT_KET_BEKERJA", "JANDA_DUDA", {}),
    (
        "RIWAYAT_PEKERJAAN",
        "BUP",
        {"nama": EMP, "nip": lambda p: p.nip, "tanggal_lahir": lambda p: p.employee.birth.isoformat()},
    ),
    ("SURAT_ALAMAT", "BUP", {"nama": EMP, "nip": lambda p: p.nip}),
    ("SURAT_ALAMAT", "ANUMERTA", {"nip": lambda p: p.nip}),
    ("SURAT_CERAI", "BUP", {"nomor_dokumen": lambda p: history.first_marriage(p).nomor}),
]


def _rendered(doc_type: str, case_type: str, seed: int) -> list[tuple[Any, Any]]:
    """(persona, document) for every plan entry of ``doc_type`` in a dossier with every extra."""
    p = make_persona(random.Random(seed))
    facts = None
    if case_type != "BUP":
        p, facts = adapt(p, case_type, random.Random(f"{seed}:case"))
    entries = [(t, o) for t, o, _ in plan_with_extras(case_type, p, facts, EXTRAS) if t == doc_type]
    return [(p, render(t, p, random.Random(seed), o)) for t, o in entries]


@pytest.mark.parametrize(
    ("doc_type", "case_type", "expected"), RENDER_CASES, ids=[f"{a}-{b}" for a, b, _ in RENDER_CASES]
)
def test_new_renderer_records_what_it_prints(doc_type: str, case_type: str, expected: dict[str, Any]) -> None:
    rendered = [pd for seed in range(8) for pd in _rendered(doc_type, case_type, seed)]
    assert rendered, f"no {doc_type} in 8 {case_type} dossiers"
    for p, doc in rendered:
        assert doc.doc_type == doc_type and doc.pages
        text = _text(doc)
        for name, value in expected.items():
            assert doc.fields[name] == value(p), (name, doc.fields)
        for name, value in doc.fields.items():
            if name in ("nip", "nik", "nip_lama"):  # printed grouped or run together
                assert value in text.replace(" ", ""), (name, value)
            elif name.startswith("nama") or name in ("nomor_dokumen", "nomor_rekening", "tempat_lahir"):
                assert value.upper() in text.upper(), (name, value)
        for page in doc.pages:
            for op in page.ops:
                if isinstance(op, Text) and not op.angle:
                    assert op.x >= 0 and op.x + measure(op.s, op.font, op.size) <= page.width + 1, (doc_type, op.s)
                    assert 0 < op.y <= page.height, (doc_type, op.s)


@pytest.mark.parametrize("doc_type", sorted(NEW_TYPES))
def test_new_types_come_in_several_layouts(doc_type: str) -> None:
    """At least two layouts/wordings across personas (agencies differ), and several typefaces."""
    docs = [doc for case in ("BUP", "JANDA_DUDA") for seed in range(12) for _, doc in _rendered(doc_type, case, seed)]
    assert len({doc.layout for doc in docs}) >= 2, {doc.layout for doc in docs}
    fonts = {
        op.font.split("-")[0] + op.font.split("-")[1] for doc in docs for op in doc.pages[0].ops if isinstance(op, Text)
    }
    assert len(fonts) >= 2, fonts


def test_extras_leave_the_base_documents_alone() -> None:
    plain = build_dossier(random.Random(9), "BUP")
    more = build_dossier(random.Random(9), "BUP", extras=EXTRAS)
    base = [(d.doc_type, d.fields) for d in plain.docs]
    assert [(d.doc_type, d.fields) for d in more.docs if d.doc_type not in NEW_TYPES] == base
    assert {d.doc_type for d in more.docs} - {d.doc_type for d in plain.docs} <= NEW_TYPES


# -- the new defects ---------------------------------------------------------------------------------

DEFECT_CASES: list[tuple[str, Defect, set[str]]] = [
    ("BUP", Defect("NIP_INVALID", "SK_PANGKAT", "short"), {"value", "expected", "problem"}),
    ("BUP", Defect("NIP_INVALID", "SKP", "month"), {"value", "expected", "problem"}),
    ("BUP", Defect("NIK_INVALID", variant="date"), {"nik", "problem"}),
    ("JANDA_DUDA", Defect("NIK_INVALID", variant="short"), {"nik", "problem"}),
    ("BUP", Defect("NIK_BIRTHDATE_MISMATCH", variant="date"), {"nik", "nik_birth_date", "tanggal_lahir"}),
    ("UZUR", Defect("NIK_BIRTHDATE_MISMATCH", variant="gender"), {"nik", "nik_gender", "jenis_kelamin"}),
    ("BUP", Defect("DATE_MISMATCH", "AKTA_KELAHIRAN"), {"field", "value", "expected", "nama"}),
    ("APS", Defect("DATE_MISMATCH", "DPCP"), {"field", "value", "expected"}),
    ("JANDA_DUDA", Defect("DATE_MISMATCH", "SURAT_JANDA_DUDA"), {"field", "value", "expected"}),
    ("APS", Defect("ELIGIBILITY"), {"masa_kerja", "tmt_cpns", "tanggal_dokumen"}),
    ("BUP", Defect("LATE_SUBMISSION"), {"tanggal_dokumen", "tmt_pensiun", "batas"}),
    ("ANUMERTA", Defect("LOW_CONFIDENCE_PAGE", "SK_CPNS", "dark"), {"variant"}),
]


@pytest.mark.parametrize(
    ("case_type", "defect", "keys"),
    DEFECT_CASES,
    ids=[f"{d.code}-{d.variant or d.doc_type}" for _, d, _ in DEFECT_CASES],
)
def test_new_defect_changes_what_it_must_and_is_in_the_truth(case_type: str, defect: Defect, keys: set[str]) -> None:
    for seed in range(4):
        clean = build_dossier(random.Random(seed), case_type)
        bad = build_dossier(random.Random(seed), case_type, [defect])
        (note,) = bad.notes
        assert note["code"] == defect.code and keys <= set(note), note
        before = {(d.doc_type, str(d.fields)) for d in clean.docs}
        changed = [d for d in bad.docs if (d.doc_type, str(d.fields)) not in before]
        if defect.code == "NIP_INVALID":
            assert [d.doc_type for d in changed] == [defect.doc_type]
            assert changed[0].fields["nip"] == note["value"] != note["expected"] == bad.persona.nip
        elif defect.code in ("NIK_INVALID", "NIK_BIRTHDATE_MISMATCH"):
            holder = bad.persona.spouse if case_type in ("JANDA_DUDA", "ANUMERTA") else bad.persona.employee
            assert holder.nik == note["nik"]
            ktp = next(d for d in bad.docs if d.doc_type == "KTP")
            kk = next(d for d in bad.docs if d.doc_type == "KK")
            assert ktp.fields["nik"] == note["nik"] and note["nik"] in {a["nik"] for a in kk.fields["anggota"]}
        elif defect.code == "DATE_MISMATCH":
            assert [d.doc_type for d in changed] == [defect.doc_type]
            assert changed[0].fields[note["field"]] == note["value"] != note["expected"]
        elif defect.code == "ELIGIBILITY":
            assert (
                defects.masa_kerja_on(bad.persona, bad.persona.submitted)[0]
                < 20
                <= defects.masa_kerja_on(clean.persona, clean.persona.submitted)[0]
            )
        elif defect.code == "LATE_SUBMISSION":
            pengantar = next(d for d in bad.docs if d.doc_type == "SURAT_PENGANTAR")
            assert pengantar.fields["tanggal_dokumen"] == note["tanggal_dokumen"] > note["batas"]
        else:
            assert changed == [] and bad.page_refs


def test_defects_bound_to_a_case_type_refuse_others() -> None:
    with pytest.raises(ValueError):
        build_dossier(random.Random(1), "BUP", [Defect("ELIGIBILITY")])
    with pytest.raises(ValueError):
        build_dossier(random.Random(1), "APS", [Defect("LATE_SUBMISSION")])
    with pytest.raises(ValueError):
        Defect("DATE_MISMATCH", "KTP")
    with pytest.raises(ValueError):
        Defect("NIK_INVALID", variant="month")


@pytest.mark.parametrize("kind", ["folder", "pdf_text"])
def test_low_confidence_page_is_spoiled_in_the_bundle(tmp_path: Path, kind: str) -> None:
    truth = generate_dossier(
        random.Random(2),
        "BUP",
        [Defect("LOW_CONFIDENCE_PAGE", "SK_CPNS", "blur")],
        Packaging(kind),
        Degradation(ScanProfile.mild().with_(dpi=150)),
        bundle_id="b",
        out_dir=tmp_path,
        only=["SK_CPNS"],
    )
    (f,) = truth["findings"]
    assert f["pages"] == [2] and truth["status"] == "PERLU_VERIFIKASI"
    if kind == "folder":
        sharp, spoiled = (Image.open(tmp_path / "b" / f"page{n}.jpg") for n in (1, 2))
        edges = [np.abs(np.diff(np.asarray(im, dtype=np.int16), axis=1)).sum() for im in (sharp, spoiled)]
        assert edges[1] < edges[0] / 3  # the text's edges are gone
    else:
        import pdfplumber

        with pdfplumber.open(tmp_path / "b.pdf") as pdf:
            assert pdf.pages[0].extract_text() and not pdf.pages[1].extract_text()  # an image-only page


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    runs = []
    for run, seed in (("a", 3), ("b", 3)):
        corpus.generate_corpus(tmp_path / run, seed, 1, jobs=1)
        runs.append(_hashes(tmp_path / run))
    assert runs[0] == runs[1]
    assert any(k.startswith("truth/") for k in runs[0])

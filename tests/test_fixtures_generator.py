"""The sample-dossier generator: deterministic, self-consistent, and in step with the committed samples.

No OCR here. The slowest test regenerates the committed bundles (about 15 s on two cores) and
compares bytes, so a change to any renderer shows up as a diff the committer must regenerate.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from fixtures.canvas import Text, measure
from fixtures.documents import RENDERERS, plan_for
from fixtures.dossier import Defect, Degradation, build_dossier, generate_dossier
from fixtures.generate import SAMPLES, generate_samples
from fixtures.ids import build_kk, build_nik, build_nip, decode_nik, decode_nip
from fixtures.indo import terbilang, words_date
from fixtures.packaging import Packaging
from fixtures.persona import make_persona
from fixtures.scan import ScanProfile

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "fixtures" / "samples"
TRUTH_DIR = ROOT / "fixtures" / "truth"
SEED = 3
TRUTHS = sorted(TRUTH_DIR.glob("*.json"))


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("n", "words"),
    [
        pytest.param(11, "sebelas", id="11"),
        pytest.param(15, "lima belas", id="15"),
        pytest.param(100, "seratus", id="100"),
        pytest.param(2011, "dua ribu sebelas", id="2011"),
        pytest.param(1996, "seribu sembilan ratus sembilan puluh enam", id="1996"),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_words_date_as_on_akta() -> None:
    assert words_date(date(2011, 5, 15)) == "lima belas Mei dua ribu sebelas"


@pytest.mark.parametrize(
    ("birth", "tmt", "gender", "seq", "nip"),
    [
        pytest.param(date(1977, 5, 15), date(2008, 1, 1), "L", 2, "197705152008011002", id="seed-004-example"),
        pytest.param(date(1969, 12, 3), date(2009, 3, 1), "P", 117, "196912032009032117", id="woman"),
    ],
)
def test_nip_build_and_decode(birth: date, tmt: date, gender: str, seq: int, nip: str) -> None:
    assert build_nip(birth, tmt, gender, seq) == nip
    assert decode_nip(nip) == (birth, (tmt.year, tmt.month), gender)


@pytest.mark.parametrize(
    ("gender", "nik"),
    [
        pytest.param("L", "3316091505770012", id="man"),
        pytest.param("P", "3316095505770012", id="woman-dd+40"),
    ],
)
def test_nik_build_and_decode(gender: str, nik: str) -> None:
    assert build_nik("331609", date(1977, 5, 15), gender, 12) == nik
    assert decode_nik(nik, 1900) == ("331609", date(1977, 5, 15), gender)
    assert build_kk("331609", date(2020, 2, 3), 45) == "3316090302200045"


def test_persona_is_consistent() -> None:
    for seed in range(20):
        p = make_persona(random.Random(seed))
        e = p.employee
        assert decode_nip(p.nip) == (e.birth, (p.tmt_cpns.year, p.tmt_cpns.month), e.gender)
        for person in (e, p.spouse, *p.children):
            region, birth, gender = decode_nik(person.nik, 1900 if person.birth.year < 2000 else 2000)
            assert (region[:4], birth, gender) == (p.kab.code, person.birth, person.gender)
        assert p.tanggal_nikah < min(c.birth for c in p.children)
        assert (p.tmt_pensiun.year - e.birth.year) in (p.bup_age, p.bup_age + 1)
        assert 15 <= (p.tmt_pensiun - p.submitted).days // 30 <= 21
        assert [r.tmt for r in p.ranks] == sorted(r.tmt for r in p.ranks)


def test_every_renderer_stays_on_its_page() -> None:
    p = make_persona(random.Random(7), "Blora")
    for doc_type, options in plan_for("BUP", p):
        doc = RENDERERS[doc_type](p, random.Random(1), **options)
        assert doc.doc_type == doc_type
        for page in doc.pages:
            for op in page.ops:
                if isinstance(op, Text) and not op.angle:
                    right = op.x + measure(op.s, op.font, op.size)
                    assert op.x >= 0 and right <= page.width + 1, (doc_type, op.s)
                    assert 0 < op.y <= page.height, (doc_type, op.s)


def test_defects_are_validated() -> None:
    with pytest.raises(ValueError):
        Defect("NAME_MISMATCH")
    with pytest.raises(ValueError):
        Defect("SOMETHING_ELSE", "SKP")
    with pytest.raises(ValueError):
        build_dossier(random.Random(1), "MPP")


def test_defects_change_only_what_they_say() -> None:
    defects = [Defect("NAME_MISMATCH", "SK_PANGKAT"), Defect("NIP_MISMATCH", "SKP")]
    d = build_dossier(random.Random(5), "BUP", defects, only=["SK_CPNS", "SK_PANGKAT", "SKP", "DPCP"])
    fields = {doc.doc_type: doc.fields for doc in d.docs}
    assert fields["SK_PANGKAT"]["nama"] != fields["SK_CPNS"]["nama"] == fields["DPCP"]["nama"]
    assert fields["SKP"]["nip"] != fields["SK_CPNS"]["nip"] == fields["SK_PANGKAT"]["nip"]
    assert decode_nip(fields["SKP"]["nip"]) == decode_nip(fields["SK_CPNS"]["nip"])  # another person, same dates
    assert all(a != b for a, b in zip(fields["SKP"]["nip"][-3:], fields["SK_CPNS"]["nip"][-3:], strict=True))


@pytest.mark.parametrize("kind", ["pdf", "pdf_text", "tiff", "folder"])
def test_same_seed_same_bytes(tmp_path: Path, kind: str) -> None:
    packaging = Packaging(kind, manifest={"jenis": "BUP"}, png_pages=(2,), unreadable=("page99.jpg",))
    if kind != "folder":
        packaging = Packaging(kind, manifest={"jenis": "BUP"})
    degradation = Degradation(ScanProfile.copier().with_(dpi=100), turns={"KTP": 90})
    runs = []
    for run, seed in (("a", 11), ("b", 11), ("c", 12)):
        out = tmp_path / run
        truth = generate_dossier(
            random.Random(seed),
            "BUP",
            [],
            packaging,
            degradation,
            bundle_id="berkas-x",
            out_dir=out / "samples",
            truth_dir=out / "truth",
            only=["SURAT_PENGANTAR", "KTP"],
        )
        assert len(truth["pages"]) == 2
        runs.append((_hashes(out / "samples"), _hashes(out / "truth")))
    assert runs[0] == runs[1]
    assert runs[0][0] != runs[2][0]


@pytest.mark.skipif(not TRUTHS, reason="no committed samples")
def test_committed_samples_regenerate_byte_identically(tmp_path: Path) -> None:
    generate_samples(tmp_path / "samples", tmp_path / "truth", SEED, jobs=2)
    assert _hashes(tmp_path / "samples") == _hashes(SAMPLES_DIR)
    assert _hashes(tmp_path / "truth") == _hashes(TRUTH_DIR)


def test_committed_set_is_small_and_complete() -> None:
    assert {p.stem for p in TRUTHS} == {s.bundle_id for s in SAMPLES}
    total = sum(p.stat().st_size for p in SAMPLES_DIR.rglob("*") if p.is_file())
    assert total < 6.5e6


def _page_count(path: Path) -> int:
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_truth_pages_match_files(path: Path) -> None:
    t = _truth(path)
    pages = t["pages"]
    assert [p["index"] for p in pages] == list(range(1, len(pages) + 1))
    per_source: dict[str, list[int]] = {}
    for p in pages:
        per_source.setdefault(p["source"], []).append(p["source_page"])
        assert p["rotation"] in (0, 90, 180, 270)
    for source, numbers in per_source.items():
        assert numbers == list(range(1, _page_count(SAMPLES_DIR / source) + 1)), source
    for r in t["rejected"]:
        data = (SAMPLES_DIR / r["source"]).read_bytes()
        with pytest.raises(Exception):  # noqa: B017 - whatever Pillow raises, it must not decode
            Image.open(io.BytesIO(data)).load()
    documented = sorted(n for d in t["documents"] for n in d["pages"])
    assert documented == [p["index"] for p in pages if p["doc_type"] != "BLANK"]
    assert not set(t["missing"]) & {d["doc_type"] for d in t["documents"]}


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_truth_nips_decode_to_birth_date(path: Path) -> None:
    t = _truth(path)
    e = t["employee"]
    codes = {f["code"] for f in t["findings"]}
    birth = date.fromisoformat(e["tanggal_lahir"])
    nip_birth, tmt, gender = decode_nip(e["nip"])
    if "NIP_BIRTHDATE_MISMATCH" in codes:
        assert abs((nip_birth - birth).days) == 1
    else:
        assert nip_birth == birth
    assert (tmt, gender) == ((int(e["tmt_cpns"][:4]), int(e["tmt_cpns"][5:7])), e["jenis_kelamin"])
    foreign = {f["doc_type"] for f in t["findings"] if f["code"] == "NIP_MISMATCH"}
    for d in t["documents"]:
        if "nip" in d["fields"]:
            assert (d["fields"]["nip"] != e["nip"]) == (d["doc_type"] in foreign), d["doc_type"]
            assert decode_nip(d["fields"]["nip"])[0] == nip_birth
        if d["doc_type"] == "KTP":
            assert d["fields"]["nik"] == e["nik"]
            assert decode_nik(e["nik"], 1900)[1:] == (birth, e["jenis_kelamin"])


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_truth_status_follows_findings(path: Path) -> None:
    t = _truth(path)
    codes = [f["code"] for f in t["findings"]]
    expected = "TIDAK_LENGKAP" if t["missing"] else "PERLU_VERIFIKASI" if codes else "LENGKAP"
    assert t["status"] == expected
    assert codes.count("MISSING_DOCUMENT") == len(t["missing"])


def test_text_layer_only_where_born_digital() -> None:
    for path in TRUTHS:
        t = _truth(path)
        pdfs = [f for f in t["files"] if f.endswith(".pdf")]
        for f in pdfs:
            with pdfplumber.open(SAMPLES_DIR / f) as pdf:
                texts = [page.extract_text() or "" for page in pdf.pages]
            if t["packaging"] != "pdf_text":
                assert not any(texts), f
                continue
            photo_only = {p["index"] for p in t["pages"] if p["doc_type"] in ("PAS_FOTO", "BLANK")}
            assert all(text for i, text in enumerate(texts, 1) if i not in photo_only), f
            sk = next(d for d in t["documents"] if d["doc_type"] == "SK_CPNS")
            assert "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL" in texts[sk["pages"][0] - 1]


def test_sk_jabatan_truth_claims_a_birth_date_only_where_printed() -> None:
    """The pelaksana decree names its employee in a Lampiran table (name, NIP); only the fungsional
    one prints "Tempat/Tgl. Lahir". Truth claiming an unprinted date counted a reader's miss."""
    seen = set()
    for seed in range(24):
        p = make_persona(random.Random(seed))
        doc = RENDERERS["SK_JABATAN"](p, random.Random(seed))
        text = " ".join(op.s for page in doc.pages for op in page.ops if isinstance(op, Text))
        assert ("tanggal_lahir" in doc.fields) == ("Tempat/Tgl. Lahir" in text), (seed, doc.layout)
        seen.add(("tanggal_lahir" in doc.fields, doc.layout))
    assert (False, "pelaksana") in seen and (True, "fungsional") in seen

"""Unreadable pages typed by the surely read pages they look like (pipeline/layout.py, inkmap.py).

Pages are drawn by the fixture renderers (several agency layouts of a type among them), the
references are other personas' pages of five types, and the page to type is blurred or darkened
past reading as a scan out of focus or a photocopy with the toner far too dark is. No OCR.
"""

from __future__ import annotations

import functools
import json
import random
import re
from dataclasses import replace

import cv2
import numpy as np
import pytest

from fixtures.defects import spoil
from fixtures.documents import render
from fixtures.persona import make_persona
from fixtures.raster import render as paint
from pipeline import inkmap, layout
from pipeline.checks_pages import UNCLASSIFIED_PAGE_RULE, check_pages
from pipeline.group import group_pages
from tests.cliprocess import berkas_process
from tests.textpage import page_result

TYPES = ("SURAT_ALAMAT", "KTP", "SK_CPNS", "DPCP", "BUKU_TABUNGAN")
NOISE = ["et 0 dika in", "oo. mm MA Tua", "Ha ia mM ,"]


@functools.cache
def drawn(doc_type: str, seed: int) -> np.ndarray:
    """The first page of ``doc_type`` for persona ``seed``, grey, 200 dpi."""
    doc = render(doc_type, make_persona(random.Random(seed)), random.Random(seed), {})
    return np.asarray(paint(doc.pages[0]))


def spoiled(image: np.ndarray, variant: str, seed: int = 0) -> np.ndarray:
    from PIL import Image

    img = Image.fromarray(image)
    img.info["dpi"] = (200, 200)
    return np.asarray(spoil(img, variant, random.Random(seed)))


def read_surely(index: int, doc_type: str, image: np.ndarray):
    page = page_result(index, [doc_type], doc_type, True, 0.9)
    page.layout = inkmap.thumbnail(image)
    return page


def report_pages(pages) -> list[dict]:
    return [
        {
            "index": p.ref.index,
            "doc_type": p.classification.doc_type,
            "confidence": p.classification.confidence,
            "ocr_confidence": p.text.ocr_confidence,
        }
        for p in pages
    ]


@functools.cache
def library() -> tuple[layout.Reference, ...]:
    """Six personas' pages of each type, one dossier each."""
    refs = []
    for seed in range(6):
        pages = [read_surely(i + 1, t, drawn(t, seed)) for i, t in enumerate(TYPES)]
        refs += layout.references(f"berkas-{seed}", pages, report_pages(pages))
    return tuple(refs)


def unreadable_page(image: np.ndarray, index: int = 3, rotation: int = 0):
    page = page_result(index, NOISE, "UNKNOWN", False, 0.0)
    page.text.ocr_confidence = 22.0
    page.text.rotation = rotation
    page.layout = inkmap.thumbnail(image)
    page.preview = f"pages/p{index:03d}.jpg"
    return page


@pytest.mark.parametrize(
    ("doc_type", "seed", "variant", "quarter_turns", "want", "turn"),
    [
        # a surat keterangan alamat scanned out of focus (seed 77471 berkas-0017): no letter reads
        pytest.param("SURAT_ALAMAT", 11, "blur", 0, "SURAT_ALAMAT", 0, id="alamat-blurred"),
        pytest.param("BUKU_TABUNGAN", 12, "blur", 0, "BUKU_TABUNGAN", 0, id="tabungan-blurred"),
        # toner far too dark: the text a shade darker than grey-black paper
        pytest.param("SK_CPNS", 13, "dark", 0, "SK_CPNS", 0, id="sk-cpns-dark"),
        # lying sideways (OSD had no letters to go by): turned back by a quarter clockwise
        pytest.param("DPCP", 14, "blur", 1, "DPCP", 90, id="dpcp-blurred-sideways"),
        pytest.param("KTP", 15, "blur", 2, "KTP", 180, id="ktp-blurred-upside-down"),
        # a type no reference shows is not forced onto one that is there
        pytest.param("AKTA_KELAHIRAN", 16, "blur", 0, None, 0, id="no-reference-of-its-type"),
        pytest.param("SURAT_NIKAH", 17, "blur", 0, None, 0, id="surat-nikah-no-reference"),
    ],
)
def test_unreadable_page_matches_its_type(doc_type, seed, variant, quarter_turns, want, turn):
    image = np.rot90(spoiled(drawn(doc_type, seed), variant, seed), quarter_turns)
    found = layout.match(inkmap.thumbnail(np.ascontiguousarray(image)), library())
    assert (found.doc_type if found else None) == want
    if found:
        assert found.turn == turn
        assert found.similarity >= layout.load_rules()["min_similarity"]
        assert all(b != "" for b, _ in found.examples)


def test_a_lone_look_alike_is_not_enough():
    one = [r for r in library() if r.doc_type != "SURAT_ALAMAT"] + [
        next(r for r in library() if r.doc_type == "SURAT_ALAMAT")
    ]
    image = spoiled(drawn("SURAT_ALAMAT", 4), "blur")  # drawn like that one reference
    assert layout.match(inkmap.thumbnail(image), one) is None


def test_two_types_that_look_the_same_give_no_type():
    twins = [*library(), *(replace(r, doc_type="SURAT_PERNYATAAN") for r in library() if r.doc_type == "KTP")]
    image = spoiled(drawn("KTP", 18), "blur")
    assert layout.match(inkmap.thumbnail(image), twins) is None
    assert layout.match(inkmap.thumbnail(image), library()).doc_type == "KTP"


def test_no_references_no_match():
    assert layout.match(inkmap.thumbnail(drawn("KTP", 1)), []) is None


def test_thumbnail_is_relative_to_the_paper():
    clean = inkmap.thumbnail(drawn("SK_CPNS", 2))
    dark = inkmap.thumbnail(spoiled(drawn("SK_CPNS", 2), "dark"))
    assert clean.dtype == np.uint8 and max(clean.shape) == inkmap.SIDE
    assert np.corrcoef(layout.grid(clean).ravel(), layout.grid(dark).ravel())[0, 1] > 0.9


def test_classify_unreadable_types_only_unreadable_pages():
    readable_unknown = page_result(1, ["Sesuatu yang terbaca tanpa judul"], "UNKNOWN", False, 0.3)
    readable_unknown.layout = inkmap.thumbnail(spoiled(drawn("SURAT_ALAMAT", 11), "blur"))
    ktp = read_surely(2, "KTP", drawn("KTP", 19))
    blurred = unreadable_page(spoiled(drawn("SURAT_ALAMAT", 11), "blur"))
    out = layout.classify_unreadable([readable_unknown, ktp, blurred], library())
    assert out[0] is readable_unknown and out[1] is ktp
    c = out[2].classification
    assert (c.doc_type, c.by_layout, c.title_hit) == ("SURAT_ALAMAT", True, False)
    assert c.confidence == layout.load_rules()["confidence"]
    assert c.reasons[0].startswith("tata letak mirip SURAT_ALAMAT (0.9")
    assert "berkas-" in c.reasons[0]
    assert out[2].text.rotation == 0 and out[2].preview == "pages/p003.jpg"


def test_other_dossiers_named_without_identity_numbers():
    """A dossier named after its employee's NIP is named in another dossier's report masked."""
    nip_named = [replace(r, bundle_id=f"198001012005011{r.bundle_id[-1]:0>3}") for r in library()]
    (out,) = layout.classify_unreadable([unreadable_page(spoiled(drawn("SURAT_ALAMAT", 11), "blur"))], nip_named)
    assert out.classification.doc_type == "SURAT_ALAMAT"
    assert "[angka-disamarkan] hlm" in out.classification.reasons[0]
    assert not re.search(r"\d{8}", out.classification.reasons[0])


def test_a_turned_match_turns_the_page_and_its_preview():
    image = np.ascontiguousarray(np.rot90(spoiled(drawn("DPCP", 14), "blur")))
    page = unreadable_page(image, rotation=270)
    page.text.width, page.text.height = image.shape[1], image.shape[0]
    (out,) = layout.classify_unreadable([page], library())
    assert out.classification.doc_type == "DPCP"
    assert out.text.rotation == 0  # 270 as read, a further 90 clockwise
    assert (out.text.width, out.text.height) == (image.shape[0], image.shape[1])
    assert out.preview == "pages/p003-layout90.jpg"


def test_turned_previews_are_written_beside_the_originals(tmp_path):
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    original = np.zeros((40, 30), np.uint8)
    original[:5, :] = 255
    cv2.imwrite(str(pages_dir / "p003.jpg"), original)
    before = (pages_dir / "p003.jpg").read_bytes()
    layout.write_turned_previews(
        tmp_path, [{"preview": "pages/p003-layout90.jpg"}, {"preview": "pages/p004.jpg"}, {"preview": None}]
    )
    turned = cv2.imread(str(pages_dir / "p003-layout90.jpg"), cv2.IMREAD_GRAYSCALE)
    assert turned.shape == (30, 40)
    assert turned[:, -5:].mean() > 200 and turned[:, :5].mean() < 50  # the top row now on the right
    assert (pages_dir / "p003.jpg").read_bytes() == before
    assert sorted(p.name for p in pages_dir.iterdir()) == ["p003-layout90.jpg", "p003.jpg"]


def test_the_page_still_asks_a_verifier():
    (typed,) = layout.classify_unreadable([unreadable_page(spoiled(drawn("SURAT_ALAMAT", 11), "blur"))], library())
    (finding,) = check_pages([typed])
    assert finding.code == "LOW_CONFIDENCE_PAGE" and finding.rule == UNCLASSIFIED_PAGE_RULE
    assert "tidak terbaca (keyakinan OCR 22)" in finding.message
    assert "SURAT_ALAMAT hanya ditebak dari tata letak mirip" in finding.message


@pytest.mark.parametrize(
    ("first", "typed_as", "joins"),
    [
        # an SK CPNS's second page blurred: typed SK_CPNS by the decrees' second pages, it continues
        pytest.param(("SK_CPNS", ["KEPUTUSAN BUPATI REMBANG", "TENTANG"]), "SK_CPNS", True, id="decree-page-2"),
        # a surat alamat after an SK whose closing OCR missed is a document of its own
        pytest.param(("SK_CPNS", ["KEPUTUSAN BUPATI REMBANG", "TENTANG"]), "SURAT_ALAMAT", False, id="other-type"),
        pytest.param(("KTP", ["PROVINSI JAWA TENGAH", "NIK"]), "SURAT_ALAMAT", False, id="after-a-card"),
    ],
)
def test_typed_pages_group_by_their_type(first, typed_as, joins):
    first_type, lines = first
    page = unreadable_page(drawn("KTP", 1), index=2)
    page.classification = replace(page.classification, doc_type=typed_as, confidence=0.4, by_layout=True)
    documents, out = group_pages([page_result(1, lines, first_type, True), page])
    assert [d.pages for d in documents] == ([[1, 2]] if joins else [[1], [2]])
    assert [d.doc_type for d in documents][-1] == (first_type if joins else typed_as)


def test_references_are_the_surely_read_pages():
    pages = [
        read_surely(1, "KTP", drawn("KTP", 1)),
        read_surely(2, "UNKNOWN", drawn("DPCP", 1)),
        read_surely(3, "BLANK", drawn("DPCP", 1)),
        read_surely(4, "DPCP", drawn("DPCP", 1)),  # unsure
        read_surely(5, "DPCP", drawn("DPCP", 1)),  # read poorly
        read_surely(6, "PAS_FOTO", drawn("DPCP", 1)),  # no OCR ran
        page_result(7, ["x"], "KTP", True, 0.9),  # no thumbnail
    ]
    listed = report_pages(pages)
    listed[3]["confidence"] = 0.4
    listed[4]["ocr_confidence"] = 41.0
    listed[5]["ocr_confidence"] = None
    refs = layout.references("b1", pages, listed)
    assert [(r.index, r.doc_type) for r in refs] == [(1, "KTP"), (6, "PAS_FOTO")]
    assert refs[0].cells.shape == (layout.load_rules()["grid_rows"], layout.load_rules()["grid_columns"])


def test_library_round_trip_and_damage(tmp_path):
    refs = list(library())
    layout.save_references(tmp_path, "berkas-0", [r for r in refs if r.bundle_id == "berkas-0"])
    layout.save_references(tmp_path, "berkas/../1", [r for r in refs if r.bundle_id == "berkas-1"])
    layout.save_references(tmp_path, "empty", [])
    (tmp_path / layout.LIBRARY / "broken.npz").write_bytes(b"not a zip")
    loaded = layout.load_references(tmp_path)
    assert sorted({r.bundle_id for r in loaded}) == ["berkas-0", "berkas/../1"]
    assert len(loaded) == 2 * len(TYPES)
    mine = {(r.bundle_id, r.index, r.doc_type): r.cells.tobytes() for r in refs if r.bundle_id == "berkas-0"}
    assert {(r.bundle_id, r.index, r.doc_type): r.cells.tobytes() for r in loaded if r.bundle_id == "berkas-0"} == mine
    assert all(p.parent == tmp_path / layout.LIBRARY for p in (tmp_path / layout.LIBRARY).iterdir())
    assert layout.load_references(tmp_path / "nothing") == []


def test_library_is_read_only_for_a_dossier_with_an_unreadable_page(tmp_path):
    pages = [read_surely(1, "KTP", drawn("KTP", 1))]
    layout.keep(tmp_path, "a", pages, report_pages(pages))
    assert layout.library_for(tmp_path, pages) == []
    blurred = unreadable_page(drawn("KTP", 2))
    assert [r.bundle_id for r in layout.library_for(tmp_path, [*pages, blurred])] == ["a"]
    assert layout.unmatched([blurred], [{"index": 3, "doc_type": "UNKNOWN"}])
    assert not layout.unmatched([blurred], [{"index": 3, "doc_type": "KTP"}])
    assert not layout.unmatched(pages, [{"index": 1, "doc_type": "UNKNOWN"}])


def _same_layout_seeds(doc_type: str, count: int) -> list[int]:
    """Persona seeds whose ``doc_type`` is drawn in one agency layout (a renderer has several)."""
    by_layout: dict[str, list[int]] = {}
    for seed in range(40):
        doc = render(doc_type, make_persona(random.Random(seed)), random.Random(seed), {})
        by_layout.setdefault(doc.layout, []).append(seed)
    return next(seeds[:count] for seeds in by_layout.values() if len(seeds) >= count)


@pytest.mark.slow
def test_a_batch_types_its_first_dossiers_unreadable_page_by_the_dossiers_after_it(tmp_path):
    """A real ``berkas process``: the first dossier's surat alamat is blurred past reading and no
    dossier came before it, so only the batch's second look (flows/intake.py) can type it, by the
    three read after it (it resembles two of them closely enough); their references are kept in
    OUTDIR for the batches to come."""
    from PIL import Image

    blurred, *clean = _same_layout_seeds("SURAT_ALAMAT", 4)
    drop, out = tmp_path / "drop", tmp_path / "out"
    pages = {
        "berkas-a": [spoiled(drawn("SURAT_ALAMAT", blurred), "blur", blurred)],
        "berkas-b": [drawn("SURAT_ALAMAT", clean[0]), drawn("KTP", clean[0])],
        "berkas-c": [drawn("SURAT_ALAMAT", clean[1]), drawn("KTP", clean[1])],
        "berkas-d": [drawn("SURAT_ALAMAT", clean[2]), drawn("KTP", clean[2])],
    }
    for bundle, images in pages.items():
        (drop / bundle).mkdir(parents=True)
        for i, image in enumerate(images, 1):
            Image.fromarray(image).save(drop / bundle / f"scan{i}.jpg", dpi=(200, 200), quality=90)
    proc = berkas_process(drop, out, tmp_path / "prefect", timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    report = json.loads((out / "berkas-a" / "report.json").read_text())
    (page,) = report["pages"]
    assert (page["doc_type"], page["confidence"]) == ("SURAT_ALAMAT", layout.load_rules()["confidence"])
    assert page["classifier_reasons"][0].startswith("tata letak mirip SURAT_ALAMAT")
    assert any(f["code"] == "LOW_CONFIDENCE_PAGE" and "tata letak" in f["message"] for f in report["findings"])
    assert [d["doc_type"] for d in report["documents"]] == ["SURAT_ALAMAT"]
    assert sorted(p.name for p in (out / layout.LIBRARY).iterdir()) == [f"berkas-{x}.npz" for x in "abcd"]
    assert {r.doc_type for r in layout.load_references(out)} == {"SURAT_ALAMAT", "KTP"}

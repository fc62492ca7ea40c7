"""Ingest: bundle discovery, page listing, and rejections with reasons (real files, no OCR)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline import ingest
from pipeline.settings import load_settings

SETTINGS = load_settings()


def img(path: Path, size=(200, 280), frames: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = [Image.fromarray(np.full(size[::-1], 200 + i, np.uint8)) for i in range(frames)]
    if frames > 1 or path.suffix == ".pdf":
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200)
    else:
        pages[0].save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_natural_order_in_folder_bundle(tmp_path):
    folder = tmp_path / "berkas-9"
    for n in (10, 2, 1):
        img(folder / f"page{n}.jpg")
    batch = ingest.discover([folder])
    assert [b.bundle_id for b in batch.bundles] == ["berkas-9"]
    bundle = ingest.list_pages(batch.bundles[0], SETTINGS)
    assert [p.source for p in bundle.pages] == [
        "berkas-9/page1.jpg",
        "berkas-9/page2.jpg",
        "berkas-9/page10.jpg",
    ]


def test_drop_folder_with_files_folders_manifests_and_strays(tmp_path):
    img(tmp_path / "a.pdf", frames=3)
    (tmp_path / "a.json").write_text(json.dumps({"jenis": "aps", "nip": "19770515 200801 1 002"}))
    img(tmp_path / "b.tif", frames=2)
    img(tmp_path / "c" / "1.png")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "orphan.json").write_text("{}")
    batch = ingest.discover([tmp_path])
    assert sorted(b.bundle_id for b in batch.bundles) == ["a", "b", "c"]
    assert sorted(r.reason.split(" (")[0] for r in batch.rejected) == [
        "manifest without a bundle",
        "not a supported format",
    ]
    a = next(b for b in batch.bundles if b.bundle_id == "a")
    assert a.manifest == {"jenis": "APS", "nip": "197705152008011002"}
    counts = {b.bundle_id: len(ingest.list_pages(b, SETTINGS).pages) for b in batch.bundles}
    assert counts == {"a": 3, "b": 2, "c": 1}


@pytest.mark.parametrize(
    "name, content, reason",
    [
        pytest.param("empty.pdf", b"", "empty file", id="zero-bytes"),
        pytest.param("text.pdf", b"just some text, not a pdf", "not a PDF", id="text-named-pdf"),
        pytest.param("trunc.pdf", b"%PDF-1.4\n1 0 obj <<", "unreadable PDF", id="truncated-pdf"),
        pytest.param("bad.jpg", b"\xff\xd8\xff\xe0garbage", "damaged image", id="garbage-jpeg"),
        pytest.param("bad.tif", b"II*\x00\x08\x00\x00\x00garbage", "not a readable image", id="corrupt-tiff"),
    ],
)
def test_unreadable_file_is_rejected_with_reason_and_untouched(tmp_path, name, content, reason):
    folder = tmp_path / "berkas-1"
    img(folder / "page1.png")
    bad = folder / name
    bad.write_bytes(content)
    before = digest(bad)
    bundle = ingest.list_pages(ingest.discover([tmp_path]).bundles[0], SETTINGS)  # drop folder
    assert len(bundle.pages) == 1
    assert [r.source for r in bundle.rejected] == [f"berkas-1/{name}"]
    assert bundle.rejected[0].reason.startswith(reason), bundle.rejected[0].reason
    assert digest(bad) == before


def test_folder_input_rule(tmp_path):
    """A folder given as INPUT is one bundle when it has a manifest.json or only page images."""
    images = tmp_path / "images"
    img(images / "1.jpg")
    with_manifest = tmp_path / "with-manifest"
    img(with_manifest / "1.pdf")
    (with_manifest / "manifest.json").write_text("{}")
    pdfs = tmp_path / "pdfs"
    img(pdfs / "x.pdf")
    img(pdfs / "y.pdf")
    assert ingest.is_bundle_folder(images) and ingest.is_bundle_folder(with_manifest)
    assert not ingest.is_bundle_folder(pdfs)
    assert [b.bundle_id for b in ingest.discover([pdfs]).bundles] == ["x", "y"]
    assert [b.bundle_id for b in ingest.discover([pdfs], folder_is_bundle=True).bundles] == ["pdfs"]


def test_truncated_jpeg_rejected(tmp_path):
    good = img(tmp_path / "full.jpg", size=(600, 800))
    data = good.read_bytes()
    folder = tmp_path / "berkas-2"
    folder.mkdir()
    (folder / "page1.jpg").write_bytes(data[: len(data) // 3])
    bundle = ingest.list_pages(ingest.discover([folder]).bundles[0], SETTINGS)
    assert bundle.pages == [] and bundle.rejected[0].reason.startswith("damaged image")


@pytest.mark.parametrize(
    "manifest, problem",
    [
        pytest.param("{not json", "not valid JSON", id="invalid-json"),
        pytest.param('["BUP"]', "not a JSON object", id="wrong-type"),
        pytest.param('{"jenis": "PENSIUN_LAIN"}', "not a known case type", id="unknown-jenis"),
        pytest.param('{"nip": "19770515A00801 1 002"}', "not a 9- or 18-digit", id="nip-with-letters"),
    ],
)
def test_bad_manifest_is_reported_not_fatal(tmp_path, manifest, problem):
    img(tmp_path / "x.pdf")
    (tmp_path / "x.json").write_text(manifest)
    bundle = ingest.discover([tmp_path / "x.pdf"]).bundles[0]
    assert any(problem in p for p in bundle.manifest_problems)
    assert "jenis" not in bundle.manifest and "nip" not in bundle.manifest


def test_symlink_outside_drop_folder_rejected(tmp_path):
    outside = img(tmp_path / "outside" / "secret.pdf")
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "link.pdf").symlink_to(outside)
    batch = ingest.discover([drop])
    assert batch.bundles == []
    assert batch.rejected[0].reason == "link points outside the drop folder"


def test_sha256_is_of_files_in_page_order(tmp_path):
    folder = tmp_path / "b"
    p1, p2 = img(folder / "p1.png"), img(folder / "p2.png", size=(100, 100))
    bundle = ingest.list_pages(ingest.discover([folder]).bundles[0], SETTINGS)
    assert bundle.sha256 == hashlib.sha256(p1.read_bytes() + p2.read_bytes()).hexdigest()


def test_done_marker_is_not_a_rejected_file(tmp_path):
    img(tmp_path / "a.pdf")
    (tmp_path / "a.pdf.done").write_text("")
    (tmp_path / "stray.done").write_text("")  # a marker of nothing is still reported
    batch = ingest.discover([tmp_path])
    assert [b.bundle_id for b in batch.bundles] == ["a"]
    assert [r.source for r in batch.rejected] == ["stray.done"]

"""Bad input: every kind of file a scanner station (or a careless or hostile operator) can drop.

Each bad file gets a clear reason in ``rejected`` (or a clear CLI error), the rest of its bundle and
of the batch is processed, and the scanner's files come out byte for byte the same. The unit tests
run ingest, raster and the report writer directly (no Prefect, no OCR); the one slow test runs a
real ``berkas process`` over the whole corpus at once and also scans its log for identity numbers.

The corpus is generated here (tests/badfiles.py), never committed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flows import cli
from pipeline import ingest, pdf, raster
from pipeline.analyse import analyse_bundle
from pipeline.dropfolder import Watcher
from pipeline.models import Bundle, PageRef
from pipeline.page import process_page
from pipeline.report import bundle_dir, safe_dirname, sweep_temp, write_bundle_report
from pipeline.settings import load_settings
from tests import badfiles as bf

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = load_settings()
IDENTITY_NUMBER = re.compile(r"(?<!\d)\d{16}(?!\d)|(?<!\d)\d{18}(?!\d)")


def listed(folder: Path, settings=SETTINGS) -> Bundle:
    """The one bundle discovered at ``folder`` (a drop folder holding it), with its pages listed."""
    batch = ingest.discover([folder.parent])
    (bundle,) = [b for b in batch.bundles if b.bundle_id == folder.name]
    return ingest.list_pages(bundle, settings)


# name, how to make it, start of the reason
BAD_FILES = [
    ("kosong.pdf", lambda p: p.write_bytes(b""), "empty file (0 bytes)"),
    ("teks.pdf", lambda p: p.write_text("ini surat biasa, bukan PDF\n"), "not a PDF (no %PDF header)"),
    ("kepala-saja.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<"), "unreadable PDF (damaged or truncated)"),
    ("terpotong.pdf", bf.truncated_pdf, "unreadable PDF (damaged or truncated)"),
    ("sandi.pdf", bf.encrypted_pdf, "encrypted PDF (password required)"),
    ("nol-halaman.pdf", bf.zero_page_pdf, "PDF has no pages"),
    ("rusak.tif", lambda p: p.write_bytes(b"II*\x00\x08\x00\x00\x00garbage"), "not a readable image"),
    ("rusak.jpg", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0garbage"), "damaged image"),
    ("eps-menyamar.png", lambda p: p.write_bytes(bf.EPS), "not a readable image (JPEG, PNG or TIFF)"),
    ("bom.png", bf.bomb_png, "image has too many pixels (3600 million; limit 150 million"),
    ("2000-halaman.pdf", lambda p: bf.many_page_pdf(p, 2000), "too many pages (2000; limit 500 per bundle"),
]


@pytest.mark.parametrize("name, make, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_rejected_with_reason_rest_of_bundle_kept_file_untouched(tmp_path, name, make, reason):
    folder = tmp_path / "drop" / "berkas-1"
    bf.text_image(folder / "page1.png", ["SURAT PENGANTAR"], size=(300, 400))
    make(folder / name)
    before = bf.file_hashes(tmp_path / "drop")
    bundle = listed(folder)
    assert [p.source for p in bundle.pages] == ["berkas-1/page1.png"]
    assert [r.source for r in bundle.rejected] == [f"berkas-1/{name}"]
    assert bundle.rejected[0].reason.startswith(reason), bundle.rejected[0].reason
    assert bf.file_hashes(tmp_path / "drop") == before


def test_zero_page_pdf_is_not_called_encrypted_after_an_encrypted_one(tmp_path):
    """PDFium's last-error code is stale after some failures: the reason is checked on the file."""
    locked, empty = bf.encrypted_pdf(tmp_path / "a.pdf"), bf.zero_page_pdf(tmp_path / "b.pdf")
    for path, reason in ((locked, "encrypted"), (empty, "PDF has no pages"), (locked, "encrypted")):
        with pytest.raises(pdf.PdfError, match=reason):
            pdf.inspect(path)


def test_owner_password_only_pdf_is_read(tmp_path):
    """Print/copy restrictions (an owner password, no user password) do not stop reading."""
    bf.encrypted_pdf(tmp_path / "drop" / "dibatasi.pdf", user_password="")
    bundle = ingest.list_pages(ingest.discover([tmp_path / "drop"]).bundles[0], SETTINGS)
    assert len(bundle.pages) == 1 and bundle.rejected == []
    page = raster.load(bundle.pages[0], SETTINGS)
    assert page.text is not None and "KEPUTUSAN" in page.text.text


def test_pdf_with_javascript_and_embedded_file_is_read_and_noted(tmp_path):
    path = bf.javascript_pdf(tmp_path / "drop" / "aktif.pdf")
    before = bf.file_hashes(tmp_path / "drop")
    bundle = ingest.list_pages(ingest.discover([tmp_path / "drop"]).bundles[0], SETTINGS)
    assert len(bundle.pages) == 1 and bundle.rejected == []
    (note,) = bundle.notes
    assert note.source == "aktif.pdf"
    assert "JavaScript" in note.reason and "embedded files (1)" in note.reason and "never run" in note.reason
    page = raster.load(bundle.pages[0], SETTINGS)  # the page is read as text, nothing is run
    assert "HUKUMAN DISIPLIN" in page.text.text
    assert bf.file_hashes(tmp_path / "drop") == before and path.exists()


def test_pixel_limit_is_checked_on_every_tiff_frame(tmp_path):
    small = dataclasses.replace(SETTINGS, max_image_pixels=10_000_000)
    folder = tmp_path / "drop" / "berkas-2"
    bf.text_image(folder / "page1.png", ["SURAT"], size=(300, 400))
    bf.tiff_with_big_second_frame(folder / "page2.tif", (5000, 5000))  # 25 million pixels on page 2
    bundle = listed(folder, small)
    assert [r.reason.split(" (")[0] for r in bundle.rejected] == ["image has too many pixels"]


def test_pixel_limits_on_pdf_pages_embedded_images_and_resampling(tmp_path):
    """Mixed page sizes: ordinary and tiny pages load; a huge page, a huge embedded image and a
    strip that would grow past the limit at 300 dpi are refused before anything big is made."""
    sizes = [(595, 842), (842, 595), (72, 72), (7, 7), (14400, 14400)]  # the last one a blank "scan"
    mixed = bf.text_pdf(tmp_path / "campur.pdf", [bf.SK_LINES] * 4 + [[]], sizes)
    loaded = [raster.load(PageRef("b", i, mixed, "campur.pdf", i, "pdf"), SETTINGS) for i in range(1, 5)]
    assert [p.image.shape[1] > 0 for p in loaded] == [True] * 4
    with pytest.raises(raster.RasterError, match=r"PDF page \(200×200 in at \d+ dpi\) has too many pixels"):
        raster.load(PageRef("b", 5, mixed, "campur.pdf", 5, "pdf"), SETTINGS)
    embedded = bf.big_image_pdf(tmp_path / "gambar-besar.pdf", 20000)
    with pytest.raises(raster.RasterError, match="image embedded in the PDF page has too many pixels"):
        raster.load(PageRef("b", 1, embedded, "gambar-besar.pdf", 1, "pdf"), SETTINGS)
    strip = bf.blank_png(tmp_path / "strip.png", (40000, 3))  # no dpi: read as a 0.4-dpi scan
    with pytest.raises(raster.RasterError, match="page at 300 dpi"):
        raster.load(PageRef("b", 1, strip, "strip.png", 1, "image"), SETTINGS)


@pytest.mark.parametrize("size", [(1, 1), (3, 2000), (2000, 3), (60, 40)], ids=str)
def test_degenerate_page_sizes_never_raise(tmp_path, size):
    """Whatever the page, process_page returns a result (an error page at worst), never raises."""
    path = bf.blank_png(tmp_path / "p.png", size)
    result = process_page(PageRef("b", 1, path, "p.png", 1, "image"), SETTINGS, tmp_path / "pages")
    assert result.classification.doc_type in ("BLANK", "UNKNOWN", "PAS_FOTO")


def test_hidden_files_are_reported_litter_and_markers_are_not(tmp_path):
    drop = tmp_path / "drop"
    bf.text_pdf(drop / "a.pdf", [bf.SK_LINES])
    (drop / "a.pdf.done").write_text("")
    for litter in (".DS_Store", "Thumbs.db", "desktop.ini", "._a.pdf"):
        (drop / litter).write_bytes(b"x")
    (drop / ".sedang-discan.pdf").write_bytes(b"%PDF-1.4 partial")
    (drop / ".Trash-1000").mkdir()
    folder = drop / "b"
    bf.text_image(folder / "1.png", ["SURAT"], size=(300, 400))
    for name in (".done", ".DS_Store", "._1.png"):
        (folder / name).write_bytes(b"x")
    (folder / ".2.png").write_bytes((folder / "1.png").read_bytes())
    batch = ingest.discover([drop])
    assert sorted((r.source, r.reason) for r in batch.rejected) == [
        (".Trash-1000", "hidden folder ignored"),
        (".sedang-discan.pdf", "hidden file ignored"),
    ]
    b = next(b for b in batch.bundles if b.bundle_id == "b")
    assert [(r.source, r.reason) for r in b.rejected] == [("b/.2.png", "hidden file ignored")]
    assert [p.name for p in b.files] == ["1.png"]


def test_links_pipes_and_broken_links(tmp_path):
    outside = bf.text_pdf(tmp_path / "rahasia" / "lain.pdf", [bf.SK_LINES])
    drop = tmp_path / "drop"
    folder = drop / "c"
    bf.text_image(folder / "1.png", ["SURAT"], size=(300, 400))
    (folder / "2.pdf").symlink_to(outside)
    (folder / "3.pdf").symlink_to(folder / "hilang.pdf")
    os.mkfifo(folder / "4.pdf")
    (drop / "keluar.pdf").symlink_to(outside)
    (drop / "folder-keluar").symlink_to(outside.parent)
    os.mkfifo(drop / "pipa.pdf")
    (drop / "dalam.pdf").symlink_to(bf.text_pdf(drop / "asli.pdf", [bf.SK_LINES]))  # inside: fine
    batch = ingest.discover([drop])
    assert sorted((r.source, r.reason) for r in batch.rejected) == [
        ("folder-keluar", "link points outside the drop folder"),
        ("keluar.pdf", "link points outside the drop folder"),
        ("pipa.pdf", "not a regular file (pipe, socket or device)"),
    ]
    c = next(b for b in batch.bundles if b.bundle_id == "c")
    assert sorted((r.source.split("/")[-1], r.reason) for r in c.rejected) == [
        ("2.pdf", "link points outside the bundle folder"),
        ("3.pdf", "broken link (its target does not exist)"),
        ("4.pdf", "not a regular file (pipe, socket or device)"),
    ]
    assert {b.bundle_id for b in batch.bundles} == {"asli", "c", "dalam"}
    # berkas watch never takes a link out of the drop folder either (it would archive the link)
    watcher = Watcher(drop, settle_seconds=0)
    watcher.ready(now=0)
    assert "keluar.pdf" not in [p.name for p in watcher.ready(now=1)]


def test_odd_names_get_distinct_output_folders_inside_outdir(tmp_path):
    drop, out = tmp_path / "drop", tmp_path / "out"
    names = [
        "nama dengan spasi.pdf",
        "nama_dengan_spasi.pdf",  # would meet the one above after sanitising
        "ünïcödé – Ärzte 日本.pdf",
        "a..b.pdf",
        "x" * 200 + "1.pdf",
        "x" * 200 + "2.pdf",  # same first 120 characters
        "dobel.pdf",
        "dobel.tif",  # same stem as the PDF
        "<img src=x onerror=alert(1)>.pdf",
    ]
    for name in names:
        if name.endswith(".tif"):
            bf.blank_png(drop / "tmp.png", (100, 140)).rename(drop / name)
        else:
            bf.text_pdf(drop / name, [bf.SK_LINES])
    bf.text_image(drop / "dobel" / "1.png", ["SURAT"], size=(300, 400))  # and a folder of that name
    batch = ingest.discover([drop])
    assert batch.rejected == []
    ids = [b.bundle_id for b in batch.bundles]
    folders = [bundle_dir(out, i) for i in ids]
    assert len(ids) == len(names) + 1 and len({f.name.lower() for f in folders}) == len(ids)
    assert all(f.parent == out.resolve() and len(f.name) <= 130 for f in folders)
    assert {"dobel", "dobel.pdf", "dobel.tif"} <= set(ids)  # the folder came first in name order
    assert ingest.discover([drop]).bundles[3].bundle_id == batch.bundles[3].bundle_id  # stable


@pytest.mark.parametrize(
    "bundle_id",
    ["..", ".", "../../etc", "/etc/passwd", "a/../../b", "..\\..\\x", "~root", "a\x00b", "-" * 300, "CON", ""],
)
def test_no_bundle_id_writes_outside_outdir(tmp_path, bundle_id):
    out = tmp_path / "out"
    folder = bundle_dir(out, bundle_id)
    assert folder.parent == out.resolve() and "/" not in safe_dirname(bundle_id)
    assert not safe_dirname(bundle_id).startswith(".")


def test_manifest_values_cannot_steer_writes_outside_outdir(tmp_path):
    out = tmp_path / "box" / "out"
    manifest = {
        "bundle_id": "../../lolos",
        "checklist_profile": "../../../etc/passwd",
        "instansi": "../../lolos",
        "output": "/tmp/lolos",
        "jenis": "BUP",
    }
    bundle = Bundle(bundle_id="../../lolos", root=tmp_path, files=[], manifest=manifest)
    written = write_bundle_report(out, analyse_bundle(bundle, []))
    everything = {p for p in (tmp_path / "box").rglob("*")}
    assert written.parent == out.resolve()
    assert all(out.resolve() in p.resolve().parents or p.resolve() == out.resolve() for p in everything)


MANIFESTS = [
    ("{not json", "manifest is not valid JSON (Expecting property name enclosed in double quotes at line 1"),
    ("", "manifest is not valid JSON (Expecting value at line 1 column 1)"),
    ('["BUP"]', "manifest is not a JSON object (it is a list)"),
    ('{"jenis": 5}', "manifest 'jenis' must be text, not number"),
    ('{"jenis": "PENSIUN_LAIN"}', "manifest 'jenis' 'PENSIUN_LAIN' is not a known case type (BUP, APS"),
    ('{"nip": "19770515A00801 1 002"}', "manifest 'nip' is not a 9- or 18-digit number"),
    ('{"nip": 197705152008011002}', "manifest 'nip' must be text, not number"),
    ('{"nip": "١٩٧٧٠٥١٥٢٠٠٨٠١١٠٠٢"}', "manifest 'nip' is not a 9- or 18-digit number"),  # Arabic digits
    ('{"instansi": {"nama": "Blora"}}', "manifest key 'instansi' has an unsupported type (object)"),
    ('{"tahun": NaN}', "manifest is not valid JSON (NaN is not a JSON value)"),
    ('{"tahun": 1e999}', "manifest key 'tahun' is not a finite number"),
    ("[" * 100_000, "manifest is not valid JSON (nested too deeply)"),
    (b"\xff\xfe{\x00}\x00", "manifest is not valid JSON (not UTF-8 text)"),
    ('{"x": "' + "a" * (1 << 20) + '"}', "manifest too large"),
]


@pytest.mark.parametrize("content, reason", MANIFESTS, ids=[r[1][:40] for r in MANIFESTS])
def test_bad_manifest_is_a_rejected_entry_and_the_bundle_still_goes(tmp_path, content, reason):
    drop = tmp_path / "drop"
    bf.text_pdf(drop / "x.pdf", [bf.SK_LINES])
    path = drop / "x.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = bf.file_hashes(drop)
    bundle = ingest.list_pages(ingest.discover([drop]).bundles[0], SETTINGS)
    assert len(bundle.pages) == 1
    assert [r.source for r in bundle.rejected] == ["x.json"]
    assert bundle.rejected[0].reason.startswith(reason), bundle.rejected[0].reason
    assert bundle.rejected[0].reason.endswith("ignored")
    assert bundle.manifest_problems == [bundle.rejected[0].reason]
    assert not IDENTITY_NUMBER.search(bundle.rejected[0].reason)
    assert bf.file_hashes(drop) == before


def test_manifest_keeps_its_good_keys_and_accepts_a_byte_order_mark(tmp_path):
    bf.text_pdf(tmp_path / "x.pdf", [bf.SK_LINES])
    text = json.dumps({"jenis": "aps", "nip": "19770515 200801 1 002", "instansi": "Blora", "jumlah": [1]})
    (tmp_path / "x.json").write_bytes(b"\xef\xbb\xbf" + text.encode())
    bundle = ingest.discover([tmp_path / "x.pdf"]).bundles[0]
    assert bundle.manifest == {"jenis": "APS", "nip": bf.NIP, "instansi": "Blora"}
    assert [r.reason for r in bundle.rejected] == ["manifest key 'jumlah' has an unsupported type (list); ignored"]


def test_stale_temp_files_of_dead_writers_are_swept_live_ones_kept(tmp_path):
    folder = tmp_path / "out" / "b"
    folder.mkdir(parents=True)
    dead = folder / ".report.json.999999999.abcd.tmp"
    live = folder / f".report.json.{os.getppid()}.efgh.tmp"
    dead.write_text("{half")
    live.write_text("{busy")
    (folder / "pages").mkdir()
    (folder / "pages" / ".p001.jpg.tmp.jpg").write_bytes(b"half")
    assert sweep_temp(folder) == 1 and not dead.exists() and live.exists()
    dead.write_text("{half")
    write_bundle_report(tmp_path / "out", analyse_bundle(Bundle("b", tmp_path, []), []))
    assert sorted(p.name for p in folder.rglob("*")) == [live.name, "pages", "report.html", "report.json"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["process", "{drop}", "--out", "{drop}"], "sama dengan atau ada di dalam folder input"),
        (["process", "{drop}", "--out", "{drop}/laporan"], "sama dengan atau ada di dalam folder input"),
        (["process", "{drop}/tidak-ada", "--out", "{out}"], "input tidak ada"),
        (["process", "{drop}", "--out", "{drop}/a.pdf"], "bukan folder"),
        (["watch", "{drop}", "--out", "{drop}/laporan"], "ada di dalam folder drop"),
    ],
)
def test_bad_command_line_is_a_clear_error(tmp_path, capsys, argv, message):
    drop = tmp_path / "drop"
    bf.text_pdf(drop / "a.pdf", [bf.SK_LINES])
    before = bf.all_names(drop)
    code = cli.main([a.format(drop=drop, out=tmp_path / "out") for a in argv])
    assert code == 2 and message in capsys.readouterr().err
    assert bf.all_names(drop) == before


@pytest.mark.parametrize(
    "argv, message",
    [
        (["process", "x", "--out", "o", "--workers", "0"], "harus bilangan bulat >= 1"),
        (["process", "x", "--out", "o", "--workers", "dua"], "harus bilangan bulat >= 1"),
        (["process", "x", "--out", "o", "--jenis", "PENSIUN_LAIN"], "invalid choice"),
        (["process", "x"], "--out"),
        (["proses", "x"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_usage(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_settings_override_file(tmp_path, monkeypatch):
    """BERKAS_SETTINGS: a site's limits on top of settings.yaml, the rest unchanged."""
    override = tmp_path / "situs.yaml"
    override.write_text("limits:\n  max_pages_per_bundle: 50\nocr:\n  timeout_seconds: 20\n")
    monkeypatch.setenv("BERKAS_SETTINGS", str(override))
    load_settings.cache_clear()
    try:
        site = load_settings()
    finally:
        monkeypatch.delenv("BERKAS_SETTINGS")
        load_settings.cache_clear()
    assert (site.max_pages_per_bundle, site.timeout_seconds) == (50, 20.0)
    assert dataclasses.replace(site, max_pages_per_bundle=500, timeout_seconds=180.0) == load_settings()


# --- one real batch over the whole corpus ------------------------------------------------------


def make_corpus(drop: Path, outside: Path) -> dict[str, str]:
    """Every bad input in one drop folder, beside good bundles; returns bundle -> what it holds."""
    bf.text_pdf(drop / f"{bf.NIP}.pdf", [bf.SK_LINES, ["DAFTAR RIWAYAT PEKERJAAN", f"NIP {bf.NIP}"]])
    (drop / f"{bf.NIP}.json").write_text(
        json.dumps(
            {
                "jenis": "BUP",
                "nip": bf.NIP,
                "instansi": "<script>alert(1)</script>",
                "checklist_profile": "../../../../etc/passwd",
                "bundle_id": "../../lolos",
            }
        )
    )
    mixed = drop / "campur"
    (mixed / "manifest.json").parent.mkdir(parents=True)
    (mixed / "manifest.json").write_text('{"jenis": "BUP", "nip": "1977O515 2008O1 1 002"')  # cut off
    bf.text_image(mixed / "01-pengantar.png", ["SURAT PENGANTAR", "Nomor 800/123/2024"], size=(600, 800), dpi=100)
    sizes = [(595, 842), (842, 595), (72, 72), (14400, 14400)]
    bf.text_pdf(mixed / "02-ukuran-campur.pdf", [bf.SK_LINES] * 3 + [[]], sizes)  # last: a blank 200-inch scan
    bf.javascript_pdf(mixed / "03-javascript.pdf")
    for name, make, _reason in BAD_FILES:
        if name != "2000-halaman.pdf":
            make(mixed / name)
    (mixed / ".tersembunyi.jpg").write_bytes(b"\xff\xd8")
    (mixed / ".DS_Store").write_bytes(b"x")
    (mixed / "Thumbs.db").write_bytes(b"x")
    (mixed / "keluar.pdf").symlink_to(bf.text_pdf(outside / "lain.pdf", [bf.SK_LINES]))
    os.mkfifo(mixed / "pipa.pdf")
    bf.many_page_pdf(drop / "2000-halaman.pdf", 2000)
    bf.text_pdf(drop / f"{bf.NIK} spasi ünïcödé.pdf", [["KARTU TANDA PENDUDUK", f"NIK {bf.NIK}"]])
    bf.text_pdf(drop / "<img src=x onerror=alert(1)>.pdf", [["<script>alert(1)</script> SURAT PERNYATAAN"] * 5])
    bf.text_pdf(drop / ("x" * 200 + ".pdf"), [bf.SK_LINES])
    bf.text_pdf(drop / "a..b.pdf", [bf.SK_LINES])
    bf.text_pdf(drop / "dobel.pdf", [bf.SK_LINES])
    bf.text_image(drop / "dobel.tif", ["SURAT"], size=(300, 400))
    (drop / "dobel.json").write_text('{"jenis": "PENSIUN_LAIN", "tahun": NaN}')
    (drop / "dobel.pdf.done").write_text("")
    (drop / "yatim.json").write_text("{}")
    (drop / "catatan.txt").write_text(f"NIP {bf.NIP}")
    (drop / ".sementara.pdf").write_bytes(b"%PDF")
    (drop / ".DS_Store").write_bytes(b"x")
    (drop / "tautan-keluar.pdf").symlink_to(outside / "lain.pdf")
    os.mkfifo(drop / "pipa.tif")
    return {}


@pytest.mark.slow
def test_whole_bad_corpus_in_one_real_batch(tmp_path):
    drop, out, outside = tmp_path / "drop", tmp_path / "out", tmp_path / "luar"
    make_corpus(drop, outside)
    hashes, names = bf.file_hashes(drop), bf.all_names(drop)
    outside_before = bf.all_names(tmp_path)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "process", str(drop), "--out", str(out), "--verbose"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]

    # the scanner's files: none changed, none added or removed
    assert bf.file_hashes(drop) == hashes and bf.all_names(drop) == names
    # nothing written anywhere but OUTDIR (and Prefect's home)
    new = {n for n in bf.all_names(tmp_path) - outside_before if not n.startswith(("out", "prefect"))}
    assert new == set()
    # identity numbers stay out of the log though file names and manifests carry them
    assert not IDENTITY_NUMBER.search(log), IDENTITY_NUMBER.findall(log)

    summary = json.loads((out / "summary.json").read_text())
    ids = sorted(b["bundle_id"] for b in summary["bundles"])
    assert len(ids) == 9 and len({safe_dirname(i) for i in ids}) == 9
    assert sorted((r["source"], r["reason"]) for r in summary["rejected"]) == [
        (".sementara.pdf", "hidden file ignored"),
        ("catatan.txt", "not a supported format (.txt)"),
        ("pipa.tif", "not a regular file (pipe, socket or device)"),
        ("tautan-keluar.pdf", "link points outside the drop folder"),
        ("yatim.json", "manifest without a bundle"),
    ]
    reports = {i: json.loads((out / safe_dirname(i) / "report.json").read_text()) for i in ids}
    for i, report in reports.items():  # every bundle: a complete report, html beside it
        assert {"bundle_id", "status", "pages", "documents", "checklist", "findings", "rejected"} <= set(report)
        html = (out / safe_dirname(i) / "report.html").read_text()
        assert "<script>alert(1)" not in html and "<img src=x" not in html, i

    campur = {r["source"].split("/")[-1]: r["reason"] for r in reports["campur"]["rejected"]}
    want = {name: reason for name, _m, reason in BAD_FILES if name != "2000-halaman.pdf"}
    want |= {
        "manifest.json": "manifest is not valid JSON",
        ".tersembunyi.jpg": "hidden file ignored",
        "keluar.pdf": "link points outside the bundle folder",
        "pipa.pdf": "not a regular file",
    }
    assert sorted(campur) == sorted(want)
    assert all(campur[k].startswith(v) for k, v in want.items()), campur
    pages = reports["campur"]["pages"]
    assert len(pages) == 1 + 4 + 1  # the image, the four mixed-size pages, the JavaScript PDF's page
    assert [p.get("error", "")[:8] for p in pages if p.get("error")] == ["PDF page"]  # the 200-inch page
    assert reports["campur"]["notes"][0]["source"] == "campur/03-javascript.pdf"
    big = reports["2000-halaman"]
    assert big["pages"] == [] and big["rejected"][0]["reason"].startswith("too many pages (2000; limit 500")
    dobel = [r for i, r in reports.items() if i.startswith("dobel")]
    assert len(dobel) == 2 and all(r["rejected"] for r in dobel)  # both meet dobel.json's problems
    assert reports[bf.NIP]["case_type"] == "BUP" and reports[bf.NIP]["manifest"]["instansi"].startswith("<script>")

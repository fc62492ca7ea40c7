"""Drop-folder logic on real files (no OCR): completeness, repeats, archiving without loss."""

from __future__ import annotations

import hashlib
import os

from pipeline.dropfolder import Ledger, Watcher, archive, bundle_sha256, keep_previous_report


def write(path, data=b"%PDF-1.4 x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_bundle_still_being_written_is_not_taken_until_it_settles(tmp_path):
    drop = tmp_path / "drop"
    pdf = write(drop / "a.pdf")
    w = Watcher(drop, settle_seconds=10)
    assert w.ready(now=1000) == []  # first look
    with pdf.open("ab") as fh:  # the scanner is still writing
        fh.write(b"more pages")
    assert w.ready(now=1011) == []  # changed since the last look: wait again
    assert w.ready(now=1015) == []  # unchanged, but not for 10 s yet
    assert w.ready(now=1022) == [pdf]


def test_done_marker_makes_a_bundle_ready_at_once(tmp_path):
    drop = tmp_path / "drop"
    folder = drop / "b"
    write(folder / "page1.jpg", b"\xff\xd8")
    w = Watcher(drop, settle_seconds=600)
    assert w.ready(now=0) == []
    (folder / ".done").write_text("")
    assert w.ready(now=1) == [folder]


def test_same_bytes_twice_are_recognised(tmp_path):
    a = write(tmp_path / "drop" / "a.pdf", b"%PDF same bytes")
    b = write(tmp_path / "drop2" / "again.pdf", b"%PDF same bytes")
    ledger = Ledger(tmp_path / "out")
    ledger.add(bundle_sha256(a), "a", "a.pdf")
    assert Ledger(tmp_path / "out").seen(bundle_sha256(b))  # persisted, same bytes under another name


def test_archive_moves_with_companions_and_never_overwrites(tmp_path):
    drop, arch = tmp_path / "drop", tmp_path / "arsip"
    digests = []
    for round_ in range(2):
        pdf = write(drop / "a.pdf", f"%PDF round {round_}".encode())
        write(drop / "a.json", b'{"jenis": "BUP"}')
        digests.append(hashlib.sha256(pdf.read_bytes()).hexdigest())
        moved = archive(pdf, arch)
        assert len(moved) == 2 and not pdf.exists()
    archived = sorted(p for p in arch.rglob("*") if p.is_file() and p.suffix == ".pdf")
    assert len(archived) == 2
    assert sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in archived) == sorted(digests)


def test_changed_bundle_keeps_the_old_report(tmp_path):
    out = tmp_path / "out"
    write(out / "a" / "report.json", b"{}")
    kept = keep_previous_report(out, "a")
    assert kept is not None and (kept / "report.json").is_file() and not (out / "a").exists()
    assert keep_previous_report(out, "never-reported") is None
    assert os.listdir(out / ".versions" / "a")

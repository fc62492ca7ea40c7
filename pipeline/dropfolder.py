"""The scanner drop folder: which bundles are complete, which bytes were seen before, archiving.

Scanner software writes a bundle over seconds or minutes. A bundle is taken only when it is
complete: a ``<name>.done`` marker beside it (or ``.done`` inside a bundle folder), or its files'
sizes and modification times unchanged for ``settle_seconds`` across two looks. The same bytes
dropped twice are recognised by their sha256 in a ledger kept under OUTDIR and not processed
again. After its report is written, a bundle (with its manifest and marker) is moved to the
archive folder, never deleted and never overwritten: a name already in the archive gets a suffix.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest import PAGE_EXT
from pipeline.report import write_atomic

MARKER = ".done"


@dataclass
class Watcher:
    """Remembers what the drop folder looked like at the previous look."""

    drop: Path
    settle_seconds: float = 10.0
    seen: dict[str, tuple[tuple[int, int], float]] = field(default_factory=dict)  # name -> (signature, since)

    def ready(self, now: float | None = None) -> list[Path]:
        """Bundles in the drop folder that are complete now, in name order."""
        now = time.time() if now is None else now
        out = []
        for entry in sorted(self.drop.iterdir(), key=lambda p: p.name):
            if entry.name.startswith(".") or entry.suffix in (".json", MARKER):
                continue
            if entry.is_symlink() and not _inside(entry, self.drop):
                continue  # a link out of the drop folder is never taken (nor archived): ingest's rule
            if not (entry.is_dir() or entry.suffix.lower() in PAGE_EXT):
                continue
            if has_marker(entry):
                out.append(entry)
                continue
            sig = signature(entry)
            previous = self.seen.get(entry.name)
            if previous is None or previous[0] != sig:
                self.seen[entry.name] = (sig, now)
            elif now - previous[1] >= self.settle_seconds:
                out.append(entry)
        return out


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def has_marker(entry: Path) -> bool:
    return entry.with_name(entry.name + MARKER).exists() or (entry.is_dir() and (entry / MARKER).exists())


def signature(entry: Path) -> tuple[int, int]:
    """(total bytes, newest mtime in ns) of a file or of every file under a folder."""
    files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
    total, newest = 0, 0
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        total += st.st_size
        newest = max(newest, st.st_mtime_ns)
    return total, newest


def bundle_sha256(entry: Path) -> str:
    """sha256 of a bundle's bytes: the file, or the folder's files in name order (with names)."""
    digest = hashlib.sha256()
    files = [entry] if entry.is_file() else sorted(p for p in entry.rglob("*") if p.is_file())
    for f in files:
        if entry.is_dir():
            digest.update(f.relative_to(entry).as_posix().encode())
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


class Ledger:
    """sha256 -> what was made of those bytes; a JSON file under OUTDIR, written atomically."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".berkas" / "ledger.json"
        self.entries: dict[str, dict] = json.loads(self.path.read_text()) if self.path.is_file() else {}

    def seen(self, sha: str) -> bool:
        return sha in self.entries

    def entry(self, sha: str) -> dict | None:
        """What those bytes were reported as (bundle_id, source, at), if they were."""
        return self.entries.get(sha)

    def add(self, sha: str, bundle_id: str, source: str) -> None:
        self.entries[sha] = {"bundle_id": bundle_id, "source": source, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        write_atomic(self.path, json.dumps(self.entries, indent=1, ensure_ascii=False))


class ShaIndex:
    """sha256 of archived bundles, remembered by path and signature (size, newest mtime).

    Archived bundles never change (they are moved in and never written), so a nightly look at an
    archive of thousands of dossiers hashes only what arrived since the last night. A bundle whose
    signature changed anyway is hashed again. Kept as JSON under OUTDIR, written atomically.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".berkas" / "archive-sha.json"
        self.entries: dict[str, list] = json.loads(self.path.read_text()) if self.path.is_file() else {}
        self.changed = False

    def sha256(self, entry: Path) -> str:
        key = str(entry.resolve())
        sig = list(signature(entry))
        known = self.entries.get(key)
        if known and known[:2] == sig:
            return known[2]
        sha = bundle_sha256(entry)
        self.entries[key] = [*sig, sha]
        self.changed = True
        return sha

    def save(self) -> None:
        if self.changed:
            write_atomic(self.path, json.dumps(self.entries, indent=0))
            self.changed = False


def companions(entry: Path) -> list[Path]:
    """The bundle and what belongs with it: its manifest and its done marker."""
    out = [entry]
    for extra in (
        entry.with_suffix(".json") if entry.is_file() else entry.with_name(entry.name + ".json"),
        entry.with_name(entry.name + MARKER),
    ):
        if extra.exists():
            out.append(extra)
    return out


def archive(entry: Path, archive_dir: Path) -> list[Path]:
    """Move the bundle and its companions into archive_dir/<YYYY-MM-DD>/; never overwrite."""
    day = archive_dir / time.strftime("%Y-%m-%d")
    day.mkdir(parents=True, exist_ok=True)
    moved = []
    for path in companions(entry):
        target = day / path.name
        n = 1
        while target.exists():
            n += 1
            target = day / f"{path.stem}.{n}{path.suffix}" if path.is_file() else day / f"{path.name}.{n}"
        shutil.move(str(path), str(target))
        moved.append(target)
    return moved


def keep_previous_report(out_dir: Path, folder_name: str) -> Path | None:
    """A changed bundle with the same name: the old report folder moves to versions/, kept."""
    current = out_dir / folder_name
    if not (current / "report.json").is_file():
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = out_dir / ".versions" / folder_name / stamp
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(current, target)
    return target

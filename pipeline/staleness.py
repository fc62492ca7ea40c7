"""Which archived dossiers a nightly run must report again: those whose report is stale.

Every report records the versions it was made with (report.json ``pipeline``, from
pipeline/versions.py): berkas itself, Tesseract, its language and language data, the classifier
profiles, the rules and the settings. A report whose recorded versions equal the current ones would
come out the same, so it is left alone; one made with any other version, or with no report at all,
is reported again. Rerunning only those keeps a night's work proportional to what changed, and the
page cache (pipeline/pagecache.py) keeps even that cheap when only profiles or rules changed.

Which archived bundle a report belongs to: the drop folder's ledger (pipeline/dropfolder.py) maps
a bundle's sha256 to the bundle id it was reported as. So the same bytes dropped twice under two
names are one dossier (the second drop was never reported), and ``x.2.pdf`` (the archive's name for
a second ``x.pdf``) is dossier ``x``. When a bundle id was archived more than once (a corrected
bundle dropped again), only the newest version is the dossier; older ones keep their old reports
under ``.versions/``. Without a ledger (an archive filled by hand) the file or folder name is the id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.dropfolder import MARKER, Ledger, ShaIndex
from pipeline.ingest import natural_key
from pipeline.report import safe_dirname

VERSION_KEYS = ("berkas", "code", "tesseract", "tesseract_lang", "tesseract_langdata", "profiles", "rules", "settings")
NO_REPORT = "report"  # the reason given when a dossier has no readable report.json
FORCED = "forced"


@dataclass
class Dossier:
    """An archived bundle and the report it has (or should have) under OUTDIR."""

    bundle_id: str
    entry: Path
    report: Path
    stale: list[str] = field(default_factory=list)  # why it must be reported again; [] = up to date
    versions: dict[str, Any] = field(default_factory=dict)  # as recorded in its report

    @property
    def folder(self) -> str:
        return self.report.parent.name


def archived_entries(archive: Path) -> list[Path]:
    """Every bundle (file or folder) in the archive's day folders, oldest day first; manifests and
    done markers travel with their bundles and are not bundles themselves."""
    if not archive.is_dir():
        return []
    out = []
    for day in sorted(p for p in archive.iterdir() if p.is_dir()):
        for entry in sorted(day.iterdir(), key=lambda p: natural_key(p.name)):
            if entry.name.startswith(".") or entry.suffix in (".json", MARKER):
                continue
            out.append(entry)
    return out


def changed_versions(recorded: dict[str, Any] | None, current: dict[str, Any]) -> list[str]:
    """The version keys whose recorded value differs from the current one."""
    recorded = recorded or {}
    return [k for k in VERSION_KEYS if recorded.get(k) != current.get(k)]


def read_report(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def plan(archive: Path, out_dir: Path, current: dict[str, Any], force: bool = False) -> list[Dossier]:
    """One Dossier per bundle id found in the archive, each with why it is stale (if it is)."""
    ledger, shas = Ledger(out_dir), ShaIndex(out_dir)
    newest: dict[str, tuple[tuple[str, int], Path]] = {}
    for order, entry in enumerate(archived_entries(archive)):
        known = ledger.entry(shas.sha256(entry)) if ledger.entries else None
        bundle_id = known["bundle_id"] if known else (entry.stem if entry.is_file() else entry.name)
        rank = (known.get("at", "") if known else "", order)  # reported last, then archived last
        if bundle_id not in newest or rank >= newest[bundle_id][0]:
            newest[bundle_id] = (rank, entry)
    shas.save()
    dossiers = []
    for bundle_id, (_, entry) in sorted(newest.items()):
        report = out_dir / safe_dirname(bundle_id) / "report.json"
        data = read_report(report)
        recorded = data.get("pipeline") if data else None
        versions = recorded if isinstance(recorded, dict) else {}
        if force:
            stale = [FORCED]
        elif data is None:
            stale = [NO_REPORT]
        else:
            stale = changed_versions(versions, current)
        dossiers.append(Dossier(bundle_id, entry, report, stale, versions))
    return dossiers

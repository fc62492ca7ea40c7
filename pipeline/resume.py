"""Resume a batch: a bundle whose report of the very same input is on disk is not processed again.

A run killed half-way (SIGKILL, power cut, a reboot of the scanner station's PC) is simply run
again: bundles reported before the kill keep their report, the rest are processed. "The same
input" is everything that shapes a report, hashed into the report's ``input_key``: the bundle's
bytes and file names, its manifest, the rejections ingest made, ``--jenis``, the settings in force
and the versions of berkas, Tesseract, its language data, the profiles and the rules. Change any
of them (a rescanned page, a new rule) and the bundle is processed again; ``--force`` always does.

Only a report.json that parses and carries the key counts: report.json is written last and
atomically (pipeline/report.py), so its presence means the bundle's report is complete.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline import versions
from pipeline.models import Bundle
from pipeline.report import safe_dirname
from pipeline.settings import Settings


def input_key(bundle: Bundle, jenis: str | None, settings: Settings) -> str:
    """sha256 over everything a bundle's report is made from (after ingest.list_pages)."""
    payload: dict[str, Any] = {
        "bundle_id": bundle.bundle_id,
        "sha256": bundle.sha256,
        "sources": bundle.sources,
        "manifest": bundle.manifest,
        "manifest_problems": bundle.manifest_problems,
        "rejected": [[r.source, r.reason] for r in bundle.rejected],
        "jenis": jenis,
        "settings": dataclasses.asdict(settings),
        "versions": versions.pipeline_versions(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def previous_report(out_dir: Path, bundle: Bundle, key: str) -> dict[str, Any] | None:
    """The bundle's complete report from an earlier run of the same input, or None."""
    folder = out_dir / safe_dirname(bundle.bundle_id)
    if not (folder / "report.html").is_file():
        return None
    try:
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict) or report.get("input_key") != key or report.get("bundle_id") != bundle.bundle_id:
        return None
    return report

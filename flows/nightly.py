"""Nightly reprocessing: re-run archived dossiers so reports follow changed rules and profiles.

Scheduled by the ``nightly-reprocess`` deployment in prefect.yaml. The archive holds one folder
per day (pipeline/dropfolder.py); every bundle in it is listed as its own input, so a folder of
PDF pages stays one bundle. Each report records the versions of pipeline, Tesseract, language
data, profiles and rules it was made with (report.json ``pipeline``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow

from flows.intake import process_batch
from pipeline.dropfolder import MARKER


def archived_bundles(archive: Path) -> list[str]:
    """Every bundle (file or folder) in the archive's day folders; manifests travel with them."""
    out = []
    for day in sorted(p for p in archive.iterdir() if p.is_dir()):
        for entry in sorted(day.iterdir()):
            if entry.name.startswith(".") or entry.suffix in (".json", MARKER):
                continue
            out.append(str(entry))
    return out


@flow(name="berkas-nightly-reprocess")
def reprocess(archive: str, out: str) -> dict[str, Any]:
    bundles = archived_bundles(Path(archive))
    if not bundles:
        return {"bundles": [], "pages": 0}
    return process_batch(inputs=bundles, out=out, folder_is_bundle=True)

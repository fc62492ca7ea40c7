"""Write the kelengkapan report: report.json (the contract), report.html (people), summary.json.

Every file is written to a temporary name in the same folder and renamed into place, so a
reader (or a run killed half-way) never sees a half-written report. Output folder names are
derived from bundle ids but sanitised, so no bundle id can write outside OUTDIR.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.report_html import render_report_html

MAX_NAME = 120


def safe_dirname(bundle_id: str) -> str:
    """A folder name for a bundle: no separators, no leading dots, bounded length."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", bundle_id).lstrip(".")
    return (name or "bundle")[:MAX_NAME]


def bundle_dir(out_dir: Path, bundle_id: str) -> Path:
    path = (out_dir / safe_dirname(bundle_id)).resolve()
    if path.parent != out_dir.resolve():
        raise ValueError("bundle output folder escapes OUTDIR")
    return path


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bundle_report(out_dir: Path, report: dict[str, Any]) -> Path:
    folder = bundle_dir(out_dir, report["bundle_id"])
    write_atomic(folder / "report.html", render_report_html(report))
    write_atomic(folder / "report.json", json.dumps(report, ensure_ascii=False, indent=2))
    return folder


def summarise(reports: list[dict[str, Any]], rejected: list[dict[str, str]], seconds: float) -> dict[str, Any]:
    pages = sum(len(r["pages"]) for r in reports)
    return {
        "schema_version": "1",
        "bundles": [
            {
                "bundle_id": r["bundle_id"],
                "report": f"{safe_dirname(r['bundle_id'])}/report.json",
                "html": f"{safe_dirname(r['bundle_id'])}/report.html",
                "case_type": r["case_type"],
                "status": r["status"],
                "pages": len(r["pages"]),
                "documents": len(r["documents"]),
                "findings": dict(Counter(f["code"] for f in r["findings"])),
                "rejected": len(r["rejected"]),
            }
            for r in reports
        ],
        "status_counts": dict(Counter(r["status"] for r in reports)),
        "pages": pages,
        "seconds": round(seconds, 1),
        "pages_per_minute": round(pages / seconds * 60, 1) if seconds > 0 else None,
        "rejected": rejected,
    }


def write_summary(out_dir: Path, summary: dict[str, Any]) -> Path:
    path = out_dir / "summary.json"
    write_atomic(path, json.dumps(summary, ensure_ascii=False, indent=2))
    return path

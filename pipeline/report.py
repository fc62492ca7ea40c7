"""Write the kelengkapan report: report.json (the contract), report.html (people), summary.json.

Every file is written to a temporary name in the same folder and renamed into place, so a
reader (or a run killed half-way) never sees a half-written report; the temporary files a killed
run leaves behind are swept by the next write into that folder. Output folder names are derived
from bundle ids but sanitised, so no bundle id can write outside OUTDIR.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.models import Bundle, PageResult
from pipeline.report_html import render_report_html

MAX_NAME = 120


def safe_dirname(bundle_id: str) -> str:
    """A folder name for a bundle: no separators, no leading dots, bounded length, ASCII.

    An id that had to be changed (spaces, unicode, ``..``, over MAX_NAME characters) gets a
    short hash of the id itself appended, so two ids never meet in one folder (``a b`` and
    ``a_b``, or two long names with the same first 120 characters) across batches either.
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", bundle_id).lstrip(".")
    if name and name == bundle_id and len(name) <= MAX_NAME:
        return name
    tag = hashlib.sha256(bundle_id.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{(name or 'bundle')[:MAX_NAME]}-{tag}"


def bundle_dir(out_dir: Path, bundle_id: str) -> Path:
    path = (out_dir / safe_dirname(bundle_id)).resolve()
    if path.parent != out_dir.resolve():
        raise ValueError("bundle output folder escapes OUTDIR")
    return path


_TMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")  # .<name>.<pid>.<random>.tmp (write_atomic)


def sweep_temp(folder: Path) -> int:
    """Remove temporary files that write_atomic's killed writers left in ``folder``.

    The writer's process id is in the name: a file of a live process (another berkas writing the
    same OUTDIR) is left alone. Returns how many were removed."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        m = _TMP.match(name)
        if not m or _alive(int(m.group(1))):
            continue
        try:
            (folder / name).unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``path`` so that readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
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
    """report.html, then report.json: a report.json on disk means the bundle is done (a rerun
    after a kill trusts it, see pipeline/resume.py), so it is written last."""
    folder = bundle_dir(out_dir, report["bundle_id"])
    sweep_temp(folder)
    for stale in (folder / "pages").glob(".p*.tmp.jpg"):  # page previews of a killed run
        stale.unlink(missing_ok=True)
    write_atomic(folder / "report.html", render_report_html(report))
    write_atomic(folder / "report.json", json.dumps(report, ensure_ascii=False, indent=2))
    return folder


def fallback_report(bundle: Bundle, results: list[PageResult], jenis: str | None, reason: str) -> dict[str, Any]:
    """A report for a bundle whose analysis failed (a bug met unforeseen input): the pages as
    read, one error finding, status PERLU_VERIFIKASI. The dossier is still listed, the verifier
    is told to check it by hand, and the rest of the batch goes on."""
    case_type = bundle.manifest.get("jenis") or jenis or "UNKNOWN"
    return {
        "schema_version": "1",
        "bundle_id": bundle.bundle_id,
        "source": bundle.sources,
        "sha256": bundle.sha256,
        "case_type": case_type,
        "case_type_source": "manifest" if bundle.manifest.get("jenis") else ("cli" if jenis else "inferred"),
        "status": "PERLU_VERIFIKASI",
        "pages": [
            {
                "index": r.ref.index,
                "source": r.ref.source,
                "source_page": r.ref.source_page,
                "doc_type": r.classification.doc_type,
                "confidence": round(r.classification.confidence, 3),
                "document": None,
                "rotation": r.text.rotation,
                "ocr_confidence": round(r.text.ocr_confidence, 1) if r.text.ocr_confidence is not None else None,
                **({"error": r.error} if r.error else {}),
            }
            for r in sorted(results, key=lambda r: r.ref.index)
        ],
        "documents": [],
        "checklist": [],
        "findings": [
            {
                "code": "ANALYSIS_FAILED",
                "severity": "error",
                "message": f"Analisis berkas gagal ({reason}); periksa berkas secara manual.",
                "evidence": [],
            }
        ],
        "rejected": [{"source": r.source, "reason": r.reason} for r in bundle.rejected],
    }


def summarise(
    reports: list[dict[str, Any]],
    rejected: list[dict[str, str]],
    seconds: float,
    reused: list[str] | None = None,
) -> dict[str, Any]:
    """The batch. ``reused``: bundle ids whose report of the same input was kept from an earlier
    run (not counted in pages per minute)."""
    reused = reused or []
    pages = sum(len(r["pages"]) for r in reports)
    worked = sum(len(r["pages"]) for r in reports if r["bundle_id"] not in reused)
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
        "pages_per_minute": round(worked / seconds * 60, 1) if seconds > 0 else None,
        "rejected": rejected,
        "reused": reused,
    }


def write_summary(out_dir: Path, summary: dict[str, Any]) -> Path:
    sweep_temp(out_dir)
    path = out_dir / "summary.json"
    write_atomic(path, json.dumps(summary, ensure_ascii=False, indent=2))
    return path

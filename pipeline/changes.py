"""What a nightly rerun changed: per dossier status flips, new and resolved findings, retyped pages.

Written next to the reports as ``nightly/nightly-YYYYMMDD.json`` (everything, for tools) and
``nightly/nightly-YYYYMMDD.txt`` (one line per changed dossier, for the person who reads it in the
morning). A finding is identified by its code, severity and message: a finding whose wording
changed counts as resolved and new, which is what a verifier sees too. The JSON holds finding
messages as the reports already do; the text file holds codes and counts only, and its bundle
ids pass :func:`pipeline.privacy.mask` (the text is what gets mailed around).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.privacy import mask
from pipeline.report import write_atomic


def _findings(report: dict[str, Any] | None) -> Counter[tuple[str, str, str]]:
    items = (report or {}).get("findings") or []
    return Counter((str(f.get("code")), str(f.get("severity")), str(f.get("message"))) for f in items)


def _as_json(keys: Counter[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [
        {"code": code, "severity": severity, "message": message}
        for (code, severity, message), n in sorted(keys.items())
        for _ in range(n)
    ]


def diff_reports(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """The difference between a dossier's report before and after a rerun."""
    old, new = _findings(before), _findings(after)
    pages_before = {p.get("index"): p.get("doc_type") for p in (before or {}).get("pages") or []}
    retyped = [
        {"page": p.get("index"), "before": pages_before.get(p.get("index")), "after": p.get("doc_type")}
        for p in (after or {}).get("pages") or []
        if before is not None and pages_before.get(p.get("index")) != p.get("doc_type")
    ]
    status_before = before.get("status") if before else None
    status_after = after.get("status") if after else None
    return {
        "bundle_id": (after or before or {}).get("bundle_id"),
        "status_before": status_before,
        "status_after": status_after,
        "status_changed": status_before != status_after,
        "new_findings": _as_json(new - old),
        "resolved_findings": _as_json(old - new),
        "pages_retyped": retyped,
    }


def changed(d: dict[str, Any]) -> bool:
    return bool(d["status_changed"] or d["new_findings"] or d["resolved_findings"] or d["pages_retyped"])


def summarise(
    diffs: list[dict[str, Any]],
    checked: int,
    stale_reasons: dict[str, int],
    versions: dict[str, Any],
    when: str,
    seconds: float,
    page_cache: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The night as one object: counts, versions, and the dossiers that changed."""
    new_by_code: Counter[str] = Counter()
    resolved_by_code: Counter[str] = Counter()
    for d in diffs:
        new_by_code.update(f["code"] for f in d["new_findings"])
        resolved_by_code.update(f["code"] for f in d["resolved_findings"])
    flips = Counter(f"{d['status_before']} -> {d['status_after']}" for d in diffs if d["status_changed"])
    return {
        "schema_version": "1",
        "run_at": when,
        "versions": versions,
        "checked": checked,
        "reprocessed": len(diffs),
        "up_to_date": checked - len(diffs),
        "stale_reasons": dict(sorted(stale_reasons.items())),
        "status_changes": dict(sorted(flips.items())),
        "new_findings_by_code": dict(sorted(new_by_code.items())),
        "resolved_findings_by_code": dict(sorted(resolved_by_code.items())),
        "page_cache": page_cache or {},
        "seconds": round(seconds, 1),
        "dossiers": [d for d in diffs if changed(d)],
        "unchanged": sorted(str(d["bundle_id"]) for d in diffs if not changed(d)),
    }


def _codes(findings: list[dict[str, str]]) -> str:
    return ", ".join(f"{code} x{n}" for code, n in sorted(Counter(f["code"] for f in findings).items()))


def render_text(summary: dict[str, Any]) -> str:
    """Short lines a person reads: the totals, then one line per dossier that changed."""
    reasons = ", ".join(f"{k} {n}" for k, n in summary["stale_reasons"].items()) or "-"
    lines = [
        f"berkas nightly {summary['run_at']}: {summary['checked']} berkas diperiksa, "
        f"{summary['up_to_date']} sudah mutakhir, {summary['reprocessed']} diproses ulang (karena: {reasons}), "
        f"{summary['seconds']} s",
        f"status berubah: {sum(summary['status_changes'].values())}; temuan baru: "
        f"{sum(summary['new_findings_by_code'].values())}; temuan selesai: "
        f"{sum(summary['resolved_findings_by_code'].values())}",
    ]
    cache = summary.get("page_cache") or {}
    if cache:
        lines.append(
            f"halaman: {cache.get('from_cache', 0)} dari cache OCR, {cache.get('read', 0)} dibaca (OCR), "
            f"{cache.get('reclassified', 0)} diklasifikasi ulang"
        )
    for d in summary["dossiers"]:
        parts = [mask(str(d["bundle_id"]))]
        if d["status_changed"]:
            parts.append(f"{d['status_before']} -> {d['status_after']}")
        if d["new_findings"]:
            parts.append(f"baru: {_codes(d['new_findings'])}")
        if d["resolved_findings"]:
            parts.append(f"selesai: {_codes(d['resolved_findings'])}")
        if d["pages_retyped"]:
            parts.append(
                "halaman: " + ", ".join(f"{p['page']} {p['before']} -> {p['after']}" for p in d["pages_retyped"])
            )
        lines.append(" | ".join(parts))
    return "\n".join(lines) + "\n"


def write(folder: Path, summary: dict[str, Any], stamp: str) -> tuple[Path, Path]:
    """``folder/nightly-<stamp>.json`` and ``.txt``; a second run on the same day gets a suffix."""
    base = folder / f"nightly-{stamp}"
    n = 1
    while base.with_suffix(".json").exists():
        n += 1
        base = folder / f"nightly-{stamp}-{n}"
    js, txt = base.with_suffix(".json"), base.with_suffix(".txt")
    write_atomic(js, json.dumps(summary, ensure_ascii=False, indent=2))
    write_atomic(txt, render_text(summary))
    return js, txt

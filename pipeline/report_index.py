"""Render ``OUTDIR/index.html``: the batch page a verifier opens first to pick which berkas to work on.

It is built from ``summary.json`` (one row per bundle, the link to each ``report.html``) plus the
bundle reports themselves, which alone carry finding severities and rejected file names. As with
``report.html`` everything shown is someone else's text — bundle ids are folder names chosen at the
scanner, codes and case types come from manifests — so the template autoescapes, nothing is
``|safe``, links pass :func:`pipeline.report_html.safe_preview`, and every number placed in an SVG
attribute or ``data-`` sort key is formatted here from a checked number.

Filtering and sorting are a small inline script (works from ``file://``, no CDN). Without it the
page is still complete: all rows, most urgent first, and the filter bar is hidden by ``<noscript>``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.report import write_atomic
from pipeline.report_html import _ENV, CASE_TYPE, SEVERITY, STATUS, _dicts, _int, _key, _num, _text, safe_preview

TOP_CODES = 10  # the chart of finding codes: enough to see the batch's pattern, short enough to read
BAR_W = 320.0  # px of the longest bar in the charts
ROW_H = 26  # px per bar
STATUS_ORDER = ["TIDAK_LENGKAP", "PERLU_VERIFIKASI", "LENGKAP"]  # default row order: work to do first


def render_index_html(summary: dict[str, Any], reports: list[dict[str, Any]], csv_href: str | None = None) -> str:
    """The complete, self-contained batch page; ``csv_href`` (relative) adds a link to the findings CSV."""
    return _ENV.get_template("index.html").render(v=_view(summary, reports, csv_href))


def write_index(
    out_dir: Path, summary: dict[str, Any], reports: list[dict[str, Any]], csv_href: str | None = None
) -> Path:
    """Write ``OUTDIR/index.html`` atomically, like every other output, and return its path."""
    path = out_dir / "index.html"
    write_atomic(path, render_index_html(summary, reports, csv_href))
    return path


def _view(summary: dict[str, Any], reports: list[dict[str, Any]], csv_href: str | None) -> dict[str, Any]:
    """Everything the template shows, labelled and formatted; the template only lays it out."""
    by_id: dict[str, dict[str, Any]] = {}
    for r in reports if isinstance(reports, list) else []:
        if isinstance(r, dict):
            by_id.setdefault(_text(r.get("bundle_id")), r)
    entries = _dicts(summary.get("bundles"))
    rows = sorted((_row(b, by_id.get(_text(b.get("bundle_id")))) for b in entries), key=_default_order)
    for n, r in enumerate(rows):
        r["n"] = n  # the script's tie-break, so equal keys keep this order
    codes: Counter[str] = Counter()
    for r in rows:
        codes.update(dict(r["codes"]))
    status_counts = Counter(r["status"] for r in rows)
    case_types = sorted({r["case_type"] for r in rows})
    return {
        "bundles": len(rows),
        "pages": _int(summary.get("pages")),
        "seconds": _num(summary.get("seconds")),
        "ppm": _num(summary.get("pages_per_minute")),
        "rows": rows,
        "statuses": [(s, STATUS[s][0], STATUS[s][1], status_counts.get(s, 0)) for s in STATUS_ORDER],
        "case_types": [(c, CASE_TYPE.get(c, "")) for c in case_types],
        "status_chart": _bars([(STATUS[s][0], status_counts.get(s, 0), STATUS[s][1]) for s in STATUS_ORDER], 180),
        "code_chart": _bars(
            [(c, n, "code") for c, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))][:TOP_CODES], 230
        ),
        "severities": list(SEVERITY.items()),
        "rejected": [(_text(r.get("source")), _text(r.get("reason"))) for r in _dicts(summary.get("rejected"))],
        "csv_href": safe_preview(csv_href) if csv_href else None,
    }


def _default_order(row: dict[str, Any]) -> tuple[int, str]:
    return row["status_rank"], row["bundle_id"]


def _row(b: dict[str, Any], report: dict[str, Any] | None) -> dict[str, Any]:
    """One dossier's line; severities and rejected names need its report, the rest is in the summary."""
    status = _key(b.get("status"))
    label, cls, _ = STATUS.get(status, (_text(b.get("status")), "unknown", ""))
    raw_codes = b.get("findings") if isinstance(b.get("findings"), dict) else {}
    codes = sorted(((str(c), k) for c, v in raw_codes.items() if (k := _int(v))), key=lambda kv: (-kv[1], kv[0]))
    severity: dict[str, int] | None = None
    rejected: list[str] = []
    if report is not None:
        found = Counter(_key(f.get("severity")) for f in _dicts(report.get("findings")))
        severity = {s: found.get(s, 0) for s in SEVERITY}
        rejected = [_text(r.get("source")) for r in _dicts(report.get("rejected"))]
    case_type = _text(b.get("case_type"))
    return {
        "bundle_id": _text(b.get("bundle_id")),
        "href": safe_preview(b.get("html")),
        "status": status or "UNKNOWN",
        "status_label": label,
        "status_cls": cls,
        "status_rank": STATUS_ORDER.index(status) if status in STATUS_ORDER else -1,  # unknown first: look
        "case_type": case_type,
        "case_label": CASE_TYPE.get(case_type, ""),
        "pages": _int(b.get("pages")),
        "documents": _int(b.get("documents")),
        "codes": codes,
        "total": sum(k for _, k in codes),
        "severity": severity,
        "rejected_count": _int(b.get("rejected")) if _int(b.get("rejected")) is not None else len(rejected),
        "rejected": rejected,
    }


def _bars(items: list[tuple[str, int, str]], label_w: int) -> dict[str, Any]:
    """Horizontal bars for an inline SVG: label, count, css class, and geometry this module computed."""
    top = max((n for _, n, _ in items), default=0)
    bars = []
    for i, (label, n, cls) in enumerate(items):
        w = BAR_W * n / top if top else 0.0
        bars.append(
            {"label": label, "n": n, "cls": cls, "y": ROW_H * i, "w": f"{w:.1f}", "tx": f"{label_w + w + 6:.1f}"}
        )
    return {"bars": bars, "x": label_w, "viewbox": f"0 0 {label_w + BAR_W + 50:.0f} {max(ROW_H * len(bars), ROW_H)}"}

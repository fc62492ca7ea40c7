"""Render ``report.html``: the working page a BKD verifier reads for one bundle.

The page is built from the report dict exactly as written to ``report.json`` (plus the preview
keys the pipeline adds to each page), so what the verifier sees cannot drift from what other
systems read. Everything in a report came from someone else's scan — OCR'd text, file names,
bundle ids, messages quoting them — so it is treated as hostile: the template autoescapes and
never uses ``|safe``, a preview path is emitted only if it is a plain relative path, and every
number that lands in a ``style`` attribute is a float this module checked and formatted itself.

The judgement (which crop, which label, which colour) is made here in a small view model; the
template only lays it out. No JavaScript: the page must work from ``file://`` and on paper.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

CROP_W, CROP_H = 480.0, 170.0  # evidence viewport in CSS px; two fit side by side on a laptop
MAX_PAGE_ZOOM = 0.6  # CSS px per upright-page px: ~180 dpi on screen for a 300 dpi scan is plenty
MAX_PREVIEW_ZOOM = 2.5  # blowing the preview JPEG up further only shows its blocks
LOW_CONFIDENCE = 0.8  # field confidence below this is marked "perlu dicek"

STATUS = {  # status -> (banner text, css class, what it means for the verifier)
    "LENGKAP": ("LENGKAP", "ok", "Semua dokumen wajib ada dan tidak ada temuan kesalahan."),
    "TIDAK_LENGKAP": ("TIDAK LENGKAP", "bad", "Ada dokumen wajib yang tidak ada dalam berkas."),
    "PERLU_VERIFIKASI": (
        "PERLU VERIFIKASI",
        "warn",
        "Ada temuan kesalahan atau halaman yang harus diperiksa manual.",
    ),
}
SEVERITY = {"error": "KESALAHAN", "warning": "PERINGATAN", "info": "INFO"}
CHECK_STATUS = {"present": "ada", "missing": "tidak ada", "not_applicable": "tidak berlaku"}
CASE_SOURCE = {
    "manifest": "dari manifest",
    "cli": "dari baris perintah",
    "inferred": "disimpulkan dari dokumen — periksa",
}
CASE_TYPE = {
    "BUP": "Batas Usia Pensiun",
    "APS": "Atas Permintaan Sendiri",
    "JANDA_DUDA": "Janda/Duda/Anak",
    "ANUMERTA": "Anumerta (tewas)",
    "UZUR": "Tidak cakap jasmani/rohani",
    "PERAMPINGAN": "Penyederhanaan organisasi",
    "MPP": "Masa Persiapan Pensiun",
    "UNKNOWN": "tidak diketahui",
}

_ENV = Environment(
    loader=PackageLoader("pipeline", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,  # a typo in the template fails the tests, not the verifier's page
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_report_html(report: dict[str, Any]) -> str:
    """The complete, self-contained HTML page for one bundle's report."""
    return _ENV.get_template("report.html").render(v=_view(report))


def safe_preview(path: object) -> str | None:
    """The preview path as a URL to put in ``src``/``href``, or None if it is not a plain relative path.

    Rejecting any colon rules out every scheme (``javascript:``, ``data:``, ``C:``) however it is
    spelled; the rest keeps the link inside the report's folder.
    """
    if not isinstance(path, str) or not path or len(path) > 1000:
        return None
    if ":" in path or "\\" in path or any(ord(c) < 32 or ord(c) == 127 for c in path):
        return None
    if any(part in ("", ".", "..") for part in path.split("/")):  # also catches "/abs" and "//host"
        return None
    return quote(path, safe="/")


def crop_geometry(bbox: object, scale: object, width: object = None, height: object = None) -> dict[str, str] | None:
    """Inline styles that make a CROP_W×CROP_H viewport show ``bbox`` (upright-page px) with context.

    The preview is ``scale`` × the upright page; shown at zoom ``z`` it is ``page px × scale × z``
    CSS px, so the box sits at ``left + x0 × scale × z``. Offsets and sizes are then written as
    percentages of the viewport, whose aspect ratio is fixed: the crop stays right when the
    viewport shrinks (narrow window, two crops side by side on A4 paper). Returns None when
    anything is not a sane number, so a malformed report gets a thumbnail, not a misleading crop.
    """
    s, w, h = _num(scale), _num(width), _num(height)
    if s is None or w is None or h is None or min(s, w, h) <= 0:
        return None
    if not isinstance(bbox, list | tuple) or len(bbox) != 4:
        return None
    box = [_num(v) for v in bbox]
    if any(v is None for v in box):
        return None
    x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[arg-type]
    if not (0 <= x0 < x1 and 0 <= y0 < y1 and x0 < w and y0 < h):
        return None
    mx, my = max(0.5 * (x1 - x0), 300.0), max(1.5 * (y1 - y0), 60.0)  # a line above/below, words beside
    f = min(CROP_W / (x1 - x0 + 2 * mx), CROP_H / (y1 - y0 + 2 * my), MAX_PAGE_ZOOM, MAX_PREVIEW_ZOOM * s)
    z = f / s  # zoom of the preview image itself
    img_w, img_h = w * s * z, h * s * z
    # Centre the box, but keep the page edge at the viewport edge rather than show empty margin.
    left = min(0.0, max(CROP_W - img_w, CROP_W / 2 - (x0 + x1) / 2 * s * z))
    top = min(0.0, max(CROP_H - img_h, CROP_H / 2 - (y0 + y1) / 2 * s * z))

    def place(x: float, y: float, bw: float, bh: float) -> str:
        return f"left:{_pc(x / CROP_W)};top:{_pc(y / CROP_H)};width:{_pc(bw / CROP_W)};height:{_pc(bh / CROP_H)}"

    return {
        "viewport": f"max-width:{CROP_W:.0f}px;aspect-ratio:{CROP_W:.0f}/{CROP_H:.0f}",
        "img": place(left, top, img_w, img_h),
        "box": place(left + x0 * s * z, top + y0 * s * z, (x1 - x0) * s * z, (y1 - y0) * s * z),
    }


def _pc(fraction: float) -> str:
    return f"{100 * fraction:.3f}%"


def _num(value: object) -> float | None:
    """A finite float from a JSON number; strings (and bools) are never trusted as numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def _int(value: object) -> int | None:
    v = _num(value)
    return int(v) if v is not None and v == int(v) else None


def _pct(value: object, full: float = 1.0) -> str:
    v = _num(value)
    return "—" if v is None else f"{round(100 * v / full)}%"


def _text(value: object) -> str:
    """Any JSON value as plain text for the page; escaping is the template's job."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _key(value: object) -> str:
    """A report value used to look up a label or CSS class: only a string can match one."""
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: object) -> list[dict[str, Any]]:
    return [d for d in _list(value) if isinstance(d, dict)]


def _pairs(value: object) -> list[tuple[str, str]]:
    return [(str(k), _text(v)) for k, v in value.items()] if isinstance(value, dict) else []


def _field(fields: object, name: object) -> dict[str, Any] | None:
    """A document's field object; a bare value (not ``{"value": …}``) is wrapped as one."""
    if not isinstance(fields, dict) or not isinstance(name, str) or name not in fields:
        return None
    f = fields[name]
    return f if isinstance(f, dict) and "value" in f else {"value": f}


def _members(value: object) -> dict[str, Any] | None:
    """A list of objects (KK ``anggota``) as a small table, so children can be checked by eye."""
    rows = _dicts(value)
    if not rows or len(rows) != len(value):  # type: ignore[arg-type]
        return None
    cols = list(dict.fromkeys(str(k) for r in rows for k in r))
    return {"cols": cols, "rows": [[_text(r.get(c)) for c in cols] for r in rows]}


def _view(report: dict[str, Any]) -> dict[str, Any]:
    """Everything the template shows, already labelled, checked and formatted."""
    pages = {i: _page(p) for p in _dicts(report.get("pages")) if (i := _int(p.get("index"))) is not None}
    docs = _dicts(report.get("documents"))
    doc_by_id = {str(d.get("id")): (n, d) for n, d in enumerate(docs, 1)}
    checklist = _dicts(report.get("checklist"))
    labels = {str(d): _text(c["label"]) for c in checklist if c.get("label") for d in _list(c.get("documents"))}
    order = list(SEVERITY)  # errors first: they decide the status, the verifier starts there
    findings = sorted(
        _dicts(report.get("findings")),
        key=lambda f: order.index(_key(f.get("severity"))) if _key(f.get("severity")) in order else len(order),
    )
    banner, status_cls, status_note = STATUS.get(
        _key(report.get("status")), (_text(report.get("status")), "unknown", "")
    )
    case_type = _text(report.get("case_type"))
    return {
        "bundle_id": _text(report.get("bundle_id")),
        "case_type": case_type,
        "case_label": CASE_TYPE.get(case_type, ""),
        "case_source": CASE_SOURCE.get(_key(report.get("case_type_source")), _text(report.get("case_type_source"))),
        "banner": banner,
        "status_cls": status_cls,
        "status_note": status_note,
        "counts": {
            "pages": len(pages),
            "documents": len(docs),
            "rejected": len(_dicts(report.get("rejected"))),
            "severity": [(label, s, sum(f.get("severity") == s for f in findings)) for s, label in SEVERITY.items()],
        },
        "employee": _pairs(report.get("employee")),
        "findings": [_finding(f, pages, doc_by_id) for f in findings],
        "checklist": [_check(c, doc_by_id) for c in checklist],
        "documents": [_document(n, d, labels) for n, d in enumerate(docs, 1)],
        "pages": [pages[i] for i in sorted(pages)],
        "rejected": [(_text(r.get("source")), _text(r.get("reason"))) for r in _dicts(report.get("rejected"))],
        # files read with a caveat (a PDF's JavaScript or embedded files, never run)
        "notes": [(_text(n.get("source")), _text(n.get("note"))) for n in _dicts(report.get("notes"))],
        "sources": [_text(s) for s in _list(report.get("source"))],
        "sha256": _text(report.get("sha256")),
        "schema_version": _text(report.get("schema_version")),
        "pipeline": _pairs(report.get("pipeline")),
    }


def _page(p: dict[str, Any]) -> dict[str, Any]:
    conf = _num(p.get("confidence"))
    return {
        "index": _int(p.get("index")),
        "doc_type": _text(p.get("doc_type")),
        "geometry": (p.get("preview_scale"), p.get("width"), p.get("height")),  # checked by crop_geometry
        "preview": safe_preview(p.get("preview")),
        "confidence": _pct(conf),
        "low": conf is not None and conf < LOW_CONFIDENCE,
        "rotation": _int(p.get("rotation")) or 0,
        "ocr": _pct(p.get("ocr_confidence"), 100.0),
        "source": _text(p.get("source")),
        "source_page": _int(p.get("source_page")),
        "error": _text(p["error"]) if p.get("error") else None,
    }


def _check(c: dict[str, Any], doc_by_id: dict[str, tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    status = c.get("status")
    return {
        "item": _text(c.get("item")),
        "label": _text(c.get("label")),
        "source": _text(c["source"]) if c.get("source") else None,
        "required": c.get("required") is True,
        "status": CHECK_STATUS.get(str(status), _text(status)),
        "status_cls": _key(status) if _key(status) in CHECK_STATUS else "unknown",
        "documents": [_doc_link(d, doc_by_id) for d in _list(c.get("documents"))],
    }


def _doc_link(doc_id: object, doc_by_id: dict[str, tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    found = doc_by_id.get(str(doc_id))
    return {
        "id": _text(doc_id),
        "anchor": f"dok-{found[0]}" if found else None,
        "doc_type": _text(found[1].get("doc_type")) if found else "",
    }


def _document(n: int, d: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    fields = []
    raw_fields = d.get("fields") if isinstance(d.get("fields"), dict) else {}
    for name in raw_fields:
        f = _field(raw_fields, name) or {}
        conf = _num(f.get("confidence"))
        fields.append(
            {
                "name": str(name),
                "value": _text(f.get("value")),
                "members": _members(f.get("value")),
                "page": _int(f.get("page")),
                "confidence": _pct(conf),
                "low": conf is not None and conf < LOW_CONFIDENCE,
            }
        )
    pages = [i for i in (_int(p) for p in _list(d.get("pages"))) if i is not None]
    return {
        "anchor": f"dok-{n}",
        "id": _text(d.get("id")),
        "doc_type": _text(d.get("doc_type")),
        "label": labels.get(str(d.get("id")), ""),
        "pages": pages,
        "fields": fields,
    }


def _finding(
    f: dict[str, Any], pages: dict[int, dict[str, Any]], doc_by_id: dict[str, tuple[int, dict[str, Any]]]
) -> dict[str, Any]:
    sev = f.get("severity")
    return {
        "code": _text(f.get("code")),
        "message": _text(f.get("message")),
        "rule": _text(f["rule"]) if f.get("rule") else None,
        "severity": SEVERITY.get(_key(sev), _text(sev)),
        "sev_cls": _key(sev) if _key(sev) in SEVERITY else "unknown",
        "evidence": [_evidence(e, pages, doc_by_id) for e in _dicts(f.get("evidence"))],
    }


def _evidence(
    e: dict[str, Any], pages: dict[int, dict[str, Any]], doc_by_id: dict[str, tuple[int, dict[str, Any]]]
) -> dict[str, Any]:
    """One piece of evidence: its text always, plus a crop around the field or the page's thumbnail.

    When the evidence names no page but its field does, the field's page is used: the verifier
    still wants to see where the value was read.
    """
    doc = doc_by_id.get(str(e.get("document")))
    field = _field(doc[1].get("fields"), e.get("field")) if doc else None
    page_no = _int(e.get("page"))
    if page_no is None and field:
        page_no = _int(field.get("page"))
    page = pages.get(page_no) if page_no is not None else None
    crop = None
    if page and page["preview"] and field and _int(field.get("page")) == page_no:
        crop = crop_geometry(field.get("bbox"), *page["geometry"])
    value = e.get("value") if "value" in e else (field or {}).get("value")
    return {
        "document": _doc_link(e["document"], doc_by_id) if e.get("document") is not None else None,
        "field": _text(e.get("field")),
        "value": _text(value),
        "page": page_no,
        "page_anchor": f"hal-{page_no}" if page else None,
        "preview": page["preview"] if page else None,
        "page_error": page["error"] if page else None,
        "crop": crop,
    }

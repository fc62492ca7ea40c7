"""Present an evaluation summary: a text table for the terminal, an SVG confusion matrix for people."""

from __future__ import annotations

from html import escape
from typing import Any


def _pct(v: float | None) -> str:
    return "   -  " if v is None else f"{v * 100:5.1f}%"


def format_table(s: dict[str, Any]) -> str:
    lines = [
        f"bundel: {s['bundles']}   halaman: {s['pages']}",
        f"klasifikasi halaman   {_pct(s['page_accuracy'])}",
        f"rotasi                {_pct(s['rotation_accuracy'])}",
        f"jenis pensiun         {_pct(s['case_type_accuracy'])}",
        f"status                {_pct(s['status_accuracy'])}",
        "",
        "per jenis dokumen:",
    ]
    for doc_type, v in s["page_accuracy_per_type"].items():
        lines.append(f"  {doc_type:<26} {_pct(v['accuracy'])}  (n={v['n']})")
    if s["top_confusions"]:
        lines.append("kekeliruan terbanyak (benar -> tebakan):")
        for c in s["top_confusions"]:
            lines.append(f"  {c['truth']:<24} -> {c['predicted']:<24} {c['n']}")
    lines += ["", "kolom:                      tepat  toleransi    n  hilang  salah"]
    for field, v in s["fields"].items():
        lines.append(
            f"  {field:<24} {_pct(v['exact'])}  {_pct(v['within_tolerance'])} "
            f"{v['n']:4d}  {v['missing']:6d} {v['wrong']:6d}"
        )
    m = s["missing_documents"]
    lines += [
        "",
        f"dokumen hilang:  presisi {_pct(m['precision'])}  recall {_pct(m['recall'])}  F1 {_pct(m['f1'])}",
    ]
    lines.append("temuan per kode:            presisi  recall     F1   tp  fp  fn")
    for code, v in s["findings"].items():
        lines.append(
            f"  {code:<24} {_pct(v['precision'])} {_pct(v['recall'])} {_pct(v['f1'])} "
            f"{v['tp']:4d}{v['fp']:4d}{v['fn']:4d}"
        )
    r = s["rejected"]
    lines.append(f"berkas ditolak: recall {_pct(r['recall'])}  presisi {_pct(r['precision'])}")
    return "\n".join(lines)


def confusion_svg(s: dict[str, Any]) -> str:
    """A confusion matrix (rows: truth, columns: predicted) as a standalone SVG."""
    cells = {(c["truth"], c["predicted"]): c["n"] for c in s["confusion"]}
    truth = sorted({t for t, _ in cells})
    pred = sorted({p for _, p in cells} | set(truth))
    size, left, top = 22, 190, 190
    width, height = left + size * len(pred) + 20, top + size * len(truth) + 20
    row_totals = {t: sum(n for (a, _), n in cells.items() if a == t) or 1 for t in truth}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="14" font-size="13">Matriks kekeliruan (baris: benar, kolom: tebakan)</text>',
    ]
    for j, p in enumerate(pred):
        x = left + j * size + size / 2
        out.append(f'<text transform="translate({x:.1f},{top - 6}) rotate(-60)">{escape(p)}</text>')
    for i, t in enumerate(truth):
        y = top + i * size
        out.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(t)}</text>')
        for j, p in enumerate(pred):
            n = cells.get((t, p), 0)
            share = n / row_totals[t]
            colour = (
                f"rgb({255 - int(200 * share)},{255 - int(120 * share)},255)"
                if t == p
                else (f"rgb(255,{255 - int(200 * share)},{255 - int(200 * share)})")
            )
            out.append(
                f'<rect x="{left + j * size}" y="{y}" width="{size}" height="{size}" fill="{colour}" stroke="#ccc"/>'
            )
            if n:
                out.append(f'<text x="{left + j * size + size / 2}" y="{y + 15}" text-anchor="middle">{n}</text>')
    out.append("</svg>")
    return "\n".join(out)

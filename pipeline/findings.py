"""What every rule module shares: the rule data, and how a finding and its evidence are written.

Severities, tolerances and which documents belong to whom are data (``rules/crosscheck.yaml``);
messages are Indonesian sentences a BKD verifier reads, naming document, page and value.
"""

from __future__ import annotations

import functools
from typing import Any

from pipeline.models import Document, Evidence, FieldValue, Finding
from pipeline.settings import RULES_DIR, load_yaml


@functools.cache
def rules() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "crosscheck.yaml")


def finding(
    code: str, message: str, evidence: list[Evidence], rule: str | None = None, values: tuple[FieldValue, ...] = ()
) -> Finding:
    """A finding; when it rests on a value read with low confidence (``values``) an error becomes an
    'unsure' warning, since OCR is then as likely wrong as the document."""
    f = Finding(code, rules()["severity"].get(code, "error"), message, evidence, rule or f"crosscheck.yaml {code}")
    if any(v.confidence < rules()["unsure_below"] for v in values):
        f.unsure = True
        if f.severity == "error":
            f.severity = "warning"
        f.message += " Nilai terbaca kurang yakin; cocokkan dengan dokumen asli."
    return f


def ev(doc: Document, name: str, fv: FieldValue, value: Any = None) -> Evidence:
    return Evidence(doc.id, fv.page, name, fv.value if value is None else value)


def where(doc: Document, fv: FieldValue | None = None) -> str:
    """'SK_CPNS (d3, hlm. 4)': how a message names the place of a value."""
    page = fv.page if fv is not None else (doc.pages[0] if doc.pages else "?")
    return f"{doc.doc_type} ({doc.id}, hlm. {page})"


def dmy(iso_date: str | None) -> str:
    if not iso_date or len(str(iso_date)) != 10:
        return str(iso_date)
    y, m, d = str(iso_date).split("-")
    return f"{d}-{m}-{y}"

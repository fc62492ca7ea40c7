"""Bundle-level analysis: group -> extract -> case type -> checklist + cross-checks -> report dict.

Runs once all pages of a bundle are in. Pure: takes the bundle and its page results, returns the
report as a dict in the shape of ``shared/contract/REPORT.md`` (plus documented extra keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline import checklist, layout, versions
from pipeline.checks_pages import UNCLASSIFIED_PAGE_RULE
from pipeline.crosscheck import crosscheck
from pipeline.extract import read_document
from pipeline.findings import rules
from pipeline.group import group_pages
from pipeline.models import Bundle, ChecklistItem, Finding, PageResult

SCHEMA_VERSION = "1"


def decide_case_type(bundle: Bundle, cli_jenis: str | None, documents, pages) -> tuple[str, str, str]:
    """(case type, source, why): the manifest's word first, then the command line, then inference."""
    if bundle.manifest.get("jenis"):
        return bundle.manifest["jenis"], "manifest", "manifest"
    if cli_jenis:
        return cli_jenis, "cli", "--jenis"
    case_type, why = checklist.infer_case_type(documents, pages)
    return case_type, "inferred", why


def decide_status(items: list[ChecklistItem], findings: list[Finding]) -> str:
    """The contract's status: a required item missing; else an error, an error demoted to a warning
    because it rests on a value read unsurely, or a page not classified with confidence; else
    complete. Warnings alone (a poorly read page that was classified surely among them, a NIK
    warning however surely read) leave the dossier LENGKAP: reading a warning's value unsurely makes
    it no more than a warning."""
    if any(i.required and i.status == "missing" for i in items):
        return "TIDAK_LENGKAP"
    severity = rules()["severity"]
    demoted = [f for f in findings if f.unsure and severity.get(f.code, "error") == "error"]
    if demoted or any(f.severity == "error" or f.rule == UNCLASSIFIED_PAGE_RULE for f in findings):
        return "PERLU_VERIFIKASI"
    return "LENGKAP"


def analyse_bundle(
    bundle: Bundle,
    results: list[PageResult],
    cli_jenis: str | None = None,
    references: Sequence[layout.Reference] = (),
) -> dict[str, Any]:
    """The bundle's report. ``references``: surely read pages of other dossiers, which an unreadable
    page of this one may be typed by (pipeline/layout.py)."""
    pages = layout.classify_unreadable(sorted(results, key=lambda r: r.ref.index), references)
    documents, pages = group_pages(pages)
    by_index = {p.ref.index: p for p in pages}
    for doc in documents:
        doc.fields, doc.persons, doc.signers = read_document(doc, by_index)
    case_type, source, why = decide_case_type(bundle, cli_jenis, documents, by_index)
    profile, profile_why = checklist.select_profile(bundle.manifest)
    items, missing = checklist.check(case_type, documents, profile)
    instansi = bundle.manifest.get("instansi")
    employee, findings = crosscheck(
        documents, pages, case_type, bundle.manifest.get("nip"), str(instansi) if instansi else None
    )
    findings = missing + findings
    doc_of_page = {i: d.id for d in documents for i in d.pages}
    return {
        "schema_version": SCHEMA_VERSION,
        "bundle_id": bundle.bundle_id,
        "source": bundle.sources,
        "sha256": bundle.sha256,
        "case_type": case_type,
        "case_type_source": source,
        "case_type_reason": why,
        "checklist_profile": profile,
        "checklist_profile_reason": profile_why,
        "status": decide_status(items, findings),
        "pages": [_page_json(p, doc_of_page.get(p.ref.index)) for p in pages],
        "documents": [
            {
                "id": d.id,
                "doc_type": d.doc_type,
                "pages": d.pages,
                "fields": {name: fv.to_json() for name, fv in d.fields.items()},
            }
            for d in documents
        ],
        "checklist": [i.to_json() for i in items],
        "findings": [f.to_json() for f in findings],
        "rejected": [{"source": r.source, "reason": r.reason} for r in bundle.rejected],
        "employee": employee.to_json(),
        "manifest": {k: v for k, v in bundle.manifest.items() if k != "nip"},
        "manifest_problems": bundle.manifest_problems,
        "pipeline": versions.pipeline_versions(),
    }


def _page_json(p: PageResult, document: str | None) -> dict[str, Any]:
    c = p.classification
    out: dict[str, Any] = {
        "index": p.ref.index,
        "source": p.ref.source,
        "source_page": p.ref.source_page,
        "doc_type": c.doc_type,
        "confidence": round(c.confidence, 3),
        "document": document,
        "rotation": p.text.rotation,
        "ocr_confidence": round(p.text.ocr_confidence, 1) if p.text.ocr_confidence is not None else None,
        "method": p.text.method,
        "classifier_reasons": c.reasons,
        "candidates": [[t, s] for t, s in c.candidates],
        "width": p.text.width,
        "height": p.text.height,
        "preview": p.preview,
        "preview_scale": round(p.preview_scale, 5),
        "seconds": p.seconds,
    }
    if p.error:
        out["error"] = p.error
    return out

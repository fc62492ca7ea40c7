"""Checklist: compare the documents found with the case type's required list (rules/checklists.yaml).

Also infers the case type from the documents when neither manifest nor command line gives it
(rules/case_type.yaml), because a verifier still needs a checklist for an unlabelled bundle.
"""

from __future__ import annotations

import functools
from typing import Any

from classifiers.profiles import normalise
from pipeline.models import ChecklistItem, Document, Evidence, Finding, PageResult
from pipeline.settings import RULES_DIR, load_yaml

DEFAULT_PROFILE = "umum"


@functools.cache
def _checklists() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "checklists.yaml")


@functools.cache
def _case_rules() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "case_type.yaml")


def infer_case_type(documents: list[Document], pages: dict[int, PageResult]) -> tuple[str, str]:
    """(case type, the rule's source) from the documents present."""
    by_type: dict[str, list[Document]] = {}
    for doc in documents:
        by_type.setdefault(doc.doc_type, []).append(doc)
    for rule in _case_rules()["rules"]:
        docs = by_type.get(rule["document"], [])
        if not docs:
            continue
        phrase = rule.get("phrase")
        if phrase is None:
            return rule["case_type"], rule["source"]
        wanted = normalise(phrase)
        for doc in docs:
            text = " ".join(normalise(pages[p].text.text) for p in doc.pages)
            if wanted in text:
                return rule["case_type"], rule["source"]
    return _case_rules()["default"], "tidak ada aturan yang cocok"


def has_children(documents: list[Document]) -> bool | None:
    """True/False when the KK tells, or an akta is present; None when nothing tells."""
    if any(d.doc_type == "AKTA_KELAHIRAN" for d in documents):
        return True
    for doc in documents:
        members = doc.fields.get("anggota")
        if doc.doc_type == "KK" and members and members.value:
            return any((m.get("hubungan") or "") == "ANAK" for m in members.value)
    return None


def check(
    case_type: str, documents: list[Document], profile: str = DEFAULT_PROFILE
) -> tuple[list[ChecklistItem], list[Finding]]:
    data = _checklists()["profiles"].get(profile) or _checklists()["profiles"][DEFAULT_PROFILE]
    spec = data["case_types"].get(case_type) or data["case_types"]["UNKNOWN"]
    children = has_children(documents)
    items: list[ChecklistItem] = []
    findings: list[Finding] = []
    for entry in spec["items"]:
        wanted = [entry["item"], *entry.get("alternatives", [])]
        docs = [d.id for d in documents if d.doc_type in wanted]
        required = bool(entry["required"])
        if docs:
            status = "present"
        elif entry.get("condition") == "has_children" and children is False:
            status = "not_applicable"
        else:
            status = "missing"
        label = entry.get("label", entry["item"])
        source = f"{profile}: {entry.get('source', spec.get('source', ''))}"
        items.append(ChecklistItem(entry["item"], required, status, docs, label, source))
        if status == "missing" and required:
            findings.append(
                Finding(
                    code="MISSING_DOCUMENT",
                    severity="error",
                    message=f"Dokumen wajib tidak ditemukan: {label}.",
                    evidence=[Evidence(None, None, "checklist", entry["item"])],
                    rule=f"checklists.yaml {profile}/{case_type}/{entry['item']}",
                )
            )
    return items, findings


def checklist_version() -> int:
    return int(_checklists()["version"])

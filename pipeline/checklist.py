"""Checklist: compare the documents found with the case type's required list (rules/checklists.yaml).

Also infers the case type from the documents when neither manifest nor command line gives it
(rules/case_type.yaml), because a verifier still needs a checklist for an unlabelled bundle.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline import pension
from pipeline.models import ChecklistItem, Document, Evidence, Finding, PageResult
from pipeline.settings import RULES_DIR, load_yaml

DEFAULT_PROFILE = "umum"


CONDITIONS = ("has_children", "child_at_school", "child_working", "second_marriage")


@functools.cache
def _checklists() -> dict[str, Any]:
    """The default profile (checklists.yaml) and the agency profiles (checklists/*.yaml), merged."""
    data = load_yaml(RULES_DIR / "checklists.yaml")
    for path in sorted((RULES_DIR / "checklists").glob("*.yaml")):
        data["profiles"].update(load_yaml(path)["profiles"])
    return data


@functools.cache
def _checklist_config() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "settings.yaml").get("checklist", {})


def select_profile(manifest: dict[str, Any]) -> tuple[str, str]:
    """(profile, why): the manifest's ``checklist_profile``; else, when settings.yaml turns
    ``checklist.match_instansi`` on, the agency profile its ``instansi`` names; else the default."""
    profiles = _checklists()["profiles"]
    wanted = manifest.get("checklist_profile")
    if isinstance(wanted, str) and wanted in profiles:
        return wanted, "manifest checklist_profile"
    config = _checklist_config()
    if config.get("match_instansi") and manifest.get("instansi"):
        patterns = {k: p["match"] for k, p in profiles.items() if p.get("match")}
        found = pension.match_instansi(str(manifest["instansi"]), patterns)
        if found:
            return found, f"instansi '{manifest['instansi']}'"
    return str(config.get("default_profile", DEFAULT_PROFILE)), "profil bawaan"


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
        cutoff = float(_case_rules().get("phrase_cutoff", 100))
        for doc in docs:
            # a sentence wraps anywhere ("... dengan hormat atas" / "permintaan sendiri ..."), and a
            # letter or two of the phrase may be misread ("permintaan sendirl")
            text = re.sub(r"\s+", " ", " ".join(normalise(pages[p].text.text) for p in doc.pages))
            if wanted in text or fuzz.partial_ratio(wanted, text) >= cutoff:
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
    profiles = _checklists()["profiles"]
    data = profiles.get(profile) or profiles[DEFAULT_PROFILE]
    if case_type not in data["case_types"]:  # an agency without a list for this case type
        profile, data = DEFAULT_PROFILE, profiles[DEFAULT_PROFILE]
    spec = data["case_types"].get(case_type) or data["case_types"]["UNKNOWN"]
    children = has_children(documents)
    items: list[ChecklistItem] = []
    findings: list[Finding] = []
    for entry in spec["items"]:
        wanted = [entry["item"], *entry.get("alternatives", [])]
        docs = [d.id for d in documents if d.doc_type in wanted]
        required = bool(entry["required"])
        condition = entry.get("condition")
        if docs:
            status = "present"
        elif condition == "has_children" and children is False:
            status = "not_applicable"
        elif condition in CONDITIONS and condition != "has_children":
            # School, work, second marriage: the dossier cannot show they do not hold, and a
            # document that is absent because they do not hold is no gap.
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

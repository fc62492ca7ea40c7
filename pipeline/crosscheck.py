"""Cross-check the values of a dossier against each other, with evidence a verifier can follow.

First the employee is resolved across documents (NIP from the manifest or the most common valid
NIP on personnel documents; the name most documents agree on), then each rule compares a
document's value with the employee's and says which document, page and value disagree.
Which documents belong to the employee, severities and tolerances are data
(``rules/crosscheck.yaml``).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline import dates, names, nip
from pipeline.extract import PERSON_FIELDS
from pipeline.models import Document, Evidence, FieldValue, Finding, PageResult
from pipeline.settings import RULES_DIR, load_yaml


@functools.cache
def rules() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "crosscheck.yaml")


@dataclass
class Employee:
    nip: str | None = None
    nip_source: tuple[Document, FieldValue] | None = None
    nama: str | None = None
    nama_source: tuple[Document, FieldValue] | None = None
    birth_date: str | None = None  # ISO, from the NIP
    gender: str | None = None
    documents: list[Document] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "nama": self.nama,
            "nip": self.nip,
            "tanggal_lahir": self.birth_date,
            "jenis_kelamin": self.gender,
        }


def _finding(code: str, message: str, evidence: list[Evidence], rule: str) -> Finding:
    return Finding(code, rules()["severity"].get(code, "error"), message, evidence, rule)


def _ev(doc: Document, name: str, fv: FieldValue) -> Evidence:
    return Evidence(doc.id, fv.page, name, fv.value)


def employee_documents(documents: list[Document], case_type: str) -> list[Document]:
    r = rules()
    kinds = set(r["employee_documents"])
    if case_type in r["heir_case_types"]:
        kinds -= set(r["heir_documents"])
    return [d for d in documents if d.doc_type in kinds]


def resolve_employee(documents: list[Document], case_type: str, manifest_nip: str | None) -> Employee:
    """The employee: manifest NIP, else the NIP most personnel documents carry (each document votes
    once per NIP it names, so a signing official who appears on a few letters loses to the
    employee who appears on nearly all); then each document's person block is the employee's."""
    emp = Employee(documents=employee_documents(documents, case_type))
    votes: Counter[str] = Counter()
    for d in emp.documents:
        blocks = d.persons or [d.fields]
        votes.update(
            {
                str(b["nip"].value)
                for b in blocks
                if "nip" in b and nip.decode_nip(str(b["nip"].value)).is_valid
            }
        )
    if manifest_nip and nip.decode_nip(manifest_nip).is_valid:
        emp.nip = manifest_nip
    elif votes:
        emp.nip = votes.most_common(1)[0][0]
    if emp.nip:
        info = nip.decode_nip(emp.nip)
        emp.birth_date = dates.iso(info.birth_date)
        emp.gender = info.gender
        for d in emp.documents:
            _select_block(d, lambda b: "nip" in b and b["nip"].value == emp.nip)
        emp.nip_source = next(
            (
                (d, d.fields["nip"])
                for d in emp.documents
                if "nip" in d.fields and d.fields["nip"].value == emp.nip
            ),
            None,
        )
    named = [(d, d.fields["nama"]) for d in emp.documents if "nama" in d.fields]
    if named:
        # The name that agrees with most other documents (OCR noise tolerated) is the employee's.
        def support(item: tuple[Document, FieldValue]) -> float:
            return sum(names.name_similarity(str(item[1].value), str(o[1].value)) for o in named)

        best = max(named, key=support)
        emp.nama, emp.nama_source = str(best[1].value), best
        threshold = rules()["name_match_threshold"]
        for d in emp.documents:
            if not (emp.nip and "nip" in d.fields and d.fields["nip"].value == emp.nip):
                _select_block(
                    d, lambda b: "nama" in b and names.names_match(str(b["nama"].value), emp.nama, threshold)
                )
    return emp


def _select_block(doc: Document, is_employee) -> None:
    """Make the document's person fields those of the block that is the employee, if one is."""
    if len(doc.persons) < 2:
        return
    block = next((b for b in doc.persons if is_employee(b)), None)
    if block is None:
        return
    for name in PERSON_FIELDS:
        doc.fields.pop(name, None)
    doc.fields.update(block)


def check_nips(emp: Employee) -> list[Finding]:
    findings: list[Finding] = []
    for doc in emp.documents:
        fv = doc.fields.get("nip")
        if fv is None:
            continue
        info = nip.decode_nip(str(fv.value))
        if not info.is_valid:
            finding = _finding(
                "NIP_INVALID",
                f"NIP pada {doc.doc_type} ({doc.id}, hlm. {fv.page}) tidak valid: "
                f"{'; '.join(info.problems)}.",
                [_ev(doc, "nip", fv)],
                "crosscheck.yaml NIP_INVALID",
            )
            if _misread_of(str(fv.value), emp.nip, fv.confidence):
                # One or two digits off the employee's NIP and read with low confidence: most
                # likely OCR lost a digit. Still shown, as a warning the verifier can settle.
                finding.severity = "warning"
                finding.message += " Kemungkinan salah baca OCR; cocokkan dengan dokumen asli."
            findings.append(finding)
        elif emp.nip and info.kind == "baru" and fv.value != emp.nip and emp.nip_source:
            ref_doc, ref_fv = emp.nip_source
            findings.append(
                _finding(
                    "NIP_MISMATCH",
                    f"NIP pada {doc.doc_type} ({doc.id}, hlm. {fv.page}) berbeda dengan NIP pegawai "
                    f"pada {ref_doc.doc_type} ({ref_doc.id}).",
                    [_ev(ref_doc, "nip", ref_fv), _ev(doc, "nip", fv)],
                    "crosscheck.yaml NIP_MISMATCH",
                )
            )
    return findings


def _misread_of(value: str, employee_nip: str | None, confidence: float) -> bool:
    near = rules()["nip_misread"]
    return bool(
        employee_nip
        and confidence < near["max_confidence"]
        and Levenshtein.distance(value, employee_nip) <= near["max_edits"]
    )


def _birth_date_sources(emp: Employee, documents: list[Document]) -> list[tuple[Document, FieldValue]]:
    kinds = set(rules()["birth_date_documents"])
    out = [
        (d, d.fields["tanggal_lahir"])
        for d in emp.documents
        if d.doc_type in kinds and "tanggal_lahir" in d.fields
    ]
    for ktp in (d for d in documents if d.doc_type == "KTP" and "tanggal_lahir" in d.fields):
        if is_employee_ktp(ktp, emp):
            out.append((ktp, ktp.fields["tanggal_lahir"]))
    return out


def is_employee_ktp(ktp: Document, emp: Employee) -> bool:
    """A KTP is the employee's when its name matches (a spouse's KTP may lie in the dossier too)."""
    name = ktp.fields.get("nama")
    if name is None or not emp.nama:
        return False
    return names.names_match(str(name.value), emp.nama, rules()["name_match_threshold"])


def check_birth_date(emp: Employee, documents: list[Document]) -> list[Finding]:
    if not emp.birth_date or not emp.nip_source:
        return []
    ref_doc, ref_fv = emp.nip_source
    by_value: dict[str, list[tuple[Document, FieldValue]]] = {}
    for doc, fv in _birth_date_sources(emp, documents):
        if fv.value and fv.value != emp.birth_date:
            by_value.setdefault(str(fv.value), []).append((doc, fv))
    findings = []
    for value, where in by_value.items():
        docs = ", ".join(f"{d.doc_type} ({d.id})" for d, _ in where)
        nip_date = _dmy(emp.birth_date)
        findings.append(
            _finding(
                "NIP_BIRTHDATE_MISMATCH",
                f"Tanggal lahir pada NIP ({nip_date}) berbeda dengan {docs} ({_dmy(value)}).",
                [_ev(ref_doc, "nip", ref_fv), *(_ev(d, "tanggal_lahir", fv) for d, fv in where)],
                "crosscheck.yaml NIP_BIRTHDATE_MISMATCH",
            )
        )
    return findings


def _dmy(iso_date: str) -> str:
    y, m, d = iso_date.split("-")
    return f"{d}-{m}-{y}"


def check_names(emp: Employee, documents: list[Document]) -> list[Finding]:
    if not emp.nama or not emp.nama_source:
        return []
    ref_doc, ref_fv = emp.nama_source
    threshold = rules()["name_match_threshold"]
    findings = []
    candidates = [d for d in emp.documents if "nama" in d.fields]
    candidates += [d for d in documents if d.doc_type == "KTP" and _ktp_by_birth(d, emp)]
    for doc in candidates:
        fv = doc.fields["nama"]
        if names.names_match(str(fv.value), emp.nama, threshold):
            continue
        findings.append(
            _finding(
                "NAME_MISMATCH",
                f"Nama pada {doc.doc_type} ({doc.id}, hlm. {fv.page}) '{fv.value}' berbeda dengan "
                f"nama pegawai '{emp.nama}' pada {ref_doc.doc_type} ({ref_doc.id}).",
                [_ev(ref_doc, "nama", ref_fv), _ev(doc, "nama", fv)],
                "crosscheck.yaml NAME_MISMATCH",
            )
        )
    return findings


def _ktp_by_birth(ktp: Document, emp: Employee) -> bool:
    """A KTP whose name does not match is still the employee's when birth date and gender do."""
    if "nama" not in ktp.fields or is_employee_ktp(ktp, emp):
        return False
    born = ktp.fields.get("tanggal_lahir")
    gender = ktp.fields.get("jenis_kelamin")
    return bool(born and born.value == emp.birth_date and (gender is None or gender.value == emp.gender))


def check_pages(pages: list[PageResult]) -> list[Finding]:
    low = rules()["low_confidence"]
    findings = []
    for p in pages:
        c = p.classification
        reason = None
        if p.error:
            reason = f"tidak terbaca ({p.error})"
        elif c.doc_type == "UNKNOWN":
            guesses = ", ".join(f"{t} {s:.2f}" for t, s in c.candidates[:2])
            reason = f"jenis dokumen tidak dikenali (tebakan: {guesses or '-'})"
        elif c.doc_type != "BLANK" and c.confidence < low["page_classifier_below"]:
            reason = f"klasifikasi {c.doc_type} kurang yakin ({c.confidence:.2f})"
        elif (
            c.doc_type not in ("BLANK", "PAS_FOTO")
            and p.text.ocr_confidence is not None
            and p.text.ocr_confidence < low["page_ocr_below"]
        ):
            reason = f"hasil OCR buruk (keyakinan {p.text.ocr_confidence:.0f})"
        if reason:
            findings.append(
                _finding(
                    "LOW_CONFIDENCE_PAGE",
                    f"Halaman {p.ref.index} perlu dicek manual: {reason}.",
                    [Evidence(None, p.ref.index, "page", p.ref.source)],
                    "crosscheck.yaml low_confidence",
                )
            )
    return findings


def crosscheck(
    documents: list[Document], pages: list[PageResult], case_type: str, manifest_nip: str | None
) -> tuple[Employee, list[Finding]]:
    emp = resolve_employee(documents, case_type, manifest_nip)
    findings = [
        *check_nips(emp),
        *check_birth_date(emp, documents),
        *check_names(emp, documents),
        *check_pages(pages),
    ]
    return emp, findings

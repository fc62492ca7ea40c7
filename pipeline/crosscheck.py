"""Cross-check a dossier: resolve the people, then run every rule module over the documents.

Each rule module states one family of checks and cites its data (``rules/crosscheck.yaml``):
identity (NIP, NIK, names), family (spouse, children), pages (low confidence, duplicates).
"""

from __future__ import annotations

from datetime import date

from classifiers.profiles import normalise
from pipeline.checks_eligibility import check_eligibility, check_late
from pipeline.checks_family import check_children, check_event_dates, check_spouse
from pipeline.checks_identity import (
    check_birth_date,
    check_gender,
    check_names,
    check_niks,
    check_nips,
    check_tmt,
    foreign_documents,
)
from pipeline.checks_pages import check_duplicates, check_pages
from pipeline.event_corroboration import corroborate_event_dates
from pipeline.models import Document, Finding, PageResult
from pipeline.persons import Employee, repair_child_names_from_kk, repair_niks_from_kk, resolve_employee


def crosscheck(
    documents: list[Document],
    pages: list[PageResult],
    case_type: str,
    manifest_nip: str | None,
    instansi: str | None = None,
    today: date | None = None,
) -> tuple[Employee, list[Finding]]:
    repair_niks_from_kk(documents)
    repair_child_names_from_kk(documents)
    corroborate_event_dates(documents)
    emp = resolve_employee(documents, case_type, manifest_nip)
    foreign = foreign_documents(emp)
    by_index = {p.ref.index: p for p in pages}
    kk_text = " ".join(
        normalise(by_index[i].text.text) for d in documents if d.doc_type == "KK" for i in d.pages if i in by_index
    )
    findings = [
        *check_nips(emp, foreign),
        *check_birth_date(emp, documents, foreign),
        *check_tmt(emp, documents),
        *check_gender(emp, documents),
        *check_names(emp, documents, foreign),
        *check_niks(documents),
        *check_spouse(emp, documents, kk_text),
        *check_children(documents, kk_text),
        *check_event_dates(documents),
        *check_eligibility(emp, documents, case_type, today or date.today()),
        *check_late(emp, documents, case_type, instansi),
        *check_pages(pages),
        *check_duplicates(pages),
    ]
    return emp, findings

"""Case-type rules: is the employee eligible for this kind of pension, and is the berkas in time?

- ELIGIBILITY: the conditions of the case type (pipeline/pension.py, rules/pension.yaml: BUP masa
  kerja, APS age and masa kerja, perampingan, uzur), from the NIP's birth date and TMT CPNS,
  the golongan on the SK CPNS and SK pangkat, and the jabatan;
- LATE_SUBMISSION: a BUP berkas dated later than the agency's lead time before TMT pensiun.
Both stay silent when a value they need was not read: never a guess.
"""

from __future__ import annotations

from datetime import date

from pipeline import dates, pension
from pipeline.findings import ev, finding
from pipeline.models import Document, Evidence, FieldValue, Finding
from pipeline.persons import Employee


def _first(documents: list[Document], types: tuple[str, ...], field: str) -> tuple[Document, FieldValue] | None:
    for doc_type in types:
        for doc in documents:
            if doc.doc_type == doc_type and field in doc.fields:
                return doc, doc.fields[field]
    return None


def _submitted(documents: list[Document]) -> tuple[Document, FieldValue] | None:
    """The date the berkas was sent: the pengantar's, else the permohonan's."""
    return _first(documents, ("SURAT_PENGANTAR", "SURAT_PERMOHONAN"), "tanggal_dokumen")


def check_eligibility(emp: Employee, documents: list[Document], case_type: str, today: date) -> list[Finding]:
    birth, tmt_cpns = dates.from_iso(emp.birth_date), dates.from_iso(emp.tmt_cpns)
    if birth is None or emp.nip_source is None:
        return []
    jabatan = _first(documents, ("SK_JABATAN", "DPCP", "SURAT_PERMOHONAN", "SK_PANGKAT", "SKP"), "jabatan")
    gol_awal = _first(documents, ("SK_CPNS",), "golongan")
    gol_akhir = _first(documents, ("SK_PANGKAT", "DPCP"), "golongan")
    sent = _submitted(documents)
    on = dates.from_iso(sent[1].value) if sent else None
    # Masa kerja at appointment (honorer years recognised on the SK CPNS): unread -> no masa kerja verdict.
    mk = _first(documents, ("SK_CPNS",), "masa_kerja_golongan")
    mk_awal = tuple(int(v) for v in str(mk[1].value).split("-")) if mk else None
    try:
        problems = pension.check_eligibility(
            case_type,
            birth,
            tmt_cpns,
            on or today,
            str(jabatan[1].value) if jabatan else None,
            gol_awal=str(gol_awal[1].value) if gol_awal else None,
            gol_akhir=str(gol_akhir[1].value) if gol_akhir else None,
            mk_awal=mk_awal,  # type: ignore[arg-type]
        )
    except ValueError:  # a golongan read lower at the end than at the start: no verdict
        return []
    ref_doc, ref_fv = emp.nip_source
    evidence = [ev(ref_doc, "nip", ref_fv)]
    evidence += [
        ev(d, name, fv)
        for name, found in (("jabatan", jabatan), ("tanggal_dokumen", sent), ("masa_kerja_golongan", mk))
        if found
        for d, fv in [found]
    ]
    return [
        finding("ELIGIBILITY", f"{p.message} ({p.source})", list(evidence), f"pension.yaml {p.rule_id}")
        for p in problems
    ]


def check_late(emp: Employee, documents: list[Document], case_type: str, instansi: str | None) -> list[Finding]:
    birth = dates.from_iso(emp.birth_date)
    sent = _submitted(documents)
    if case_type != "BUP" or birth is None or sent is None or dates.from_iso(sent[1].value) is None:
        return []
    jabatan = _first(documents, ("SK_JABATAN", "DPCP", "SURAT_PERMOHONAN"), "jabatan")
    age, age_source = pension.bup_age(str(jabatan[1].value) if jabatan else None)
    tmt = pension.tmt_pensiun(birth, age)
    late, reason = pension.is_late(dates.from_iso(sent[1].value), tmt, instansi)
    if not late:
        return []
    doc, fv = sent
    return [
        finding(
            "LATE_SUBMISSION",
            f"{reason} BUP {age} tahun ({age_source}).",
            [ev(doc, "tanggal_dokumen", fv), Evidence(None, None, "tmt_pensiun", tmt.isoformat())],
            values=(fv,),
        )
    ]

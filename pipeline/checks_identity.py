"""Identity rules: NIP and NIK, each against the employee and against the person's other documents.

- NIP_INVALID, NIP_MISMATCH, FOREIGN_PAGE: the NIP on every personnel document;
- NIP_BIRTHDATE_MISMATCH, NIP_TMT_MISMATCH, NIP_GENDER_MISMATCH: what the NIP encodes (birth
  date, TMT CPNS, gender digit) against what the SK CPNS, DPCP, KTP and KK print;
- NAME_MISMATCH: the employee's name across documents, gelar and OCR noise tolerated;
- NIK_INVALID, NIK_BIRTHDATE_MISMATCH: every NIK (KTP, KK rows) against its own birth date/gender.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline import dates, nik, nip, wilayah
from pipeline.findings import dmy, ev, finding, rules, where
from pipeline.models import Document, Evidence, FieldValue, Finding
from pipeline.persons import Employee, employee_ktps, kk_members, member_fv, member_named, same_name


def _misread_of(value: str, employee_nip: str | None, confidence: float) -> bool:
    """The reading is the employee's NIP misread: a digit or two off it at low confidence, or a
    fragment of it (crosscheck.yaml nip_fragment_max_digits) with at most that many digits off."""
    near = rules()["nip_misread"]
    if not employee_nip:
        return False
    lost = len(employee_nip) - len(value)
    if len(value) <= rules()["nip_fragment_max_digits"] and lost > 0:
        return Levenshtein.distance(value, employee_nip) - lost <= near["max_edits"]
    return confidence < near["max_confidence"] and Levenshtein.distance(value, employee_nip) <= near["max_edits"]


def _birth_digit_misread(doc: Document, fv: FieldValue, employee_nip: str) -> bool:
    """The document's NIP differs from the employee's in one digit of its birth date only, was read
    with low confidence (crosscheck.yaml nip_misread.max_confidence), and the document's own birth
    date is the one the employee's NIP encodes: the page prints that NIP, OCR misread a digit
    ("19691211" on a karpeg whose "Tgl. Lahir" reads 10-12-1969). Another employee's NIP differs
    in its sequence; an NIP whose birth date disagrees with the dossier's differs on every page."""
    value = str(fv.value)
    if len(value) != len(employee_nip) or fv.confidence >= rules()["nip_misread"]["max_confidence"]:
        return False
    differ = [n for n, (a, b) in enumerate(zip(value, employee_nip, strict=True)) if a != b]
    born = doc.fields.get("tanggal_lahir")
    encoded = nip.decode_nip(employee_nip).birth_date
    return (
        len(differ) == 1
        and differ[0] < 8
        and born is not None
        and encoded is not None
        and str(born.value) == encoded.isoformat()
    )


def foreign_documents(emp: Employee) -> set[str]:
    """Documents about someone else: no block is the employee's, and the document's own person
    has another valid NIP and another name (a page of another berkas)."""
    out = set()
    for doc in emp.documents:
        fv, name = doc.fields.get("nip"), doc.fields.get("nama")
        if doc.person_match or not (emp.nip and emp.nama and fv and name) or fv.value == emp.nip:
            continue
        info = nip.decode_nip(str(fv.value))
        if info.kind == "baru" and info.is_valid and not same_name(name.value, emp.nama):
            out.add(doc.id)
    return out


def _speaks_of_employee(doc: Document) -> bool:
    """The document's person fields are the employee's: recognised by name, or the only person."""
    return doc.person_match == "nama" or (len(doc.persons) <= 1 and "nama" not in doc.fields)


def check_nips(emp: Employee, foreign: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for doc in emp.documents:
        fv = doc.fields.get("nip")
        if fv is None or fv.value == emp.nip:
            continue
        info = nip.decode_nip(str(fv.value))
        if doc.id in foreign:
            name = doc.fields["nama"]
            findings.append(
                finding(
                    "FOREIGN_PAGE",
                    f"{where(doc, fv)} atas nama '{name.value}' dengan NIP lain: bukan berkas pegawai "
                    f"'{emp.nama}'. Keluarkan dari berkas.",
                    [ev(doc, "nip", fv), ev(doc, "nama", name)],
                    values=(fv, name),
                )
            )
        elif not info.is_valid and (_speaks_of_employee(doc) or _misread_of(str(fv.value), emp.nip, fv.confidence)):
            f = finding(
                "NIP_INVALID",
                f"NIP pada {where(doc, fv)} tidak valid: {'; '.join(info.problems)}.",
                [ev(doc, "nip", fv)],
            )
            if _misread_of(str(fv.value), emp.nip, fv.confidence):
                # One or two digits off the employee's NIP and read with low confidence: most
                # likely OCR lost a digit. Still shown, as a warning the verifier can settle.
                f.severity = "warning"
                f.message += " Kemungkinan salah baca OCR; cocokkan dengan dokumen asli."
            findings.append(f)
        elif (
            emp.nip
            and emp.nip_source
            and info.kind == "baru"
            and info.is_valid
            and _speaks_of_employee(doc)
            and not _birth_digit_misread(doc, fv, emp.nip)
        ):
            ref_doc, ref_fv = emp.nip_source
            findings.append(
                finding(
                    "NIP_MISMATCH",
                    f"NIP pada {where(doc, fv)} berbeda dengan NIP pegawai pada {where(ref_doc, ref_fv)}.",
                    [ev(ref_doc, "nip", ref_fv), ev(doc, "nip", fv)],
                    values=(fv,),
                )
            )
    return findings


def _birth_date_sources(emp: Employee, documents: list[Document]) -> list[tuple[Document, FieldValue]]:
    kinds = set(rules()["birth_date_documents"])
    out = [(d, d.fields["tanggal_lahir"]) for d in emp.documents if d.doc_type in kinds and "tanggal_lahir" in d.fields]
    out += [(d, d.fields["tanggal_lahir"]) for d in employee_ktps(documents, emp) if "tanggal_lahir" in d.fields]
    return out


def check_birth_date(emp: Employee, documents: list[Document], foreign: set[str]) -> list[Finding]:
    if not emp.birth_date or not emp.nip_source:
        return []
    ref_doc, ref_fv = emp.nip_source
    by_value: dict[str, list[tuple[Document, FieldValue]]] = {}
    for doc, fv in _birth_date_sources(emp, documents):
        if fv.value and fv.value != emp.birth_date and doc.id not in foreign:
            by_value.setdefault(str(fv.value), []).append((doc, fv))
    findings = []
    for value, places in by_value.items():
        docs = ", ".join(f"{d.doc_type} ({d.id})" for d, _ in places)
        findings.append(
            finding(
                "NIP_BIRTHDATE_MISMATCH",
                f"Tanggal lahir pada NIP ({dmy(emp.birth_date)}) berbeda dengan {docs} ({dmy(value)}).",
                [ev(ref_doc, "nip", ref_fv), *(ev(d, "tanggal_lahir", fv) for d, fv in places)],
                values=tuple(fv for _, fv in places),
            )
        )
    return findings


def check_tmt(emp: Employee, documents: list[Document]) -> list[Finding]:
    """The TMT CPNS in the NIP (digits 9-14, year and month) against the SK CPNS."""
    if not emp.tmt_cpns or not emp.nip_source:
        return []
    ref_doc, ref_fv = emp.nip_source
    findings = []
    for doc in (d for d in documents if d.doc_type == "SK_CPNS" and "tmt" in d.fields):
        tmt = doc.fields["tmt"]
        if str(tmt.value)[:7] != emp.tmt_cpns[:7]:
            findings.append(
                finding(
                    "NIP_TMT_MISMATCH",
                    f"TMT CPNS pada NIP ({emp.tmt_cpns[5:7]}-{emp.tmt_cpns[:4]}) berbeda dengan TMT pada "
                    f"{where(doc, tmt)} ({dmy(str(tmt.value))}).",
                    [ev(ref_doc, "nip", ref_fv), ev(doc, "tmt", tmt)],
                    values=(tmt,),
                )
            )
    return findings


def check_gender(emp: Employee, documents: list[Document]) -> list[Finding]:
    """The gender digit of the NIP (15th) against the KTP, the DPCP and the employee's KK row."""
    if not emp.gender or not emp.nip_source:
        return []
    ref_doc, ref_fv = emp.nip_source
    places: list[tuple[Document, FieldValue]] = []
    for doc in [*employee_ktps(documents, emp), *(d for d in emp.documents if d.doc_type == "DPCP")]:
        if "jenis_kelamin" in doc.fields:
            places.append((doc, doc.fields["jenis_kelamin"]))
    row = member_named(kk_members(documents), emp.nama) if emp.nama else None
    if row and row[1].get("jenis_kelamin"):
        fv = member_fv(*row)
        places.append((row[0], FieldValue(row[1]["jenis_kelamin"], fv.page, fv.confidence, fv.bbox)))
    label = {"L": "laki-laki", "P": "perempuan"}
    return [
        finding(
            "NIP_GENDER_MISMATCH",
            f"Digit jenis kelamin NIP ({label.get(emp.gender, emp.gender)}) berbeda dengan {where(doc, fv)} "
            f"({label.get(str(fv.value), fv.value)}).",
            [ev(ref_doc, "nip", ref_fv), ev(doc, "jenis_kelamin", fv)],
            values=(fv,),
        )
        for doc, fv in places
        if fv.value in ("L", "P") and fv.value != emp.gender
    ]


def check_names(emp: Employee, documents: list[Document], foreign: set[str]) -> list[Finding]:
    if not emp.nama or not emp.nama_source:
        return []
    ref_doc, ref_fv = emp.nama_source
    candidates = [d for d in emp.documents if "nama" in d.fields and d.id not in foreign]
    candidates += [d for d in employee_ktps(documents, emp) if d not in candidates]
    return [
        finding(
            "NAME_MISMATCH",
            f"Nama pada {where(doc, doc.fields['nama'])} '{doc.fields['nama'].value}' berbeda dengan nama pegawai "
            f"'{emp.nama}' pada {where(ref_doc, ref_fv)}.",
            [ev(ref_doc, "nama", ref_fv), ev(doc, "nama", doc.fields["nama"])],
            values=(doc.fields["nama"],),
        )
        for doc in candidates
        if not same_name(doc.fields["nama"].value, emp.nama)
    ]


def _nik_people(documents: list[Document]) -> list[tuple[Document, FieldValue, FieldValue | None, str | None, Any]]:
    """(document, nik value, birth date, gender, holder's name) for every NIK printed with its owner's
    data. Each value carries the certainty it was read with: a KK row's NIK the lower of its row's and
    its own word's (the table's small print), so a finding resting on it can say it is unsure."""
    out = []
    for doc in documents:
        if doc.doc_type == "KTP" and "nik" in doc.fields:
            born, gender = doc.fields.get("tanggal_lahir"), doc.fields.get("jenis_kelamin")
            holder = doc.fields["nama"].value if "nama" in doc.fields else None
            out.append((doc, doc.fields["nik"], born, gender.value if gender else None, holder))
    for doc, member in kk_members(documents):
        if member.get("nik"):
            fv = member_fv(doc, member)
            certainty = min(fv.confidence, member.get("nik_confidence", fv.confidence))
            born = member.get("tanggal_lahir")
            out.append(
                (
                    doc,
                    FieldValue(member["nik"], fv.page, certainty, fv.bbox),
                    FieldValue(born, fv.page, fv.confidence, fv.bbox) if born else None,
                    member.get("jenis_kelamin"),
                    member.get("nama"),
                )
            )
    return out


def _kk_row_confirmed(holder: str | None, read: str, born: str | None, documents: list[Document]) -> bool:
    """Whether a KK row's NIK that disagrees with the row's own birth date does so in fact, not by a
    misread digit of the table's small print: the person's other documents (same name: the akta,
    the KTP, the employee's own papers) print the row's birth date, none prints the date the NIK
    encodes, and no card of that name reads the NIK otherwise. Unconfirmed, the table's reading is
    not evidence enough; the card holder's own NIK is checked on the KTP itself."""
    if not holder:
        return False
    others = [
        d for d in documents if d.doc_type != "KK" and "nama" in d.fields and same_name(d.fields["nama"].value, holder)
    ]
    printed = {str(d.fields["tanggal_lahir"].value) for d in others if "tanggal_lahir" in d.fields}
    encoded = nik.decode_nik(read).birth_date
    if encoded is not None and any(p[2:] == encoded.isoformat()[2:] for p in printed):
        return False  # the row's date was misread: another document prints the NIK's
    cards = {str(d.fields["nik"].value) for d in others if d.doc_type == "KTP" and "nik" in d.fields}
    return born in printed and not (cards - {read})


def check_niks(documents: list[Document]) -> list[Finding]:
    findings = []
    for doc, fv, born_fv, gender, holder in _nik_people(documents):
        info = nik.decode_nik(str(fv.value))
        evidence = [Evidence(doc.id, fv.page, "nik", fv.value)]
        born = str(born_fv.value) if born_fv is not None else None
        if not info.is_valid:
            findings.append(
                finding(
                    "NIK_INVALID",
                    f"NIK pada {where(doc, fv)} tidak valid: {'; '.join(info.problems)}.",
                    evidence,
                    values=(fv,),
                )
            )
            continue
        birth = dates.from_iso(born)
        if wilayah.region_of(str(fv.value)) is None:
            findings.append(
                finding(
                    "NIK_INVALID",
                    f"Kode wilayah NIK pada {where(doc, fv)} ({str(fv.value)[:6]}) tidak ada di daftar kode "
                    "wilayah Kemendagri 2025; bisa karena pemekaran wilayah atau salah baca. Periksa.",
                    evidence,
                    "wilayah: pipeline/data/kode_wilayah_prov_kab_kec.csv",
                    values=(fv,),
                )
            )
            findings[-1].severity = "warning"
        problems = nik.nik_matches_birth(info, birth, gender)
        if problems and doc.doc_type == "KK" and not _kk_row_confirmed(holder, str(fv.value), born, documents):
            continue
        if problems:
            findings.append(
                finding(
                    "NIK_BIRTHDATE_MISMATCH",
                    f"NIK pada {where(doc, fv)} tidak sesuai dengan tanggal lahir/jenis kelamin yang tercetak "
                    f"({dmy(born)}, {gender or '-'}): {'; '.join(problems)}.",
                    [*evidence, Evidence(doc.id, fv.page, "tanggal_lahir", born)],
                    values=(fv, *([born_fv] if born_fv is not None else [])),
                )
            )
    return findings

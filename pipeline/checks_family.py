"""Family rules: the spouse and children across surat nikah, KK and akta kelahiran.

- SPOUSE_MISMATCH: the spouse named on the surat nikah is not the spouse on the KK;
- CHILD_NOT_IN_KK: a child with an akta kelahiran is not a member of the KK;
- DATE_MISMATCH: a child's birth date differs between the akta and the KK row; the date of the
  marriage or of the death differs between the document recording it and another that states it.
A rule stays silent when its documents are missing: the checklist reports those.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline import names
from pipeline.event_corroboration import statements
from pipeline.findings import dmy, ev, finding, rules, where
from pipeline.models import Document, Evidence, FieldValue, Finding
from pipeline.persons import Employee, kk_members, member_fv, member_named, same_name

SPOUSE_RELATIONS = {"ISTRI", "SUAMI"}


def printed_on(name: Any, text: str) -> bool:
    """The name appears somewhere in the text (a KK row the table reader could not split)."""
    wanted = normalise(names.strip_gelar(str(name)))
    return bool(wanted) and fuzz.partial_ratio(wanted, text) >= rules()["name_on_page_ratio"]


def birth_date_printed_on(iso_date: Any, text: str) -> bool:
    """The date appears on the (normalised) KK text as its table prints birth dates, DD-MM-YYYY or
    DD/MM/YYYY: a member born that day is listed, though the table reader lost the row or its
    name. A KK prints no other date of a child's life, so another member is the only confusion,
    and two members born the same day (twins) are both listed anyway."""
    if not isinstance(iso_date, str) or len(iso_date) != 10:
        return False
    year, month, day = iso_date.split("-")
    padded = f" {text} "
    return any(f" {day}{sep}{month}{sep}{year} " in padded for sep in (" ", "/"))


def _nikah_spouse(doc: Document, emp: Employee) -> tuple[str, FieldValue] | None:
    """(field, value) of the employee's spouse on a surat nikah: the partner who is not the employee.
    Told first by the employee's name on the akta, then by gender: the gender digit of the NIP may
    itself be the dossier's defect (NIP_GENDER_MISMATCH), which must not turn the employee into
    their own spouse."""
    husband, wife = doc.fields.get("nama_suami"), doc.fields.get("nama_isteri")
    if emp.nama and husband and wife:
        is_husband, is_wife = same_name(husband.value, emp.nama), same_name(wife.value, emp.nama)
        if is_husband != is_wife:
            return ("nama_isteri", wife) if is_husband else ("nama_suami", husband)
    if emp.gender == "L" and wife:
        return "nama_isteri", wife
    if emp.gender == "P" and husband:
        return "nama_suami", husband
    for field, fv in (("nama_suami", husband), ("nama_isteri", wife)):
        if fv and emp.nama and not same_name(fv.value, emp.nama):
            return field, fv
    return None


def _kk_spouses(members: list[tuple[Document, dict[str, Any]]], emp: Employee) -> list[tuple[Document, dict]]:
    """The employee's spouse rows on the KK: ISTRI/SUAMI rows, or the head when the employee is not."""
    spouses = [(d, m) for d, m in members if (m.get("hubungan") or "") in SPOUSE_RELATIONS]
    own = member_named(members, emp.nama) if emp.nama else None
    if own and (own[1].get("hubungan") or "") in SPOUSE_RELATIONS:
        spouses = [(d, m) for d, m in members if m.get("hubungan") == "KEPALA KELUARGA"]
    return spouses


def check_spouse(emp: Employee, documents: list[Document], kk_text: str) -> list[Finding]:
    members = kk_members(documents)
    if not members:
        return []
    findings = []
    for doc in (d for d in documents if d.doc_type == "SURAT_NIKAH"):
        spouse = _nikah_spouse(doc, emp)
        if spouse is None:
            continue
        field, fv = spouse
        rows = _kk_spouses(members, emp)
        if any(same_name(m.get("nama", ""), fv.value) for _, m in rows):
            continue
        if rows:
            kk_doc, row = rows[0]
            message = (
                f"Pasangan pada {where(doc, fv)} '{fv.value}' berbeda dengan pasangan pada KK "
                f"({kk_doc.id}) '{row.get('nama')}'."
            )
            evidence = [ev(doc, field, fv), ev(kk_doc, "anggota", member_fv(kk_doc, row))]
        elif member_named(members, fv.value) or printed_on(fv.value, kk_text):
            continue  # listed on the KK, only its row or relation could not be read
        else:
            kk_doc = members[0][0]
            message = f"Pasangan pada {where(doc, fv)} '{fv.value}' tidak tercantum pada KK ({kk_doc.id})."
            evidence = [ev(doc, field, fv), Evidence(kk_doc.id, kk_doc.pages[0], "anggota", None)]
        findings.append(finding("SPOUSE_MISMATCH", message, evidence, values=(fv,)))
    return findings


def check_children(documents: list[Document], kk_text: str) -> list[Finding]:
    members = kk_members(documents)
    if not members:
        return []
    findings = []
    for doc in (d for d in documents if d.doc_type == "AKTA_KELAHIRAN" and "nama" in d.fields):
        child = doc.fields["nama"]
        born = doc.fields.get("tanggal_lahir")
        row = member_named(members, child.value, born.value if born else None)
        listed = printed_on(child.value, kk_text) or (born is not None and birth_date_printed_on(born.value, kk_text))
        if row is None and not listed:
            kk_doc = members[0][0]
            blurred = _blurred_row(members, child.value, born.value if born else None)
            message = (
                f"Anak '{child.value}' dengan akta kelahiran {where(doc, child)} tidak tercantum pada KK ({kk_doc.id})."
            )
            evidence = [ev(doc, "nama", child), Evidence(kk_doc.id, kk_doc.pages[0], "anggota", None)]
            if blurred is not None:
                row_doc, member = blurred
                message += (
                    f" Baris KK '{member.get('nama')}' ({dmy(member.get('tanggal_lahir'))}) terbaca kurang jelas "
                    "dan mungkin anak ini."
                )
                evidence[1] = ev(row_doc, "anggota", member_fv(row_doc, member))
            values = (child, member_fv(*blurred)) if blurred is not None else (child,)
            shown, table = kk_doc.fields.get("jumlah_anggota"), kk_doc.fields.get("anggota")
            if blurred is None and shown is not None and table is not None and shown.value > len(table.value):
                message += f" Tabel KK memuat {shown.value} baris, hanya {len(table.value)} yang terbaca."
                # the list's certainty of being whole: the share of its rows read
                whole = table.confidence * len(table.value) / shown.value
                values = (child, FieldValue(table.value, table.page, whole, table.bbox))
            findings.append(finding("CHILD_NOT_IN_KK", message, evidence, values=values))
            continue
        if row is None:
            continue
        kk_doc, member = row
        if born and member.get("tanggal_lahir") and born.value != member["tanggal_lahir"]:
            fv = member_fv(kk_doc, member)
            findings.append(
                finding(
                    "DATE_MISMATCH",
                    f"Tanggal lahir '{child.value}' pada {where(doc, born)} ({dmy(born.value)}) berbeda dengan "
                    f"KK ({kk_doc.id}, hlm. {fv.page}) ({dmy(member['tanggal_lahir'])}).",
                    [ev(doc, "tanggal_lahir", born), ev(kk_doc, "anggota", fv, member["tanggal_lahir"])],
                    values=(born, fv),
                )
            )
    return findings


def _blurred_row(
    members: list[tuple[Document, dict[str, Any]]], child: str, born: str | None
) -> tuple[Document, dict[str, Any]] | None:
    """A KK row read unsurely (below unsure_below) that may be the child the cross-check did not
    find: born on the same day and month (its year misread, "1900-11-14" for 1999-11-14) or with the
    same first name ("INTAN Rasasawsay)"). Its reading then makes CHILD_NOT_IN_KK an unsure one."""
    first = names.strip_gelar(child).split()[:1]
    for doc, member in members:
        if member_fv(doc, member).confidence >= rules()["unsure_below"]:
            continue
        day = str(member.get("tanggal_lahir") or "")
        if born and len(day) == 10 and len(born) == 10 and day[5:] == born[5:]:
            return doc, member
        if first and names.strip_gelar(str(member.get("nama") or "")).split()[:1] == first:
            return doc, member
    return None


EVENT_NAMES = {"tanggal_nikah": "Tanggal pernikahan", "tanggal_meninggal": "Tanggal meninggal"}


def check_event_dates(documents: list[Document]) -> list[Finding]:
    """Marriage and death dates (rules: crosscheck.yaml ``event_dates``) against their record."""
    findings = []
    for field, sources in rules()["event_dates"].items():
        stated = statements(documents, field)
        records = [(d, fv) for d, fv in stated if d.doc_type in sources]
        if len({fv.value for _, fv in records}) != 1:
            continue  # no record, or two that disagree (a second marriage): nothing to hold others to
        ref_doc, ref = records[0]
        label = EVENT_NAMES.get(field, field)
        for doc, fv in stated:
            if doc.doc_type in sources or fv.value == ref.value:
                continue
            findings.append(
                finding(
                    "DATE_MISMATCH",
                    f"{label} pada {where(doc, fv)} ({dmy(fv.value)}) berbeda dengan {where(ref_doc, ref)} "
                    f"({dmy(ref.value)}).",
                    [ev(ref_doc, field, ref), ev(doc, field, fv)],
                    values=(ref, fv),
                )
            )
    return findings

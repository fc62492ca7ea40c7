"""Person resolution: who the employee is, and which person block of each document is theirs.

Rules talk about persons, not pages. The employee is the manifest's NIP, else the NIP most
personnel documents carry (each document votes once per NIP it names, so a signing official who
appears on a few letters loses to the employee who appears on nearly all); the name is the one
most documents agree on. Family members come from the KK member table, the surat nikah and the
akta kelahiran, matched by name (gelar and OCR noise tolerated) and NIK.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from rapidfuzz.distance import Hamming, Levenshtein

from pipeline import dates, glyphs, names, nik, nik_region, nip, two_readings, wilayah
from pipeline.extract import PERSON_FIELDS
from pipeline.findings import rules
from pipeline.models import Document, FieldValue


@dataclass
class Employee:
    nip: str | None = None
    nip_source: tuple[Document, FieldValue] | None = None
    nama: str | None = None
    nama_source: tuple[Document, FieldValue] | None = None
    birth_date: str | None = None  # ISO, from the NIP
    tmt_cpns: str | None = None  # ISO, from the NIP
    gender: str | None = None
    documents: list[Document] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "nama": self.nama,
            "nip": self.nip,
            "tanggal_lahir": self.birth_date,
            "tmt_cpns": self.tmt_cpns,
            "jenis_kelamin": self.gender,
        }


def same_name(a: Any, b: Any) -> bool:
    return names.names_match(str(a), str(b), rules()["name_match_threshold"])


def employee_documents(documents: list[Document], case_type: str) -> list[Document]:
    r = rules()
    kinds = set(r["employee_documents"])
    if case_type in r["heir_case_types"]:
        kinds -= set(r["heir_documents"])
    return [d for d in documents if d.doc_type in kinds]


def resolve_employee(documents: list[Document], case_type: str, manifest_nip: str | None) -> Employee:
    emp = Employee(documents=employee_documents(documents, case_type))
    # Each document votes once for each valid NIP it reads, with the certainty of its surest
    # reading of it: one blurred 6 read as 8 on five of a dossier's ten documents (seed 47251
    # berkas-0033, read at 0.66-0.94) ties with the NIP read at 0.74-0.96 on the other five by count.
    votes: Counter[str] = Counter()
    for d in emp.documents:
        read: dict[str, float] = {}
        for b in [*(d.persons or [d.fields]), *d.signers]:
            if "nip" in b and nip.decode_nip(str(b["nip"].value)).is_valid:
                value = str(b["nip"].value)
                read[value] = max(read.get(value, 0.0), b["nip"].confidence)
        votes.update(read)
    if manifest_nip and nip.decode_nip(manifest_nip).is_valid:
        emp.nip = manifest_nip
    elif votes:
        emp.nip = votes.most_common(1)[0][0]
    if emp.nip:
        corroborate_nips(documents, emp.nip)
        info = nip.decode_nip(emp.nip)
        emp.birth_date, emp.tmt_cpns, emp.gender = (
            dates.iso(info.birth_date),
            dates.iso(info.tmt_cpns),
            info.gender,
        )
        for d in emp.documents:
            select_block(d, lambda b: "nip" in b and b["nip"].value == emp.nip, "nip")
        # the surest reading is the evidence findings cite for the employee's NIP (not one that
        # corroborate_nips put right, whose certainty it lowered)
        emp.nip_source = max(
            ((d, d.fields["nip"]) for d in emp.documents if "nip" in d.fields and d.fields["nip"].value == emp.nip),
            key=lambda item: item[1].confidence,
            default=None,
        )
    named = [(d, d.fields["nama"]) for d in emp.documents if "nama" in d.fields]
    if named:
        # The name that agrees with most other documents (OCR noise tolerated) is the employee's.
        def support(item: tuple[Document, FieldValue]) -> float:
            return sum(names.name_similarity(str(item[1].value), str(o[1].value)) for o in named)

        best = max(named, key=support)
        emp.nama, emp.nama_source = str(best[1].value), best
        for d in emp.documents:
            if not (emp.nip and "nip" in d.fields and d.fields["nip"].value == emp.nip):
                select_block(d, lambda b: "nama" in b and same_name(b["nama"].value, emp.nama), "nama")
    return emp


def corroborate_nips(documents: list[Document], employee_nip: str) -> None:
    """A document's unsure NIP one digit off the employee's put right from the surer readings of it
    on other documents (crosscheck.yaml nip_corroboration): a KARPEG's "...2005011043" for
    ...2008..., read at 0.6 where three SKs read ...2008... at 0.95. Both readings must be valid NIPs
    of the same length (a digit lost or added stays NIP_INVALID), and the employee's NIP must be
    read on enough documents, the best of them surer by the margin. The value keeps a lowered
    certainty, so a verifier still looks at it.

    A reading the report marks unsure anyway (crosscheck.yaml ``unsure_below``) may be two digits
    off ("198709082009011099" for 196709092009011099 at 0.58).

    A misreading may repeat: a blurred copy's 6 read as 8 on several documents (seeds 41231
    berkas-0013, 47251 berkas-0033: 3 and 5 documents, read at 0.66-0.94). Until seed 47251 a value
    read on two documents was taken for a printed NIP and left as read; now each unsure reading is
    put right on its own terms, and one read surely stays as read (NIP_MISMATCH says so), as a typo
    printed on two documents would be. Simulated on the stored reports of seven seeds (about 280
    dossiers): 6 readings on 2 dossiers put right, none the truth holds changed; 13 with the two-digit
    rule."""
    spec = rules()["nip_corroboration"]
    readings: dict[str, list[tuple[Document, FieldValue]]] = {}
    for doc in documents:
        for fv in {id(b["nip"]): b["nip"] for b in _nip_blocks(doc)}.values():
            readings.setdefault(str(fv.value), []).append((doc, fv))
    sure = readings.get(employee_nip, [])
    if len({id(d) for d, _ in sure}) < spec["min_documents"]:
        return
    for value, found in readings.items():
        if not _nip_misread_of(value, employee_nip, spec["unsure_max_edits"]):
            continue
        # two digits off: only a reading the report marks unsure anyway
        below = spec["below"]
        if Hamming.distance(value, employee_nip) > spec["max_edits"]:
            below = min(below, rules()["unsure_below"])
        for doc, read in found:
            # a lone NIP line (a signature's) is left as read: taken for the employee's, it would
            # become the document's person and drop the name and golongan read in its own block
            if not any(len(b) > 1 and b["nip"].value == value for b in _nip_blocks(doc)):
                continue
            surest = max((fv.confidence for d, fv in sure if d is not doc), default=0.0)
            if read.confidence >= below or round(surest - read.confidence, 6) < spec["margin"]:
                continue
            fixed = FieldValue(employee_nip, read.page, round(read.confidence * KK_CONFIRMED_CERTAINTY, 3), read.bbox)
            for block in _nip_blocks(doc):
                if block["nip"] is read:
                    block["nip"] = fixed


def _nip_blocks(doc: Document) -> list[dict[str, FieldValue]]:
    return [b for b in [doc.fields, *(doc.persons or []), *doc.signers] if "nip" in b]


def _nip_misread_of(value: str, employee_nip: str, max_edits: int) -> bool:
    return (
        len(value) == len(employee_nip)
        and Hamming.distance(value, employee_nip) <= max_edits
        and nip.decode_nip(value).is_valid
    )


def select_block(doc: Document, is_employee: Callable[[dict[str, FieldValue]], bool], how: str) -> None:
    """Make the document's person fields those of the block that is the employee, if one is."""
    block = next((b for b in [*(doc.persons or [doc.fields]), *doc.signers] if is_employee(b)), None)
    if block is None:
        return
    doc.person_match = doc.person_match or how
    if block is doc.fields or all(doc.fields.get(k) == v for k, v in block.items()):
        return  # already the document's person (values read outside the block, such as a name from a table, stay)
    current = {k: v for k, v in doc.fields.items() if k in PERSON_FIELDS}
    kept = current if same_person(current, block) else {}
    for name in PERSON_FIELDS:
        doc.fields.pop(name, None)
    doc.fields.update({**kept, **block})


def same_person(a: dict[str, FieldValue], b: dict[str, FieldValue]) -> bool:
    """Two person blocks of one document that are one person read twice, so that the values only
    one of them holds belong to both: a karpeg's card (Nama, NIP lama, Tempat/Tgl. Lahir) and its
    konversi page (NIP baru, Nama); a DPCP's "Yang bersangkutan" signature NIP and its own block
    whose NIP OCR damaged. At least one value must agree and none may disagree: the NIP equal, or
    one reading invalid while both start with the same birth date (a digit lost further on); the
    names within tolerance; any other value equal."""
    shared = set(a) & set(b)
    agree = 0
    for key in shared:
        x, y = str(a[key].value), str(b[key].value)
        if key == "nip":
            same = x == y or (_nip_misread(x) or _nip_misread(y)) and len(x) > 8 and x[:8] == y[:8]
        elif key == "nama":
            same = same_name(x, y)
        else:
            same = x == y
        if not same:
            return False
        agree += key in ("nip", "nama")
    return agree > 0


def _nip_misread(value: str) -> bool:
    return not nip.decode_nip(value).is_valid


def is_employee_ktp(ktp: Document, emp: Employee) -> bool:
    """A KTP is the employee's when its name matches (a spouse's KTP may lie in the dossier too)."""
    name = ktp.fields.get("nama")
    return bool(name is not None and emp.nama and same_name(name.value, emp.nama))


def ktp_by_birth(ktp: Document, emp: Employee) -> bool:
    """A KTP whose name does not match is still the employee's when birth date and gender do."""
    if "nama" not in ktp.fields or is_employee_ktp(ktp, emp):
        return False
    born = ktp.fields.get("tanggal_lahir")
    gender = ktp.fields.get("jenis_kelamin")
    return bool(born and born.value == emp.birth_date and (gender is None or gender.value == emp.gender))


def employee_ktps(documents: list[Document], emp: Employee) -> list[Document]:
    return [d for d in documents if d.doc_type == "KTP" and (is_employee_ktp(d, emp) or ktp_by_birth(d, emp))]


def kk_members(documents: list[Document]) -> list[tuple[Document, dict[str, Any]]]:
    out = []
    for doc in documents:
        members = doc.fields.get("anggota")
        if doc.doc_type == "KK" and members and isinstance(members.value, list):
            out.extend((doc, m) for m in members.value)
    return out


# A value put right from other documents' readings (a NIK from the KK, an NIP, an event date in
# event_corroboration) keeps this share of its certainty: shown as one to look at.
KK_CONFIRMED_CERTAINTY = 0.7


def repair_niks_from_kk(documents: list[Document]) -> None:
    """A NIK on a KTP, NPWP or letter put right from another reading of it in the dossier: an invalid
    one from the one NIK within two digit edits (nik.repair_from_known), an unsure valid one from a
    surer reading of the same person's NIK (nik.corroborated, crosscheck.yaml nik_corroboration),
    one its glyphs left in doubt from the reading another document bears out (nik.chosen_by_reading),
    an unsure one misread where the holder's KK row read right and the other way round from the one
    NIK between the two readings (:func:`_between_card_and_row`), from the digits most of three or
    more readings give (:func:`_majority_of_readings`), or from the kecamatan the card prints
    (nik_region). The readings come from the KK's member rows and the other documents' NIKs. Two
    documents then agree on it, which one misread reading cannot; the value keeps a lowered
    certainty."""
    known = [(str(m["nik"]), _row_nik_certainty(m)) for _, m in kk_members(documents) if m.get("nik")]
    printed = [(d, d.fields["nik"]) for d in documents if d.doc_type != "KK" and d.fields.get("nik") is not None]
    cutoff = rules()["nik_corroboration"]["kecamatan_cutoff"]
    for doc, fv in printed:
        pool = known + [(str(other.value), other.confidence) for d, other in printed if d is not doc]
        read = str(fv.value)
        # a repair that leaves the kecamatan the card prints in words for another is no misreading
        # put right (nik_region); nor is another document's reading that gives one of the card's
        # glyph shapes two digits: the card prints its own number (NIK_INVALID says so)
        repairs = _nik_repairs(doc, fv, pool, documents)
        fixed = next((f for f in repairs if nik_region.keeps_printed_region(doc, read, f, cutoff)), None)
        if fixed is not None and glyphs.fits_shapes(fixed, read, fv.glyph_groups):
            doc.fields["nik"] = FieldValue(fixed, fv.page, round(fv.confidence * KK_CONFIRMED_CERTAINTY, 3), fv.bbox)
            _birth_date_as_others_print(doc, fixed, documents)


def _nik_repairs(
    doc: Document, fv: FieldValue, pool: list[tuple[str, float]], documents: list[Document]
) -> Iterator[str]:
    """The repairs of :func:`repair_niks_from_kk` for one document's NIK, in the order tried (each
    computed only when the ones before gave nothing the caller kept)."""
    spec, unsure = rules()["nik_corroboration"], rules()["unsure_below"]
    read, unsure_read = str(fv.value), fv.confidence < spec["below"]

    def attempts() -> Iterator[str | None]:
        yield nik.repair_from_known(read, [k for k, _ in pool])
        yield nik_region.in_dossier_region(read, _dossier_regions(documents, pool), nik.MAX_REPAIR_DIGITS)
        if unsure_read:
            yield nik.corroborated(read, fv.confidence, pool, spec["max_edits"], spec["margin"], _printed_birth(doc))
            yield _majority_of_readings(read, pool, spec["max_edits"])
            yield _named_nik(doc, read, fv.confidence, documents, spec["max_edits"], spec["margin"])
        if fv.confidence < unsure and not nik.decode_nik(read).is_valid:
            yield _same_person_nik(doc, read, spec["same_person_max_edits"], documents)
        yield nik.chosen_by_reading(read, fv.choices, [k for k, _ in pool])
        if unsure_read:
            yield nik_region.choice_naming_printed(doc, read, fv.choices, spec["kecamatan_cutoff"])
            yield _between_card_and_row(doc, read, spec["between_max_edits"], documents)

    return (f for f in attempts() if f is not None)


def _dossier_regions(documents: list[Document], pool: list[tuple[str, float]]) -> set[str]:
    """The regions (first six digits) of the dossier's KK numbers and of its valid NIKs."""
    numbers = [str(d.fields["no_kk"].value) for d in documents if d.doc_type == "KK" and d.fields.get("no_kk")]
    numbers += [k for k, _ in pool if nik.decode_nik(k).is_valid]
    return {n[:6] for n in numbers if len(n) == 16 and n.isdigit() and wilayah.region_of(n)}


def _printed_birth(doc: Document) -> tuple[date | None, str | None]:
    """The birth date and gender a card prints beside its NIK, where read."""
    born, gender = doc.fields.get("tanggal_lahir"), doc.fields.get("jenis_kelamin")
    return dates.from_iso(born.value if born is not None else None), (str(gender.value) if gender else None)


def _same_person_nik(doc: Document, read: str, max_edits: int, documents: list[Document]) -> str | None:
    """The NIK of the KK row of the card's holder, for a card whose NIK OCR garbled (invalid and
    unsure: specks read as more digits, "33270665810689168"): the row born on the card's birth date
    whose name is the card's (close enough for OCR noise, or the card's name unread), its NIK valid
    and within ``max_edits`` of the reading. Birth date and name, not the digits, say it is the same
    person; a NIK that is wrong on the card is wrong on the KK too."""
    fits = {
        str(m["nik"])
        for m in _holder_rows(doc, documents)
        if m.get("nik")
        and nik.decode_nik(str(m["nik"])).is_valid
        and Levenshtein.distance(read, str(m["nik"])) <= max_edits
    }
    return fits.pop() if len(fits) == 1 else None


def _holder_rows(doc: Document, documents: list[Document]) -> list[dict[str, Any]]:
    """The KK rows of a card's holder: born on the card's birth date, and with the card's name
    (when OCR left one) close to the row's for OCR noise. No rows without the card's birth date."""
    name, born = doc.fields.get("nama"), doc.fields.get("tanggal_lahir")
    if born is None:
        return []
    return [
        m
        for _, m in kk_members(documents)
        if (born_that_day(m, name.value, born.value) if name is not None else m.get("tanggal_lahir") == born.value)
    ]


def _rows_and_documents_named(
    doc: Document, name: Any, documents: list[Document]
) -> tuple[list[dict[str, Any]], list[Document]]:
    """The KK rows and the other documents (not KKs, not ``doc``) that bear this name."""
    rows = [m for _, m in kk_members(documents) if m.get("nama") and same_name(m["nama"], name)]
    others = [
        d
        for d in documents
        if d is not doc and d.doc_type != "KK" and "nama" in d.fields and same_name(d.fields["nama"].value, name)
    ]
    return rows, others


def _row_nik_certainty(member: dict[str, Any]) -> float:
    """How surely a KK row's NIK was read: its own word's certainty, or its row's where higher."""
    return max(float(member.get("nik_confidence", 0.0)), float(member.get("confidence", 0.5)))


def _majority_of_readings(read: str, pool: list[tuple[str, float]], max_edits: int) -> str | None:
    """The NIK a card's unsure reading and two or more other readings of the same person's NIK give
    digit by digit (two_readings.majority), where nik.corroborated found several surer readings and
    could not choose: the card read "...678061", the NPWP "...670061" at 0.92 and the KK row
    "3207...670061" (seed 59107). The same person: the same encoded birth date and gender (places
    7-12) and within ``max_edits`` of the card's reading. Taken only when valid."""
    same = [k for k, _ in pool if k[6:12] == read[6:12] and Levenshtein.distance(read, k) <= max_edits]
    voted = two_readings.majority([read, *same])
    return voted if voted is not None and voted != read and nik.decode_nik(voted).is_valid else None


def _named_nik(
    doc: Document, read: str, certainty: float, documents: list[Document], max_edits: int, margin: float
) -> str | None:
    """The NIK every other reading of the same name's NIK gives (the KK row and the documents
    bearing that name), for a card's valid but unsure reading within ``max_edits`` of it, where one
    of them is surer by ``margin``. nik.corroborated knows the same person by the birth date the
    NIK encodes; a card whose NIK and printed birth date OCR misread alike ("...511076..." and
    11-10-1976 for a woman born 11-10-1970: its zero read 6 in both, seed 55117) shows no such
    date, and the name says who it is, where the others bear themselves out (their NIK encodes the
    birth date a document of that name prints). None where any other reading gives the card's
    number, or two readings disagree."""
    name = doc.fields.get("nama")
    if name is None or not nik.decode_nik(read).is_valid:
        return None
    rows, others = _rows_and_documents_named(doc, name.value, documents)
    readings = [(str(m["nik"]), _row_nik_certainty(m)) for m in rows if m.get("nik")]
    readings += [(str(d.fields["nik"].value), d.fields["nik"].confidence) for d in others if d.fields.get("nik")]
    values = {value for value, _ in readings}
    if len(values) != 1:
        return None
    value = values.pop()
    info = nik.decode_nik(value)
    surer = any(c >= certainty + margin for _, c in readings)
    if value == read or not surer or not info.is_valid:
        return None
    # the others bear themselves out: their NIK encodes the birth date printed with it
    printed = _birth_dates_printed_for(doc, name.value, documents)
    if all(nik.nik_matches_birth(info, dates.from_iso(p), None) for p in printed):
        return None
    return value if Levenshtein.distance(read, value) <= max_edits else None


def _birth_date_as_others_print(doc: Document, number: str, documents: list[Document]) -> None:
    """A card's printed birth date one digit off the date of the NIK it was found to bear, put right
    where another document of the holder's name (the KK row, an akta) prints that date: the card's
    scan misread the date as it misread the NIK beside it (the same blurred 0 read 6 in "1976" and
    in the NIK, seed 55117), and three readings outweigh one. Kept with a lowered certainty."""
    born, name = doc.fields.get("tanggal_lahir"), doc.fields.get("nama")
    encoded = nik.decode_nik(number).birth_date
    if born is None or name is None or encoded is None or not isinstance(born.value, str):
        return
    iso = encoded.isoformat()
    if len(born.value) != len(iso) or born.value[2:] == iso[2:]:
        return
    printed = _birth_dates_printed_for(doc, name.value, documents)
    fits = {p for p in printed if p[2:] == iso[2:] and Hamming.distance(p, born.value) == 1}
    if len(fits) == 1:
        doc.fields["tanggal_lahir"] = FieldValue(
            fits.pop(), born.page, round(born.confidence * KK_CONFIRMED_CERTAINTY, 3), born.bbox
        )


def _birth_dates_printed_for(doc: Document, name: Any, documents: list[Document]) -> set[str]:
    """The birth dates the other documents of this name print (KK rows, akta, letters), ISO."""
    rows, others = _rows_and_documents_named(doc, name, documents)
    printed = {str(m["tanggal_lahir"]) for m in rows if m.get("tanggal_lahir")}
    return printed | {str(d.fields["tanggal_lahir"].value) for d in others if "tanggal_lahir" in d.fields}


def _between_card_and_row(doc: Document, read: str, max_edits: int, documents: list[Document]) -> str | None:
    """The NIK a card's unsure reading and its holder's KK row, read otherwise, were both
    made from (two_readings.common_source): the one number between the two readings that is a NIK
    (a known kecamatan, a real date) encoding the birth date and gender the card prints. The row
    is the holder's by birth date and name, as in :func:`_same_person_nik`; a row whose own digits
    could not be settled (a stain read as a 17th digit, ``nik_read``) is given the number too."""
    born, gender = doc.fields.get("tanggal_lahir"), doc.fields.get("jenis_kelamin")
    born_on = dates.from_iso(born.value if born is not None else None)
    if born_on is None:
        return None
    rows = [m for m in _holder_rows(doc, documents) if _row_reading(m)]

    def fits(number: str, member: dict[str, Any]) -> bool:
        code = nik.gender_code(str(gender.value) if gender is not None else member.get("jenis_kelamin"))
        return (
            nik.nik_shaped(number)
            and nik.plausible_reading(number)
            and not nik.nik_matches_birth(nik.decode_nik(number), born_on, code)
        )

    found = [
        (number, m)
        for m in rows
        if (number := two_readings.common_source(read, _row_reading(m), partial(fits, member=m), max_edits))
    ]
    if len({number for number, _ in found}) != 1:
        return None
    number = found[0][0]
    for _, member in found:
        if member.get("nik") is None or not nik.decode_nik(str(member["nik"])).is_valid:
            member["nik"] = number
            member.pop("nik_read", None)
            member["nik_confidence"] = round(float(member.get("nik_confidence", 0.5)) * KK_CONFIRMED_CERTAINTY, 3)
    return number


def _row_reading(member: dict[str, Any]) -> str:
    """A KK row's NIK, or where its digits could not be settled, the digits as read."""
    return str(member.get("nik") or member.get("nik_read") or "")


def repair_child_names_from_kk(documents: list[Document]) -> None:
    """An akta's child name put right from the KK row of the child born that day (or a row whose
    birth date was not read), when the akta's reading is that row's name with glyph damage only
    (crosscheck.yaml glyph_misreadings: "SAPUIKA" for SAPUTRA) and exactly one row fits. The two
    documents print the same name; a worn akta in a decorative face reads worse than the KK's
    table. The value keeps a lowered certainty, so a verifier still sees it as one to look at."""
    members = [m for _, m in kk_members(documents) if m.get("nama")]
    spec = rules()["glyph_misreadings"]
    for doc in documents:
        fv, born = doc.fields.get("nama"), doc.fields.get("tanggal_lahir")
        if doc.doc_type != "AKTA_KELAHIRAN" or fv is None or not isinstance(fv.value, str):
            continue
        day = born.value if born is not None else None
        fits = {
            str(m["nama"])
            for m in members
            if m.get("tanggal_lahir") in (None, day)
            and names.glyph_variant(str(m["nama"]), fv.value, spec["readings"], spec["stray"], spec["max_changes"])
        }
        if len(fits) == 1:
            certainty = round(fv.confidence * KK_CONFIRMED_CERTAINTY, 3)
            doc.fields["nama"] = FieldValue(fits.pop(), fv.page, certainty, fv.bbox)


def born_that_day(member: dict[str, Any], name: Any, born: Any) -> bool:
    """Whether a KK row is the person of this name born that day: the same birth date and a name
    close enough (crosscheck.yaml child_same_birth_name_similarity) for OCR noise on either side."""
    cutoff = rules()["child_same_birth_name_similarity"]
    return (
        member.get("tanggal_lahir") == born
        and names.name_similarity(str(member.get("nama") or ""), str(name)) >= cutoff
    )


def member_named(
    members: list[tuple[Document, dict[str, Any]]], name: Any, born: Any = None
) -> tuple[Document, dict] | None:
    """The KK row of this name; or, given a birth date, the row born that day whose name is close
    enough (crosscheck.yaml child_same_birth_name_similarity) for OCR noise on either side."""
    named = [(d, m) for d, m in members if m.get("nama") and same_name(m["nama"], name)]
    # two rows of one name (a child named after a sibling who died): the one born that day
    found = next((x for x in named if born and x[1].get("tanggal_lahir") == born), named[0] if named else None)
    if found is None and born:
        found = next(((d, m) for d, m in members if m.get("nama") and born_that_day(m, name, born)), None)
    return found


def member_fv(doc: Document, member: dict[str, Any]) -> FieldValue:
    """A KK member row as a field value, so evidence can point at its row on the page."""
    bbox = tuple(member["bbox"]) if member.get("bbox") else None
    return FieldValue(member.get("nama"), member.get("page", doc.pages[0]), member.get("confidence", 0.5), bbox)

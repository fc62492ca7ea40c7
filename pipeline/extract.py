"""Extract: read NIP, NIK, names, dates, TMT, golongan ... from a document's pages.

Which fields a document type carries, and the labels they are printed with, is data
(``rules/fields.yaml``). The first good value in reading order wins: on an SK the employee's
block ("Nama :", "NIP :") comes before the signing official's "NIP." under the signature.
Every value keeps its page, box and a confidence (OCR word confidence x parse certainty), so the
report can point a verifier at the exact place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, timedelta

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline import dates, glyphs, issue_date, kk, namerecall, names, nik, nip, nip_layout
from pipeline.gender import gender_of, gender_row
from pipeline.kk import read_kk, read_spouse_table
from pipeline.labels import (
    NUMBERING,
    FieldSpec,
    LabelHit,
    field_rules,
    labelled_values,
    signed_about_another,
    split_row,
    subject_rules,
)
from pipeline.models import Document, FieldValue, PageResult
from pipeline.narrative import read_akta, read_heir, read_karis, read_nikah, read_npwp, read_table_name
from pipeline.pengantar import read_pengantar, read_table_rank
from pipeline.promotion import promoted_golongan
from pipeline.rank_history import current_golongan
from pipeline.ranks import (
    GOLONGAN,
    GOLONGAN_LOOSE,
    ROMAN,
    damaged_golongan,
    find_rank,
    golongan_of_rank,
    pangkat_table,
    printed_golongan,
    rank_by_letter,
    reconcile,
)
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import Span, TextIndex

GENDER_WORDS = {"LAKI": "L", "PRIA": "L", "PEREMPUAN": "P", "WANITA": "P"}

Values = dict[str, FieldValue]


PERSON_SPECS = {
    "nama",
    "nip",
    "nik",
    "tempat_tanggal_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "pangkat_golongan",
    "jabatan",
}
PERSON_FIELDS = {
    "nama",
    "nip",
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "pangkat",
    "golongan",
    "jabatan",
}
BLOCK_KEYS = ("nama", "nip", "nik")
SIGNATURE_FROM = 0.6  # share of the page height below which a lone NIP is a signature


def extract_document(doc: Document, pages: dict[int, PageResult]) -> Values:
    """All fields of one document; person fields from its subject's block."""
    return read_document(doc, pages)[0]


def read_document(doc: Document, pages: dict[int, PageResult]) -> tuple[Values, list[Values], list[Values]]:
    """(fields, person blocks, signature blocks) of one document.

    Letters often name two people: the official who signs ("Yang bertanda tangan di bawah ini:
    Nama ..., NIP ...") and the employee they speak of ("menerangkan bahwa: Nama ..."). Each
    run of ``Nama/NIP/...`` rows is kept as a person block; the document's own person fields come
    from the block after the document type's subject phrase (rules/fields.yaml ``subject_after``),
    else the first. Cross-checking may later pick the block that is the employee.
    """
    specs, per_type, cutoff = field_rules()
    wanted = [specs[name] for name in per_type.get(doc.doc_type, per_type["_common"])]
    wanted_names = {s.name for s in wanted}
    subject_phrases = subject_rules().get(doc.doc_type, ())
    values: Values = {}
    persons: list[Values] = []
    subject: int | None = None
    indexes: list[TextIndex] = []
    specials: Values = {}  # what the document type's own reader (SPECIAL) found
    for page_no in doc.pages:
        page = pages[page_no]
        index = TextIndex(page.text, page_no)
        if not index.words:
            continue
        indexes.append(index)
        anchor = _first_phrase(index.text, subject_phrases)
        for hit in labelled_values(index, wanted, cutoff):
            converted = _convert(hit, specs[hit.field].kind, index)
            if hit.field not in PERSON_SPECS:
                for name, fv in converted.items():
                    values.setdefault(name, fv)
                continue
            if not converted:
                if hit.field == "nama" and persons and persons[-1]:
                    # a "Nama" row whose value is no name still ends the block before it: the NIP
                    # row under it is not that person's (the official's block above)
                    persons.append({})
                    if subject is None and anchor is not None and hit.start > anchor:
                        subject = len(persons) - 1
                continue
            current = persons[-1] if persons else None
            if (
                current is None
                or any(k in current and k in converted for k in BLOCK_KEYS)
                or _signature_below(current, converted, page, index, doc.doc_type)
            ):
                persons.append({})
                current = persons[-1]
                if subject is None and anchor is not None and hit.start > anchor:
                    subject = len(persons) - 1
            for name, fv in converted.items():
                current.setdefault(name, fv)
        for spec in wanted:
            if spec.phrases and spec.name not in values:
                fv = _phrase_date(index, spec.phrases, spec.phrase_window)
                if fv is None and spec.phrase_fuzzy:
                    fv = _fuzzy_phrase_date(index, spec.phrases, spec.phrase_window)
                if fv:
                    values[spec.name] = fv
        if not any("nip" in p or "nik" in p for p in persons):
            found: Values = {}
            _fallbacks(index, found, wanted_names)
            if found and not persons:
                persons.append({})
            for name, fv in found.items():
                # printed below the subject phrase ("Duda dari almarhumah:" then a NIP row whose
                # label OCR lost, "NP , : 19681116 ..."), the number is the subject's, not the
                # signer's block above the phrase
                below = subject is not None and _below_anchor(index, anchor, fv)
                persons[subject if below else 0].setdefault(name, fv)
        if "nip" in wanted_names:
            persons.extend(_loose_nips(index, persons))
        if "tanggal_dokumen" not in values:
            fv = _letter_date(index)
            if fv:
                values["tanggal_dokumen"] = fv
        special = SPECIAL.get(doc.doc_type)
        if special:
            for name, fv in special(index).items():
                values.setdefault(name, fv)
                specials.setdefault(name, fv)
    if "tmt" in wanted_names and "tmt" not in values and doc.doc_type in _tmt_unlabelled_rules()["doc_types"]:
        fv = next((f for f in map(_unlabelled_tmt, indexes) if f is not None), None)
        if fv is not None:
            values["tmt"] = fv
    for spec in wanted:
        if spec.name not in values and (
            spec.split_phrase or spec.label_shapes or spec.value_above or spec.event_labels or spec.weekday_row
        ):
            fv = next((f for f in (_broken_date(i, spec) for i in indexes) if f is not None), None)
            if fv is not None:
                values[spec.name] = fv
    if doc.doc_type in registration_rules()["doc_types"]:
        _registered_issue_date(values, indexes)
    chosen = persons[subject] if subject is not None else None
    signers = [b for b in persons if _signature_block(b, pages)]
    persons = [b for b in persons if b and not any(b is x for x in signers)]
    _name_signers(signers, indexes)
    if wanted_names & {"tanggal_lahir", "tempat_tanggal_lahir"}:
        # ... the signatures' too: a DPCP's employee signs it, and where OCR lost their block's
        # labels ("NY : 19670816 200701 1 237" / "1 Blora, 16-08-1967") that signature's NIP is the
        # block the employee is found by (persons.select_block); its NIP printed above confirms the
        # birth row beside it
        for block in (*persons, *signers):
            _birth_from_nip(block, indexes)
    for block in persons:
        _nip_head_from_birth(block, indexes)
    if "nama" in wanted_names:
        for block in persons:
            _name_above_nip(block, indexes, specs, doc.doc_type)
            if doc.doc_type in NAME_BELOW_NIK:
                _name_below_nik(block, indexes, specs)
    if chosen is None or any(chosen is x for x in signers):
        chosen = _subject_by_signature(persons, signers) if doc.doc_type in signed_about_another() else None
        chosen = chosen or (persons[0] if persons else None)
    if chosen is not None:
        chosen = _with_new_nip(chosen, persons)
        chosen = _with_signed_nip(chosen, signers)
        loose = [b for b in persons if set(b) == {"nip"} and b is not chosen]
        if "nip" not in chosen and len(loose) == 1 and "nip" in wanted_names:
            # The subject's NIP printed in a sentence, not on a row of its own ("isteri sah dari
            # Almarhum ..., NIP. 19671213 200701 1 219"): the one valid NIP on the page that is
            # no signature's is theirs.
            chosen = {**chosen, "nip": loose[0]["nip"]}
    if "jenis_kelamin" in wanted_names:
        _gender_row(chosen if chosen is not None else values, indexes)
    for block in (*persons, values):
        _promoted(block, indexes)
        _reconcile_golongan(block)  # "Pangkat baru" and "Golongan ruang" on rows of their own
        _repair_nik(block)
    if chosen:
        values.update(chosen)
    for name in SPECIAL_FIRST.get(doc.doc_type, ()):
        better = specials.get(name)
        if better is None or (name in values and better.confidence <= values[name].confidence):
            continue
        values[name] = better
        # The subject's block, and any block holding the same value, say it the same way: the
        # employee's block is later matched to the document's fields (persons.select_block).
        for block in (*persons, *([chosen] if chosen else [])):
            if block is chosen or (name in block and block[name].value == better.value):
                block[name] = better
    # A rank printed without a label of its own is the subject's only where no block holds one (it
    # may be someone else's), or, when the subject's block follows an official's, from its top down.
    start = _block_top(chosen) if chosen is not None and persons and chosen is not persons[0] else None
    holders = (chosen, values) if start is not None else (*persons, *signers, values)
    labelled_rank = any("golongan" in b or "pangkat" in b for b in holders if b)
    if not labelled_rank and "pangkat_golongan" in wanted_names:
        for index in indexes:
            found = _rank_golongan(index, start if start and start[0] == index.page else None)
            if found:
                for name, fv in found.items():
                    values.setdefault(name, fv)
                break
    if "tanggal_dokumen" not in values:
        fv = issue_date.fallback_issue_date(values, doc.doc_type, indexes)
        if fv is not None:
            values["tanggal_dokumen"] = fv
    if doc.doc_type in issue_date.issue_date_rules()["kk"]["doc_types"]:
        issue_date.kk_number_checked(values, indexes)
    _drop_impossible_issue_date(values, doc.doc_type)
    _drop_impossible_marriage(values)
    _tmt_after_issue(values, persons)
    return values, persons, signers


TMT_REPAIR_CERTAINTY = 0.8  # an NIP's TMT digit put right by structure and the document's date


@functools.cache
def _tmt_margin_days() -> int:
    """fields.yaml ``nip_tmt_after_issue_days`` (read once: every document asks)."""
    return int(load_yaml(RULES_DIR / "fields.yaml")["nip_tmt_after_issue_days"])


def _tmt_after_issue(values: Values, persons: list[Values]) -> None:
    """Every block's NIP whose TMT as read comes after the document's own date (and the margin of
    fields.yaml nip_tmt_after_issue_days) put right where one TMT digit does it (nip.tmt_repaired:
    "196803112098011356" on an SK of 2008), with less certainty."""
    issued = values.get("tanggal_dokumen")
    when = dates.from_iso(issued.value) if issued is not None else None
    if when is None:
        return
    when += timedelta(days=_tmt_margin_days())
    for block in (values, *persons):
        fv = block.get("nip")
        fixed = nip.tmt_repaired(str(fv.value), when) if fv is not None else None
        if fixed is not None:
            block["nip"] = FieldValue(fixed, fv.page, fv.confidence * TMT_REPAIR_CERTAINTY, fv.bbox)


# "Berdasarkan Akta Kelahiran Nomor 3317-LT-15052000-0399": kode wilayah, the kind of registration,
# the registration date (DDMMYYYY) and a serial (fields.yaml ``registration_number``).
REGISTRATION_NUMBER = re.compile(
    r"(?<![0-9])[0-9]{4}\s*-\s*[A-Z]{2}\s*-\s*(?P<d>[0-9]{2})(?P<m>[0-9]{2})(?P<y>[0-9]{4})\s*-\s*[0-9]{3,5}(?![0-9])"
)
REGISTERED_DAMAGED = 0.8  # the issue row's day and year as registered, its month unreadable
REGISTERED_ONE_DIGIT = 0.7  # the issue row read one digit away from the registration date
REGISTERED_ROW_LOST = 0.6  # the issue row printed, its date lost to OCR
ISSUE_ROWS = 2  # how far below the "Kutipan ini dikeluarkan di" row its date stands


@functools.cache
def registration_rules() -> dict[str, tuple[str, ...]]:
    data = load_yaml(RULES_DIR / "fields.yaml")["registration_number"]
    return {"doc_types": tuple(data["doc_types"]), "issue_phrases": tuple(data["issue_phrases"])}


def _registered_issue_date(values: Values, indexes: list[TextIndex]) -> None:
    """A kutipan akta's issue date put right or read by the registration date its akta number
    encodes (REGISTRATION_NUMBER), where the kutipan's own date row is damaged: the day and year
    as registered around a month word no reader can read ("pada tanggal 19 Sep-—-:— 2002"), a
    reading one digit away from it ("07 Agustus 2005" beside 3309-LT-07082000-3976, "22 Februari
    1904" beside ...-22021994-...), or the "Kutipan ini dikeluarkan di ..." row with no date after
    it at all. A date read whole that differs more is kept as printed (a later kutipan)."""
    for index in indexes:
        m = REGISTRATION_NUMBER.search(index.text)
        registered = dates._make_date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None
        if registered is None:
            continue
        fv = values.get("tanggal_dokumen")
        evidence = index.field_value(m.start(), m.end(), registered.isoformat())
        if fv is not None:
            read = str(fv.value)
            if len(read) == 10 and sum(a != b for a, b in zip(read, registered.isoformat(), strict=True)) == 1:
                values["tanggal_dokumen"] = _with_certainty(evidence, REGISTERED_ONE_DIGIT)
            elif read == registered.isoformat() and fv.confidence < evidence.confidence * REGISTERED_DAMAGED:
                # a damaged month word read as the month registered: as sure as the registration
                values["tanggal_dokumen"] = FieldValue(read, fv.page, evidence.confidence * REGISTERED_DAMAGED, fv.bbox)
            return
        found = _issue_row_date(index, registered)
        if found is not None:
            values["tanggal_dokumen"] = found
        return


# The kutipan's issue row with its words damaged past issue_phrases ("Kasipan ini dfioicwian di
# BANJARNEGARA,", "Kottnan ini ##iotowtes di BANJARNEGARA,", "Kntinan ini Aikolarkan di SALATIGA,"):
# a word, "ini", a word, "di" and the place in capitals ending the row.
ISSUE_ROW_SHAPE = re.compile(r"^\W{0,3}[A-Za-z]\S{3,9}\s+ini\s+\S{3,14}\s+di\s+[A-Z][A-Z .'-]{2,30}[,.]?\W{0,2}$")
# A day and a year with what OCR left of the month word between them, digits included ("pada
# tanggal 16 (1::3— 1993"): only beside the registration date, whose day and year must agree.
ISSUE_DAMAGED_DATE = re.compile(
    r"(?<![0-9])(?P<d>[0-3]?[0-9])\s+(?P<mon>[^\s\d][^\n]{0,14}?)\s*(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
)


def _issue_anchor(index: TextIndex) -> int:
    """Where the kutipan's issue row ("Kutipan ini dikeluarkan di ...") starts: by its words
    (fields.yaml issue_phrases), else by its shape (ISSUE_ROW_SHAPE); -1 when neither is printed."""
    lowered = index.text.lower()
    anchors = [lowered.find(p) for p in registration_rules()["issue_phrases"]]
    anchor = min((a for a in anchors if a >= 0), default=-1)
    if anchor >= 0:
        return anchor
    return next((r.start for r in index.rows if ISSUE_ROW_SHAPE.match(index.text[r.start : r.end])), -1)


def _issue_row_date(index: TextIndex, registered: date) -> FieldValue | None:
    anchor = _issue_anchor(index)
    if anchor < 0:
        return None
    rows = [r for r in index.rows if r.end > anchor][: ISSUE_ROWS + 1]
    for row in rows:
        text = index.text[row.start : row.end]
        for m in ISSUE_DAMAGED_DATE.finditer(text):
            same = int(m["d"]) == registered.day and int(m["y"]) == registered.year
            if same and not dates.find_dates(m.group()) and _month_may_be(m["mon"], registered.month):
                s = row.start + m.start()
                return index.field_value(s, row.start + m.end(), registered.isoformat(), REGISTERED_DAMAGED)
    if any(re.search(r"[0-9]", index.text[r.start : r.end]) for r in rows):
        return None  # something is printed there that does not read as the registration date
    m = REGISTRATION_NUMBER.search(index.text)
    return index.field_value(m.start(), m.end(), registered.isoformat(), REGISTERED_ROW_LOST) if m else None


def _with_certainty(fv: FieldValue, certainty: float) -> FieldValue:
    return FieldValue(fv.value, fv.page, round(fv.confidence * certainty, 3), fv.bbox)


def _drop_impossible_issue_date(values: Values, doc_type: str) -> None:
    """A document is never issued before its subject was born: such a tanggal_dokumen is a
    misread year ("22 Februari 1904" on the kutipan of a child born in 1994), better unread. Nor is
    the birth date itself, printed in the same place, an issue date (an e-KTP whose birth row's
    label OCR damaged: the date was also taken as the card's). Not on an akta: its narrative reader
    may take the issue date's place for the birth date, and the issue date is then the surer one."""
    issued, born = values.get("tanggal_dokumen"), values.get("tanggal_lahir")
    if issued is None or born is None:
        return
    same_print = doc_type != "AKTA_KELAHIRAN" and issued.page == born.page and _overlap(issued.bbox, born.bbox)
    if str(issued.value) < str(born.value) or same_print:
        del values["tanggal_dokumen"]


def _drop_impossible_marriage(values: Values) -> None:
    """The employee whose NIP the document holds is a party to the marriage it dates (karis/karsu,
    DPCP, KP-4): a tanggal_nikah before they could marry (fields.yaml spouse_table marriage_age
    min_age, from the NIP's birth date) is a misread year ("Tanggal Perkawinan : 24 Juni 1908" on
    the karis of an employee born in 1968). It is put right where one year a digit away alone
    makes the employee of marrying age by the document's date ("23/07/1905" on the karis of an
    employee born in 1969, issued in 2010: only 1995), as a family table's is
    (kk.repaired_marriage), with less certainty; unread otherwise."""
    married, holder = values.get("tanggal_nikah"), values.get("nip")
    if married is None or holder is None:
        return
    born = nip.decode_nip(str(holder.value)).birth_date
    day = dates.from_iso(married.value)
    if born is None or day is None or day >= kk.years_after(born, kk.marriage_min_age()):
        return
    issued = values.get("tanggal_dokumen")
    repaired = kk.repaired_marriage(born, day, dates.from_iso(issued.value) if issued is not None else None)
    if repaired is None:
        del values["tanggal_nikah"]
        return
    values["tanggal_nikah"] = _with_certainty(_with_value(married, dates.iso(repaired)), kk.repair_certainty())


def _overlap(a: tuple[int, int, int, int] | None, b: tuple[int, int, int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@functools.cache
def _rank_pattern() -> re.Pattern[str]:
    """A rank name followed by its golongan, "Penata Tingkat I / III/d", wherever it stands; the
    rank's first words come from rules/pangkat.yaml (Juru, Pengatur, Penata, Pembina)."""
    heads = sorted({key.split()[0] for key in pangkat_table()[0]}, key=len, reverse=True)
    return re.compile(
        rf"\b(?:{'|'.join(heads)})\b(?:\s+(?:MUDA|UTAMA|MADYA|TINGKAT|TK\.?|[I1l|]))*\s*[/,]\s*[IVl1|]{{1,4}}\s*/\s*[a-eA-E]\b",
        re.I,
    )


# A rank name and the golongan printed after it in one cell: "Penata Tingkat | / IlWd", "Penata
# Tingkat 1/ Id" (the roman part and its slash damaged); how far after the rank the golongan ends.
RANK_CELL_GAP = 12


def _rank_cell_row(index: TextIndex, below: tuple[int, int] | None = None) -> Values:
    """The first row whose first rank name (ranks.find_rank, fuzzily) is followed by a slash and a
    golongan, however damaged: the rank confirms the golongan's letter (ranks.reconcile). On an
    SKP the pegawai yang dinilai's cell comes first on the row, the penilai's after it ("3 Penata
    Tingkat | / IlWd 3 Pembina / IV/a"): the first rank of the row is the employee's. ``below``:
    see :func:`_rank_golongan`."""
    for span, row in index.row_texts():
        if not _at_or_below(index, span.start, span.end, below):
            continue
        found = find_rank(row)
        if found is None:
            continue
        name, rank_gol, start, end = found
        if _old_rank_row(row[:start]):
            continue
        tail = row[end : end + RANK_CELL_GAP]
        slash = re.match(r"\s*[/,]\s*", tail)
        printed = printed_golongan(tail[slash.end() :], cell=True) if slash else None
        if printed is None:
            if slash and _left_cell(index, span, start, end):
                # "5 | Aa Penata Tingkat 1/ NW | ...": the golongan after the slash unreadable, the
                # rank name read whole says it.
                golongan = index.field_value(span.start + start, span.start + end, rank_gol, RANK_CELL_CERTAINTY**2)
                return {
                    "pangkat": index.field_value(span.start + start, span.start + end, _rank_title(name)),
                    "golongan": golongan,
                }
            continue
        value = reconcile(printed[0], rank_gol)
        if value is None:
            continue
        g_start = span.start + end + slash.end() + printed[1]
        certainty = 1.0 if printed[0] == value else RANK_CELL_CERTAINTY
        return {
            "pangkat": index.field_value(span.start + start, span.start + end, _rank_title(name)),
            "golongan": index.field_value(g_start, span.start + end + slash.end() + printed[2], value, certainty),
        }
    return {}


RANK_CELL_CERTAINTY = 0.9  # a golongan whose letter or roman part the rank beside it confirmed


def _left_cell(index: TextIndex, row: Span, start: int, end: int) -> bool:
    """Whether a rank starts in the left half of its row: the pegawai yang dinilai's column of an
    SKP, not the penilai's ("3 PANGKAT/GOL RUANG mm Peran AC 3 PANGKAT/GOL RUANG meta Tema / Na")."""
    row_box, rank_box = index.bbox(row.start, row.end), index.bbox(row.start + start, row.start + end)
    return row_box is not None and rank_box is not None and rank_box[0] < (row_box[0] + row_box[2]) / 2


def _old_rank_row(head: str) -> bool:
    """Whether the text before a rank is the label of the rank *before* a kenaikan pangkat
    ("5. Pangkat lama/Gol.ruang/TMT : Pengatur Tingkat I / II/d / 01-04-2019"; fields.yaml
    pangkat_lama), fuzzily as the label reader takes it."""
    label, colon, _ = head.partition(":")
    key = normalise(NUMBERING.sub("", label, count=1))
    if not colon or not key:
        return False
    specs = field_rules()[0]
    old = max(fuzz.ratio(key, lab) for lab in specs["pangkat_lama"].labels)
    current = max(fuzz.ratio(key, lab) for lab in specs["pangkat_golongan"].labels)
    return old >= OLD_RANK_LABEL_CUTOFF and old > current


OLD_RANK_LABEL_CUTOFF = 70.0


def _rank_title(rank: str) -> str:
    """'PENATA TINGKAT I' -> 'Penata Tingkat I', as rules/pangkat.yaml writes it."""
    return " ".join(w if w == "I" else w.capitalize() for w in rank.split())


def _rank_golongan(index: TextIndex, below: tuple[int, int] | None = None) -> Values:
    """The first "rank / golongan" printed on the page without a label of its own: a table cell
    (the SKP's "PANGKAT/GOL RUANG" label sits on the row above its value; the pegawai yang dinilai
    is the left column, read first). ``below`` = (page, y): the subject's block starts there, after
    an official's block (whose rank is not the subject's)."""
    by_row = _rank_cell_row(index, below)
    if by_row:
        return by_row
    for m in _rank_pattern().finditer(index.text):
        row_start = index.text.rfind("\n", 0, m.start()) + 1
        if _old_rank_row(index.text[row_start : m.start()]):
            continue  # "Pangkat lama/Gol. ruang/TMT : Pengatur / II/c": the rank before the promotion
        if _at_or_below(index, m.start(), m.end(), below):
            return _golongan(LabelHit("pangkat_golongan", m.start(), m.end(), m.group(), 0.0), index)
    return {}


def _at_or_below(index: TextIndex, start: int, end: int, below: tuple[int, int] | None) -> bool:
    if below is None:
        return True
    box = index.bbox(start, end)
    return box is not None and box[1] >= below[1]


def _block_top(block: Values) -> tuple[int, int] | None:
    """(page, y) of the top of a person block's first page, from its values' boxes."""
    boxes = [(fv.page, fv.bbox[1]) for fv in block.values() if fv.bbox is not None]
    return min(boxes) if boxes else None


def golongan_of_pangkat(pangkat: FieldValue) -> FieldValue | None:
    """The golongan a rank name stands for (rules/pangkat.yaml), as a value less certain than a
    printed one, with the rank's place as evidence; None when the name is no rank."""
    found = golongan_of_rank(str(pangkat.value))
    if found is None:
        return None
    return FieldValue(found[1], pangkat.page, round(pangkat.confidence * 0.9, 3), pangkat.bbox)


def _with_new_nip(chosen: Values, persons: list[Values]) -> Values:
    """The subject's 18-digit NIP where the block read first holds only their old 9-digit one.

    A kartu pegawai printed before 2008 carries the NIP lama; the konversi NIP baru letter copied
    with it (one document, seed 002 "karpeg dan Konversi NIP baru") carries the new one, which is
    what the rest of the dossier uses. The new NIP is taken only when it is the same person: its
    encoded birth date is the block's tanggal lahir, or the names match.
    """
    old = chosen.get("nip")
    if old is None or len(str(old.value)) != 9:
        return chosen
    born = chosen.get("tanggal_lahir")
    for block in persons:
        fv = block.get("nip")
        info = nip.decode_nip(str(fv.value)) if fv is not None else None
        if info is None or not info.is_valid or block is chosen:
            continue
        same_birth = born is not None and info.birth_date is not None and str(born.value) == info.birth_date.isoformat()
        same_name = (
            "nama" in block
            and "nama" in chosen
            and names.names_match(str(block["nama"].value), str(chosen["nama"].value))
        )
        if same_birth or same_name:
            return {**block, **chosen, "nip": fv}
    return chosen


def _subject_by_signature(persons: list[Values], signers: list[Values]) -> Values | None:
    """In a letter an official signs about another employee, the block after the official's own
    (the first, whose NIP the signature at the foot repeats, or, its NIP row lost or shifted, whose
    name the signature repeats); None when that cannot be told."""
    if len(persons) < 2 or not _signed_by(persons[0], signers):
        return None
    return next((b for b in persons[1:] if "nama" in b), None)


def _signed_by(block: Values, signers: list[Values]) -> bool:
    """Whether a signature at the foot is this block's person: the same NIP, or where the block has
    no NIP, the same name (names.names_match; OCR noise and gelar tolerated)."""
    if "nip" in block:
        return block["nip"].value in {b["nip"].value for b in signers if "nip" in b}
    if "nama" not in block:
        return False
    named = [str(b["nama"].value) for b in signers if "nama" in b]
    return any(names.names_match(name, str(block["nama"].value)) for name in named)


def _with_signed_nip(chosen: Values, signers: list[Values]) -> Values:
    """The subject's NIP from the one signature under their own name (a DPCP's or SKP's "Yang
    bersangkutan" / "Pegawai yang dinilai"), where their block's NIP row was lost."""
    if "nip" in chosen or "nama" not in chosen:
        return chosen
    own = [b for b in signers if "nama" in b and names.names_match(str(b["nama"].value), str(chosen["nama"].value))]
    return {**chosen, "nip": own[0]["nip"]} if len(own) == 1 else chosen


def _signature_below(block: Values, converted: Values, page: PageResult, index: TextIndex, doc_type: str = "") -> bool:
    """A labelled "NIP." low on the page (a signature's) under another person's name is no part of
    a named block read above that zone: the block's own NIP row was lost ("1 196701152006042262"),
    and joining them would give the person at the top the signing official's NIP (and the
    employee's NIP, found elsewhere, no name). A signature whose name is unreadable or may be the
    block's own (the employee signing their SKP or DPCP, "ARE SUTRSSNO" under ARIF SUTRISNO) joins
    as before. A block that names no one (a golongan read from a petikan's diktum, its Nama and NIP
    rows lost to OCR) of a document only an official signs (fields.yaml signed_by_official) does
    not take a signature's NIP far below it either (:func:`_far_below`): the signing official's
    "NIP. 19791228 nnana 1 012" would become the employee's. A letter the employee signs keeps it."""
    fv = converted.get("nip")
    if fv is None or set(converted) != {"nip"} or fv.bbox is None or not block:
        return False
    zone = SIGNATURE_FROM * max(page.text.height, 1)
    if fv.bbox[1] <= zone or not all(
        v.page != fv.page or (v.bbox is not None and v.bbox[3] < zone) for v in block.values()
    ):
        return False
    if "nama" not in block:
        nameless = not any(key in block for key in BLOCK_KEYS)
        return nameless and doc_type in _signed_by_official() and _far_below(block, fv)
    signed = namerecall.signature_name(index, fv)
    return signed is not None and namerecall.other_person(str(signed.value), str(block["nama"].value))


def _far_below(block: Values, fv: FieldValue) -> bool:
    """The NIP stands more rows (of its own height) below the block's lowest value on its page
    than fields.yaml ``signature_nip_gap_rows``: the diktum, the place and date and the signing
    official's name and rank lie between, so it is no row of that block."""
    bottoms = [v.bbox[3] for v in block.values() if v.page == fv.page and v.bbox is not None]
    if not bottoms or fv.bbox is None:
        return False
    height = max(fv.bbox[3] - fv.bbox[1], 1)
    return fv.bbox[1] - max(bottoms) > _signature_gap_rows() * height


@functools.cache
def _signed_by_official() -> frozenset[str]:
    """fields.yaml ``signed_by_official`` (read once)."""
    return frozenset(load_yaml(RULES_DIR / "fields.yaml")["signed_by_official"])


@functools.cache
def _signature_gap_rows() -> float:
    """fields.yaml ``signature_nip_gap_rows`` (read once)."""
    return float(load_yaml(RULES_DIR / "fields.yaml")["signature_nip_gap_rows"])


def _name_signers(signers: list[Values], indexes: list[TextIndex]) -> None:
    """Each signature's name, read above its NIP (namerecall.signature_name): a DPCP is signed by
    the employee, so where its "Nama" row was lost the block resolution later picks by the
    employee's NIP (persons.select_block) still brings their name."""
    for block in signers:
        fv = block["nip"]
        index = next((i for i in indexes if i.page == fv.page), None)
        found = namerecall.signature_name(index, fv) if index is not None else None
        if found is not None:
            block["nama"] = found


def _signature_block(block: Values, pages: dict[int, PageResult]) -> bool:
    """A lone 'NIP. ...' low on the page is a signature (the official's, or the employee's own
    under 'Yang bersangkutan'): it names nobody the document is about."""
    fv = block.get("nip")
    if set(block) != {"nip"} or fv is None or fv.bbox is None or fv.page not in pages:
        return False
    return fv.bbox[1] > SIGNATURE_FROM * max(pages[fv.page].text.height, 1)


NIP_CONFIRMED_BIRTH = 0.8  # a date whose label OCR lost, placed as the birth date by the NIP beside it
MONTH_FROM_NIP = 0.6  # day and year as printed, the month unreadable and taken from the NIP
BIRTH_ROWS = 3  # how far from the NIP's row the birth-date row may stand (Nama, NIP, Tempat/Tgl. Lahir)
# A day and a year with what OCR left of the month word between them: "03 Nyvanwa 1968",
# "09 Aru eta 1968", "03 Nov-:— 1968", "28 (-:.--— 1993".
DAMAGED_DATE = re.compile(
    r"(?<![0-9])(?P<d>[0-3]?[0-9])\s+(?P<mon>[^\s\d][^\d\n]{0,14}?)\s*(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
)


def _birth_from_nip(block: Values, indexes: list[TextIndex]) -> None:
    """The block's birth date where OCR lost its label or its month word, confirmed by the NIP.

    An 18-digit NIP encodes its holder's birth date (nip.decode_nip), and forms print the
    birth-date row next to it (Nama / NIP / Tempat, Tgl. Lahir). On a faint scan the label goes
    (": Blora, 09-08-1968", "1 22 Januari 1968" with the label column read apart) or the month
    word does ("Pemalang 03 Nyvanwa 1968"). Near the NIP's row, a full date equal to the encoded
    one is taken as the birth date; a day and a year equal to the encoded ones around an
    unreadable month word take the NIP's month, with less certainty. A printed date that differs
    from the NIP is never replaced: that disagreement is for the cross-checks to report.
    """
    fv = block.get("nip")
    if fv is None or "tanggal_lahir" in block:
        return
    info = nip.decode_nip(str(fv.value))
    born = info.birth_date if info.is_valid else _birth_part(str(fv.value))
    index = next((i for i in indexes if i.page == fv.page), None)
    if born is None or index is None:
        return
    for row_no in _nip_rows(index, fv):
        window = index.rows[max(0, row_no - BIRTH_ROWS) : row_no + BIRTH_ROWS + 1]
        found = _confirmed_birth(index, window, born, month_from_nip=info.is_valid)
        if found is not None:
            block["tanggal_lahir"] = found
            return


HEAD_FROM_BIRTH_CERTAINTY = 0.5  # an NIP's birth digits read from the printed birth date: a guess


def _nip_head_from_birth(block: Values, indexes: list[TextIndex]) -> None:
    """The block's malformed NIP whose birth group OCR turned partly into letters ("NIP 1 19KANRI4
    200901 1 366"), or one digit of it into another so that no NIP decodes, made whole from the
    birth date the block prints within BIRTH_ROWS rows of it (nip.head_from_birth), when the whole
    decodes; the rest of the number is as read. Unsure: the cross-checks report it as a reading
    to verify. An NIP that decodes is never changed: a birth date differing from it is a finding."""
    fv, born = block.get("nip"), block.get("tanggal_lahir")
    if fv is None or born is None or born.page != fv.page or nip.decode_nip(str(fv.value)).is_valid:
        return
    index = next((i for i in indexes if i.page == fv.page), None)
    birth = dates.from_iso(born.value) if index is not None else None
    nip_row, birth_row = (namerecall.row_of(index, v) for v in (fv, born)) if index else (None, None)
    if birth is None or nip_row is None or birth_row is None or abs(nip_row - birth_row) > BIRTH_ROWS:
        return
    repaired = nip.birth_digit_repaired(str(fv.value), birth)
    if repaired is not None:
        # one birth digit misread into a number no NIP can be ("19890909 200603 2 252" for a 1969
        # birth printed two rows above: CPNS at 16; seed 39499's SK pangkat)
        if nip.decode_nip(repaired).is_valid:
            block["nip"] = _with_certainty(_with_value(fv, repaired), HEAD_FROM_BIRTH_CERTAINTY)
        return
    row = index.rows[nip_row]
    for m in nip.LETTERED_HEAD.finditer(index.text, row.start, row.end):
        head = nip.head_from_birth(m.group("head"), birth, _nip_head_min_digits())
        value = head + re.sub(r"\D", "", m.group("tail")) if head else ""
        if head and nip.decode_nip(value).is_valid:
            block["nip"] = index.field_value(m.start(), m.end(), value, HEAD_FROM_BIRTH_CERTAINTY)
            return


@functools.cache
def _nip_head_min_digits() -> int:
    """fields.yaml ``nip_head_min_digits`` (read once)."""
    return int(load_yaml(RULES_DIR / "fields.yaml")["nip_head_min_digits"])


def _nip_rows(index: TextIndex, fv: FieldValue) -> list[int]:
    """Rows of the page printing this NIP: where it was read, and every other place it stands
    (a block may hold the NIP from under the signature when its own NIP row lost its label)."""
    starts = [s for value, s, _ in nip.find_nips(index.text, wrapped=True) if value == fv.value]
    rows = [n for n, r in enumerate(index.rows) if any(r.start <= s < r.end for s in starts)]
    if fv.bbox is not None:
        middle = (fv.bbox[1] + fv.bbox[3]) / 2
        rows += [n for n, r in enumerate(index.rows) if n not in rows and _row_spans(index, r, middle)]
    return rows


def _birth_part(value: str) -> date | None:
    """The birth date leading an NIP OCR damaged further on ("1967042620090125", two digits
    lost): enough to confirm a printed date equal to it, not to supply a month."""
    return nip.leading_birth_date(value) if len(value) >= 16 else None


def _confirmed_birth(index: TextIndex, window: list, born: date, month_from_nip: bool = True) -> FieldValue | None:
    """A full date equal to ``born`` in the rows, else (``month_from_nip``: the NIP read whole) a
    day and year equal to it around a month word no reader can read."""
    for row in window:
        for d in dates.find_dates(index.text[row.start : row.end]):
            if d.value == born:
                s = row.start + d.start
                return index.field_value(s, s + len(d.raw), born.isoformat(), NIP_CONFIRMED_BIRTH)
    for row in window if month_from_nip else []:
        text = index.text[row.start : row.end]
        for m in DAMAGED_DATE.finditer(text):
            same = int(m["d"]) == born.day and int(m["y"]) == born.year
            if same and not dates.find_dates(m.group()) and _month_may_be(m["mon"], born.month):
                return index.field_value(row.start + m.start(), row.start + m.end(), born.isoformat(), MONTH_FROM_NIP)
    return _split_birth(index, window, born)


# A birth value wrapped in a two-column form: "Tempat/Tgl. Lahir : Sukoharjo, 09" / "d. Pangkat/Gol.
# April 1969" (the day ends its row, the month word and year end the next, after the next label).
_DAY_ENDS_ROW = re.compile(r",\s*(?P<d>[0-9OoIl]{1,2})\W{0,2}$")
_MONTH_YEAR_ENDS_ROW = re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,12})\.?\s+(?P<y>[12][0-9]{3})\W{0,2}$")


def _split_birth(index: TextIndex, window: list, born: date) -> FieldValue | None:
    """A birth date wrapped over two rows (_DAY_ENDS_ROW, then _MONTH_YEAR_ENDS_ROW with a sure month
    word) equal to the NIP's, with the certainty of a month taken from the NIP: the NIP confirms
    which rows belong together."""
    for row, nxt in zip(window, window[1:], strict=False):
        day = _DAY_ENDS_ROW.search(index.text[row.start : row.end])
        rest = _MONTH_YEAR_ENDS_ROW.search(index.text[nxt.start : nxt.end])
        if day is None or rest is None:
            continue
        read = dates._make_date(int(rest["y"]), dates.month_number(rest["mon"]), dates.ocr_number(day["d"]))
        if read == born:
            return index.field_value(
                row.start + day.start("d"), nxt.start + rest.end("y"), born.isoformat(), MONTH_FROM_NIP
            )
    return None


# A damaged month word says which month it is *not* only when it reads as another month (>= 60)
# far better (by 20) than as the NIP's: fuzzy ratios on such words are loose ("Aruetia" is Maret
# 67 against Agustus 50, "Jual" Juli 75 against Juni 50).
PLAUSIBLE_MONTH = 60.0
CONTRADICTION_MARGIN = 20.0


def _month_may_be(word: str, month: int) -> bool:
    """Whether what is left of a month word may be ``month``. "Novemuxi" beside an NIP encoding
    October is a November the NIP disagrees with (a real NIP_BIRTHDATE_MISMATCH, or a misread
    NIP), not an October to fill in; "Nyvanwa" or "Aru eta" contradict no month clearly."""
    scores = dates.month_similarity(word)
    if not scores:
        return True
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < PLAUSIBLE_MONTH or scores[best] - scores.get(month, 0.0) < CONTRADICTION_MARGIN:
        return True
    # the word's first letter, kept where the rest went, may side with ``month`` against the best
    # score: "Aru eh" and "Am et" score as Maret (60, 67: a short name takes any a, r, e, t) far
    # above Agustus, yet start with Agustus' A; "Novemuxi" against October still contradicts
    return dates.initial_decides(word.strip().lower(), month, [best])


NAME_ROW_CERTAINTY = 0.7  # a name placed by the form's row order, its label unread
# A form row with a colon (or the colon read as 1, l, |) and a value in capitals: "Kam : HARI
# SUPRFYANTO, S.H.", "LL yaa : ANIK PURWANTI, S.H.", ": ISTI WAHYUNI" (label on the row above),
# "aa 1 RETNO SUPRAPTI -" (a dash or quote of debris after the name).
# the separator: a colon, or one OCR misread as a lone 1, l, | or ! ("Mma ! WAHYU SHOLIKIN"), as
# labels.MISREAD_COLON takes it; also opening the row when OCR lost the whole label column ("1 AGUS
# SANTOSO" above "1 19680907 200803 1 172"), after a row number without its dot ("1 1 NAME").
_NAME_ROW = re.compile(
    r"^\W{0,3}(?:[0-9A-Za-z]{1,2}[.)]\s*)?(?P<label>[^:;\d\n]{0,14}?)\s*(?:[:;]|(?<!\S)[1l|!](?=\s))(?:\s+[1l|!](?=\s))?\s*"
    r"(?P<v>[A-Z][A-Za-z.,' ]{3,60}?)[\s,\-–—|\"“”]*$"
)
# Capitalised words that are a heading, an office or a value of another row, never a person.
_NOT_NAME_WORDS = {"DINAS", "KEPALA", "BADAN", "KABUPATEN", "KOTA", "PEMERINTAH", "PROVINSI", "ISLAM"}
_NOT_NAME_WORDS |= {"KRISTEN", "KATOLIK", "HINDU", "BUDDHA", "LAKI", "PEREMPUAN", "KAWIN", "BELUM", "SEKRETARIAT"}


# Letters that list the employee in a table (NO / NAMA / NIP / ... columns): the rows above its NIP
# are the table's header, read by narrative.read_table_name.
TABLE_LETTERS = {"SURAT_PENGANTAR"}


def _name_above_nip(block: Values, indexes: list[TextIndex], specs: dict, doc_type: str) -> None:
    """The block's name where OCR damaged the "Nama" label past matching ("Kam :", "Nima :",
    "LL yaa :") or put the value on a row of its own below it (": ISTI WAHYUNI").

    Every form prints the name row just above the NIP row (Nama / NIP / Tempat, Tgl. Lahir): of the
    three rows above the NIP, the nearest "label : VALUE" row whose value is a name in capitals
    (gelar aside) and whose label is no other field's is taken, with less certainty."""
    fv = block.get("nip")
    if fv is None or "nama" in block or doc_type in TABLE_LETTERS:
        return
    index = next((i for i in indexes if i.page == fv.page), None)
    if index is None:
        return
    for row_no in _nip_rows(index, fv):
        for above in range(row_no - 1, max(0, row_no - 3) - 1, -1):
            found = _name_row(index, index.rows[above], specs) or _name_over_label(index, above)
            if found is not None:
                block["nama"] = found
                return


# A "Nama" label with nothing after it: its value was printed a little higher and OCR put it first
_BARE_NAME_LABEL = re.compile(r"^\W{0,3}(?:[0-9A-Za-z]{1,2}[.)]\s*)?Nama\s*[:;]?\s*$", re.I)


def _name_over_label(index: TextIndex, row_no: int) -> FieldValue | None:
    """The name on a row of its own just above an empty "Nama :" row ("DWI PRASETYO, S.P." /
    "Nama :" / ": 19691216 ..." / "NIP"): a skewed scan put each value a row above its label.
    Placed by position, so with names.yaml placed_name_certainty."""
    if row_no + 1 >= len(index.rows):
        return None
    label = index.rows[row_no + 1]
    if not _BARE_NAME_LABEL.match(index.text[label.start : label.end]):
        return None
    row = index.rows[row_no]
    text = index.text[row.start : row.end].strip()
    if ":" in text or not namerecall.name_like(text) or namerecall.not_a_name(text):
        return None
    return namerecall.placed(index, row.start, row.end, names.clean_name_value(text))


# Cards that print the name right under the NIK (e-KTP: NIK / Nama / Tempat/Tgl Lahir).
NAME_BELOW_NIK = {"KTP"}


def _name_below_nik(block: Values, indexes: list[TextIndex], specs: dict) -> None:
    """The card holder's name where OCR lost its "Nama" label (": SRI KUSRINI" on the row under
    the NIK): the row after the NIK's, read as _name_row reads the row above an NIP."""
    fv = block.get("nik")
    if fv is None or "nama" in block:
        return
    index = next((i for i in indexes if i.page == fv.page), None)
    row_no = namerecall.row_of(index, fv) if index is not None else None
    if row_no is None or row_no + 1 >= len(index.rows):
        return
    found = _name_row(index, index.rows[row_no + 1], specs)
    if found is not None:
        block["nama"] = found


def _name_row(index: TextIndex, row, specs: dict) -> FieldValue | None:
    text = index.text[row.start : row.end]
    m = _NAME_ROW.match(text)
    if m is None or _other_field_label(m["label"], specs):
        return None
    value = names.clean_name_value(m["v"])
    bare = names.strip_gelar(value).split()  # upper-cased, gelar ("S.H.", "Drs.") dropped
    printed = set(re.findall(r"[A-Za-z]+", value))
    # every word of the name printed in capitals, as forms print names ("Baro PENSIUN" is debris)
    if sum(map(len, bare)) < 5 or not all(w in printed for w in bare) or set(bare) & _NOT_NAME_WORDS:
        return None
    if namerecall.is_address(value):
        return None
    return index.field_value(row.start + m.start("v"), row.start + m.end("v"), value, NAME_ROW_CERTAINTY)


def _other_field_label(label: str, specs: dict) -> bool:
    """Whether a (damaged) label is more like another field's than like nothing: "Jabatan",
    "Jenis Kelamin", "Unit Kerja" rows hold capitals too. A "Nama" label read well counts too: its
    row was read as a labelled row already, and is its own block's (a widow's letter names her
    above the NIP of the late husband it speaks of)."""
    key = normalise(label)
    if not key:
        return False
    cutoff = field_rules()[2]  # fields.yaml label_cutoff: what the label reader takes
    if "nama" in specs and any(fuzz.ratio(key, lab) >= cutoff for lab in specs["nama"].labels):
        return True
    if re.search(r"UNIT|KERJA|ALAMAT|AGAMA|STATUS|PENDIDIKAN|INSTANSI", key):
        return True
    for spec in specs.values():
        if spec.name != "nama" and any(fuzz.ratio(key, lab) >= 70 for lab in spec.labels):
            return True
    return False


def _row_spans(index: TextIndex, row, y: float) -> bool:
    box = index.bbox(row.start, row.end)
    return box is not None and box[1] <= y <= box[3]


def _below_anchor(index: TextIndex, anchor: int | None, fv: FieldValue) -> bool:
    """Whether ``fv`` is printed below the row of the text offset ``anchor``."""
    at = index.bbox(anchor, anchor + 1) if anchor is not None else None
    return at is not None and fv.bbox is not None and fv.bbox[1] > at[3]


def _first_phrase(text: str, phrases: tuple[str, ...]) -> int | None:
    lowered = text.lower()
    found = [i for i in (lowered.find(p.lower()) for p in phrases) if i >= 0]
    return min(found) if found else None


def _convert(hit: LabelHit, kind: str, index: TextIndex) -> Values:
    converter = CONVERTERS.get(kind)
    return converter(hit, index) if converter else {}


# A place and a date filling a value ("Purbalingga, 27 Juli 1967"): a birth row's value.
PLACE_DATE_VALUE = re.compile(r"^\W{0,3}[A-Za-z][A-Za-z .'-]{2,30}?,\s*(?=[0-9OoIl])")


def _place_date_value(value: str) -> bool:
    """Whether a value is a place and a date (PLACE_DATE_VALUE, a date read right after the comma):
    on a card printed in two columns OCR may put the Tempat/Tgl. Lahir value on the "Nama" label's
    row ("Nama Purbalingga, 27 Juli 1967"), and no name is a date."""
    m = PLACE_DATE_VALUE.match(value)
    found = dates.find_dates(value[m.end() :]) if m else []
    return bool(found) and found[0].start == 0


def _name(hit: LabelHit, index: TextIndex) -> Values:
    if _place_date_value(hit.value):
        return {}
    value = names.clean_name_value(hit.value)
    if len(re.sub(r"[^A-Za-z]", "", value)) < 3 or namerecall.not_a_name(value):
        # an address or a sentence after a damaged label ("Namat : DK. PUCUNG", the KK's Alamat
        # row; "a. Nama sesungguhnya bahwa ..." with ": DWI SANTOSO" on the row below)
        below = namerecall.value_below(index, hit.end)
        return {"nama": below} if below is not None else {}
    return {"nama": index.field_value(hit.start, hit.end, value)}


def _nip(hit: LabelHit, index: TextIndex) -> Values:
    found = nip.find_nips(hit.value, include_old=True)
    if found and len(found[0][0]) == 18:
        value, s, e = found[0]
        info = nip.decode_nip(value)
        return {"nip": index.field_value(hit.start + s, hit.start + e, value, 1.0 if info.is_valid else 0.6)}
    if wrapped := _wrapped_nip(hit, index):
        return wrapped
    if laid_out := _laid_out_nip(hit, index):
        return laid_out
    digits = re.sub(r"\D", "", hit.value)
    if len(digits) in (10, 19) and digits[0] == "1":
        # "NIP : 513 429 142" read as "NIP 1513 429 142", "NIP : 19680122 ..." as
        # "NIP 119680122 201003 1 254": the colon came out as a 1. Checked before the 9-digit
        # reading, which would take "119680122" for an NIP lama.
        rest = digits[1:]
        if (len(rest) == 9 and not found) or nip.decode_nip(rest).is_valid:
            return {"nip": index.field_value(hit.start, hit.end, rest, 0.7)}
    if found:
        value, s, e = found[0]
        return {"nip": index.field_value(hit.start + s, hit.start + e, value, 1.0)}
    grouped = nip.grouped_nip(hit.value)
    if grouped is not None:  # its groups parted by a speck read as a mark, other columns after it
        value, s, e = grouped
        return {"nip": index.field_value(hit.start + s, hit.start + e, value, 0.8)}
    # one speck too many (19 digits), the page prints the NIP whole: the page is searched only then
    printed = {value for value, _, _ in nip.find_nips(index.text)} if len(digits) == 19 else set()
    if dropped := nip.speck_dropped(digits, printed):
        return {"nip": index.field_value(hit.start, hit.end, dropped, 0.7)}
    if len(digits) >= 8:
        # an NIP as read, even if malformed: NIP_INVALID must see it, and no other NIP takes its place
        return {"nip": index.field_value(hit.start, hit.end, digits, 0.4)}
    return {}


def _wrapped_nip(hit: LabelHit, index: TextIndex) -> Values:
    """An NIP broken over two lines of a narrow table column: "NIP 19690122 201004 2" with "266"
    first on the next line (the NAMA / NIP column of a usul pensiun pengantar)."""
    lead = re.match(r"[\s:.]*(\d[\d ]*)", hit.value)
    line_end = index.text.find("\n", hit.end)
    if lead is None or line_end < 0:
        return {}
    joined = nip.join_wrapped(lead.group(1), index.text[line_end + 1 :])
    if joined is None:
        return {}
    return {"nip": index.field_value(hit.start + lead.start(1), line_end + 1 + joined[1], joined[0], 0.8)}


def _laid_out_nip(hit: LabelHit, index: TextIndex) -> Values:
    """An NIP whose tail a table cell or a split row put on another line (nip_layout)."""
    lead = re.match(r"[\s:.]*(\d+(?: \d+)*)", hit.value)
    if lead is None:
        return {}
    start = hit.start + lead.start(1)
    joined = nip_layout.layout_join(index, start, hit.start + lead.end(1))
    if joined is not None:
        return {"nip": index.field_value(start, joined[1], joined[0], 0.8)}
    beside = nip_layout.beside_label_before(index, hit.start)
    return {"nip": index.field_value(beside[1], beside[2], beside[0], 0.8)} if beside else {}


def _nik(hit: LabelHit, index: TextIndex) -> Values:
    found = nik.find_niks(hit.value)
    if found:
        value, s, e = found[0]
        return {"nik": index.field_value(hit.start + s, hit.start + e, value)}
    digits = nik.normalize_nik(hit.value)
    if len(digits) >= 12:
        return {"nik": index.field_value(hit.start, hit.end, digits, 0.4)}
    return {}


WEEKDAY_REACH = 32  # how far before a date its day name may stand ("Hari : Kamis" / "Tanggal : " rows)


def _date(hit: LabelHit, index: TextIndex) -> Values:
    found = dates.find_dates(hit.value)
    joined = dates.joined_date(hit.value) if not found else None
    if not found and joined is None:
        return {}
    d = found[0] if found else joined
    value, certainty = _named_day_checked(d, hit.value[: d.start])
    return {hit.field: index.field_value(hit.start + d.start, hit.start + d.end, dates.iso(value), certainty)}


def _named_day_checked(d: dates.DateMatch, before: str) -> tuple[date, float]:
    """The date and its certainty, checked against the day's name printed before it ("Jumat,
    30-01-2028"): when they disagree, the one date a digit away that falls on that day
    (dates.weekday_repaired), else the date as read; less certain either way."""
    day = dates.named_weekday(before[-WEEKDAY_REACH:])
    if day is None or d.value.weekday() == day:
        return d.value, d.certainty
    certainty = d.certainty * float(dates.weekday_rules()["certainty"])
    return dates.weekday_repaired(d.value, day) or d.value, certainty


def _place_date(hit: LabelHit, index: TextIndex) -> Values:
    out: Values = {}
    found = dates.find_dates(hit.value)
    if found:
        d = found[0]
        out["tanggal_lahir"] = index.field_value(
            hit.start + d.start, hit.start + d.end, dates.iso(d.value), d.certainty
        )
        place = hit.value[: d.start].strip(" ,.;/-")
    else:
        place = hit.value.split(",")[0].strip(" ,.;/-")
    if place and re.search(r"[A-Za-z]{3}", place):
        out["tempat_lahir"] = index.field_value(hit.start, hit.start + len(place), place)
    return out


def _gender(hit: LabelHit, index: TextIndex) -> Values:
    upper = hit.value.upper()
    for word, code in GENDER_WORDS.items():
        if word in upper:
            return {"jenis_kelamin": index.field_value(hit.start, hit.end, code)}
    found = gender_of(hit.value)  # "Ferempuan", "Lakd-lakd": the word however damaged
    return {"jenis_kelamin": index.field_value(hit.start, hit.end, found[0], found[1])} if found else {}


def _gender_row(block: Values, indexes: list[TextIndex]) -> None:
    """The subject's gender from a row the label reader missed (gender.gender_row: "Jenis Kasat
    Laki-iaki", or ": Perempuan" set apart from its label), where the block has none."""
    if "jenis_kelamin" in block:
        return
    for index in indexes:
        found = gender_row(index)
        if found is not None:
            block["jenis_kelamin"] = index.field_value(found[2], found[3], found[0], found[1])
            return


def _golongan(hit: LabelHit, index: TextIndex) -> Values:
    out: Values = {}
    m = _first_golongan(hit.value)
    tail = None if m else RANK_SLASH_TOKEN.search(hit.value)
    rank_end = m.start() if m else tail.start() if tail else None
    if m:
        letter = (m.group(2) or (m.group(3) if m.re is GOLONGAN_LOOSE else "")).lower()
        roman = re.sub(r"[l1|i]", "I", m.group(1))
        # A damaged roman part ("ITU") is kept as read, so the letter can still be confirmed by the
        # rank; on its own such a value is not a golongan (_reconcile_golongan drops it).
        value = f"{roman}/{letter}"
        certainty = 1.0 if roman in ROMAN else 0.5
        out["golongan"] = index.field_value(hit.start + m.start(), hit.start + m.end(), value, certainty)
    elif tail is not None and (damaged := damaged_golongan(tail.group(1))) is not None:
        # "Pengatur Muda / Wa", "Pengatur / Vc": the rank and a golongan whose roman part is lost.
        out["golongan"] = index.field_value(hit.start + tail.start(1), hit.start + tail.end(1), damaged, 0.5)
    elif (damaged := damaged_golongan(hit.value)) is not None:
        # "Golongan ruang : Nud": only the ruang letter read; the block's rank must confirm it.
        out["golongan"] = index.field_value(hit.start, hit.end, damaged, 0.5)
    pangkat = _rank_text(hit.value[:rank_end]) if rank_end is not None else "" if out else hit.value.strip()
    if pangkat and re.search(r"[A-Za-z]{4}", pangkat):
        out["pangkat"] = index.field_value(hit.start, hit.start + len(pangkat), pangkat)
    if m is not None and m.re is GOLONGAN_LOOSE and not _rank_of(out):
        # "Ic", "|i/a": a roman part OCR ran together or left without its slash says nothing sure
        # (III/c, III/a); only the letter is kept, for a rank to confirm.
        out["golongan"] = _with_value(out["golongan"], "?/" + str(out["golongan"].value)[-1:])
    if "pangkat" in out:
        _reconcile_golongan(out)  # else a damaged golongan waits for the block's "Pangkat baru" row
    return out


def _first_golongan(value: str) -> re.Match[str] | None:
    """The golongan printed first in a value, whole ("III/d") or damaged ("IIWd"): on an SKP row the
    penilai's "Pembina / IV/a" follows the employee's "Penata Tingkat | / IIWd"."""
    found = [m for m in (GOLONGAN.search(value), GOLONGAN_LOOSE.search(value)) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


# The golongan cell after a rank and its slash, when no pattern reads it: "Pengatur Muda / Wa".
RANK_SLASH_TOKEN = re.compile(r"(?<=[A-Za-z.])\s*/+\s*(\S{1,5})\s*[.,]?\s*$")


def _rank_of(block: Values) -> bool:
    """Whether the block's rank reads as a rank: whole, or among the ranks of its golongan's letter."""
    if "pangkat" not in block:
        return False
    rank = str(block["pangkat"].value)
    letter = str(block["golongan"].value)[-1:] if "golongan" in block else ""
    return golongan_of_rank(rank) is not None or bool(letter and rank_by_letter(rank, letter))


def _promoted(block: Values, indexes: list[TextIndex]) -> None:
    """A golongan of which only the ruang letter reads ("Golongan ruang : Nud"), beside no rank
    that reads, put right from the old rank of a kenaikan pangkat decree (promotion.promoted_golongan):
    the step above it, when its letter is the one printed and no rank read says otherwise."""
    printed = block.get("golongan")
    if printed is None or str(printed.value).split("/")[0] in ROMAN:
        return
    letter = str(printed.value)[-1:]
    rank = str(block["pangkat"].value) if "pangkat" in block else ""
    said = golongan_of_rank(rank) if rank else None
    new = promoted_golongan(indexes, letter)
    if new is None or (said is not None and said[1] != new) or rank_by_letter(rank, letter) not in (None, new):
        return
    block["golongan"] = FieldValue(new, printed.page, printed.confidence * RANK_CELL_CERTAINTY, printed.bbox)


def _rank_text(text: str) -> str:
    """The rank before a golongan, its separators dropped; a "|" that is the roman I of "Tingkat I"
    ("Peneua Tingkat | / IIVd") is kept, any other "|" is a table rule."""
    plain = text.strip(" ,.;/-()|")
    kept = text.strip(" ,.;/-()").lstrip("|").strip()
    last = plain.split()[-1:] if plain else []
    return kept if kept.endswith("|") and last and fuzz.ratio(last[0].upper(), "TINGKAT") >= 80 else plain


def _reconcile_golongan(block: Values) -> None:
    """The golongan of a block, made to agree with the rank printed beside it (ranks.reconcile): a
    printed golongan whose ruang letter is the rank's, or whose roman part is unreadable, takes the
    rank's; one with another letter stays as printed; a damaged one with no rank is dropped. A rank
    too damaged to read alone is read among the ranks of the printed letter (ranks.rank_by_letter:
    "Penaatur" beside "Ic" is II/c)."""
    printed = block.get("golongan")
    derived = golongan_of_pangkat(block["pangkat"]) if "pangkat" in block else None
    if derived is None and printed is not None and "pangkat" in block:
        by_letter = rank_by_letter(str(block["pangkat"].value), str(printed.value)[-1:])
        if by_letter is not None:
            pangkat = block["pangkat"]
            derived = FieldValue(by_letter, pangkat.page, pangkat.confidence * RANK_CELL_CERTAINTY, pangkat.bbox)
    value = reconcile(str(printed.value) if printed else None, str(derived.value) if derived else None)
    if value is None:
        block.pop("golongan", None)
    elif printed is not None and str(printed.value)[-1:] == value[-1:]:
        block["golongan"] = _with_value(printed, value)  # where it is printed, as the rank confirms it
    elif derived is not None:
        block["golongan"] = derived


def _repair_nik(block: Values) -> None:
    """An impossible NIK put right from the birth date and gender printed in the same block
    (nik.repair_nik: only a valid result within two digits of the reading, or the one valid NIK
    left by dropping a digit from a 17-digit reading, is taken), and only one that keeps each of
    its glyph shapes one digit (glyphs.fits_shapes): a repair giving one of four same zeros another
    digit is no misreading put right, the card prints it so, and NIK_INVALID must say it."""
    fv, born, gender = block.get("nik"), block.get("tanggal_lahir"), block.get("jenis_kelamin")
    if fv is None or born is None:
        return
    birth = dates.from_iso(born.value)
    if birth is None:
        return
    fixed = nik.repair_nik(str(fv.value), birth_date=birth, gender=str(gender.value) if gender else None)
    if fixed != fv.value and glyphs.fits_shapes(fixed, str(fv.value), fv.glyph_groups):
        block["nik"] = FieldValue(fixed, fv.page, fv.confidence * 0.9, fv.bbox)


def _with_value(fv: FieldValue, value: str) -> FieldValue:
    return FieldValue(value, fv.page, fv.confidence, fv.bbox)


# The numbers as OCR may print them: "O Tahun 4 Bulan" (a 0 read as O), "1O Tahun" (digits only after
# a real digit or alone: "O" before "Tahun" is a zero, never a word).
YEARS_MONTHS = re.compile(
    r"(?<![A-Za-z])([0-9OoIl]{1,2})\s*(?:tahun|thn|th)\.?\s*(?:([0-9OoIl]{1,2})\s*(?:bulan|bln|bl)\b)?", re.I
)


def _years_months(hit: LabelHit, index: TextIndex) -> Values:
    """'3 Tahun 2 Bulan' -> '03-02' (years-months), the masa kerja printed on an SK."""
    m = YEARS_MONTHS.search(hit.value)
    if not m:
        return {}
    years, months = dates.ocr_number(m.group(1)), dates.ocr_number(m.group(2) or "0")
    if months > 11:
        return {}
    return {hit.field: index.field_value(hit.start + m.start(), hit.start + m.end(), f"{years:02d}-{months:02d}")}


def _text(hit: LabelHit, index: TextIndex) -> Values:
    return {hit.field: index.field_value(hit.start, hit.end, hit.value.strip(" ,."))}


# A row holding only a list number ("2.", "3)") right after a row that ends in a digit.
MARGIN_NUMBER_ROW = re.compile(r"(?<=\d\n)[ \t]*\d{1,2}[.)][ \t]*(?=\n)")


# The labelled day row of a surat kematian between its phrase and its "Tanggal :" row ("telah
# meninggal dunia pada:" / "Hari : Kamis" / "Tanggal : 02 November 2023").
DAY_ROW = re.compile(r"\n[ \t]*Hari[ \t]*[:;][ \t]*[A-Za-z']{3,8}[ \t,.]*(?=\n)", re.IGNORECASE)


def _day_rows(gap: str) -> int:
    """How many characters of ``gap`` are a labelled day row (DAY_ROW): not counted against a phrase's
    window, so that OCR's debris in the phrase's row ("meninggal dunia nara: e") still leaves room."""
    return sum(len(m.group()) for m in DAY_ROW.finditer(gap))


# What may not stand between a phrase and its date: another number, or a sentence's end (a full
# stop after a word; one opening a row is OCR debris).
PHRASE_GAP_BREAK = re.compile(r"\d\d|\w\.\s")


def _phrase_date(index: TextIndex, phrases: tuple[str, ...], window: int = 4) -> FieldValue | None:
    """A date right after a phrase: '... terhitung mulai tanggal 01 Januari 2008'.

    ``window``: how many characters may stand between the phrase and the date. Wider for
    narrative dates ("meninggal dunia pada hari Senin tanggal 23 Juni 2025"), but never across
    another number or a sentence end, which would belong to something else."""
    lowered = index.text.lower()
    for phrase in phrases:
        # A sentence wraps anywhere: "... terhitung\nmulai tanggal 01 Mei 2020"; a space may be
        # read as a full stop ("Pada.hari Rabu tanggal 04 Desember 1996").
        pattern = r"(?:\s+|\.\s*)".join(re.escape(w) for w in phrase.lower().split())
        for m in re.finditer(pattern, lowered):
            text = index.text[m.end() : m.end() + window + 40]
            # a speck opening the date's next row ("... tanggal 01" / "« Januari 2009"; "... tanggal 01
            # April" / ": 2010", the colon column of the rows below), blanked in place
            text = re.sub(r"(?<=\n)[ \t]*[«»“”\"'|:;]", lambda s: " " * len(s.group()), text)
            # a paragraph's number in the margin read as a row of its own between the day ending a
            # row and the month opening the next ("... pada tanggal 28" / "2." / "September 2023")
            text = MARGIN_NUMBER_ROW.sub(lambda s: " " * len(s.group()), text)
            found = dates.find_dates(text)
            if not found or found[0].start - _day_rows(text[: found[0].start]) > window:
                continue
            gap = text[: found[0].start]
            # a sentence end is a full stop after a word; one opening a row is OCR debris
            # ("Dicatat di Boyolali" / ". tanggal 25 Februari 1997" on a kutipan akta nikah)
            if found[0].start > 4 and PHRASE_GAP_BREAK.search(gap):
                continue
            d = found[0]
            value, certainty = _named_day_checked(d, lowered[m.start() : m.end()] + gap)
            return index.field_value(m.end() + d.start, m.end() + d.end, dates.iso(value), certainty)
    return None


PHRASE_FUZZY_CUTOFF = 80.0  # "terhitung mulaj tanggal" 96, "terbitwmg mula tanggal" 84; "berlaku mulai tanggal" 77
PHRASE_FUZZY_WORDS = 2  # "mulai tancaal : O1 April 2022": two words and a date right after them
PHRASE_FUZZY_CERTAINTY = 0.8


def _fuzzy_phrase_date(index: TextIndex, phrases: tuple[str, ...], window: int = 0) -> FieldValue | None:
    """A date right after a phrase of two words or more that OCR damaged ("terhitung mulaj
    tanggal 01 Januari 2012", "terbitwmg mula tanggal ...", "C. Ten mulai tancaal 1 O1 April
    2022"): the words before the date, as many as the phrase has, near it as a whole
    (PHRASE_FUZZY_CUTOFF); with less certainty. A date starting right after them (a space, a
    colon or the colon read as 1) counts, or one within ``window`` characters of them as
    :func:`_phrase_date` takes it ("Pada bari Rabu tanggal 21 November 2001" on a kutipan akta
    nikah of seed 39499: the day's name between, checked against the date)."""
    long = [p.lower() for p in phrases if len(p.split()) >= PHRASE_FUZZY_WORDS]
    if not long:
        return None
    words = [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"\S+", index.text)]
    for phrase in long:
        n = len(phrase.split())
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            if fuzz.ratio(" ".join(w for w, _, _ in run), phrase) < PHRASE_FUZZY_CUTOFF:
                continue
            end = run[-1][2]
            text = index.text[end : end + window + 44]
            found = dates.find_dates(text)
            if not found:
                continue
            gap = text[: found[0].start]
            right_after = re.fullmatch(r"\s*(?:[:;]|[1lI|](?=\s))?\s*", gap)
            # as _phrase_date: never across another number or a sentence end
            within = found[0].start - _day_rows(gap) <= window and not PHRASE_GAP_BREAK.search(gap)
            if not right_after and not within:
                continue
            d = found[0]
            value, certainty = _named_day_checked(d, gap)
            return index.field_value(end + d.start, end + d.end, dates.iso(value), PHRASE_FUZZY_CERTAINTY * certainty)
    return None


DateReader = Callable[[str], list[dates.DateMatch]]  # reads a row's dates: dates.find_dates, or _framed


# A value row holding only a date (its label column lost; the colon kept or read as 1, l, |) and the
# masa kerja row under it ("1 20 Tahun 2 Bulan").
_BARE_DATE_ROW = re.compile(r"^\W{0,3}(?:[1l|]\s+)?(?P<d>[0-9OoIl]{1,2}\b[^\n]{4,20}?[12][0-9]{3})\W{0,2}$")
_MASA_KERJA_ROW = re.compile(r"^\W{0,3}(?:[1l|]\s+)?[0-9OoIl]{1,2}\s+Tahun\s+[0-9OoIl]{1,2}\s+Bulan\b", re.I)


@functools.cache
def _tmt_unlabelled_rules() -> dict:
    """fields.yaml ``tmt_unlabelled``."""
    return load_yaml(RULES_DIR / "fields.yaml")["tmt_unlabelled"]


def _unlabelled_tmt(index: TextIndex) -> FieldValue | None:
    """The TMT of a decree's "Menjadi:" block whose labels OCR lost: the row of nothing but a date
    right above the masa kerja row (_BARE_DATE_ROW, _MASA_KERJA_ROW), less certain."""
    rows = index.row_texts()
    for (span, row), (_, below) in zip(rows, rows[1:], strict=False):
        m = _BARE_DATE_ROW.match(row)
        if m is None or not _MASA_KERJA_ROW.match(below):
            continue
        found = dates.find_dates(m["d"])
        if found and found[0].start == 0:
            d = found[0]
            start = span.start + m.start("d")
            certainty = _tmt_unlabelled_rules()["certainty"] * d.certainty
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), certainty)
    return None


BROKEN_CERTAINTY = 0.7  # a date read from rows OCR broke apart (_broken_date), placed by their shape
# A day right after the phrase, the rest of its row no date ("... tanggal 01 Pengelolaan Keuangan").
_LONE_DAY = re.compile(r"^\s*:?\s*(?P<d>[0-9OoIl]{1,2})(?![0-9OoIl])(?!\s*[-./]?\s*[0-9])")
# A month word and a year on the next row ("KEDUA Agustus 2023.").
_MONTH_YEAR = re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,12})\.?\s+(?P<y>[12][0-9]{3})(?![0-9])")


def _broken_date(index: TextIndex, spec: FieldSpec) -> FieldValue | None:
    """A field's date from rows OCR broke apart, as the field's rules (fields.yaml ``broken``) allow:
    the phrase's day ending its row with month and year on the next, a label damaged into one of
    ``label_shapes``, or the value on the row above a label standing alone. Less certain."""
    found = None
    if spec.split_phrase:
        found = _split_phrase_date(index, spec.phrases)
    if found is None and spec.label_shapes:
        found = _shaped_label_date(index, spec.label_shapes)
    if found is None and spec.value_above:
        found = _value_above_label(index, spec.labels)
    if found is None and spec.event_labels:
        found = _event_row_date(index, spec.event_labels, spec.event_next)
    if found is None and spec.weekday_row:
        found = _weekday_row_date(index)
    return found


WEEKDAY_ROW_REACH = 12  # a label's debris before the date on its row ("Tanggal : ", "3 ")


def _weekday_row_date(index: TextIndex) -> FieldValue | None:
    """'Hari : Kamis' / 'Tanggal : 18 Juni 2026' with the labels and their heading lost (': Kamis' /
    '3 18 Juni 2026'): a row holding only a day's name (and "Hari") and, opening the next row, a
    date falling on that day (fields.yaml ``weekday_row``). Less certain."""
    rows = index.row_texts()
    for (_, row), (span, below) in zip(rows, rows[1:], strict=False):
        words = re.findall(r"[A-Za-z']+", row.lower())
        day = dates.named_weekday(row)
        if day is None or any(w != "hari" for w in words[:-1]):
            continue
        found = dates.find_dates(below)
        if found and found[0].start <= WEEKDAY_ROW_REACH and found[0].value.weekday() == day:
            d = found[0]
            start = span.start + d.start
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), BROKEN_CERTAINTY * d.certainty)
    return None


EVENT_NEXT_ROWS = 2  # "Tanggal : ..." then "Pukul : ..." (or a stamp's debris, then "Pukul")


def _event_row_date(index: TextIndex, labels: tuple[str, ...], following: tuple[str, ...]) -> FieldValue | None:
    """'Tanggal 1 29 Oktober 2024' / 'Pukul : 22.29 WIB': an event's rows (fields.yaml ``event_row``)
    whose heading OCR lost: a row labelled one of ``labels``, one of the next rows labelled one of
    ``following``, a whole date in the first row's value. Less certain."""
    cutoff = field_rules()[2]
    rows = index.row_texts()

    def labelled(row: str, wanted: tuple[str, ...]) -> int | None:
        for label, offset in split_row(row):
            key = normalise(label)
            if key and max(fuzz.ratio(key, w) for w in wanted) >= cutoff:
                return offset
        return None

    for n, (span, row) in enumerate(rows):
        offset = labelled(row, labels)
        if offset is None or not any(
            labelled(r, following) is not None for _, r in rows[n + 1 : n + 1 + EVENT_NEXT_ROWS]
        ):
            continue
        found = dates.find_dates(row[offset:])
        if found and found[0].start <= 12:  # a day's name may stand first ("Selasa, 29-10-2024")
            d = found[0]
            start = span.start + offset + d.start
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), BROKEN_CERTAINTY * d.certainty)
    return None


def _split_phrase_date(index: TextIndex, phrases: tuple[str, ...]) -> FieldValue | None:
    """'terhitung mulai tanggal 01 Pengelolaan Keuangan APBD' / 'KEDUA Agustus 2023.': a decree in
    two columns read across them, the phrase's day ending its row and the month (a sure month word)
    and year opening the next row's sentence column."""
    lowered = index.text.lower()
    rows = index.rows
    for phrase in (p for p in phrases if len(p.split()) >= 2):
        pattern = r"(?:\s+|\.\s*)".join(re.escape(w) for w in phrase.lower().split())
        for m in re.finditer(pattern, lowered):
            n = next((k for k, r in enumerate(rows) if r.start <= m.end() <= r.end), None)
            if n is None or n + 1 >= len(rows):
                continue
            rest = index.text[m.end() : rows[n].end]
            day = _LONE_DAY.match(rest)
            if day is None or dates.find_dates(rest):
                continue
            nxt = index.text[rows[n + 1].start : rows[n + 1].end]
            my = next((x for x in _MONTH_YEAR.finditer(nxt) if dates.month_number(x["mon"])), None)
            when = (
                dates._make_date(int(my["y"]), dates.month_number(my["mon"]), dates.ocr_number(day["d"]))
                if my
                else None
            )
            if when is not None:
                end = rows[n + 1].start + my.end()
                return index.field_value(m.end() + day.start("d"), end, when.isoformat(), BROKEN_CERTAINTY)
    return None


def _shaped_label_date(index: TextIndex, shapes: tuple[str, ...]) -> FieldValue | None:
    """'C. Ter mulai tencaal : Ol April 2020': a label damaged past the label reader whose
    normalised form is one of ``shapes`` (fields.yaml), a whole date after its colon."""
    for span, row in index.row_texts():
        label, colon, value = row.partition(":")
        if not colon or not any(re.fullmatch(shape, normalise(label)) for shape in shapes):
            continue
        text = value.strip()
        found = dates.find_dates(text) if _WHOLE_DATE.match(text) else []
        if found:
            start = span.start + len(row) - len(value) + (len(value) - len(value.lstrip())) + found[0].start
            d = found[0]
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), BROKEN_CERTAINTY * d.certainty)
    return None


def _value_above_label(index: TextIndex, labels: tuple[str, ...]) -> FieldValue | None:
    """'O1 April 2021' / 'Mulai tanggal': a label alone on its row (one of the field's, nearly
    whole) under a row that is nothing but a date: two columns read with the value a row early."""
    rows = index.row_texts()
    cutoff = field_rules()[2]
    for (above_span, above), (_, row) in zip(rows, rows[1:], strict=False):
        key = normalise(row)
        if not key or re.search(r"[0-9:]", row) or max(fuzz.ratio(key, lab) for lab in labels) < cutoff:
            continue
        text = above.strip()
        found = dates.find_dates(text) if _WHOLE_DATE.match(text) else []
        if found and found[0].start == 0:
            d = found[0]
            start = above_span.start + len(above) - len(above.lstrip())
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), BROKEN_CERTAINTY * d.certainty)
    return None


# "Blora, 26 Oktober 2023"; the comma is read as a full stop now and then ("Magelang. 21 ...")
# ("mengetahui, Salatiga, 04 Juni 2025": the left column's "Mengetahui," read first, in lower case).
# Never after a colon: ": Blora, 09-08-1968" is a labelled row (a birth date) whose label OCR lost.
# Debris of the margin may lead the row (". . Batang, O1 Oktober 2025").
LETTER_DATE = re.compile(r"^[^\w:;]{0,6}[A-Za-z][A-Za-z .'-]{2,30}?[,.]\s*(?P<d>.{6,30}?)\s*\.?$")
# The same row with the comma after the place lost ("Kudus 05 Juni 2024", "Klaten 27 Juli 2024"):
# only a place of one or two Capitalised words and a date with its month in words, the row holding
# nothing else.
LETTER_DATE_BARE = re.compile(
    r"^[^\w:;]{0,6}[A-Z][A-Za-z'-]{2,20}(?: [A-Z][A-Za-z'-]{2,20})?\s+"
    r"(?P<d>[0-9OoIl]{1,2}\s+[A-Za-z][^\s\d]{2,11}\s+[12][0-9]{3})\s*\.?$"
)
# The date row of a form signed in two columns, the left column's caption read first and damaged
# ("Fs! yang Dinilai, remang, 02 Januari 2024" on an SKP, "#5— yang Dini, #unogat 07 Januari
# 2025"): a caption without a colon, a comma, the place, then a date ending the row. A colon may
# stand in the caption's first few letters only, OCR's reading of its first word ("Fs: yang Dinilai,
# Salatiga, 06 Januari 2024"); a labelled row's colon follows a longer label.
# A full stop of debris may stand between the caption's comma and the place ("Mengetahui, .
# Purbalingga, 09 November 2023").
SIGNED_DATE = re.compile(
    r"^(?:[^:;\n]{0,3}[:;])?[^:;\n]{3,40}?,\s*(?:\.\s+)?[#'\"“]?[A-Za-z][A-Za-z .'-]{2,30}?[,.]?\s+"
    r"(?P<d>[0-9OoIl][0-9OoIlS]?\s*[-./]?\s*[A-Za-z][^\s\d]{2,11}\s*[-./]?\s*[12][0-9]{3})\s*\.?$"
)
# The same two-column block read with the left column's office in capitals first and no comma
# after it ("KEPALA DINAS KESEHATAN Purbalingga, 27 November 2023"): capital words, then the place
# in Title case, a comma and a date with its month in words ending the row.
CAPTION_DATE = re.compile(
    r"^\W{0,3}(?:[A-Z]{2,}[.,]?\s+){1,6}[A-Z][a-z]{2,20}(?: [A-Z][a-z]{2,20})?[,.]\s*"
    r"(?P<d>[0-9OoIl]{1,2}\s+[A-Za-z][^\s\d]{2,11}\s+[12][0-9]{3})\s*\.?$"
)
# A birth-date row whose colon was lost looks like a signed date ("Tempat, Tgl Lahir Pemalang, 03 ...").
BIRTH_WORDS = ("lahir", "tgl")


def _letter_date(index: TextIndex, read: DateReader = dates.find_dates) -> FieldValue | None:
    """'Blora, 26 Oktober 2023': a letter's place and date on a row of their own (a legalisation
    stamp's words OCR ran into the row before them set aside). When no reader reads one, the rows
    are read again with ``read`` = _framed: a month word damaged past the readers of running text
    ("Jepara, 11 Femumi 2024"), its row's shape vouching for it, less certain."""
    for span, full in index.row_texts():
        cut = _after_stamp(full)
        row = full[cut:]
        shapes = (_letter_row, _signed_date, _bare_letter_date, _caption_date)
        # a row of one shape first (as ever); the framed reader tries each shape's date in turn
        # (", Mengetahui, Salatiga, 23 Ag'shc 2024" is a signed date only the second reads whole)
        matches = [m for m in (f(row) for f in shapes) if m]
        for m in matches if read is not dates.find_dates else matches[:1]:
            found = read(m.group("d"))
            if found and not _numbered_before(m.group("d")[: found[0].start]):
                d = found[0]
                start = span.start + cut + m.start("d") + d.start
                return index.field_value(start, start + len(d.raw), dates.iso(d.value), d.certainty)
    if read is not dates.find_dates:
        return _signing_date(index, read)
    return _wrapped_letter_date(index) or _signing_date(index) or _letter_date(index, _framed)


def _numbered_before(lead: str) -> bool:
    """Whether a number stands before a letter row's date: "PangkavGol. Ruang, TMT Penata / III/c,
    01-04-2022" is a form's rank row whose label OCR ran together (a rank, a golongan, its TMT), where
    a letter's "Kota, dd Bulan yyyy" holds no number (nor a golongan's slash) but its date."""
    return re.search(r"[0-9/]", lead) is not None


def _framed(text: str) -> list[dates.DateMatch]:
    """dates.framed_date as a reader of a row's date: a month word only its first letters name
    ("Salatiga, 23 Ag'shc 2024"), taken where the row's shape makes it a letter's date."""
    found = dates.framed_date(text)
    return [found] if found is not None else []


# A two-column signature block read row by row: the letter's "Tegal, 21 Februari" ends one row, its
# year ends the next, after the left column's words ("KEPALA DINAS 2025").
WRAPPED_DATE_HEAD = re.compile(r"^[^\w:;]{0,6}[A-Z][A-Za-z .'-]{2,30}?,\s*(?P<dm>[0-9OoIl]{1,2}\s+[A-Za-z]{3,12})\s*$")
WRAPPED_DATE_YEAR = re.compile(r"(?<![0-9./-])(?P<y>[12][0-9]{3})\s*[.,]?\s*$")
WRAPPED_DATE_CERTAINTY = 0.7  # the year placed by where it stands, on the row after its day and month


def _wrapped_letter_date(index: TextIndex) -> FieldValue | None:
    """A letter's date whose year OCR put at the end of the next row (WRAPPED_DATE_HEAD), read as
    one date, less certain: the day and month must read whole."""
    rows = index.row_texts()
    for (span, row), (next_span, next_row) in zip(rows, rows[1:], strict=False):
        head, year = WRAPPED_DATE_HEAD.match(row), WRAPPED_DATE_YEAR.search(next_row)
        if head is None or year is None:
            continue
        found = dates.find_dates(f"{head['dm']} {year['y']}")
        if found and found[0].start == 0 and found[0].certainty == 1.0:
            value = dates.iso(found[0].value)
            fv = index.field_value(span.start + head.start("dm"), next_span.start + year.end("y"), value)
            return _with_certainty(fv, WRAPPED_DATE_CERTAINTY)
    return None


@functools.cache
def _stamp_ends() -> re.Pattern[str]:
    """fields.yaml ``legalisation_stamp``: the words a copy's stamp ends with, as OCR reads them."""
    words = load_yaml(RULES_DIR / "fields.yaml")["legalisation_stamp"]["ends_with"]
    return re.compile(r"^.{0,40}?\b(?:" + "|".join(words) + r")\b[\s.,:]*", re.I)


def _after_stamp(row: str) -> int:
    """Where a row goes on after a legalisation stamp OCR read into it ("Foto copy sesuai dengan
    asli Magelang, 13 Februari 2024": the stamp overlaps the letter's date row), else 0."""
    m = _stamp_ends().match(row)
    return m.end() if m else 0


def _letter_row(row: str) -> re.Match[str] | None:
    """LETTER_DATE, unless the place ends with a full stop and the date is all digits: "Tingkat .
    08-02-2010" is a wrapped cell of a rank-history table, where a letter's "Kebumen. 02 Juni 2024"
    (its comma read as a full stop) writes the month in words."""
    m = LETTER_DATE.match(row)
    if m is None or ":" in m.group("d"):  # "Tempav Tgl. Lahir : Tegal, 28-04-1967" is a labelled row
        return None
    separator = row[: m.start("d")].rstrip()[-1:]
    if separator == "." and not re.search(r"[A-Za-z]{3}", m.group("d")):
        return None
    return m


def _bare_letter_date(row: str) -> re.Match[str] | None:
    """LETTER_DATE_BARE, unless the place is a label word ("Lahir 05 Juni 1968" is a birth row)."""
    m = LETTER_DATE_BARE.match(row)
    if m is None:
        return None
    words = re.findall(r"[A-Za-z]{3,}", row[: m.start("d")].lower())
    if any(fuzz.ratio(w, b) >= 75 for w in words for b in (*BIRTH_WORDS, "tanggal")):
        return None
    return m


SIGNING_DATE_CERTAINTY = 0.8  # a damaged label, placed by the decree's signature rows around it
SIGNING_LABEL_CUTOFF = 70.0  # "padatancsal", "pada tmnasal", "nara tanggal" against "pada tanggal"
SIGNING_CONTEXT_CUTOFF = 70.0  # "Ditatankan di", "Diicisnkan di" against "ditetapkan di"
SIGNING_LABEL_PLACED_CUTOFF = 65.0  # "padatsnccal" (70 less a hair) under a place row of PLACE_ROW_SHAPE


def _signing_date(index: TextIndex, read: DateReader = dates.find_dates) -> FieldValue | None:
    """The signing date of a decree whose "pada tanggal" label OCR damaged past the label reader
    ("Ditetapkan di : Pemalang" / "pada tmnasal : 10 Februari 2018" / "BUPATI PEMALANG,"), and
    the "di Jakarta tanggal 01 Juli 2008" of a card whose "Dikeluarkan" OCR lost.

    A "label : date" row is taken when its label is near one of fields.yaml ``signing_date``
    labels and the row above is the place row ("Ditetapkan di", fuzzily) or the row below opens
    the signer's office (BUPATI, WALI KOTA, ...): the form and place of the date confirm it."""
    rules = signing_rules()
    rows = index.row_texts()
    for n, (span, row) in enumerate(rows):
        shaped = n > 0 and PLACE_ROW_SHAPE.match(rows[n - 1][1]) is not None
        found = _signing_row(row, rules, SIGNING_LABEL_PLACED_CUTOFF if shaped else SIGNING_LABEL_CUTOFF, read)
        if found is None:
            continue
        offset, d = found
        before = [normalise(r.split(":")[0]) for _, r in rows[max(0, n - 2) : n]]
        after = normalise(rows[n + 1][1]) if n + 1 < len(rows) else ""
        placed = any(fuzz.ratio(b, p) >= SIGNING_CONTEXT_CUTOFF for b in before for p in rules["place_rows"])
        placed = placed or shaped
        signer = any(re.match(rf"{re.escape(w)}\b", after) for w in rules["signers"])
        if offset < 0 or placed or signer:
            start = span.start + abs(offset) + d.start
            return index.field_value(
                start, start + len(d.raw), dates.iso(d.value), SIGNING_DATE_CERTAINTY * d.certainty
            )
    return None


# The place row of a decree's signature with its verb damaged past SIGNING_CONTEXT_CUTOFF
# ("Ducupkan di : Pekalongan", "Diicis:kan di : Demak", "Dar — di : Demak"): what is left of the
# verb, "di", a colon and a capitalised place ending the row.
PLACE_ROW_SHAPE = re.compile(r"^\W{0,3}[A-Za-z][^\n]{1,14}?\s+d[ij]\s*:\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?\W{0,2}$")


# "di Jakarta tanggal 01 Juli 2008", "di Blora pada tanggal 04 Juni 2006": the tail of an issue row
# ("Dikeluarkan di ...") whose verb OCR lost; a numeric day (the akta's birth sentence "bahwa di
# REMBANG pada tanggal dua puluh ..." writes its day out in words).
_ISSUED_AT = re.compile(
    r"^\W{0,3}(?P<verb>[A-Za-z]{2,14}\s+)?di\s+[A-Z][A-Za-z]{2,20}(?:\s[A-Z][A-Za-z]{2,20})?,?\s+"
    r"(?:pada\s+)?tanggal\s*:?\s*(?P<d>[0-9OoIl]{1,2}\b.{4,20}?[12][0-9]{3})\W{0,2}$"
)


def _signing_row(
    row: str,
    rules: dict,
    cutoff: float = SIGNING_LABEL_CUTOFF,
    read: DateReader = dates.find_dates,
) -> tuple[int, dates.DateMatch] | None:
    """(offset of the date's text in the row, negative when the row is an issue row of its own;
    the date) of a signing-date row, or None."""
    m = _ISSUED_AT.match(row)
    if m is not None:
        verb = (m["verb"] or "").strip().lower()
        if not verb or any(fuzz.ratio(verb, v) >= SIGNING_CONTEXT_CUTOFF for v in rules["verbs"]):
            found = read(m["d"])
            if found:
                return -m.start("d"), found[0]
    label, colon, value = _signing_partition(row)
    key = normalise(label)
    score = max(fuzz.ratio(key, lab) for lab in rules["labels"]) if colon and key else 0.0
    if score < cutoff or _other_date_label(key) >= score:
        return None  # "Mulai tanggal : 01 April 2024" is a TMT
    text = value.strip()
    if not _WHOLE_DATE.match(text):
        return None
    found = read(text)
    if not found:
        return None
    return len(row) - len(value) + (len(value) - len(value.lstrip())), found[0]


# A label row whose colon OCR read as 1, l, | or ! (a mark of debris may stand before it): "pada
# ngasi $ 1 26 Pewun ma 2022" under a decree's closing words, above "WALI KOTA SURAKARTA,".
_MISREAD_COLON_ROW = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z ]{2,20}?)\s+(?:[^\w\s]\s+)?(?P<colon>[1l|!])\s+(?=[0-9OoIl])"
)


def _signing_partition(row: str) -> tuple[str, str, str]:
    """(label, colon, value) of a signing-date row: at its colon, or where it has none, at a colon
    OCR misread (_MISREAD_COLON_ROW)."""
    if ":" in row:
        return row.partition(":")
    m = _MISREAD_COLON_ROW.match(row)
    if m is None:
        return row, "", ""
    return m["label"], m["colon"], row[m.end("colon") :]


def _other_date_label(key: str) -> float:
    """How near a label is to the label of another date field (tmt, tanggal lahir, ...)."""
    specs = field_rules()[0]
    return max(
        (
            fuzz.ratio(key, lab)
            for s in specs.values()
            if s.kind == "date" and s.name != "tanggal_dokumen"
            for lab in s.labels
        ),
        default=0.0,
    )


_WHOLE_DATE = re.compile(r"^[0-9OoIl]{1,2}\b[^\n]{4,20}?[12][0-9]{3}\W{0,2}$")


@functools.cache
def signing_rules() -> dict[str, tuple[str, ...]]:
    data = load_yaml(RULES_DIR / "fields.yaml")["signing_date"]
    return {
        "labels": tuple(normalise(x) for x in data["labels"]),
        "place_rows": tuple(normalise(x) for x in data["place_rows"]),
        "verbs": tuple(x.lower() for x in data["verbs"]),
        "signers": tuple(normalise(x) for x in data["signers"]),
    }


def _caption_date(row: str) -> re.Match[str] | None:
    """CAPTION_DATE, unless a capital word is a birth-date label ("TEMPAT LAHIR Kudus, 05 Juni
    1968": a form's birth row whose colon OCR lost)."""
    m = CAPTION_DATE.match(row)
    if m is None:
        return None
    words = re.findall(r"[A-Za-z]{3,}", row[: m.start("d")].lower())
    return None if any(fuzz.ratio(w, b) >= 75 for w in words for b in BIRTH_WORDS) else m


def _signed_date(row: str) -> re.Match[str] | None:
    """SIGNED_DATE, unless a word of the row is a birth-date label word (fuzzily: "Lahr")."""
    m = SIGNED_DATE.match(row)
    if m is None:
        return None
    words = re.findall(r"[A-Za-z]{3,}", row[: m.start("d")].lower())
    if any(fuzz.ratio(w, b) >= 75 for w in words for b in BIRTH_WORDS):
        return None
    return m


# The column header of a list of employees: "NO NAMA / NIP JABATAN", "NAMA/NIP", "NAMA NIP", "NAMA | NIP".
NAME_NIP_HEADER = re.compile(r"\bNAMA\s*[/|!]?\s*NIP\b")  # "NAMA | NIP", "NAMA ! NIP": the slash read as a bar


def _read_kk(index: TextIndex) -> Values:
    """The KK's number and members, and its kepala keluarga where the "Nama Kepala Keluarga" row
    was lost (namerecall.kk_head; a labelled row, taken as the block's, still wins)."""
    out = read_kk(index)
    head = namerecall.kk_head(index, out)
    return {**out, "nama": head} if head is not None else out


def _read_spouse_table(index: TextIndex) -> Values:
    """The family table's spouse row (kk.read_spouse_table), else its first row read by position
    (namerecall.spouse_row) where OCR damaged a date or the relation column. The table is the
    employee's whose NIP the page prints: their birth date helps settle a misread marriage year."""
    born = _holder_birth(index)
    out = read_spouse_table(index, born)
    if "nama_isteri" in out or "nama_suami" in out:
        return out
    return {**out, **namerecall.spouse_row(index, born)}


def _holder_birth(index: TextIndex) -> date | None:
    """The birth date encoded in the first valid NIP on the page (a family table's header)."""
    for value, _, _ in nip.find_nips(index.text):
        decoded = nip.decode_nip(value)
        if decoded.is_valid:
            return decoded.birth_date
    return None


def _lampiran_name(index: TextIndex) -> Values:
    """The employee named in a decree's Lampiran table (narrative.read_table_name: the capitals
    above the NIP in the NAMA / NIP column), on a page that has such a column header; a decree's
    body rows ("Nama : ...") are no table."""
    if not NAME_NIP_HEADER.search(index.text):
        return {}
    # ... and the rank cell of its PANGKAT / GOL. RUANG column, read as on a pengantar's table
    return {**read_table_name(index), **read_table_rank(index)}


def _rank_history(index: TextIndex) -> Values:
    found = current_golongan(index)
    return {"golongan": index.field_value(found[1], found[2], found[0], RANK_CELL_CERTAINTY)} if found else {}


def _loose_nips(index: TextIndex, persons: list[Values]) -> list[Values]:
    """Every valid NIP on the page that no labelled block holds, as a block of its own.

    When OCR loses a label ("NIP a :", a label column read as one vertical word) the employee's
    NIP is still printed on the page; resolution can then find it among these."""
    known = {str(p["nip"].value) for p in persons if "nip" in p}
    out: list[Values] = []
    for value, s, e in nip.find_nips(index.text, wrapped=True) + nip_layout.find_laid_out_nips(index):
        if value not in known and nip.decode_nip(value).is_valid:
            known.add(value)
            out.append({"nip": index.field_value(s, e, value, 0.8)})
    return out


def _fallbacks(index: TextIndex, values: Values, wanted: set[str]) -> None:
    """Unlabelled identity numbers: the first NIP / NIK printed anywhere on the page."""
    if "nip" in wanted and "nip" not in values:
        found = nip.find_nips(index.text)
        if found:
            value, s, e = found[0]
            values["nip"] = index.field_value(s, e, value, 0.8)
    if "nik" in wanted and "nik" not in values:
        found = nik.find_niks(index.text)
        if found:
            value, s, e = found[0]
            values["nik"] = index.field_value(s, e, value, 0.8)


CONVERTERS: dict[str, Callable[[LabelHit, TextIndex], Values]] = {
    "name": _name,
    "nip": _nip,
    "nik": _nik,
    "date": _date,
    "text": _text,
    "place_date": _place_date,
    "gender": _gender,
    "golongan": _golongan,
    "years_months": _years_months,
}

SPECIAL: dict[str, Callable[[TextIndex], Values]] = {
    "KK": _read_kk,
    "AKTA_KELAHIRAN": read_akta,
    "SURAT_NIKAH": read_nikah,
    "SURAT_CERAI": read_nikah,  # the akta cerai names the couple in the same SUAMI / ISTERI sections
    "NPWP": read_npwp,
    "DPCP": _read_spouse_table,
    "DAFTAR_KELUARGA": _read_spouse_table,
    "KARIS_KARSU": read_karis,
    "SURAT_JANDA_DUDA": read_heir,
    "SURAT_PERMOHONAN": read_heir,
    "SURAT_ALAMAT": read_heir,  # a widow's penunjukan alamat: "Janda dari almarhum: Nama : ..."
    "SURAT_PENGANTAR": read_pengantar,
    "BUKU_TABUNGAN": namerecall.passbook_name,  # "Nama Nasabah" read as "Nama Nacahah"
    # A decree for several employees names them in its Lampiran ("NO / NAMA / NIP / PANGKAT /
    # JABATAN"), the body saying only "yang namanya tercantum dalam Lampiran Keputusan ini".
    # Taken only when no labelled "Nama :" row names the subject (the block's values win).
    "SK_JABATAN": _lampiran_name,
    "SK_PANGKAT": _lampiran_name,
    "SK_KGB": _lampiran_name,
    "SK_CPNS": _lampiran_name,
    "SK_PNS": _lampiran_name,
    # The riwayat kepangkatan table: the row of the rank held now (pipeline/rank_history.py).
    "RIWAYAT_PEKERJAAN": _rank_history,
}
# Fields a type's own reader reads better than the labelled rows, taken when it is surer of them:
# the pengantar's NIP read down its table column (pipeline/pengantar.py) against the "NIP." row that
# OCR ran on into the next columns ("NIP 19670808 2009011 Tingkat I/ ... 233", certainty 0.4).
SPECIAL_FIRST: dict[str, tuple[str, ...]] = {"SURAT_PENGANTAR": ("nip",)}

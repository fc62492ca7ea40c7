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
from datetime import date

from pipeline import dates, names, nik, nip
from pipeline.kk import read_kk, read_spouse_table
from pipeline.labels import LabelHit, field_rules, labelled_values, subject_rules
from pipeline.models import Document, FieldValue, PageResult
from pipeline.narrative import read_akta, read_heir, read_karis, read_nikah, read_npwp
from pipeline.pengantar import read_pengantar
from pipeline.ranks import GOLONGAN, GOLONGAN_LOOSE, ROMAN, golongan_of_rank, pangkat_table, reconcile
from pipeline.textindex import TextIndex

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
                continue
            current = persons[-1] if persons else None
            if current is None or any(k in current and k in converted for k in BLOCK_KEYS):
                persons.append({})
                current = persons[-1]
                if subject is None and anchor is not None and hit.start > anchor:
                    subject = len(persons) - 1
            for name, fv in converted.items():
                current.setdefault(name, fv)
        for spec in wanted:
            if spec.phrases and spec.name not in values:
                fv = _phrase_date(index, spec.phrases, spec.phrase_window)
                if fv:
                    values[spec.name] = fv
        if not any("nip" in p or "nik" in p for p in persons):
            found: Values = {}
            _fallbacks(index, found, wanted_names)
            if found and not persons:
                persons.append({})
            for name, fv in found.items():
                persons[0].setdefault(name, fv)
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
    chosen = persons[subject] if subject is not None else None
    signers = [b for b in persons if _signature_block(b, pages)]
    persons = [b for b in persons if not any(b is x for x in signers)]
    if chosen is None or any(chosen is x for x in signers):
        chosen = persons[0] if persons else None
    if chosen is not None:
        chosen = _with_new_nip(chosen, persons)
        loose = [b for b in persons if set(b) == {"nip"} and b is not chosen]
        if "nip" not in chosen and len(loose) == 1 and "nip" in wanted_names:
            # The subject's NIP printed in a sentence, not on a row of its own ("isteri sah dari
            # Almarhum ..., NIP. 19671213 200701 1 219"): the one valid NIP on the page that is
            # no signature's is theirs.
            chosen = {**chosen, "nip": loose[0]["nip"]}
    for block in (*persons, values):
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
    labelled_rank = any("golongan" in b or "pangkat" in b for b in (*persons, *signers, values))
    if not labelled_rank and "pangkat_golongan" in wanted_names:  # not someone else's
        for index in indexes:
            found = _rank_golongan(index)
            if found:
                for name, fv in found.items():
                    values.setdefault(name, fv)
                break
    return values, persons, signers


@functools.cache
def _rank_pattern() -> re.Pattern[str]:
    """A rank name followed by its golongan, "Penata Tingkat I / III/d", wherever it stands; the
    rank's first words come from rules/pangkat.yaml (Juru, Pengatur, Penata, Pembina)."""
    heads = sorted({key.split()[0] for key in pangkat_table()[0]}, key=len, reverse=True)
    return re.compile(
        rf"\b(?:{'|'.join(heads)})\b(?:\s+(?:MUDA|UTAMA|MADYA|TINGKAT|TK\.?|[I1l|]))*\s*[/,]\s*[IVl1|]{{1,4}}\s*/\s*[a-eA-E]\b",
        re.I,
    )


def _rank_golongan(index: TextIndex) -> Values:
    """The first "rank / golongan" printed on the page without a label of its own: a table cell
    (the SKP's "PANGKAT/GOL RUANG" label sits on the row above its value; the pegawai yang dinilai
    is the left column, read first)."""
    m = _rank_pattern().search(index.text)
    if m is None:
        return {}
    return _golongan(LabelHit("pangkat_golongan", m.start(), m.end(), m.group(), 0.0), index)


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


def _signature_block(block: Values, pages: dict[int, PageResult]) -> bool:
    """A lone 'NIP. ...' low on the page is a signature (the official's, or the employee's own
    under 'Yang bersangkutan'): it names nobody the document is about."""
    fv = block.get("nip")
    if set(block) != {"nip"} or fv is None or fv.bbox is None or fv.page not in pages:
        return False
    return fv.bbox[1] > SIGNATURE_FROM * max(pages[fv.page].text.height, 1)


def _first_phrase(text: str, phrases: tuple[str, ...]) -> int | None:
    lowered = text.lower()
    found = [i for i in (lowered.find(p.lower()) for p in phrases) if i >= 0]
    return min(found) if found else None


def _fv(index: TextIndex, start: int, end: int, value, certainty: float = 1.0) -> FieldValue:
    return FieldValue(value, index.page, index.confidence(start, end) * certainty, index.bbox(start, end))


def _convert(hit: LabelHit, kind: str, index: TextIndex) -> Values:
    converter = CONVERTERS.get(kind)
    return converter(hit, index) if converter else {}


def _name(hit: LabelHit, index: TextIndex) -> Values:
    value = names.clean_name_value(hit.value)
    if len(re.sub(r"[^A-Za-z]", "", value)) < 3:
        return {}
    return {"nama": _fv(index, hit.start, hit.end, value)}


def _nip(hit: LabelHit, index: TextIndex) -> Values:
    found = nip.find_nips(hit.value, include_old=True)
    if found and len(found[0][0]) == 18:
        value, s, e = found[0]
        info = nip.decode_nip(value)
        return {"nip": _fv(index, hit.start + s, hit.start + e, value, 1.0 if info.is_valid else 0.6)}
    if wrapped := _wrapped_nip(hit, index):
        return wrapped
    digits = re.sub(r"\D", "", hit.value)
    if len(digits) in (10, 19) and digits[0] == "1":
        # "NIP : 513 429 142" read as "NIP 1513 429 142", "NIP : 19680122 ..." as
        # "NIP 119680122 201003 1 254": the colon came out as a 1. Checked before the 9-digit
        # reading, which would take "119680122" for an NIP lama.
        rest = digits[1:]
        if (len(rest) == 9 and not found) or nip.decode_nip(rest).is_valid:
            return {"nip": _fv(index, hit.start, hit.end, rest, 0.7)}
    if found:
        value, s, e = found[0]
        return {"nip": _fv(index, hit.start + s, hit.start + e, value, 1.0)}
    if len(digits) >= 8:  # an NIP as read, even if malformed: NIP_INVALID must see it
        return {"nip": _fv(index, hit.start, hit.end, digits, 0.4)}
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
    return {"nip": _fv(index, hit.start + lead.start(1), line_end + 1 + joined[1], joined[0], 0.8)}


def _nik(hit: LabelHit, index: TextIndex) -> Values:
    found = nik.find_niks(hit.value)
    if found:
        value, s, e = found[0]
        return {"nik": _fv(index, hit.start + s, hit.start + e, value)}
    digits = nik.normalize_nik(hit.value)
    if len(digits) >= 12:
        return {"nik": _fv(index, hit.start, hit.end, digits, 0.4)}
    return {}


def _date(hit: LabelHit, index: TextIndex) -> Values:
    found = dates.find_dates(hit.value)
    if not found:
        return {}
    d = found[0]
    return {hit.field: _fv(index, hit.start + d.start, hit.start + d.end, dates.iso(d.value))}


def _place_date(hit: LabelHit, index: TextIndex) -> Values:
    out: Values = {}
    found = dates.find_dates(hit.value)
    if found:
        d = found[0]
        out["tanggal_lahir"] = _fv(index, hit.start + d.start, hit.start + d.end, dates.iso(d.value))
        place = hit.value[: d.start].strip(" ,.;/-")
    else:
        place = hit.value.split(",")[0].strip(" ,.;/-")
    if place and re.search(r"[A-Za-z]{3}", place):
        out["tempat_lahir"] = _fv(index, hit.start, hit.start + len(place), place)
    return out


def _gender(hit: LabelHit, index: TextIndex) -> Values:
    upper = hit.value.upper()
    for word, code in GENDER_WORDS.items():
        if word in upper:
            return {"jenis_kelamin": _fv(index, hit.start, hit.end, code)}
    return {}


def _golongan(hit: LabelHit, index: TextIndex) -> Values:
    out: Values = {}
    m = GOLONGAN.search(hit.value) or GOLONGAN_LOOSE.search(hit.value)
    if m:
        letter = (m.group(2) or (m.group(3) if m.re is GOLONGAN_LOOSE else "")).lower()
        roman = re.sub(r"[l1|i]", "I", m.group(1))
        # A damaged roman part ("ITU") is kept as read, so the letter can still be confirmed by the
        # rank; on its own such a value is not a golongan (_reconcile_golongan drops it).
        value = f"{roman}/{letter}"
        certainty = 1.0 if roman in ROMAN else 0.5
        out["golongan"] = _fv(index, hit.start + m.start(), hit.start + m.end(), value, certainty)
    pangkat = hit.value[: m.start()].strip(" ,.;/-()|") if m else hit.value.strip()
    if pangkat and re.search(r"[A-Za-z]{4}", pangkat):
        out["pangkat"] = _fv(index, hit.start, hit.start + len(pangkat), pangkat)
    _reconcile_golongan(out)
    return out


def _reconcile_golongan(block: Values) -> None:
    """The golongan of a block, made to agree with the rank printed beside it (ranks.reconcile): a
    printed golongan whose ruang letter is the rank's, or whose roman part is unreadable, takes the
    rank's; one with another letter stays as printed; a damaged one with no rank is dropped."""
    printed = block.get("golongan")
    derived = golongan_of_pangkat(block["pangkat"]) if "pangkat" in block else None
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
    left by dropping a digit from a 17-digit reading, is taken)."""
    fv, born, gender = block.get("nik"), block.get("tanggal_lahir"), block.get("jenis_kelamin")
    if fv is None or born is None:
        return
    try:
        birth = date.fromisoformat(str(born.value))
    except ValueError:
        return
    fixed = nik.repair_nik(str(fv.value), birth_date=birth, gender=str(gender.value) if gender else None)
    if fixed != fv.value:
        block["nik"] = FieldValue(fixed, fv.page, fv.confidence * 0.9, fv.bbox)


def _with_value(fv: FieldValue, value: str) -> FieldValue:
    return FieldValue(value, fv.page, fv.confidence, fv.bbox)


YEARS_MONTHS = re.compile(r"(\d{1,2})\s*(?:tahun|thn|th)\.?\s*(?:(\d{1,2})\s*(?:bulan|bln|bl)\b)?", re.I)


def _years_months(hit: LabelHit, index: TextIndex) -> Values:
    """'3 Tahun 2 Bulan' -> '03-02' (years-months), the masa kerja printed on an SK."""
    m = YEARS_MONTHS.search(hit.value)
    if not m:
        return {}
    years, months = int(m.group(1)), int(m.group(2) or 0)
    if months > 11:
        return {}
    return {hit.field: _fv(index, hit.start + m.start(), hit.start + m.end(), f"{years:02d}-{months:02d}")}


def _text(hit: LabelHit, index: TextIndex) -> Values:
    return {hit.field: _fv(index, hit.start, hit.end, hit.value.strip(" ,."))}


def _phrase_date(index: TextIndex, phrases: tuple[str, ...], window: int = 4) -> FieldValue | None:
    """A date right after a phrase: '... terhitung mulai tanggal 01 Januari 2008'.

    ``window``: how many characters may stand between the phrase and the date. Wider for
    narrative dates ("meninggal dunia pada hari Senin tanggal 23 Juni 2025"), but never across
    another number or a sentence end, which would belong to something else."""
    lowered = index.text.lower()
    for phrase in phrases:
        # A sentence wraps anywhere: "... terhitung\nmulai tanggal 01 Mei 2020".
        pattern = r"\s+".join(re.escape(w) for w in phrase.lower().split())
        for m in re.finditer(pattern, lowered):
            text = index.text[m.end() : m.end() + window + 40]
            found = dates.find_dates(text)
            if not found or found[0].start > window:
                continue
            gap = text[: found[0].start]
            if found[0].start > 4 and (re.search(r"\d\d|\.\s", gap)):
                continue
            d = found[0]
            return _fv(index, m.end() + d.start, m.end() + d.end, dates.iso(d.value))
    return None


# "Blora, 26 Oktober 2023"; the comma is read as a full stop now and then ("Magelang. 21 ...")
# ("mengetahui, Salatiga, 04 Juni 2025": the left column's "Mengetahui," read first, in lower case)
LETTER_DATE = re.compile(r"^[\W_]{0,3}[A-Za-z][A-Za-z .'-]{2,30}?[,.]\s*(?P<d>.{6,30}?)\s*\.?$")


def _letter_date(index: TextIndex) -> FieldValue | None:
    """'Blora, 26 Oktober 2023': a letter's place and date on a row of their own."""
    for span, row in index.row_texts():
        m = LETTER_DATE.match(row)
        if not m:
            continue
        found = dates.find_dates(m.group("d"))
        if found:
            d = found[0]
            start = span.start + m.start("d") + d.start
            return _fv(index, start, start + len(d.raw), dates.iso(d.value))
    return None


def _loose_nips(index: TextIndex, persons: list[Values]) -> list[Values]:
    """Every valid NIP on the page that no labelled block holds, as a block of its own.

    When OCR loses a label ("NIP a :", a label column read as one vertical word) the employee's
    NIP is still printed on the page; resolution can then find it among these."""
    known = {str(p["nip"].value) for p in persons if "nip" in p}
    out: list[Values] = []
    for value, s, e in nip.find_nips(index.text, wrapped=True):
        if value not in known and nip.decode_nip(value).is_valid:
            known.add(value)
            out.append({"nip": _fv(index, s, e, value, 0.8)})
    return out


def _fallbacks(index: TextIndex, values: Values, wanted: set[str]) -> None:
    """Unlabelled identity numbers: the first NIP / NIK printed anywhere on the page."""
    if "nip" in wanted and "nip" not in values:
        found = nip.find_nips(index.text)
        if found:
            value, s, e = found[0]
            values["nip"] = _fv(index, s, e, value, 0.8)
    if "nik" in wanted and "nik" not in values:
        found = nik.find_niks(index.text)
        if found:
            value, s, e = found[0]
            values["nik"] = _fv(index, s, e, value, 0.8)


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
    "KK": read_kk,
    "AKTA_KELAHIRAN": read_akta,
    "SURAT_NIKAH": read_nikah,
    "SURAT_CERAI": read_nikah,  # the akta cerai names the couple in the same SUAMI / ISTERI sections
    "NPWP": read_npwp,
    "DPCP": read_spouse_table,
    "DAFTAR_KELUARGA": read_spouse_table,
    "KARIS_KARSU": read_karis,
    "SURAT_JANDA_DUDA": read_heir,
    "SURAT_PERMOHONAN": read_heir,
    "SURAT_PENGANTAR": read_pengantar,
}
# Fields a type's own reader reads better than the labelled rows, taken when it is surer of them:
# the pengantar's NIP read down its table column (pipeline/pengantar.py) against the "NIP." row that
# OCR ran on into the next columns ("NIP 19670808 2009011 Tingkat I/ ... 233", certainty 0.4).
SPECIAL_FIRST: dict[str, tuple[str, ...]] = {"SURAT_PENGANTAR": ("nip",)}

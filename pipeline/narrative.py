"""Read documents written as sentences or in sections rather than as ``label : value`` rows.

- Kutipan akta kelahiran: "... bahwa di BLORA pada tanggal lima belas Mei dua ribu sebelas telah
  lahir SITI AMINAH anak ke-satu, perempuan, dari ayah AGUS MUFID dan ibu SRI WAHYUNI".
- Kutipan akta nikah: a SUAMI section and an ISTERI section, each with its own "Nama :" row.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline import dates, namerecall, names, nip
from pipeline.labels import split_row
from pipeline.models import FieldValue
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import TextIndex

NAME_CHARS = r"[A-Za-z][A-Za-z.,' ]+?"
CHILD_CHARS = r"[A-Za-z][A-Za-z0-9.,' ]+?"
_DEBRIS = r"[\s:,.|\"'“”»«\-—–]"
_TRAILING = r"[\s|\"'“”»«\-—–]*"  # debris that may end a name's row: no comma or full stop, which end it
_AKTA = {
    # "telah lahir ,\nYOGA FIRMANSYAH": the name may follow on the next row, after OCR debris
    # (a comma, a stray '|' or quote); the 't' of "telah" is sometimes misread ("Aelah").
    # ... and its "lahir" too ("lahif", "lahlr")
    # ... run together or its "e" read as "a" ("telahlahir", "talah lahir"), with a guillemet, a dash
    # or a debris row before the name and a stray quote or dash after it ("ADITYA SETIAWAN -"), and
    # digits for letters inside the name ("SE11IAWAN", "RI7KY": the KK repair reads them back).
    "nama": re.compile(
        rf"\b\w?[ea]lah\s*la[hn][il1|][rft]\b{_DEBRIS}*(?P<v>(?!anak\b){CHILD_CHARS})"
        rf"{_DEBRIS}*?(?=,|\banak\b|\bjenis\b|\n|$)",
        re.I,
    ),
    # "telah lahir" lost: the child's name is the row of capitals just above "anak ke-satu, ..."
    "nama_above_anak": re.compile(
        rf"^\W{{0,3}}(?P<v>[A-Z][A-Z0-9.,' ]{{3,60}}?){_DEBRIS}*?\n\W{{0,3}}anak\s+ke\b", re.M
    ),
    # ... a parent's name may end its row with a stray bar, quote or dash too ("dan ibu SRI WAHYUNI |")
    "nama_ayah": re.compile(rf"\bdari\s+(?:ayah|suami)\s*:?\s*(?P<v>{NAME_CHARS}){_TRAILING}(?=\bdan\b|,|\n|$)", re.I),
    "nama_ibu": re.compile(rf"\b(?:dan\s+)?ibu\s*:?\s*(?P<v>{NAME_CHARS}){_TRAILING}(?=,|\.|\n|$)", re.I),
}
# "pada tanggal" with the word worn as OCR reads it ("tanngal", "tangga1", "tangal"): else the
# next intact "pada tanggal" is taken, the akta's issue date ("dikeluarkan ... pada tanggal"). Its p read as n
# too ("nada tanggal dua puluh Mel ...").
BIRTH_ANCHOR = re.compile(r"\b[pn]ada\s+ta[nm]\w{2,4}[l1I]\b|\btanggal\s+lahir\b|\blahir\s+pada\b", re.I)


def read_akta(index: TextIndex) -> dict[str, FieldValue]:
    # The OCR layout can break a sentence over rows: an anchor may end a row and its name start
    # the next, but a name itself stays on one row (NAME_CHARS has no newline).
    flat = index.text
    out: dict[str, FieldValue] = {}
    for key, pattern in _AKTA.items():
        field = "nama" if key == "nama_above_anak" else key
        m = pattern.search(flat) if field not in out else None
        if m:
            value = names.clean_name_value(m.group("v"))
            # the name's row lost, the row after it ("Kutipan ini dikeluarkan di ...") is no name
            if len(re.sub(r"[^A-Za-z]", "", value)) >= 3 and not namerecall.is_caption(value):
                out[field] = index.field_value(m.start("v"), m.start("v") + len(m.group("v").rstrip()), value)
        if field == "nama" and m:
            issued = _issue_date(index, m.end())
            if issued:
                out["tanggal_dokumen"] = issued
    anchor = BIRTH_ANCHOR.search(flat)
    found = dates.find_dates(flat[anchor.end() :] if anchor else flat)
    if found:
        d = found[0]
        offset = anchor.end() if anchor else 0
        out["tanggal_lahir"] = index.field_value(offset + d.start, offset + d.end, dates.iso(d.value))
    upper = flat.upper()
    lahir = upper.find("TELAH LAHIR")
    tail = upper[lahir:] if lahir >= 0 else ""
    if re.search(r"\bPEREMPUAN\b", tail):
        out["jenis_kelamin"] = FieldValue("P", index.page, 0.8)
    elif re.search(r"\bLAKI", tail):
        out["jenis_kelamin"] = FieldValue("L", index.page, 0.8)
    return out


ISSUE_DATE_CERTAINTY = 0.9  # placed by its position on the kutipan, its "dikeluarkan" line lost


def _issue_date(index: TextIndex, after: int) -> FieldValue | None:
    """The kutipan's issue date where OCR lost "Kutipan ini dikeluarkan di ..., pada tanggal": the
    birth date is written out before "telah lahir", and the only date printed after the child's
    name and parents is the one the kutipan was issued on (its signature block)."""
    found = dates.find_dates(index.text[after:])
    return _placed_date(index, found[0], after, ISSUE_DATE_CERTAINTY) if found else None


def _placed_date(index: TextIndex, d: dates.DateMatch, offset: int, factor: float) -> FieldValue:
    """A date taken by where it stands rather than by its label: its reading's certainty times
    the date's own (a damaged month word) times ``factor``, for the placing."""
    fv = index.field_value(offset + d.start, offset + d.end, dates.iso(d.value))
    return FieldValue(fv.value, fv.page, fv.confidence * factor * d.certainty, fv.bbox)


SECTION = re.compile(r"^\s*(?:[IVX]+\.|\d+\.)?\s*(SUAMI|ISTERI|ISTRI)\b\s*:?\s*$", re.I)
# "Nama :" as OCR leaves the label: a stray quote before it, a dot or quote before its colon, or a
# misread second colon ("Nama . :", "Nama -: :", '"Nama :', "Nama 1: TRI"), or a speck read as a
# one-letter word before the colon ("Nama e : RETNO ..."), as labels._labels_score drops it.
NAMA_LABEL = re.compile(
    r"^\W{0,3}(?:\d+\.|[a-z]\.)?\s*nama(?:\s+lengkap)?[\s.,\-\"'“”|]*(?:[12l|!][\s.]*|(?<=\s)[a-z]\s*)?$", re.I
)


# A section heading read with noise ("SUAMI s", "ISTEKI"): its first word, fuzzily, on a short row.
_SECTION_WORDS = {"SUAMI": "nama_suami", "ISTERI": "nama_isteri", "ISTRI": "nama_isteri"}
# A name row whose label or colon OCR damaged: "Nama 4 AHMAD WIBOWO", "Nama SRI MUNAWAROH",
# ": ROCHMAT SYAIFUDIN" (the label lost), "Nama 2 ARIF SUTRISNO" (the colon read '2'), "Nama MOH.
# RIYADI '" (a stray quote after); the value in capitals, as the akta prints it.
# ... after a dash or quote of debris ("- : : SITI SUSILOWATI", "— Nama .SITI WULANDARI"), the
# colon doubled or read as "$" or "£" ("Nama $ PRIYO SUYANTO").
_LOOSE_NAME_ROW = re.compile(
    r"^[\s\-—–.'\"“”]*(?:(?P<label>[A-Za-z]{3,6})[\s.,\"'“”-]*(?:[:;$£](?:\s*[:;])*|[12l|!4](?=\s))?"
    r"|[:;](?:\s*[:;])*)\s*(?P<v>[A-Z][A-Z.,' ]{2,}[A-Z.])[\s.,'\"“”]*$"
)
# A row of nothing but a name in capitals (the label column lost), and the birth row under it
# ("SRI PURWANTI" / "Samarang, 07-01-1967"): the place and date of birth follow every name row.
_BARE_NAME_ROW = re.compile(r"^\W{0,3}(?P<v>[A-Z]{2,}(?:[ .,']+[A-Z]{2,})+)\W{0,3}$")
COUPLE = ("nama_suami", "nama_isteri")  # the order the akta nikah and the akta cerai print them


def _section_of(row: str) -> str | None:
    m = SECTION.match(row)
    if m:
        return _SECTION_WORDS[m.group(1).upper()]
    words = row.split()
    if not 1 <= len(words) <= 2 or len(words[0]) < 5:
        return None
    word = re.sub(r"[^A-Z]", "", words[0].upper())
    best = max(_SECTION_WORDS, key=lambda w: fuzz.ratio(word, w))
    return _SECTION_WORDS[best] if fuzz.ratio(word, best) >= 80 else None


@functools.cache
def _couple_intro() -> re.Pattern[str]:
    words = load_yaml(RULES_DIR / "fields.yaml")["akta_couple"]["introduced_by"]
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words), re.I)


def read_nikah(index: TextIndex) -> dict[str, FieldValue]:
    """nama_suami / nama_isteri from their sections of the kutipan akta nikah (or akta cerai).

    A name row in a section whose name is already read, or before any section heading was read,
    is the next of the couple in print order (suami, then isteri): OCR loses a heading now and then."""
    out: dict[str, FieldValue] = {}
    section: str | None = None
    introduced = False  # past "... akad nikah antara:" / "telah terjadi perceraian antara:"
    intro = _couple_intro()
    rows = index.row_texts()
    for row_no, (span, row) in enumerate(rows):
        introduced = introduced or intro.search(row) is not None
        heading = _section_of(row)
        if heading:
            section = heading
            continue
        inline = re.match(r"^\s*(SUAMI|ISTERI|ISTRI)\s*[:;]\s*(?P<v>.+)$", row, re.I)
        if inline:
            field = "nama_suami" if inline.group(1).upper() == "SUAMI" else "nama_isteri"
            value = names.clean_name_value(inline.group("v"))
            if value and field not in out:
                s = span.start + inline.start("v")
                out[field] = index.field_value(s, s + len(inline.group("v")), value)
            continue
        target = section if section and section not in out else next((f for f in COUPLE if f not in out), None)
        if target is None:
            continue
        for label, v_offset in split_row(row):
            if NAMA_LABEL.match(label):
                value = names.clean_name_value(row[v_offset:])
                if value:
                    s = span.start + v_offset
                    out[target] = index.field_value(s, span.end, value)
                break
        else:
            loose = _LOOSE_NAME_ROW.match(row)
            label = (loose.group("label") or "") if loose else ""
            # with no label left, two words at least: a lone capitalised word is more often the
            # father's name of a "Bin : PAIMAN" row whose label was lost; and only below the
            # sentence that introduces the couple or a section heading: above them, such a row is
            # the letterhead's (": PENGADILAN AGAMA WONOGIRI")
            unlabelled = (section is not None or introduced) and len(loose.group("v").split()) >= 2 if loose else False
            if loose and (fuzz.ratio(label.upper(), "NAMA") >= 75 if label else unlabelled):
                value = names.clean_name_value(loose.group("v"))
                if len(re.sub(r"[^A-Za-z]", "", value)) >= 3:
                    out[target] = index.field_value(span.start + loose.start("v"), span.end, value)
            elif (section is not None or introduced) and _bare_name_over_birth(rows, row_no):
                bare = _BARE_NAME_ROW.match(row)
                if bare is not None:
                    value = names.clean_name_value(bare.group("v"))
                    out[target] = index.field_value(span.start + bare.start("v"), span.start + bare.end("v"), value)
    return out


def _bare_name_over_birth(rows: list, row_no: int) -> bool:
    """Whether a row is a bare name in capitals with a date on the row under it (its birth row)."""
    if row_no + 1 >= len(rows) or _BARE_NAME_ROW.match(rows[row_no][1]) is None:
        return False
    return bool(dates.find_dates(rows[row_no + 1][1]))


@functools.cache
def _karis_rules() -> tuple[dict[str, tuple[str, str]], tuple[str, ...], float]:
    data = load_yaml(RULES_DIR / "fields.yaml")
    rules = data["karis_karsu"]
    cards = {normalise(k): (v[0], v[1]) for k, v in rules["cards"].items()}
    return cards, tuple(normalise(x) for x in rules["pns_labels"]), float(data["label_cutoff"])


def read_karis(index: TextIndex) -> dict[str, FieldValue]:
    """Karis / karsu: "Nama" is the card holder (the isteri on a KARTU ISTERI, the suami on a KARTU
    SUAMI), "Isteri dari" / "Suami dari" / "Nama PNS" the employee they are married to."""
    cards, pns_labels, cutoff = _karis_rules()
    text = normalise(index.text)
    card = next((fields for title, fields in cards.items() if re.search(rf"\b{re.escape(title)}\b", text)), None)
    if card is None:
        return {}
    holder, pns = card
    out: dict[str, FieldValue] = {}
    for span, row in index.row_texts():
        for label, v_offset in split_row(row) or _pns_label_prefix(row, pns_labels, cutoff):
            key = normalise(label)
            field = holder if key == "NAMA" else None
            if field is None and max(fuzz.ratio(key, x) for x in pns_labels) >= cutoff:
                field = pns
            if field is None or field in out:
                continue
            s = span.start + v_offset
            e = index.gap_end(s, span.end)  # a name ends where the card's next column starts
            value = names.clean_name_value(index.text[s:e])
            if len(re.sub(r"[^A-Za-z]", "", value)) >= 3:
                out[field] = index.field_value(s, e, value)
            break
    return out


def _pns_label_prefix(row: str, pns_labels: tuple[str, ...], cutoff: float) -> list[tuple[str, int]]:
    """(label, value offset) of a row that starts with the employee's label and lost its colon
    ("Isteri dari #ROCHMAT WIBOWO, S.P."): the label is two words, so it is matched as the row's
    first words of the same count, never as one word that a name could start with."""
    words = list(re.finditer(r"\S+", row))
    for label in pns_labels:
        n = len(label.split())
        if n < 2 or len(words) <= n:
            continue
        head = row[words[0].start() : words[n - 1].end()]
        if fuzz.ratio(normalise(head), label) >= cutoff:
            return [(head, words[n].start())]
    return []


# "Almarhum"/"Almarhumah", or as letters abbreviate it: "Alm." / "Almh." (a woman)
ALMARHUM = re.compile(r"\b(?:almarhum(?:ah)?\b|almh?\b\.?)", re.I)
_FEMALE_DECEASED = re.compile(r"\bALM(?:ARHUMAH|H)\b")


@functools.cache
def _heir_rules() -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]:
    rules = load_yaml(RULES_DIR / "fields.yaml")["heir_letters"]
    # "janda dari", "isteri sah dari" ... then the deceased, with or without "Almarhum" (OCR may
    # lose that word to a stamp): each phrase, its words apart by any spacing, and its "Almarhum".
    phrases = sorted(rules["deceased_after"], key=len, reverse=True)
    anchor = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    pattern = re.compile(rf"\b(?:(?:{anchor})\b(?:\s+{ALMARHUM.pattern})?|{ALMARHUM.pattern})", re.I)
    widow = tuple(normalise(x) for x in rules["widow"])
    return widow, tuple(normalise(x) for x in rules["widower"]), pattern


AN_HOLDER = re.compile(r"\ba\.\s?n\.\s*(?P<v>[A-Za-z][A-Za-z.,' ]{1,40}?)\s*\(\s*(?:janda|duda)\b", re.I)
# the value on the label's own row: "atas nama:" ending a row is no name row for the row below.
# The colon as OCR leaves it: "Nama . : ISTI", "Nama ! ANIK", "Nama 1 TRI", "Nama s4 ROCHMAT" (a
# misread colon: a short token with no capital before a name in capitals), or
# lost ("Nama AHMAD HIDAYAT": then the name must follow in capitals, no colon after it: "Nama PNS :"
# is another label).
NAMA_ROW = re.compile(
    r"^\W{0,3}(?:[0-9a-z]{1,2}[.)]\s*)?nama(?:\s+lengkap)?"
    r"(?:[ \t.,]*[:;!|]|[ \t]+[1lI](?=[ \t])|[ \t]+(?-i:[a-z0-9!|.]{1,2})(?=[ \t]+(?-i:[A-Z]{2}))"
    r"|(?=[ \t]+(?-i:[A-Z]{2})[^:;\n]*$))[ \t]*(?P<v>[^\n]+)$",
    re.I | re.M,
)
# ... or its value on the next row, where OCR split a wide gap into two rows ("Nama" / "! ANIK RAHAYU")
NAMA_SPLIT_ROW = re.compile(r"^\W{0,3}nama(?:\s+lengkap)?[ \t]*\n[ \t]*[:;!|][ \t]*(?P<v>[^\n]+)$", re.I | re.M)


def _nama_rows(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The "Nama" rows between ``start`` and ``end``, in reading order."""
    found = [*NAMA_ROW.finditer(text, start, end), *NAMA_SPLIT_ROW.finditer(text, start, end)]
    return sorted(found, key=lambda h: h.start())


# the heir named in the pengantar's closing sentence: "meninggalkan seorang duda atas nama (bernama) Kusno
# Kusnadi sebagai ahli waris yang sah", the name possibly broken over two rows ("... atas nama Sri" /
# "Astuti sebagai ..."): the body runs over the page's full width, unlike the letterhead's "a.n."
# whose right column ("Kabupaten Wonogiri") OCR reads into the name.
HEIR_SENTENCE = re.compile(
    r"\b(?:janda|duda|isteri|istri|suami)\s+(?:atas\s+nama|bernama)\s+"
    r"(?P<v>[A-Za-z][A-Za-z.,' ]{0,40}?(?:\n[A-Za-z.,' ]{1,40}?)??)\s+(?:sebagai|selaku)\b",
    re.I,
)


# "... isteri sah dari Almarhum" ending its row, the name starting the next ("TEGUH PRASETYO, NIP.
# ...", "TEGUH PRASETYO telah meninggal dunia"): capitals up to a comma, a bracket, "NIP" or the row's end
NEXT_ROW_NAME = re.compile(
    r"[ \t:]*\n[^\w\n]{0,3}(?!(?:NIP|NAMA|NIK)\b)(?P<v>[A-Z][A-Z.' ]{2,}[A-Z.])(?=[ \t]*(?:,|\(|$|NIP\b|telah\b))",
    re.M,
)
DECEASED_ROWS = 3  # "janda dari Almarhum:" to its "Nama :" row: a stamp's debris may stand between


def _rows_end(text: str, pos: int, rows: int) -> int:
    """Where the ``rows``-th row after the one holding ``pos`` ends."""
    for _ in range(rows + 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos - 1


def read_heir(index: TextIndex) -> dict[str, FieldValue]:
    """Letters written for a widow or widower (surat keterangan janda/duda, their permohonan,
    pengantar and penunjukan alamat): nama_isteri and nama_suami, and the deceased employee's NIP.

    The deceased is named after "Almarhum"/"Almarhumah" or the heir wording "janda dari", "isteri
    sah dari" ... (fields.yaml heir_letters.deceased_after): on the same row, in the "Nama :" row
    at most DECEASED_ROWS below, or starting the next row. The widow or widower is the heir of the
    pengantar's closing sentence ("... seorang janda atas nama ISTI RAHAYU sebagai ahli waris"),
    else the "a.n. ISTI RAHAYU (janda Almarhum ...)" of its letterhead, else the first "Nama :" row
    before the deceased. Whether the holder is the isteri or the suami comes from the wording
    (fields.yaml heir_letters)."""
    text = index.text
    # Of several "Almarhum X" the one naming most of the person: a two-column letterhead may break
    # the first ("a.n. ... (janda Almarhum SLAMET di -" / "SANTOSO)"), or join the right column's
    # last row to it ("(duda Almarhumah ENY PURBALINGGA" / "SUPRAPTI)"): of names as long, the one
    # the page prints most often (the body's "Almarhumah ENY SUPRAPTI telah meninggal", the table).
    widow, widower, deceased_anchor = _heir_rules()
    best: tuple[tuple[int, int], re.Match[str], tuple[int, int] | None] | None = None
    for m in deceased_anchor.finditer(text):
        line_end = text.find("\n", m.end())
        # a colon, or a quote mark OCR made of a speck ("Almarhumah” WIWIK RAHAYU"), may stand before it
        same_row = re.match(r"\s*[:\"“”']?\s*(?P<v>[A-Z][A-Z.' ]{2,}[A-Z.])", text[m.end() : line_end])
        if same_row:
            s = m.end() + same_row.start("v")
            span = (s, s + len(same_row.group("v")))
        else:
            rows = _nama_rows(text, m.end(), _rows_end(text, m.end(), DECEASED_ROWS))
            below = rows[0] if rows else NEXT_ROW_NAME.match(text, m.end())
            span = (below.start("v"), below.end("v")) if below else None
        name = " ".join(text[span[0] : span[1]].split()) if span else ""
        rank = (len(name.split()), len(re.findall(re.escape(name).replace(r"\ ", r"\s+"), text)) if name else 0)
        if best is None or rank > best[0]:
            best = (rank, m, span)
    if best is None:
        return {}
    _, m, deceased = best
    flat = normalise(text)
    anchor = normalise(m.group())
    is_widow = any(w in flat for w in widow)
    is_widower = any(w in flat for w in widower) or bool(_FEMALE_DECEASED.search(anchor))
    if is_widow == is_widower:
        # "Usul Pensiun Janda/Duda" names both: the deceased's title says it ("Almarhumah" is a
        # woman), else the anchor's own wording ("duda dari")
        is_widower = bool(_FEMALE_DECEASED.search(anchor)) or any(w in anchor for w in widower)
        is_widow = not is_widower
    holder_field, deceased_field = ("nama_isteri", "nama_suami") if is_widow else ("nama_suami", "nama_isteri")
    out: dict[str, FieldValue] = {}
    if deceased:
        value = names.clean_name_value(text[deceased[0] : deceased[1]])
        if len(re.sub(r"[^A-Za-z]", "", value)) >= 3:
            out[deceased_field] = index.field_value(deceased[0], deceased[1], value)
        found = nip.find_nips(text[deceased[0] : deceased[1] + 200], wrapped=True)
        if found:
            value, s, e = found[0]
            out["nip"] = index.field_value(deceased[0] + s, deceased[0] + e, value)
    holder = HEIR_SENTENCE.search(text) or AN_HOLDER.search(text)
    if holder is None:
        holder = next(iter(_nama_rows(text, 0, m.start())), None)
    if holder is not None:
        value = names.clean_name_value(holder.group("v"))
        if len(re.sub(r"[^A-Za-z]", "", value)) >= 3:
            out[holder_field] = index.field_value(holder.start("v"), holder.end("v"), value)
    return out


NPWP_NUMBER = re.compile(r"(?<!\d)\d{2}[. ]?\d{3}[. ]?\d{3}[. ]?\d[-. ]?\d{3}[. ]?\d{3}(?!\d)")
# Rows of an NPWP card that are not the holder's name (issuer, the number's caption, the NIK row).
_NPWP_NOT_NAME = re.compile(r"NPWP|NIK\b|KPP|PAJAK|KEUANGAN|NOMOR POKOK|WAJIB|TERDAFTAR|\bJALAN\b|\bJL\b|\bRT\b", re.I)


NPWP_DATE_CERTAINTY = 0.9  # the card's one date, its "Tanggal Terdaftar" label unread


def _registration_date(index: TextIndex) -> FieldValue | None:
    """The card's "Tanggal Terdaftar 21/08/2010" where OCR damaged the label ("Tanggal Tereamar",
    "Aha Terdaftar"): an NPWP card prints no other date, so the last one on it is that."""
    found = dates.find_dates(index.text)
    return _placed_date(index, found[-1], 0, NPWP_DATE_CERTAINTY) if found else None


def read_npwp(index: TextIndex) -> dict[str, FieldValue]:
    """The NPWP card prints no "Nama :" label: the holder's name is the row under the number
    ("NPWP : 08.781.562.4-509.000" / "DYAH SETYANINGSIH" / "NIK : ..." / address / "KPP PRATAMA
    BOYOLALI Tanggal Terdaftar 13/04/2019"). The number itself is the card's nomor."""
    out: dict[str, FieldValue] = {}
    m = NPWP_NUMBER.search(index.text)
    if m is not None:
        out["nomor_dokumen"] = index.field_value(m.start(), m.end(), m.group())
        anchor = m.end()
    else:  # the number lost to noise: the name still follows the issuer's heading
        issuer = re.search(r"JENDERAL\s+PAJAK[^\n]*", index.text, re.I)
        if issuer is None:
            return out
        anchor = issuer.end()
    registered = _registration_date(index)
    if registered is not None:
        out["tanggal_dokumen"] = registered
    after = [(span, row) for span, row in index.row_texts() if span.start >= anchor][:3]
    for span, row in after:
        letters = re.sub(r"[^A-Za-z]", "", row)
        if re.search(r"\d", row) or len(letters) < 5 or _NPWP_NOT_NAME.search(row):
            continue
        value = names.clean_name_value(row)
        if value and sum(c.isupper() for c in letters) >= 0.8 * len(letters):  # printed in capitals
            out["nama"] = index.field_value(span.start, span.end, value)
        break
    return out


# Capitalised words above an NIP that are a table's header or the letterhead, not a name.
TABLE_NAME_CERTAINTY = 0.7  # placed by position, not by a label: a mismatch it causes is "unsure"
SIGNATURE_ZONE = 0.6  # share of the page height below which an NIP is the signer's


def read_table_name(index: TextIndex, rows_above: int = 3) -> dict[str, FieldValue]:
    """The employee's name in the "NAMA / NIP" column of a pengantar's table: the capitals printed
    above the NIP (or its "NIP" label) in the same column. The table's other columns (pangkat,
    jabatan, TMT) share the name's row, so only the words whose centre lies over that column are
    taken. The signer's NIP low on the page is no table's."""
    for _, start, end in [*nip.find_nips(index.text, wrapped=True), *_unread_nips(index)]:
        row_no = next((i for i, r in enumerate(index.rows) if r.start <= start < r.end), None)
        if row_no is None:
            continue
        row = index.rows[row_no]
        label = re.search(r"\bNIP\W*$", index.text[row.start : start], re.I)
        digits = re.match(r"[\d ]*\d", index.text[start:end])  # of a wrapped NIP, its first row's part
        box = index.bbox(row.start + label.start() if label else start, start + digits.end() if digits else end)
        if box is None or box[1] > SIGNATURE_ZONE * max(index.height, 1):
            continue
        found = _name_above(index, row_no, box[0] - (box[2] - box[0]) * 0.1, box[2], rows_above)
        if found:
            return found
    return {}


# A table cell's "NIP." label and the digits after it that are no valid NIP as OCR read them ("NIP.
# 150717 762117012280", "NIP. , 19670203 7 200703 1 388"): still the place of the employee's NIP.
_NIP_CELL = re.compile(r"^\W{0,3}NIP\W{0,4}(?P<d>[0-9][0-9 ]{10,24}[0-9])", re.M)


def _unread_nips(index: TextIndex) -> list[tuple[str, int, int]]:
    """(digits, start, end) of each row that starts with an "NIP" label and a run of digits that
    nip.find_nips did not take; tried after the valid NIPs, so a readable one always wins."""
    return [(m["d"], m.start("d"), m.end("d")) for m in _NIP_CELL.finditer(index.text)]


def _name_above(index: TextIndex, row_no: int, left: float, right: float, rows_above: int) -> dict[str, FieldValue]:
    for above in range(row_no - 1, max(0, row_no - rows_above) - 1, -1):
        found = namerecall.column_text(index, above, left, right)
        if found is None:
            continue
        text = index.text[found[0] : found[1]]
        # A signer's name is printed in capitals, its gelar not ("Drs. BUDI SANTOSO, S.Sos."): the
        # letters counted are those before the comma, in words that are no abbreviation.
        core = text.split(",")[0].split()
        letters = "".join(re.sub(r"[^A-Za-z]", "", w) for w in core if not w.endswith("."))
        if {re.sub(r"[^A-Z]", "", t.upper()) for t in text.split()} & namerecall.caption_words():
            continue
        if len(letters) >= 5 and sum(c.isupper() for c in letters) >= 0.9 * len(letters):
            value = names.clean_name_value(text)
            if len(re.sub(r"[^A-Za-z]", "", value)) >= 5:
                return {"nama": index.field_value(found[0], found[1], value, TABLE_NAME_CERTAINTY)}
    return {}

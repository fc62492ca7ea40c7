"""Labelled values on form-like pages: "Nama : AGUS MUFID", "2. NIP : 19770515 200801 1 002".

Indonesian personnel documents print most values as ``label : value`` rows. The label is matched
fuzzily against the label list of each field (``rules/fields.yaml``), so "Tempat/Tgl. Lahlr" still
finds tempat_tanggal_lahir. Rows without a colon ("NIP 19770515...") are matched by prefix.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline.ranks import GOLONGAN, find_rank
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import TextIndex

# Row numbering: "2.", "a.", "(3)", "II." or a bare "1 " before a word (SKP tables); a colon of the
# column before it read into the row first (": a. Nama — 2 ENDRO MUFID") is skipped with it.
NUMBERING = re.compile(
    r"^\s*(?:[:;]\s+)?(?:\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|[IVX]{1,4}\.|[0-9]{1,2}(?=\s+[A-Za-z]))?\s*"
)
COLON = re.compile(r"\s*[:;](?:\s*[:;])*\s*")
# Tesseract often reads a colon standing alone in an aligned column as '1', 'l', 'I' or '|', and on
# a card's patterned background as a dash ("TempatTgi Lahir - BLITAR, 13-08-1947", an e-KTP of
# ../shared/real-samples).
# An em dash stands for it too ("a. Nama — 2 ENDRO MUFID": its colon column read as a dash and a digit),
# and a guillemet ("Nama « YULI PURWANTI" on a kutipan akta perkawinan).
MISREAD_COLON = re.compile(r"\s+[1lI|!i\-–—«»]\s+")
MAX_LABEL = 45
# A second "label :" inside the value (two fields on one row, as on the e-KTP) ends the value.
# Its words are Capitalised or short abbreviations ("Kecamatan", "Gol. Darah", "RT/RW"); its first
# word is Capitalised or a known abbreviation, never an all-caps word, which is the end of a name
# ("Nama Kepala Keluarga : ARIF MUFID Kecamatan : KEDUNG" keeps MUFID, "... WAHYU HIDAYAT
# Kecamatan : DAWE" keeps HIDAYAT).
_LABEL_WORD = r"(?:[A-Z][a-z.]+|[A-Z/.]{2,5})"
_FIRST_LABEL_WORD = r"(?:[A-Z][a-z.]+|[A-Z]{2}/[A-Z]{2}|NIK|NIP|TMT)"
NEXT_LABEL = re.compile(rf"\s{{1,}}(?:{_FIRST_LABEL_WORD}(?:\s(?:{_LABEL_WORD}|[a-z.]+)){{0,2}})\s*[:;]\s")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    labels: tuple[str, ...]
    phrases: tuple[str, ...]
    phrase_window: int = 4  # how far after a phrase its date may start (fields.yaml ``phrase_window``)
    phrase_fuzzy: bool = False  # a phrase of two words or more may be read damaged (``phrase_fuzzy``)
    # rows OCR broke further, read last (fields.yaml ``broken``; pipeline/extract.py _broken_date):
    # the phrase's day ending its row, the month and year on the next; labels of these shapes
    # (regexes on the normalised label); the value on the row above a label standing alone
    split_phrase: bool = False
    label_shapes: tuple[str, ...] = ()
    value_above: bool = False
    # a row labelled one of these, one of ``event_next`` labelling one of the next two rows
    event_labels: tuple[str, ...] = ()
    event_next: tuple[str, ...] = ()
    # a row holding only a day's name, the next row opening with a date that falls on that day
    weekday_row: bool = False


@dataclass(frozen=True)
class LabelHit:
    field: str
    start: int  # value span in the TextIndex
    end: int
    value: str
    score: float


@functools.cache
def field_rules() -> tuple[dict[str, FieldSpec], dict[str, tuple[str, ...]], float]:
    data = load_yaml(RULES_DIR / "fields.yaml")
    specs = {
        name: FieldSpec(
            name=name,
            kind=spec["kind"],
            labels=tuple(normalise(x) for x in spec.get("labels", [])),
            phrases=tuple(spec.get("phrases", [])),
            phrase_window=int(spec.get("phrase_window", 4)),
            phrase_fuzzy=bool(spec.get("phrase_fuzzy", False)),
            split_phrase=bool(spec.get("broken", {}).get("split_phrase", False)),
            label_shapes=tuple(spec.get("broken", {}).get("label_shapes", [])),
            value_above=bool(spec.get("broken", {}).get("value_above", False)),
            event_labels=tuple(normalise(x) for x in spec.get("broken", {}).get("event_row", {}).get("labels", [])),
            event_next=tuple(normalise(x) for x in spec.get("broken", {}).get("event_row", {}).get("next", [])),
            weekday_row=bool(spec.get("broken", {}).get("weekday_row", False)),
        )
        for name, spec in data["fields"].items()
    }
    common = tuple(data.get("common", []))
    per_type = {k: tuple(v) + common for k, v in data["doc_types"].items()}
    per_type["_common"] = common
    return specs, per_type, float(data["label_cutoff"])


@functools.cache
def subject_rules() -> dict[str, tuple[str, ...]]:
    data = load_yaml(RULES_DIR / "fields.yaml")
    return {k: tuple(v) for k, v in (data.get("subject_after") or {}).items()}


@functools.cache
def signed_about_another() -> frozenset[str]:
    """Document types an official signs about another employee (fields.yaml signed_about_another)."""
    return frozenset(load_yaml(RULES_DIR / "fields.yaml").get("signed_about_another") or ())


def _label_score(label: str, spec: FieldSpec) -> float:
    return _labels_score(label, spec.labels)


@functools.lru_cache(maxsize=1 << 16)
def _labels_score(label: str, labels: tuple[str, ...]) -> float:
    """How well a row's label reads as one of ``labels``. Cached: every row is scored against every
    field's labels, the same few hundred rows many times a dossier (~0.1 s of a text-layer one)."""
    # A stray one-letter token after the label ("NIP a :") is OCR noise from the colon column.
    norm = re.sub(r"(?:\s+[A-Z0-9])+$", "", normalise(label))
    if not norm:
        return 0.0
    score = max((fuzz.ratio(norm, cand) for cand in labels), default=0.0)
    head, _, rest = norm.partition(" ")
    if rest and (head not in label_words() or len(head) == 1) and score < JUNK_HEAD_SCORE:
        # "ka Nama :", "DONDYDUNG Pangkat/Gol. Ruang :", "N NIP :": the row numbering ("1.", "a.")
        # or a stamp in the margin read as a word. Dropped only when it is no word of any label (so
        # "Masa" of "Masa Kerja Golongan" or "Nama" of "Nama Ayah" always stays), or a lone letter
        # (the spaced "N I P" reads whole, above the junk score), and what remains is a near-exact
        # label.
        rest_score = max((fuzz.ratio(rest, cand) for cand in labels), default=0.0)
        if rest_score >= JUNK_HEAD_SCORE:
            score = rest_score
    return score


JUNK_HEAD_SCORE = 90.0


@functools.cache
def label_words() -> frozenset[str]:
    """Every word of every label in rules/fields.yaml, normalised ('/' splits words too)."""
    specs = field_rules()[0]
    return frozenset(w for spec in specs.values() for label in spec.labels for w in re.split(r"[ /]+", label) if w)


def split_row(row: str, gap: int | None = None) -> list[tuple[str, int]]:
    """Candidate (label, value offset) splits of a row, numbering ("2.", "a.") skipped.

    Tried: the first colon; a lone '1'/'l'/'|' that is a misread colon; the first wide gap
    (``gap``: offset in the row of the word after it, from the word boxes).
    """
    start = NUMBERING.match(row).end()
    out = []
    for pattern in (COLON, MISREAD_COLON):
        m = pattern.search(row, start)
        if m and 0 < m.start() - start <= MAX_LABEL:
            out.append((row[start : m.start()], m.end()))
    if gap is not None and 0 < gap - start <= MAX_LABEL:
        lone = re.match(r"[:;1lI|!i\-–«»]\s+", row[gap:])
        out.append((row[start:gap].rstrip(" :;"), gap + (lone.end() if lone else 0)))
    return out


def labelled_values(index: TextIndex, specs: list[FieldSpec], cutoff: float) -> list[LabelHit]:
    """Every row whose label matches one of the specs, in reading order."""
    hits: list[LabelHit] = []
    for span, row in index.row_texts():
        best: tuple[float, FieldSpec, int] | None = None
        gap = index.first_gap(span.start, span.end)
        for label, v_offset in split_row(row, gap - span.start if gap is not None else None):
            for spec in specs:
                score = _label_score(label, spec)
                if score >= cutoff and (best is None or score > best[0]):
                    best = (score, spec, v_offset)
        if best is None:
            hits.extend(_prefix_hits(span.start, row, specs, cutoff))
            continue
        score, spec, v_offset = best
        value = row[v_offset:]
        cut = NEXT_LABEL.search(value)
        if cut:
            value = value[: cut.start()]
        lead = len(value) - len(value.lstrip(" :;.,-"))
        v_start = span.start + v_offset + lead
        v_end = index.gap_end(v_start, span.start + v_offset + len(value.rstrip()))
        value = index.text[v_start:v_end].strip()
        if value:
            hits.append(LabelHit(spec.name, v_start, v_start + len(value), value, score))
    return hits


# A date written with a numeric day that ends its row: "pada tanggal 01 Februari 2010" (a decree's
# signing date whose colon, or whose "Ditetapkan di" row, OCR lost). A day written out in words is
# the akta's birth sentence ("pada tanggal sembilan Januari ..."), never taken here.
_WHOLE_ROW_DATE = re.compile(r"^[0-9OoIl]{1,2}\b[^\n]{4,20}?[12][0-9]{3}\W{0,2}$")


def _plain_score(label: str, spec: FieldSpec) -> float:
    norm = normalise(label)
    return max((fuzz.ratio(norm, cand) for cand in spec.labels), default=0.0) if norm else 0.0


RANK_ROW_LABEL = 75.0  # a rank label before a rank name: "Pangkat/Gol. Koeng" (82)
GOLONGAN_ROW_LABEL = 90.0  # a rank label before a golongan alone must read near exactly


def _rank_value(value: str) -> float:
    """The label score a row's rest asks of its label to be a rank row, 0 when it is no rank: a row
    whose colon OCR lost ("c. Pangkat/Gol. Ruang Penata Tingkat I / III/d" on a surat keterangan
    hukuman disiplin) is read only when a rank name (ranks.find_rank) or a whole golongan leads it."""
    rank = find_rank(value)
    if rank is not None and rank[2] <= 2:
        return RANK_ROW_LABEL
    return GOLONGAN_ROW_LABEL if GOLONGAN.match(value.strip(" :;.")) is not None else 0.0


def _prefix_hits(row_start: int, row: str, specs: list[FieldSpec], cutoff: float) -> list[LabelHit]:
    """'NIP 19770515 200801 1 002' or 'NIK 3316...' with no colon: label as the row's first words;
    so too a date label followed by nothing but a date ("pada tanggal 01 Februari 2010"), and a
    rank label followed by a rank ("Pangkat/Gol. Ruang Penata Tingkat I / III/d")."""
    numbering = NUMBERING.match(row).end()
    words = row[numbering:].split()
    out = []
    for spec in specs:
        if spec.kind not in ("nip", "nik", "date", "golongan"):
            continue
        for n in (1, 2, 3):
            if len(words) <= n:
                break
            head = " ".join(words[:n])
            offset = row.find(words[n], numbering + len(head))
            value = row[offset:].strip()
            if spec.kind == "golongan":
                # a rank row's label must read as one itself: "2. Kenaikan pangkat, Penata Muda ..."
                # is a row of the riwayat's rank history, not "Pangkat" with a stray word before it;
                # a rank name leading the value confirms a damaged label ("Pangkat/Gol. Koeng -
                # Penata / III/c"), a golongan alone does not
                plain = _plain_score(head, spec)
                need = _rank_value(value) if plain >= RANK_ROW_LABEL else 0.0  # the rank test is the dear one
                if need and plain >= need:
                    out.append(LabelHit(spec.name, row_start + offset, row_start + offset + len(value), value, 90))
                    break
                continue
            if _label_score(head, spec) >= max(cutoff, 90):
                if spec.kind == "date" and not _WHOLE_ROW_DATE.match(value):
                    break
                out.append(LabelHit(spec.name, row_start + offset, row_start + offset + len(value), value, 90))
                break
    return out

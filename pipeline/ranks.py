"""Rank names (pangkat) and golongan ruang: the table of rules/pangkat.yaml and the readings of both.

A PNS rank name stands for exactly one golongan ("Penata Tingkat I" is III/d), while the roman part
of a printed "III/d" is what OCR damages most ("Il/d", "Nvd", "1/1iyd"). Both are read here as
plain strings, so a table cell, a labelled row or a sentence can use them (pipeline/extract.py
reconciles labelled blocks, pipeline/pengantar.py the pengantar's table cell).
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process

from classifiers.profiles import normalise
from pipeline.settings import RULES_DIR, load_yaml

# "III/a"; OCR prints the roman I as l, 1 or | ("Il/d").
GOLONGAN = re.compile(r"(?<![A-Za-z])([IVl1|]{1,3})\s*/\s*([a-eA-E])\b")
# The same as OCR leaves it when the roman part is damaged: "Ili/d", "ITU/d", "IIUd" (the slash read
# as U), "IVd", "Id". Only the ruang letter is trusted from such a reading; the roman part is then
# taken from the rank printed beside it. Without a slash only a lower-case letter counts ("I A" is
# no golongan).
GOLONGAN_LOOSE = re.compile(r"(?<![A-Za-z0-9])([Il1|][IVlLiTUNWHv1|!]{0,3})(?:\s*/\s*([a-eA-E])|([a-e]))(?![A-Za-z])")
# In a cell that holds only a rank and its golongan ("Penata Tingkat I /" over "III/d") the last
# short token is the golongan however its roman part came out: "Nvd", "/nvd", "H/IWa", "rd", "Ud".
# Its strokes read as any of these; only its ruang letter is trusted, and only beside a rank name.
GOLONGAN_CELL = re.compile(r"(?<![A-Za-z0-9])[/|]?([IVlLiTUNWHvnrw1|!/]{1,4})\s*/?\s*([a-eA-E])(?![A-Za-z0-9])")
ROMAN = ("I", "II", "III", "IV")
# A word of a rank as find_rank reads it: "PenataMuda" (OCR lost the space) is two words, "TinckatI"
# too; "|" and "!" stand for the roman I.
RANK_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[|!]")
# The words a rank name is made of besides its head ("Penata Muda Tingkat I", "Pembina Utama
# Madya"): how far a rank printed over several rows of a narrow cell may reach.
MAX_RANK_WORDS = 5
RANK_WORD_RATIO = 80  # rapidfuzz ratio of each word of a rank read word by word (find_rank)


@functools.cache
def pangkat_table() -> tuple[dict[str, str], float]:
    """{normalised rank name: golongan} and the fuzzy score a reading needs (rules/pangkat.yaml)."""
    data = load_yaml(RULES_DIR / "pangkat.yaml")
    return {pangkat_key(k): v for k, v in data["pangkat"].items()}, float(data["min_ratio"])


def pangkat_key(text: str) -> str:
    """'Penata Tk. I' and 'PENATA TINGKAT I,' -> 'PENATA TINGKAT I'; 'Tingkat1/' -> 'TINGKAT I'."""
    key = normalise(re.sub(r"[|!]", " 1 ", text)).replace("/", " ")
    key = re.sub(r"(?<=[A-Z])(?=\d)|(?<=\d)(?=[A-Z])", " ", key)  # "TINGKAT1" -> "TINGKAT 1"
    key = re.sub(r"\bTK\b\.?", "TINGKAT", key)
    key = re.sub(r"(?<=\S) +[1LJ]\b", " I", key)  # the roman I of "Tingkat I" as OCR prints it ("Tinckat J")
    return re.sub(r"\s+", " ", key).strip()


def golongan_of_rank(name: str) -> tuple[str, str] | None:
    """(rank as written in rules/pangkat.yaml, normalised; its golongan) for a rank name read, or
    None when the reading is no rank (rapidfuzz ratio below the table's min_ratio)."""
    table, min_ratio = pangkat_table()
    best = process.extractOne(pangkat_key(name), list(table), scorer=fuzz.ratio, score_cutoff=min_ratio)
    return (best[0], table[best[0]]) if best else None


def _rank_heads() -> set[str]:
    return {key.split()[0] for key in pangkat_table()[0]}


def _word_match(key: str, rank: str) -> float:
    """How well a reading matches a rank word by word: each word fuzzily (rapidfuzz ratio at least
    RANK_WORD_RATIO; "PENAIA" is PENATA), the roman "I" exactly; 0 when the word counts differ or a
    word fails. A one-letter slip in one of two words costs the whole reading more than the
    near-exact min_ratio allows, though each word is plain."""
    got, want = key.split(), rank.split()
    if len(got) != len(want) or len(want) < 2:
        return 0.0  # a one-word rank must read near exactly: "Penataan" (Ruang) is no Penata
    scores = [fuzz.ratio(g, w) if len(w) > 1 else 100.0 * (g == w) for g, w in zip(got, want, strict=True)]
    return sum(scores) / len(scores) if min(scores) >= RANK_WORD_RATIO else 0.0


def _best_rank(key: str) -> tuple[str, float] | None:
    """The rank a normalised reading stands for, by the whole reading (min_ratio) or word by word."""
    table, min_ratio = pangkat_table()
    scored = [(rank, max(fuzz.ratio(key, rank), _word_match(key, rank) if key else 0.0)) for rank in table]
    rank, score = max(scored, key=lambda rs: rs[1])
    return (rank, score) if score >= min_ratio or _word_match(key, rank) else None


@functools.lru_cache(maxsize=1 << 14)
def find_rank(text: str) -> tuple[str, str, int, int] | None:
    """The rank name in free text that may wrap over rows and carry other words: (rank, golongan,
    start, end of its words in ``text``), or None.

    Every run of up to MAX_RANK_WORDS words that starts with a rank's head word (Juru, Pengatur,
    Penata, Pembina; fuzzily, OCR reads "Penaia") is scored against the table; the longest rank that
    matches wins, so "Penata Tingkat I" is not taken for "Penata", and of equal lengths the closer
    reading."""
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(RANK_WORD, text)]
    heads = _rank_heads()
    table = pangkat_table()[0]
    for i, (word, start, _) in enumerate(words):
        key = pangkat_key(word)
        if not key or max(fuzz.ratio(key, h) for h in heads) < RANK_WORD_RATIO:
            continue
        best: tuple[int, float, str, int] | None = None
        for n in range(1, min(MAX_RANK_WORDS, len(words) - i) + 1):
            hit = _best_rank(pangkat_key(" ".join(w for w, _, _ in words[i : i + n])))
            if hit is not None and (best is None or (len(hit[0].split()), hit[1]) > best[:2]):
                best = (len(hit[0].split()), hit[1], hit[0], words[i + n - 1][2])
        if best is not None:
            return best[2], table[best[2]], start, best[3]  # the first rank in reading order is the row's
    return None


def printed_golongan(text: str, *, cell: bool = False, loose: bool = True) -> tuple[str, int, int] | None:
    """The first golongan printed in ``text`` as (value, start, end): "III/d" when the roman part
    reads as one, else the reading with its damaged roman part kept ("ITU/d", "?/d"), whose ruang
    letter only a rank can confirm (:func:`reconcile`). ``cell``: the text is one table cell holding a
    rank and its golongan, where a short token ending in a ruang letter is the golongan
    (GOLONGAN_CELL). ``loose=False``: only a golongan printed whole, "III/d" (nothing to confirm a
    damaged one by)."""
    patterns = (GOLONGAN, GOLONGAN_LOOSE, GOLONGAN_CELL) if cell else (GOLONGAN, GOLONGAN_LOOSE)
    patterns = patterns if loose else (GOLONGAN,)
    for pattern in patterns:
        m = pattern.search(text)
        if m is None:
            continue
        roman = re.sub(r"[l1|i]", "I", m.group(1))
        letter = next(g for g in m.groups()[1:] if g).lower()
        return f"{roman if pattern is not GOLONGAN_CELL else '?'}/{letter}", m.start(), m.end()
    return None


def reconcile(printed: str | None, rank_golongan: str | None) -> str | None:
    """The golongan of a rank and a printed golongan read side by side.

    A rank name is several long words, read reliably; the roman part of a printed golongan is a
    few strokes, which OCR loses or adds ("1i/d" for III/d). So:
    - no rank: the printed one when its roman part reads (I..IV), else nothing;
    - no printed one, or one whose roman part is damaged: the rank's (a damaged reading's letter is
      no better than its roman part: "Penata Tingkat I" beside "H/IWa" is III/d), unless the rank
      may be a longer one cut short whose letter is the printed one ("Penata" over a lost "Tingkat
      I" beside "TI/d"): then nothing;
    - the ruang letters agree: the rank's ("II/d" beside "Penata Tingkat I" is III/d);
    - another letter, printed under the rank's roman part: as printed (a real disagreement for the
      cross-checks, or a rank whose "Tingkat I" OCR lost: "Penata" beside "III/d");
    - another letter under another roman part: the rank's roman part with the printed letter,
      where the rank's family has it ("Penata" beside "1i/d" is III/d), else the rank's.
    """
    valid = printed is not None and printed.split("/")[0] in ROMAN
    if rank_golongan is None:
        return printed if valid else None
    if not valid and printed is not None and _cut_short(rank_golongan, printed[-1:]):
        return None
    if not valid or printed[-1:] == rank_golongan[-1:]:
        return rank_golongan
    roman = rank_golongan.split("/")[0]
    if printed.split("/")[0] == roman:
        return printed
    family = f"{roman}/{printed[-1:]}"
    return family if family in pangkat_table()[0].values() else rank_golongan


# The value of a "Golongan ruang :" row when OCR left only strokes and the ruang letter: "Nud",
# "md", "mid", "NLd", "Nnud", "Mc", "Na", "ni/a" (III/d, III/c, III/a): one short token whose last
# letter is the ruang. Its roman part says nothing; a rank or the rank before a promotion must.
# The strokes before the letter read as these (not as other letters: "Nama" is no golongan).
DAMAGED_CELL = re.compile(r"^\W*[IlLi1|!/NnmMWwVvUuTHhjJ]{0,3}([a-e])\W*$")
# A rank reading scored against the ranks of the printed golongan's ruang letter must score this
# much (rapidfuzz ratio of the normalised readings) and beat the next such rank by RANK_MARGIN: the
# letter narrows "Penata Tinckat J" beside "Nnud" to Juru/Pengatur/Penata Tingkat I, Pembina Utama
# Madya, of which the reading is plainly one.
RANK_BY_LETTER_RATIO = 80.0
RANK_MARGIN = 5.0
RANK_HEAD_RATIO = 60.0  # and its first word must read as the rank's head ("Peneua" 67 as Penata)


def damaged_golongan(value: str) -> str | None:
    """'?/d' for the whole value of a golongan row that is one damaged token ending in its ruang
    letter ("Nud", "Mc", "ni/a"), else None. Only the letter is read; ranks confirm it."""
    m = DAMAGED_CELL.match(value.strip())
    return f"?/{m.group(1)}" if m else None


@functools.cache
def golongan_order() -> tuple[str, ...]:
    """Golongan ruang from I/a to IV/e, in the order of rules/pangkat.yaml (one step each)."""
    return tuple(dict.fromkeys(pangkat_table()[0].values()))


def next_golongan(golongan: str) -> str | None:
    """The golongan one step above ``golongan`` (III/d -> IV/a), None above IV/e or when unknown."""
    order = golongan_order()
    i = order.index(golongan) if golongan in order else len(order)
    return order[i + 1] if i + 1 < len(order) else None


def rank_by_letter(reading: str, letter: str) -> str | None:
    """The golongan of a damaged rank reading ("Penata Tinckat J", "Penata TinskatI") told apart by
    the ruang letter printed beside it: of the ranks with that letter, the closest, when it scores
    RANK_BY_LETTER_RATIO and beats the next by RANK_MARGIN; else None."""
    key = pangkat_key(reading)
    table = pangkat_table()[0]
    scores = sorted(
        ((fuzz.ratio(key, rank), gol) for rank, gol in table.items() if gol.endswith("/" + letter)), reverse=True
    )
    if not key or not scores or scores[0][0] < RANK_BY_LETTER_RATIO:
        return None
    best = next(rank for rank, gol in table.items() if gol == scores[0][1])
    head = next((w for w in key.split() if len(w) > 1 and w.isalpha()), "")
    if fuzz.ratio(head, best.split()[0]) < RANK_HEAD_RATIO:
        return None  # "tur Tingkat |" (Pengatur) is nearer "Juru Tingkat I" as a whole: the head must read
    if len(scores) > 1 and scores[0][0] - scores[1][0] < RANK_MARGIN:
        return None
    return scores[0][1]


def _cut_short(rank_golongan: str, letter: str) -> bool:
    """Whether a longer rank starting with the rank of ``rank_golongan`` has ruang ``letter``:
    "Penata" (III/c) read from a cell whose "Tingkat I" (III/d) OCR lost."""
    table = pangkat_table()[0]
    name = next((rank for rank, gol in table.items() if gol == rank_golongan), None)
    return name is not None and any(
        rank.startswith(name + " ") and gol.endswith("/" + letter) for rank, gol in table.items()
    )

"""The golongan a kenaikan pangkat decree grants, from the rank it raises the employee from.

An SK kenaikan pangkat (petikan keputusan) prints the old rank on one row ("5. Pangkat
lama/Gol.ruang/TMT : Penata / III/c / 01-04-2014") and the new one on two ("a. Pangkat baru :
Penata Tingkat I", "b. Golongan ruang : III/d"). A regular promotion raises the rank by exactly one
step ("dinaikkan pangkatnya setingkat lebih tinggi", PP 99/2000 pasal 3), so when OCR left only the
ruang letter of the new golongan ("Golongan ruang : Nud") and its rank name is unreadable, the old
row, read surely, tells the roman part: the step above the old golongan, taken only when its letter
is the one printed. A promotion of another size (penyesuaian ijazah) then shows as a letter that
disagrees, and nothing is taken.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline.labels import NUMBERING, field_rules
from pipeline.ranks import GOLONGAN_LOOSE, ROMAN, find_rank, next_golongan, printed_golongan, reconcile
from pipeline.textindex import TextIndex

OLD_LABEL_RATIO = 70.0  # the "Pangkat lama/Gol. ruang/TMT" label as OCR damages it ("Pancdkat lama/Gol. mans/TMT")
# Without a rank name to confirm it, an old golongan counts only with all three strokes of III read
# and its slash kept ("Ill/c", "Ili/c"): "Il/b" under "Penata Muda Tingkat I" was III/b.
SURE_ROMAN = ("III",)


def old_golongan(index: TextIndex) -> str | None:
    """The golongan of the page's "Pangkat lama/Gol. ruang/TMT" row when it reads surely: confirmed
    by the rank name printed before it (ranks.reconcile), or a whole III/x printed with its slash."""
    specs = field_rules()[0]
    for _, row in index.row_texts():
        label, colon, value = row.partition(":")
        key = normalise(NUMBERING.sub("", label, count=1))
        if not colon or not key:
            continue
        old = max(fuzz.ratio(key, lab) for lab in specs["pangkat_lama"].labels)
        current = max(fuzz.ratio(key, lab) for lab in specs["pangkat_golongan"].labels)
        if old < OLD_LABEL_RATIO or old <= current:
            continue
        return _sure_golongan(value)
    return None


def _sure_golongan(value: str) -> str | None:
    """The golongan of an old-rank value "Penata / III/c / 01-04-2014", or None when unsure."""
    rank = find_rank(value)
    printed = printed_golongan(value)
    if rank is not None:
        got = reconcile(printed[0] if printed else None, rank[1])
        return got if got and got.split("/")[0] in ROMAN else None
    m = GOLONGAN_LOOSE.search(value)
    if printed is None or m is None or m.group(2) is None or printed[0].split("/")[0] not in SURE_ROMAN:
        return None
    return printed[0]


def promoted_golongan(indexes: list[TextIndex], letter: str) -> str | None:
    """The golongan one step above the old rank of a kenaikan pangkat decree, when its ruang letter
    is ``letter`` (the one printed for the new golongan); None otherwise."""
    for index in indexes:
        old = old_golongan(index)
        if old is not None:
            new = next_golongan(old)
            return new if new is not None and new.endswith("/" + letter) else None
    return None

"""Jenis kelamin as printed ("LAKI-LAKI", "PEREMPUAN", "Pria", "Wanita"), read through OCR damage.

The value of a "Jenis Kelamin" row is one of two words that share almost no letters, so a damaged
reading ("Ferempuan", "Lakd-lakd", "Taki-Taki") still says which it is; only a reading clearly
closer to one word than to the other is taken. The NIP's gender digit is never used here: it is
what the cross-check NIP_GENDER compares this reading against (pipeline/checks_identity.py).
Words, thresholds and label shapes: rules/gender.yaml.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import TextIndex


@functools.cache
def gender_rules() -> dict:
    """rules/gender.yaml: the printed words per code, the fuzzy score and margin a reading needs."""
    return load_yaml(RULES_DIR / "gender.yaml")


def _key(token: str) -> str:
    """'Laki-laki,' -> 'LAKILAKI': letters only, upper case (OCR splits or drops the hyphen)."""
    return re.sub(r"[^A-Z]", "", token.upper())


def gender_of(value: str) -> tuple[str, float] | None:
    """(code L/P, certainty) of a gender value as read, or None when it is no gender word.

    The first word of the value counts ("LAKI-LAKI Gol. Darah : -" on an e-KTP row): a word printed
    whole is certain; a damaged one is taken when it scores at least ``min_ratio`` against a word of
    one code and ``margin`` more than against every word of the other, at lower certainty."""
    rules = gender_rules()
    words = re.findall(r"[A-Za-z][A-Za-z|!]*(?:\s*-\s*[A-Za-z|!]+)?", value)
    if not words:
        return None
    key = _key(words[0])
    if len(key) < rules["min_length"] or any(
        fuzz.ratio(key, w) >= rules["not_value_ratio"] for w in rules["not_values"]
    ):
        return None
    best: dict[str, float] = {}
    passed: set[str] = set()
    for code, printed in rules["words"].items():
        scores = {w: fuzz.ratio(key, _key(w)) for w in printed}
        best[code] = max(scores.values())
        if any(score >= _min_ratio(w, rules) for w, score in scores.items()):
            passed.add(code)
    (code, score), (_, other) = sorted(best.items(), key=lambda cs: cs[1], reverse=True)
    if score == 100:
        return code, 1.0
    if code in passed and score - other >= rules["margin"]:
        return code, rules["damaged_certainty"]
    return None


def _min_ratio(word: str, rules: dict) -> float:
    """The score a damaged reading needs against ``word``: a long word ("PEREMPUAN") keeps its shape
    through a few wrong letters; a short one ("WANITA") is too near other short words ("Swasta")."""
    return rules["min_ratio"] if len(_key(word)) >= rules["long_word"] else rules["short_min_ratio"]


def gender_row(index: TextIndex) -> tuple[str, float, int, int] | None:
    """(code, certainty, start, end) of a gender row whose label the label reader missed: a row
    whose first word is "Jenis" however damaged ("Jenis Kasat Laki-iaki", the e-KTP's "Jenis
    Kasat 2 LAKI-LAKI"), or a row that holds only a colon and a gender word (": Perempuan", the
    value OCR set apart from its "Jenis Kelamin" label)."""
    rules = gender_rules()
    for span, row in index.row_texts():
        m = ROW_VALUE.match(row)
        if m is None:
            continue
        head, value = m.group("head") or "", m.group("value")
        if head and fuzz.ratio(_key(head.split()[0]), "JENIS") < rules["label_ratio"]:
            continue
        if not head and not m.group("colon"):
            continue
        found = gender_of(value)
        if found is not None:
            start = span.start + m.start("value")
            return found[0], found[1], start, start + len(value.rstrip())
    return None


# "4. Jenis Kasat : Laki-laki": numbering, a label of one or two words, its colon (or what OCR made
# of it, "1", "2"), the value; or ": Perempuan" alone.
ROW_VALUE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.,]\s*)?(?P<head>[A-Za-z]{4,}(?:\s+[A-Za-z]{3,})?)?\s*(?P<colon>[:;]|\b[12]\b)?\s*"
    r"(?P<value>[A-Za-z][A-Za-z|!-]*(?:\s*-\s*[A-Za-z]+)?.*)$"
)

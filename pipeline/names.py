"""Compare person names the way a verifier does: ignoring gelar, order and OCR noise.

The same person is ``Drs. H. AGUS MUFID, M.Si.`` on an SK, ``AGUS MUFID`` on the KTP and
``Agus Mufid`` on the surat nikah. The report shows each as printed (:func:`clean_name_value` only
trims OCR debris); comparisons use :func:`strip_gelar` and :func:`name_similarity`.

Decisions a caller must know:

- Gelar are recognised as whole tokens after splitting on spaces, commas and dots, compared with
  dots and case removed, so ``S.Pd``, ``SPd``, ``S. Pd`` and ``s.pd.`` are one gelar, while ``SE``
  inside ``SETIAWAN`` or ``MA`` inside ``MAHMUD`` is never touched. Prefix gelar are stripped from
  the front, suffix gelar (and multi-letter prefix gelar such as ``Ir.``) from the end, and at least
  one name word always remains. A name whose last real word *is* a gelar spelling (a surname
  ``MA``) loses it: rare, and the price of reading ``AGUS MUFID SE`` correctly.
- ``R.`` / ``Rr.`` (Raden, Raden Roro) are part of the name, not gelar, and are kept.
- :func:`strip_gelar` drops apostrophes (``MA'RUF`` -> ``MARUF``): OCR prints them as ``'``, ``’``,
  a backtick or nothing, so keeping them would make one name look like two. Hyphens and dots
  become spaces.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

PREFIX_GELAR: tuple[str, ...] = (
    "Prof.", "Dr.", "dr.", "drg.", "Drs.", "Dra.", "Ir.", "H.", "Hj.", "Hi.", "K.H.", "KH.", "Ns.",
)  # fmt: skip
SUFFIX_GELAR: tuple[str, ...] = (
    "S.Pd.", "S.Pd.I", "S.Pd.SD", "S.Pd.K", "S.Pd.H", "S.Pd.B", "M.Pd.", "M.Pd.I", "S.H.", "S.H.I.", "M.H.",
    "M.Hum.", "S.Hum.", "S.E.", "S.E.Ak.", "M.M.", "M.Ak.", "S.Ak.", "MBA", "M.B.A.", "S.Sos.", "M.Sos.",
    "S.Kom.", "M.Kom.", "S.Kep.", "M.Kep.", "Ns.", "A.Md.", "Amd.", "A.Ma.", "A.Ma.Pd.", "A.Md.Keb.",
    "Amd.Keb.", "A.Md.Kep.", "Amd.Kep.", "A.Md.Kes.", "A.Md.Farm.", "A.Md.Gz.", "A.Md.AK.", "A.Md.KL.",
    "S.T.", "M.T.", "S.Si.", "M.Si.", "S.Ag.", "M.Ag.", "S.Th.I.", "S.Fil.I.", "S.Sy.", "S.Kes.", "M.Kes.",
    "SKM", "S.K.M.", "MPH", "M.P.H.", "S.IP.", "S.I.P.", "M.AP.", "M.A.P.", "S.Psi.", "M.Psi.", "S.Farm.",
    "Apt.", "S.ST.", "S.Tr.Keb.", "S.Tr.Kes.", "S.Tr.Kep.", "S.Keb.", "Bd.", "S.Gz.", "S.Ked.", "Sp.A",
    "Sp.OG", "Sp.PD", "Sp.B", "Sp.An", "Sp.M", "Sp.THT", "Sp.KK", "Sp.S", "Sp.N", "Sp.P", "Sp.Rad",
    "Sp.JP", "Sp.KJ", "Sp.PK", "Sp.PA", "Sp.U", "Sp.OT", "Sp.KFR", "S.S.", "S.Sn.", "S.P.", "M.P.",
    "S.Pt.", "S.Pi.", "S.Hut.", "S.TP.", "S.Stat.", "S.I.Kom.", "S.Kom.I", "Lc.", "MA", "M.A.", "M.Sc.",
    "B.Sc.", "B.A.", "Ph.D.", "M.Eng.", "M.Ec.Dev.", "Dipl.",
)  # fmt: skip
GELAR: tuple[str, ...] = PREFIX_GELAR + SUFFIX_GELAR
"""Academic, professional and religious titles (gelar) as commonly printed."""

HONORIFICS: tuple[str, ...] = ("Ny.", "Tn.", "Sdr.", "Sdri.")
"""Forms of address stripped like prefix gelar (``Ny. SITI AMINAH`` on a karis)."""

MATCH_THRESHOLD = 0.88
"""Why 0.88: one misread letter in a ten-letter name scores 0.90 and passes (after the OCR fold
below most such misreads score 1.0 anyway); a different name sharing the first word fails
(``AGUS MUFID`` vs ``AGUS MAHFUD`` 0.76); a name printed without one of its words passes with 0.92
(``SITI AMINAH`` vs ``SITI AMINAH NURUL``), without two words it fails (0.84)."""
MISSING_WORD_PENALTY = 0.08


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


_PREFIX_KEYS = frozenset(_key(g) for g in PREFIX_GELAR + HONORIFICS)
_SUFFIX_KEYS = frozenset(_key(g) for g in SUFFIX_GELAR) | {k for k in _PREFIX_KEYS if len(k) > 1}
_ALL_KEYS = _PREFIX_KEYS | _SUFFIX_KEYS
_APOSTROPHES = re.compile(r"['’‘`´]")
_OCR_DIGITS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "|": "I"})
_LABEL_HEAD = re.compile(
    r"^(?:\d{1,2}\s*[.)]\s*)?(?:nama(?:\s+(?:lengkap|pegawai|pns|asn|suami|isteri|istri|ayah|ibu|anak"
    r"|pemohon|kepala\s+keluarga|ahli\s+waris|jelas|yang\s+bersangkutan))*\b)?[\s:;.,=|_*•\-–—]*",
    re.IGNORECASE,
)
# What OCR leaves of the label column before a name: the colon read as a digit or a mark ("1 EKO",
# "3 ANIK", "1EKO", "? FAJAR"), a speck read as a lone small letter ("d KIYOSETYAWAN"). No name
# starts with a digit; a capitalised name does not start with a one-letter lowercase word.
_LEADING_DEBRIS = re.compile(r"^(?:[\d?!|#]{1,2}\s*(?=[A-Z])|[a-z][\d:;]?\s+(?=[A-Z]{2}))")
# A speck or stamp stroke after the name read as a lone small word or digit ("ROCHMAT WIBOWO, S.P. uk 4").
_TRAILING_DEBRIS = re.compile(r"(?:\s+(?:[a-z]{1,2}|\d))+$")
_LABEL_TAIL = re.compile(
    r"\s+(?:NIP|NIK|NRP|Tempat|Tgl|Tanggal|TTL|Jenis\s+Kelamin|Pangkat|Gol(?:ongan)?|Jabatan|Alamat"
    r"|Agama|Pekerjaan|Unit\s+Kerja|Umur|Lahir)\b.*$|\s+\S*\d{4,}.*$",
    re.IGNORECASE | re.DOTALL,
)


def _strip_edge(tokens: list[str], keys: frozenset[str], *, from_end: bool) -> list[str]:
    """Drop gelar tokens from one edge; a spaced gelar (``S. Pd. I``) spans up to 4 short tokens."""
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for k in (4, 3, 2, 1):
            part = tokens[-k:] if from_end else tokens[:k]
            if len(tokens) <= k or (k > 1 and any(len(_key(t)) > 4 for t in part)):
                continue
            if _key("".join(part)) in keys:
                tokens = tokens[:-k] if from_end else tokens[k:]
                changed = True
                break
    return tokens


def strip_gelar(name: str) -> str:
    """The bare name for comparison: no gelar, upper case, letters/digits and single spaces."""
    if not isinstance(name, str):
        return ""
    tokens = _tokens(_misread_suffix_gelar(_APOSTROPHES.sub("", name)))
    tokens = _strip_edge(tokens, _PREFIX_KEYS, from_end=False)
    tokens = _strip_edge(tokens, _SUFFIX_KEYS, from_end=True)
    return " ".join(" ".join(re.findall(r"[^\W_]+", t)) for t in tokens).upper()


# A suffix gelar as OCR may leave it: letters with dots, short ("S.Sas." for S.Sos., "$.Sax", "A.Nd.").
_GELAR_SHAPE = re.compile(r"^[A-Za-z$]{1,4}(?:\.[A-Za-z$]{0,5})+\.?$")


def _misread_suffix_gelar(name: str) -> str:
    """The name without what follows its first comma when all of that is gelar-shaped: Indonesian
    names print their suffix gelar after a comma ("PRIYO SETYAWAN, S.Sos."), and a misread one
    ("S.Sas.") is no known gelar but no name word either."""
    head, comma, tail = name.partition(",")
    chunks = [c for c in re.split(r"[\s,;]+", tail) if c]
    if comma and head.strip() and chunks and all(_GELAR_SHAPE.match(c) or _key(c) in _ALL_KEYS for c in chunks):
        return head
    return name


def _tokens(name: str) -> list[str]:
    """Words split on spaces and commas; a word that is not itself a gelar is split on its dots too.

    ``M.A.`` stays one token (so it cannot pair up as ``A`` + ``MA`` into ``A.Ma.``), while
    ``Drs.AGUS`` and ``Dra.Hj.`` fall apart into their gelar and name pieces.
    """
    tokens: list[str] = []
    for chunk in re.split(r"[\s,;]+", name):
        if _key(chunk) in _ALL_KEYS:
            tokens.append(chunk)
        else:
            tokens.extend(re.findall(r"[^\W_]+", chunk))
    return [t for t in tokens if re.search(r"[^\W_]", t)]


def _fold_ocr(name: str) -> str:
    """Undo the commonest OCR letter/digit swaps inside words, before upper-casing loses them.

    Digits inside a word become the letters they resemble; a lower-case ``l`` inside an
    upper-case word is an ``I`` (``MUFlD``). Mixed-case words keep their ``l`` (``Lestari``).
    """

    def fold(m: re.Match[str]) -> str:
        word = m.group()
        if not any(c.isalpha() for c in word):
            return word
        word = word.translate(_OCR_DIGITS)
        if sum(c.isupper() for c in word) >= 2 and sum(c.islower() for c in word) <= 1:
            word = word.replace("l", "I")
        return word

    return re.sub(r"\S+", fold, name)


def name_similarity(a: str, b: str) -> float:
    """0..1: how likely two printed names are the same person's, gelar ignored.

    The best of: token_sort_ratio (word order, letter noise), the plain ratio with spaces removed
    (``SITIAMINAH``), and token_set_ratio less 0.08 per missing word when both names have at least
    two words (a name printed without its middle or last word). One-word names get no subset
    credit: ``SITI`` would otherwise match every ``SITI ...``.
    """
    if not isinstance(a, str) or not isinstance(b, str):
        return 0.0
    x, y = strip_gelar(_fold_ocr(a)), strip_gelar(_fold_ocr(b))
    if not x or not y:
        return 0.0
    scores = [fuzz.token_sort_ratio(x, y), fuzz.ratio(x.replace(" ", ""), y.replace(" ", ""))]
    wx, wy = x.split(), y.split()
    if min(len(wx), len(wy)) >= 2:
        missing = abs(len(wx) - len(wy))
        scores.append(fuzz.token_set_ratio(x, y) - 100 * MISSING_WORD_PENALTY * missing)
    return round(min(max(max(scores) / 100, 0.0), 1.0), 4)


def names_match(a: str, b: str, threshold: float = MATCH_THRESHOLD) -> bool:
    """True when :func:`name_similarity` reaches ``threshold`` (see :data:`MATCH_THRESHOLD`)."""
    return name_similarity(a, b) >= threshold


def glyph_variant(printed: str, read: str, readings: dict[str, list[str]], stray: str, max_changes: int) -> bool:
    """True when ``read`` is ``printed`` as a worn copy makes Tesseract read it: each letter as
    itself or as one of its known misreadings (``readings``: H as II/IN/TI, R as K, T as I, ...),
    with at most ``max_changes`` such changes and stray strokes (one of ``stray`` inserted), and at
    least one. Case-blind. Unlike a similarity score this never accepts another spelling ("SALSHA"
    for SALSA, "MUHAMAD" for MUHAMMAD): dropped or swapped letters are not glyph damage."""
    a, b = printed.upper(), read.upper()
    if a == b:
        return False

    @functools.cache
    def changes(i: int, j: int) -> int:
        """Fewest changes turning a[i:] into b[j:] (more than max_changes: impossible)."""
        if i == len(a):
            return 0 if j == len(b) else (len(b) - j if all(c in stray for c in b[j:]) else max_changes + 1)
        best = changes(i + 1, j + 1) if j < len(b) and a[i] == b[j] else max_changes + 1
        for variant in readings.get(a[i], ()):
            if b.startswith(variant.upper(), j):
                best = min(best, 1 + changes(i + 1, j + len(variant)))
        if j < len(b) and b[j] in stray:
            best = min(best, 1 + changes(i, j + 1))
        return best

    return changes(0, 0) <= max_changes


# A name run on into the sentence after it ("Siti Astuti sebagai ahli waris yang sah"): a word of
# three letters or more in lower case after a capitalised word ends the name. Lower-case particles
# of names (bin, binti, van, de, al) are kept.
_RUN_ON = re.compile(r"(?<=\S)\s+(?!(?:bin|binti|van|der|de|al)\b)[a-z]{3,}\b.*$", re.DOTALL)


def _cut_run_on(text: str) -> str:
    """The name without the sentence it ran on into (_RUN_ON), when a capitalised word precedes it."""
    m = _RUN_ON.search(text)
    if m is None or not re.search(r"(?:^|\s)[A-Z]", text[: m.start()]):
        return text
    return text[: m.start()]


def clean_name_value(raw: str) -> str:
    """A name value as printed, minus OCR debris: label, leading ':', trailing punctuation.

    Gelar stay (the report shows names as printed). A trailing dot stays when it ends an
    abbreviation (``M.Si.``, an initial ``M.``), and goes after a plain word (``AGUS MUFID.``).
    Text after a following label on the same line (``NIP``, ``Tempat/Tgl Lahir`` ...) or a long
    number is cut off.
    """
    if not isinstance(raw, str):
        return ""
    text = " ".join(raw.split())
    text = _LABEL_HEAD.sub("", text, count=1)
    text = _LEADING_DEBRIS.sub("", text, count=1)
    text = _LABEL_TAIL.sub("", text)
    if re.search(r"[A-Z]{3}", text):
        text = _TRAILING_DEBRIS.sub("", text)
        text = re.sub(r",\s*[^A-Za-z\s]+$", "", text)  # a gelar read as digits ("YULI WULANDARI, 8.803.")
    text = _cut_run_on(text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = text.strip(" :;,=|_*•\"'-–—(")
    if text.endswith("."):
        last = text.rsplit(None, 1)[-1].rstrip(".")
        abbreviation = "." in last or len(last) == 1 or _key(last) in _ALL_KEYS
        if not abbreviation:
            text = text.rstrip(".").rstrip(" ,")
    return text


def is_gelar(token: str) -> bool:
    """True for a gelar or form of address as printed ("S.Sos.", "dr.", "A.Md,"), commas aside."""
    return _key(token.strip(" ,;")) in _ALL_KEYS

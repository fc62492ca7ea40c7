"""Classify a page into a document type by fuzzy keyword matching against the profiles.

Why fuzzy: OCR of photocopies garbles letters ("PENGANGKATAN" -> "PENGANGKATAM"), so exact
matching misses. rapidfuzz's ``partial_ratio`` finds a phrase inside a longer, noisy line.

Scoring per profile, every part from ``thresholds.yaml``:
- title: the best title phrase found in the page's head (first rows), 0..100, counted from
  ``title_cutoff``;
- keywords: how many body keywords are found anywhere, scaled to ``min_keywords`` and capped
  below a clear title (the share of the profile's keywords found breaks ties, by at most 0.01);
- negatives: a look-alike's phrase in the head costs ``negative_penalty``; a look-alike's wording
  anywhere on the page (``negative_body``) costs ``negative_body_penalty``.
The best profile wins; under ``unknown_below`` the page is UNKNOWN with its best guesses kept,
because an explicit UNKNOWN is better than a silent wrong class.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from classifiers.profiles import Profile, Thresholds, load_profiles, load_thresholds, normalise
from pipeline.models import Classification, PageText

UNKNOWN = "UNKNOWN"
BLANK = "BLANK"


def _found(phrases: tuple[str, ...], text: str, cutoff: float) -> list[tuple[str, float]]:
    """Phrases found in text (partial_ratio >= cutoff), with their scores."""
    if not text or not phrases:
        return []
    hits = process.extract(text, phrases, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None, processor=None)
    return [(phrase, float(score)) for phrase, score, _ in hits]


def _words_in_window(phrase: str, text: str, cutoff: Callable[[str], float]) -> bool:
    """Every word of 4+ letters of a title phrase is found in the stretch of text the phrase matched.

    partial_ratio scores a whole phrase, so one differing word among several matching ones still
    scores high: "KARTU PEGAWAI NEGERI SIPIL" matches "DAFTAR PEGAWAI NEGERI SIPIL" (a decree's
    lampiran) at 88. The word that tells the documents apart must itself be there, allowing for a
    misread letter ("KARTO", "PENGANGKATAM") or a split word ("PENGANG KATAN").
    """
    al = fuzz.partial_ratio_alignment(phrase, text, processor=None)
    if al is None:
        return False
    # The matched stretch may come out shorter than the phrase (a title over two rows: the row break
    # and a split word, "KFI LIARGA" for KELUARGA, shift it): widen it by what it lacks.
    margin = 3 + max(0, len(phrase) - (al.dest_end - al.dest_start))
    window = text[max(0, al.dest_start - margin) : al.dest_end + margin]
    return all(fuzz.partial_ratio(w, window) >= cutoff(w) for w in phrase.split() if len(w) >= 4)


def _titles_found(phrases: tuple[str, ...], head: str, t: Thresholds) -> list[tuple[str, float]]:
    # A long word keeps more of itself through two misreads ("KELAHIRAN" read "KFI AHIRAN": 67)
    # than a short one through one wrong word ("CERAI" against "MASIH": 60, "KARTU"/"DAFTAR": 44).
    def cutoff(word: str) -> float:
        return t.title_long_word_cutoff if len(word) >= 8 else t.title_word_cutoff

    return [(p, s) for p, s in _found(phrases, head, t.title_cutoff) if _words_in_window(p, head, cutoff)]


def _head_rows_found(patterns: tuple[str, ...], body: str, window: int) -> bool:
    """Whether the page's first ``window`` rows hold rows matching ``patterns`` in that order."""
    rows = [r.strip() for r in body.split("\n") if r.strip()][:window]
    i = 0
    for row in rows:
        if i < len(patterns) and re.search(patterns[i], row):
            i += 1
    return i == len(patterns)


def score_profile(profile: Profile, head: str, body: str, t: Thresholds) -> tuple[float, list[str], bool]:
    """Score one profile on a page; returns (score, reasons, title_hit)."""
    reasons: list[str] = []
    titles = _titles_found(profile.titles, head, t)
    # Longer title phrases are more specific: prefer them when several match equally well.
    title_score, title_hit = 0.0, False
    if titles:
        phrase, s = max(titles, key=lambda ps: (ps[1], len(ps[0])))
        title_score = s + min(len(phrase), 60) / 20.0
        title_hit = True
        reasons.append(f"judul '{phrase}' {s:.0f}")
    if not title_hit and profile.head_rows and _head_rows_found(profile.head_rows, body, t.head_rows_window):
        title_score, title_hit = t.head_rows_score, True
        reasons.append("tata letak kepala halaman")
    kws = _found(profile.keywords, body, t.keyword_cutoff)
    kw_score = t.keyword_score_cap * min(1.0, len(kws) / max(profile.min_keywords, 1))
    if kws:
        reasons.append(f"{len(kws)} kata kunci ({', '.join(k for k, _ in kws[:4])})")
    # Past four keywords the score is saturated; between two saturated profiles (a peninjauan masa
    # kerja decree without its title against a KGB: both read "gaji pokok lama/baru", "masa kerja
    # golongan", "terhitung mulai tanggal") the one whose keywords the page covers more wins.
    coverage = len(kws) / max(len(profile.keywords), 1)
    score = max(title_score, kw_score) + 2.0 * min(len(kws), 4) + 0.01 * coverage
    negs = _found(profile.negative, head, t.negative_cutoff)
    if negs:
        score -= t.negative_penalty
        reasons.append(f"kata pembeda '{negs[0][0]}'")
    body_negs = _found(profile.negative_body, body, t.negative_cutoff)
    if body_negs:
        score -= t.negative_body_penalty
        reasons.append(f"kata pembeda '{body_negs[0][0]}'")
    return score, reasons, title_hit


def _is_title_like(line: str) -> bool:
    """Decree and form titles are printed in capitals; body sentences are not."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.7


def _capital_lead(line: str) -> str | None:
    """The words in capitals, of 4+ letters each, a line starts with; None where it starts otherwise."""
    lead = []
    for word in line.split():
        if not _is_title_like(word) or word != word.upper():
            break
        lead.append(word)
    return " ".join(lead) if lead else None


# "Hal : Usul Pensiun ...", also behind a speck (". Hal : ...") or with its label column lost to the
# letter's two-column header (": Usul Pensiun Janda/Duda a.n. ... Kabupaten Kebumen"), its colon
# read as "1" or "|" ("1 Usul Pensiun Janda/Duda a.n. Wiwik"; a numbered row has its dot, "1. Nama").
SUBJECT_LINE = re.compile(
    r"^\W{0,3}?(?:(?:hal|perihal|prihal)\b\s*[:;.]?\s*(?P<subject>.+)|[:;]\s*(?P<unlabelled>[A-Za-z].+)"
    r"|(?-i:[1l|])\s+(?P<misread>(?-i:[A-Z][a-z]+ [A-Z][a-z]+).+))$",
    re.IGNORECASE,
)


def page_head_and_body(text: PageText, head_lines: int) -> tuple[str, str]:
    """(head, body): head = the capitalised lines among the first rows, where titles stand, a
    letter's subject line ("Hal : Usul Pensiun Janda/Duda"), which is a letter's title, and the
    capitals a row starts with where the rest of it is not (a card's big "NPWP" shares its row with
    the ministry's small header, which a blurred copy reads as junk: "NPWP Kenenyananyan-")."""
    raw = [line for line in text.line_texts() if line.strip()]
    head = []
    for line in raw[:head_lines]:
        subject = SUBJECT_LINE.match(line)
        if subject:
            head.append(normalise(subject.group("subject") or subject.group("unlabelled") or subject.group("misread")))
        elif _is_title_like(line):
            head.append(normalise(line))
        elif (lead := _capital_lead(line)) is not None:
            head.append(normalise(lead))
    body = [normalise(line) for line in raw]
    return " \n".join(head), " \n".join(body)


def classify_text(text: PageText, thresholds: Thresholds | None = None) -> Classification:
    """Classify a page from its words."""
    t = thresholds or load_thresholds()
    head, body = page_head_and_body(text, t.head_lines)
    letters = sum(ch.isalpha() for ch in body)
    if letters < t.min_letters_for_text:
        return Classification(UNKNOWN, 0.0, [f"hanya {letters} huruf terbaca"])
    scored = []
    for profile in load_profiles():
        score, reasons, title_hit = score_profile(profile, head, body, t)
        scored.append((score, profile.doc_type, reasons, title_hit))
    scored.sort(key=lambda s: s[0], reverse=True)
    best, second = scored[0], scored[1] if len(scored) > 1 else (0.0, "", [], False)
    candidates = [(doc_type, round(min(score, 100.0) / 100.0, 3)) for score, doc_type, _, _ in scored[:3]]
    confidence = _confidence(best[0], second[0])
    if best[0] < t.unknown_below:
        return Classification(UNKNOWN, confidence, best[2], False, candidates)
    return Classification(best[1], confidence, best[2], best[3], candidates)


def _confidence(best: float, second: float) -> float:
    """0..1 from the winning score and its margin over the runner-up."""
    strength = max(0.0, min(best, 100.0)) / 100.0
    margin = max(0.0, best - second)
    return round(strength * min(1.0, 0.6 + margin / 50.0), 3)

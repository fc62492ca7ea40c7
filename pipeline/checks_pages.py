"""Page rules: pages a verifier must look at, and pages scanned twice.

- LOW_CONFIDENCE_PAGE: unreadable, unclassified, unsure or badly read pages;
- DUPLICATE_PAGE: the same page twice in a bundle: the same pixels, or (a second scan of the
  same sheet) nearly the same text.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline import lostlines
from pipeline.findings import finding, rules
from pipeline.models import Evidence, Finding, PageResult

NO_TEXT_TYPES = ("BLANK", "PAS_FOTO")
# The rule ids of the two kinds of LOW_CONFIDENCE_PAGE. The contract's PERLU_VERIFIKASI covers
# "pages the pipeline could not classify with confidence": a page unread, unclassified or classified
# unsurely. A page classified with confidence whose OCR reads poorly is shown as a warning, but
# does not by itself hold the dossier back: the values read from it carry their own certainty, and
# a finding resting on one of them is 'unsure' (which does).
UNCLASSIFIED_PAGE_RULE = "crosscheck.yaml low_confidence.page_classifier_below"
POOR_OCR_RULE = "crosscheck.yaml low_confidence.page_ocr_below"


def check_pages(pages: list[PageResult]) -> list[Finding]:
    low = rules()["low_confidence"]
    findings = []
    for p in pages:
        c = p.classification
        reason, rule = None, UNCLASSIFIED_PAGE_RULE
        if p.error:
            reason = f"tidak terbaca ({p.error})"
        elif c.doc_type == "UNKNOWN":
            guesses = ", ".join(f"{t} {s:.2f}" for t, s in c.candidates[:2])
            reason = f"jenis dokumen tidak dikenali (tebakan: {guesses or '-'})"
        elif c.by_layout:
            # typed by the pages it looks like (pipeline/layout.py): its reasons name them
            ocr = f"keyakinan OCR {p.text.ocr_confidence:.0f}" if p.text.ocr_confidence is not None else "tanpa OCR"
            reason = f"tidak terbaca ({ocr}); jenis {c.doc_type} hanya ditebak dari {'; '.join(c.reasons)}"
        elif c.doc_type != "BLANK" and c.confidence < low["page_classifier_below"]:
            reason = f"klasifikasi {c.doc_type} kurang yakin ({c.confidence:.2f})"
        elif (
            c.doc_type not in NO_TEXT_TYPES
            and p.text.ocr_confidence is not None
            and p.text.ocr_confidence < low["page_ocr_below"]
        ):
            reason, rule = f"hasil OCR buruk (keyakinan {p.text.ocr_confidence:.0f})", POOR_OCR_RULE
        if reason:
            findings.append(
                finding(
                    "LOW_CONFIDENCE_PAGE",
                    f"Halaman {p.ref.index} perlu dicek manual: {reason}.",
                    [Evidence(None, p.ref.index, "page", p.ref.source)],
                    rule,
                )
            )
    return findings


class Sheet(NamedTuple):
    """A page's reading as :func:`same_sheet` compares it (see :func:`sheet_reading`)."""

    as_read: str  # the normalised text as read
    sure_text: str  # ... of the words the first reading read surely
    sure_words: list[str]  # the words read at duplicate_page.sure_word or surer (3 letters or more)
    words: set[str]  # every word read


def same_sheet(a: PageResult, b: PageResult, sheets: dict[int, Sheet] | None = None) -> bool:
    """The same sheet scanned twice: the same pixels, or nearly the same text (a second scan reads
    a little differently) in either of two readings of it, or a text alike whose surely read words
    the other scan reads too. ``sheets``: the pages' readings, when the caller has them.

    A second scan of a sheet degraded otherwise reads its unsure words otherwise (seed 49333: a KK
    and an SKP read twice, 94.8 and 95.6 % alike, under the 97 % asked), but two sheets of one form
    read alike too (a dossier's two akta kelahiran, 90-94 %). What tells them apart is the words
    each scan reads surely: a sheet scanned again reads them again, while the other akta prints
    another child, date and number, read as surely. Over the same-type page pairs 85 % alike or more
    of eight seeds' page readings (35671-49333), the 20 planted duplicates had 0-1.3 % of their
    surely read words missing from the other scan's reading, every other pair 7 % or more."""
    if a.sha256 and a.sha256 == b.sha256:
        return True
    spec = rules()["duplicate_page"]
    sa = sheets[a.ref.index] if sheets else sheet_reading(a)
    sb = sheets[b.ref.index] if sheets else sheet_reading(b)
    ratios = [
        fuzz.ratio(x, y)
        for x, y in ((sa.as_read, sb.as_read), (sa.sure_text, sb.sure_text))
        if min(len(x), len(y)) >= spec["min_chars"]
    ]
    if any(r >= spec["min_ratio"] for r in ratios):
        return True
    return max(ratios, default=0.0) >= spec["alike_ratio"] and sure_words_missing(sa, sb) <= spec["max_sure_missing"]


def sure_words_missing(a: Sheet, b: Sheet) -> float:
    """The share of the words either page reads surely that the other page's reading lacks."""
    sure = len(a.sure_words) + len(b.sure_words)
    missing = sum(w not in b.words for w in a.sure_words) + sum(w not in a.words for w in b.sure_words)
    return missing / sure if sure else 1.0


def sheet_reading(page: PageResult) -> Sheet:
    """The page's reading for :func:`same_sheet`: its normalised text as read, that of the words its
    first reading read surely, and its words.

    What differs from scan to scan differs two ways. Lines read back from what the first reading
    lost (Word.recovered: stamp text, a lost table cell) may replace unsure words in one scan and not
    in the other: a generated dossier's planted duplicate SKP page read 98.3 % alike before lines
    were read back, 95.9 % after, under the 97 % asked; 97.8 % on the sure words of the first
    reading. But a word read at 39 in one scan and at 41 in the other falls out of one sure text only:
    seed 45007's three planted duplicates (a pengantar, a surat nikah, an akta) read 97.7-98.1 %
    alike as read and 87.4-96.6 % on the sure words. Either text nearly the same is the same sheet."""
    first = [w for w in page.text.words if not w.recovered]
    kept = [w for w in first if w.conf >= lostlines.SURE_WORD]
    sure_word = rules()["duplicate_page"]["sure_word"]
    sure = [normalise(w.text) for w in first if w.conf >= sure_word]
    return Sheet(
        normalise(page.text.text),
        normalise(dataclasses.replace(page.text, words=kept).text),
        [w for w in sure if len(w) >= 3],
        {normalise(w.text) for w in page.text.words},
    )


def check_duplicates(pages: list[PageResult]) -> list[Finding]:
    sheets = {p.ref.index: sheet_reading(p) for p in pages}
    findings, seen = [], set()
    for i, a in enumerate(pages):
        if a.ref.index in seen or a.classification.doc_type in NO_TEXT_TYPES:
            continue
        for b in pages[i + 1 :]:
            if b.ref.index in seen or b.classification.doc_type != a.classification.doc_type:
                continue
            if same_sheet(a, b, sheets):
                seen.add(b.ref.index)
                findings.append(
                    finding(
                        "DUPLICATE_PAGE",
                        f"Halaman {b.ref.index} sama dengan halaman {a.ref.index} ({a.classification.doc_type}).",
                        [
                            Evidence(None, a.ref.index, "page", a.ref.source),
                            Evidence(None, b.ref.index, "page", b.ref.source),
                        ],
                    )
                )
    return findings

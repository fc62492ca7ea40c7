"""Page rules: pages a verifier must look at, and pages scanned twice.

- LOW_CONFIDENCE_PAGE: unreadable, unclassified, unsure or badly read pages;
- DUPLICATE_PAGE: the same page twice in a bundle: the same pixels, or (a second scan of the
  same sheet) nearly the same text.
"""

from __future__ import annotations

import dataclasses

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


def same_sheet(a: PageResult, b: PageResult, texts: dict[int, tuple[str, ...]] | None = None) -> bool:
    """The same sheet scanned twice: the same pixels, or nearly the same text (a second scan reads
    a little differently) in either of two readings of it (:func:`sheet_texts`). ``texts``: the
    pages' readings, when the caller has them."""
    if a.sha256 and a.sha256 == b.sha256:
        return True
    spec = rules()["duplicate_page"]
    ta = texts[a.ref.index] if texts else sheet_texts(a)
    tb = texts[b.ref.index] if texts else sheet_texts(b)
    return any(
        min(len(x), len(y)) >= spec["min_chars"] and fuzz.ratio(x, y) >= spec["min_ratio"]
        for x, y in zip(ta, tb, strict=True)
    )


def sheet_texts(page: PageResult) -> tuple[str, str]:
    """The page's normalised text as read, and that of the words its first reading read surely.

    What differs from scan to scan differs two ways. Lines read back from what the first reading
    lost (Word.recovered: stamp text, a lost table cell) may replace unsure words in one scan and not
    in the other: a generated dossier's planted duplicate SKP page read 98.3 % alike before lines
    were read back, 95.9 % after, under the 97 % asked; 97.8 % on the sure words of the first
    reading. But a word read at 39 in one scan and 41 in the other falls out of one sure text only:
    seed 45007's three planted duplicates (a pengantar, a surat nikah, an akta) read 97.7-98.1 %
    alike as read and 87.4-96.6 % on the sure words. Either text nearly the same is the same sheet."""
    kept = [w for w in page.text.words if not w.recovered and w.conf >= lostlines.SURE_WORD]
    return normalise(page.text.text), normalise(dataclasses.replace(page.text, words=kept).text)


def check_duplicates(pages: list[PageResult]) -> list[Finding]:
    texts = {p.ref.index: sheet_texts(p) for p in pages}
    findings, seen = [], set()
    for i, a in enumerate(pages):
        if a.ref.index in seen or a.classification.doc_type in NO_TEXT_TYPES:
            continue
        for b in pages[i + 1 :]:
            if b.ref.index in seen or b.classification.doc_type != a.classification.doc_type:
                continue
            if same_sheet(a, b, texts):
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

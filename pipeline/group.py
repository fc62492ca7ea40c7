"""Group consecutive pages into documents.

A page whose title matched starts a new document. A page without a title continues the
document before it when (rules in ``classifiers/grouping.yaml``) it was classified as the same
type and that type may run over pages (or it is a second scan of the same sheet), or it is
unclassified but carries the closing parts of a multi-page decree (diktum KEDUA, "Ditetapkan
di", tembusan), or it reads as nothing right after a decree that has not closed yet ("Ditetapkan
di" on none of its pages). Continuation pages take the document's type.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz, process

from classifiers.classifier import BLANK, UNKNOWN, page_head_and_body
from classifiers.profiles import load_grouping, load_profiles, normalise
from pipeline.checks_pages import same_sheet
from pipeline.layout import unreadable
from pipeline.models import Classification, Document, PageResult
from pipeline.nip import find_nips

# Page types decided from the image in pipeline/page.py (no ink, too few letters, photo regions).
IMAGE_DECIDED = (BLANK, "PAS_FOTO")


def _has_markers(page: PageResult, markers: list[str], min_hits: int) -> bool:
    rules = load_grouping()
    top = page.text.line_texts()[: int(rules["page_number_rows"])]
    if any(re.search(rules["page_number_pattern"], row, re.I) for row in top):
        return True
    return _phrase_hits(page, markers) >= min_hits


def _phrase_hits(page: PageResult, phrases: list[str]) -> int:
    """How many of ``phrases`` the page's text holds (grouping.yaml ``marker_cutoff``)."""
    _, body = page_head_and_body(page.text, 0)
    if not body:
        return 0
    cutoff = float(load_grouping()["marker_cutoff"])
    return len(process.extract(body, phrases, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None))


def _signature_only(page: PageResult) -> bool:
    """Little text but a NIP: the signature block of the document before it, pushed onto a page of
    its own ("Untuk petikan yang sah, KEPALA BKPSDM ..., <name>, Pembina Utama Muda, NIP ...") and
    read so faintly that its markers are lost."""
    text = page.text.text
    letters = sum(ch.isalpha() for ch in text)
    return letters <= int(load_grouping()["signature_page_max_letters"]) and bool(find_nips(text))


def _is_lampiran(page: PageResult) -> bool:
    """The page is headed as the lampiran of a decree ("LAMPIRAN KEPUTUSAN BUPATI ...")."""
    rules = load_grouping()
    top = " \n".join(normalise(row) for row in page.text.line_texts()[: int(rules["lampiran_rows"])])
    hits = process.extract(
        top, rules["lampiran_markers"], scorer=fuzz.partial_ratio, score_cutoff=float(rules["marker_cutoff"]), limit=1
    )
    return bool(hits)


def _opens_decree(page: PageResult) -> bool:
    """The page is a decree's first page: "TENTANG" on a row of its own in its header."""
    rules = load_grouping()
    rows = page.text.line_texts()[: int(rules["decree_opening_rows"])]
    want, cutoff = str(rules["decree_opening_row"]), float(rules["decree_opening_ratio"])
    return any(fuzz.ratio(normalise(row), want) >= cutoff for row in rows)


def _open_decree(document: Document, pages: list[PageResult]) -> bool:
    """A decree none of whose pages so far holds its closing ("Ditetapkan di"): it goes on."""
    rules = load_grouping()
    if document.doc_type not in rules["decree_types"]:
        return False
    mine = [p for p in pages if p.ref.index in document.pages]
    return not any(_phrase_hits(p, rules["decree_closing"]) for p in mine)


def _surely_other(c: Classification) -> bool:
    """The page's own keywords make it another type so surely that it opens a document of its own
    although its title was lost ("SURAT PEMBERITAHUAN KENAIKAN GAN BERKALA": a kenaikan gaji
    berkala letter after an SK kenaikan pangkat, whose tembusan would otherwise join it to the SK).
    A decree's next page read as some other type rests on a keyword or two (grouping.yaml
    ``own_keywords_confidence``)."""
    return c.doc_type not in (UNKNOWN, BLANK) and c.confidence >= float(load_grouping()["own_keywords_confidence"])


def group_pages(pages: list[PageResult]) -> tuple[list[Document], list[PageResult]]:
    """Documents in page order, and the pages with continuation types filled in."""
    rules = load_grouping()
    multi_page = {p.doc_type for p in load_profiles() if p.multi_page}
    joins_same_type = {p.doc_type for p in load_profiles() if p.joins_same_type}
    documents: list[Document] = []
    out: list[PageResult] = []
    for page in pages:
        c = page.classification
        prev = documents[-1] if documents else None
        joins = False
        if prev is not None and page.error is None and prev.doc_type in rules["lampiran_of"] and _is_lampiran(page):
            joins = True
        elif prev is not None and page.error is None and c.doc_type == prev.doc_type in joins_same_type:
            joins = True  # noqa: SIM114 (a different reason to join)
        elif prev is not None and page.error is None and c.doc_type in IMAGE_DECIDED and prev.doc_type in multi_page:
            # Decided from the image, not the words: a faint closing page with a line or two read
            # ("2. Arsip.") counts as blank, a signature page's round stamp as a pas foto. Its
            # markers still tell (a truly blank page or a photo sheet has none).
            joins = bool(page.text.words) and _has_markers(
                page, rules["continuation_markers"], rules["min_marker_hits"]
            )
        elif prev is not None and not c.title_hit and page.error is None:
            if c.doc_type == BLANK:
                joins = prev.doc_type == BLANK
            elif c.doc_type == prev.doc_type and rules["same_type_without_title_continues"]:
                # A one-page document (akta, KTP, surat keterangan) is not continued by another
                # page of its type whose title OCR lost: that is the next child's akta. Only its
                # second scan joins it (reported as DUPLICATE_PAGE).
                joins = prev.doc_type != UNKNOWN and (prev.doc_type in multi_page or same_sheet(out[-1], page))
            elif prev.doc_type in multi_page and not _opens_decree(page) and not _surely_other(c):
                # An untitled page after a multi-page document, read by keywords alone as some
                # other type, is usually its next page: the closing diktum, signature, tembusan.
                joins = (
                    _has_markers(page, rules["continuation_markers"], rules["min_marker_hits"])
                    or (c.doc_type == UNKNOWN and _signature_only(page))
                    or (unreadable(page) and _open_decree(prev, out))
                )
        if joins and prev is not None:
            reasons = [*c.reasons, f"lanjutan {prev.doc_type} ({prev.id})"]
            confidence = max(c.confidence, float(rules["continuation_confidence"]))
            c = replace(c, doc_type=prev.doc_type, confidence=confidence, reasons=reasons)
            page = replace(page, classification=c)
            prev.pages.append(page.ref.index)
        else:
            documents.append(Document(id=f"d{len(documents) + 1}", doc_type=c.doc_type, pages=[page.ref.index]))
        out.append(page)
    return documents, out

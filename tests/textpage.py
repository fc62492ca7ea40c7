"""Build a PageText from plain lines, for unit tests of the pure parsing stages (no OCR)."""

from __future__ import annotations

from pathlib import Path

from pipeline.models import Classification, PageRef, PageResult, PageText, Word


def page_text(lines: list[str], conf: float = 95.0) -> PageText:
    words = []
    for row, line in enumerate(lines):
        x = 100
        for token in line.split():
            w = 18 * len(token)
            words.append(Word(token, conf, (x, 100 + 50 * row, x + w, 140 + 50 * row), row))
            x += w + 18
    return PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=conf)


def page_result(
    index: int, lines: list[str], doc_type: str = "UNKNOWN", title_hit: bool = True, confidence: float = 0.9
) -> PageResult:
    ref = PageRef("b", index, Path("/x/b.pdf"), "b.pdf", index, "pdf")
    return PageResult(
        ref=ref, text=page_text(lines), classification=Classification(doc_type, confidence, [], title_hit)
    )

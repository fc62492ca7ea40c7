"""A page's words as one searchable string that remembers where every character came from.

Extractors work on text (regexes, label matching), but the report must say where on the page a
value was found. ``TextIndex`` joins the page's visual rows with newlines and keeps, for every
word, its character span, so any match in the string maps back to word boxes and confidences.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import BBox, PageText, Word


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class TextIndex:
    def __init__(self, text: PageText, page: int) -> None:
        self.page = page
        self.words: list[Word] = []
        self.spans: list[Span] = []
        self.rows: list[Span] = []
        parts: list[str] = []
        pos = 0
        for row in text.lines():
            row_start = pos
            for i, word in enumerate(row):
                if i:
                    parts.append(" ")
                    pos += 1
                self.words.append(word)
                self.spans.append(Span(pos, pos + len(word.text)))
                parts.append(word.text)
                pos += len(word.text)
            self.rows.append(Span(row_start, pos))
            parts.append("\n")
            pos += 1
        self.text = "".join(parts)

    def row_texts(self) -> list[tuple[Span, str]]:
        return [(r, self.text[r.start : r.end]) for r in self.rows]

    def _words_in(self, start: int, end: int) -> list[Word]:
        return [w for w, s in zip(self.words, self.spans, strict=True) if s.start < end and s.end > start]

    def bbox(self, start: int, end: int) -> BBox | None:
        words = self._words_in(start, end)
        if not words:
            return None
        return (
            min(w.bbox[0] for w in words),
            min(w.bbox[1] for w in words),
            max(w.bbox[2] for w in words),
            max(w.bbox[3] for w in words),
        )

    def confidence(self, start: int, end: int) -> float:
        """Mean word confidence of the span, 0..1."""
        words = self._words_in(start, end)
        if not words:
            return 0.0
        return sum(w.conf for w in words) / len(words) / 100.0

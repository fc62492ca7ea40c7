"""A page's words as one searchable string that remembers where every character came from.

Extractors work on text (regexes, label matching), but the report must say where on the page a
value was found. ``TextIndex`` joins the page's visual rows with newlines and keeps, for every
word, its character span, so any match in the string maps back to word boxes and confidences.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from pipeline.models import BBox, FieldValue, PageText, Word


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class TextIndex:
    def __init__(self, text: PageText, page: int) -> None:
        self.page = page
        self.height = text.height
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
        # Word spans are in text order and do not overlap: the words of a span are found by
        # bisection (extraction asks for boxes and confidences of hundreds of spans a page).
        self._starts = [s.start for s in self.spans]
        self._ends = [s.end for s in self.spans]

    def row_texts(self) -> list[tuple[Span, str]]:
        return [(r, self.text[r.start : r.end]) for r in self.rows]

    def word_range(self, start: int, end: int) -> range:
        """Indices of the words overlapping the text span [start, end)."""
        return range(bisect.bisect_right(self._ends, start), bisect.bisect_left(self._starts, end))

    def _words_in(self, start: int, end: int) -> list[Word]:
        return [self.words[i] for i in self.word_range(start, end)]

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

    def first_gap(self, start: int, end: int, factor: float = 2.5) -> int | None:
        """Offset of the first word after a wide horizontal gap in the span, if any.

        Forms align their values in a column ("Jenis Kelamin        : Laki-laki"); Tesseract
        often drops or misreads the lone colon, but the gap is always there.
        """
        pairs = [(self.words[i], self.spans[i]) for i in self.word_range(start, end)]
        for (a, _), (b, sb) in zip(pairs, pairs[1:], strict=False):
            height = max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1], 1)
            if b.bbox[0] - a.bbox[2] > factor * height:
                return sb.start
        return None

    def gap_end(self, start: int, end: int, factor: float = 2.5) -> int:
        """End of the span cut at the first wide horizontal gap: a value ends where the next
        column starts ("Nomor : 882/319/2023        Kepada Yth.")."""
        gap = self.first_gap(start, end, factor)
        return max(start, gap - 1) if gap is not None else end

    def field_value(self, start: int, end: int, value: Any, certainty: float = 1.0) -> FieldValue:
        """A value read from the text span [start, end): on this page, its box, and the span's
        word confidence times ``certainty`` (lowered where the value was placed, not labelled)."""
        words = self._words_in(start, end)
        # a number read from one word keeps the other readings its glyphs allow, as long as they
        # are readings of the value (the value is the word's digits, not a part of them)
        one = words[0] if len(words) == 1 else None
        choices = tuple(c for c in one.choices if len(c) == len(str(value))) if one is not None else ()
        # shapes only of the digits the glyphs were compared as, not of a value made of them
        groups = one.glyph_groups if one is not None and one.text.strip(":;.,") == str(value) else ()
        return FieldValue(
            value, self.page, self.confidence(start, end) * certainty, self.bbox(start, end), choices, groups
        )

    def confidence(self, start: int, end: int) -> float:
        """Mean word confidence of the span, 0..1."""
        words = self._words_in(start, end)
        if not words:
            return 0.0
        return sum(w.conf for w in words) / len(words) / 100.0

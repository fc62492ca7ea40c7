"""How well glyph grouping (pipeline/glyphs.py ``_groups``) tells an e-KTP NIK's digits apart.

Prints figures, asserts nothing. For every KTP page of the given generated corpora (their truth
names the printed NIK), the page is read as the pipeline reads it and the NIK word's glyph shapes
are kept where they count one per digit. Three groupings are compared: complete linkage at
SAME_GLYPH only, single linkage (any one correlation at SAME_GLYPH joins), and the pipeline's
(complete linkage, then a glyph left alone joins the group it correlates with on average at
SAME_GLYPH). For each: groups holding two printed digits (a grouping error agreement would spread),
same-digit groups left apart, and NIKs read right by agreement alone (:func:`glyphs.agree`).

    .venv/bin/python bench/glyph_groups.py /tmp/seed16233 /tmp/seed17683 ...
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import glyphs, ingest  # noqa: E402
from pipeline import page as page_step  # noqa: E402
from pipeline.settings import load_settings  # noqa: E402

Sample = tuple[str, str, list[np.ndarray]]  # printed NIK, the page's reading, glyph shapes


def collect(corpora: list[Path]) -> list[Sample]:
    """The countable NIK words of every KTP page of ``corpora``."""
    settings = load_settings()
    found: list[Sample] = []
    seen: list[tuple[str, list[np.ndarray]]] = []
    agree_runs = glyphs.agree_digit_runs

    def spy(image, words, *args, **kwargs):  # the words as read, before agreement changes them
        for run in glyphs._number_runs(words):
            if len(run) == 1:
                word = words[run[0]]
                seen.append((word.text.strip(glyphs.TRIM), glyphs.glyph_shapes(image, word.bbox)))
        return agree_runs(image, words, *args, **kwargs)

    page_step.glyphs.agree_digit_runs = spy
    try:
        for corpus in corpora:
            for bundle in ingest.discover([corpus / "samples"]).bundles:
                truth_file = corpus / "truth" / f"{bundle.bundle_id}.json"
                if not truth_file.exists():
                    continue
                bundle = ingest.list_pages(bundle, settings)
                for doc in json.loads(truth_file.read_text())["documents"]:
                    printed = doc["fields"].get("nik")
                    if doc["doc_type"] != "KTP" or not printed:
                        continue
                    for number in doc["pages"]:
                        seen.clear()
                        page_step.process_page(bundle.pages[number - 1], settings)
                        found += [
                            (printed, core, shapes) for core, shapes in seen if len(core) == len(printed) == len(shapes)
                        ]
    finally:
        page_step.glyphs.agree_digit_runs = agree_runs
    return found


def complete(shapes: list[np.ndarray]) -> list[list[int]]:
    sim = glyphs.similarities(shapes)
    groups: list[list[int]] = []
    for i in range(len(shapes)):
        home = next((g for g in groups if all(sim[i, j] >= glyphs.SAME_GLYPH for j in g)), None)
        groups.append([i]) if home is None else home.append(i)
    return groups


def single(shapes: list[np.ndarray]) -> list[list[int]]:
    sim = glyphs.similarities(shapes)
    parent = list(range(len(shapes)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(shapes)):
        for j in range(i + 1, len(shapes)):
            if sim[i, j] >= glyphs.SAME_GLYPH:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(shapes)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def score(samples: list[Sample], grouping: Callable[[list[np.ndarray]], list[list[int]]]) -> dict[str, int]:
    mixed = apart = right = 0
    for printed, read, shapes in samples:
        groups = grouping(shapes)
        mixed += sum(len({printed[i] for i in g}) > 1 for g in groups)
        heads = [printed[g[0]] for g in groups]
        apart += len(heads) - len(set(heads))
        right += glyphs.agree(list(read), groups) == printed
    return {"groups holding two digits": mixed, "same-digit groups apart": apart, "right after agreement": right}


def main() -> None:
    samples = collect([Path(arg) for arg in sys.argv[1:]])
    print(f"{len(samples)} countable KTP NIKs; {sum(p == r for p, r, _ in samples)} read right by the page")
    for name, grouping in (("complete linkage", complete), ("single linkage", single), ("pipeline", glyphs._groups)):
        print(f"{name:17s}", score(samples, grouping))


if __name__ == "__main__":
    main()

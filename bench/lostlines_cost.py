"""What reading back lost lines (pipeline/lostlines.py) costs and finds on a corpus's pages.

Prints figures, asserts nothing. Reads a random sample of the corpus's pages in one process and
one thread (OMP_THREAD_LIMIT=1, as a worker does) with ``pipeline.page.process_page``, timing the
lost-line step inside it, and lists the words it added per page.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/lostlines_cost.py /tmp/seed41231 80
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import ingest, lostlines  # noqa: E402
from pipeline import page as page_step  # noqa: E402
from pipeline.settings import load_settings  # noqa: E402


def main() -> None:
    corpus, count = Path(sys.argv[1]), int(sys.argv[2])
    settings = load_settings()
    refs = [r for b in ingest.discover([corpus / "samples"]).bundles for r in ingest.list_pages(b, settings).pages]
    refs = random.Random(1).sample(refs, min(count, len(refs)))
    spent, added = 0.0, []
    read_lost_lines = lostlines.read_lost_lines

    def timed(image, text, read):
        nonlocal spent
        start = time.perf_counter()
        out = read_lost_lines(image, text, read)
        spent += time.perf_counter() - start
        added.append(" ".join(w.text for w in out.words if w not in text.words))
        return out

    page_step.lostlines.read_lost_lines = timed
    start = time.perf_counter()
    try:
        for ref in refs:
            page_step.process_page(ref, settings)
    finally:
        page_step.lostlines.read_lost_lines = read_lost_lines
    total = time.perf_counter() - start
    found = [a for a in added if a]
    print(
        f"{len(refs)} pages in {total:.1f} s; lost lines {spent:.1f} s ({100 * spent / total:.1f} %), "
        f"words added on {len(found)} pages ({sum(len(a.split()) for a in found)} words)"
    )
    for words in found:
        print("  +", words[:150])


if __name__ == "__main__":
    main()

"""Pages go to Prefect in groups: the same groups on every run, so the group cache keys match."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.caching import page_cache_key
from flows.intake import PAGES_PER_TASK, page_groups
from pipeline.models import PageRef
from pipeline.settings import load_settings


def refs(path: Path, n: int) -> list[PageRef]:
    return [PageRef("b", i + 1, path, path.name, i + 1, "pdf") for i in range(n)]


@pytest.mark.parametrize(
    ("pages", "sizes"),
    [(0, []), (1, [1]), (4, [4]), (5, [4, 1]), (18, [4, 4, 4, 4, 2])],
)
def test_groups_cover_every_page_once_in_order(tmp_path, pages, sizes):
    assert PAGES_PER_TASK == 4
    groups = page_groups(refs(tmp_path, pages))
    assert [len(g) for g in groups] == sizes
    assert [r.index for g in groups for r in g] == list(range(1, pages + 1))


def test_group_cache_key_is_stable_and_names_its_pages(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really")
    settings = load_settings()

    def key(group: list[PageRef]) -> str:
        return page_cache_key(None, {"refs": group, "settings": settings, "preview_dir": tmp_path / "pages"})  # type: ignore[arg-type]

    first, second = page_groups(refs(pdf, 8))
    assert key(first) == key(page_groups(refs(pdf, 8))[0])
    assert key(first) != key(second)
    before = key(first)
    pdf.write_bytes(b"%PDF-1.4 other, longer bytes")  # the file changed: its pages are read again
    assert key(first) != before

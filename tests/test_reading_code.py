"""pagecache.READING_CODE names every module the reading stage runs.

A cached page reading is reused while READING_CODE's files are unchanged; a module page.py reaches
that the list leaves out would let a reading made by old code stand after a fix (the datewords
re-read depends on pipeline/dates.py, which the list once missed).
"""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.pagecache import CLASSIFIER_CODE, READING_CODE

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "classifiers")
# Keyed otherwise: every setting's value is part of the page key (pagecache.page_key_parts), and
# the classifier is applied again to a cached reading (pagecache.reclassify).
KEYED_OTHERWISE = {"pipeline/settings.py", *CLASSIFIER_CODE}


def imported(path: Path) -> set[str]:
    """The project modules ``path`` imports, as paths from the repository root."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
            names = [f"{node.module}.{a.name}" for a in node.names] if node.module in PACKAGES else [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] in PACKAGES]
        else:
            continue
        found |= {n.replace(".", "/") + ".py" for n in names if (ROOT / (n.replace(".", "/") + ".py")).is_file()}
    return found


def test_reading_code_covers_what_the_reading_stage_imports():
    reached: set[str] = set()
    todo = ["pipeline/page.py"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo += imported(ROOT / module)
    assert reached - KEYED_OTHERWISE <= set(READING_CODE)
    assert all((ROOT / p).is_file() for p in READING_CODE)

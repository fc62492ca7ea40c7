"""Export every finding of a batch as CSV, for the verifiers' spreadsheet and the agency's tracking sheet.

One row per finding, so a sheet can be filtered by code or severity and counted. Finding messages
and evidence values quote OCR'd text from someone else's scan, and a spreadsheet runs a cell that
starts with ``=`` (or ``+ - @``, or a tab/CR that some importers strip) as a formula —
``=HYPERLINK(...)`` exfiltrates the row on a click. So every such cell gets a leading apostrophe,
which spreadsheets show as text; the csv module does RFC 4180 quoting of commas, quotes, newlines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pipeline.report import write_atomic
from pipeline.report_html import _dicts, _text

HEADER = ["bundle_id", "status", "case_type", "code", "severity", "message", "document", "page", "field", "value"]
EVIDENCE_KEYS = ["document", "page", "field", "value"]
JOIN = " | "  # between the evidence items of one finding: the columns stay aligned item by item
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def findings_csv(reports: list[dict[str, Any]]) -> str:
    """All findings of ``reports`` as CSV text with a header; write it as UTF-8 (see :func:`write_findings_csv`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(HEADER)
    for report in _dicts(reports):
        head = [report.get("bundle_id"), report.get("status"), report.get("case_type")]
        for f in _dicts(report.get("findings")):
            evidence = _dicts(f.get("evidence"))
            cols = [JOIN.join(_cell(e.get(k)) for e in evidence) for k in EVIDENCE_KEYS]
            writer.writerow([neutralise(c) for c in [*map(_cell, head), *map(_cell, _finding(f)), *cols]])
    return buf.getvalue()


def write_findings_csv(out_dir: Path, reports: list[dict[str, Any]], name: str = "findings.csv") -> Path:
    """Write ``OUTDIR/findings.csv`` as UTF-8 with a BOM: without one, Excel on Windows reads it as ANSI."""
    path = out_dir / name
    write_atomic(path, findings_csv(reports).encode("utf-8-sig"))
    return path


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate: a leading apostrophe before a formula start."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _finding(f: dict[str, Any]) -> list[object]:
    return [f.get("code"), f.get("severity"), f.get("message")]


def _cell(value: object) -> str:
    """A JSON value as cell text; missing is empty (not the page's dash), so sheets see a blank."""
    return "" if value is None or value == "" else _text(value)

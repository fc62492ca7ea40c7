"""End to end with real Tesseract and a real (embedded) Prefect run on the committed samples.

The samples in fixtures/samples carry ground truth in fixtures/truth (fixtures/README.md): a clean
BUP dossier, one with a NIP/birth-date inconsistency, one missing its surat nikah and holding an
unreadable file, one born-digital PDF with a text layer and two inconsistencies. The reports must
match the truth, and the scanner's files must come out untouched.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.cliprocess import berkas_process

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "fixtures" / "samples"
TRUTH = ROOT / "fixtures" / "truth"

pytestmark = pytest.mark.slow


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def run(tmp_path_factory):
    """One real `berkas process` over the samples (the README's demo command, minus set-up)."""
    out = tmp_path_factory.mktemp("out")
    drop = tmp_path_factory.mktemp("drop")
    # Work on a copy so a bug can never touch the committed samples; compare hashes after.
    subprocess.run(["cp", "-a", f"{SAMPLES}/.", str(drop)], check=True)
    before = _hashes(drop)
    proc = berkas_process(drop, out, tmp_path_factory.mktemp("prefect"))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return {"out": out, "drop": drop, "before": before, "log": proc.stdout + proc.stderr}


def truths() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(TRUTH.glob("*.json"))]


def report_of(run, bundle_id: str) -> dict:
    return json.loads((run["out"] / bundle_id / "report.json").read_text())


def test_every_bundle_has_report_json_and_html(run):
    summary = json.loads((run["out"] / "summary.json").read_text())
    assert sorted(b["bundle_id"] for b in summary["bundles"]) == sorted(t["bundle_id"] for t in truths())
    for t in truths():
        assert (run["out"] / t["bundle_id"] / "report.html").stat().st_size > 1000


@pytest.mark.parametrize("truth", truths(), ids=lambda t: t["bundle_id"])
def test_report_matches_ground_truth(run, truth):
    report = report_of(run, truth["bundle_id"])
    assert report["schema_version"] == "1"
    assert report["case_type"] == truth["case_type"]
    missing = sorted(c["item"] for c in report["checklist"] if c["required"] and c["status"] == "missing")
    assert missing == sorted(truth["missing"])
    # Errors must be exactly the truth's; warnings (a page to look at, a likely OCR misread) may
    # come on top, and must not flip the status.
    want_codes = sorted({f["code"] for f in truth["findings"]})
    got_codes = sorted({f["code"] for f in report["findings"] if f["severity"] == "error"})
    assert got_codes == want_codes, [f["message"] for f in report["findings"]]
    assert report["status"] == truth["status"]
    assert sorted(r["source"] for r in report["rejected"]) == sorted(r["source"] for r in truth["rejected"])
    pages = {p["index"]: p for p in report["pages"]}
    wrong = [
        (t["index"], t["doc_type"], pages[t["index"]]["doc_type"])
        for t in truth["pages"]
        if pages[t["index"]]["doc_type"] != t["doc_type"]
    ]
    assert not wrong, wrong
    rot = [
        (t["index"], t["rotation"], pages[t["index"]]["rotation"])
        for t in truth["pages"]
        if "rotation" in t and pages[t["index"]]["rotation"] != t["rotation"]
    ]
    assert not rot, rot


def test_employee_identity_read(run):
    for truth in truths():
        emp = report_of(run, truth["bundle_id"])["employee"]
        assert emp["nip"] == truth["employee"]["nip"]


def test_findings_carry_evidence_with_pages(run):
    for truth in truths():
        for f in report_of(run, truth["bundle_id"])["findings"]:
            if f["code"] in {"NIP_BIRTHDATE_MISMATCH", "NIP_MISMATCH", "NAME_MISMATCH"}:
                assert len(f["evidence"]) >= 2 and all(e["page"] for e in f["evidence"])


def test_scanner_files_untouched(run):
    assert _hashes(run["drop"]) == run["before"]


def test_no_identity_numbers_in_logs(run):
    assert not re.search(r"(?<!\d)\d{16}(?!\d)|(?<!\d)\d{18}(?!\d)", run["log"])

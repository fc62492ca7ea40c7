"""Score reports against ground truth: the yardstick for every accuracy claim.

Pure functions over two dicts per bundle (report.json and the generator's truth JSON), so the
scorer itself is tested (a perfect report scores 1.0, a corrupted one less). ``berkas eval``
wires it to a corpus on disk.

Truth shape (fixtures/README.md): bundle_id, case_type, status, pages[{index, doc_type, rotation}],
documents[{doc_type, pages, fields}], missing[item], findings[{code}], rejected[{source}].
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from pipeline import names

EXACT_FIELDS = {
    "nip",
    "nik",
    "no_kk",
    "tanggal_lahir",
    "tmt",
    "tanggal_nikah",
    "tanggal_meninggal",
    "tanggal_dokumen",
    "jenis_kelamin",
    "golongan",
}
NAME_FIELDS = {"nama", "nama_suami", "nama_isteri", "nama_ayah", "nama_ibu"}


def _digits_or_text(field: str, value: Any) -> str:
    text = str(value).strip()
    if field in {"nip", "nik", "no_kk"}:
        return re.sub(r"\D", "", text)
    if field == "golongan":
        return text.replace(" ", "").upper()
    return text.upper()


def name_key(value: Any) -> str:
    return names.strip_gelar(str(value))


def _match_document(truth_doc: dict, report_docs: list[dict]) -> dict | None:
    """The report document of the same type sharing most pages with the truth document."""
    pages = set(truth_doc["pages"])
    best, overlap = None, 0
    for doc in report_docs:
        if doc["doc_type"] != truth_doc["doc_type"]:
            continue
        shared = len(pages & set(doc["pages"]))
        if shared > overlap:
            best, overlap = doc, shared
    return best


class Tally:
    """Counts that add up across bundles and turn into rates."""

    def __init__(self) -> None:
        self.pages = Counter()  # (truth, predicted) -> n
        self.rotation = Counter()  # "ok" / "wrong"
        self.fields = defaultdict(Counter)  # field -> {"ok", "fuzzy", "wrong", "missing"}
        self.missing = Counter()  # tp, fp, fn
        self.findings = defaultdict(Counter)  # code -> tp, fp, fn
        self.case_type = Counter()
        self.status = Counter()
        self.rejected = Counter()
        self.bundles = 0
        self.errors: list[str] = []

    def add(self, report: dict, truth: dict) -> None:
        self.bundles += 1
        self._pages(report, truth)
        self._fields(report, truth)
        self._missing(report, truth)
        self._findings(report, truth)
        self.case_type["ok" if report.get("case_type") == truth.get("case_type") else "wrong"] += 1
        if "status" in truth:
            self.status["ok" if report.get("status") == truth["status"] else "wrong"] += 1
        want = {r["source"] for r in truth.get("rejected", [])}
        got = {r["source"] for r in report.get("rejected", [])}
        self.rejected["tp"] += len(want & got)
        self.rejected["fn"] += len(want - got)
        self.rejected["fp"] += len(got - want)

    def _pages(self, report: dict, truth: dict) -> None:
        predicted = {p["index"]: p for p in report.get("pages", [])}
        for tp in truth.get("pages", []):
            rp = predicted.get(tp["index"])
            self.pages[(tp["doc_type"], rp["doc_type"] if rp else "MISSING")] += 1
            if "rotation" in tp:
                ok = rp is not None and int(rp.get("rotation") or 0) == int(tp["rotation"])
                self.rotation["ok" if ok else "wrong"] += 1

    def _fields(self, report: dict, truth: dict) -> None:
        for tdoc in truth.get("documents", []):
            rdoc = _match_document(tdoc, report.get("documents", []))
            rfields = (rdoc or {}).get("fields", {})
            for field, want in tdoc.get("fields", {}).items():
                if field not in EXACT_FIELDS | NAME_FIELDS or want in (None, ""):
                    continue
                got = rfields.get(field, {}).get("value") if field in rfields else None
                if got in (None, ""):
                    self.fields[field]["missing"] += 1
                elif field in NAME_FIELDS:
                    if name_key(got) == name_key(want):
                        self.fields[field]["ok"] += 1
                    elif names.names_match(str(got), str(want)):
                        self.fields[field]["fuzzy"] += 1
                    else:
                        self.fields[field]["wrong"] += 1
                elif _digits_or_text(field, got) == _digits_or_text(field, want):
                    self.fields[field]["ok"] += 1
                else:
                    self.fields[field]["wrong"] += 1

    def _missing(self, report: dict, truth: dict) -> None:
        want = set(truth.get("missing", []))
        got = {c["item"] for c in report.get("checklist", []) if c.get("required") and c.get("status") == "missing"}
        self.missing["tp"] += len(want & got)
        self.missing["fp"] += len(got - want)
        self.missing["fn"] += len(want - got)

    def _findings(self, report: dict, truth: dict) -> None:
        """Per dossier and code: was the dossier flagged for that reason? The pipeline names every
        disagreeing document (a gender digit against KTP, DPCP and KK: three findings) where the
        truth names the one defect, so codes are compared as sets per dossier."""
        want = {f["code"] for f in truth.get("findings", [])}
        got = {f["code"] for f in report.get("findings", [])}
        for code in want | got:
            self.findings[code]["tp"] += int(code in want and code in got)
            self.findings[code]["fp"] += int(code in got and code not in want)
            self.findings[code]["fn"] += int(code in want and code not in got)


def _rate(ok: int, total: int) -> float | None:
    return round(ok / total, 4) if total else None


def _prf(c: Counter) -> dict[str, float | int | None]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = _rate(tp, tp + fp)
    r = _rate(tp, tp + fn)
    f1 = round(2 * p * r / (p + r), 4) if p and r else (0.0 if (tp + fp + fn) else None)
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def summarise(t: Tally) -> dict[str, Any]:
    per_type: dict[str, Counter] = defaultdict(Counter)
    for (truth, pred), n in t.pages.items():
        per_type[truth]["total"] += n
        per_type[truth]["ok"] += n if truth == pred else 0
    total = sum(c["total"] for c in per_type.values())
    ok = sum(c["ok"] for c in per_type.values())
    confusions = sorted(((n, a, b) for (a, b), n in t.pages.items() if a != b), reverse=True)
    fields = {}
    for field, c in sorted(t.fields.items()):
        n = sum(c.values())
        fields[field] = {
            "exact": _rate(c["ok"], n),
            "within_tolerance": _rate(c["ok"] + c["fuzzy"], n) if field in NAME_FIELDS else None,
            "n": n,
            "missing": c["missing"],
            "wrong": c["wrong"],
        }
    return {
        "bundles": t.bundles,
        "pages": total,
        "page_accuracy": _rate(ok, total),
        "page_accuracy_per_type": {
            k: {"accuracy": _rate(c["ok"], c["total"]), "n": c["total"]} for k, c in sorted(per_type.items())
        },
        "top_confusions": [{"truth": a, "predicted": b, "n": n} for n, a, b in confusions[:10]],
        "confusion": [{"truth": a, "predicted": b, "n": n} for (a, b), n in sorted(t.pages.items())],
        "rotation_accuracy": _rate(t.rotation["ok"], t.rotation["ok"] + t.rotation["wrong"]),
        "fields": fields,
        "missing_documents": _prf(t.missing),
        "findings": {code: _prf(c) for code, c in sorted(t.findings.items())},
        "case_type_accuracy": _rate(t.case_type["ok"], t.bundles),
        "status_accuracy": _rate(t.status["ok"], t.status["ok"] + t.status["wrong"]),
        "rejected": _prf(t.rejected),
    }


def score(pairs: list[tuple[dict, dict]]) -> dict[str, Any]:
    """Score (report, truth) pairs; the whole summary as a dict (written as eval.json)."""
    tally = Tally()
    for report, truth in pairs:
        tally.add(report, truth)
    return summarise(tally)

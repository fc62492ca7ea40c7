"""Pension arithmetic and eligibility: BUP age, TMT pensiun, masa kerja, lead times.

The numbers a verifier checks by hand before a berkas goes to BKN: at what age this jabatan
retires, from which date, with how much masa kerja, whether an APS/perampingan/uzur applicant
meets the minimums, whether a child still counts, whether the berkas came in time. The rules are
data (``rules/pension.yaml``, each with the seed and article it comes from); this module only
does the date arithmetic the way seed 004 does it and says which rule decided.

Everything here is a pure function of its arguments. Missing data never becomes a guess:
:func:`check_eligibility` raises a problem only when the data it has proves the condition unmet.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from classifiers.profiles import normalise
from pipeline.settings import RULES_DIR, load_yaml

YearsMonths = tuple[int, int]
_GOLONGAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_GOLONGAN_RE = re.compile(r"^(?:GOL(?:ONGAN)?(?: RUANG)?\s*)?(IV|III|II|I|[1-4])\s*(?:/?\s*[A-E])?$")


@functools.cache
def rules() -> dict[str, Any]:
    """pension.yaml, read once."""
    return load_yaml(RULES_DIR / "pension.yaml")


@dataclass(frozen=True)
class EligibilityProblem:
    """One unmet condition of a case type; becomes an ELIGIBILITY finding."""

    rule_id: str
    message: str  # Indonesian, for the BKD verifier
    source: str  # seed file and article
    values: dict[str, Any] = field(default_factory=dict)  # the numbers the message is made of


# -- dates --------------------------------------------------------------------------------------


def _add_months(d: date, months: int) -> date:
    """``d`` moved by whole months; the day is clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _months_between(start: date, end: date) -> int:
    """Whole months completed from ``start`` to ``end`` (``end >= start``)."""
    n = (end.year - start.year) * 12 + end.month - start.month
    return n - 1 if _add_months(start, n) > end else n


def _ym(total_months: int) -> YearsMonths:
    years, months = divmod(total_months, 12)
    return years, months


def _fmt(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _fmt_ym(ym: YearsMonths) -> str:
    return f"{ym[0]} tahun {ym[1]} bulan"


def age_on(birth: date, on: date) -> YearsMonths:
    """Age in completed years and months on ``on`` (a birthday on 29 Feb counts on 28 Feb)."""
    if on < birth:
        raise ValueError(f"tanggal {on} sebelum tanggal lahir {birth}")
    return _ym(_months_between(birth, on))


def tmt_pensiun(birth_date: date, age: int) -> date:
    """1st of the month after the month the age is reached (seed 004: born May -> 1 June).

    Only the birth month counts, not the day: born 1 May or 31 May, both retire on 1 June.
    """
    y, m = divmod((birth_date.year + age) * 12 + birth_date.month, 12)
    return date(y, m + 1, 1)


# -- BUP ----------------------------------------------------------------------------------------


@functools.cache
def _phrase_re(phrase: str, anchored: bool = False) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in normalise(phrase).split())
    return re.compile(("^" if anchored else r"(?<![0-9A-Z])") + body + r"(?![0-9A-Z])")


@functools.cache
def _bup_matchers() -> tuple[Any, ...]:
    bup = rules()["bup"]
    ignore = [_phrase_re(p) for p in bup.get("ignore", [])]
    acting = [_phrase_re(p) for p in bup.get("acting_markers", [])]
    compiled = []
    for rule in bup["rules"]:
        compiled.append(
            (
                rule,
                [(p, _phrase_re(p)) for p in rule.get("phrases", [])],
                [(p, _phrase_re(p, anchored=True)) for p in rule.get("starts_with", [])],
                [_phrase_re(p) for p in rule.get("except", [])],
            )
        )
    return ignore, acting, tuple(compiled)


def bup_age(jabatan: str | None) -> tuple[int, str]:
    """(BUP age, the rule's source and the words that matched) for a jabatan text.

    Unrecognised or empty jabatan -> the default 58, which PP 11/2017 gives to every jabatan it
    does not name for 60 or 65. The rules and their order are documented in pension.yaml.
    """
    bup = rules()["bup"]
    default = bup["default"]
    if not jabatan or not normalise(jabatan):
        return int(default["age"]), f"{default['source']} (jabatan tidak diketahui)"
    ignore, acting, compiled = _bup_matchers()
    text = normalise(jabatan)
    for pattern in ignore:
        text = pattern.sub(" ", text)
    text = " ".join(text.split())
    is_acting = any(p.search(text) for p in acting)
    for rule, phrases, starts, vetoes in compiled:
        if any(v.search(text) for v in vetoes):
            continue
        candidates = phrases + ([] if is_acting else starts)
        hit = next((p for p, rx in candidates if rx.search(text)), None)
        if hit is not None:
            return int(rule["age"]), f"{rule['source']} (jabatan memuat '{hit}')"
    return int(default["age"]), f"{default['source']} (jabatan tidak termasuk 60/65)"


def bup_ages() -> list[int]:
    """Every BUP age the rules can give, ascending."""
    bup = rules()["bup"]
    return sorted({int(bup["default"]["age"]), *(int(r["age"]) for r in bup["rules"])})


# -- masa kerja ---------------------------------------------------------------------------------


def golongan_number(golongan: str) -> int:
    """1..4 from 'III/a', 'III a', 'IIIa', 'Gol. IV/b', '4B', '2'; ValueError otherwise."""
    m = _GOLONGAN_RE.match(normalise(golongan).replace(" /", "/"))
    if m is None:
        raise ValueError(f"golongan tidak dikenali: {golongan!r}")
    return _GOLONGAN[m.group(1)]


def golongan_deduction(gol_awal: str, gol_akhir: str) -> YearsMonths:
    """Masa kerja deducted for the golongan boundaries crossed (seed 004 a-c, summed)."""
    start, end = golongan_number(gol_awal), golongan_number(gol_akhir)
    if end < start:
        raise ValueError(f"golongan akhir {gol_akhir} lebih rendah dari golongan awal {gol_awal}")
    total = 0
    for step in rules()["masa_kerja"]["golongan_steps"]:
        if start <= _GOLONGAN[step["from"]] and _GOLONGAN[step["to"]] <= end:
            total += int(step["years"]) * 12 + int(step["months"])
    return _ym(total)


def masa_kerja_pensiun(
    tmt_cpns: date,
    tmt_pensiun: date,
    mk_awal: YearsMonths = (0, 0),
    gol_awal: str | None = None,
    gol_akhir: str | None = None,
) -> YearsMonths:
    """Masa kerja for the pension as seed 004 computes it (Agus Mufid: 32 tahun 4 bulan).

    (TMT pensiun - TMT CPNS) + masa kerja at CPNS appointment - golongan deduction. Without both
    golongan no deduction is made. A deduction larger than the service gives (0, 0), not a
    negative masa kerja: it means the golongan data is wrong, which the caller's checks surface.
    """
    if tmt_pensiun < tmt_cpns:
        raise ValueError(f"TMT pensiun {tmt_pensiun} sebelum TMT CPNS {tmt_cpns}")
    total = _months_between(tmt_cpns, tmt_pensiun) + mk_awal[0] * 12 + mk_awal[1]
    if gol_awal and gol_akhir:
        years, months = golongan_deduction(gol_awal, gol_akhir)
        total -= years * 12 + months
    return _ym(max(total, 0))


# -- eligibility --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Service:
    """What the dossier tells about the employee's service, for masa kerja on any date."""

    tmt_cpns: date | None
    mk_awal: YearsMonths | None
    gol_awal: str | None
    gol_akhir: str | None

    def masa_kerja_on(self, at: date) -> tuple[YearsMonths, str] | None:
        """Masa kerja on ``at`` when it can prove a shortfall, with how it was computed.

        None when it cannot: TMT CPNS or masa kerja at appointment unknown (the real value could
        be higher), or ``at`` before TMT CPNS (bad data). Unknown or inconsistent golongan -> no
        deduction, which can only overstate masa kerja, so a shortfall found without it is real.
        """
        if self.tmt_cpns is None or self.mk_awal is None or at < self.tmt_cpns:
            return None
        if self.gol_awal and self.gol_akhir:
            try:
                mk = masa_kerja_pensiun(self.tmt_cpns, at, self.mk_awal, self.gol_awal, self.gol_akhir)
                return mk, f"dengan pengurangan golongan {self.gol_awal} ke {self.gol_akhir}"
            except ValueError:  # unreadable, or lower at the end than at appointment
                pass
        mk = masa_kerja_pensiun(self.tmt_cpns, at, self.mk_awal)
        return mk, "tanpa pengurangan golongan: golongan tidak diketahui"


def _minimums(
    prefix: str, label: str, spec: Mapping[str, Any], birth_date: date | None, at: date, service: _Service
) -> list[EligibilityProblem]:
    """Minimum age and masa kerja of one case type, measured on ``at``."""
    problems: list[EligibilityProblem] = []
    min_age = spec.get("min_age")
    if min_age is not None and birth_date is not None and birth_date <= at:
        age = age_on(birth_date, at)
        if age[0] < int(min_age):
            problems.append(
                EligibilityProblem(
                    f"{prefix}_USIA",
                    f"Usia pada {_fmt(at)} baru {_fmt_ym(age)}; {label} mensyaratkan usia minimal {min_age} tahun.",
                    spec["source"],
                    {"tanggal": at.isoformat(), "usia": list(age), "usia_minimal": int(min_age)},
                )
            )
    min_mk = spec.get("min_masa_kerja_years")
    known = service.masa_kerja_on(at)
    if min_mk is not None and known is not None and known[0][0] < int(min_mk):
        mk, how = known
        problems.append(
            EligibilityProblem(
                f"{prefix}_MASA_KERJA",
                f"Masa kerja pensiun pada {_fmt(at)} baru {_fmt_ym(mk)} ({how}); {label} mensyaratkan "
                f"masa kerja minimal {min_mk} tahun.",
                spec["source"],
                {"tanggal": at.isoformat(), "masa_kerja": list(mk), "masa_kerja_minimal": int(min_mk)},
            )
        )
    return problems


def _check_bup(
    birth_date: date, jabatan: str | None, tmt_usul: date | None, service: _Service
) -> list[EligibilityProblem]:
    """BUP: masa kerja >= 10 at TMT BUP; a proposed TMT must be a TMT BUP for this birth date."""
    if jabatan and normalise(jabatan):
        age, source = bup_age(jabatan)
        ages = [age]
    else:  # unknown jabatan: the most lenient age for masa kerja, any BUP age for the TMT
        ages = bup_ages()
        age, source = ages[-1], f"{rules()['bup']['default']['source']} (jabatan tidak diketahui)"
    tmt = tmt_pensiun(birth_date, age)
    problems = _minimums("BUP", "pensiun BUP", rules()["bup_conditions"], None, tmt, service)
    possible = {a: tmt_pensiun(birth_date, a) for a in ages}
    if tmt_usul is not None and tmt_usul not in possible.values():
        shown = ", ".join(f"{_fmt(d)} (BUP {a} tahun)" for a, d in possible.items())
        problems.append(
            EligibilityProblem(
                "BUP_TMT",
                f"TMT pensiun yang diusulkan {_fmt(tmt_usul)} tidak sesuai dengan TMT BUP menurut "
                f"tanggal lahir {_fmt(birth_date)} dan jabatan: {shown}.",
                f"{source}; {rules()['tmt_pensiun']['source']}",
                {
                    "tmt_usul": tmt_usul.isoformat(),
                    "tmt_bup": {str(a): d.isoformat() for a, d in possible.items()},
                },
            )
        )
    return problems


def check_eligibility(
    case_type: str,
    birth_date: date | None,
    tmt_cpns: date | None,
    on_date: date,
    jabatan: str | None = None,
    *,
    aps_rule: str | None = None,
    mk_awal: YearsMonths | None = (0, 0),
    gol_awal: str | None = None,
    gol_akhir: str | None = None,
    tmt_usul: date | None = None,
    karena_dinas: bool | None = None,
) -> list[EligibilityProblem]:
    """The conditions of ``case_type`` that the data proves unmet.

    An empty list means eligible OR not enough data to tell; never a guess. A missing birth date
    or TMT CPNS skips the checks that need them; ``mk_awal=None`` (masa kerja at appointment not
    read) skips the masa kerja minimums; unknown golongan computes masa kerja without deduction
    (an upper bound, so a shortfall is still real).

    - BUP: masa kerja >= 10 years at TMT BUP (age by ``jabatan``; unknown jabatan -> the highest
      BUP age); ``tmt_usul``, the TMT written on the usul, must be a TMT BUP for this birth date.
    - APS, PERAMPINGAN: minimum age and masa kerja on ``tmt_usul`` (else ``on_date``); APS by
      ``aps_rule`` ("pp11_2017": 45/20, the default in pension.yaml; "uu11_1969": 50/20).
    - UZUR: masa kerja >= 4 years, checked only when ``karena_dinas`` is False (the Tim Penguji
      Kesehatan's finding); None is missing data.
    - JANDA_DUDA, ANUMERTA, MPP, UNKNOWN: no employee conditions in the seeds (children: see
      :func:`child_entitled`).
    """
    at = tmt_usul or on_date
    service = _Service(tmt_cpns, mk_awal, gol_awal, gol_akhir)
    if case_type == "BUP":
        return _check_bup(birth_date, jabatan, tmt_usul, service) if birth_date else []
    if case_type == "APS":
        aps = rules()["aps"]
        variant = aps_rule or aps["default"]
        if variant not in aps["variants"]:
            raise ValueError(f"aturan APS tidak dikenal: {variant!r}; pilih {sorted(aps['variants'])}")
        spec, label = aps["variants"][variant], f"pensiun APS ({variant})"
    elif case_type == "PERAMPINGAN":
        spec, label = rules()["perampingan"], "pensiun karena perampingan organisasi"
    elif case_type == "UZUR" and karena_dinas is False:
        spec, label = rules()["uzur"], "pensiun uzur yang bukan karena menjalankan kewajiban jabatan"
    else:
        return []
    return _minimums(case_type, label, spec, birth_date, at, service)


# -- children -----------------------------------------------------------------------------------


def child_entitled(
    birth_date: date, on_date: date, married: bool | None = None, has_income: bool | None = None
) -> tuple[bool, list[str]]:
    """Whether a child counts for pensiun janda/duda/anak on ``on_date`` (the day of death).

    All three conditions together (see pension.yaml on the seeds' "atau"): under 25, never
    married, no income of their own. Returns (entitled, reasons): every failed condition when
    not entitled; when entitled, the conditions that could not be checked (None). A child born
    after ``on_date`` (after the father's death) is under 25.
    """
    spec = rules()["child_entitlement"]
    limit = int(spec["max_age_exclusive"])
    age = age_on(birth_date, on_date) if birth_date <= on_date else (0, 0)
    failed: list[str] = []
    unknown: list[str] = []
    if age[0] >= limit:
        failed.append(f"sudah berusia {_fmt_ym(age)} pada {_fmt(on_date)} (batas: belum {limit} tahun)")
    for flag, wanted, text in (
        (married, spec["requires_unmarried"], "sudah atau pernah menikah"),
        (has_income, spec["requires_no_income"], "mempunyai penghasilan sendiri"),
    ):
        if not wanted:
            continue
        if flag:
            failed.append(text)
        elif flag is None:
            unknown.append(f"belum dapat diperiksa: {text}?")
    return (False, failed) if failed else (True, unknown)


# -- lead time ----------------------------------------------------------------------------------


def _word_score(wanted: str, seen: str, min_fuzzy_len: int) -> float:
    if wanted == seen:
        return 100.0
    return fuzz.ratio(wanted, seen) if len(wanted) >= min_fuzzy_len else 0.0


def _pattern_score(pattern: str, words: list[str], min_fuzzy_len: int) -> float:
    """Best score of ``pattern`` against consecutive words of the text: its weakest word's."""
    wanted = normalise(pattern).split()
    best = 0.0
    for start in range(len(words) - len(wanted) + 1):
        window = words[start : start + len(wanted)]
        best = max(best, min(_word_score(w, s, min_fuzzy_len) for w, s in zip(wanted, window, strict=True)))
    return best


def match_instansi(
    instansi: str | None, patterns: Mapping[str, Sequence[str]], cutoff: float | None = None
) -> str | None:
    """The key whose patterns best match an instansi name, or None when none reaches ``cutoff``.

    A pattern matches as consecutive whole words anywhere in the normalised name ("Dinkes
    Tulungagung", "Kab. Tulungagung" -> TULUNGAGUNG). Word by word, not over the whole string, so
    "Sekretariat Daerah" never passes for "Sekretariat Negara": each word of the pattern must equal
    its counterpart, or, for words of 7+ letters, be within the rapidfuzz ratio ``cutoff`` (one
    typo: "Tulungagong", "Kebumem"). Shorter words (NTT, BLORA, NEGARA) only exactly: one wrong
    letter in five is another name. Ties go to the first key. Use it for checklist profiles too:
    ``match_instansi(name, {key: profile["match"] for key, profile in profiles.items()})``.
    """
    words = normalise(instansi or "").replace("/", " ").split()
    if not words:
        return None
    spec = rules()["lead_time"]
    cutoff = float(spec["fuzzy_cutoff"] if cutoff is None else cutoff)
    min_len = int(spec["fuzzy_min_word_length"])
    best: tuple[float, str | None] = (cutoff, None)
    for key, options in patterns.items():
        score = max((_pattern_score(p, words, min_len) for p in options), default=0.0)
        if score > best[0] or (score == best[0] and best[1] is None):
            best = (score, key)
    return best[1]


def lead_time_months(instansi: str | None) -> tuple[int, str]:
    """(months before TMT pensiun the berkas must be in, source) for an instansi; else the default."""
    spec = rules()["lead_time"]
    agencies = {a["id"]: a for a in spec["agencies"]}
    key = match_instansi(instansi, {k: a["match"] for k, a in agencies.items()})
    chosen = agencies[key] if key else spec["default"]
    return int(chosen["months"]), str(chosen["source"])


def lead_time_applies(case_type: str) -> bool:
    """Only case types whose TMT is known in advance (BUP, MPP) can be late."""
    return case_type in rules()["lead_time"]["applies_to"]


def is_late(submitted: date, tmt_pensiun: date, instansi: str | None) -> tuple[bool, str]:
    """(late?, the reason with its source). On the deadline day itself the berkas is in time."""
    months, source = lead_time_months(instansi)
    deadline = _add_months(tmt_pensiun, -months)
    late = submitted > deadline
    verdict = "melewati" if late else "tidak melewati"
    return late, (
        f"Berkas diterima {_fmt(submitted)}, {verdict} batas {_fmt(deadline)} ({months} bulan sebelum "
        f"TMT pensiun {_fmt(tmt_pensiun)}; {source})."
    )

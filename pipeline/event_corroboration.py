"""An event date read unsurely on one document, put right from the surer readings of others.

A marriage is dated on the surat nikah, the KARIS/KARSU, the DPCP's family table and the daftar
susunan keluarga; a death on the surat kematian and the letters that follow it. Where one of them
reads the date one digit off the date that several others read surer ("1998" for 1996 under a smudge
on the card, "23" for 25 in a faint DPCP row), the misreading raises a false DATE_MISMATCH and
counts as a wrong value. On the fresh seed 41231, 5 of its 6 missed marriage dates were such
misreadings, and 5 of its 7 DATE_MISMATCH reports were false.

A date really typed wrong on one document (the finding DATE_MISMATCH exists for) looks the same
once read, so the rule asks for what a typo printed clean does not give: the document's reading is
unsure (under ``below``), no other document reads it, and at least ``min_documents`` other
documents read the one date it is a digit away from, each surer by ``margin``. A typo read that
unsurely beside two surer readings is taken for a misreading: the value keeps a lowered certainty,
so the report still lists it as one to look at. Rules: crosscheck.yaml ``event_corroboration``.

A reading the report marks unsure anyway (under crosscheck.yaml ``unsure_below``) needs one
witness only: the record of the event itself (the surat nikah; crosscheck.yaml ``event_dates``)
read clean, at ``record_from`` or surer. A DPCP row read "1998" for 1999 at 0.39 beside a surat
nikah read at 0.95 (seed 47251) is no evidence of a second date. Readings surer than that stay as
read: a DPCP read "22" at 0.92 was right where the surat nikah, at 0.96, read "23" (seed 39499).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz.distance import Hamming

from pipeline.findings import rules
from pipeline.models import Document, FieldValue
from pipeline.persons import KK_CONFIRMED_CERTAINTY


def corroborate_event_dates(documents: list[Document]) -> None:
    """Put right, in place, each event date (crosscheck.yaml ``event_dates``) read unsurely on one
    document one digit off the date several other documents read surer."""
    spec = rules()["event_corroboration"]
    for name, records in rules()["event_dates"].items():
        stated = statements(documents, name)
        fixes = [
            (doc, corroborated(fv, [o for d, o in stated if d is not doc], spec, _records(stated, records, doc)))
            for doc, fv in stated
        ]
        for doc, fixed in fixes:
            if fixed is not None:
                doc.fields[name] = fixed


def statements(documents: list[Document], name: str) -> list[tuple[Document, FieldValue]]:
    """The documents dating the dossier's event ``name``, with the date each reads: not those that
    date another event of its kind (crosscheck.yaml ``event_dates_other_event``: the akta cerai's
    marriage is the one it ended)."""
    other_event = rules().get("event_dates_other_event", {}).get(name, ())
    return [(d, d.fields[name]) for d in documents if name in d.fields and d.doc_type not in other_event]


def _records(stated: list[tuple[Document, FieldValue]], records: list[str], doc: Document) -> list[FieldValue]:
    """The readings of the event's record (its surat nikah), unless ``doc`` is one."""
    if doc.doc_type in records:
        return []
    return [fv for d, fv in stated if d.doc_type in records]


def corroborated(
    read: FieldValue, others: list[FieldValue], spec: dict, records: Sequence[FieldValue] = ()
) -> FieldValue | None:
    """``read`` put right from ``others`` (the same date on the dossier's other documents), or None
    where the rule does not hold (see the module's docstring). ``records``: the readings of the
    event's record among ``others`` (none when ``read`` is the record's)."""
    if read.confidence >= spec["below"] or any(o.value == read.value for o in others):
        return None
    near = {str(o.value) for o in others if digits_apart(str(o.value), str(read.value)) == 1}
    # the record alone a digit away, read clean (another document a digit away the other way:
    # which one the reading means cannot be told)
    if (
        len(records) == 1
        and read.confidence < rules()["unsure_below"]
        and records[0].confidence >= spec["record_from"]
        and near == {str(records[0].value)}
    ):
        return _taken(str(records[0].value), read)
    surer: dict[str, int] = defaultdict(int)
    for o in others:
        if round(o.confidence - read.confidence, 6) >= spec["margin"] and str(o.value) in near:
            surer[str(o.value)] += 1
    if len(surer) != 1:
        return None  # none, or two dates a digit away: which one the document means cannot be told
    ((value, count),) = surer.items()
    return _taken(value, read) if count >= spec["min_documents"] else None


def _taken(value: str, read: FieldValue) -> FieldValue:
    """``value`` in place of ``read``, at its lowered certainty: still one to look at."""
    return FieldValue(value, read.page, round(read.confidence * KK_CONFIRMED_CERTAINTY, 3), read.bbox)


def digits_apart(a: str, b: str) -> int:
    """How many digits two ISO dates differ in (a large number for values of another shape)."""
    return Hamming.distance(a, b) if len(a) == len(b) else len(a) + len(b)

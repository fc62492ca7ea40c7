"""A document's unsure NIP one digit off the employee's, put right from the surer readings of it on
other documents (persons.corroborate_nips, crosscheck.yaml nip_corroboration), and what stays."""

from __future__ import annotations

import pytest

from pipeline.crosscheck import crosscheck
from pipeline.models import Document, FieldValue

NIP = "197705152008011002"  # born 15-05-1977, TMT CPNS 01-2008, laki-laki
TMT_MISREAD = "197705152005011002"  # 2008 read 2005: still a valid NIP
SEQ_MISREAD = "197705152008011008"  # the sequence's 2 read 8
TWO_OFF = "197705152005011008"
THREE_OFF = "197705152005011018"
LOST_DIGIT = "19770515200801102"


def doc(i: int, doc_type: str, nip: str, certainty: float = 0.95) -> Document:
    return Document(
        f"d{i}",
        doc_type,
        [i],
        {"nama": FieldValue("AGUS MUFID", i, 0.95), "nip": FieldValue(nip, i, certainty, (10, 10, 50, 20))},
    )


SURE = [doc(1, "SK_CPNS", NIP), doc(2, "SK_PNS", NIP), doc(3, "SK_PANGKAT", NIP)]


@pytest.mark.parametrize(
    "surer, others, expected_nip, finding",
    [
        pytest.param(SURE, [doc(9, "KARPEG", TMT_MISREAD, 0.6)], NIP, None, id="unsure-tmt-digit"),
        pytest.param(SURE, [doc(9, "KARPEG", SEQ_MISREAD, 0.85)], NIP, None, id="unsure-sequence-digit"),
        pytest.param(SURE, [doc(9, "KARPEG", TMT_MISREAD, 0.92)], NIP, None, id="just-under-a-clean-read"),
        pytest.param(SURE, [doc(9, "KARPEG", TMT_MISREAD, 0.955)], TMT_MISREAD, "NIP_MISMATCH", id="read-surely"),
        pytest.param(
            [doc(1, "SK_CPNS", NIP, 0.65), *SURE[1:]], [doc(9, "KARPEG", TMT_MISREAD, 0.6)], NIP, None, id="one-surer"
        ),
        pytest.param(
            [doc(n, t, NIP, 0.62) for n, t in ((1, "SK_CPNS"), (2, "SK_PNS"), (3, "SK_PANGKAT"))],
            [doc(9, "KARPEG", TMT_MISREAD, 0.6)],
            TMT_MISREAD,
            "NIP_MISMATCH",
            id="none-surer-by-margin",
        ),
        pytest.param(
            SURE,
            [doc(9, "KARPEG", TMT_MISREAD, 0.6), doc(10, "KARIS_KARSU", TMT_MISREAD, 0.6)],
            NIP,
            None,
            id="misread-on-two-documents",
        ),
        pytest.param(
            SURE,
            [doc(9, "KARPEG", TMT_MISREAD, 0.955), doc(10, "KARIS_KARSU", TMT_MISREAD, 0.6)],
            TMT_MISREAD,
            "NIP_MISMATCH",
            id="two-documents-one-reads-it-surely",
        ),
        pytest.param(SURE, [doc(9, "KARPEG", TWO_OFF, 0.6)], NIP, None, id="two-digits-off-read-unsurely"),
        pytest.param(SURE, [doc(9, "KARPEG", TWO_OFF, 0.8)], TWO_OFF, "NIP_MISMATCH", id="two-digits-off"),
        pytest.param(SURE, [doc(9, "KARPEG", THREE_OFF, 0.3)], THREE_OFF, "NIP_MISMATCH", id="three-digits-off"),
        pytest.param(SURE, [doc(9, "KARPEG", LOST_DIGIT, 0.6)], LOST_DIGIT, "NIP_INVALID", id="digit-lost"),
        pytest.param(SURE[:1], [doc(9, "KARPEG", TMT_MISREAD, 0.6)], TMT_MISREAD, "NIP_MISMATCH", id="one-document"),
    ],
)
def test_unsure_nip_corroborated(surer, others, expected_nip, finding):
    documents = [Document(d.id, d.doc_type, list(d.pages), dict(d.fields)) for d in [*surer, *others]]
    _, findings = crosscheck(documents, [], "BUP", None)[:2]
    card = documents[len(surer)]
    assert card.fields["nip"].value == expected_nip
    codes = {f.code for f in findings}
    if finding is None:
        assert not codes & {"NIP_MISMATCH", "NIP_INVALID"}
        assert card.fields["nip"].confidence < others[0].fields["nip"].confidence  # still one to look at
    else:
        assert finding in codes


def test_lone_signature_nip_left_as_read():
    """An SKP whose block (name, golongan) holds another NIP and whose signature line alone holds the
    employee's NIP misread: taking the line for the employee's would make it the document's person
    and drop the name and golongan (seed 23071), so the line stays as read."""
    block = {
        "nama": FieldValue("AGUS MUFID", 9, 0.95),
        "golongan": FieldValue("III/d", 9, 0.9),
        "nip": FieldValue("197702042004011010", 9, 0.95),
    }
    skp = Document(
        "d9", "SKP", [9], dict(block), persons=[dict(block)], signers=[{"nip": FieldValue(SEQ_MISREAD, 9, 0.5)}]
    )
    crosscheck([*SURE, skp], [], "BUP", None)
    assert skp.signers[0]["nip"].value == SEQ_MISREAD
    assert skp.fields["nama"].value == "AGUS MUFID" and skp.fields["golongan"].value == "III/d"


def test_misreading_repeated_on_half_the_documents():
    """Seed 47251 berkas-0033: the NIP's last 6, blurred, read 8 on five documents and 6 on five.
    By count the two tie; weighed by certainty the NIP read right is the employee's. The three
    readings of the other under 0.926 (0.956 less the margin) are put right, the two surer stay and
    are reported as NIP_MISMATCH, beside the surest reading of the employee's NIP."""
    right = [0.743, 0.956, 0.938, 0.941, 0.956]
    wrong = [0.943, 0.928, 0.661, 0.891, 0.901]
    documents = [doc(i, "SK_PANGKAT", SEQ_MISREAD, c) for i, c in enumerate(wrong, 1)]
    documents += [doc(i, "SK_KGB", NIP, c) for i, c in enumerate(right, 10)]
    emp, findings = crosscheck(documents, [], "BUP", None)[:2]
    assert emp.nip == NIP
    assert [d.fields["nip"].value for d in documents[:5]] == [SEQ_MISREAD, SEQ_MISREAD, NIP, NIP, NIP]
    cited = {e.page for f in findings if f.code == "NIP_MISMATCH" for e in f.evidence}
    assert cited == {1, 2, 11}  # the two read surely, against the surest reading of the NIP

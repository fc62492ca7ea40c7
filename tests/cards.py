"""A KTP as the extraction leaves it, for the cross-check tests that put its NIK right."""

from __future__ import annotations

from pipeline.models import Document, FieldValue


def ktp_card(nik: str, certainty: float, nama: str, born: str, gender: str, page: int = 19) -> Document:
    """A card read with its NIK at ``certainty`` (its box kept, to see a value put right still
    points at the card), its name, birth date and gender read fairly surely."""
    return Document(
        "d1",
        "KTP",
        [page],
        fields={
            "nik": FieldValue(nik, page, certainty, (1, 2, 3, 4)),
            "nama": FieldValue(nama, page, 0.93, None),
            "tanggal_lahir": FieldValue(born, page, 0.8, None),
            "jenis_kelamin": FieldValue(gender, page, 0.96, None),
        },
    )

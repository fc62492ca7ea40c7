"""The Kemendagri region list, for a soft check of NIK / KK number prefixes.

A NIK's first six digits name the kecamatan where it was first registered. The list is the 2025
one, and districts have been split and renumbered since many NIKs were issued, so a prefix that
is not in it is only ever a warning (pipeline/data/README.md).
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

DATA = Path(__file__).parent / "data" / "kode_wilayah_prov_kab_kec.csv"


@functools.cache
def regions() -> dict[str, str]:
    """Prefix (2, 4 or 6 digits) -> region name."""
    with DATA.open(encoding="utf-8", newline="") as fh:
        return {row["kode_nik_prefix"]: row["nama"] for row in csv.DictReader(fh)}


def region_of(number: str) -> str | None:
    """The kecamatan a NIK / KK number's prefix names, or None when the list does not know it."""
    return regions().get(str(number)[:6]) if len(str(number)) >= 6 else None

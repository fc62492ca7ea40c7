"""Whether a card's NIK names the kecamatan the card prints, and the region of a NIK OCR made
impossible.

A NIK's first six digits are the kecamatan where it was issued (pipeline/wilayah.py), and an e-KTP
prints its holder's kecamatan in words ("Kecamatan : GLADAGSARI"). For most holders the two are
the same place, so the printed name is a second reading of the NIK's region digits, made from
letters rather than digit glyphs. Two neighbouring codes are both real kecamatan (330820 Secang,
Magelang; 330920 Gladagsari, Boyolali), so a digit misread there leaves a valid NIK that only the
printed name contradicts (seed 59107: the card read 3309... right, its KK row 3308..., and the
surer row's reading would have replaced the card's).

A holder who moved keeps the NIK of the old kecamatan, so a NIK that names another kecamatan than
the card prints is no error: the printed name only decides between readings that OCR left open,
and never makes a reading wrong by itself.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Hamming

from pipeline import nik, wilayah
from pipeline.models import Document


def _letters(name: str) -> str:
    """A kecamatan name as compared: capitals only, spaces and OCR specks dropped ("Kota Gede",
    "# KOTAGEDE")."""
    return re.sub(r"[^A-Z]", "", name.upper())


def names_printed(number: str, printed: str | None, cutoff: float) -> bool | None:
    """True when ``number``'s first six digits are a kecamatan whose name is ``printed`` (within
    ``cutoff``, rapidfuzz ratio, for OCR noise), False when they are another kecamatan the region
    list knows, None when nothing can be said (no name printed or read, a code the list lacks)."""
    region = wilayah.region_of(number) if len(number) >= 6 and number[:6].isdigit() else None
    if not printed or not _letters(printed) or region is None:
        return None
    return fuzz.ratio(_letters(region), _letters(printed)) >= cutoff


def printed_kecamatan(doc: Document) -> str | None:
    """The kecamatan a card prints, as read (fields.yaml ``kecamatan``)."""
    fv = doc.fields.get("kecamatan")
    return str(fv.value) if fv is not None and fv.value else None


def keeps_printed_region(doc: Document, read: str, fixed: str, cutoff: float) -> bool:
    """False when putting ``fixed`` for a card's reading ``read`` would leave the kecamatan the card
    prints for one it does not: the reading agrees with the letters, the replacement does not."""
    printed = printed_kecamatan(doc)
    return not (names_printed(read, printed, cutoff) is True and names_printed(fixed, printed, cutoff) is False)


def choice_naming_printed(doc: Document, read: str, choices: tuple[str, ...], cutoff: float) -> str | None:
    """The one reading among ``choices`` (the others the card's glyphs allow) that names the
    kecamatan the card prints, where ``read`` names another: the letters decide a digit the glyphs
    left open. None when the reading already names it, nothing is printed, or none or several fit."""
    printed = printed_kecamatan(doc)
    if names_printed(read, printed, cutoff) is not False:
        return None
    fits = {c for c in choices if c[:6] != read[:6] and names_printed(c, printed, cutoff)}
    return fits.pop() if len(fits) == 1 else None


def in_dossier_region(read: str, regions: set[str], max_digits: int) -> str | None:
    """An invalid NIK whose region digits alone OCR made impossible (a province, kabupaten or
    kecamatan the list does not know: a surat kematian's "8311030908670057", its first 3 read 8,
    seed 63211) put in the region of ``regions`` (the dossier's KK numbers and valid NIKs: a family
    is registered where it lives) nearest to its reading, within ``max_digits`` changed digits, that
    makes it a valid NIK. None when the reading is valid, names a known region (then another part
    of it is wrong), or no region or several equally near fit."""
    if len(read) != 16 or not read.isdigit() or nik.decode_nik(read).is_valid or wilayah.region_of(read):
        return None
    near = ((Hamming.distance(region, read[:6]), region + read[6:]) for region in regions)
    fits = sorted((d, n) for d, n in near if d <= max_digits and nik.decode_nik(n).is_valid)
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
        return None
    return fits[0][1]

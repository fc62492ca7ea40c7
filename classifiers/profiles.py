"""Document-type keyword profiles, loaded from ``classifiers/profiles/*.yaml``.

Each profile is data: the title phrases a document of that type is headed with, body keywords,
and negative phrases that point to a look-alike type: in the head (``negative``, a look-alike's
title) or anywhere on the page (``negative_body``, a look-alike's wording under a title both
share). The comments in the YAML name the heading or seed each phrase comes from, so a profile can
be checked against real documents.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.settings import digest_files

PROFILE_DIR = Path(__file__).parent / "profiles"
DATA_DIR = Path(__file__).parent


def normalise(text: str) -> str:
    """Uppercase, punctuation to spaces (keeping '/'), single spaces: what fuzzy matching sees."""
    text = text.upper()
    text = re.sub(r"[^0-9A-Z/%\n]+", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


@dataclass(frozen=True)
class Profile:
    doc_type: str
    label: str
    titles: tuple[str, ...]
    keywords: tuple[str, ...]
    negative: tuple[str, ...]
    negative_body: tuple[str, ...]
    min_keywords: int
    multi_page: bool
    # consecutive pages of this type are one document even when each carries its own title
    # (a kartu pegawai and the konversi NIP letter copied after it: one checklist item)
    joins_same_type: bool = False
    # the first rows of a document that prints no title, as regexes on normalised rows in order
    # (the e-KTP: "PROVINSI ...", "KABUPATEN ..." or "KOTA ...", "NIK ..."): its layout is its title
    head_rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    head_lines: int
    title_cutoff: float
    title_word_cutoff: float
    title_long_word_cutoff: float
    keyword_cutoff: float
    keyword_score_cap: float
    negative_cutoff: float
    negative_penalty: float
    negative_body_penalty: float
    head_rows_score: float
    head_rows_window: int
    unknown_below: float
    min_letters_for_text: int


@functools.cache
def load_profiles(directory: Path = PROFILE_DIR) -> tuple[Profile, ...]:
    profiles = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        profiles.append(
            Profile(
                doc_type=data["doc_type"],
                label=data.get("label", data["doc_type"]),
                titles=tuple(normalise(t) for t in data.get("titles") or ()),
                keywords=tuple(normalise(k) for k in data.get("keywords") or ()),
                negative=tuple(normalise(n) for n in data.get("negative") or ()),
                negative_body=tuple(normalise(n) for n in data.get("negative_body") or ()),
                min_keywords=int(data.get("min_keywords", 3)),
                multi_page=bool(data.get("multi_page", False)),
                joins_same_type=bool(data.get("joins_same_type", False)),
                head_rows=tuple(data.get("head_rows") or ()),
            )
        )
    return tuple(profiles)


@functools.cache
def load_thresholds(path: Path = DATA_DIR / "thresholds.yaml") -> Thresholds:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Thresholds(**{k: data[k] for k in Thresholds.__dataclass_fields__})


@functools.cache
def load_grouping(path: Path = DATA_DIR / "grouping.yaml") -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["continuation_markers"] = [normalise(m) for m in data["continuation_markers"]]
    data["lampiran_markers"] = [normalise(m) for m in data["lampiran_markers"]]
    data["decree_closing"] = [normalise(m) for m in data["decree_closing"]]
    return data


@functools.cache
def profiles_version() -> str:
    """A short hash of every profile and threshold file: recorded in each report."""
    return digest_files([*PROFILE_DIR.glob("*.yaml"), *DATA_DIR.glob("*.yaml")], DATA_DIR)

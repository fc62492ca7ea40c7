"""Keep identity numbers out of logs.

NIK (16 digits) and NIP (18 digits, or 9 for the old NIP) are personal data. Bundle ids and file
names come from scanner operators, who may well name a file after the employee's NIP, so every
name that reaches a log line goes through :func:`mask`.
"""

from __future__ import annotations

import re

_LONG_NUMBER = re.compile(r"\d(?:[\s.-]?\d){7,}")


def mask(text: str) -> str:
    """Replace any run of 8+ digits (spaces/dots allowed between them) by a fixed mask."""
    return _LONG_NUMBER.sub("[angka-disamarkan]", str(text))

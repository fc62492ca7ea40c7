"""A compact progress line for ``berkas process`` on the console (stderr).

The flow logs a line per page through Prefect, which is what a worker or the Prefect UI keeps;
on a terminal those lines scroll past between Prefect's own. The CLI turns this on so a person
running a long batch sees one line: pages done of total, rate, time left, pages reused from the
cache. It carries counts only, never a bundle id or file name (they may hold a NIP).

On a terminal the line is rewritten in place; on a pipe or a log file it is written as its own
line at most every ``every`` seconds, and once at the end.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def format_line(done: int, total: int, elapsed: float, cached: int = 0) -> str:
    """``berkas: 12/70 halaman (17%), 41.2 hlm/menit, sisa ~1m25s, 3 dari cache``."""
    pct = int(done * 100 / total) if total else 100
    rate = done / elapsed * 60 if elapsed > 0 else 0.0
    parts = [f"berkas: {done}/{total} halaman ({pct}%)", f"{rate:.1f} hlm/menit"]
    if done < total:
        parts.append(f"sisa ~{_duration((total - done) * elapsed / done) if done else '?'}")
    else:
        parts.append(f"selesai dalam {_duration(elapsed)}")
    if cached:
        parts.append(f"{cached} dari cache")
    return ", ".join(parts)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}j{minutes:02d}m"


class Progress:
    def __init__(self, stream: TextIO, live: bool | None = None, every: float = 10.0) -> None:
        self.stream = stream
        self.live = stream.isatty() if live is None else live
        self.every = every
        self.last = 0.0

    def update(self, done: int, total: int, elapsed: float, cached: int = 0) -> None:
        line = format_line(done, total, elapsed, cached)
        finished = done >= total
        if self.live:
            self.stream.write("\r\033[K" + line + ("\n" if finished else ""))
        elif finished or time.monotonic() - self.last >= self.every:
            self.stream.write(line + "\n")
            self.last = time.monotonic()
        else:
            return
        self.stream.flush()


_current: Progress | None = None


def enable(stream: TextIO = sys.stderr, live: bool | None = None) -> Progress:
    """Called by the CLI; flows run by a Prefect worker leave it off."""
    global _current
    _current = Progress(stream, live)
    return _current


def update(done: int, total: int, elapsed: float, cached: int = 0) -> None:
    if _current is not None:
        _current.update(done, total, elapsed, cached)

"""Shared test settings.

Hypothesis's default 200 ms deadline per example turns a busy machine into a failing property test
(seen while OCR ran beside the suite); speed is measured by bench/bench.py, never by a unit test.
"""

from hypothesis import settings

settings.register_profile("berkas", deadline=None)
settings.load_profile("berkas")

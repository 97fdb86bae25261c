"""Pause Python's cyclic garbage collector while an engine builds many objects without cycles.

Quote attribution and figure extraction build millions of small tuples, dicts and strings, none
in reference cycles, so a collection during them frees nothing; but each one walks every live
object of the process, more the bigger the corpus, which made the cost per article grow with
corpus size (5-10% of those stages). Reference counting still frees everything as usual.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, then restore it as it was (even on error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

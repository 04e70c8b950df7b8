"""Python's cyclic garbage collector, tuned for a long-running web worker.

A worker holds a large heap that lives as long as the process (Django, the templates, the
URL patterns, the matcher's snapshot of the sociale kaart). With Python's defaults every
full collection walks all of it: in the load test's search pages that was up to 0.3 s per
collection, several times a minute, in the middle of some visitor's request. ``settle()``
collects once and then freezes what is alive (``gc.freeze``): those objects are still freed
when nothing refers to them any more, but the collector no longer walks them. A request
creates thousands of short-lived objects, so the first generation is collected less often
(``REQUEST_THRESHOLDS``). See bench/README.md ("Load test") for the figures.
"""

from __future__ import annotations

import gc

# Python's defaults are (700, 10, 10).
REQUEST_THRESHOLDS = (20_000, 20, 20)


def settle() -> None:
    """Collect once, then keep everything alive now out of the collector's walks."""
    gc.collect()
    gc.freeze()


def tune_for_requests() -> None:
    """At a worker's start: settle the heap and collect young objects less often."""
    settle()
    gc.set_threshold(*REQUEST_THRESHOLDS)
